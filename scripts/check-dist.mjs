#!/usr/bin/env node
// Rebuilds every action (or those named) and fails when the committed dist/ differs, new untracked and
// deleted files included (`git status --porcelain` sees those; `git diff` would not).
import { execFileSync } from 'node:child_process'

const root = new URL('..', import.meta.url).pathname
const named = process.argv.slice(2)
execFileSync(process.execPath, ['scripts/build.mjs', ...named], { cwd: root, stdio: 'inherit' })
const paths = named.length ? named.map((a) => `actions/${a}/dist`) : [':(glob)actions/*/dist/**']
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...paths], {
  cwd: root,
  encoding: 'utf8',
})
if (status.trim()) {
  console.error('check-dist: the committed dist/ is not what the sources build. Run `pnpm build` and commit dist/:')
  console.error(status)
  process.exit(1)
}
console.log('check-dist: every dist/ matches its sources')
