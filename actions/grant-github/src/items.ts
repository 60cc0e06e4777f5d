// The person's GitHub access as reconcile items. Who the person is, proven and never assumed: the event's
// github_username (checked to exist, to match the ledger's id, and on offboard the org's SAML identity for the
// email), else the numeric id (or a hand-repaired login) the ledger holds, resolved to the current login so a
// rename is followed, else an invitation by email; one that left GitHub's lists is resolved to the account that
// accepted it (acceptor.ts), and while nobody is found the step fails rather than re-inviting or reporting
// revoked. An active org member gets the org membership and team items; anyone else gets one invitation item
// carrying the role's team ids, which GitHub applies on acceptance, so a role change before acceptance is one
// cancel and re-invite rather than a trail of stale pending team memberships. A role change to a role without
// GitHub access (`account: 'keep'`) only removes managed teams, or cancels the invitation.

import type { EventType, GithubPlan, Item, Receipt, TeamGrant } from '@onramp/core'
import { type AcceptorSearch, findAcceptor, samlAccount } from './acceptor.js'
import { DAY_MS, InvitationQueue } from './cap.js'
import {
  type Account,
  type GithubApi,
  GithubCallError,
  type Invitation,
  isAlreadyMember,
  isOverInvitationCap,
  type OrgMembership,
  type TeamMembership,
  type TeamRoster,
} from './github.js'

/** What the ledger keeps under `ids.github`. */
export interface GithubIds {
  login?: string
  id?: number
  invitation_id?: number
  /** How many times a failed or expired invitation was re-sent (bounded by guardrails). */
  invitation_resends?: number
  /** The team ids the invitation carries: GitHub's invitation list shows only their count. */
  invitation_team_ids?: number[]
}

export interface GrantContext {
  api: GithubApi
  plan: GithubPlan
  eventType: EventType
  email?: string
  githubUsername?: string
  ids: GithubIds
  /** Guardrails github.max-removals: most team memberships one run may take away. */
  maxRemovals: number
  /** For the 24-hour invitation window. */
  now(): number
  /** When the HR event happened (ISO 8601): an invitation unaccepted past the deadline after it is overdue. */
  since?: string
  /** A converge run's queue of deferred invitations, shared by its people; default one person's own. */
  queue?: InvitationQueue
  /** A converge run's team lists: each person's first read of a team membership comes from them. */
  roster?: TeamRoster
}

export interface Built {
  items: Item<any>[]
  /** How the person was identified, PII-free. */
  identity: string
  /** Read-only receipts for what is reported but never changed (unmanaged teams); after reconcile. */
  report(): Promise<Receipt[]>
  /** The ids to record, as they stand after the items ran. */
  ids(): GithubIds
  notes: string[]
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase()
const sortedIds = (ids: number[]) => [...ids].sort((a, b) => a - b)

/** An item that cannot be attempted: its read fails with `reason`, so it is reported failed and nothing runs. */
function failedItem(key: string, reason: string): Item<never> {
  return {
    key,
    desired: undefined,
    read: async () => {
      throw new Error(reason)
    },
    apply: async () => {},
  }
}

/** When the person cannot even be looked up: one failed `account` item. */
export function unidentified(reason: string): Built {
  return {
    items: [failedItem('account', reason)],
    identity: 'none',
    notes: [],
    report: async () => [],
    ids: () => ({}),
  }
}

export async function buildItems(ctx: GrantContext): Promise<Built> {
  const { api, plan } = ctx
  const notes: string[] = []
  const ids: GithubIds = { ...ctx.ids }
  const offboard = plan.presence === 'revoked'
  const built = (items: Item<any>[], identity: string, report?: () => Promise<Receipt[]>): Built => ({
    items,
    identity,
    notes,
    report: report ?? (async () => []),
    ids: () => ({ ...ids }),
  })

  // ---- who the person is: proven, never assumed
  let account: Account | undefined
  let identity = 'email invitation'
  if (ctx.githubUsername) {
    account = await api.userByLogin(ctx.githubUsername)
    if (!account) return built([failedItem('account', 'github_username: no GitHub user with that login (404)')], 'none')
    if (ids.id !== undefined && ids.id !== account.id)
      return built(
        [
          failedItem(
            'account',
            `github_username: names another account than the one the ledger links to the person (id ${ids.id})${offboard ? ': refused for removal, nothing removed' : ''}; correct the HR event, or repair ids.github in the ledger record, and rerun`,
          ),
        ],
        'none',
      )
    // On offboard, where the ledger links no account, the payload's login is checked against the org's SAML
    // identity for the person's email: removing whoever a mistyped login names is not revoking the leaver's access.
    if (offboard && ctx.email && ids.id === undefined) {
      let saml: Awaited<ReturnType<typeof samlAccount>> | undefined
      try {
        saml = await samlAccount(api, ctx.email)
      } catch (error) {
        if (!(error instanceof GithubCallError)) throw error
        notes.push(`github_username not checked against SAML identities, which could not be read: ${error.message}.`)
      }
      if (saml?.sso && saml.account && saml.account.id !== account.id)
        return built(
          [
            failedItem(
              'account',
              `github_username: names another account than the org's SAML identity for the person's email (${saml.account.login}): refused for removal, nothing removed; correct the HR event and rerun`,
            ),
          ],
          'none',
        )
    }
    identity = 'github_username'
  } else if (ids.id !== undefined) {
    account = await api.userById(ids.id)
    if (!account) return built([failedItem('account', `ledger id ${ids.id}: no such GitHub account (404)`)], 'none')
    identity = 'ledger id'
  } else if (ids.login !== undefined) {
    // A login without an id: a ledger record repaired by hand.
    account = await api.userByLogin(ids.login)
    if (!account) return built([failedItem('account', 'ledger login: no GitHub user with that login (404)')], 'none')
    identity = 'ledger login'
  } else if (ids.invitation_id !== undefined && (ctx.email || offboard)) {
    // Acceptance follow-up: the invitation left the pending and failed lists, so look for who joined.
    const invitations = await api.invitations()
    const listed = invitations.some((i) => i.id === ids.invitation_id)
    // Old failed invitations for the same email stay listed after a re-send: only the current one counts. On
    // offboard another pending invitation for the email says nothing about ours: ours must be listed.
    const ours = listed || (!offboard && invitations.some((i) => !i.failed && sameText(i.email, ctx.email)))
    if (!ours) {
      // Neither pending nor failed, and not cancelled by onramp (that clears the id): accepted, or cancelled
      // outside onramp. Whoever accepted may hold the membership it granted: until shown who, neither a new
      // invitation (a member would get a second one, and keep the old role's access) nor "revoked" (a guess).
      const search: AcceptorSearch = ctx.email
        ? await findAcceptor(api, ctx.email, plan)
        : { tried: ['no email known'] }
      if (search.found) {
        account = search.found.account
        identity = `accepted invitation (${search.found.how})`
        notes.push(`The email invitation was accepted; login and id recorded (found by ${search.found.how}).`)
      } else {
        const unaccounted = failedItem(
          'account',
          `invitation ${ids.invitation_id} is neither pending nor failed nor cancelled by onramp: accepted by an account onramp cannot identify (or cancelled outside onramp); tried ${search.tried.join('; ')}. ${offboard ? 'Nothing is reported revoked' : 'No new invitation is sent'}: send the person's github_username in an HR event, or set ids.github.login in the ledger record (people/<employee id>.json), and rerun; if the invitation was cancelled and never accepted, delete ids.github.invitation_id from the record instead and rerun`,
        )
        // On offboard a pending invitation the ledger recorded is still cancelled.
        return built(offboard ? [unaccounted, invitationItem(ctx, ids, undefined, undefined)] : [unaccounted], 'none')
      }
    }
  } else if (offboard && ctx.email) {
    // A leaver the ledger links to no account nor invitation (access granted before or outside onramp, or an
    // invitation onramp cancelled): the same sources are asked, so a member is removed rather than missed.
    const search = await findAcceptor(api, ctx.email, plan)
    if (search.found) {
      account = search.found.account
      identity = `email (${search.found.how})`
    } else notes.push(`No GitHub account is linked to the person: tried ${search.tried.join('; ')}.`)
  }
  if (account) {
    if (account.login !== ids.login && ids.login !== undefined)
      notes.push('Login renamed since last run; followed by id.')
    ids.login = account.login
    ids.id = account.id
  }

  if (account && plan.protectedLogins.some((p) => sameText(p, account.login)))
    return built(
      [failedItem('account', 'login is protected (guardrails github.protected-logins): onramp never changes it')],
      identity,
    )

  // (On offboard an invitation id alone is enough to find and cancel a pending invitation.)
  if (!account && !ctx.email && !(offboard && ids.invitation_id !== undefined)) {
    notes.push('No GitHub account, id or email known for this person: nothing to do.')
    return built([], 'none')
  }

  // An org owner (or a pending owner invitation) is for a person, on every path: checked before any item, so a
  // plan touching an owner makes no change at all (security checklist 41).
  const membership = account ? await api.orgMembership(account.login) : undefined
  if (membership?.role === 'admin')
    return built(
      [
        failedItem(
          'org-membership',
          `account is an org owner (${membership.state}): onramp never changes or removes an owner; nothing changed`,
        ),
      ],
      identity,
    )

  // ---- offboard: remove the membership (teams go with it) and any pending invitation
  if (offboard) {
    const items: Item<any>[] = []
    if (account) items.push(orgMembershipItem(api, account, undefined))
    items.push(invitationItem(ctx, ids, account, undefined))
    return built(items, identity)
  }

  // ---- onboard / role-change; keep (the new role names no GitHub access): remove managed teams only, never
  // invite, nor write the org membership
  const keep = plan.account === 'keep'
  const desired = new Map(plan.teams.map((t) => [t.slug, t]))
  if (account && membership?.state === 'active') {
    const firstRead = (slug: string) =>
      ctx.roster ? ctx.roster.teamMembership(api, slug, account.login) : api.teamMembership(slug, account.login)
    // Removals are counted before any change, so a role map edit can never strip a person wholesale; the
    // read is reused as the item's first read, so the guard costs no extra call.
    const held = new Map<string, TeamMembership | undefined>()
    for (const slug of plan.managedTeams) if (!desired.has(slug)) held.set(slug, await firstRead(slug))
    const removals = [...held.values()].filter(Boolean).length
    if (removals > ctx.maxRemovals)
      return built(
        [
          failedItem(
            'removal-limit',
            `would remove ${removals} team memberships, more than guardrails github.max-removals (${ctx.maxRemovals}): nothing changed`,
          ),
        ],
        identity,
      )
    const items: Item<any>[] = keep
      ? []
      : [orgMembershipItem(api, account, { role: 'member', state: 'active' }, () => awaiting(ctx))]
    if (keep) notes.push('The role names no GitHub access: managed teams removed, the org membership left as it is.')
    for (const t of plan.teams) items.push(teamItem(api, account, t.slug, t, ctx.roster && (() => firstRead(t.slug))))
    for (const [slug, found] of held) items.push(teamItem(api, account, slug, undefined, async () => found))
    const report =
      ctx.eventType === 'role-change'
        ? () => unmanagedTeams(api, account, new Set(plan.managedTeams), ctx.roster)
        : undefined
    return built(items, identity, report)
  }

  if (keep) {
    // An invitation still out would grant the old role's teams on acceptance: cancel it, send none.
    notes.push('The role names no GitHub access: any pending org invitation is cancelled, none is sent.')
    return built([invitationItem(ctx, ids, account, undefined)], identity)
  }

  // Not an active member: one invitation (by account id, else by email) carrying the role's team ids.
  const items: Item<any>[] = []
  const teamIds: number[] = []
  for (const t of plan.teams) {
    const id = await api.teamId(t.slug)
    if (id === undefined) items.push(failedItem(`team:${t.slug}`, `team ${t.slug}: not found in the org (404)`))
    else teamIds.push(id)
  }
  const maintained = plan.teams.filter((t) => t.role === 'maintainer').map((t) => t.slug)
  if (maintained.length)
    notes.push(
      `Invitations carry team membership only: maintainer role on ${maintained.join(', ')} follows acceptance.`,
    )
  items.unshift(invitationItem(ctx, ids, account, sortedIds(teamIds)))
  return built(items, identity)
}

// ------------------------------------------------------------------------------------------ items

function orgMembershipItem(
  api: GithubApi,
  account: Account,
  desired: OrgMembership | undefined,
  why: () => string = () => 'invited: awaiting acceptance of the org invitation',
): Item<OrgMembership> {
  return {
    key: 'org-membership',
    desired,
    read: () => api.orgMembership(account.login),
    // Pending counts as done (the invitation is out); role must be plain member.
    same: (d, f) => (d === undefined ? f === undefined : f?.role === 'member'),
    pending: (f) => (f?.state === 'pending' ? why() : undefined),
    async apply(found) {
      // A role map never grants ownership, and onramp never demotes nor removes an owner: that is for a person.
      // Checked before any write on both paths (the read in buildItems may be stale by now).
      if (found?.role === 'admin') throw new Error('account is an org owner: onramp never changes or removes an owner')
      if (desired === undefined) return api.removeOrgMembership(account.login)
      return api.setOrgMembership(account.login)
    },
    show: (s) => (s ? { account_id: account.id, role: s.role, state: s.state } : undefined),
  }
}

function teamItem(
  api: GithubApi,
  account: Account,
  slug: string,
  grant: TeamGrant | undefined,
  firstRead?: () => Promise<TeamMembership | undefined>,
): Item<TeamMembership> {
  let first = firstRead
  return {
    key: `team:${slug}`,
    desired: grant ? { role: grant.role, state: 'active' } : undefined,
    async read() {
      // The first read may come from elsewhere (the removal guard's read, a converge run's team lists);
      // read-backs always ask GitHub.
      const read = first ?? (() => api.teamMembership(slug, account.login))
      first = undefined
      return read()
    },
    same: (d, f) => (d === undefined ? f === undefined : f?.role === d.role),
    pending: (f) => (f?.state === 'pending' ? 'awaiting acceptance of the org invitation' : undefined),
    apply: () =>
      grant ? api.setTeamMembership(slug, account.login, grant.role) : api.removeTeamMembership(slug, account.login),
    show: (s) => (s ? { role: s.role, state: s.state } : undefined),
    // Adding to a team needs the org membership; removing does not.
    dependsOn: grant ? ['org-membership'] : undefined,
  }
}

/**
 * Why an invitation is pending; `overdue:` once it has waited longer than guardrails
 * github.invitation-deadline-days after the HR event (expired invitations are re-sent, so the event is the start).
 */
function awaiting(ctx: GrantContext): string {
  const since = ctx.since ? Date.parse(ctx.since) : Number.NaN
  const days = Math.floor((ctx.now() - since) / DAY_MS)
  if (days > ctx.plan.invitationDeadlineDays)
    return `overdue: the org invitation is unaccepted ${days} days after the HR event, past guardrails github.invitation-deadline-days (${ctx.plan.invitationDeadlineDays}): ask the person to accept it, or offboard them`
  return 'invited: awaiting acceptance of the org invitation'
}

interface InvitationState {
  state: 'pending' | 'failed'
  id: number
  role: string
  /** Known when the invitation is the one the ledger recorded; otherwise only the count is. */
  teamIds: number[] | null
  teamCount: number
  /** Every pending one matching the person (offboard cancels all). */
  pendingIds: number[]
}

function invitationItem(
  ctx: GrantContext,
  ids: GithubIds,
  account: Account | undefined,
  teamIds: number[] | undefined,
): Item<InvitationState> {
  const { api, plan } = ctx
  let seen: Invitation[] = []
  // After apply, a read is the read-back: it asks GitHub, never a listing made before.
  let applied = false
  const mine = (i: Invitation) =>
    i.id === ids.invitation_id || (account && sameText(i.login, account.login)) || sameText(i.email, ctx.email)
  const desired: InvitationState | undefined = teamIds && {
    state: 'pending',
    id: 0,
    role: 'direct_member',
    teamIds,
    teamCount: teamIds.length,
    pendingIds: [],
  }
  const teamsMatch = (d: InvitationState, f: InvitationState) =>
    f.teamIds ? f.teamIds.join() === d.teamIds!.join() : f.teamCount === d.teamCount

  return {
    key: 'invitation',
    desired,
    async read() {
      seen = await api.invitations({ fresh: applied })
      const pending = seen.filter((i) => !i.failed && mine(i))
      const failed = seen.filter((i) => i.failed && mine(i)).sort((a, b) => b.id - a.id)
      const current = pending[0] ?? failed[0]
      if (!current) return undefined
      return {
        state: current.failed ? 'failed' : 'pending',
        id: current.id,
        role: current.role,
        teamIds:
          current.id === ids.invitation_id && ids.invitation_team_ids ? sortedIds(ids.invitation_team_ids) : null,
        teamCount: current.teamCount,
        pendingIds: pending.map((i) => i.id),
      }
    },
    same(d, f) {
      if (d === undefined) return f === undefined || f.pendingIds.length === 0
      return f?.state === 'pending' && f.role === d.role && teamsMatch(d, f)
    },
    pending: (f) => (f?.state === 'pending' ? awaiting(ctx) : undefined),
    verb: (f, d) => (d === undefined ? 'cancel' : !f ? 'invite' : f.state === 'failed' ? 're-send' : 're-invite'),
    async apply(found) {
      applied = true
      if (!desired) {
        for (const id of found?.pendingIds ?? []) await api.cancelInvitation(id)
        // Onramp cancelled its own invitation: no longer outstanding, so an offboard later does not take its
        // absence from the lists for an unidentified acceptance. Explicitly undefined: the ledger merge drops it.
        if (ids.invitation_id !== undefined && found?.pendingIds.includes(ids.invitation_id)) {
          ids.invitation_id = undefined
          ids.invitation_team_ids = undefined
        }
        return
      }
      const resends = ids.invitation_resends ?? 0
      if (found?.state === 'failed' && resends >= plan.maxInvitationResends)
        throw new Error(
          `invitation ${found.id} failed or expired after ${resends} re-send(s): guardrails github.max-invitation-resends reached`,
        )
      // Count what the org sent in the last 24 h (pending and failed are what GitHub lists; accepted and
      // cancelled ones also count there, so the 422 below is still handled): defer before asking, not after.
      const since = Math.max(ctx.now(), ...seen.map((i) => Date.parse(i.createdAt) || 0)) - DAY_MS
      const window = seen.map((i) => Date.parse(i.createdAt)).filter((t) => t > since)
      const sent = window.length
      // Deferred with a place in the run's queue and when that place frees: the scheduled reconcile sends it then.
      const deferred = (why: string, cap: number) => {
        const { position, at } = (ctx.queue ?? new InvitationQueue()).take(window, cap)
        const ahead = position ? `${position} ahead in this run's queue; ` : ''
        const when =
          at === undefined
            ? 'expected time unknown (accepted and cancelled invitations count but are not listed): the next scheduled run retries'
            : `expected to go out at the first scheduled run after ${new Date(at).toISOString()}`
        return {
          result: 'deferred' as const,
          reason: `${why}; ${ahead}${when}`,
        }
      }
      if (sent >= plan.invitationCap)
        return deferred(
          `org invitation cap (${plan.invitationCap} per 24 h) reached: ${sent} sent in the last 24 h`,
          plan.invitationCap,
        )
      if (found?.state === 'pending') await api.cancelInvitation(found.id)
      let id: number
      try {
        id = account
          ? await api.inviteById(account.id, desired.teamIds!)
          : await api.inviteByEmail(ctx.email!, desired.teamIds!)
      } catch (error) {
        // GitHub's own cap is below ours; when a place frees is estimated from the invitations it lists.
        if (isOverInvitationCap(error))
          return deferred(
            `GitHub's org invitation cap reached (422; ${sent} of the last 24 h's invitations listed)`,
            sent,
          )
        if (isAlreadyMember(error) && !account)
          throw new GithubCallError(
            'POST invitation',
            422,
            [],
            'POST invitation: GitHub 422: the email belongs to an org member whose login onramp cannot see; send github_username',
          )
        throw error
      }
      if (found?.state === 'failed') ids.invitation_resends = resends + 1
      else if (found === undefined) ids.invitation_resends = 0
      ids.invitation_id = id
      ids.invitation_team_ids = desired.teamIds!
      return undefined
    },
    show: (s) =>
      s && {
        invitation_id: s.id || null,
        state: s.state,
        role: s.role,
        ...(s.teamIds ? { team_ids: s.teamIds } : { team_count: s.teamCount }),
        ...(account ? { account_id: account.id } : {}),
      },
  }
}

// ------------------------------------------------------------------------------------------ reads

/** Teams outside the managed set that the person is in: reported, never removed. */
async function unmanagedTeams(
  api: GithubApi,
  account: Account,
  managed: Set<string>,
  roster: TeamRoster | undefined,
): Promise<Receipt[]> {
  const receipts: Receipt[] = []
  try {
    for (const slug of await (roster ? roster.teamSlugs(api) : api.teamSlugs())) {
      if (managed.has(slug)) continue
      const m = await (roster
        ? roster.teamMembership(api, slug, account.login)
        : api.teamMembership(slug, account.login))
      if (!m) continue
      const shown = { role: m.role, state: m.state }
      receipts.push({
        item: `team:${slug}`,
        action: 'none',
        desired: null,
        before: shown,
        after: shown,
        verified: true,
        result: 'unchanged',
        reason: 'unmanaged team (in no role): reported, never removed',
      })
    }
  } catch (error) {
    receipts.push({
      item: 'unmanaged-teams',
      action: 'none',
      before: null,
      after: null,
      verified: false,
      result: 'unchanged',
      reason: `could not list unmanaged teams: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
  return receipts
}
