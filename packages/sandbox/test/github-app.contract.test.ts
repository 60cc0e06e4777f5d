// The GitHub App routes of the GitHub emulator through Octokit and @octokit/auth-app: an installation token
// for a JWT signed with the App's private key, and repository_dispatch recorded for the runner. Requests and
// responses are checked against GitHub's OpenAPI description.
import { createSign, generateKeyPairSync } from 'node:crypto'
import { createAppAuth } from '@octokit/auth-app'
import { Octokit } from '@octokit/rest'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type GitHubEmulator as GH, GitHubEmulator } from '../src/emulators/github/index.js'
import { type Started, startEmulator } from './helpers.js'

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
// Octokit logs every failed request; the refusals here are the point.
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
const app = keyPair()
const stranger = keyPair()

const seed = {
  orgs: [{ login: 'acme', id: 500 }],
  repos: [
    { owner: 'acme', name: 'people-ops', default_branch: 'main' },
    { owner: 'acme', name: 'api' },
  ],
  apps: [
    {
      id: 4242,
      slug: 'onramp-relay',
      publicKey: app.publicKey,
      permissions: { contents: 'write' as const, metadata: 'read' as const },
      installations: [{ id: 77, account: 'acme' }],
    },
  ],
}

async function start(validate: boolean): Promise<Started<GH>> {
  const s = await startEmulator((k) => new GitHubEmulator({ validate }, k))
  s.emulator.seed(seed)
  await s.emulator.ready()
  return s
}

function jwt(privateKey: string, claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`
}

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the request to fail')
}

const installationClient = (url: string, privateKey = app.privateKey) =>
  new Octokit({
    baseUrl: url,
    log: quiet,
    authStrategy: createAppAuth,
    auth: { appId: 4242, privateKey, installationId: 77 },
  })

describe('GitHub emulator: App installation tokens and repository_dispatch', () => {
  let gh: Started<GH>
  beforeAll(async () => {
    gh = await start(true)
  })
  afterAll(() => gh.close())
  afterEach(() => {
    expect(gh.emulator.validationIssues()).toEqual([])
  })

  it('issues an installation token for a JWT signed with the App key, scoped to the repositories asked', async () => {
    const auth = createAppAuth({
      appId: 4242,
      privateKey: app.privateKey,
      installationId: 77,
      request: new Octokit({ baseUrl: gh.url, log: quiet }).request,
    })
    const token = await auth({
      type: 'installation',
      repositoryNames: ['people-ops'],
      permissions: { contents: 'write' },
    })
    expect(token.token).toMatch(/^ghs_[A-Za-z0-9]{24}$/)
    expect(token.repositorySelection).toBe('selected')
    expect(token.repositoryNames).toEqual(['people-ops'])
    expect(token.permissions).toEqual({ contents: 'write' })
    expect(Date.parse(token.expiresAt)).toBeGreaterThan(Date.now() + 59 * 60_000)
  })

  it('accepts a dispatch with the installation token: 204, recorded as the webhook payload workflows get', async () => {
    const octokit = installationClient(gh.url)
    const client_payload = { version: 2, event_id: 'hr-1', person: { employee_id: 'E1' }, signature: 't=1,v1=00' }
    const res = await octokit.rest.repos.createDispatchEvent({
      owner: 'acme',
      repo: 'people-ops',
      event_type: 'onboard',
      client_payload,
    })
    expect(res.status).toBe(204)
    const [d] = gh.emulator.dispatches('acme', 'people-ops')
    expect(d?.event).toEqual({
      action: 'onboard',
      branch: 'main',
      client_payload,
      repository: expect.objectContaining({ full_name: 'acme/people-ops', default_branch: 'main' }),
      sender: { login: 'onramp-relay[bot]', id: 4242, type: 'Bot' },
      installation: { id: 77 },
    })
    expect(gh.emulator.dispatches('acme', 'api')).toEqual([])
  })

  it('refuses a JWT signed with another key, an expired one and one valid for more than 10 minutes', async () => {
    const other = await rejection(
      installationClient(gh.url, stranger.privateKey).rest.repos.get({ owner: 'acme', repo: 'api' }),
    )
    expect(other.status).toBe(401)
    expect(other.response.data.message).toBe('A JSON web token could not be decoded')
    const now = Math.floor(Date.now() / 1000)
    const ask = (token: string) =>
      new Octokit({ baseUrl: gh.url, log: quiet }).request('POST /app/installations/{installation_id}/access_tokens', {
        installation_id: 77,
        headers: { authorization: `bearer ${token}` },
      })
    const expired = await rejection(ask(jwt(app.privateKey, { iat: now - 700, exp: now - 100, iss: 4242 })))
    expect(expired.status).toBe(401)
    expect(expired.response.data.message).toMatch(/^'Expiration time' claim \('exp'\) must be a numeric value/)
    const tooLong = await rejection(ask(jwt(app.privateKey, { iat: now - 30, exp: now + 900, iss: 4242 })))
    expect(tooLong.response.data.message).toBe("'Expiration time' claim ('exp') is too far in the future.")
    const future = await rejection(ask(jwt(app.privateKey, { iat: now + 300, exp: now + 600, iss: 4242 })))
    expect(future.response.data.message).toMatch(/^'Issued at' claim/)
    const ok = await ask(jwt(app.privateKey, { iat: now - 30, exp: now + 540, iss: 4242 }))
    expect(ok.status).toBe(201)
  })

  it('404 for an installation of no such App, 422 for a repository or permission the installation lacks', async () => {
    const request = new Octokit({ baseUrl: gh.url, log: quiet }).request
    const wrong = createAppAuth({ appId: 4242, privateKey: app.privateKey, installationId: 78, request })
    expect((await rejection(wrong({ type: 'installation' }))).status).toBe(404)
    const auth = createAppAuth({ appId: 4242, privateKey: app.privateKey, installationId: 77, request })
    const repo = await rejection(auth({ type: 'installation', repositoryNames: ['elsewhere'] }))
    expect(repo.status).toBe(422)
    const perm = await rejection(auth({ type: 'installation', permissions: { members: 'write' } }))
    expect(perm.status).toBe(422)
  })

  it('404 for a dispatch to an unknown repository', async () => {
    const e = await rejection(
      installationClient(gh.url).rest.repos.createDispatchEvent({ owner: 'acme', repo: 'nope', event_type: 'onboard' }),
    )
    expect(e.status).toBe(404)
  })

  it("refuses more than 10 client_payload keys and a long event_type, as GitHub's description says", async () => {
    const octokit = installationClient(gh.url)
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]))
    const e = await rejection(
      octokit.rest.repos.createDispatchEvent({
        owner: 'acme',
        repo: 'people-ops',
        event_type: 'x',
        client_payload: eleven,
      }),
    )
    expect(e.status).toBe(422)
    expect(gh.emulator.validationIssues().map((i) => i.operationId)).toEqual(['repos/create-dispatch-event'])
    gh.emulator.clearValidationIssues()
  })
})

describe('GitHub emulator without the OpenAPI check: its own dispatch limits', () => {
  let gh: Started<GH>
  beforeAll(async () => {
    gh = await start(false)
  })
  afterAll(() => gh.close())

  it('422 for 11 top-level keys, an empty or 101-character event_type, a 64 KB payload; nothing recorded', async () => {
    const octokit = installationClient(gh.url)
    const send = (event_type: string, client_payload: Record<string, unknown>) =>
      rejection(
        octokit.rest.repos.createDispatchEvent({ owner: 'acme', repo: 'people-ops', event_type, client_payload }),
      )
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]))
    const keys = await send('onboard', eleven)
    expect(keys.status).toBe(422)
    expect(keys.response.data.message).toBe(
      'Invalid request.\n\nNo more than 10 properties are allowed; 11 were supplied.',
    )
    expect((await send('', {})).status).toBe(422)
    expect((await send('x'.repeat(101), {})).status).toBe(422)
    expect((await send('onboard', { big: 'x'.repeat(65_536) })).status).toBe(422)
    expect(gh.emulator.dispatches()).toEqual([])
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]))
    await octokit.rest.repos.createDispatchEvent({
      owner: 'acme',
      repo: 'people-ops',
      event_type: 'x'.repeat(100),
      client_payload: ten,
    })
    expect(gh.emulator.dispatches()).toHaveLength(1)
  })
})
