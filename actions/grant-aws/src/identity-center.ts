// The reconcile items for one person in IAM Identity Center mode. Pure of the SDK: they speak through
// `IdentityCenterApi` (sso.ts implements it), so the bundle loads the SDKs only once inputs and plan are valid.
//
// onboard / role-change: sso-user (found, or created with `users: onramp`) -> assignments -> group memberships
//   -> a report of what is held outside the managed sets (never removed).
// role-change with `account: 'keep'`: the user is only guarded; every managed assignment and membership goes.
// offboard: managed assignments and memberships removed and read back; then, with `on-offboard: delete` (at
//   once) or on the day guardrails dates.leaver.delete-after-days names, the user deleted, only when onramp
//   created it.
//
// Who the person is: the Identity Store user whose id the ledger recorded, else the one whose userName is the
// person's login (the email), and only if it can be tied to the employee id: its enterprise `employeeNumber`
// is the employee id (onramp sets it on the users it creates; the IdP can map it over SCIM), or one of its
// external ids is the IdP account id the ledger recorded (`ids.identity`). Anything else is refused, not adopted.
//
// Reads: the per-principal lists (ListAccountAssignmentsForPrincipal, ListGroupMembershipsForMember) are read
// once and shared by the items while they agree with what the items want; a disagreement, and every change,
// drops them, so an item costs at most its read and its read-back.

import {
  assignmentKey,
  type Clock,
  type IdentityCenterAssignment,
  type IdentityCenterPlan,
  type Item,
  RetryExhaustedError,
  type RetryPolicy,
  withRetry,
} from '@onramp/core'

export interface StoreUser {
  id: string
  /** The ids external identity providers gave the user (`ExternalIds[].Id`). */
  externalIds: string[]
  /** The enterprise extension's employeeNumber, when set. */
  employeeNumber?: string
}

export interface NewStoreUser {
  userName: string
  displayName: string
  givenName: string
  familyName: string
  email: string
  employeeId: string
}

export interface AssignmentRequest {
  requestId: string
  status: 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED'
  failureReason?: string
}

export interface Membership {
  membershipId: string
  groupId: string
}

/** The Identity Center operations the items make, bound to one instance and identity store. */
export interface IdentityCenterApi {
  /** GetUserId by userName; undefined when there is none. */
  findUserId(userName: string): Promise<string | undefined>
  describeUser(userId: string): Promise<StoreUser | undefined>
  createUser(user: NewStoreUser): Promise<string>
  deleteUser(userId: string): Promise<void>
  /** GetGroupId by display name; undefined when there is none. */
  groupId(displayName: string): Promise<string | undefined>
  memberships(userId: string): Promise<Membership[]>
  addMembership(groupId: string, userId: string): Promise<void>
  removeMembership(membershipId: string): Promise<void>
  /** The user's own account assignments (not those its groups give). */
  assignments(userId: string): Promise<IdentityCenterAssignment[]>
  createAssignment(a: IdentityCenterAssignment, userId: string): Promise<AssignmentRequest>
  deleteAssignment(a: IdentityCenterAssignment, userId: string): Promise<AssignmentRequest>
  creationStatus(requestId: string): Promise<AssignmentRequest>
  deletionStatus(requestId: string): Promise<AssignmentRequest>
}

/** An Identity Store user onramp must not touch, or cannot find. Its message is PII-free. */
export class RefusedStoreUser extends Error {
  override name = 'RefusedStoreUser'
}

/** An assignment request that ended FAILED: the service's reason. */
export class AssignmentFailed extends Error {
  override name = 'AssignmentFailed'
}

class StillInProgress extends Error {
  constructor(readonly request: AssignmentRequest) {
    super('still IN_PROGRESS')
  }
}

/**
 * How long an assignment request may stay IN_PROGRESS. Identity Center provisions the permission set's role in
 * the account first (seconds, sometimes a minute or more); the status is polled under the core retry policy.
 */
export const ASSIGNMENT_STATUS_POLICY: RetryPolicy = {
  baseMs: 1000,
  capMs: 10_000,
  maxAttempts: 30,
  deadlineMs: 180_000,
}

export interface KnownUser {
  id: string
  /** Whether onramp created it (this run, or as the ledger records). */
  created: boolean
}

export interface IcContext {
  api: IdentityCenterApi
  plan: IdentityCenterPlan
  employeeId: string
  /** The person's login at the IdP (their email): the Identity Store userName. */
  userName?: string
  /** For CreateUser (`users: onramp`). */
  person?: { displayName: string; givenName: string; familyName: string; email: string }
  /** From the ledger. */
  recorded: { userId?: string; created?: boolean; idpId?: string }
  clock: Clock
  statusPolicy?: RetryPolicy
  /** Offboard: delete the user onramp created (`on-offboard: delete`, or the post-leave deletion is due). */
  deleteUser?: boolean
  /** The person's user once found or created: what every other item needs. */
  user?: KnownUser
}

/** The person's Identity Store user, or undefined; throws RefusedStoreUser for one of someone else. */
export async function resolveUser(ctx: IcContext): Promise<KnownUser | undefined> {
  const { api, recorded } = ctx
  const knownId = ctx.user?.id ?? recorded.userId
  if (knownId) {
    const found = await api.describeUser(knownId)
    if (found) return { id: found.id, created: ctx.user?.created ?? recorded.created === true }
  }
  if (!ctx.userName) return undefined
  const id = await api.findUserId(ctx.userName)
  if (!id) return undefined
  const found = await api.describeUser(id)
  if (!found) return undefined
  const byEmployeeNumber = found.employeeNumber === ctx.employeeId
  const byIdpAccount = recorded.idpId !== undefined && found.externalIds.includes(recorded.idpId)
  if (!byEmployeeNumber && !byIdpAccount)
    throw new RefusedStoreUser(
      'refused: an Identity Store user has the person’s login but cannot be tied to this employee id (its employeeNumber is not theirs and none of its external ids is their identity provider account); not adopted, nothing changed',
    )
  return { id: found.id, created: false }
}

/** The per-principal lists, shared by the items while they agree with what is wanted. */
export class PrincipalLists {
  private assigned?: Promise<IdentityCenterAssignment[]>
  private members?: Promise<Membership[]>
  private readonly groupIds = new Map<string, Promise<string | undefined>>()
  constructor(private readonly ctx: IcContext) {}

  assignments(userId: string) {
    this.assigned ??= this.ctx.api.assignments(userId)
    this.assigned.catch(() => this.forget())
    return this.assigned
  }
  memberships(userId: string) {
    this.members ??= this.ctx.api.memberships(userId)
    this.members.catch(() => this.forget())
    return this.members
  }
  groupId(name: string) {
    let id = this.groupIds.get(name)
    if (!id) {
      id = this.ctx.api.groupId(name)
      id.catch(() => this.groupIds.delete(name))
      this.groupIds.set(name, id)
    }
    return id
  }
  forget() {
    this.assigned = undefined
    this.members = undefined
  }
}

interface UserShape {
  id: string
  created: boolean
}

/** The first item of every run: the person's user, found or created (grant) or only guarded (keep, offboard). */
function userItem(ctx: IcContext, create: boolean, resolvedBefore: boolean): Item<UserShape> {
  const { plan, api } = ctx
  const byIdp = plan.users === 'idp'
  let first = resolvedBefore
  return {
    key: 'sso-user',
    desired: { id: '', created: false },
    async read() {
      // Keep and offboard read the user before the loop: that read is this item's.
      if (first) {
        first = false
        return ctx.user
      }
      const user = await resolveUser(ctx)
      ctx.user = user
      return user
    },
    async apply() {
      if (byIdp)
        throw new RefusedStoreUser(
          'no Identity Store user has the person’s login yet: the identity provider provisions it by SCIM (some sync on a schedule); rerun once it exists',
        )
      const p = ctx.person
      if (!p || !ctx.userName)
        throw new RefusedStoreUser(
          'no name and email to create the Identity Store user with (neither event nor ledger has them)',
        )
      const id = await api.createUser({ userName: ctx.userName, ...p, employeeId: ctx.employeeId })
      ctx.user = { id, created: true }
    },
    // Present is all a grant needs; keep and offboard only guard (a missing user is nothing to do).
    same: (_d, f) => (create ? f !== undefined : true),
    verb: () => (byIdp ? 'find' : 'create'),
    show: (s) => (s ? (s.id ? { id: s.id, created_by_onramp: s.created } : 'present') : undefined),
  }
}

/** Waits out an assignment request under the core retry policy: SUCCEEDED, or an error saying why not. */
async function settle(
  ctx: IcContext,
  first: AssignmentRequest,
  status: (requestId: string) => Promise<AssignmentRequest>,
): Promise<void> {
  let final = first
  if (first.status === 'IN_PROGRESS') {
    const policy = ctx.statusPolicy ?? ASSIGNMENT_STATUS_POLICY
    try {
      final = await withRetry(
        async () => {
          const s = await status(first.requestId)
          if (s.status === 'IN_PROGRESS') throw new StillInProgress(s)
          return s
        },
        (error) => ({ retry: error instanceof StillInProgress }),
        policy,
        ctx.clock,
      )
    } catch (error) {
      if (error instanceof RetryExhaustedError && error.lastError instanceof StillInProgress)
        throw new AssignmentFailed(
          `the request is still IN_PROGRESS after ${Math.round(policy.deadlineMs / 1000)} s; a rerun reads whether it landed`,
        )
      throw error
    }
  }
  if (final.status === 'FAILED')
    throw new AssignmentFailed(`the request ended FAILED: ${final.failureReason ?? 'no reason given'}`)
}

function assignmentItem(
  ctx: IcContext,
  lists: PrincipalLists,
  a: IdentityCenterAssignment,
  wanted: boolean,
): Item<'assigned'> {
  const { api } = ctx
  const matches = (x: IdentityCenterAssignment) => x.account === a.account && x.permissionSet === a.permissionSet
  return {
    key: assignmentKey(a),
    desired: wanted ? 'assigned' : undefined,
    async read() {
      if (!ctx.user) return undefined
      const present = (await lists.assignments(ctx.user.id)).some(matches)
      if (present !== wanted) lists.forget() // the read-back must see the service, not this list
      return present ? 'assigned' : undefined
    },
    async apply(found) {
      const userId = ctx.user!.id
      lists.forget()
      if (found) await settle(ctx, await api.deleteAssignment(a, userId), (id) => api.deletionStatus(id))
      else await settle(ctx, await api.createAssignment(a, userId), (id) => api.creationStatus(id))
    },
    verb: (found) => (found ? 'unassign' : 'assign'),
    dependsOn: ['sso-user'],
  }
}

function groupItem(ctx: IcContext, lists: PrincipalLists, name: string, member: boolean): Item<'member'> {
  const { api } = ctx
  let membership: Membership | undefined
  let groupId: string | undefined
  return {
    key: `sso-group:${name}`,
    desired: member ? 'member' : undefined,
    async read() {
      if (!ctx.user) return undefined
      groupId = await lists.groupId(name)
      if (!groupId) {
        if (member)
          throw new RefusedStoreUser(
            'no Identity Center group has this display name: create it in Identity Center (guardrails aws.identity-center.groups)',
          )
        return undefined
      }
      membership = (await lists.memberships(ctx.user.id)).find((m) => m.groupId === groupId)
      if (!!membership !== member) lists.forget()
      return membership ? 'member' : undefined
    },
    async apply(found) {
      lists.forget()
      if (found && membership) await api.removeMembership(membership.membershipId)
      else await api.addMembership(groupId!, ctx.user!.id)
    },
    verb: (found) => (found ? 'leave' : 'join'),
    dependsOn: ['sso-user'],
  }
}

export interface IcUnmanaged {
  /** Item keys of the user's own assignments outside the managed set. */
  assignments: string[]
  /** How many groups outside the managed set the user is in (by id; display names are not read for them). */
  groups: number
}

function unmanagedItem(ctx: IcContext, lists: PrincipalLists, onFound: (u: IcUnmanaged) => void): Item<IcUnmanaged> {
  const managed = new Set(ctx.plan.managedAssignments.map(assignmentKey))
  return {
    key: 'unmanaged',
    desired: undefined,
    async read() {
      if (!ctx.user) return undefined
      const managedGroupIds = new Set(
        (await Promise.all(ctx.plan.managedGroups.map((g) => lists.groupId(g)))).filter((id) => id !== undefined),
      )
      const found = {
        assignments: (await lists.assignments(ctx.user.id))
          .map(assignmentKey)
          .filter((k) => !managed.has(k))
          .sort(),
        groups: (await lists.memberships(ctx.user.id)).filter((m) => !managedGroupIds.has(m.groupId)).length,
      }
      onFound(found)
      return found
    },
    async apply() {},
    same: () => true,
    show: (s) => (s && (s.assignments.length || s.groups) ? { reported: s, removed: false } : undefined),
    dependsOn: ['sso-user'],
  }
}

function deleteUserItem(ctx: IcContext, before: string[]): Item<'present'> {
  const { api } = ctx
  return {
    key: 'delete:sso-user',
    desired: undefined,
    read: async () => (ctx.user && (await api.describeUser(ctx.user.id)) ? 'present' : undefined),
    async apply() {
      await api.deleteUser(ctx.user!.id)
    },
    verb: () => 'delete',
    // Only once every assignment and membership is gone and read back.
    dependsOn: ['sso-user', ...before],
  }
}

/**
 * The items of one run. `user` is what resolveUser found before the loop for keep and offboard (a missing user
 * is nothing to do there); a grant resolves it in its first item (pass undefined).
 */
export function identityCenterItems(
  ctx: IcContext,
  user: KnownUser | undefined,
  onUnmanaged: (u: IcUnmanaged) => void,
): Item<any>[] {
  const { plan } = ctx
  const lists = new PrincipalLists(ctx)
  const grant = plan.presence === 'active' && plan.account === 'ensure'
  ctx.user = user
  const items: Item<any>[] = [userItem(ctx, grant, !grant)]
  if (!grant && !user) return items
  const wanted = new Set(plan.assignments.map(assignmentKey))
  const groups = new Set(plan.groups)
  // Wanted ones first: a role change gains before it loses.
  const assignments = new Map([...plan.assignments, ...plan.managedAssignments].map((a) => [assignmentKey(a), a]))
  for (const [key, a] of assignments) items.push(assignmentItem(ctx, lists, a, wanted.has(key)))
  for (const g of new Set([...plan.groups, ...plan.managedGroups])) items.push(groupItem(ctx, lists, g, groups.has(g)))
  if (plan.presence === 'revoked' && ctx.deleteUser && user?.created) {
    items.push(
      deleteUserItem(
        ctx,
        items.slice(1).map((i) => i.key),
      ),
    )
    return items
  }
  items.push(unmanagedItem(ctx, lists, onUnmanaged))
  return items
}
