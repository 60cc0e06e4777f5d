// The identity step's reconcile items, the same for every provider: the account and its profile (onboard),
// its status (onboard: STAGED before a start date, then activated; offboard), its sessions (Okta offboard) and one item per managed group
// (onboard and role change). Offboarding leaves groups as they are: the status cuts access, and the
// memberships stay as the record of what to restore on a rehire. A leaver's post-leave step (guardrails
// dates.leaver.deactivate-after-days, once due) asks more of the same status item: Okta deactivates the suspended
// user (DEPROVISIONED), SCIM deletes the inactive one. A role change to a role that names no
// identity groups (`account: 'keep'`) only removes managed groups; the account is never touched.
//
// Reads: each item reads at most twice, its read and its read-back. What an item's first read finds is what the
// run last read (the account, the user's memberships), reused until the run changes something; a read-back is
// always a new request, and becomes what the next item reuses.

import type { EventType, IdentityPlan, Item } from '@onramp/core'
import {
  type Account,
  type DesiredStatus,
  type Directory,
  differingFields,
  displayNames,
  type Profile,
} from './directory.js'

export interface Person {
  employeeId: string
  /** The login; known at onboard, and afterwards from the ledger. */
  email?: string
  /** Display data only. */
  name?: string
  /** The account id the ledger recorded. */
  ledgerId?: string
}

export interface ItemOptions {
  dir: Directory
  person: Person
  eventType: EventType
  identity: IdentityPlan
  /** Onboard: activate a new account (else Okta leaves it STAGED). */
  activate: boolean
  /**
   * Onboard before the start date (core identityStage): the account is created STAGED (SCIM `active: false`),
   * no group is added, and nothing activates it until the start date.
   */
  staged?: boolean
  offboardMode: 'suspend' | 'deactivate'
  /** Offboard: the post-leave deactivation is due (core dates.ts postLeave). */
  deactivateDue?: boolean
}

export interface IdentityItems {
  items: Item<any>[]
  /** The account id once known. */
  accountId(): string | undefined
  /** Whether this run sent the session revocation (to be recorded in the ledger). */
  revokedSessions(): boolean
  /**
   * The account's groups outside the managed set, or undefined when there is no account; rejects with
   * ReportUnavailable when the provider cannot list a user's groups.
   */
  unmanagedGroups(): Promise<string[] | undefined>
}

type StatusState = { id: string; status: string; transitioning?: string }

/**
 * Finds the person's account and refuses one that belongs to someone else. On offboard only two accounts may be
 * touched: the one the ledger holds, or the one whose login is the person's email and whose employee number is
 * theirs; an account found by employee number alone is reported, never suspended.
 */
export function accountResolver(dir: Directory, person: Person, offboard = false) {
  let id: string | undefined
  const own = (a: Account): Account => {
    if (a.profile.employeeNumber === person.employeeId) return a
    // The ledger's own account is the person's unless it now names another employee.
    if (a.id === person.ledgerId && !a.profile.employeeNumber) return a
    throw new Error(
      a.profile.employeeNumber
        ? `${dir.provider} account ${a.id} belongs to another employee; nothing was changed`
        : `${dir.provider} account ${a.id} has no employee number; onramp does not adopt it, nothing was changed`,
    )
  }
  const lookup = async (): Promise<Account | undefined> => {
    if (offboard) return offboardLookup()
    if (person.email) {
      const a = await dir.getByLogin(person.email)
      if (a) return own(a)
    }
    if (person.ledgerId) {
      const a = await dir.getById(person.ledgerId)
      if (a) return own(a)
    }
    const hits = await dir.findByEmployee(person.employeeId)
    if (hits.length > 1) {
      throw new Error(`${hits.length} ${dir.provider} accounts carry this employee id (${hits.map((h) => h.id)})`)
    }
    return hits[0]
  }
  const offboardLookup = async (): Promise<Account | undefined> => {
    if (person.ledgerId) {
      const a = await dir.getById(person.ledgerId)
      if (a) return own(a)
    }
    if (person.email) {
      const a = await dir.getByLogin(person.email)
      if (a) return own(a)
    }
    const hits = await dir.findByEmployee(person.employeeId)
    if (hits.length > 0) {
      throw new Error(
        `${dir.provider} account ${hits.map((h) => h.id)} carries this employee id but is neither the ledger's account nor the person's login; nothing was changed: check it and offboard it by hand`,
      )
    }
    return undefined
  }
  // The last read, until a change: an item's first read reuses it, a read-back replaces it.
  let last: { account: Account | undefined } | undefined
  return {
    id: () => id,
    set(newId: string) {
      id = newId
    },
    /** The account changed (or may have): the next read goes to the service. */
    changed() {
      last = undefined
    },
    /** The account as last read since the last change; `fresh` (a read-back) always asks the service. */
    async current(fresh = false): Promise<Account | undefined> {
      if (last && !fresh) return last.account
      let a: Account | undefined
      if (id) a = await dir.getById(id).then((x) => x && own(x))
      if (!a) {
        a = await lookup()
        id = a?.id
      }
      last = { account: a }
      return a
    },
  }
}

/**
 * The user's memberships of the managed groups as last read, until a change. Where one read lists all the
 * user's groups (membershipsByList), any item's read answers for every managed group; else each group is read
 * on its own.
 */
function membershipView(dir: Directory, names: string[]) {
  let ids: Promise<Map<string, string>> | undefined
  const known = new Map<string, boolean>()
  let all: string[] | undefined
  const groupIds = () => {
    ids ??= dir.groupIds(names)
    return ids
  }
  return {
    groupId: async (name: string) => (await groupIds()).get(name),
    changed() {
      known.clear()
      all = undefined
    },
    async isMember(userId: string, groupId: string, fresh: boolean): Promise<boolean> {
      if (!fresh && known.has(groupId)) return known.get(groupId)!
      const ask = dir.membershipsByList ? [...(await groupIds()).values()] : [groupId]
      const read = await dir.memberships(userId, ask)
      for (const id of ask) known.set(id, read.in.has(id))
      if (read.all) all = read.all
      return known.get(groupId)!
    },
    /** Every group the user is in: the last full listing when nothing changed since, else a read. */
    groupsOf: async (userId: string) => all ?? dir.groupsOf(userId),
  }
}

export function identityItems(o: ItemOptions): IdentityItems {
  const { dir, person, identity } = o
  const offboard = o.eventType === 'offboard'
  const account = accountResolver(dir, person, offboard)
  const onboard = o.eventType === 'onboard'
  const items: Item<any>[] = []
  let revokedNow = false

  // Onboard: the account first (created with the full profile), then its status, then the profile: a rehired
  // account is reactivated before its profile is corrected (Okta refuses profile updates while deactivated).
  let profile: Profile | undefined
  if (onboard) {
    if (!person.email || !person.name) throw new Error('onboard needs the email and the name')
    const desired: Profile = {
      login: person.email,
      email: person.email,
      ...displayNames(person.name),
      employeeNumber: person.employeeId,
    }
    profile = desired
    type Exists = { id?: string; employee_id: string }
    let created = false
    items.push({
      key: 'user',
      desired: { employee_id: person.employeeId },
      async read(): Promise<Exists | undefined> {
        const a = await account.current(created)
        return a && { id: a.id, employee_id: a.profile.employeeNumber ?? '' }
      },
      same: (_d, f) => f !== undefined,
      async apply() {
        created = true
        account.changed()
        account.set((await dir.create(desired, o.activate && !o.staged)).id)
      },
      verb: () => 'create',
    } satisfies Item<Exists>)
  }

  const wantStatus: DesiredStatus | undefined = offboard
    ? dir.provider === 'scim'
      ? o.deactivateDue
        ? 'DELETED'
        : 'INACTIVE'
      : o.offboardMode === 'deactivate' || o.deactivateDue
        ? 'DEPROVISIONED'
        : 'SUSPENDED'
    : onboard && o.staged
      ? 'STAGED'
      : onboard && o.activate
        ? 'ACTIVE'
        : undefined
  if (wantStatus) {
    const asAccount = (s: StatusState): Account => ({ ...s, profile: {} })
    let moved = false
    items.push({
      key: 'status',
      desired: { status: wantStatus },
      async read(): Promise<StatusState | undefined> {
        const a = await account.current(moved)
        return a && { id: a.id, status: a.status, ...(a.transitioning ? { transitioning: a.transitioning } : {}) }
      },
      // No account is as revoked as it gets; onboarding creates one first.
      same: (d: { status: DesiredStatus }, f: StatusState | undefined) =>
        f === undefined ? offboard : dir.satisfies(d.status, asAccount(f)),
      pending: (f: StatusState | undefined) => (f ? dir.pendingReason(asAccount(f)) : undefined),
      async apply(found: StatusState | undefined) {
        // Before the start date onramp neither activates nor takes a working account away for a date.
        if (wantStatus === 'STAGED' && found)
          throw new Error(
            `the ${dir.provider} account is ${found.status} before the start date; onramp does not deactivate it for a date: check it with the hiring manager`,
          )
        moved = true
        account.changed()
        if (found) await dir.transition(asAccount(found), wantStatus)
      },
      verb: (found: StatusState | undefined) =>
        found
          ? wantStatus === 'STAGED'
            ? 'none'
            : (dir.transitionVerb(asAccount(found), wantStatus) ?? 'wait for transition')
          : 'create',
      show: (s: StatusState | { status: string } | undefined) => s,
      dependsOn: onboard ? ['user'] : undefined,
    } satisfies Item<StatusState | { status: DesiredStatus }>)
  }

  if (offboard && dir.revokeSessions) {
    const revoke = dir.revokeSessions.bind(dir)
    // Okta has no read of a user's sessions, so nothing shows they ended: the revocation (idempotent) is sent
    // on every run of an offboard, reruns included, and reported as sent, never as verified.
    items.push({
      key: 'sessions',
      desired: { revoked: true },
      async read() {
        const a = await account.current()
        return a && { revoked: 'unknown' }
      },
      same: (_d, f) => f === undefined,
      async apply() {
        const id = account.id()
        if (!id) throw new Error('no account id')
        await revoke(id)
        revokedNow = true
      },
      verb: () => 'revoke',
      unverifiable: 'sent, unverifiable: Okta has no read of a user’s sessions; its 204 is the evidence',
    } satisfies Item<{ revoked: boolean | 'unknown' }>)
  }

  if (profile) {
    const desired = profile
    type UserState = Partial<Profile> & { id: string; deactivated?: true }
    let updated = false
    items.push({
      key: 'profile',
      desired,
      async read(): Promise<UserState | undefined> {
        const a = await account.current(updated)
        return a && { id: a.id, ...a.profile, ...(a.status === 'DEPROVISIONED' ? { deactivated: true as const } : {}) }
      },
      // Okta refuses a deactivated account's profile update: a rehire staged before the start date keeps its old
      // profile until the start date's activation, after which this item corrects it.
      same: (d: Profile, f: UserState | undefined) =>
        f !== undefined && ((o.staged && f.deactivated === true) || differingFields(d, f).length === 0),
      async apply(found: UserState | undefined) {
        if (!found) throw new Error('no account to update')
        const changes = Object.fromEntries(differingFields(desired, found).map((f) => [f, desired[f]]))
        updated = true
        account.changed()
        await dir.update(found.id, changes)
      },
      verb: (found) => (found ? 'update' : 'create'),
      // Ids and the names of differing fields only: never a value.
      show: (s: UserState | Profile | undefined) =>
        s && {
          ...('id' in s ? { id: s.id } : {}),
          employee_id: s.employeeNumber || null,
          differs: differingFields(desired, s),
        },
      dependsOn: ['user'],
    } satisfies Item<UserState | Profile>)
  }

  const memberships = membershipView(dir, identity.managedGroups)
  // Groups grant access: none before the start date.
  if (!offboard && !o.staged) {
    for (const name of identity.managedGroups) {
      const want = identity.groups.includes(name)
      let changed = false
      items.push({
        key: `group:${name}`,
        desired: want ? true : undefined,
        async read() {
          const gid = await memberships.groupId(name)
          if (!gid && want) {
            throw new Error(
              `group ${name} does not exist in ${dir.provider}; onramp never creates groups (roles.yaml identity.groups)`,
            )
          }
          const a = await account.current()
          if (!a) {
            // keep: the new role wants no account here, so none is as clean as it gets.
            if (!onboard && identity.account !== 'keep')
              throw new Error(`no ${dir.provider} account for this employee: onboard first`)
            return undefined
          }
          return gid && (await memberships.isMember(a.id, gid, changed)) ? true : undefined
        },
        async apply(found) {
          const gid = await memberships.groupId(name)
          const id = account.id()
          if (!gid || !id) throw new Error('no group or account id')
          changed = true
          memberships.changed()
          await dir.setMember(gid, id, !found)
        },
        verb: (found) => (found ? 'remove' : 'add'),
        show: (s) => (s ? 'member' : 'not a member'),
        dependsOn: onboard ? ['user'] : undefined,
      } satisfies Item<true>)
    }
  }

  return {
    items,
    accountId: () => account.id(),
    revokedSessions: () => revokedNow,
    async unmanagedGroups() {
      const id = account.id()
      if (!id) return undefined
      const managed = new Set(identity.managedGroups)
      return (await memberships.groupsOf(id)).filter((g) => !managed.has(g)).sort()
    },
  }
}
