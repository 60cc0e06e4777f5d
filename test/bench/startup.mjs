#!/usr/bin/env node
// How long each action's bundle takes to start, against a bare `node -e ''`, on the Node at hand and Node 24
// (installed into .cache/node24 on first use).
// A start is spawn to exit with no inputs (the action fails fast on input validation after loading its
// bundle), so it measures module loading. Prints min and median over RUNS (default 30) runs each.
//   node test/bench/startup.mjs            RUNS=50 node test/bench/startup.mjs
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureNode24 } from '../../scripts/node24.mjs'

const root = new URL('../..', import.meta.url).pathname
const runs = Number(process.env.RUNS ?? 30)
const node24 = ensureNode24()
const work = mkdtempSync(join(tmpdir(), 'onramp-bench-'))
const env = { PATH: process.env.PATH, GITHUB_EVENT_PATH: join(work, 'event.json'), GITHUB_EVENT_NAME: 'push' }
writeFileSync(env.GITHUB_EVENT_PATH, '{}')
for (const f of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
  env[f] = join(work, f)
  writeFileSync(env[f], '')
}

function measure(binary, args) {
  const times = []
  for (let i = 0; i < runs + 3; i++) {
    const t = process.hrtime.bigint()
    spawnSync(binary, args, { stdio: 'ignore', env, cwd: work })
    if (i >= 3) times.push(Number(process.hrtime.bigint() - t) / 1e6)
  }
  times.sort((a, b) => a - b)
  return { min: times[0], median: times[Math.floor(times.length / 2)] }
}

const actions = readdirSync(join(root, 'actions')).filter((a) => existsSync(join(root, 'actions', a, 'dist/index.js')))
for (const [label, binary] of [
  [`node ${process.versions.node}`, process.execPath],
  ['node 24', node24],
]) {
  if (!existsSync(binary)) continue
  const bare = measure(binary, ['-e', ''])
  console.log(
    `\n${label}: bare node -e '' min ${bare.min.toFixed(1)} ms, median ${bare.median.toFixed(1)} ms (${runs} runs)`,
  )
  console.log('action                 min ms  median ms  median / bare median')
  for (const a of actions) {
    const t = measure(binary, [join(root, 'actions', a, 'dist/index.js')])
    console.log(
      `${a.padEnd(22)} ${t.min.toFixed(1).padStart(6)}  ${t.median.toFixed(1).padStart(9)}  ${(t.median / bare.median).toFixed(2).padStart(8)}x`,
    )
  }
}
