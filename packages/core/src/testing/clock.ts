// A fake Clock: sleeps return at once and advance `now`; every wait is recorded for assertions.

import type { Clock } from '../retry.js'

export interface FakeClock extends Clock {
  /** Every sleep requested, in ms, in order. */
  readonly sleeps: number[]
  advance(ms: number): void
}

export function fakeClock(options: { start?: number; random?: () => number } = {}): FakeClock {
  let t = options.start ?? Date.UTC(2026, 10, 26, 0, 0, 0)
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => t,
    random: options.random ?? Math.random,
    async sleep(ms) {
      sleeps.push(ms)
      t += ms
    },
    advance(ms) {
      t += ms
    },
  }
}

/** A deterministic random source cycling through `values`. */
export function sequence(...values: number[]): () => number {
  let i = 0
  return () => values[i++ % values.length]!
}
