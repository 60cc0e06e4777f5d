// The GitHub calls grant-github makes, each read returning a plain state and each write one request. Errors
// become PII-free sentences: the operation, GitHub's status and its message or error codes, never a login,
// an email or a name.

import { keptRead, redactPersonalData } from '@onramp/core'
import type { GithubClient } from '@onramp/core/github'

export interface Account {
  login: string
  id: number
}

export interface OrgMembership {
  role: 'admin' | 'member'
  state: 'active' | 'pending'
}

export interface TeamMembership {
  role: 'member' | 'maintainer'
  state: 'active' | 'pending'
}

export interface Invitation {
  id: number
  login: string | null
  email: string | null
  role: string
  createdAt: string
  teamCount: number
  failed: boolean
}

/** One of the org's SAML identities: the IdP's name id and the account linked to it (none until claimed). */
export interface SamlIdentity {
  nameId: string
  account: Account | null
}

interface GithubErrorBody {
  message?: string
  errors?: { code?: string; field?: string; message?: string }[]
}

/** A GitHub refusal carried with the operation that got it; the message is safe to log. */
export class GithubCallError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number | undefined,
    readonly details: string[],
    message: string,
  ) {
    super(message)
    this.name = 'GithubCallError'
  }
}

const statusOf = (error: unknown): number | undefined =>
  typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : undefined

/** Most SAML identities read when matching an email to an account (100 a page). */
const SAML_IDENTITY_LIMIT = 10_000

export const SAML_QUERY = `query($org: String!, $first: Int!, $after: String) {
  organization(login: $org) {
    samlIdentityProvider {
      externalIdentities(first: $first, after: $after) {
        edges { node { samlIdentity { nameId } user { login databaseId } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`

/** `n` users' verified-domain emails in one query, as aliases `u0`…; the logins travel as variables. */
export const verifiedDomainEmailsQuery = (n: number) => {
  const vars = Array.from({ length: n }, (_, i) => `$u${i}: String!`).join(', ')
  const users = Array.from(
    { length: n },
    (_, i) => `u${i}: user(login: $u${i}) { login organizationVerifiedDomainEmails(login: $org) }`,
  ).join(' ')
  return `query($org: String!, ${vars}) { ${users} }`
}

interface SamlPage {
  organization: {
    samlIdentityProvider: {
      externalIdentities: {
        edges:
          | ({
              node: {
                samlIdentity: { nameId: string | null } | null
                user: { login: string; databaseId: number | null } | null
              } | null
            } | null)[]
          | null
        pageInfo: { hasNextPage: boolean; endCursor: string | null }
      }
    } | null
  } | null
}

/** The invitation cap's refusal (external-apis.md §1.1): 422 "Over invitation rate limit". */
export const isOverInvitationCap = (error: unknown) =>
  error instanceof GithubCallError &&
  error.status === 422 &&
  error.details.some((d) => /invitation rate limit/i.test(d))

export const isAlreadyMember = (error: unknown) =>
  error instanceof GithubCallError && error.details.some((d) => /already a part of this organization/i.test(d))

/** A GraphQL answer's errors (HTTP 200): Octokit's GraphqlResponseError carries them, and any partial data. */
const graphqlErrorsOf = (error: unknown) =>
  (error as { name?: string })?.name === 'GraphqlResponseError'
    ? ((error as { errors?: { type?: string; message?: string }[] }).errors ?? [])
    : undefined

async function call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    const gqlErrors = graphqlErrorsOf(error)
    if (gqlErrors) {
      const details = gqlErrors.map((e) => [e.type, e.message].filter(Boolean).join(': '))
      const text = `${operation}: GitHub GraphQL: ${details.join('; ') || 'error'}`
      throw new GithubCallError(operation, undefined, details, redactPersonalData(text.replace(/\s+/g, ' ')))
    }
    const status = statusOf(error)
    const body = ((error as { response?: { data?: unknown } })?.response?.data ?? {}) as GithubErrorBody
    const raw = typeof body === 'object' && body ? body : {}
    // Octokit appends " - <documentation_url>" to the message; the URL adds nothing to a receipt.
    const message = String(raw.message ?? (error instanceof Error ? error.message : error)).split(' - ')[0]!
    const details = (raw.errors ?? []).map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(' '))
    const text = `${operation}: GitHub ${status ?? 'network error'}: ${message}${details.length ? ` (${details.join('; ')})` : ''}`
    throw new GithubCallError(operation, status, details, redactPersonalData(text.replace(/\s+/g, ' ')))
  }
}

/** Reads that answer 404 for "absent" return undefined. */
async function orAbsent<T>(operation: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call(operation, fn)
  } catch (error) {
    if (error instanceof GithubCallError && error.status === 404) return undefined
    throw error
  }
}

/**
 * One converge run's view of the org's teams and their members, listed once per run and shared by every person:
 * the org's team slugs, and per team two member lists (maintainers, everyone), so reading every person's team
 * memberships costs calls per team, not per person and team. It answers only a person's first read of a team
 * membership; a read-back after a change always asks GitHub. The lists hold active members only: a pending team
 * membership belongs to someone not yet in the org, whose teams ride on the invitation instead.
 */
export class TeamRoster {
  private slugs: Promise<string[]> | undefined
  private readonly teams = new Map<string, Promise<Map<string, TeamMembership['role']> | undefined>>()

  teamSlugs(api: GithubApi): Promise<string[]> {
    this.slugs ??= api.teamSlugs()
    // A failed listing is not kept: the next person asks again.
    this.slugs.catch(() => (this.slugs = undefined))
    return this.slugs
  }

  async teamMembership(api: GithubApi, slug: string, login: string): Promise<TeamMembership | undefined> {
    const key = `${api.org}/${slug}`.toLowerCase()
    let members = this.teams.get(key)
    if (!members) {
      members = this.list(api, slug)
      this.teams.set(key, members)
      members.catch(() => this.teams.delete(key))
    }
    const role = (await members)?.get(login.toLowerCase())
    return role ? { role, state: 'active' } : undefined
  }

  /** Login → role; undefined for a team that does not exist (a membership read answers 404 then too). */
  private async list(api: GithubApi, slug: string): Promise<Map<string, TeamMembership['role']> | undefined> {
    const maintainers = await api.teamMemberLogins(slug, 'maintainer').catch(absentOn404)
    if (maintainers === undefined) return undefined
    const everyone = (await api.teamMemberLogins(slug, 'all').catch(absentOn404)) ?? []
    const out = new Map<string, TeamMembership['role']>(everyone.map((l) => [l.toLowerCase(), 'member']))
    for (const l of maintainers) out.set(l.toLowerCase(), 'maintainer')
    return out
  }
}

const absentOn404 = (error: unknown): undefined => {
  if (error instanceof GithubCallError && error.status === 404) return undefined
  throw error
}

export class GithubApi {
  constructor(
    readonly octokit: GithubClient,
    readonly org: string,
  ) {}

  userByLogin(login: string): Promise<Account | undefined> {
    return orAbsent('GET user by login', async () => {
      const { data } = await this.octokit.request('GET /users/{username}', { username: login })
      return { login: data.login, id: Number(data.id) }
    })
  }

  /** Logins can be renamed; the numeric id cannot. */
  userById(id: number): Promise<Account | undefined> {
    return orAbsent('GET user by id', async () => {
      const { data } = await this.octokit.request('GET /user/{account_id}', { account_id: id })
      return { login: data.login, id: Number(data.id) }
    })
  }

  /** The public email of a user, to recognise who accepted an email invitation. */
  publicEmail(login: string): Promise<string | undefined> {
    return call('GET user by login', async () => {
      const { data } = await this.octokit.request('GET /users/{username}', { username: login })
      return data.email ?? undefined
    })
  }

  orgMembership(login: string): Promise<OrgMembership | undefined> {
    return orAbsent('GET org membership', async () => {
      const { data } = await this.octokit.request('GET /orgs/{org}/memberships/{username}', {
        org: this.org,
        username: login,
      })
      return { role: data.role as OrgMembership['role'], state: data.state as OrgMembership['state'] }
    })
  }

  setOrgMembership(login: string): Promise<void> {
    // Always plain member: a role map can never grant org ownership.
    return call('PUT org membership', async () => {
      await this.octokit.request('PUT /orgs/{org}/memberships/{username}', {
        org: this.org,
        username: login,
        role: 'member',
      })
    })
  }

  removeOrgMembership(login: string): Promise<void> {
    return call('DELETE org membership', async () => {
      await this.octokit.request('DELETE /orgs/{org}/memberships/{username}', { org: this.org, username: login })
    })
  }

  /** Team ids by slug, read once per process (a converge run asks for the same few teams for every person). */
  private readonly teamIds = new Map<string, Promise<number | undefined>>()

  teamId(slug: string): Promise<number | undefined> {
    return keptRead(this.teamIds, slug, () =>
      orAbsent(`GET team ${slug}`, async () => {
        const { data } = await this.octokit.request('GET /orgs/{org}/teams/{team_slug}', {
          org: this.org,
          team_slug: slug,
        })
        return Number(data.id)
      }),
    )
  }

  async teamSlugs(): Promise<string[]> {
    return call('GET teams', async () => {
      const teams = await this.octokit.paginate('GET /orgs/{org}/teams', { org: this.org, per_page: 100 })
      return teams.map((t) => t.slug)
    })
  }

  async teamMemberLogins(slug: string, role: 'all' | 'maintainer' | 'member' = 'all'): Promise<string[]> {
    return call(`GET team ${slug} members`, async () => {
      const users = await this.octokit.paginate('GET /orgs/{org}/teams/{team_slug}/members', {
        org: this.org,
        team_slug: slug,
        role,
        per_page: 100,
      })
      return users.map((u) => u.login)
    })
  }

  async orgMemberLogins(): Promise<string[]> {
    return call('GET org members', async () => {
      const users = await this.octokit.paginate('GET /orgs/{org}/members', { org: this.org, per_page: 100 })
      return users.map((u) => u.login)
    })
  }

  teamMembership(slug: string, login: string): Promise<TeamMembership | undefined> {
    return orAbsent(`GET team ${slug} membership`, async () => {
      const { data } = await this.octokit.request('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
        org: this.org,
        team_slug: slug,
        username: login,
      })
      return { role: data.role as TeamMembership['role'], state: data.state as TeamMembership['state'] }
    })
  }

  setTeamMembership(slug: string, login: string, role: TeamMembership['role']): Promise<void> {
    return call(`PUT team ${slug} membership`, async () => {
      await this.octokit.request('PUT /orgs/{org}/teams/{team_slug}/memberships/{username}', {
        org: this.org,
        team_slug: slug,
        username: login,
        role,
      })
    })
  }

  removeTeamMembership(slug: string, login: string): Promise<void> {
    return call(`DELETE team ${slug} membership`, async () => {
      await this.octokit.request('DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}', {
        org: this.org,
        team_slug: slug,
        username: login,
      })
    })
  }

  /** The last listing of the org's pending invitations, and of its failed ones (see invitations). */
  private readonly listings = new Map<'pending' | 'failed', Promise<Invitation[]>>()

  /**
   * Pending and failed invitations of the org. A read before a change takes the last listing this process made,
   * unless this process changed an invitation since: one process per organization changes invitations at a time
   * (the job groups), so a run that converges many people lists once per person it invites, after the invitation.
   * `fresh` (a read-back) always asks GitHub for the pending ones: the org's pending list grows with every hire, a
   * page per 100. The failed ones are listed once per process: an invitation fails by expiring (after 7 days) or
   * bouncing, never through what this process sends or cancels.
   */
  async invitations(options: { fresh?: boolean } = {}): Promise<Invitation[]> {
    const [pending, failed] = await Promise.all([this.listing('pending', options.fresh), this.listing('failed')])
    return [...pending, ...failed]
  }

  /** The kept listing of this kind, or (fresh, or none kept) a new one. */
  private listing(kind: 'pending' | 'failed', fresh = false): Promise<Invitation[]> {
    if (fresh) this.listings.delete(kind)
    return keptRead(this.listings, kind, () => this.listInvitations(kind))
  }

  private listInvitations(kind: 'pending' | 'failed'): Promise<Invitation[]> {
    const failed = kind === 'failed'
    return call(`GET ${kind} invitations`, () =>
      this.octokit.paginate(failed ? 'GET /orgs/{org}/failed_invitations' : 'GET /orgs/{org}/invitations', {
        org: this.org,
        per_page: 100,
      }),
    ).then((listed) =>
      (listed as Record<string, any>[]).map((i) => ({
        id: i.id as number,
        login: (i.login as string | null) ?? null,
        email: (i.email as string | null) ?? null,
        role: String(i.role),
        createdAt: String(i.created_at),
        teamCount: Number(i.team_count ?? 0),
        failed,
      })),
    )
  }

  inviteByEmail(email: string, teamIds: number[]): Promise<number> {
    this.listings.delete('pending')
    return call('POST invitation', async () => {
      const { data } = await this.octokit.request('POST /orgs/{org}/invitations', {
        org: this.org,
        email,
        role: 'direct_member',
        team_ids: teamIds,
      })
      return Number(data.id)
    })
  }

  inviteById(accountId: number, teamIds: number[]): Promise<number> {
    this.listings.delete('pending')
    return call('POST invitation', async () => {
      const { data } = await this.octokit.request('POST /orgs/{org}/invitations', {
        org: this.org,
        invitee_id: accountId,
        role: 'direct_member',
        team_ids: teamIds,
      })
      return Number(data.id)
    })
  }

  /**
   * The org's SAML identities (GraphQL: REST has no such list), paged 100 at a time up to `max`; undefined when
   * the org has no SAML SSO (or the token may not see it: GitHub answers null either way).
   */
  async samlIdentities(max = SAML_IDENTITY_LIMIT): Promise<SamlIdentity[] | undefined> {
    const out: SamlIdentity[] = []
    let after: string | null = null
    while (out.length < max) {
      const page: SamlPage = await call('GraphQL SAML identities', () =>
        this.octokit.graphql<SamlPage>(SAML_QUERY, { org: this.org, first: 100, after }),
      )
      const provider = page.organization?.samlIdentityProvider
      if (!provider) return undefined
      for (const edge of provider.externalIdentities.edges ?? []) {
        const node = edge?.node
        if (!node?.samlIdentity?.nameId) continue
        const u = node.user
        out.push({
          nameId: node.samlIdentity.nameId,
          account: u && u.databaseId !== null ? { login: u.login, id: u.databaseId } : null,
        })
      }
      if (!provider.externalIdentities.pageInfo.hasNextPage) break
      after = provider.externalIdentities.pageInfo.endCursor
    }
    return out
  }

  /**
   * Each login's emails on the org's verified domains (GraphQL `organizationVerifiedDomainEmails`; GitHub shows
   * them for the org's members whatever their email privacy). 50 logins per query, as aliases; a login gone
   * meanwhile (NOT_FOUND) is left out.
   */
  async verifiedDomainEmails(logins: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>()
    for (let i = 0; i < logins.length; i += 50) {
      const batch = logins.slice(i, i + 50)
      const vars: Record<string, string> = { org: this.org }
      batch.forEach((l, n) => {
        vars[`u${n}`] = l
      })
      const query = verifiedDomainEmailsQuery(batch.length)
      type Answer = Record<string, { login: string; organizationVerifiedDomainEmails: string[] } | null>
      const data = await call('GraphQL verified-domain emails', async () => {
        try {
          return await this.octokit.graphql<Answer>(query, vars)
        } catch (error) {
          const errors = graphqlErrorsOf(error)
          if (errors?.length && errors.every((e) => e.type === 'NOT_FOUND'))
            return ((error as { data?: Answer }).data ?? {}) as Answer
          throw error
        }
      })
      for (const user of Object.values(data ?? {}))
        if (user) out.set(user.login, user.organizationVerifiedDomainEmails ?? [])
    }
    return out
  }

  cancelInvitation(id: number): Promise<void> {
    this.listings.delete('pending')
    return call('DELETE invitation', async () => {
      await this.octokit.request('DELETE /orgs/{org}/invitations/{invitation_id}', {
        org: this.org,
        invitation_id: id,
      })
    })
  }
}
