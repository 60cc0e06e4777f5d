// Okta Users and Groups API (external-apis.md §4) as a Directory. Lifecycle calls are not idempotent, so a
// retried one first re-reads the status; a create retried after a lost answer first looks for the login.

import { type Account, type Directory, type Profile, quote } from './directory.js'
import type { Http, HttpResponse } from './http.js'

const USERS = '/api/v1/users'
/** Statuses of an account that has been activated and not suspended or deactivated. */
const ACTIVATED = new Set(['ACTIVE', 'PROVISIONED', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT'])

const toAccount = (u: any): Account => ({
  id: String(u.id),
  status: String(u.status),
  ...(u.transitioningToStatus ? { transitioning: String(u.transitioningToStatus) } : {}),
  profile: {
    login: u.profile?.login ?? '',
    email: u.profile?.email ?? '',
    firstName: u.profile?.firstName ?? '',
    lastName: u.profile?.lastName ?? '',
    displayName: u.profile?.displayName ?? '',
    employeeNumber: u.profile?.employeeNumber ?? '',
  },
})

const enc = encodeURIComponent
/** Group names per search: Okta's search expressions stay well under URL limits. */
const GROUP_SEARCH_CHUNK = 20
/** What a recheck found, in the shape of a successful answer. */
const answer = (body: unknown): HttpResponse => ({ status: 200, headers: new Headers(), body })

export function oktaDirectory(http: Http): Directory {
  const getById = async (id: string) => {
    const r = await http('GET', `${USERS}/${enc(id)}`, { accept: [404] })
    return r.status === 404 ? undefined : toAccount(r.body)
  }
  // `filter` (not `search`, which reads a lagging index) and in the query, so the login never sits in a path.
  const getByLogin = async (login: string): Promise<Account | undefined> => {
    const r = await http('GET', USERS, { query: { filter: `profile.login eq ${quote(login)}` } })
    const hit = (r.body as any[]).find((u) => String(u.profile?.login).toLowerCase() === login.toLowerCase())
    return hit && toAccount(hit)
  }

  const statusAfter = async (id: string, done: (a: Account) => boolean): Promise<HttpResponse | undefined> => {
    const a = await getById(id)
    return a && done(a) ? answer({}) : undefined
  }

  const dir: Directory = {
    provider: 'okta',
    getById,
    getByLogin,
    async findByEmployee(employeeId) {
      const r = await http('GET', USERS, { query: { search: `profile.employeeNumber eq ${quote(employeeId)}` } })
      return (r.body as any[]).filter((u) => u.profile?.employeeNumber === employeeId).map(toAccount)
    },
    async create(profile: Profile, active: boolean) {
      const r = await http('POST', USERS, {
        query: { activate: String(active) },
        body: { profile },
        recheck: async () => {
          const a = await getByLogin(profile.login)
          return a && a.profile.employeeNumber === profile.employeeNumber ? answer({ ...a }) : undefined
        },
      })
      return toAccount(r.body)
    },
    async update(id, changes) {
      // A partial update (POST) changes only the fields sent.
      await http('POST', `${USERS}/${enc(id)}`, { body: { profile: changes } })
    },
    async groupIds(names) {
      // One search for every name (`or`), in chunks that keep the query short.
      const ids = new Map<string, string>()
      for (let i = 0; i < names.length; i += GROUP_SEARCH_CHUNK) {
        const chunk = names.slice(i, i + GROUP_SEARCH_CHUNK)
        const search = chunk.map((n) => `profile.name eq ${quote(n)}`).join(' or ')
        const r = await http('GET', '/api/v1/groups', { query: { search } })
        for (const name of chunk) {
          const hits = (r.body as any[]).filter((g) => g.profile?.name === name)
          if (hits.length > 1) throw new Error(`okta: ${hits.length} groups are named ${name}`)
          if (hits[0]) ids.set(name, String(hits[0].id))
        }
      }
      return ids
    },
    membershipsByList: true,
    async memberships(userId, groupIds) {
      const groups = await groupsOfUser(userId)
      const mine = new Set(groups.map((g) => g.id))
      return { in: new Set(groupIds.filter((id) => mine.has(id))), all: groups.map((g) => g.name) }
    },
    async setMember(groupId, userId, member) {
      await http(member ? 'PUT' : 'DELETE', `/api/v1/groups/${enc(groupId)}/users/${enc(userId)}`)
    },
    async groupsOf(userId) {
      return (await groupsOfUser(userId)).map((g) => g.name)
    },
    satisfies(desired, found) {
      if (found.transitioning) return false
      if (desired === 'ACTIVE') return ACTIVATED.has(found.status)
      if (desired === 'SUSPENDED') return found.status === 'SUSPENDED' || found.status === 'DEPROVISIONED'
      // Before a start date: no sign-in yet. A rehire's deactivated or suspended account waits as it is (Okta
      // has no way back to STAGED); the start date's activation moves it.
      if (desired === 'STAGED') return !ACTIVATED.has(found.status)
      return found.status === desired
    },
    pendingReason(found) {
      return found.status === 'PROVISIONED'
        ? 'PROVISIONED: Okta sent the activation email; the account is ACTIVE once the person sets a password'
        : undefined
    },
    transitionVerb(found, desired) {
      if (found.transitioning) return undefined
      if (desired === 'STAGED') return undefined
      if (desired === 'ACTIVE') return found.status === 'SUSPENDED' ? 'unsuspend' : 'activate'
      // Okta suspends only ACTIVE users; a leaver in any other state is deactivated instead.
      if (desired === 'SUSPENDED' && found.status === 'ACTIVE') return 'suspend'
      return 'deactivate'
    },
    async transition(found, desired) {
      const op = dir.transitionVerb(found, desired)
      if (!op) return // already under way: the read-back waits for it
      // Activation sends the person Okta's activation email (without it a PROVISIONED user has no way to set a
      // password); deactivation sends no email to admins.
      const query: Record<string, string> =
        op === 'activate' ? { sendEmail: 'true' } : op === 'deactivate' ? { sendEmail: 'false' } : {}
      await http('POST', `${USERS}/${enc(found.id)}/lifecycle/${op}`, {
        query,
        recheck: () => statusAfter(found.id, (a) => a.status !== found.status || a.transitioning !== undefined),
      })
    },
    async revokeSessions(userId) {
      await http('DELETE', `${USERS}/${enc(userId)}/sessions`, { query: { oauthTokens: 'true' } })
    },
  }
  const groupsOfUser = async (userId: string): Promise<{ id: string; name: string }[]> => {
    const r = await http('GET', `${USERS}/${enc(userId)}/groups`)
    return (r.body as any[]).map((g) => ({ id: String(g.id), name: String(g.profile?.name ?? g.id) }))
  }
  return dir
}
