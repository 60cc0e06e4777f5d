#!/usr/bin/env node
// Bundles every action (or those named on the command line) with ncc into its committed dist/, in parallel.
// ESM output: each action's package.json has "type": "module", without which ncc emits a broken bundle.
// Unminified, with source maps, so a change to a bundle reads as a diff in review. The maps are not registered
// at start (ncc's source-map-register measured +60 ms per start); `NODE_OPTIONS=--enable-source-maps` reads
// them when a stack trace needs the sources. `--transpile-only`:
// `pnpm typecheck` checks the types once for the whole workspace; ncc checking them again in every action
// took most of the build time and changes nothing in the output.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = new URL('..', import.meta.url).pathname
const ncc = join(root, 'node_modules', '.bin', 'ncc')
const named = process.argv.slice(2)
const actions = readdirSync(join(root, 'actions')).filter(
  (name) => existsSync(join(root, 'actions', name, 'src', 'index.ts')) && (named.length === 0 || named.includes(name)),
)
for (const name of named) {
  if (!actions.includes(name)) throw new Error(`actions/${name}: no such action (actions/${name}/src/index.ts)`)
}

const NCC_ARGS = ['build', 'src/index.ts', '-o', 'dist', '--source-map', '--no-source-map-register', '--transpile-only']
const LICENSE_ARGS = ['--license', 'licenses.txt', '--quiet']

async function build(name) {
  const dir = join(root, 'actions', name)
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  if (pkg.type !== 'module') throw new Error(`actions/${name}/package.json: "type" must be "module"`)
  rmSync(join(dir, 'dist'), { recursive: true, force: true })
  const started = Date.now()
  try {
    await run(ncc, [...NCC_ARGS, ...LICENSE_ARGS], { cwd: dir, maxBuffer: 64 * 1024 * 1024 })
  } catch (e) {
    throw new Error(`actions/${name}: ncc failed\n${e.stdout ?? ''}${e.stderr ?? ''}`)
  }
  console.log(`built actions/${name} in ${Date.now() - started} ms`)
}

// A small pool: one ncc per core keeps the machine responsive and is as fast as starting all at once.
const queue = [...actions]
const workers = Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
  for (let name = queue.shift(); name; name = queue.shift()) await build(name)
})
const results = await Promise.allSettled(workers)
const failed = results.filter((r) => r.status === 'rejected')
for (const f of failed) console.error(f.reason.message)
if (failed.length) process.exit(1)
