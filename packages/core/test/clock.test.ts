import { describe, expect, it } from 'vitest'
import {
  clockFromEnv,
  isLoopback,
  runsFast,
  SANDBOX_TIME_OFFSET_ENV,
  SANDBOX_TIME_ORIGIN_ENV,
  SANDBOX_TIME_SCALE_ENV,
  scaledClock,
  systemClock,
} from '../src/index.js'

const SCALE = { [SANDBOX_TIME_SCALE_ENV]: '100' }

describe('isLoopback', () => {
  it.each([
    'http://127.0.0.1:41234/api/',
    'https://localhost/scim/v2',
    'http://[::1]:8080',
    'http://127.8.9.10',
    '127.0.0.1',
    'localhost',
    'LOCALHOST',
  ])('%s is loopback', (endpoint) => {
    expect(isLoopback(endpoint)).toBe(true)
  })

  it.each([
    'https://api.github.com',
    'https://acme.okta.com',
    'smtp.sendgrid.net',
    'http://128.0.0.1',
    'http://127.0.0.1.nip.io',
    'http://localhost.acme.com',
    'http://[::2]',
    'http://user@evil.com',
    '',
    undefined,
    'not a url at all',
  ])('%s is not', (endpoint) => {
    expect(isLoopback(endpoint)).toBe(false)
  })
})

describe('clockFromEnv', () => {
  it('runs on the sandbox time scale when every endpoint is loopback', async () => {
    const clock = clockFromEnv(SCALE, ['http://127.0.0.1:1/api/', '127.0.0.1'])
    expect(clock.timeScale).toBe(100)
    expect(runsFast(clock)).toBe(true)
    const real = Date.now()
    const sandbox = clock.now()
    await clock.sleep(5000)
    expect(Date.now() - real).toBeLessThan(2500) // 50 ms of real time, with room for a loaded machine
    expect(clock.now() - sandbox).toBeGreaterThanOrEqual(4900)
  })

  it('ignores the scale when any endpoint is a real service, or none is given', () => {
    expect(clockFromEnv(SCALE, ['http://127.0.0.1:1', 'https://api.github.com'])).toBe(systemClock)
    expect(clockFromEnv(SCALE, ['https://acme.okta.com'])).toBe(systemClock)
    expect(clockFromEnv(SCALE, ['http://127.0.0.1:1', undefined])).toBe(systemClock)
    expect(clockFromEnv(SCALE, [])).toBe(systemClock)
    expect(runsFast(systemClock)).toBe(false)
  })

  it('is real time without the variable', () => {
    expect(clockFromEnv({}, ['http://127.0.0.1:1'])).toBe(systemClock)
    expect(clockFromEnv({ [SANDBOX_TIME_SCALE_ENV]: '1' }, ['http://127.0.0.1:1'])).toBe(systemClock)
  })

  it('keeps the sandbox time from its origin', () => {
    const origin = Date.now() - 10_000
    const clock = clockFromEnv({ ...SCALE, [SANDBOX_TIME_ORIGIN_ENV]: String(origin) }, ['localhost'])
    // Ten real seconds after the origin, the sandbox is a thousand seconds past it.
    expect(clock.now() - origin).toBeGreaterThanOrEqual(1_000_000)
    expect(clock.now() - origin).toBeLessThan(1_300_000)
  })

  it('adds the offset a test moved the sandbox by, at scale 1 too', async () => {
    const days = 3 * 86_400_000
    const real = clockFromEnv({ [SANDBOX_TIME_SCALE_ENV]: '1', [SANDBOX_TIME_OFFSET_ENV]: String(days) }, ['localhost'])
    expect(real).not.toBe(systemClock)
    expect(runsFast(real)).toBe(false)
    const before = Date.now()
    const now = real.now()
    expect(now - before).toBeGreaterThanOrEqual(days)
    expect(now - Date.now()).toBeLessThanOrEqual(days)
    const started = Date.now()
    await real.sleep(30)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25) // a real sleep at scale 1

    const origin = Date.now() - 10_000
    const fast = clockFromEnv(
      { ...SCALE, [SANDBOX_TIME_ORIGIN_ENV]: String(origin), [SANDBOX_TIME_OFFSET_ENV]: String(days) },
      ['localhost'],
    )
    expect(fast.now() - origin - days).toBeGreaterThanOrEqual(1_000_000)
    expect(fast.now() - origin - days).toBeLessThan(1_300_000)
  })

  it('ignores the offset when any endpoint is a real service', () => {
    expect(clockFromEnv({ ...SCALE, [SANDBOX_TIME_OFFSET_ENV]: '86400000' }, ['https://api.github.com'])).toBe(
      systemClock,
    )
  })

  it('refuses a scale that is not a positive number, naming the variable, not the value', () => {
    for (const bad of ['0', '-5', 'fast', 'Infinity']) {
      expect(() => clockFromEnv({ [SANDBOX_TIME_SCALE_ENV]: bad }, ['localhost'])).toThrow(
        /^ONRAMP_SANDBOX_TIME_SCALE must be a positive number/,
      )
    }
    expect(() => clockFromEnv({ ...SCALE, [SANDBOX_TIME_ORIGIN_ENV]: 'yesterday' }, ['localhost'])).toThrow(
      /ONRAMP_SANDBOX_TIME_ORIGIN must be epoch milliseconds/,
    )
    expect(() => clockFromEnv({ ...SCALE, [SANDBOX_TIME_OFFSET_ENV]: 'a week' }, ['localhost'])).toThrow(
      /^ONRAMP_SANDBOX_TIME_OFFSET must be milliseconds$/,
    )
  })

  it('scaledClock(1) is the system clock', () => {
    expect(scaledClock(1)).toBe(systemClock)
    expect(scaledClock(1, Date.now(), 0)).toBe(systemClock)
  })
})
