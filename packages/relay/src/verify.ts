// The HR system's own signature, checked on the raw body before anything is parsed.
//
//   bamboohr    X-BambooHR-Signature: hex HMAC-SHA256(key, raw body ‖ X-BambooHR-Timestamp value)
//               X-BambooHR-Timestamp: when BambooHR sent it (Unix seconds or ISO 8601); older than the
//               window, or further ahead than the window, is refused: a captured delivery cannot be replayed.
//   hub-sha256  X-Hub-Signature-256: sha256=<hex HMAC-SHA256(key, raw body)>, for any other system; it
//               carries no timestamp, so replays are stopped by the event-id de-duplication alone.
//
// Several keys may be valid at once (rotation); every key is tried so the time taken tells nothing.

import { hmacMatchesAnyKey } from '@onramp/core'

export type SignatureScheme = 'bamboohr' | 'hub-sha256'

export type HrSignatureCheck = { ok: true } | { ok: false; header: string; rule: string }

export interface HrVerifyOptions {
  keys: readonly string[]
  now?: Date
  /** How far the BambooHR timestamp may be from this clock, in seconds (default 300). */
  windowSeconds?: number
}

export const DEFAULT_WINDOW_SECONDS = 300

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/

const matchesAnyKey = (keys: readonly string[], bytes: Buffer, givenHex: string) =>
  hmacMatchesAnyKey(keys, bytes, Buffer.from(givenHex, 'hex'))

const header = (headers: Record<string, string | undefined>, name: string) => headers[name.toLowerCase()]

/** Seconds since the epoch of an `X-BambooHR-Timestamp` value, or undefined when it is neither form. */
export function parseHrTimestamp(value: string): number | undefined {
  if (/^\d{1,12}$/.test(value)) return Number(value)
  // ISO 8601 with an offset; BambooHR writes `+0000`, which Date.parse does not read everywhere.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:?\d{2})$/.exec(value)
  if (!m) return undefined
  const zone = m[2] === 'Z' ? 'Z' : `${m[2]!.slice(0, 3)}:${m[2]!.slice(-2)}`
  const ms = Date.parse(`${m[1]}${zone}`)
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

/** `headers` lower-cased. */
export function verifyHrSignature(
  scheme: SignatureScheme,
  raw: Buffer,
  headers: Record<string, string | undefined>,
  options: HrVerifyOptions,
): HrSignatureCheck {
  if (scheme === 'hub-sha256') {
    const name = 'X-Hub-Signature-256'
    const value = header(headers, name)
    if (!value) return { ok: false, header: name, rule: 'required' }
    const m = /^sha256=([0-9a-fA-F]{64})$/.exec(value)
    if (!m) return { ok: false, header: name, rule: 'must be sha256=<64 hex digits>' }
    if (!matchesAnyKey(options.keys, raw, m[1]!))
      return { ok: false, header: name, rule: 'does not match the body under any accepted key' }
    return { ok: true }
  }
  const sigName = 'X-BambooHR-Signature'
  const tsName = 'X-BambooHR-Timestamp'
  const signature = header(headers, sigName)
  const timestamp = header(headers, tsName)
  if (!signature) return { ok: false, header: sigName, rule: 'required' }
  if (!timestamp) return { ok: false, header: tsName, rule: 'required' }
  if (!HEX_SHA256.test(signature)) return { ok: false, header: sigName, rule: 'must be 64 hex digits' }
  const signedAt = parseHrTimestamp(timestamp)
  if (signedAt === undefined)
    return { ok: false, header: tsName, rule: 'must be Unix seconds or an ISO 8601 date-time with an offset' }
  // The signature first: an unauthenticated caller learns nothing about the clock window.
  const bytes = Buffer.concat([raw, Buffer.from(timestamp, 'utf8')])
  if (!matchesAnyKey(options.keys, bytes, signature))
    return { ok: false, header: sigName, rule: 'does not match the body and timestamp under any accepted key' }
  const window = options.windowSeconds ?? DEFAULT_WINDOW_SECONDS
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000)
  if (signedAt < now - window) return { ok: false, header: tsName, rule: `older than ${window} seconds` }
  if (signedAt > now + window) return { ok: false, header: tsName, rule: `more than ${window} seconds ahead` }
  return { ok: true }
}
