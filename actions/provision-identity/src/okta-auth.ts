// OAuth 2.0 for Okta as Okta recommends for a service: the client credentials grant at the org authorization
// server (`/oauth2/v1/token`), the client authenticated by a JWT signed with the service app's private key
// (`private_key_jwt`), scoped access tokens cached until shortly before they expire, sent as `Bearer`.
// Signing is Node's crypto (RS256 for an RSA key, ES256 for a P-256 key); a JWT here is three base64url parts.

import { createPrivateKey, type KeyObject, randomUUID, sign } from 'node:crypto'
import { type Clock, UserError } from '@onramp/core'
import type { Http } from './http.js'

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
/** What provision-identity calls: users (read, create, profile, lifecycle, sessions) and group memberships. */
export const OKTA_SCOPES = ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage']
/**
 * A token is renewed this long before Okta says it expires: longer than a request's retries may last
 * (DEFAULT_POLICY's deadline), so no request, retries included, carries a token that lapses in flight.
 */
const RENEW_BEFORE_MS = 5 * 60_000
/** Okta accepts an assertion valid for at most an hour; a short one limits what a leaked one is worth. */
const ASSERTION_LIFETIME_S = 300

export interface SigningKey {
  key: KeyObject
  alg: 'RS256' | 'ES256'
}

const KEY_RULE = 'must be a private key in PEM (PKCS#8 or PKCS#1) or a private JWK: RSA, or EC P-256'

/** Parse the service app's private key (PEM or JWK JSON), or a UserError naming the input; never the value. */
export function parseSigningKey(text: string, field = 'with.okta-private-key'): SigningKey {
  let key: KeyObject
  try {
    const trimmed = text.trim()
    key = trimmed.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(trimmed), format: 'jwk' })
      : createPrivateKey(trimmed.replace(/\\n/g, '\n'))
  } catch {
    throw new UserError({ field, rule: KEY_RULE })
  }
  if (key.asymmetricKeyType === 'rsa') return { key, alg: 'RS256' }
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return { key, alg: 'ES256' }
  throw new UserError({ field, rule: KEY_RULE })
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** A client assertion for one token request: new jti each time, as Okta lets an assertion be used once. */
export function clientAssertion(o: {
  clientId: string
  audience: string
  signing: SigningKey
  keyId?: string
  nowMs: number
}): string {
  const iat = Math.floor(o.nowMs / 1000)
  const header = { alg: o.signing.alg, typ: 'JWT', ...(o.keyId ? { kid: o.keyId } : {}) }
  const claims = {
    iss: o.clientId,
    sub: o.clientId,
    aud: o.audience,
    iat,
    exp: iat + ASSERTION_LIFETIME_S,
    jti: randomUUID(),
  }
  const input = `${b64(header)}.${b64(claims)}`
  const key = o.signing.alg === 'ES256' ? { key: o.signing.key, dsaEncoding: 'ieee-p1363' as const } : o.signing.key
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`
}

export interface OktaOAuthOptions {
  orgUrl: string
  clientId: string
  signing: SigningKey
  keyId?: string
  scopes: string[]
  clock: Clock
  /** The token endpoint's client: the same HTTP client and retry policy as every Okta call, without auth. */
  http: Http
}

/** The `Authorization` header value for each request: a cached access token, fetched when none is fresh. */
export function oktaBearer(o: OktaOAuthOptions): () => Promise<string> {
  const audience = `${o.orgUrl.replace(/\/+$/, '')}/oauth2/v1/token`
  let cached: { header: string; renewAt: number } | undefined
  let inflight: Promise<string> | undefined
  const fetchToken = async (): Promise<string> => {
    const r = await o.http('POST', '/oauth2/v1/token', {
      // Built per attempt: a retried request must not replay a used jti.
      form: () => ({
        grant_type: 'client_credentials',
        scope: o.scopes.join(' '),
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        client_assertion: clientAssertion({ ...o, audience, nowMs: o.clock.now() }),
      }),
    })
    const token = r.body?.access_token
    const expiresIn = Number(r.body?.expires_in)
    if (typeof token !== 'string' || !token || !Number.isFinite(expiresIn))
      throw new Error('okta: the token endpoint answered without an access token')
    cached = { header: `Bearer ${token}`, renewAt: o.clock.now() + expiresIn * 1000 - RENEW_BEFORE_MS }
    return cached.header
  }
  return async () => {
    if (cached && o.clock.now() < cached.renewAt) return cached.header
    // Concurrent requests share one token request.
    inflight ??= fetchToken().finally(() => {
      inflight = undefined
    })
    return inflight
  }
}
