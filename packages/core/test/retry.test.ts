import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  classifyHttp,
  DEFAULT_POLICY,
  RESET_MARGIN_MS,
  RetryExhaustedError,
  type RetryPolicy,
  serverWaitMs,
  withRetry,
} from '../src/retry.js'
import { fakeClock } from '../src/testing/index.js'

class HttpError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly headers: Record<string, string> = {},
    message = `HTTP ${status}`,
  ) {
    super(message)
  }
}

const policy: RetryPolicy = { baseMs: 1000, capMs: 30_000, maxAttempts: 5, deadlineMs: 600_000 }

/** Fails with `errors` in order, then returns 'ok'; counts calls. */
function script(...errors: HttpError[]) {
  const fn = async (_attempt: number) => {
    fn.calls++
    const e = errors.shift()
    if (e) throw e
    return 'ok'
  }
  fn.calls = 0
  return fn
}

const run = (fn: (attempt: number) => Promise<string>, clock = fakeClock({ random: () => 0 }), p = policy) => {
  const classify = (e: unknown) => {
    const h = e as HttpError
    return classifyHttp(h.status, h.headers, h.message, clock.now())
  }
  return { clock, result: withRetry(fn, classify, p, clock) }
}

const secs = (ms: number) => Math.floor(ms / 1000)

describe('server hints (check 35)', () => {
  it('Retry-After: 7 waits at least 7 s', async () => {
    const fn = script(new HttpError(429, { 'retry-after': '7' }))
    const { clock, result } = run(fn)
    await expect(result).resolves.toBe('ok')
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(7000)
    expect(fn.calls).toBe(2)
  })

  it('Retry-After as an HTTP date, measured against the server Date header', async () => {
    const clock = fakeClock({ random: () => 0, start: Date.parse('2026-11-26T10:00:00Z') - 3_600_000 }) // local clock 1 h slow
    const fn = script(
      new HttpError(503, { date: 'Thu, 26 Nov 2026 10:00:00 GMT', 'retry-after': 'Thu, 26 Nov 2026 10:00:12 GMT' }),
    )
    await run(fn, clock).result
    expect(clock.sleeps).toEqual([12_000])
  })

  it('GitHub secondary rate limit without retry-after waits at least 60 s', async () => {
    const fn = script(new HttpError(403, {}, 'You have exceeded a secondary rate limit. Please wait a few minutes.'))
    const { clock, result } = run(fn)
    await result
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(60_000)
    // with a retry-after, that wins
    const fn2 = script(new HttpError(429, { 'retry-after': '90' }, 'You have exceeded a secondary rate limit.'))
    const r2 = run(fn2)
    await r2.result
    expect(r2.clock.sleeps).toEqual([90_000])
  })

  it('GitHub primary rate limit waits for x-ratelimit-reset', async () => {
    const clock = fakeClock({ random: () => 0 })
    const reset = secs(clock.now()) + 42
    const fn = script(new HttpError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }))
    await run(fn, clock).result
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(42_000)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(42_000 + RESET_MARGIN_MS)
  })

  it('a 403 without any rate-limit signal is not retried', async () => {
    const fn = script(new HttpError(403, { 'x-ratelimit-remaining': '4999' }, 'Resource not accessible by integration'))
    await expect(run(fn).result).rejects.toThrow('Resource not accessible')
    expect(fn.calls).toBe(1)
  })

  it('Okta x-rate-limit-reset is honoured, against the server Date, also for concurrency 429s', async () => {
    const clock = fakeClock({ random: () => 0 })
    const serverNow = clock.now() + 5000 // server clock ahead of ours
    const date = new Date(serverNow).toUTCString()
    const reset = String(secs(serverNow) + 10)
    const fn = script(
      new HttpError(429, {
        Date: date,
        'X-Rate-Limit-Remaining': '0',
        'X-Rate-Limit-Reset': reset,
        'X-Rate-Limit-Limit': '600',
      }),
      // concurrency limit: limit 0, remaining not 0
      new HttpError(429, {
        date,
        'x-rate-limit-limit': '0',
        'x-rate-limit-remaining': '3',
        'x-rate-limit-reset': reset,
      }),
    )
    await run(fn, clock).result
    expect(clock.sleeps).toHaveLength(2)
    for (const wait of clock.sleeps) {
      expect(wait).toBeGreaterThanOrEqual(10_000)
      expect(wait).toBeLessThanOrEqual(10_000 + RESET_MARGIN_MS)
    }
  })

  it('the later of several hints wins, and the backoff when it is later still', () => {
    const now = Date.parse('2026-11-26T00:00:00Z')
    expect(
      serverWaitMs(
        { 'retry-after': '3', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 20) },
        now,
      ),
    ).toBe(20_000 + RESET_MARGIN_MS)
    expect(serverWaitMs({ 'x-amz-retry-after': '1500' }, now)).toBe(1500)
    expect(serverWaitMs({ 'retry-after': 'soon' }, now)).toBeUndefined()
    expect(serverWaitMs({}, now)).toBeUndefined()
  })

  it('a hint past the deadline gives up without waiting', async () => {
    const fn = script(new HttpError(429, { 'retry-after': '3600' }))
    const { clock, result } = run(fn, fakeClock({ random: () => 0 }), { ...policy, deadlineMs: 120_000 })
    await expect(result).rejects.toBeInstanceOf(RetryExhaustedError)
    expect(clock.sleeps).toEqual([])
    expect(fn.calls).toBe(1)
  })
})

describe('backoff (check 36)', () => {
  it('5xx delays are uniform in [0, min(cap, base·2ⁿ)]', () => {
    for (let n = 0; n < 8; n++) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** n)
      const samples = Array.from({ length: 4000 }, () => backoffDelay(n, policy))
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...samples)).toBeLessThanOrEqual(ceiling)
      // uniform: each quarter of the range holds about a quarter of the samples
      const quarters = [0, 0, 0, 0]
      for (const s of samples) quarters[Math.min(3, Math.floor((s / ceiling) * 4))]!++
      for (const q of quarters) expect(q).toBeGreaterThan(800)
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length
      expect(Math.abs(mean - ceiling / 2)).toBeLessThan(ceiling * 0.05)
    }
    expect(backoffDelay(3, policy, () => 0.999999)).toBeLessThanOrEqual(8000)
    expect(backoffDelay(20, policy, () => 0.999999)).toBeLessThanOrEqual(policy.capMs)
  })

  it('waits between 5xx retries follow the policy, are not all equal, and attempts stop at the maximum', async () => {
    const clock = fakeClock({ random: Math.random })
    const always503 = async () => {
      throw new HttpError(503)
    }
    let calls = 0
    const result = withRetry(
      async () => {
        calls++
        return always503()
      },
      (e) => classifyHttp((e as HttpError).status),
      { ...policy, maxAttempts: 6 },
      clock,
    )
    await expect(result).rejects.toMatchObject({ name: 'RetryExhaustedError', attempts: 6 })
    expect(calls).toBe(6)
    expect(clock.sleeps).toHaveLength(5)
    clock.sleeps.forEach((ms, n) => {
      expect(ms).toBeGreaterThanOrEqual(0)
      expect(ms).toBeLessThanOrEqual(Math.min(policy.capMs, policy.baseMs * 2 ** n))
    })
    expect(new Set(clock.sleeps).size).toBeGreaterThan(1)
  })

  it('network errors (no status) and 500/502/503/504 retry; 501 does not', () => {
    for (const s of [undefined, 500, 502, 503, 504]) expect(classifyHttp(s).retry).toBe(true)
    expect(classifyHttp(501).retry).toBe(false)
  })

  it('the default policy matches the security checklist', () => {
    expect(DEFAULT_POLICY).toMatchObject({ baseMs: 1000, capMs: 30_000, maxAttempts: 5 })
  })
})

describe('never retried (check 37)', () => {
  it.each([400, 401, 404, 409, 410, 422, 451])('%i is rethrown as is after one attempt', async (status) => {
    const error = new HttpError(status, { 'retry-after': '1' }, 'email: domain not allowlisted')
    const fn = script(error)
    const { clock, result } = run(fn)
    await expect(result).rejects.toBe(error)
    expect(fn.calls).toBe(1)
    expect(clock.sleeps).toEqual([])
  })
})
