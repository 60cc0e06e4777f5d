// The Okta access token in process, on an injected clock against the sandbox's Okta emulator: fetched once and
// shared, kept until five minutes before it expires, then renewed with a fresh assertion.
import { createPublicKey, generateKeyPairSync } from 'node:crypto'
import { DEFAULT_POLICY, UserError } from '@onramp/core'
import { fakeClock } from '@onramp/core/testing'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterEach, describe, expect, it } from 'vitest'
import { GUARDRAILS, ROLES } from '../../../test/support/harness.js'
import { createHttp } from '../src/http.js'
import { OKTA_SCOPES, oktaBearer, parseSigningKey } from '../src/okta-auth.js'

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

describe('oktaBearer', () => {
  it('one token for concurrent and later requests, renewed five minutes before it expires', async () => {
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      options: { okta: { accessTokenTtlSeconds: 900 } },
    })
    const url = sandbox.inputs['okta-org-url']!
    // The emulator checks the assertion's exp against real time, so the injected clock starts now.
    const clock = fakeClock({ start: Date.now() })
    const http = createHttp({
      service: 'okta',
      baseUrl: url,
      headers: {},
      clock,
      policy: DEFAULT_POLICY,
      timeoutMs: 5000,
    })
    const bearer = oktaBearer({
      orgUrl: url,
      clientId: sandbox.inputs['okta-client-id']!,
      keyId: sandbox.inputs['okta-key-id'],
      signing: parseSigningKey(sandbox.inputs['okta-private-key']!),
      scopes: OKTA_SCOPES,
      clock,
      http,
    })
    const tokenCalls = () => sandbox!.log.list({ route: 'POST /oauth2/v1/token' }).length

    const [a, b] = await Promise.all([bearer(), bearer()])
    expect(a).toMatch(/^Bearer /)
    expect(b).toBe(a)
    clock.advance(599_000) // 15 min token, renewed at 10 min
    expect(await bearer()).toBe(a)
    expect(tokenCalls()).toBe(1)
    clock.advance(2000)
    const c = await bearer()
    expect(c).not.toBe(a)
    expect(tokenCalls()).toBe(2)

    // The token works as Bearer for the Users API.
    const users = await createHttp({
      service: 'okta',
      baseUrl: url,
      headers: {},
      authorize: bearer,
      clock,
      policy: DEFAULT_POLICY,
      timeoutMs: 5000,
    })('GET', '/api/v1/users')
    expect(users.status).toBe(200)
  })

  it('reads a PEM with escaped newlines and a private JWK; refuses a public key and says which input', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey
    const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(parseSigningKey(pem.replace(/\n/g, '\\n')).alg).toBe('ES256')
    expect(parseSigningKey(JSON.stringify(key.export({ format: 'jwk' }))).alg).toBe('ES256')
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' })
    expect(parseSigningKey(rsa.toString()).alg).toBe('RS256')
    const pub = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString()
    expect(() => parseSigningKey(pub)).toThrow(UserError)
  })
})
