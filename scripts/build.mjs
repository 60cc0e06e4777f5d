#!/usr/bin/env node
// Bundles every action (or those named on the command line) with ncc into its committed dist/, in parallel, and
// the HR relay (name: relay) into packages/relay/dist/server.js, one bundle for the Node server and Lambda.
// ESM output: each package.json has "type": "module", without which ncc emits a broken bundle.
// Unminified, with source maps, so a change to a bundle reads as a diff in review. The maps are not registered
// at start (ncc's source-map-register measured +60 ms per start); `NODE_OPTIONS=--enable-source-maps` reads
// them when a stack trace needs the sources. `--transpile-only`:
// `pnpm typecheck` checks the types once for the whole workspace; ncc checking them again in every action
// took most of the build time and changes nothing in the output.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const root = new URL('..', import.meta.url).pathname
const ncc = join(root, 'node_modules', '.bin', 'ncc')
const named = process.argv.slice(2)
const actions = readdirSync(join(root, 'actions')).filter((name) =>
  existsSync(join(root, 'actions', name, 'src', 'index.ts')),
)
const relay = {
  name: 'relay',
  dir: join(root, 'packages', 'relay'),
  entry: 'src/server.ts',
  // Deployed alone (a Lambda zip), dist/ must still say its .js files are ES modules.
  after: (dist) => {
    renameSync(join(dist, 'index.js'), join(dist, 'server.js'))
    writeFileSync(join(dist, 'package.json'), '{ "type": "module" }\n')
  },
}
const targets = [...actions.map((name) => ({ name, dir: join(root, 'actions', name), entry: 'src/index.ts' })), relay]
for (const name of named) {
  if (!targets.some((t) => t.name === name))
    throw new Error(`${name}: no such action (actions/${name}/src/index.ts) nor relay`)
}

const NCC_ARGS = ['-o', 'dist', '--source-map', '--no-source-map-register', '--transpile-only']
const LICENSE_ARGS = ['--license', 'licenses.txt', '--quiet']

async function build({ dir, entry, after }) {
  const where = dir.slice(root.length)
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  if (pkg.type !== 'module') throw new Error(`${where}/package.json: "type" must be "module"`)
  rmSync(join(dir, 'dist'), { recursive: true, force: true })
  const started = Date.now()
  try {
    await run(ncc, ['build', entry, ...NCC_ARGS, ...LICENSE_ARGS], { cwd: dir, maxBuffer: 64 * 1024 * 1024 })
  } catch (e) {
    throw new Error(`${where}: ncc failed\n${e.stdout ?? ''}${e.stderr ?? ''}`)
  }
  after?.(join(dir, 'dist'))
  console.log(`built ${where} in ${Date.now() - started} ms`)
}

// A small pool: one ncc per core keeps the machine responsive and is as fast as starting all at once.
const queue = targets.filter((t) => named.length === 0 || named.includes(t.name))
const workers = Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
  for (let t = queue.shift(); t; t = queue.shift()) await build(t)
})
const results = await Promise.allSettled(workers)
const failed = results.filter((r) => r.status === 'rejected')
for (const f of failed) console.error(f.reason.message)
if (failed.length) process.exit(1)
