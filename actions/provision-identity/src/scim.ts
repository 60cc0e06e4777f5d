// A SCIM 2.0 service provider (RFC 7643/7644, external-apis.md §5) as a Directory: userName is the email,
// externalId the employee id; `active` is the only status, so offboarding is PATCH active:false, and a leaver's
// post-leave deactivation (guardrails dates.leaver.deactivate-after-days) is DELETE: RFC 7643 leaves what
// `active: false` means to the provider and has no stronger state, while after a DELETE (RFC 7644 §3.6) every
// operation on the user answers 404, which is what the read-back checks. IAM Identity Center's SCIM
// implementation supports both as the RFC has them.
//
// Providers differ in what they answer. `generic` trusts RFC 7644: a group shows its members, and one
// `members.value` filter lists the user's groups. `aws-identity-center` follows IAM Identity Center's SCIM
// developer guide: GetGroup and ListGroups return an empty member list, filters are `eq` only and the one
// membership read is `id eq "<group>" and members eq "<user>"` per group; ListGroups pages by `cursor`, at most
// 100 a page.

import { type Account, type Directory, type Profile, quote, ReportUnavailable } from './directory.js'
import { type Http, type HttpResponse, ServiceError } from './http.js'

export type ScimProfile = 'generic' | 'aws-identity-center'
export const SCIM_PROFILES = ['auto', 'generic', 'aws-identity-center'] as const

/**
 * The profile for `scim-profile`: `auto` picks aws-identity-center for IAM Identity Center's SCIM endpoint
 * (https://scim.<region>.amazonaws.com/<tenant>/scim/v2, as its console shows it) and generic otherwise.
 */
export function scimProfileFor(setting: (typeof SCIM_PROFILES)[number], baseUrl: string): ScimProfile {
  if (setting !== 'auto') return setting
  const host = new URL(baseUrl).hostname.toLowerCase()
  return /^scim\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) ? 'aws-identity-center' : 'generic'
}

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

/** Group names per `or` filter (generic profile), so the query stays short. */
const GROUP_FILTER_CHUNK = 20

export function scimDirectory(http: Http, profile: ScimProfile = 'generic'): Directory {
  const aws = profile === 'aws-identity-center'
  const list = async (path: string, filter: string): Promise<any[]> => {
    const r = await http('GET', path, { query: { filter } })
    return Array.isArray(r.body?.Resources) ? r.body.Resources : []
  }
  /** Every group, page by page (IAM Identity Center: `cursor`, 100 a page), until `enough` says stop. */
  const everyGroup = async (enough: (seen: any[]) => boolean): Promise<any[]> => {
    const seen: any[] = []
    let cursor = ''
    for (;;) {
      const r = await http('GET', '/Groups', { query: { cursor, count: '100' } })
      seen.push(...(Array.isArray(r.body?.Resources) ? r.body.Resources : []))
      cursor = typeof r.body?.nextCursor === 'string' ? r.body.nextCursor : ''
      if (!cursor || enough(seen)) return seen
    }
  }
  const byName = (groups: any[], names: string[]) => {
    const ids = new Map<string, string>()
    for (const name of names) {
      const hits = groups.filter((g) => g.displayName === name)
      if (hits.length > 1) throw new Error(`scim: ${hits.length} groups are named ${name}`)
      if (hits[0]) ids.set(name, String(hits[0].id))
    }
    return ids
  }
  /** Generic: the groups listing this user among their members (the filter, checked again on the answer). */
  const groupsListing = async (userId: string) =>
    (await list('/Groups', `members.value eq ${quote(userId)}`)).filter((g) =>
      (g.members ?? []).some((m: any) => m?.value === userId),
    )
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
    profile,
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
    async groupIds(names) {
      if (names.length === 0) return new Map()
      if (aws) {
        // No `or` in its filters: one listing of every group (pages of 100) beats a read per name.
        const wanted = new Set(names)
        return byName(
          await everyGroup((seen) => seen.filter((g) => wanted.has(g.displayName)).length >= wanted.size),
          names,
        )
      }
      const found: any[] = []
      for (let i = 0; i < names.length; i += GROUP_FILTER_CHUNK) {
        const chunk = names.slice(i, i + GROUP_FILTER_CHUNK)
        found.push(...(await list('/Groups', chunk.map((n) => `displayName eq ${quote(n)}`).join(' or '))))
      }
      return byName(found, names)
    },
    membershipsByList: !aws,
    async memberships(userId, groupIds) {
      if (aws) {
        // GetGroup shows no members: the membership filter answers the group when the user is in it.
        const mine = new Set<string>()
        for (const gid of groupIds) {
          const hits = await list('/Groups', `id eq ${quote(gid)} and members eq ${quote(userId)}`)
          if (hits.some((g) => g.id === gid)) mine.add(gid)
        }
        return { in: mine }
      }
      const groups = await groupsListing(userId)
      const mine = new Set(groups.map((g) => String(g.id)))
      return { in: new Set(groupIds.filter((id) => mine.has(id))), all: groups.map((g) => g.displayName) }
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
      if (!aws) return (await groupsListing(userId)).map((g) => g.displayName)
      // Its groups carry no members, so only its own filter can say which list the user; where it refuses
      // `members.value` there is no read of a user's groups at all.
      try {
        return (await list('/Groups', `members.value eq ${quote(userId)}`)).map((g) => g.displayName)
      } catch (error) {
        if (error instanceof ServiceError && error.status === 400) {
          throw new ReportUnavailable(
            'IAM Identity Center shows no group members and refused the members.value filter, so no read lists the user’s groups',
          )
        }
        throw error
      }
    },
    satisfies(desired, found) {
      // An account that exists is never DELETED; none at all is what the status item counts as revoked.
      if (desired === 'DELETED') return false
      // STAGED (before a start date) is SCIM's `active: false`, like a leaver's: the only status SCIM has.
      return desired === 'ACTIVE' ? found.status === 'ACTIVE' : found.status === 'INACTIVE'
    },
    pendingReason: () => undefined,
    transitionVerb: (_found, desired) =>
      desired === 'ACTIVE' ? 'activate' : desired === 'DELETED' ? 'delete' : 'deactivate',
    async transition(found, desired) {
      if (desired === 'DELETED') {
        // A retry after a lost 204 meets the 404 of a user already gone: the same outcome.
        await http('DELETE', `/Users/${enc(found.id)}`, { accept: [404] })
        return
      }
      await patch(`/Users/${enc(found.id)}`, [{ op: 'replace', path: 'active', value: desired === 'ACTIVE' }])
    },
  }
  return dir
}
