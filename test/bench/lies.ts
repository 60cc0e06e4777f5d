// The long lie soak: lifecycle.yml onboards and offboards a batch of people while a share of every changing
// call answers success and does nothing. Prints each run and the counts: lies told, caught, repaired on a rerun,
// reported as unverifiable, and green runs that left wrong state (must be 0; the exit code says so). The test
// suite keeps a bounded soak of two people (test/e2e/lies.test.ts).
//   pnpm bench lies [--people 20] [--rate 0.3] [--seed 1] [--max-runs 6] [--time-scale 100] [--report FILE]
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { TEST_TIME_SCALE } from '../support/harness.js'
import { lieSoak } from '../support/lie-soak.js'

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '20' },
    rate: { type: 'string', default: '0.3' },
    seed: { type: 'string', default: '1' },
    'max-runs': { type: 'string', default: '6' },
    'time-scale': { type: 'string', default: String(TEST_TIME_SCALE) },
    report: { type: 'string' },
  },
})
const number = (name: keyof typeof values, ok: (n: number) => boolean, rule: string) => {
  const n = Number(values[name])
  if (!ok(n)) {
    console.error(`--${name}: ${rule}`)
    process.exit(2)
  }
  return n
}
const options = {
  people: number('people', (n) => Number.isInteger(n) && n >= 1, 'must be a whole number of at least 1'),
  rate: number('rate', (n) => n >= 0 && n <= 1, 'must be between 0 and 1'),
  seed: number('seed', Number.isInteger, 'must be a whole number'),
  maxRuns: number('max-runs', (n) => Number.isInteger(n) && n >= 1, 'must be a whole number of at least 1'),
  timeScale: number('time-scale', (n) => n > 0, 'must be a positive number'),
}

const started = Date.now()
const counts = await lieSoak({ ...options, onLine: (line) => console.log(line) })
const { wrong, ...numbers } = counts
const report = { ...numbers, rate: options.rate, time_scale: options.timeScale, wall_ms: Date.now() - started }
console.log(JSON.stringify(report))
for (const w of wrong) console.log(`green but wrong: ${w}`)
if (values.report) writeFileSync(values.report, `${JSON.stringify({ ...report, wrong }, null, 2)}\n`)
process.exit(counts.greenButWrong === 0 && counts.unfinished === 0 ? 0 : 1)
