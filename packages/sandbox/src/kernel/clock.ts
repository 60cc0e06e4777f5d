// Sandbox time: real time scaled by a factor (so a benchmark lives through an hour of rate limits in
// seconds), plus a manual offset that tests move forward (7-day invitation expiry, 24-hour caps).

export class SandboxClock {
  private readonly startReal = Date.now()
  private offsetMs = 0
  constructor(
    readonly timeScale = 1,
    private readonly startAt = Date.now(),
  ) {}

  now(): number {
    return this.startAt + (Date.now() - this.startReal) * this.timeScale + this.offsetMs
  }

  advance(ms: number): void {
    this.offsetMs += ms
  }

  /**
   * The real epoch ms at which sandbox time equalled (or, moved forward since, would have equalled) real time:
   * with the scale, what an action needs to keep the sandbox's time (clockFromEnv). Only for a running clock.
   */
  realOrigin(): number {
    if (this.timeScale === 1) return this.startReal
    return (this.startAt + this.offsetMs - this.timeScale * this.startReal) / (1 - this.timeScale)
  }

  /** Converts a sandbox duration into the real milliseconds a client will wait. */
  toRealMs(sandboxMs: number): number {
    return sandboxMs / this.timeScale
  }
}
