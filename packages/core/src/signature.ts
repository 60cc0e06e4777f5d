// Event signatures: only the holder of an event key can send an event that changes access.
//
//   client_payload.signature = "t=<unix seconds>,v1=<hex HMAC-SHA256>"
//   signed bytes             = "<t>.<event_type>.<canonical JSON of client_payload without signature>"
//
// Canonical JSON is RFC 8785 (JCS), UTF-8. The event type is signed so that an onboard payload cannot be
// replayed as an offboard; `t` bounds how long a captured event stays usable. Several keys may be valid
// at once, for rotation; every comparison is constant-time.

import { createHmac, timingSafeEqual } from 'node:crypto'
import canonicalize from 'canonicalize'

export const SIGNATURE_KEY = 'signature'
/** How far a signature's `t` may be ahead of this clock (clock skew between HR, relay and runner). */
export const MAX_FUTURE_SKEW_SECONDS = 300

const HEADER = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/

export type SignatureCheck =
  | { ok: true; signedAt: Date }
  | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'future' | 'expired' }

/** The exact bytes that are signed: `<t>.<event_type>.<JCS(payload without signature)>`. */
export function signedBytes(t: number, eventType: string, payload: Record<string, unknown>): Buffer {
  const { [SIGNATURE_KEY]: _ignored, ...rest } = payload
  const canonical = canonicalize(rest)
  if (canonical === undefined) throw new TypeError('payload cannot be canonicalized')
  return Buffer.from(`${t}.${eventType}.${canonical}`, 'utf8')
}

function mac(key: string, bytes: Buffer): Buffer {
  return createHmac('sha256', key).update(bytes).digest()
}

/**
 * Whether `given` is the HMAC-SHA256 of `bytes` under any of `keys` (empty keys ignored). Every key is tried, in
 * constant time, so the time taken does not tell which one (if any) matched.
 */
export function hmacMatchesAnyKey(keys: readonly string[], bytes: Buffer, given: Buffer): boolean {
  let matched = false
  for (const key of keys) if (key && given.length === 32 && timingSafeEqual(mac(key, bytes), given)) matched = true
  return matched
}

/** The value of `client_payload.signature` for this event, signed at `now`. */
export function signEvent(
  key: string,
  eventType: string,
  payload: Record<string, unknown>,
  now: Date = new Date(),
): string {
  const t = Math.floor(now.getTime() / 1000)
  return `t=${t},v1=${mac(key, signedBytes(t, eventType, payload)).toString('hex')}`
}

export interface VerifyOptions {
  /** Every key currently accepted (old and new during a rotation); empty strings are ignored. */
  keys: readonly string[]
  now?: Date
  /** Oldest accepted signature, in seconds (guardrails `events.max-age`). */
  maxAgeSeconds: number
}

/** Checks `payload.signature` against the event type and the rest of the payload. Never throws on input. */
export function verifyEventSignature(
  eventType: string,
  payload: Record<string, unknown>,
  options: VerifyOptions,
): SignatureCheck {
  const header = Object.hasOwn(payload, SIGNATURE_KEY) ? payload[SIGNATURE_KEY] : undefined
  if (header === undefined) return { ok: false, reason: 'missing' }
  const m = typeof header === 'string' ? HEADER.exec(header) : null
  if (!m) return { ok: false, reason: 'malformed' }
  const t = Number(m[1])
  const given = Buffer.from(m[2] ?? '', 'hex')
  let bytes: Buffer
  try {
    bytes = signedBytes(t, eventType, payload)
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (!hmacMatchesAnyKey(options.keys, bytes, given)) return { ok: false, reason: 'mismatch' }
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000)
  if (t > nowSeconds + MAX_FUTURE_SKEW_SECONDS) return { ok: false, reason: 'future' }
  if (t < nowSeconds - options.maxAgeSeconds) return { ok: false, reason: 'expired' }
  return { ok: true, signedAt: new Date(t * 1000) }
}

/** One line for an annotation, naming the rule and never the signature or a key. */
export const SIGNATURE_RULES: Record<Exclude<SignatureCheck, { ok: true }>['reason'], string> = {
  missing: 'required: events that change access must be signed with the event key',
  malformed: 'must be "t=<unix seconds>,v1=<64 hex digits>"',
  mismatch: 'does not match the event type and payload under any accepted event key',
  future: `is dated more than ${MAX_FUTURE_SKEW_SECONDS / 60} minutes ahead of this runner's clock`,
  expired: 'is older than guardrails events.max-age',
}
