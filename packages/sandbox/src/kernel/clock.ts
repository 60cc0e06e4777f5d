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
   * What an action needs to keep the sandbox's time (core's clockFromEnv: origin + (real - origin) × scale +
   * offset): the real epoch ms the clock started at, and how far sandbox time was from it then, moves included.
   * Exact at every scale, 1 included (where an advance is all that differs from real time).
   */
  actionTime(): { origin: number; offset: number } {
    return { origin: this.startReal, offset: this.startAt - this.startReal + this.offsetMs }
  }

  /** Converts a sandbox duration into the real milliseconds a client will wait. */
  toRealMs(sandboxMs: number): number {
    return sandboxMs / this.timeScale
  }
}
