#!/usr/bin/env node
// Lets `npm run demo` and `npm test` work on a machine with only Node and npm: on first use, install the
// workspace with the pnpm version pinned in package.json (fetched by npx), from the lockfile.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

const root = new URL('..', import.meta.url).pathname
if (!existsSync(`${root}node_modules/.modules.yaml`)) {
  const pnpm = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).packageManager
  console.log(`onramp: first run, installing the workspace with ${pnpm} …`)
  execFileSync('npx', ['--yes', pnpm, 'install', '--frozen-lockfile'], { cwd: root, stdio: 'inherit' })
}
