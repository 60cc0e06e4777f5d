// Run an action's built bundle the way the Actions runner does (conventions.md §7.2): a clean environment with
// only the runner's variables, INPUT_* named with hyphens kept and action.yml defaults merged, file commands
// in a temp dir, cwd = a temp workspace. A broken bundle only shows at runtime, so this is the smoke test.

import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { JSON_SCHEMA, load } from 'js-yaml'
import { signDispatch } from './events.js'

export interface RunBundleOptions {
  /** Values by input name as written in `with:`; action.yml defaults fill the rest. */
  inputs?: Record<string, string | number | boolean | undefined>
  /** Extra environment (endpoints, GITHUB_API_URL, …). Nothing from the parent process leaks in but PATH. */
  env?: Record<string, string | undefined>
  /** The webhook payload written to GITHUB_EVENT_PATH. */
  event?: unknown
  eventName?: string
  /** The event file's exact text instead of `event` (for payloads JSON.stringify cannot write). */
  eventText?: string
  /** Sign a repository_dispatch event (one not signed already) with this key as it is written. */
  signWith?: string
  /** The clock the event is signed by: the sandbox's (epoch ms), which tests move forward; default real time. */
  now?: () => number
  /** The workspace (cwd and GITHUB_WORKSPACE); default a fresh temp dir. */
  cwd?: string
  /** Another node binary, e.g. to smoke-test on Node 20 and 24. */
  node?: string
  repository?: string
  runId?: string
  timeoutMs?: number
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  properties: Record<string, string>
}

export interface RunBundleResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Variables the step exported through GITHUB_ENV. */
  env: Record<string, string>
  state: Record<string, string>
  annotations: Annotation[]
  workspace: string
}

interface ActionYml {
  inputs?: Record<string, { default?: unknown } | null>
  runs?: { main?: string }
}

/** The runner's name for input `name`: spaces become `_`, upper-cased, hyphens kept. */
export const inputEnvName = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`

export async function readActionYml(actionDir: string): Promise<ActionYml> {
  for (const file of ['action.yml', 'action.yaml']) {
    try {
      return (load(await readFile(join(actionDir, file), 'utf8'), { schema: JSON_SCHEMA }) ?? {}) as ActionYml
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  return {}
}

export async function runBundle(actionDir: string, options: RunBundleOptions = {}): Promise<RunBundleResult> {
  const dir = resolve(actionDir)
  const yml = await readActionYml(dir)
  const temp = await mkdtemp(join(tmpdir(), 'onramp-run-'))
  const workspace = options.cwd ?? join(temp, 'workspace')
  await mkdir(workspace, { recursive: true })
  // The runner's temp folder for the job, which actions write their own files to, as on GitHub.
  const runnerTemp = join(temp, 'runner-temp')
  await mkdir(runnerTemp)
  const files = {
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary'),
    GITHUB_ENV: join(temp, 'env'),
    GITHUB_PATH: join(temp, 'path'),
    GITHUB_STATE: join(temp, 'state'),
    GITHUB_EVENT_PATH: join(temp, 'event.json'),
  }
  for (const [key, file] of Object.entries(files)) {
    await writeFile(file, key === 'GITHUB_EVENT_PATH' ? eventText(options) : '')
  }

  const inputs: Record<string, string> = {}
  for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
    if (spec?.default !== undefined && spec.default !== null) inputs[name] = String(spec.default)
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (value !== undefined) inputs[name] = String(value)
  }

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...files,
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_REPOSITORY: options.repository ?? 'acme/people-ops',
    GITHUB_RUN_ID: options.runId ?? '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputEnvName(k), v])),
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }

  const main = join(dir, yml.runs?.main ?? 'dist/index.js')
  const child = spawn(options.node ?? process.execPath, [main], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c
  })
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
    child.on('error', fail)
    child.on('close', (c, s) => done([c, s]))
  })
  clearTimeout(timer)

  const read = (file: string) => readFile(file, 'utf8')
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseFileCommand(await read(files.GITHUB_OUTPUT)),
    summary: await read(files.GITHUB_STEP_SUMMARY),
    env: parseFileCommand(await read(files.GITHUB_ENV)),
    state: parseFileCommand(await read(files.GITHUB_STATE)),
    annotations: parseAnnotations(stdout),
    workspace,
  }
}

function eventText(options: RunBundleOptions): string {
  if (options.eventText !== undefined) return options.eventText
  const event = options.event ?? {}
  const dispatch = (options.eventName ?? 'workflow_dispatch') === 'repository_dispatch'
  const at = new Date(options.now ? options.now() : Date.now())
  return JSON.stringify(dispatch && options.signWith ? signDispatch(event, options.signWith, at) : event)
}

/**
 * Parse a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file: `name=value` lines and `name<<DELIM` … `DELIM`
 * blocks (what @actions/core writes). A later value for the same name wins, as on the runner.
 */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    const eq = line.indexOf('=')
    if (heredoc && (eq === -1 || eq > line.indexOf('<<'))) {
      const [, name, delimiter] = heredoc
      const body: string[] = []
      let closed = false
      for (i++; i < lines.length; i++) {
        if (lines[i] === delimiter) {
          closed = true
          break
        }
        body.push(lines[i]!)
      }
      if (!closed) throw new Error(`file command: missing delimiter ${delimiter} for ${name}`)
      out[name!] = body.join('\n')
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1)
    } else {
      throw new Error(`file command: cannot parse line ${i + 1}`)
    }
  }
  return out
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')

/** Workflow-command annotations (`::error file=x,line=1::message`) from a step's stdout. */
export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const properties: Record<string, string> = {}
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
    out.push({ level: m[1] as Annotation['level'], message: unescapeData(m[3]!), properties })
  }
  return out
}
