// A SCIM 2.0 service provider (RFC 7643/7644, external-apis.md §5) as a Directory: userName is the email,
// externalId the employee id; `active` is the only status, so offboarding is PATCH active:false.

import { type Account, type Directory, type Profile, quote } from './directory.js'
import type { Http, HttpResponse } from './http.js'

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const enc = encodeURIComponent

const toAccount = (u: any): Account => {
  const emails: any[] = Array.isArray(u.emails) ? u.emails : []
  const email = emails.find((e) => e?.primary) ?? emails.find((e) => e?.type === 'work') ?? emails[0]
  return {
    id: String(u.id),
    status: u.active === false ? 'INACTIVE' : 'ACTIVE',
    profile: {
      login: u.userName ?? '',
      email: email?.value ?? '',
      firstName: u.name?.givenName ?? '',
      lastName: u.name?.familyName ?? '',
      displayName: u.displayName ?? '',
      employeeNumber: u.externalId ?? '',
    },
  }
}

const workEmail = (value: string) => [{ value, type: 'work', primary: true }]

/** PATCH operations for changed profile fields (paths per RFC 7644 §3.5.2). */
function profileOps(changes: Partial<Profile>): { op: 'replace'; path: string; value: unknown }[] {
  const ops: { op: 'replace'; path: string; value: unknown }[] = []
  const set = (path: string, value: unknown) => ops.push({ op: 'replace', path, value })
  if (changes.login !== undefined) set('userName', changes.login)
  if (changes.email !== undefined) set('emails', workEmail(changes.email))
  if (changes.firstName !== undefined) set('name.givenName', changes.firstName)
  if (changes.lastName !== undefined) set('name.familyName', changes.lastName)
  if (changes.displayName !== undefined) {
    set('displayName', changes.displayName)
    set('name.formatted', changes.displayName)
  }
  if (changes.employeeNumber !== undefined) set('externalId', changes.employeeNumber)
  return ops
}

export function scimDirectory(http: Http): Directory {
  const list = async (path: string, filter: string): Promise<any[]> => {
    const r = await http('GET', path, { query: { filter } })
    return Array.isArray(r.body?.Resources) ? r.body.Resources : []
  }
  const getById = async (id: string) => {
    const r = await http('GET', `/Users/${enc(id)}`, { accept: [404] })
    return r.status === 404 ? undefined : toAccount(r.body)
  }
  const getByLogin = async (login: string) => {
    const hit = (await list('/Users', `userName eq ${quote(login)}`)).find(
      (u) => String(u.userName).toLowerCase() === login.toLowerCase(),
    )
    return hit && toAccount(hit)
  }
  const patch = (path: string, Operations: unknown[], recheck?: () => Promise<HttpResponse | undefined>) =>
    http('PATCH', path, { body: { schemas: [PATCH_SCHEMA], Operations }, recheck })

  const dir: Directory = {
    provider: 'scim',
    getById,
    getByLogin,
    async findByEmployee(employeeId) {
      return (await list('/Users', `externalId eq ${quote(employeeId)}`))
        .filter((u) => u.externalId === employeeId)
        .map(toAccount)
    },
    async create(profile, active) {
      const r = await http('POST', '/Users', {
        body: {
          schemas: [USER_SCHEMA],
          userName: profile.login,
          externalId: profile.employeeNumber,
          active,
          displayName: profile.displayName,
          name: { givenName: profile.firstName, familyName: profile.lastName, formatted: profile.displayName },
          emails: workEmail(profile.email),
        },
        // A create whose answer was lost may have happened: 409 on the retry would hide that.
        recheck: async () => {
          const a = await getByLogin(profile.login)
          return a && a.profile.employeeNumber === profile.employeeNumber
            ? { status: 201, headers: new Headers(), body: { id: a.id, active: a.status === 'ACTIVE' } }
            : undefined
        },
      })
      return toAccount(r.body)
    },
    async update(id, changes) {
      await patch(`/Users/${enc(id)}`, profileOps(changes))
    },
    async groupId(name) {
      const hits = (await list('/Groups', `displayName eq ${quote(name)}`)).filter((g) => g.displayName === name)
      if (hits.length > 1) throw new Error(`scim: ${hits.length} groups are named ${name}`)
      return hits[0]?.id
    },
    async isMember(groupId, userId) {
      const r = await http('GET', `/Groups/${enc(groupId)}`)
      return (r.body?.members ?? []).some((m: any) => m?.value === userId)
    },
    async setMember(groupId, userId, member) {
      // Both are idempotent: adding a member twice or removing an absent one leaves the same group.
      await patch(
        `/Groups/${enc(groupId)}`,
        member
          ? [{ op: 'add', path: 'members', value: [{ value: userId }] }]
          : [{ op: 'remove', path: `members[value eq ${quote(userId)}]` }],
      )
    },
    async groupsOf(userId) {
      const groups = await list('/Groups', `members.value eq ${quote(userId)}`)
      return groups.filter((g) => (g.members ?? []).some((m: any) => m?.value === userId)).map((g) => g.displayName)
    },
    satisfies(desired, found) {
      return desired === 'ACTIVE' ? found.status === 'ACTIVE' : found.status === 'INACTIVE'
    },
    pendingReason: () => undefined,
    transitionVerb: (_found, desired) => (desired === 'ACTIVE' ? 'activate' : 'deactivate'),
    async transition(found, desired) {
      await patch(`/Users/${enc(found.id)}`, [{ op: 'replace', path: 'active', value: desired === 'ACTIVE' }])
    },
  }
  return dir
}
