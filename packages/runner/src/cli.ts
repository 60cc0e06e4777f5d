import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { checkout } from './checkout.js'
import { createPrettyPrinter, printSummaries } from './printer.js'
import { runWorkflow } from './run.js'
import type { EnvironmentSpec, StandIns } from './types.js'

const USAGE = `usage: node --import tsx packages/runner/src/cli.ts <workflow.yml> --event <event.json>
  [--event-name repository_dispatch|workflow_dispatch|...] [--repo-root <dir>]
  [--input name=value]... [--secret NAME=value]... [--var NAME=value]... [--env NAME=value]...
  [--environment-secret ENVIRONMENT:NAME=value]... (seen only by jobs that name ENVIRONMENT)
  [--stand-ins <module exporting standIns>] [--verbose] [--keep-temp] [--no-color]`

/** actions/checkout: the workspace already is the repository; `path:` links a checkout there (checkout.ts). */
const builtinStandIns: StandIns = {
  'actions/checkout': checkout,
}

function pairs(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const value of values ?? []) {
    const eq = value.indexOf('=')
    if (eq <= 0) throw new Error(`${flag} expects NAME=value`)
    out[value.slice(0, eq)] = value.slice(eq + 1)
  }
  return out
}

/** `ENVIRONMENT:NAME=value` pairs into environments holding those secrets. */
function environmentSecrets(values: string[] | undefined): Record<string, EnvironmentSpec> {
  const out: Record<string, EnvironmentSpec> = {}
  for (const value of values ?? []) {
    const colon = value.indexOf(':')
    if (colon <= 0) throw new Error('--environment-secret expects ENVIRONMENT:NAME=value')
    const name = value.slice(0, colon)
    const secrets = { ...out[name]?.secrets, ...pairs([value.slice(colon + 1)], '--environment-secret') }
    out[name] = { secrets }
  }
  return out
}

function findRepoRoot(from: string): string {
  let dir = path.resolve(from)
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir)
    if (parent === dir) return path.resolve(from)
    dir = parent
  }
  return dir
}

async function loadStandIns(file: string | undefined): Promise<StandIns> {
  if (!file) return builtinStandIns
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as Record<string, unknown>
  let standIns = mod.standIns ?? mod.default
  if (typeof standIns === 'function') standIns = await (standIns as () => unknown)()
  if (!standIns || typeof standIns !== 'object') throw new Error(`${file} exports no standIns`)
  return { ...builtinStandIns, ...(standIns as StandIns) }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      event: { type: 'string' },
      'event-name': { type: 'string' },
      'repo-root': { type: 'string' },
      input: { type: 'string', multiple: true },
      secret: { type: 'string', multiple: true },
      'environment-secret': { type: 'string', multiple: true },
      var: { type: 'string', multiple: true },
      env: { type: 'string', multiple: true },
      'stand-ins': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'keep-temp': { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  const workflow = positionals[0]
  if (values.help || !workflow || positionals.length > 1) {
    process.stderr.write(`${USAGE}\n`)
    return values.help ? 0 : 2
  }
  const event = values.event ? (JSON.parse(readFileSync(values.event, 'utf8')) as Record<string, unknown>) : {}
  const eventName =
    values['event-name'] ??
    ('client_payload' in event ? 'repository_dispatch' : 'inputs' in event ? 'workflow_dispatch' : undefined)
  if (!eventName) throw new Error('cannot infer the event name from the payload; pass --event-name')
  const repoRoot = path.resolve(values['repo-root'] ?? findRepoRoot(process.cwd()))
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort())
  const result = await runWorkflow({
    workflowFile: path.resolve(workflow),
    repoRoot,
    eventName,
    event,
    inputs: pairs(values.input, '--input'),
    secrets: pairs(values.secret, '--secret'),
    environments: environmentSecrets(values['environment-secret']),
    vars: pairs(values.var, '--var'),
    env: pairs(values.env, '--env'),
    standIns: await loadStandIns(values['stand-ins']),
    onProgress: createPrettyPrinter({
      verbose: values.verbose,
      color: !values['no-color'] && process.stdout.isTTY === true,
    }),
    signal: controller.signal,
    keepTemp: values['keep-temp'],
  })
  printSummaries(result)
  return result.conclusion === 'success' ? 0 : 1
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`)
    process.exitCode = 2
  },
)
