// One limiter for every documented limit: a token bucket refilled continuously on the sandbox clock.
// A fixed window (GitHub's hourly primary limit) is a bucket refilled all at once at the window's end.
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

export class TokenBucket {
  private tokens: number
  private last: number
  private windowStart: number

  /**
   * @param capacity tokens when full (the documented limit)
   * @param periodMs time to refill from empty to full
   * @param mode `rolling`: refills continuously; `window`: refills all at once every periodMs
   */
  constructor(
    readonly capacity: number,
    readonly periodMs: number,
    private readonly clock: SandboxClock,
    readonly mode: 'rolling' | 'window' = 'rolling',
    public enabled = true,
  ) {
    this.tokens = capacity
    this.last = clock.now()
    this.windowStart = this.last
  }

  private refill(now: number): void {
    if (this.mode === 'window') {
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
    const resetAt =
      this.mode === 'window'
        ? this.windowStart + this.periodMs
        : now + ((this.capacity - this.tokens) * this.periodMs) / this.capacity
    if (!this.enabled || this.tokens >= cost) {
      if (this.enabled) this.tokens -= cost
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
        : ((cost - this.tokens) * this.periodMs) / this.capacity
    return {
      ok: false,
      limit: this.capacity,
      remaining: Math.floor(this.tokens),
      resetAt: Math.ceil(resetAt),
      retryAfterMs: Math.ceil(retryAfterMs),
    }
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
