#!/usr/bin/env node
// Bundles every action (or those named on the command line) with ncc into its committed dist/, and the HR
// relay (name: relay) into packages/relay/dist/server.js, one bundle for the Node server and Lambda.
// ESM output: each package.json has "type": "module", without which ncc emits a broken bundle.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const ncc = join(root, 'node_modules', '.bin', 'ncc')
const named = process.argv.slice(2)
const actions = readdirSync(join(root, 'actions')).filter(
  (name) => existsSync(join(root, 'actions', name, 'src', 'index.ts')) && (named.length === 0 || named.includes(name)),
)

for (const name of actions) {
  const dir = join(root, 'actions', name)
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  if (pkg.type !== 'module') throw new Error(`actions/${name}/package.json: "type" must be "module"`)
  rmSync(join(dir, 'dist'), { recursive: true, force: true })
  const started = Date.now()
  execFileSync(ncc, ['build', 'src/index.ts', '-o', 'dist', '--minify', '--license', 'licenses.txt', '--quiet'], {
    cwd: dir,
    stdio: 'inherit',
  })
  console.log(`built actions/${name} in ${Date.now() - started} ms`)
}

if (named.length === 0 || named.includes('relay')) {
  const dir = join(root, 'packages', 'relay')
  rmSync(join(dir, 'dist'), { recursive: true, force: true })
  const started = Date.now()
  execFileSync(ncc, ['build', 'src/server.ts', '-o', 'dist', '--minify', '--license', 'licenses.txt', '--quiet'], {
    cwd: dir,
    stdio: 'inherit',
  })
  renameSync(join(dir, 'dist', 'index.js'), join(dir, 'dist', 'server.js'))
  // Deployed alone (a Lambda zip), dist/ must still say its .js files are ES modules.
  writeFileSync(join(dir, 'dist', 'package.json'), '{ "type": "module" }\n')
  console.log(`built packages/relay in ${Date.now() - started} ms`)
}
