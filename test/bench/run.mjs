#!/usr/bin/env node
// `pnpm bench [name] [args]`: runs test/bench/<name>.mjs or <name>.ts (TypeScript through tsx), default
// `startup`. Benchmarks report numbers; they are not timed tests and `npm test` does not run them.
//   pnpm bench                 bundle start-up times (startup.mjs)
//   pnpm bench lies --people 20 --report lies.json    the long lie soak (lies.ts)
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const here = new URL('.', import.meta.url).pathname
const root = join(here, '../..')
const [name = 'startup', ...args] = process.argv.slice(2)
const names = readdirSync(here)
  .filter((f) => /\.(mjs|ts)$/.test(f) && f !== 'run.mjs')
  .map((f) => f.replace(/\.(mjs|ts)$/, ''))
const file = ['mjs', 'ts'].map((ext) => join(here, `${name}.${ext}`)).find((f) => existsSync(f))
if (!/^[a-z0-9-]+$/.test(name) || !file) {
  console.error(`pnpm bench: no benchmark named like that; there are: ${names.join(', ')}`)
  process.exit(1)
}
const loader = file.endsWith('.ts') ? ['--import', join(root, 'scripts/register-ts.mjs')] : []
const r = spawnSync(process.execPath, [...loader, file, ...args], { stdio: 'inherit', cwd: root })
process.exit(r.status ?? 1)
