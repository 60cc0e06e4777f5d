// Starts a committed action bundle with no inputs on a given Node binary, the way the runner would: each action
// must fail cleanly on input validation (exit 1, a `::error::` line, no crash of the module graph).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname

/** Every action with a committed bundle. */
export const bundledActions = readdirSync(join(root, 'actions')).filter((a) =>
  existsSync(join(root, 'actions', a, 'dist', 'index.js')),
)

export function startBundle(nodeBinary: string, action: string) {
  const work = mkdtempSync(join(tmpdir(), 'onramp-smoke-'))
  const files = Object.fromEntries(
    ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE'].map((k) => {
      const f = join(work, k.toLowerCase())
      writeFileSync(f, '')
      return [k, f]
    }),
  )
  const event = join(work, 'event.json')
  writeFileSync(event, '{}')
  return spawnSync(nodeBinary, [join(root, 'actions', action, 'dist', 'index.js')], {
    cwd: work,
    env: { PATH: process.env.PATH, ...files, GITHUB_EVENT_PATH: event, GITHUB_EVENT_NAME: 'push' },
    encoding: 'utf8',
    timeout: 20_000,
  })
}

/** What a clean start with no inputs looks like; an empty list when the bundle started cleanly. */
export function smokeProblems(r: ReturnType<typeof startBundle>): string[] {
  const all = `${r.stdout}\n${r.stderr}`
  const problems: string[] = []
  const crash = /Cannot find module|ERR_MODULE_NOT_FOUND|webpackMissingModule|SyntaxError/.exec(all)
  if (crash) problems.push(`module graph broken: ${crash[0]}`)
  if (r.status !== 1) problems.push(`exit code ${r.status}, expected 1`)
  if (!/^::error/m.test(r.stdout)) problems.push('no ::error:: line on stdout')
  return problems
}
