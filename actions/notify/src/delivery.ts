// Exactly once across retries: a sending call is retried only when nothing can have been delivered. A timeout or
// a reset after the request went out may come after the service accepted the message, so it fails the item
// instead (the alert fires and a rerun decides); only a refused or unresolvable connection, a TLS failure before
// anything was sent, or an SMTP setup phase that timed out is safe to repeat.

/** Error codes (Node, undici, nodemailer) that mean the request never reached the service. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'EDNS',
  'ETLS',
])
/** TLS certificate checks fail during the handshake, before a byte of the request is written. */
const TLS_REFUSED = /^(CERT_|ERR_TLS_CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/
/** nodemailer's timeouts before the envelope: connecting, the greeting, the STARTTLS upgrade. */
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT'])

/** True only when the error proves the message was not sent; anything unknown counts as possibly sent. */
export function nothingSent(error: unknown): boolean {
  let e = error
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const x = e as {
      code?: unknown
      originalCode?: unknown
      timeoutType?: unknown
      original?: unknown
      cause?: unknown
    }
    for (const code of [x.code, x.originalCode])
      if (typeof code === 'string' && (NOT_CONNECTED.has(code) || TLS_REFUSED.test(code))) return true
    if (typeof x.timeoutType === 'string' && SETUP_TIMEOUTS.has(x.timeoutType)) return true
    e = x.original ?? x.cause
  }
  return false
}
