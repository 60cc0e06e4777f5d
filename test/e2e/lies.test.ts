// The lie soak, bounded: one person onboarded and offboarded through lifecycle.yml while 30% of changing calls
// answer success and do nothing. No green run may leave a system wrong; every lie is caught (the run is not
// green, a rerun repairs it) or is on a call onramp reports as unverified. The long soak is a benchmark:
// `pnpm bench lies` runs the same over 20 people and reports the counts.
import { describe, expect, it } from 'vitest'
import { lieSoak } from '../support/lie-soak.js'

describe('lie soak', () => {
  it('30% of changing calls lie: no green run with wrong state, every event finished by reruns', async () => {
    const lines: string[] = []
    const counts = await lieSoak({ people: 1, rate: 0.3, seed: 11, maxRuns: 6, onLine: (l) => lines.push(l) })
    expect(counts.greenButWrong, counts.wrong.join('\n')).toBe(0)
    expect(counts.unfinished, lines.join('\n')).toBe(0)
    expect(counts.lies).toBeGreaterThan(0)
    expect(counts.caughtRuns).toBeGreaterThan(0)
    expect(counts.repairedOnRerun).toBeGreaterThan(0)
  }, 900_000)
})
