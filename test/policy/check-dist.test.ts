// check-dist must fail when a committed bundle is not what its sources build. Shown on a throwaway worktree
// of HEAD (sharing this checkout's installed node_modules), where validate's source is changed.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' })

describe('check-dist', () => {
  const tree = join(mkdtempSync(join(tmpdir(), 'onramp-check-dist-')), 'tree')
  beforeAll(() => {
    git(root, 'worktree', 'add', '--detach', tree, 'HEAD')
    // pnpm links each workspace package's own node_modules; reuse them rather than install again.
    for (const dir of [
      '.',
      ...['actions', 'packages'].flatMap((d) => readdirSync(join(root, d)).map((n) => join(d, n))),
    ]) {
      const from = join(root, dir, 'node_modules')
      if (existsSync(from) && existsSync(join(tree, dir))) symlinkSync(from, join(tree, dir, 'node_modules'))
    }
  })
  afterAll(() => {
    git(root, 'worktree', 'remove', '--force', tree)
  })

  it('fails, naming the bundle, when a source changed but dist was not rebuilt', () => {
    const main = join(tree, 'actions/validate/src/main.ts')
    writeFileSync(
      main,
      readFileSync(main, 'utf8').replace('each step reads the person', 'each step now reads the person'),
    )
    const r = spawnSync(process.execPath, ['scripts/check-dist.mjs', 'validate'], { cwd: tree, encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('actions/validate/dist/index.js')
  }, 120_000)
})
