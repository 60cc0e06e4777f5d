// The Okta emulator's org authorization server: the official SDK (@okta/okta-sdk-nodejs 8.1.0) in its
// `PrivateKey` mode gets a token at /oauth2/v1/token and calls the Users API with it as Bearer; hand-made
// assertions show each refusal in Okta's OAuth error shape. Management API exchanges are validated against
// Okta's OpenAPI description (the token endpoint is not in it: its shape is checked here).
import { createSign, generateKeyPairSync, randomUUID, sign } from 'node:crypto'
import { Client } from '@okta/okta-sdk-nodejs'
import type { OpenAPIBackend } from 'openapi-backend'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OktaEmulator } from '../src/emulators/okta.js'
import { type Started, startEmulator } from './helpers.js'
import { checkExchange, loadOktaSpec, RecordingEmulator } from './okta-openapi.js'

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const RSA_PEM = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const SCOPES = ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage']

let spec: OpenAPIBackend
let s: Started<RecordingEmulator<OktaEmulator>>
beforeAll(async () => {
  spec = await loadOktaSpec()
  s = await startEmulator(
    (k) =>
      new RecordingEmulator(
        new OktaEmulator(
          {
            clients: [
              { clientId: '0oarsa', publicKey: rsa.publicKey, kid: 'rsa-1', scopes: SCOPES },
              { clientId: '0oaec', publicKey: ec.publicKey.export({ format: 'jwk' }), scopes: ['okta.users.read'] },
            ],
          },
          k,
        ),
      ),
  )
})
afterEach(() => {
  const exchanges = s.emulator.exchanges.splice(0).filter((x) => !x.path.startsWith('/oauth2/'))
  expect(exchanges.flatMap((x) => checkExchange(spec, x))).toEqual([])
})
afterAll(() => s.close())

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
function assertion(claims: Record<string, unknown>, o: { kid?: string; key?: 'rsa' | 'ec' | 'other' } = {}) {
  const key = o.key ?? 'rsa'
  const alg = key === 'ec' ? 'ES256' : 'RS256'
  const input = `${b64({ alg, ...(o.kid ? { kid: o.kid } : {}) })}.${b64(claims)}`
  const sig =
    key === 'ec'
      ? sign('sha256', Buffer.from(input), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' })
      : createSign('sha256')
          .update(input)
          .sign(key === 'other' ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey : rsa.privateKey)
  return `${input}.${sig.toString('base64url')}`
}
const claims = (over: Record<string, unknown> = {}) => {
  const now = Math.floor(Date.now() / 1000)
  return {
    iss: '0oarsa',
    sub: '0oarsa',
    aud: `${s.url}/oauth2/v1/token`,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
    ...over,
  }
}
async function token(clientAssertion: string, scope = SCOPES.join(' ')) {
  const res = await fetch(`${s.url}/oauth2/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion,
    }),
  })
  return { status: res.status, body: (await res.json()) as any }
}

describe('Okta OAuth 2.0 for a service app', () => {
  it('the official SDK (private key JWT) gets a token and manages users with it as Bearer', async () => {
    const client = new Client({
      orgUrl: s.url,
      authorizationMode: 'PrivateKey',
      clientId: '0oarsa',
      scopes: SCOPES,
      privateKey: RSA_PEM,
      keyId: 'rsa-1',
    })
    const created = await client.userApi.createUser({
      body: { profile: { login: 'o1@example.com', email: 'o1@example.com', firstName: 'O', lastName: 'One' } },
    })
    expect(created.status).toBe('PROVISIONED')
    const groupId = s.emulator.inner.ensureGroup('oauth-group')
    await client.groupApi.assignUserToGroup({ groupId, userId: created.id! })
    expect(s.emulator.inner.groupMembers('oauth-group')).toEqual(['o1@example.com'])
    expect(s.log.list({ route: 'POST /oauth2/v1/token' }).map((e) => [e.status, e.mutating])).toEqual([[200, false]])
  })

  it('issues a Bearer token with the scopes asked for, expiring in an hour, not to be cached', async () => {
    const r = await token(assertion(claims(), { kid: 'rsa-1' }))
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: SCOPES.join(' ') })
    expect(typeof r.body.access_token).toBe('string')
    const ecToken = await token(assertion(claims({ iss: '0oaec', sub: '0oaec' }), { key: 'ec' }), 'okta.users.read')
    expect(ecToken.status).toBe(200)
  })

  it('refuses an assertion that is replayed, expired, for another audience, badly signed or of another kid', async () => {
    const once = assertion(claims())
    expect((await token(once)).status).toBe(200)
    const cases: [string, string][] = [
      [once, 'The client_assertion token has already been used.'],
      [assertion(claims({ exp: Math.floor(Date.now() / 1000) - 5 })), 'The client_assertion token is expired.'],
      [
        assertion(claims({ exp: Math.floor(Date.now() / 1000) + 7200 })),
        'The client_assertion token has an expiration too far into the future.',
      ],
      [
        assertion(claims({ aud: 'https://other.okta.com/oauth2/v1/token' })),
        'The audience claim for client_assertion must be the endpoint invoked for the request.',
      ],
      [assertion(claims(), { key: 'other' }), 'The client_assertion signature is invalid.'],
      [assertion(claims(), { kid: 'rsa-2' }), 'The client_assertion JWT kid is invalid.'],
      [assertion(claims({ iss: '0oanobody', sub: '0oanobody' })), "Invalid value for 'client_id' parameter."],
    ]
    for (const [a, description] of cases)
      expect(await token(a)).toEqual({ status: 401, body: { error: 'invalid_client', error_description: description } })
  })

  it('refuses a scope the app was not granted with invalid_scope', async () => {
    const r = await token(assertion(claims({ iss: '0oaec', sub: '0oaec' }), { key: 'ec' }), 'okta.users.manage')
    expect(r).toEqual({
      status: 400,
      body: { error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, or malformed.' },
    })
  })

  it('checks each call against the token: a missing scope is 403 E0000006, an unknown token 401 E0000011', async () => {
    const read = await token(assertion(claims({ iss: '0oaec', sub: '0oaec' }), { key: 'ec' }), 'okta.users.read')
    const call = (auth: string, method = 'GET', path = '/api/v1/users') =>
      fetch(`${s.url}${path}`, { method, headers: { authorization: auth, accept: 'application/json' } })
    expect((await call(`Bearer ${read.body.access_token}`)).status).toBe(200)
    const denied = await call(`Bearer ${read.body.access_token}`, 'GET', '/api/v1/groups')
    expect(denied.status).toBe(403)
    expect(await denied.json()).toMatchObject({ errorCode: 'E0000006' })
    expect(denied.headers.get('www-authenticate')).toContain('error="insufficient_scope"')
    expect(denied.headers.get('www-authenticate')).toContain('scope="okta.groups.read"')
    const unknown = await call('Bearer not-a-token')
    expect(unknown.status).toBe(401)
    expect(await unknown.json()).toMatchObject({ errorCode: 'E0000011' })
    s.emulator.inner.oauth.expireTokens()
    expect((await call(`Bearer ${read.body.access_token}`)).status).toBe(401)
  })
})
