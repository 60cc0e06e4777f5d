// One limiter for every documented limit: a token bucket refilled continuously on the sandbox clock.
// A fixed window (GitHub's hourly primary limit) is a bucket refilled all at once at the window's end. A sliding
// window (`at most capacity in any periodMs`, the strictest reading of "80 a minute") remembers when each take was.
import type { SandboxClock } from './clock.js'

export interface Take {
  ok: boolean
  limit: number
  remaining: number
  /** Sandbox epoch ms when the bucket is full again (window end for fixed windows). */
  resetAt: number
  /** Sandbox ms until `cost` tokens are available; 0 when ok. */
  retryAfterMs: number
}

export type LimitMode = 'rolling' | 'window' | 'sliding'

export class TokenBucket {
  private tokens: number
  private last: number
  private windowStart: number
  /** `sliding`: when each token still counted was taken, oldest first. */
  private taken: number[] = []

  /**
   * @param capacity tokens when full (the documented limit)
   * @param periodMs time to refill from empty to full
   * @param mode `rolling`: refills continuously; `window`: refills all at once every periodMs; `sliding`: each
   *   token comes back periodMs after it was taken
   */
  constructor(
    readonly capacity: number,
    readonly periodMs: number,
    private readonly clock: SandboxClock,
    readonly mode: LimitMode = 'rolling',
    public enabled = true,
  ) {
    this.tokens = capacity
    this.last = clock.now()
    this.windowStart = this.last
  }

  private refill(now: number): void {
    if (this.mode === 'sliding') {
      while (this.taken.length && this.taken[0]! <= now - this.periodMs) this.taken.shift()
      this.tokens = this.capacity - this.taken.length
    } else if (this.mode === 'window') {
      if (now - this.windowStart >= this.periodMs) {
        const windows = Math.floor((now - this.windowStart) / this.periodMs)
        this.windowStart += windows * this.periodMs
        this.tokens = this.capacity
      }
    } else {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.capacity) / this.periodMs)
    }
    this.last = now
  }

  take(cost = 1): Take {
    const now = this.clock.now()
    this.refill(now)
    const resetAt = this.resetAt(now)
    if (!this.enabled || this.tokens >= cost) {
      if (this.enabled) {
        this.tokens -= cost
        if (this.mode === 'sliding') for (let i = 0; i < cost; i++) this.taken.push(now)
      }
      return {
        ok: true,
        limit: this.capacity,
        remaining: Math.floor(this.tokens),
        resetAt: Math.ceil(resetAt),
        retryAfterMs: 0,
      }
    }
    const retryAfterMs =
      this.mode === 'window'
        ? this.windowStart + this.periodMs - now
        : this.mode === 'sliding'
          ? // Until enough of the oldest takes have left the window.
            (this.taken[Math.min(cost - this.tokens, this.taken.length) - 1] ?? now) + this.periodMs - now
          : ((cost - this.tokens) * this.periodMs) / this.capacity
    return {
      ok: false,
      limit: this.capacity,
      remaining: Math.floor(this.tokens),
      resetAt: Math.ceil(resetAt),
      retryAfterMs: Math.ceil(retryAfterMs),
    }
  }

  /** When the bucket is full again. */
  private resetAt(now: number): number {
    if (this.mode === 'window') return this.windowStart + this.periodMs
    if (this.mode === 'sliding') return (this.taken.at(-1) ?? now - this.periodMs) + this.periodMs
    return now + ((this.capacity - this.tokens) * this.periodMs) / this.capacity
  }

  /** Current state without taking anything. */
  peek(): Take {
    const now = this.clock.now()
    this.refill(now)
    const resetAt = this.mode === 'window' ? this.windowStart + this.periodMs : now
    return { ok: this.tokens >= 1, limit: this.capacity, remaining: Math.floor(this.tokens), resetAt, retryAfterMs: 0 }
  }
}

/** Concurrency limit: how many requests may be in flight at once. */
export class ConcurrencyGate {
  private inFlight = 0
  constructor(
    readonly max: number,
    public enabled = true,
  ) {}
  enter(): boolean {
    if (this.enabled && this.inFlight >= this.max) return false
    this.inFlight++
    return true
  }
  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1)
  }
}
