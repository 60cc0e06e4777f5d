// The lie soak over a batch of people: prints how many lies were told, caught, repaired on a rerun, reported as
// unverifiable, and how many green runs left wrong state (must be 0).
//   node --import ./scripts/register-ts.mjs test/bench/lies.ts      PEOPLE=20 RATE=0.3 SEED=1 MAX_RUNS=6
import { lieSoak } from '../support/lie-soak.js'

const counts = await lieSoak({
  people: Number(process.env.PEOPLE ?? 20),
  rate: Number(process.env.RATE ?? 0.3),
  seed: Number(process.env.SEED ?? 1),
  maxRuns: Number(process.env.MAX_RUNS ?? 6),
  onLine: (line) => console.log(line),
})
const { wrong, ...numbers } = counts
console.log(JSON.stringify(numbers))
for (const w of wrong) console.log(`green but wrong: ${w}`)
process.exit(counts.greenButWrong === 0 ? 0 : 1)
