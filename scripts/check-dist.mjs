#!/usr/bin/env node
// Rebuilds every action and fails when the committed dist/ differs, new untracked files included
// (`git status --porcelain` sees those; `git diff` would not).
import { execFileSync } from 'node:child_process'

const root = new URL('..', import.meta.url).pathname
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' })
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'actions/*/dist'], {
  cwd: root,
  encoding: 'utf8',
})
if (status.trim()) {
  console.error('check-dist: the committed dist/ is not what the sources build. Run `pnpm build` and commit dist/:')
  console.error(status)
  process.exit(1)
}
console.log('check-dist: every dist/ matches its sources')
