#!/usr/bin/env node
// Rebuilds every action and the relay (or those named) and fails when the committed dist/ differs, new untracked and
// deleted files included (`git status --porcelain` sees those; `git diff` would not).
import { execFileSync } from 'node:child_process'

const root = new URL('..', import.meta.url).pathname
const named = process.argv.slice(2)
execFileSync(process.execPath, ['scripts/build.mjs', ...named], { cwd: root, stdio: 'inherit' })
const distOf = (name) => (name === 'relay' ? 'packages/relay/dist' : `actions/${name}/dist`)
const paths = named.length ? named.map(distOf) : [':(glob)actions/*/dist/**', 'packages/relay/dist']
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
