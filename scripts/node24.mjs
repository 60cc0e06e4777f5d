#!/usr/bin/env node
// Node 24, the runtime GitHub starts `using: node24` actions on, for the bundle smoke test on Node 24 only: it
// is installed from npm (the `node-<os>-<arch>` package that ships the binary) into .cache/node24 on first use,
// so `npm test` and `npm run demo` never download it.
//   node scripts/node24.mjs      installs it if missing and prints the binary's path
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

export const NODE24_VERSION = '24.9.0'
const root = new URL('..', import.meta.url).pathname
const cache = join(root, '.cache', 'node24', NODE24_VERSION)
const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`

/** Where the Node 24 binary is, installed or not. */
export function node24Path() {
  return join(cache, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node')
}

/** Installs Node 24 into the cache unless it is there; returns the binary's path. */
export function ensureNode24() {
  const bin = node24Path()
  if (existsSync(bin)) return bin
  mkdirSync(cache, { recursive: true })
  console.error(`onramp: installing Node ${NODE24_VERSION} (${pkg}) from npm into ${cache} …`)
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      cache,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `${pkg}@${NODE24_VERSION}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  if (!existsSync(bin)) throw new Error(`${pkg}@${NODE24_VERSION} installed no binary at ${bin}`)
  return bin
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureNode24())
