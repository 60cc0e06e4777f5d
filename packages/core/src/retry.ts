// The one retry policy: exponential backoff with full jitter, capped, with a bounded number of attempts.
// Server hints (Retry-After, rate-limit reset headers) win over the computed delay. Clock and sleep are
// injectable so tests run instantly and can assert every delay.

export interface RetryPolicy {
  /** First backoff ceiling, in ms. */
  baseMs: number
  /** Largest backoff ceiling, in ms. */
  capMs: number
  /** Attempts in all, the first included. */
  maxAttempts: number
  /** Give up when the next wait would end later than this many ms after the first attempt. */
  deadlineMs: number
}

export const DEFAULT_POLICY: RetryPolicy = { baseMs: 1000, capMs: 30_000, maxAttempts: 5, deadlineMs: 120_000 }

export interface Clock {
  /** How many times faster than real time this clock runs (a time-scaled sandbox's; clock.ts). Default 1. */
  readonly timeScale?: number
  now(): number
  sleep(ms: number): Promise<void>
  random(): number
}

export const systemClock: Clock = {
  timeScale: 1,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
}

/** Statuses that mean "your request is wrong": retrying cannot help. */
export const NEVER_RETRY = new Set([400, 401, 404, 409, 410, 422, 451])

/** Full jitter: uniform in [0, min(cap, base * 2^retry)] where retry counts from 0. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}

/** Added to reset-header waits: resets are whole epoch seconds and clocks drift (the Octokit and Okta SDKs do the same). */
export const RESET_MARGIN_MS = 1000

/**
 * A server's own word on when to come back, in ms from now, or undefined. Reads `Retry-After` (seconds or
 * an HTTP date), `x-amz-retry-after` (ms), and epoch-second reset headers (`x-ratelimit-reset` for GitHub,
 * `x-rate-limit-reset` for Okta) when the remaining count is 0 (or always, with `anyReset`, for a 429).
 * Dates and resets are measured against the server's `Date` header when present, so a skewed local clock
 * neither retries early nor waits an hour. The later of all hints wins. Header names are case-insensitive.
 */
export function serverWaitMs(
  headers: Record<string, string | string[] | number | undefined>,
  nowMs: number,
  options: { anyReset?: boolean } = {},
): number | undefined {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  const h = (name: string): string | undefined => {
    const v = lower.get(name)
    const first = Array.isArray(v) ? v[0] : v
    return first === undefined ? undefined : String(first).trim()
  }
  const serverDate = Date.parse(h('date') ?? '')
  const serverNow = Number.isNaN(serverDate) ? nowMs : serverDate
  const waits: number[] = []
  const retryAfter = h('retry-after')
  if (retryAfter !== undefined && retryAfter !== '') {
    const secs = Number(retryAfter)
    if (Number.isFinite(secs)) waits.push(Math.max(0, secs * 1000))
    else {
      const at = Date.parse(retryAfter)
      if (!Number.isNaN(at)) waits.push(Math.max(0, at - serverNow))
    }
  }
  const amz = Number(h('x-amz-retry-after'))
  if (h('x-amz-retry-after') && Number.isFinite(amz)) waits.push(Math.max(0, amz))
  for (const [remainingName, resetName] of [
    ['x-ratelimit-remaining', 'x-ratelimit-reset'],
    ['x-rate-limit-remaining', 'x-rate-limit-reset'],
  ] as const) {
    const reset = Number(h(resetName))
    if ((h(remainingName) === '0' || options.anyReset) && h(resetName) && Number.isFinite(reset)) {
      waits.push(Math.max(0, reset * 1000 - serverNow + RESET_MARGIN_MS))
    }
  }
  return waits.length ? Math.max(...waits) : undefined
}

/** What a failed attempt tells the loop. */
export interface Verdict {
  retry: boolean
  /** A wait the server asked for, in ms; the loop waits at least this long. */
  waitMs?: number
}

export class RetryExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`gave up after ${attempts} attempt(s): ${lastError instanceof Error ? lastError.message : String(lastError)}`)
    this.name = 'RetryExhaustedError'
  }
}

/**
 * Run `fn` until it succeeds, `classify` says stop, attempts run out, or the deadline would be passed.
 * The wait before retry n is max(server hint, full-jitter backoff(n)). Non-retryable errors are rethrown as is.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  classify: (error: unknown) => Verdict,
  policy: RetryPolicy = DEFAULT_POLICY,
  clock: Clock = systemClock,
): Promise<T> {
  const started = clock.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt)
    } catch (error) {
      const verdict = classify(error)
      if (!verdict.retry) throw error
      if (attempt >= policy.maxAttempts) throw new RetryExhaustedError(attempt, error)
      const wait = Math.max(verdict.waitMs ?? 0, backoffDelay(attempt - 1, policy, clock.random))
      if (clock.now() + wait - started > policy.deadlineMs) throw new RetryExhaustedError(attempt, error)
      await clock.sleep(wait)
    }
  }
}

/**
 * Classify an HTTP outcome by status and headers: 429 and 5xx retry; a 403 retries only when it is a rate
 * limit (remaining 0, a Retry-After, or GitHub's "secondary rate limit" message; without a hint a secondary
 * limit waits at least 60 s); network errors (no status) retry; everything else stops.
 */
export function classifyHttp(
  status: number | undefined,
  headers: Record<string, string | string[] | number | undefined> = {},
  message = '',
  nowMs = Date.now(),
): Verdict {
  const hint = serverWaitMs(headers, nowMs)
  if (status === undefined) return { retry: true }
  // A 429 is a rate limit whatever the remaining count says (Okta's concurrency limit reports limit 0).
  if (status === 429) return { retry: true, waitMs: serverWaitMs(headers, nowMs, { anyReset: true }) }
  if (status === 403) {
    if (/secondary rate limit/i.test(message)) return { retry: true, waitMs: hint ?? 60_000 }
    if (hint !== undefined) return { retry: true, waitMs: hint }
    return { retry: false }
  }
  if (NEVER_RETRY.has(status)) return { retry: false }
  if (status >= 500 && status !== 501) return { retry: true, waitMs: hint }
  return { retry: false }
}
