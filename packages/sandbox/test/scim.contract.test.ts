// The SCIM 2.0 emulator over fetch (SCIM has no official client): RFC 7644 wire behaviour, scimmy's
// schema checks of onramp-style payloads, limits, faults and onramp's retry loop against a 429.
// Facts: docs/reference/external-apis.md §5.
import { classifyHttp, withRetry } from '@onramp/core'
import SCIMMY from 'scimmy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScimEmulator, type ScimOptions } from '../src/emulators/scim.js'
import { type Started, startEmulator } from './helpers.js'

const TOKEN = 'sandbox-scim-token'
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const servers: Started<ScimEmulator>[] = []
async function start(options: ScimOptions = {}) {
  const s = await startEmulator((k) => new ScimEmulator(options, k))
  servers.push(s)
  return s
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
})

function scim(base: string, token: string | null = TOKEN) {
  return async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { accept: 'application/scim+json' }
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/scim+json'
    const res = await fetch(`${base}/scim/v2${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined }
  }
}

// What onramp sends when it provisions a hire into a SCIM app.
const hire = (n: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER],
  userName: `user${n}@example.com`,
  externalId: `E${n}`,
  active: true,
  name: { givenName: `First${n}`, familyName: `Last${n}` },
  displayName: `First${n} Last${n}`,
  emails: [{ value: `user${n}@example.com`, type: 'work', primary: true }],
  ...extra,
})

describe('SCIM users', () => {
  let s: Started<ScimEmulator>
  let call: ReturnType<typeof scim>
  let id1: string
  beforeAll(async () => {
    s = await start()
    call = scim(s.url)
  })

  it('creates a user: 201, Location equal to meta.location, SCIM content type', async () => {
    const res = await call('POST', '/Users', hire('1'))
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toMatch(/^application\/scim\+json/)
    id1 = res.body.id
    expect(res.body).toEqual({
      schemas: [USER],
      id: expect.stringMatching(UUID),
      externalId: 'E1',
      userName: 'user1@example.com',
      name: { givenName: 'First1', familyName: 'Last1' },
      displayName: 'First1 Last1',
      active: true,
      emails: [{ value: 'user1@example.com', type: 'work', primary: true }],
      meta: {
        resourceType: 'User',
        created: expect.stringMatching(ISO),
        lastModified: expect.stringMatching(ISO),
        location: `${s.url}/scim/v2/Users/${id1}`,
      },
    })
    // RFC 7644 §3.3: the 201 carries Location with the resource URI.
    expect(res.headers.get('location')).toBe(`${s.url}/scim/v2/Users/${id1}`)
    expect(s.log.list({ route: 'POST /Users' }).map((e) => [e.status, e.mutating])).toEqual([[201, true]])
  })

  // RFC 7644 §3.12: error bodies carry `status` as a string; a duplicate is 409 with scimType "uniqueness".
  it('refuses a duplicate userName (any case) with 409 uniqueness', async () => {
    const res = await call('POST', '/Users', hire('1', { userName: 'USER1@example.com', externalId: 'other' }))
    expect(res.status).toBe(409)
    expect(res.body).toEqual({
      schemas: [ERROR],
      status: '409',
      scimType: 'uniqueness',
      detail: 'Primary key userName "USER1@example.com" is already in use',
    })
  })

  it('refuses a user without userName with 400 invalidValue', async () => {
    const { userName: _omit, ...noName } = hire('x')
    const res = await call('POST', '/Users', noName)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' })
    expect(res.body.detail).toMatch(/userName/)
  })

  // RFC 7644 §3.4.2: filters, ListResponse {totalResults, Resources, startIndex, itemsPerPage}, 1-based paging.
  it('filters by userName, externalId and emails, answering a ListResponse', async () => {
    await call('POST', '/Users', hire('2'))
    await call('POST', '/Users', hire('3'))
    const ids = async (filter: string) => {
      const res = await call('GET', `/Users?filter=${encodeURIComponent(filter)}`)
      expect(res.status).toBe(200)
      expect(res.body.schemas).toEqual([LIST])
      return res.body.Resources.map((r: { userName: string }) => r.userName)
    }
    expect(await ids('userName eq "user2@example.com"')).toEqual(['user2@example.com'])
    // userName is not case-exact (RFC 7643 §4.1.1).
    expect(await ids('userName eq "USER2@EXAMPLE.COM"')).toEqual(['user2@example.com'])
    expect(await ids('externalId eq "E3"')).toEqual(['user3@example.com'])
    expect(await ids('emails[value eq "user1@example.com"]')).toEqual(['user1@example.com'])
    expect(await ids('emails eq "user3@example.com"')).toEqual(['user3@example.com'])
    expect(await ids('userName eq "nobody@example.com"')).toEqual([])
    const page = await call('GET', '/Users?startIndex=2&count=1')
    expect(page.body).toEqual({
      schemas: [LIST],
      totalResults: 3,
      Resources: [expect.objectContaining({ userName: 'user2@example.com' })],
      startIndex: 2,
      itemsPerPage: 1,
    })
  })

  // RFC 7644 §3.12: "invalidFilter" for a filter with bad syntax.
  it('answers a malformed filter with 400 invalidFilter', async () => {
    const res = await call('GET', `/Users?filter=${encodeURIComponent('userName xx "a"')}`)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' })
  })

  // RFC 7644 §3.5.2: PatchOp with or without `path`; op names are case-insensitive.
  it('PATCHes active to false, with a path and without one', async () => {
    const withPath = await call('PATCH', `/Users/${id1}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    })
    expect(withPath.status).toBe(200)
    expect(withPath.body.active).toBe(false)
    expect(s.emulator.user('user1@example.com')?.active).toBe(false)
    const id2 = s.emulator.user('user2@example.com')!.id
    const noPath = await call('PATCH', `/Users/${id2}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', value: { active: false } }],
    })
    expect(noPath.body.active).toBe(false)
    // String booleans (as Entra sends them) are refused by scimmy.
    const entra = await call('PATCH', `/Users/${id2}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: 'False' }],
    })
    expect(entra.status).toBe(400)
    expect(entra.body).toMatchObject({ status: '400', scimType: 'invalidValue' })
  })

  it('replaces a user with PUT, keeping id and created, and still enforcing uniqueness', async () => {
    const before = s.emulator.user(id1)!
    const res = await call('PUT', `/Users/${id1}`, hire('1', { displayName: 'One', emails: undefined }))
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: id1, displayName: 'One', meta: { created: before.meta.created } })
    expect(res.body.emails).toBeUndefined()
    const clash = await call('PUT', `/Users/${id1}`, hire('2'))
    expect(clash.status).toBe(409)
    expect(clash.body.scimType).toBe('uniqueness')
    expect((await call('PUT', '/Users/00000000-0000-4000-8000-000000000000', hire('9'))).status).toBe(404)
  })

  it('answers an unknown id with 404 and deletes with 204', async () => {
    const missing = await call('GET', '/Users/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({
      schemas: [ERROR],
      status: '404',
      detail: 'Resource 00000000-0000-4000-8000-000000000000 not found',
    })
    const id3 = s.emulator.user('user3@example.com')!.id
    expect((await call('DELETE', `/Users/${id3}`)).status).toBe(204)
    expect((await call('GET', `/Users/${id3}`)).status).toBe(404)
    expect(s.log.list({ route: 'GET /Users/{id}' }).map((e) => e.status)).toEqual([404, 404])
  })

  it('refuses a missing or wrong bearer token with 401', async () => {
    for (const token of [null, 'wrong']) {
      const res = await scim(s.url, token)('GET', '/Users')
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="scim"')
      expect(res.body).toEqual({ schemas: [ERROR], status: '401', detail: 'Authorization failure' })
    }
  })

  it('describes itself: ServiceProviderConfig with patch and filter', async () => {
    const res = await call('GET', '/ServiceProviderConfig')
    expect(res.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      etag: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    })
  })
})

describe('SCIM groups', () => {
  it('creates a group with members and adds and removes members by PATCH', async () => {
    const s = await start()
    s.emulator.seed({ users: [{ userName: 'a@example.com' }, { userName: 'b@example.com', active: false }] })
    const call = scim(s.url)
    const a = s.emulator.user('a@example.com')!.id
    const b = s.emulator.user('b@example.com')!.id
    const created = await call('POST', '/Groups', { schemas: [GROUP], displayName: 'eng', members: [{ value: a }] })
    expect(created.status).toBe(201)
    expect(created.headers.get('location')).toBe(`${s.url}/scim/v2/Groups/${created.body.id}`)
    expect(created.body).toEqual({
      schemas: [GROUP],
      id: expect.stringMatching(UUID),
      displayName: 'eng',
      members: [{ value: a, display: 'a@example.com', type: 'User' }],
      meta: {
        resourceType: 'Group',
        created: expect.stringMatching(ISO),
        lastModified: expect.stringMatching(ISO),
        location: created.headers.get('location'),
      },
    })
    const gid = created.body.id
    const added = await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'add', path: 'members', value: [{ value: b }] }],
    })
    expect(added.status).toBe(200)
    expect(s.emulator.groupMembers('eng')).toEqual(['a@example.com', 'b@example.com'])
    await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'remove', path: `members[value eq "${a}"]` }],
    })
    expect(s.emulator.groupMembers('eng')).toEqual(['b@example.com'])
    const byName = await call('GET', `/Groups?filter=${encodeURIComponent('displayName eq "eng"')}`)
    expect(byName.body.Resources.map((g: { id: string }) => g.id)).toEqual([gid])
    // Deleting a user takes it out of its groups.
    await call('DELETE', `/Users/${b}`)
    expect(s.emulator.groupMembers('eng')).toEqual([])
    const unknown = await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'add', path: 'members', value: [{ value: 'no-such-user' }] }],
    })
    expect(unknown.status).toBe(400)
  })

  it('keeps a separate store and origin per emulator in one process', async () => {
    const one = await start()
    const two = await start()
    const made = await scim(one.url)('POST', '/Users', hire('7'))
    await scim(two.url)('POST', '/Users', hire('8'))
    expect(one.emulator.state().users.map((u) => u.userName)).toEqual(['user7@example.com'])
    expect(two.emulator.state().users.map((u) => u.userName)).toEqual(['user8@example.com'])
    const read = await scim(one.url)('GET', `/Users/${made.body.id}`)
    expect(read.body.meta.location).toBe(`${one.url}/scim/v2/Users/${made.body.id}`)
  })
})

describe('SCIM limits, faults and retries', () => {
  it('answers 429 with Retry-After past the write limit, counted as limited; reads still pass', async () => {
    const s = await start({ limits: { enabled: true, writesPerMinute: 2 } })
    const call = scim(s.url)
    expect((await call('POST', '/Users', hire('1'))).status).toBe(201)
    expect((await call('POST', '/Users', hire('2'))).status).toBe(201)
    const refused = await call('POST', '/Users', hire('3'))
    expect(refused.status).toBe(429)
    // One token refills in 30 s at 2 a minute.
    expect(refused.headers.get('retry-after')).toBe('30')
    expect(refused.body).toEqual({ schemas: [ERROR], status: '429', detail: 'Too many requests' })
    expect((await call('GET', '/Users')).status).toBe(200)
    expect(s.log.counters({ emulator: 'scim' }).limited).toBe(1)
    s.clock.advance(30_000)
    expect((await call('POST', '/Users', hire('3'))).status).toBe(201)
  })

  it('injected faults use the SCIM error shape and route ids', async () => {
    const s = await start()
    s.faults.script({ match: { route: 'PATCH /Users/{id}' }, times: 1, respond: { status: 503 } })
    s.emulator.seed({ users: [{ userName: 'a@example.com' }] })
    const id = s.emulator.user('a@example.com')!.id
    const res = await scim(s.url)('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(res.body).toEqual({ schemas: [ERROR], status: '503', detail: 'sandbox: injected 503' })
    expect(s.log.list({ route: 'PATCH /Users/{id}' }).map((e) => [e.status, e.fault])).toEqual([[503, 'scripted']])
  })

  it("onramp's retry loop honours Retry-After on an injected 429 and then succeeds", async () => {
    const s = await start()
    s.faults.script({ match: { route: 'POST /Users' }, times: 1, respond: { status: 429 } })
    const waits: number[] = []
    const clock = { now: () => 0, sleep: async (ms: number) => void waits.push(ms), random: () => 0 }
    const created = await withRetry(
      async () => {
        const res = await scim(s.url)('POST', '/Users', hire('1'))
        if (res.status >= 400) throw Object.assign(new Error(res.body.detail), res)
        return res
      },
      (e: any) => classifyHttp(e.status, Object.fromEntries(e.headers)),
      { baseMs: 10, capMs: 100, maxAttempts: 3, deadlineMs: 10_000 },
      clock,
    )
    expect(created.status).toBe(201)
    expect(waits).toEqual([1000])
    expect(s.log.list({ route: 'POST /Users' }).map((e) => e.status)).toEqual([429, 201])
  })
})

describe("onramp-style payloads pass scimmy's own checks", () => {
  it('accepts a hire and rejects a user without userName', () => {
    const user = new SCIMMY.Schemas.User(hire('1'), 'in')
    expect(JSON.parse(JSON.stringify(user))).toMatchObject({ userName: 'user1@example.com', active: true })
    const { userName: _omit, ...bad } = hire('1')
    expect(() => new SCIMMY.Schemas.User(bad, 'in')).toThrow(/userName/)
  })

  it('accepts deprovisioning and membership PatchOps, and rejects a malformed one', () => {
    // Messages arrive as untyped JSON; the checks are scimmy's, at run time.
    const patchOp = (msg: unknown) => new SCIMMY.Messages.PatchOp(msg as any)
    for (const Operations of [
      [{ op: 'replace', path: 'active', value: false }],
      [{ op: 'add', path: 'members', value: [{ value: 'u1' }] }],
      [{ op: 'remove', path: 'members[value eq "u1"]' }],
    ]) {
      expect(() => patchOp({ schemas: [PATCH], Operations })).not.toThrow()
    }
    expect(() => patchOp({ schemas: [PATCH], Operations: [{ op: 'delete' }] })).toThrow(/Invalid operation 'delete'/)
    expect(() => patchOp({ schemas: [PATCH], Operations: [{ op: 'remove' }] })).toThrow(
      /Missing required attribute 'path'/,
    )
    expect(() => new SCIMMY.Types.Filter('userName eq "a@example.com"')).not.toThrow()
    expect(() => new SCIMMY.Types.Filter('userName eq "a')).toThrow(/Unexpected token/)
  })
})

// IAM Identity Center's SCIM implementation, as its developer guide describes it (ListUsers, ListGroups,
// GetGroup, PatchGroup, Limitations), against the same requests a generic provider answers.
describe('SCIM profile aws-identity-center', () => {
  let s: Started<ScimEmulator>
  let call: ReturnType<typeof scim>
  let a: string
  let b: string
  let eng: string
  const q = (filter: string) => encodeURIComponent(filter)
  beforeAll(async () => {
    s = await start({ profile: 'aws-identity-center' })
    call = scim(s.url)
    s.emulator.seed({
      users: [{ userName: 'a@example.com', externalId: 'E1' }, { userName: 'b@example.com' }],
      groups: [{ displayName: 'eng', members: ['a@example.com'] }, { displayName: 'ops' }],
    })
    a = s.emulator.user('a@example.com')!.id
    b = s.emulator.user('b@example.com')!.id
    eng = s.emulator.group('eng')!.id
  })

  it('returns groups with an empty member list, by id and in lists', async () => {
    const one = await call('GET', `/Groups/${eng}`)
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ id: eng, displayName: 'eng', members: [] })
    const list = await call('GET', `/Groups?filter=${q('displayName eq "eng"')}`)
    expect(list.body.Resources).toEqual([expect.objectContaining({ id: eng, members: [] })])
    // The store still holds the member: only the answers leave it out.
    expect(s.emulator.groupMembers('eng')).toEqual(['a@example.com'])
  })

  it('answers membership through the id and members filter, in either order', async () => {
    const member = await call('GET', `/Groups?filter=${q(`id eq "${eng}" and members eq "${a}"`)}`)
    expect(member.status).toBe(200)
    expect(member.body).toMatchObject({ schemas: [LIST], totalResults: 1, Resources: [{ id: eng, members: [] }] })
    const not = await call('GET', `/Groups?filter=${q(`members eq "${b}" and id eq "${eng}"`)}`)
    expect(not.body).toMatchObject({ totalResults: 0, Resources: [] })
    const nobody = await call('GET', `/Groups?filter=${q(`id eq "${eng}" and members eq "no-such-user"`)}`)
    expect(nobody.status).toBe(404)
  })

  it('refuses the filters it does not support with 400 invalidFilter; the generic profile answers them', async () => {
    for (const [path, filter] of [
      ['/Groups', `members.value eq "${a}"`],
      ['/Groups', 'displayName eq "eng" or displayName eq "ops"'],
      ['/Groups', 'displayName co "en"'],
      ['/Users', 'emails.value eq "a@example.com"'],
      ['/Users', 'userName eq "a@example.com" and externalId eq "E1"'],
      ['/Users', 'userName sw "a"'],
    ]) {
      const res = await call('GET', `${path}?filter=${q(filter!)}`)
      expect({ filter, status: res.status, body: res.body }).toMatchObject({
        filter,
        status: 400,
        body: { schemas: [ERROR], status: '400', scimType: 'invalidFilter' },
      })
    }
    for (const [path, filter] of [
      ['/Users', 'userName eq "A@example.com"'],
      ['/Users', 'externalId eq "E1"'],
      ['/Groups', 'externalId eq "none"'],
    ]) {
      expect((await call('GET', `${path}?filter=${q(filter!)}`)).status).toBe(200)
    }
    const generic = await start()
    generic.emulator.seed({
      users: [{ userName: 'a@example.com' }],
      groups: [{ displayName: 'eng', members: ['a@example.com'] }],
    })
    const ga = generic.emulator.user('a@example.com')!.id
    const byMember = await scim(generic.url)('GET', `/Groups?filter=${q(`members.value eq "${ga}"`)}`)
    expect(byMember.body.Resources).toEqual([
      expect.objectContaining({ displayName: 'eng', members: [expect.objectContaining({ value: ga })] }),
    ])
    expect((await scim(generic.url)('GET', `/Groups/${generic.emulator.group('eng')!.id}`)).body.members).toHaveLength(
      1,
    )
  })

  it('pages by cursor, at most 100 a page', async () => {
    s.emulator.seed({ groups: Array.from({ length: 105 }, (_, i) => ({ displayName: `bulk-${i}` })) })
    expect((await call('GET', '/Groups?count=101')).status).toBe(400)
    const first = await call('GET', '/Groups?cursor=')
    expect(first.status).toBe(200)
    expect(first.body.itemsPerPage).toBe(100)
    expect(first.body.totalResults).toBeUndefined()
    expect(first.body.nextCursor).toMatch(/^[-a-zA-Z0-9+=/:_]+$/)
    const second = await call('GET', `/Groups?cursor=${encodeURIComponent(first.body.nextCursor)}`)
    expect(second.body.nextCursor).toBeUndefined()
    const names = [...first.body.Resources, ...second.body.Resources].map((g: { displayName: string }) => g.displayName)
    expect(new Set(names).size).toBe(107)
    // Without a cursor: the first page only, in the classic list form.
    const plain = await call('GET', '/Groups')
    expect(plain.body).toMatchObject({ totalResults: 107, itemsPerPage: 100, startIndex: 1 })
  })

  it('refuses PatchGroup replacing or removing all members, and over 100 membership changes', async () => {
    const patch = (Operations: unknown[]) => call('PATCH', `/Groups/${eng}`, { schemas: [PATCH], Operations })
    expect((await patch([{ op: 'replace', path: 'members', value: [{ value: b }] }])).status).toBe(400)
    expect((await patch([{ op: 'remove', path: 'members' }])).status).toBe(400)
    const many = Array.from({ length: 101 }, () => ({ value: b }))
    expect((await patch([{ op: 'add', path: 'members', value: many }])).status).toBe(400)
    expect(s.emulator.groupMembers('eng')).toEqual(['a@example.com'])
    expect((await patch([{ op: 'add', path: 'members', value: [{ value: b }] }])).status).toBe(200)
    expect((await patch([{ op: 'remove', path: `members[value eq "${b}"]` }])).status).toBe(200)
    expect(s.emulator.groupMembers('eng')).toEqual(['a@example.com'])
  })

  it('refuses a user with two emails, and /Bulk; the profile is switched through the control plane', async () => {
    const two = hire('9', {
      emails: [
        { value: 'user9@example.com', type: 'work', primary: true },
        { value: 'u9@example.com', type: 'home' },
      ],
    })
    expect((await call('POST', '/Users', two)).status).toBe(400)
    expect((await call('POST', '/Bulk', { schemas: [] })).status).toBe(404)
    const control = (body: unknown) =>
      fetch(`${s.url}/__sandbox/profile`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.status)
    expect(await control({ profile: 'generic' })).toBe(200)
    expect((await call('GET', `/Groups/${eng}`)).body.members).toHaveLength(1)
    expect(await control({ profile: 'okta' })).toBe(400)
    expect(await control({ profile: 'aws-identity-center' })).toBe(200)
    expect((await call('GET', `/Groups/${eng}`)).body.members).toEqual([])
  })
})
