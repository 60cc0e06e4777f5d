// Writes packages/sandbox/specs/github-api.json: GitHub's REST API description (`@octokit/openapi`,
// generated/api.github.com.json) cut down to the paths the GitHub emulator serves and the components they
// reach, without examples and prose. Tests read only that copy, so no install carries the 385 MB package.
//
// Usage: node --import ./scripts/register-ts.mjs scripts/trim-github-spec.ts [--also <path>]... [api.github.com.json]
// Without a file it fetches @octokit/openapi at OCTOKIT_OPENAPI_VERSION with `npm pack` into a temporary
// folder. `--also` keeps a path the emulator does not serve yet. MIT: packages/sandbox/specs/NOTICE.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { trimDescription } from '../packages/sandbox/src/emulators/github/validation.js'
import { GitHubEmulator } from '../packages/sandbox/src/index.js'
import { RequestLog, SandboxClock } from '../packages/sandbox/src/kernel/index.js'

export const OCTOKIT_OPENAPI_VERSION = '23.0.2'

/** Drops `example(s)` and prose strings, but never a schema property that happens to carry such a name. */
function clean(value: unknown, underProperties = false): unknown {
  if (Array.isArray(value)) return value.map((v) => clean(v))
  if (!value || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (!underProperties && (k === 'example' || k === 'examples')) continue
    if (!underProperties && (k === 'description' || k === 'summary') && typeof v === 'string') continue
    if (!underProperties && k === 'externalDocs') continue
    out[k] = clean(v, !underProperties && k === 'properties')
  }
  return out
}

function readOctokitDescription(): Record<string, any> {
  const dir = mkdtempSync(join(tmpdir(), 'octokit-openapi-'))
  try {
    const tgz = execFileSync('npm', ['pack', '--silent', `@octokit/openapi@${OCTOKIT_OPENAPI_VERSION}`], {
      cwd: dir,
      encoding: 'utf8',
    }).trim()
    execFileSync('tar', ['xzf', tgz, 'package/generated/api.github.com.json'], { cwd: dir })
    return JSON.parse(readFileSync(join(dir, 'package/generated/api.github.com.json'), 'utf8'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const { values, positionals } = parseArgs({
  options: { also: { type: 'string', multiple: true } },
  allowPositionals: true,
})
const input = positionals[0]
const full = input ? JSON.parse(readFileSync(input, 'utf8')) : readOctokitDescription()
const emulator = new GitHubEmulator({}, { clock: new SandboxClock(1, Date.now()), log: new RequestLog() })
const paths = [...new Set([...emulator.documentedPaths(), ...(values.also ?? [])])].sort()
const trimmed = clean(trimDescription(full, paths)) as Record<string, any>
const out = new URL('../packages/sandbox/specs/github-api.json', import.meta.url)
const doc = {
  openapi: trimmed.openapi,
  info: { ...trimmed.info, 'x-trimmed': `@octokit/openapi ${OCTOKIT_OPENAPI_VERSION}, by scripts/trim-github-spec.ts` },
  paths: trimmed.paths,
  components: trimmed.components,
}
writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`)
console.log(`wrote ${out.pathname}`)
