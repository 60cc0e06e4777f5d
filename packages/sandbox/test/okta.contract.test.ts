// The Okta emulator driven through the official SDK (@okta/okta-sdk-nodejs 8.1.0), with every exchange
// validated against Okta's OpenAPI description. Facts: docs/reference/external-apis.md §4.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Client, DefaultRequestExecutor } from '@okta/okta-sdk-nodejs'
import * as yaml from 'js-yaml'
import type { OpenAPIBackend } from 'openapi-backend'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OktaEmulator, type OktaOptions } from '../src/emulators/okta.js'
import { RequestLog, SandboxClock } from '../src/kernel/index.js'
import { type Started, startEmulator } from './helpers.js'
import { checkExchange, loadOktaSpec, OKTA_SPEC_PATH, RecordingEmulator } from './okta-openapi.js'

const TOKEN = 'sandbox-okta-token'
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

let spec: OpenAPIBackend
const servers: Started<RecordingEmulator<OktaEmulator>>[] = []

// Most suites model an org where activation completes without a password (federated sign-in): ACTIVE at once.
// Okta's default for a user without a password, PROVISIONED, has its own test.
async function start(options: OktaOptions = {}, timeScale = 1) {
  const o = { provisionedWithoutPassword: false, ...options }
  const s = await startEmulator((k) => new RecordingEmulator(new OktaEmulator(o, k)), { timeScale })
  servers.push(s)
  return s
}

function sdk(url: string, opts: { maxRetries?: number; token?: string } = {}) {
  const requestExecutor = new DefaultRequestExecutor({ maxRetries: opts.maxRetries ?? 2, requestTimeout: 0 })
  const client = new Client({ orgUrl: url, token: opts.token ?? TOKEN, requestExecutor })
  return { client, requestExecutor }
}

async function oktaError(p: Promise<unknown>) {
  try {
    await p
  } catch (e: any) {
    return {
      name: e.name,
      status: e.status,
      errorCode: e.errorCode,
      errorSummary: e.errorSummary,
      errorCauses: e.errorCauses,
    }
  }
  throw new Error('expected the call to fail')
}

const profile = (n: string, extra: Record<string, string> = {}) => ({
  firstName: `First${n}`,
  lastName: `Last${n}`,
  email: `user${n}@example.com`,
  login: `user${n}@example.com`,
  ...extra,
})

beforeAll(async () => {
  spec = await loadOktaSpec()
})

afterEach(() => {
  // Every request and answer of the test just run must match Okta's OpenAPI description.
  const problems = servers.flatMap((s) => s.emulator.exchanges.splice(0).flatMap((x) => checkExchange(spec, x)))
  expect(problems).toEqual([])
})

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

describe('Okta users through the SDK', () => {
  let s: Started<RecordingEmulator<OktaEmulator>>
  let client: Client
  beforeAll(async () => {
    s = await start()
    client = sdk(s.url).client
  })

  // createUser: `activate` defaults to true; `activate=false` leaves the user STAGED (okta-management.yaml).
  it('creates users: activate=true gives ACTIVE, activate=false gives STAGED', async () => {
    const active = await client.userApi.createUser({
      body: { profile: profile('1', { employeeNumber: 'E1', displayName: 'One', manager: 'boss@example.com' }) },
    })
    expect(active).toMatchObject({
      status: 'ACTIVE',
      profile: {
        firstName: 'First1',
        lastName: 'Last1',
        email: 'user1@example.com',
        login: 'user1@example.com',
        employeeNumber: 'E1',
        displayName: 'One',
        manager: 'boss@example.com',
      },
      credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
    })
    expect(active.id).toMatch(/^00u[A-Za-z0-9]{17}$/)
    expect(active.created).toBeInstanceOf(Date)
    expect(active._links?.self?.href).toBe(`${s.url}/api/v1/users/${active.id}`)
    const staged = await client.userApi.createUser({ body: { profile: profile('2') }, activate: false })
    expect(staged.status).toBe('STAGED')
    expect(staged.activated).toBeNull()
    const log = s.log.list({ route: 'POST /api/v1/users' })
    expect(log.map((e) => [e.status, e.mutating])).toEqual([
      [200, true],
      [200, true],
    ])
  })

  // developer.okta.com Users API, "User creation scenarios": no credentials and activate=true gives PROVISIONED
  // (a one-time token by email); with a password, ACTIVE.
  it('by default a user without a password is PROVISIONED and sent the activation email; with one, ACTIVE', async () => {
    const own = await start({ provisionedWithoutPassword: undefined })
    const c = sdk(own.url).client
    const pending = await c.userApi.createUser({ body: { profile: profile('p1') } })
    expect(pending.status).toBe('PROVISIONED')
    const withPassword = await c.userApi.createUser({
      body: { profile: profile('p2'), credentials: { password: { value: 'correct-Horse-9-battery' } } },
    })
    expect(withPassword.status).toBe('ACTIVE')
    const staged = await c.userApi.createUser({ body: { profile: profile('p3') }, activate: false })
    await c.userApi.activateUser({ userId: staged.id!, sendEmail: true })
    expect((await c.userApi.getUser({ userId: staged.id! })).status).toBe('PROVISIONED')
    expect(own.emulator.inner.state().activationEmails.map((e) => e.userId)).toEqual([pending.id, staged.id])
  })

  it('answers a duplicate login with 400 E0000001 and the documented cause', async () => {
    expect(await oktaError(client.userApi.createUser({ body: { profile: profile('1') } }))).toEqual({
      name: 'OktaApiError',
      status: 400,
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: login',
      errorCauses: [{ errorSummary: 'login: An object with this field already exists in the current organization' }],
    })
  })

  it('gets a user by id, by URL-encoded login, and answers 404 E0000007 otherwise', async () => {
    const byLogin = await client.userApi.getUser({ userId: 'user1@example.com' })
    const byId = await client.userApi.getUser({ userId: byLogin.id! })
    expect(byId.profile?.login).toBe('user1@example.com')
    expect(s.log.list({ route: 'GET /api/v1/users/{userId}' }).map((e) => e.path)).toContain(
      '/api/v1/users/user1%40example.com',
    )
    expect(await oktaError(client.userApi.getUser({ userId: 'nobody@example.com' }))).toMatchObject({
      status: 404,
      errorCode: 'E0000007',
      errorSummary: 'Not found: Resource not found: nobody@example.com (User)',
    })
  })

  // developer.okta.com "Rate limits": X-Rate-Limit-Limit/Remaining/Reset (UTC epoch seconds) on every response.
  it('sends Date, X-Okta-Request-Id and X-Rate-Limit-* on every response, errors included', async () => {
    for (const path of ['/api/v1/users/user1%40example.com', '/api/v1/users/nobody']) {
      const res = await fetch(`${s.url}${path}`, { headers: { authorization: `SSWS ${TOKEN}` } })
      expect(res.headers.get('date')).toMatch(/GMT$/)
      expect(res.headers.get('x-okta-request-id')).toMatch(/^[\w-]{20}$/)
      expect(res.headers.get('x-rate-limit-limit')).toBe('2000')
      expect(Number(res.headers.get('x-rate-limit-remaining'))).toBeLessThanOrEqual(2000)
      const reset = Number(res.headers.get('x-rate-limit-reset'))
      // Epoch seconds, within the next minute.
      expect(reset * 1000).toBeGreaterThanOrEqual(Date.parse(res.headers.get('date')!))
      expect(reset * 1000).toBeLessThanOrEqual(Date.now() + 61_000)
    }
  })

  it('searches and filters on login, email, employeeNumber and status, paging with Link/after/limit', async () => {
    for (const n of ['3', '4', '5']) {
      await client.userApi.createUser({ body: { profile: profile(n, { employeeNumber: `E${n}` }) } })
    }
    const all = async (params: Parameters<Client['userApi']['listUsers']>[0]) => {
      const out: string[] = []
      for await (const u of await client.userApi.listUsers(params)) out.push(u!.profile!.login!)
      return out
    }
    expect(await all({ search: 'profile.login eq "USER3@example.com"' })).toEqual(['user3@example.com'])
    expect(await all({ search: 'profile.email eq "user4@example.com"' })).toEqual(['user4@example.com'])
    expect(await all({ search: 'profile.employeeNumber eq "E5"' })).toEqual(['user5@example.com'])
    expect(await all({ search: 'status eq "STAGED"' })).toEqual(['user2@example.com'])
    expect(
      await all({ filter: 'profile.login eq "user4@example.com" or profile.login eq "user5@example.com"' }),
    ).toEqual(['user4@example.com', 'user5@example.com'])
    // Filtering is case-sensitive for values (developer.okta.com "List all users", `filter`).
    expect(await all({ filter: 'profile.login eq "USER4@example.com"' })).toEqual([])
    const before = s.log.list({ route: 'GET /api/v1/users' }).length
    const paged = await all({ search: 'profile.login sw "user"', limit: 2 })
    expect(paged).toEqual([1, 2, 3, 4, 5].map((n) => `user${n}@example.com`))
    // 5 results at 2 a page: three requests following rel="next".
    expect(s.log.list({ route: 'GET /api/v1/users' }).length - before).toBe(3)
  })

  // developer.okta.com "Pagination": a `self` link always, a `next` link with the `after` cursor while more remain.
  it('shows the Link header as Okta does: self always, next only while more remain', async () => {
    const res = await fetch(`${s.url}/api/v1/users?limit=4`, { headers: { authorization: `SSWS ${TOKEN}` } })
    const link = res.headers.get('link')!
    const body = (await res.json()) as { id: string }[]
    expect(link).toContain(`<${s.url}/api/v1/users?limit=4>; rel="self"`)
    expect(link).toContain(`<${s.url}/api/v1/users?limit=4&after=${body[3]!.id}>; rel="next"`)
  })

  it('answers an invalid search with 400 E0000031, and a filter on an unsupported property too', async () => {
    for (const params of [{ search: 'profile.login eq' }, { filter: 'profile.employeeNumber eq "E5"' }]) {
      expect(await oktaError(client.userApi.listUsers(params).then((c) => c.next()))).toMatchObject({
        status: 400,
        errorCode: 'E0000031',
        errorSummary: 'Invalid search criteria.',
      })
    }
  })

  it('updates profiles partially with POST and fully with PUT', async () => {
    const u = await client.userApi.getUser({ userId: 'user3@example.com' })
    const partial = await client.userApi.updateUser({ userId: u.id!, user: { profile: { displayName: 'Three' } } })
    expect(partial.profile).toMatchObject({ displayName: 'Three', employeeNumber: 'E3', firstName: 'First3' })
    const full = await client.userApi.replaceUser({ userId: u.id!, user: { profile: profile('3', { title: 'Eng' }) } })
    expect(full.profile).toEqual({ ...profile('3'), title: 'Eng' })
    expect(full.profile?.displayName).toBeUndefined()
    expect(
      await oktaError(client.userApi.updateUser({ userId: u.id!, user: { profile: { login: 'user4@example.com' } } })),
    ).toMatchObject({ status: 400, errorCode: 'E0000001', errorSummary: 'Api validation failed: login' })
  })

  it('runs the lifecycle and refuses invalid transitions the way Okta does', async () => {
    const id = (await client.userApi.getUser({ userId: 'user4@example.com' })).id!
    const status = async () => (await fetchUser(s.url, id)).status
    await client.userApi.suspendUser({ userId: id })
    expect(await status()).toBe('SUSPENDED')
    // "Perform this operation only on users with an ACTIVE status" (suspendUser).
    expect(await oktaError(client.userApi.suspendUser({ userId: id }))).toMatchObject({
      status: 400,
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: suspendUser',
      errorCauses: [{ errorSummary: 'Cannot suspend a user that is not active' }],
    })
    await client.userApi.unsuspendUser({ userId: id })
    expect(await status()).toBe('ACTIVE')
    expect(await oktaError(client.userApi.unsuspendUser({ userId: id }))).toMatchObject({
      status: 400,
      errorCode: 'E0000001',
      errorCauses: [{ errorSummary: 'Cannot unsuspend a user that is not suspended' }],
    })
    expect(await oktaError(client.userApi.activateUser({ userId: id, sendEmail: false }))).toMatchObject({
      status: 403,
      errorCode: 'E0000016',
      errorSummary: 'Activation failed because the user is already active',
    })
    await client.userApi.deactivateUser({ userId: id })
    expect(await status()).toBe('DEPROVISIONED')
    // Deactivating a deactivated user answers 404 E0000007 (okta/okta-sdk-java#721).
    expect(await oktaError(client.userApi.deactivateUser({ userId: id }))).toMatchObject({
      status: 404,
      errorCode: 'E0000007',
    })
    // Plain listing omits DEPROVISIONED users; search includes them (listUsers description).
    const listed: string[] = []
    for await (const u of await client.userApi.listUsers({})) listed.push(u!.id!)
    expect(listed).not.toContain(id)
    const searched: string[] = []
    for await (const u of await client.userApi.listUsers({ search: 'status eq "DEPROVISIONED"' })) {
      searched.push(u!.id!)
    }
    expect(searched).toEqual([id])
    const token = await client.userApi.activateUser({ userId: id, sendEmail: false })
    expect(token.activationToken).toMatch(/^[\w-]+$/)
    expect(token.activationUrl).toBe(`${s.url}/welcome/${token.activationToken}`)
    expect(await status()).toBe('ACTIVE')
  })

  it('activates a STAGED user', async () => {
    await client.userApi.activateUser({ userId: 'user2@example.com', sendEmail: true })
    expect(s.emulator.inner.user('user2@example.com')?.status).toBe('ACTIVE')
  })

  it('clears sessions with oauthTokens and records it', async () => {
    const id = (await client.userApi.getUser({ userId: 'user5@example.com' })).id!
    await client.userApi.revokeUserSessions({ userId: id, oauthTokens: true })
    expect(s.emulator.inner.state().sessionRevocations).toEqual([
      { userId: id, oauthTokens: true, forgetDevices: true, at: expect.stringMatching(ISO) },
    ])
    expect(s.log.list({ route: 'DELETE /api/v1/users/{userId}/sessions' }).map((e) => e.status)).toEqual([204])
  })

  // deleteUser: on a user that is not DEPROVISIONED the first call only deactivates (okta-management.yaml).
  it('deletes in two steps: the first delete only deactivates', async () => {
    const u = await client.userApi.createUser({ body: { profile: profile('9') } })
    await client.userApi.deleteUser({ userId: u.id! })
    expect(s.emulator.inner.user(u.id!)?.status).toBe('DEPROVISIONED')
    await client.userApi.deleteUser({ userId: u.id! })
    expect(s.emulator.inner.user(u.id!)).toBeUndefined()
  })

  it('refuses a missing or wrong token with 401 E0000011', async () => {
    const bad = sdk(s.url, { token: 'wrong' }).client
    expect(await oktaError(bad.userApi.getUser({ userId: 'user1@example.com' }))).toMatchObject({
      status: 401,
      errorCode: 'E0000011',
      errorSummary: 'Invalid token provided',
    })
    const res = await fetch(`${s.url}/api/v1/users`)
    expect(res.status).toBe(401)
    expect(res.headers.get('x-okta-request-id')).toBeTruthy()
  })
})

describe('Okta groups through the SDK', () => {
  let s: Started<RecordingEmulator<OktaEmulator>>
  let client: Client
  beforeAll(async () => {
    s = await start()
    s.emulator.inner.seed({
      groups: [{ name: 'eng' }, { name: 'eng-oncall' }, { name: 'sales' }],
      users: [
        { profile: profile('1'), groupNames: ['eng'] },
        { profile: profile('2'), status: 'SUSPENDED', groupNames: ['eng', 'sales'] },
      ],
    })
    client = sdk(s.url).client
  })

  it('ensureGroup is idempotent by name', () => {
    const id = s.emulator.inner.ensureGroup('eng')
    expect(s.emulator.inner.ensureGroup('eng')).toBe(id)
    expect(s.emulator.inner.state().groups.map((g) => g.name)).toEqual(['eng', 'eng-oncall', 'sales'])
  })

  it('lists groups with q and search, and gets one', async () => {
    const names = async (params: Parameters<Client['groupApi']['listGroups']>[0]) => {
      const out: string[] = []
      for await (const g of await client.groupApi.listGroups(params)) out.push(g!.profile!.name!)
      return out
    }
    expect(await names({ q: 'eng' })).toEqual(['eng', 'eng-oncall'])
    expect(await names({ search: 'profile.name eq "sales"' })).toEqual(['sales'])
    const id = s.emulator.inner.ensureGroup('sales')
    const g = await client.groupApi.getGroup({ groupId: id })
    expect(g).toMatchObject({ id, type: 'OKTA_GROUP', objectClass: ['okta:user_group'], profile: { name: 'sales' } })
    expect(await oktaError(client.groupApi.getGroup({ groupId: '00gnothere0000000000' }))).toMatchObject({
      status: 404,
      errorCode: 'E0000007',
      errorSummary: 'Not found: Resource not found: 00gnothere0000000000 (UserGroup)',
    })
  })

  it('adds and removes members, and lists both directions', async () => {
    const oncall = s.emulator.inner.ensureGroup('eng-oncall')
    const u1 = s.emulator.inner.user('user1@example.com')!.id
    await client.groupApi.assignUserToGroup({ groupId: oncall, userId: u1 })
    await client.groupApi.assignUserToGroup({ groupId: oncall, userId: u1 }) // idempotent
    const members: string[] = []
    for await (const u of await client.groupApi.listGroupUsers({ groupId: oncall })) members.push(u!.profile!.login!)
    expect(members).toEqual(['user1@example.com'])
    const groups: string[] = []
    for await (const g of await client.userApi.listUserGroups({ userId: u1 })) groups.push(g!.profile!.name!)
    expect(groups).toEqual(['eng', 'eng-oncall'])
    await client.groupApi.unassignUserFromGroup({ groupId: oncall, userId: u1 })
    expect(s.emulator.inner.groupMembers('eng-oncall')).toEqual([])
    expect(s.log.list({ route: 'PUT /api/v1/groups/{groupId}/users/{userId}' }).map((e) => e.status)).toEqual([
      204, 204,
    ])
    expect(
      await oktaError(client.groupApi.assignUserToGroup({ groupId: oncall, userId: '00unothere0000000000' })),
    ).toMatchObject({ status: 404, errorCode: 'E0000007' })
  })

  it('creates a group once: a second one with the same name is a validation error', async () => {
    const made = await client.groupApi.createGroup({
      group: { profile: { name: 'support', description: 'Help desk' } },
    })
    expect(made).toMatchObject({ type: 'OKTA_GROUP', profile: { name: 'support', description: 'Help desk' } })
    expect(await oktaError(client.groupApi.createGroup({ group: { profile: { name: 'support' } } }))).toMatchObject({
      status: 400,
      errorCode: 'E0000001',
      errorSummary: 'Api validation failed: name',
      errorCauses: [{ errorSummary: 'name: An object with this field already exists in the current organization' }],
    })
  })

  // Deactivated users are not removed from groups (external-apis.md §4).
  it('keeps group memberships of deactivated users', async () => {
    const u2 = s.emulator.inner.user('user2@example.com')!.id
    await client.userApi.deactivateUser({ userId: u2 })
    expect(s.emulator.inner.groupMembers('sales')).toEqual(['user2@example.com'])
  })
})

describe('Okta rate limits, concurrency and retries', () => {
  it('refuses past the per-minute family limit with 429 E0000047 and counts it as limited', async () => {
    const s = await start({ limits: { enabled: true, perMinute: { users: 2 } } })
    const { client } = sdk(s.url, { maxRetries: 0 })
    await client.userApi.createUser({ body: { profile: profile('1') } })
    await client.userApi.createUser({ body: { profile: profile('2') } })
    const err: any = await client.userApi.createUser({ body: { profile: profile('3') } }).catch((e) => e)
    expect(err).toMatchObject({
      status: 429,
      errorCode: 'E0000047',
      errorSummary: 'API call exceeded rate limit due to too many requests.',
    })
    const h = err.headers as Headers
    expect(h.get('x-rate-limit-limit')).toBe('2')
    expect(h.get('x-rate-limit-remaining')).toBe('0')
    // The window resets at most a minute after the first request.
    const wait = Number(h.get('x-rate-limit-reset')) * 1000 - Date.parse(h.get('date')!)
    expect(wait).toBeGreaterThan(55_000)
    expect(wait).toBeLessThanOrEqual(61_000)
    // Another family is unaffected.
    await client.userApi.getUser({ userId: 'user1@example.com' })
    expect(s.log.counters({ emulator: 'okta' }).limited).toBe(1)
    // The next window starts a minute later on the sandbox clock.
    s.clock.advance(60_000)
    await client.userApi.createUser({ body: { profile: profile('3') } })
  })

  it('refuses requests beyond the concurrency limit with X-Rate-Limit-Limit: 0', async () => {
    const s = await start({ limits: { enabled: true, concurrency: 2 }, serviceTimeMs: 60 })
    const statuses = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const res = await fetch(`${s.url}/api/v1/users`, { headers: { authorization: `SSWS ${TOKEN}` } })
        const body = (await res.json()) as { errorCode?: string }
        return [res.status, res.headers.get('x-rate-limit-limit'), body.errorCode ?? null]
      }),
    )
    expect(statuses.filter((x) => x[0] === 200)).toHaveLength(2)
    expect(statuses.filter((x) => x[0] === 429)).toEqual([
      [429, '0', 'E0000047'],
      [429, '0', 'E0000047'],
    ])
  })

  it('the SDK retries an injected 429 after reset - Date + 1 s, marking the retry', async () => {
    const s = await start()
    s.emulator.inner.seed({ users: [{ profile: profile('1') }] })
    const { client, requestExecutor } = sdk(s.url, { maxRetries: 2 })
    const backoffs: { requestId: string; delayMs: number }[] = []
    requestExecutor.on('backoff', (_req: unknown, _res: unknown, requestId: string, delayMs: number) =>
      backoffs.push({ requestId, delayMs }),
    )
    s.faults.script({ match: { route: 'GET /api/v1/users/{userId}' }, times: 1, respond: { status: 429 } })
    const u = await client.userApi.getUser({ userId: 'user1@example.com' })
    expect(u.profile?.login).toBe('user1@example.com')
    // Reset equals the Date second, so the SDK waits exactly one second (default-request-executor.js).
    expect(backoffs).toEqual([{ requestId: expect.stringMatching(/^[\w-]{20}$/), delayMs: 1000 }])
    const retried = s.emulator.exchanges.at(-1)!
    expect(retried.headers['x-okta-retry-for']).toBe(backoffs[0]!.requestId)
    expect(retried.headers['x-okta-retry-count']).toBe('1')
    expect(s.log.list({ route: 'GET /api/v1/users/{userId}' }).map((e) => [e.status, e.fault ?? null])).toEqual([
      [429, 'scripted'],
      [200, null],
    ])
  })

  it('the SDK does not retry a reset connection', async () => {
    const s = await start()
    const { client } = sdk(s.url)
    s.faults.script({ match: { route: 'GET /api/v1/users/{userId}' }, times: 1, reset: true })
    await expect(client.userApi.getUser({ userId: 'anyone@example.com' })).rejects.toThrow()
    expect(s.log.list({ route: 'GET /api/v1/users/{userId}' }).map((e) => e.status)).toEqual([0])
  })

  it('answers an unknown path with an Okta 404 and the usual headers', async () => {
    const s = await start()
    const res = await fetch(`${s.url}/api/v1/nothing`, { headers: { authorization: `SSWS ${TOKEN}` } })
    expect(res.status).toBe(404)
    expect(res.headers.get('x-rate-limit-limit')).toBeTruthy()
    expect(await res.json()).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found' })
  })

  it('the SDK does not retry a 5xx: the Okta-shaped error reaches the caller', async () => {
    const s = await start()
    const { client } = sdk(s.url)
    s.faults.script({ match: { route: 'POST /api/v1/users' }, times: 1, respond: { status: 503 } })
    expect(await oktaError(client.userApi.createUser({ body: { profile: profile('1') } }))).toMatchObject({
      name: 'OktaApiError',
      status: 503,
      errorCode: 'E0000009',
    })
    expect(s.log.list({ route: 'POST /api/v1/users' })).toHaveLength(1)
  })
})

describe('Okta asynchronous and misbehaving transitions', () => {
  it('async deactivation keeps the status with transitioningToStatus until it settles', async () => {
    const s = await start({ deactivateDelayMs: 30_000 })
    s.emulator.inner.seed({ users: [{ profile: profile('1') }] })
    const { client } = sdk(s.url)
    await client.userApi.deactivateUser({ userId: 'user1@example.com' })
    const during = await fetchUser(s.url, 'user1@example.com')
    expect([during.status, during.transitioningToStatus]).toEqual(['ACTIVE', 'DEPROVISIONED'])
    s.clock.advance(30_000)
    const after = await fetchUser(s.url, 'user1@example.com')
    expect([after.status, after.transitioningToStatus]).toEqual(['DEPROVISIONED', undefined])
  })

  it('a lying lifecycle call answers 200 and leaves the status unchanged (helper and scripted fault)', async () => {
    const s = await start()
    s.emulator.inner.seed({ users: [{ profile: profile('1') }] })
    const { client } = sdk(s.url)
    s.emulator.inner.lieOnNext('suspend')
    await client.userApi.suspendUser({ userId: 'user1@example.com' })
    expect(s.emulator.inner.user('user1@example.com')?.status).toBe('ACTIVE')
    s.faults.script({
      match: { route: 'POST /api/v1/users/{userId}/lifecycle/deactivate' },
      times: 1,
      respond: { status: 200, body: '' },
    })
    await client.userApi.deactivateUser({ userId: 'user1@example.com' })
    expect(s.emulator.inner.user('user1@example.com')?.status).toBe('ACTIVE')
    await client.userApi.suspendUser({ userId: 'user1@example.com' })
    expect(s.emulator.inner.user('user1@example.com')?.status).toBe('SUSPENDED')
  })

  it('is steered black-box over /__sandbox/: lie, status, settle, group, user', async () => {
    const s = await start({ deactivateDelayMs: 60_000 })
    s.emulator.inner.seed({ users: [{ profile: profile('1') }] })
    const control = async (method: string, what: string, body?: unknown) => {
      const res = await fetch(`${s.url}/__sandbox/${what}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: res.status, body: (await res.json()) as any }
    }
    expect((await control('POST', 'lie', { op: 'unsuspend' })).body).toEqual({ ok: true })
    expect((await control('POST', 'lie', { op: 'explode' })).status).toBe(400)
    const suspended = await control('POST', 'status', { user: 'user1@example.com', status: 'SUSPENDED' })
    expect(suspended.body.status).toBe('SUSPENDED')
    const { client } = sdk(s.url)
    await client.userApi.unsuspendUser({ userId: 'user1@example.com' })
    expect((await control('GET', 'user/user1%40example.com')).body.status).toBe('SUSPENDED')
    await client.userApi.deactivateUser({ userId: 'user1@example.com' })
    expect((await control('GET', 'user/user1%40example.com')).body.transitioningToStatus).toBe('DEPROVISIONED')
    await control('POST', 'settle')
    expect((await control('GET', 'user/user1%40example.com')).body.status).toBe('DEPROVISIONED')
    const { body } = await control('POST', 'group', { name: 'eng' })
    expect(body.id).toBe(s.emulator.inner.ensureGroup('eng'))
  })

  it('search is eventually consistent when searchLagMs is set; get by id is not', async () => {
    const s = await start({ searchLagMs: 5_000 })
    const { client } = sdk(s.url)
    await client.userApi.createUser({ body: { profile: profile('1') } })
    const found = async () => {
      const out: string[] = []
      for await (const u of await client.userApi.listUsers({ search: 'profile.login eq "user1@example.com"' })) {
        out.push(u!.id!)
      }
      return out.length
    }
    expect(await found()).toBe(0)
    expect((await fetchUser(s.url, 'user1@example.com')).status).toBe('ACTIVE')
    s.clock.advance(5_000)
    expect(await found()).toBe(1)
  })
})

describe('Okta OpenAPI validation', () => {
  it('reads the description from inside the repository, trimmed to exactly the operations the emulator serves', async () => {
    expect(OKTA_SPEC_PATH.startsWith(repoRoot)).toBe(true)
    const emulator = new OktaEmulator({}, { clock: new SandboxClock(1, Date.now()), log: new RequestLog() })
    const doc = yaml.load(readFileSync(OKTA_SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> }
    const described = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => k !== 'parameters')
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    // The org authorization server (/oauth2/…) is not part of the Management API description.
    const managed = emulator.routeIds().filter((id) => !id.split(' ')[1]!.startsWith('/oauth2/'))
    expect(described.sort()).toEqual(managed.sort())
    // The trimming script lists the same operations (it is rerun when Okta's description changes).
    const script = new URL('../../../scripts/trim-okta-spec.mjs', import.meta.url).href
    const { OKTA_OPERATIONS } = (await import(script)) as { OKTA_OPERATIONS: string[] }
    expect([...OKTA_OPERATIONS].sort()).toEqual(described.sort())
  })

  it('fails loudly, never skips, when the description is absent', async () => {
    await expect(loadOktaSpec('/nonexistent/okta-management.yaml')).rejects.toThrow(
      "Okta's OpenAPI description is missing at /nonexistent/okta-management.yaml",
    )
  })

  it('is not vacuous: a wrong shape is reported', () => {
    const problems = checkExchange(spec, {
      method: 'GET',
      path: '/api/v1/users/00u1',
      query: {},
      headers: {},
      body: undefined,
      reply: { status: 200, body: { id: '00u1', status: 'GONE' } },
    })
    expect(problems).toEqual(['GET /api/v1/users/00u1 200 response /status must be equal to one of the allowed values'])
    const typed = checkExchange(spec, {
      ...exchangeOf('POST', '/api/v1/users'),
      body: { profile: { firstName: 3, lastName: 'L', email: 'a@example.com', login: 'a@example.com' } },
      reply: { status: 401, body: { errorCode: 'E0000011' } },
    })
    expect(typed).toEqual([
      'POST /api/v1/users request /requestBody/profile/firstName must be string',
      'POST /api/v1/users 401 is not an Okta error object: {"errorCode":"E0000011"}',
    ])
    expect(checkExchange(spec, { ...exchangeOf('POST', '/api/v1/nothing'), reply: { status: 200 } })).toEqual([
      "POST /api/v1/nothing: no operation in Okta's OpenAPI description",
    ])
  })
})

function exchangeOf(method: string, path: string) {
  return { method, path, query: {}, headers: {}, body: undefined }
}

async function fetchUser(url: string, idOrLogin: string) {
  const res = await fetch(`${url}/api/v1/users/${encodeURIComponent(idOrLogin)}`, {
    headers: { authorization: `SSWS ${TOKEN}` },
  })
  return (await res.json()) as { status: string; transitioningToStatus?: string }
}
