#!/usr/bin/env node
// Where the test suite's time goes. Runs the files `npm test` runs, once, and reports the suite's wall time, the
// CPU time of every process it started (user and system, from /proc on Linux), and per test file its duration
// and the processes it started: action bundles (actions/*/dist), other Node processes, git, shells, … counted by
// a preload in the suite's Node processes (spawn-log.cjs). Nothing is timed against a goal: it is for deciding
// what the suite should run.
//   pnpm bench suite [--report FILE] [--top 25] [FILTER …]   (filters as for `vitest run`: a part of the suite)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'

const root = new URL('../..', import.meta.url).pathname
const USAGE = 'usage: pnpm bench suite [--report FILE] [--top 25] [FILTER …]'
let parsed
try {
  parsed = parseArgs({
    options: { report: { type: 'string' }, top: { type: 'string', default: '25' } },
    allowPositionals: true,
  })
} catch (error) {
  console.error(`${error.message}\n${USAGE}`)
  process.exit(2)
}
const { values, positionals: filters } = parsed
const top = Number(values.top)
if (!Number.isInteger(top) || top < 0) {
  console.error('--top: must be a whole number')
  process.exit(2)
}

/** CPU time of this process's waited-for children and theirs, in ms (Linux /proc; undefined elsewhere). */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
    const tick = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100)
    // Fields 16 and 17 of stat (cutime, cstime), counted from the state field, which is field 3.
    return { user: Number(fields[16 - 3]) * tick, system: Number(fields[17 - 3]) * tick }
  } catch {
    return undefined
  }
}

const work = mkdtempSync(join(tmpdir(), 'onramp-bench-suite-'))
const spawnLog = join(work, 'spawns.jsonl')
const results = join(work, 'results.json')
writeFileSync(spawnLog, '')
const preload = join(root, 'test/bench/spawn-log.cjs')
const cpuBefore = childrenCpuMs()
const started = performance.now()
const vitest = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=json', `--outputFile=${results}`, ...filters],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(),
      ONRAMP_SPAWN_LOG: spawnLog,
    },
  },
)
const wallMs = performance.now() - started
const cpuAfter = childrenCpuMs()

const kindOf = (e) =>
  e.script && /(^|\/)actions\/[^/]+\/dist\//.test(e.script)
    ? 'action bundle'
    : e.command === 'node' || e.command === process.execPath.split('/').at(-1)
      ? 'node (other)'
      : e.command
const perFile = new Map()
const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1)
const totals = new Map()
const entries = readFileSync(spawnLog, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line))
// A process outside the workers (a demo run, the CLI) counts for the file whose process started it or its parent
// (a shell in between logs nothing): pids resolve to files until nothing more resolves.
const fileOfPid = new Map()
for (let grew = true; grew; ) {
  grew = false
  for (const e of entries) {
    e.file ??= fileOfPid.get(e.parent) ?? fileOfPid.get(e.grandparent) ?? null
    for (const pid of [e.parent, e.pid])
      if (e.file && pid && !fileOfPid.has(pid)) {
        fileOfPid.set(pid, e.file)
        grew = true
      }
  }
}
for (const e of entries) {
  const kind = kindOf(e)
  count(totals, kind)
  const file = e.file ? relative(root, e.file) : '(outside any test file)'
  if (!perFile.has(file)) perFile.set(file, new Map())
  count(perFile.get(file), kind)
}

const lastWords = () =>
  String(vitest.stderr ?? '')
    .split('\n')
    .slice(-40)
    .join('\n')
let json
try {
  json = JSON.parse(readFileSync(results, 'utf8'))
} catch {
  console.error(lastWords())
  console.error(`vitest exited with ${vitest.status ?? vitest.signal} and wrote no results`)
  process.exit(1)
}
const files = json.testResults
  .map((t) => {
    const file = relative(root, t.name)
    return {
      file,
      duration_ms: Math.round(t.endTime - t.startTime),
      tests: t.assertionResults.length,
      processes: Object.fromEntries(perFile.get(file) ?? []),
    }
  })
  .sort((a, b) => b.duration_ms - a.duration_ms)
const cpu =
  cpuBefore && cpuAfter
    ? { user: cpuAfter.user - cpuBefore.user, system: cpuAfter.system - cpuBefore.system }
    : undefined
const report = {
  exit_code: vitest.status,
  wall_ms: Math.round(wallMs),
  cpu_ms: cpu && { user: Math.round(cpu.user), system: Math.round(cpu.system) },
  cores_busy: cpu && Number(((cpu.user + cpu.system) / wallMs).toFixed(2)),
  tests: { total: json.numTotalTests, passed: json.numPassedTests, failed: json.numFailedTests },
  failures: json.testResults.flatMap((t) =>
    t.assertionResults
      .filter((a) => a.status === 'failed')
      .map((a) => ({ file: relative(root, t.name), test: a.fullName, message: a.failureMessages[0]?.split('\n')[0] })),
  ),
  processes: Object.fromEntries([...totals].sort((a, b) => b[1] - a[1])),
  files,
}
rmSync(work, { recursive: true, force: true })

const pad = (s, n) => String(s).padStart(n)
console.log(
  `suite: ${(report.wall_ms / 1000).toFixed(1)} s wall` +
    (cpu
      ? `, ${((cpu.user + cpu.system) / 1000).toFixed(0)} s CPU (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)}), ${report.cores_busy} cores busy`
      : '') +
    `; ${report.tests.passed} of ${report.tests.total} tests passed`,
)
console.log(
  `processes: ${Object.entries(report.processes)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
)
console.log('\n  seconds  bundles  other  file')
for (const f of files.slice(0, top)) {
  const bundles = f.processes['action bundle'] ?? 0
  const other = Object.values(f.processes).reduce((a, b) => a + b, 0) - bundles
  console.log(`${pad((f.duration_ms / 1000).toFixed(1), 9)}  ${pad(bundles, 7)}  ${pad(other, 5)}  ${f.file}`)
}
const outside = perFile.get('(outside any test file)')
if (outside) console.log(`(outside any test file: ${[...outside].map(([k, n]) => `${k} ${n}`).join(', ')})`)
if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`)
if (vitest.status !== 0) {
  // The end of Vitest's output, then each failed test; while the suite passes its noise stays out.
  console.error(lastWords())
  for (const f of report.failures) console.error(`failed: ${f.file} > ${f.test}: ${f.message}`)
  console.error(`vitest exited with ${vitest.status ?? vitest.signal}: ${report.tests.failed} test(s) failed`)
}
process.exit(vitest.status === 0 ? 0 : 1)
