// provision-identity (Okta) authenticating as Okta recommends for a service: an API Services app, OAuth 2.0
// client credentials with a private key JWT, scoped Bearer tokens; and the SSWS API token as the fallback.
// Through the built bundle against the sandbox's Okta emulator, whose token endpoint checks the assertion.
import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../../test/support/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())
beforeEach(() => {
  h.sandbox.emulators.okta.faults.clear()
})

const TOKEN_ROUTE = 'POST /oauth2/v1/token'
/** Okta requests from now on, as `route status`. */
function mark() {
  const seq = h.sandbox.log.list().at(-1)?.seq ?? 0
  return () =>
    h.sandbox.log
      .list({ emulator: 'okta' })
      .filter((e) => e.seq > seq)
      .map((e) => `${e.route} ${e.status}`)
}

let n = 0
/** An onboard event for a new person each time. */
const hire = () => {
  n++
  return h.event('onboard', (p) => {
    p.employee_id = `E70${n}`
    p.event_id = `hr-oauth-${n}`
    p.email = `olive.auth${n}@acme.com`
    p.name = `Olive Auth${n}`
  })
}
const user = (login: string) => h.sandbox.emulators.okta.emulator.user(login)

describe('provision-identity with an Okta service app (private key JWT)', () => {
  it('gets one access token, then every call carries it as Bearer (a wrong SSWS token is never used)', async () => {
    const calls = mark()
    const r = await h.run('provision-identity', { event: await hire(), inputs: { 'okta-token': 'not-a-token' } })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('pending') // a new user without a password is PROVISIONED (see okta.bundle)
    expect(user(`olive.auth${n}@acme.com`)?.status).toBe('PROVISIONED')
    const seen = calls()
    expect(seen[0]).toBe(`${TOKEN_ROUTE} 200`)
    expect(seen.filter((c) => c.startsWith(TOKEN_ROUTE))).toHaveLength(1)
    expect(seen.filter((c) => / 40[13]$/.test(c))).toEqual([])
    expect(r.summary).toContain('Provider okta (OAuth 2.0 service app).')
    // The key is masked wherever it could appear.
    const key = h.sandbox.inputs['okta-private-key']!
    const body = key.split('\n')[1]!
    const shown = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')) // the runner never prints those
    expect(`${shown.join('\n')}${r.stderr}${r.summary}`).not.toContain(body)
  })

  it('retries the token endpoint under the one retry policy: a 503 and a reset, then a token', async () => {
    const faults = h.sandbox.emulators.okta.faults
    faults.script(
      { match: { route: TOKEN_ROUTE }, times: 1, respond: { status: 503 } },
      { match: { route: TOKEN_ROUTE }, times: 1, reset: true },
    )
    const calls = mark()
    const r = await h.run('provision-identity', { event: await hire() })
    expect(r.code, r.stdout).toBe(0)
    expect(faults.pending()).toBe(0)
    const tokenCalls = calls().filter((c) => c.startsWith(TOKEN_ROUTE))
    expect(tokenCalls[0]).toBe(`${TOKEN_ROUTE} 503`)
    expect(tokenCalls).toHaveLength(3) // 503, the reset, then the token
    expect(tokenCalls.at(-1)).toBe(`${TOKEN_ROUTE} 200`)
  })

  it('a scope the app was not granted: Okta refuses the token with invalid_scope and the step says so', async () => {
    const calls = mark()
    const r = await h.run('provision-identity', {
      event: await hire(),
      inputs: { 'okta-scopes': 'okta.users.read okta.users.manage okta.apps.manage' },
    })
    expect(r.code).toBe(1)
    expect(`${r.stdout}${r.summary}`).toContain(
      'okta 400 invalid_scope: The requested scope is invalid, unknown, or malformed.',
    )
    // Not retried (a 400), and nothing else was attempted without a token.
    expect(calls()).toEqual([`${TOKEN_ROUTE} 400`])
  })

  it('a token without the groups scope: the user is made, each group refused 403, and the summary says what to do', async () => {
    const r = await h.run('provision-identity', {
      event: await hire(),
      inputs: { 'okta-scopes': 'okta.users.read okta.users.manage' },
    })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.summary).toContain('❌ failed')
    expect(r.summary).toContain('okta 403 E0000006: You do not have permission to perform the requested action')
    expect(r.summary).toContain('### What to do')
    expect(r.summary).toContain(`with employee id \`E70${n}\` and event type \`onboard\``)
  })

  it('the SSWS API token still works when no client id is given', async () => {
    const calls = mark()
    const r = await h.run('provision-identity', { event: await hire(), inputs: { 'okta-client-id': '' } })
    expect(r.code, r.stdout).toBe(0)
    expect(r.summary).toContain('Provider okta (API token).')
    expect(calls().some((c) => c.startsWith(TOKEN_ROUTE))).toBe(false)
  })

  it('a private key Okta did not register: invalid_client, never retried', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' })
    const calls = mark()
    const r = await h.run('provision-identity', { event: await hire(), inputs: { 'okta-private-key': String(other) } })
    expect(r.code).toBe(1)
    expect(`${r.stdout}${r.summary}`).toContain('okta 401 invalid_client: The client_assertion signature is invalid.')
    expect(calls()).toEqual([`${TOKEN_ROUTE} 401`])
  })

  it('a malformed key or a client id without a key is a user error naming the input, before any call', async () => {
    const calls = mark()
    const bad = await h.run('provision-identity', {
      event: await hire(),
      inputs: { 'okta-private-key': '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----' },
    })
    expect(bad.code).toBe(1)
    const errors = (r: typeof bad) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors(bad)[0]).toBe(
      'with.okta-private-key: must be a private key in PEM (PKCS#8 or PKCS#1) or a private JWK: RSA, or EC P-256',
    )
    expect(
      bad.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('bm90IGEga2V5')
    const none = await h.run('provision-identity', { event: await hire(), inputs: { 'okta-private-key': '' } })
    expect(errors(none)[0]).toBe('with.okta-private-key: required with okta-client-id')
    expect(calls()).toEqual([])
  })
})
