// The sandbox's time, reaching an action: the sandbox can run its clocks faster than real time (a minute of rate
// limits in a fraction of a second) and tests move it forward by days (a start date arrives); an action that
// talks only to it shares that time, so a `Retry-After: 60` or a read-back deadline costs what it costs in sandbox
// time, and every decision (is a task due, is a signature too old) is taken at the sandbox's now. Honoured only
// when every endpoint the action talks to is loopback: a real service always gets real time.

import { type Clock, systemClock } from './retry.js'

/** Set by the sandbox helpers (and `pnpm sandbox`): how many times faster than real time the sandbox runs. */
export const SANDBOX_TIME_SCALE_ENV = 'ONRAMP_SANDBOX_TIME_SCALE'
/** Optional, with the scale: the real epoch ms at which sandbox time equalled real time (default: the start). */
export const SANDBOX_TIME_ORIGIN_ENV = 'ONRAMP_SANDBOX_TIME_ORIGIN'
/** Optional, with the scale: ms the sandbox's time is ahead of where the scale alone puts it (tests move it). */
export const SANDBOX_TIME_OFFSET_ENV = 'ONRAMP_SANDBOX_TIME_OFFSET'

/**
 * A clock running `scale` times faster than real time, equal to it at `origin` (real epoch ms, default now), plus
 * `offset` ms: `sleep(ms)` takes ms/scale real ms, and `now()` is the sandbox's time when origin and offset are
 * the sandbox's. Real time itself (scale 1, no offset) is the system clock.
 */
export function scaledClock(scale: number, origin = Date.now(), offset = 0): Clock {
  if (scale === 1 && offset === 0) return systemClock
  return {
    timeScale: scale,
    now: () => origin + (Date.now() - origin) * scale + offset,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / scale)),
    random: () => Math.random(),
  }
}

/**
 * Whether an endpoint is on this machine's loopback interface: a URL or a bare host whose host is `localhost`,
 * in 127.0.0.0/8, or `::1`. Anything else (a name, another address, an empty or unparsable value) is not.
 */
export function isLoopback(endpoint: string | undefined): boolean {
  if (!endpoint) return false
  let host: string
  try {
    host = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? new URL(endpoint).hostname : new URL(`x://${endpoint}`).hostname
  } catch {
    return false
  }
  host = host.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host)
}

/**
 * The clock an action runs on. `endpoints` are all the services the action will call (API URLs, or a host
 * for SMTP; the real service's URL where no override is set): only when there is at least one and every one
 * is loopback does `ONRAMP_SANDBOX_TIME_SCALE` (with its origin and offset) apply. Otherwise, or when the
 * variable is unset, real time.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv, endpoints: (string | undefined)[]): Clock {
  const raw = env[SANDBOX_TIME_SCALE_ENV]?.trim()
  if (!raw || endpoints.length === 0 || !endpoints.every(isLoopback)) return systemClock
  const scale = Number(raw)
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`${SANDBOX_TIME_SCALE_ENV} must be a positive number (how many times faster the sandbox runs)`)
  }
  const originRaw = env[SANDBOX_TIME_ORIGIN_ENV]?.trim()
  const origin = originRaw ? Number(originRaw) : Date.now()
  if (!Number.isFinite(origin)) throw new Error(`${SANDBOX_TIME_ORIGIN_ENV} must be epoch milliseconds`)
  const offsetRaw = env[SANDBOX_TIME_OFFSET_ENV]?.trim()
  const offset = offsetRaw ? Number(offsetRaw) : 0
  if (!Number.isFinite(offset)) throw new Error(`${SANDBOX_TIME_OFFSET_ENV} must be milliseconds`)
  return scaledClock(scale, origin, offset)
}

/**
 * A clock faster than real time: the SDK clients, which wait on timers of their own, then scale their waits
 * down too (their `fast` option) and do not space writes in real seconds.
 */
export const runsFast = (clock: Clock): boolean => (clock.timeScale ?? 1) > 1
