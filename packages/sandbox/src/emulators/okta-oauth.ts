// OAuth 2.0 for Okta, as a service app uses it: the org authorization server's token endpoint
// (`POST /oauth2/v1/token`, client credentials grant, `private_key_jwt` client authentication) and the
// check of the `Authorization: Bearer` tokens it issues, scope by scope. Facts: developer.okta.com "Implement
// OAuth for Okta with a service app" and "Client authentication" (aud is the token endpoint's full URL,
// iss = sub = client id, exp at most an hour after iat, a jti can be used once); "Scopes": `.read` scopes for
// GET, `.manage` scopes for POST, PUT and DELETE. Token errors use the OAuth shape {error, error_description}.
import { createPublicKey, type JsonWebKey, type KeyObject, randomBytes, verify } from 'node:crypto'
import type { Reply, SandboxRequest } from '../kernel/index.js'

export interface OktaOAuthClient {
  clientId: string
  /** The public key registered with the service app: PEM, a public JWK or a KeyObject. */
  publicKey: string | JsonWebKey | KeyObject
  /** The key's id; when set, an assertion naming another kid is refused. */
  kid?: string
  /** The Okta API scopes granted to the app (its "Okta API Scopes" tab). */
  scopes: string[]
}

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const ALGS: Record<string, { hash: string; ec: boolean }> = {
  RS256: { hash: 'sha256', ec: false },
  RS384: { hash: 'sha384', ec: false },
  RS512: { hash: 'sha512', ec: false },
  ES256: { hash: 'sha256', ec: true },
  ES384: { hash: 'sha384', ec: true },
  ES512: { hash: 'sha512', ec: true },
}

interface Issued {
  clientId: string
  scopes: Set<string>
  expiresAt: number
}

/** Why a Bearer token does not authorize a request, in Okta's terms. */
export type BearerRefusal =
  | { status: 401; error: 'invalid_token' }
  | { status: 403; error: 'insufficient_scope'; scope: string }

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-cache, no-store', pragma: 'no-cache' },
  body: { error, error_description: description },
})

const b64json = (part: string): any => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))

export class OktaAuthorizationServer {
  private readonly clients = new Map<string, OktaOAuthClient & { key: KeyObject }>()
  private readonly tokens = new Map<string, Issued>()
  /** Used assertion ids, kept until the assertion would have expired anyway. */
  private readonly usedJti = new Map<string, number>()

  constructor(
    clients: OktaOAuthClient[],
    private readonly now: () => number,
    private readonly ttlSeconds = 3600,
  ) {
    for (const c of clients) {
      const key =
        typeof c.publicKey === 'string'
          ? createPublicKey(c.publicKey)
          : 'type' in c.publicKey && typeof (c.publicKey as KeyObject).export === 'function'
            ? (c.publicKey as KeyObject)
            : createPublicKey({ key: c.publicKey as JsonWebKey, format: 'jwk' })
      this.clients.set(c.clientId, { ...c, key })
    }
  }

  /** `POST /oauth2/v1/token`. `tokenUrl` is the endpoint's full URL as the client reached it (the aud). */
  token(req: SandboxRequest, tokenUrl: string): Reply {
    const type = String(req.headers['content-type'] ?? '')
    if (!type.startsWith('application/x-www-form-urlencoded'))
      return oauthError(400, 'invalid_request', 'The request is missing a required parameter or is malformed.')
    const form = req.form()
    if (form.get('grant_type') !== 'client_credentials')
      return oauthError(
        400,
        'unsupported_grant_type',
        'The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].',
      )
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE)
      return oauthError(401, 'invalid_client', 'The client_assertion_type is invalid.')
    const checked = this.checkAssertion(form.get('client_assertion') ?? '', tokenUrl)
    if ('refusal' in checked) return oauthError(401, 'invalid_client', checked.refusal)
    const client = checked.client

    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean)
    if (!requested.length)
      return oauthError(
        400,
        'invalid_scope',
        "The authorization server resource does not have any configured default scopes, 'scope' must be provided.",
      )
    if (requested.some((s) => !client.scopes.includes(s)))
      return oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.')

    const token = `eyJsandbox.${randomBytes(24).toString('base64url')}`
    this.tokens.set(token, {
      clientId: client.clientId,
      scopes: new Set(requested),
      expiresAt: this.now() + this.ttlSeconds * 1000,
    })
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-cache, no-store', pragma: 'no-cache' },
      body: { token_type: 'Bearer', expires_in: this.ttlSeconds, access_token: token, scope: requested.join(' ') },
    }
  }

  /** Whether a Bearer token lets a request with this method and scope family through; undefined when it does. */
  authorize(token: string, method: string, resource: 'users' | 'groups'): BearerRefusal | undefined {
    const t = this.tokens.get(token)
    if (!t || t.expiresAt <= this.now()) return { status: 401, error: 'invalid_token' }
    const needed = `okta.${resource}.${method === 'GET' ? 'read' : 'manage'}`
    return t.scopes.has(needed) ? undefined : { status: 403, error: 'insufficient_scope', scope: needed }
  }

  /** For tests: forget issued tokens' remaining life (as if an hour had passed). */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = this.now()
  }

  private checkAssertion(
    jwt: string,
    tokenUrl: string,
  ): { client: OktaOAuthClient & { key: KeyObject } } | { refusal: string } {
    const parts = jwt.split('.')
    if (parts.length !== 3) return { refusal: 'The client_assertion token is malformed.' }
    let header: any
    let claims: any
    try {
      header = b64json(parts[0]!)
      claims = b64json(parts[1]!)
    } catch {
      return { refusal: 'The client_assertion token is malformed.' }
    }
    const client = typeof claims?.iss === 'string' ? this.clients.get(claims.iss) : undefined
    if (!client) return { refusal: "Invalid value for 'client_id' parameter." }
    if (claims.sub !== claims.iss) return { refusal: 'The client_assertion token has an invalid subject.' }
    const alg = ALGS[String(header?.alg)]
    if (!alg || alg.ec !== (client.key.asymmetricKeyType === 'ec'))
      return { refusal: 'The client_assertion token has an unsupported signing algorithm.' }
    if (client.kid && header.kid !== undefined && header.kid !== client.kid)
      return { refusal: 'The client_assertion JWT kid is invalid.' }
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`)
    const signature = Buffer.from(parts[2]!, 'base64url')
    const key = alg.ec ? { key: client.key, dsaEncoding: 'ieee-p1363' as const } : client.key
    if (!verify(alg.hash, signed, key, signature)) return { refusal: 'The client_assertion signature is invalid.' }
    if (claims.aud !== tokenUrl)
      return { refusal: 'The audience claim for client_assertion must be the endpoint invoked for the request.' }
    const now = Math.floor(this.now() / 1000)
    if (typeof claims.exp !== 'number') return { refusal: 'The client_assertion token is missing an expiration.' }
    if (claims.exp <= now) return { refusal: 'The client_assertion token is expired.' }
    const issued = typeof claims.iat === 'number' ? claims.iat : now
    if (claims.exp - issued > 3600)
      return { refusal: 'The client_assertion token has an expiration too far into the future.' }
    if (claims.jti !== undefined) {
      for (const [id, until] of this.usedJti) if (until <= now) this.usedJti.delete(id)
      const id = `${client.clientId}:${String(claims.jti)}`
      if (this.usedJti.has(id)) return { refusal: 'The client_assertion token has already been used.' }
      this.usedJti.set(id, claims.exp)
    }
    return { client }
  }
}
