// The desired state for one person, per system. Pure: no I/O, same inputs give the same plan.
// Managed sets are the union over every role, so a role change only ever removes items onramp manages.

import { UserError } from './errors.js'
import type {
  AccountMode,
  AwsPlan,
  GithubPlan,
  Guardrails,
  IdentityCenterAssignment,
  IdentityCenterGuardrails,
  IdentityCenterPlan,
  IdentityPlan,
  LifecycleEvent,
  Plan,
  Presence,
  Role,
  RoleMap,
  SlackPlan,
  TeamGrant,
} from './types.js'

export const MANAGED_BY = 'onramp'

type PlanEvent = Pick<LifecycleEvent, 'type' | 'eventId' | 'employeeId' | 'role'>

export interface PlanOptions {
  /** The role the ledger last recorded, for the AWS `role` tag when an offboard event names none. */
  lastRole?: string
}

export function plan(event: PlanEvent, roleMap: RoleMap, guardrails: Guardrails, opts: PlanOptions = {}): Plan {
  const all = Object.values(roleMap.roles)
  const offboard = event.type === 'offboard'
  let role: Role | undefined
  if (!offboard) {
    if (event.role === undefined || !Object.hasOwn(roleMap.roles, event.role))
      throw new UserError({ field: 'role', rule: 'not a role in roles.yaml' })
    role = roleMap.roles[event.role]
  }
  const presence: Presence = offboard ? 'revoked' : 'active'
  // Offboarding takes every managed item away in every system any role names; the person's role may be gone.
  // A role change does too for a system the new role does not name (else the old role's access drifts on),
  // but keeps the account there: `account: 'keep'`.
  const anyNames = (pick: (r: Role) => unknown) => all.some((r) => pick(r) !== undefined)
  const names = (pick: (r: Role) => unknown) =>
    offboard || event.type === 'role-change' ? anyNames(pick) : !!role && pick(role) !== undefined
  // Revoked slices carry no account mode: offboarding has its own account verbs.
  const account = (pick: (r: Role) => unknown): { account?: AccountMode } =>
    offboard ? {} : { account: role && pick(role) !== undefined ? 'ensure' : 'keep' }

  const out: Plan = { employeeId: event.employeeId, eventType: event.type, eventId: event.eventId }
  if (event.role !== undefined) out.role = event.role

  if (names((r) => r.identity)) {
    const identity: IdentityPlan = {
      presence,
      ...account((r) => r.identity),
      groups: offboard ? [] : [...(role?.identity?.groups ?? [])],
      managedGroups: union(all.map((r) => r.identity?.groups ?? [])),
    }
    out.identity = identity
  }

  if (names((r) => r.github)) {
    const g = guardrails.github ?? missing('github')
    const github: GithubPlan = {
      presence,
      ...account((r) => r.github),
      org: g.org,
      // Team grants only; the org membership role is always plain member, never admin.
      teams: offboard ? [] : (role?.github?.teams ?? []).map((t): TeamGrant => ({ slug: t.slug, role: t.role })),
      managedTeams: union(all.map((r) => (r.github?.teams ?? []).map((t) => t.slug))),
      protectedLogins: [...g.protectedLogins],
      maxInvitationResends: g.maxInvitationResends,
      invitationCap: g.invitationCap,
    }
    out.github = github
  }

  if (names((r) => r.aws) && guardrails.identityCenter) {
    out.identityCenter = identityCenterSlice(
      guardrails.identityCenter,
      presence,
      account((r) => r.aws),
      role,
      all,
      event,
    )
  } else if (names((r) => r.aws)) {
    const g = guardrails.aws ?? missing('aws')
    const policies = offboard ? [] : [...(role?.aws?.policies ?? [])]
    const allowed = new Set(g.allowedPolicies)
    if (policies.some((p) => !allowed.has(p)))
      throw new UserError({
        field: `roles.${event.role}.aws.policies`,
        rule: 'policy is not in guardrails aws.allowed-policies',
      })
    const tags: Record<string, string> = { 'managed-by': MANAGED_BY, 'employee-id': event.employeeId }
    const tagRole = event.role ?? (offboard ? opts.lastRole : undefined)
    if (tagRole !== undefined) tags.role = tagRole
    const aws: AwsPlan = {
      presence,
      ...account((r) => r.aws),
      userPath: g.userPath,
      permissionsBoundary: g.permissionsBoundary,
      tags,
      groups: offboard ? [] : [...(role?.aws?.groups ?? [])],
      policies,
      managedGroups: union(all.map((r) => r.aws?.groups ?? [])),
      managedPolicies: union(all.map((r) => r.aws?.policies ?? [])),
      console: offboard ? false : (role?.aws?.console ?? false),
    }
    out.aws = aws
  }

  if (names((r) => r.slack)) {
    const g = guardrails.slack ?? missing('slack')
    const slack: SlackPlan = {
      channels: offboard ? [] : [...(role?.slack?.channels ?? [])],
      announceChannel: g.announceChannel,
      alertsChannel: g.alertsChannel,
    }
    out.slack = slack
  }

  if (!offboard && role?.setup) out.setup = { repos: [...role.setup.repos] }
  return out
}

/** Identity Center mode's AWS slice: the role's assignments and groups, managed sets over every role. */
function identityCenterSlice(
  g: IdentityCenterGuardrails,
  presence: Presence,
  account: { account?: AccountMode },
  role: Role | undefined,
  all: Role[],
  event: PlanEvent,
): IdentityCenterPlan {
  const offboard = presence === 'revoked'
  const wanted = offboard ? [] : (role?.aws?.identityCenter?.assignments ?? [])
  const groups = offboard ? [] : [...(role?.aws?.identityCenter?.groups ?? [])]
  // validate refuses these already (config.ts); a plan never carries anything outside the allowlists.
  const field = `roles.${event.role}.aws.identity-center`
  const accounts = new Set(g.accounts)
  const sets = new Set(g.permissionSets)
  const allowedGroups = new Set(g.groups)
  if (wanted.some((a) => !accounts.has(a.account)))
    throw new UserError({
      field: `${field}.assignments`,
      rule: 'account is not in guardrails aws.identity-center.accounts',
    })
  if (wanted.some((a) => !sets.has(a.permissionSet)))
    throw new UserError({
      field: `${field}.assignments`,
      rule: 'permission set is not in guardrails aws.identity-center.permission-sets',
    })
  if (groups.some((name) => !allowedGroups.has(name)))
    throw new UserError({ field: `${field}.groups`, rule: 'group is not in guardrails aws.identity-center.groups' })
  // Managed: what any role names, within the allowlists (a role outside them was refused above or at validate).
  const managed = all
    .flatMap((r) => r.aws?.identityCenter?.assignments ?? [])
    .filter((a) => accounts.has(a.account) && sets.has(a.permissionSet))
  return {
    presence,
    ...account,
    instanceArn: g.instanceArn,
    identityStoreId: g.identityStoreId,
    region: g.region,
    startUrl: g.startUrl,
    users: g.users,
    onOffboard: g.onOffboard,
    assignments: uniqueAssignments(wanted),
    groups,
    managedAssignments: uniqueAssignments(managed),
    managedGroups: union(all.map((r) => r.aws?.identityCenter?.groups ?? [])).filter((n) => allowedGroups.has(n)),
  }
}

/** `assignment:<account>/<permission set arn>`: the item key, and the order assignments are kept in. */
export function assignmentKey(a: IdentityCenterAssignment): string {
  return `assignment:${a.account}/${a.permissionSet}`
}

function uniqueAssignments(list: IdentityCenterAssignment[]): IdentityCenterAssignment[] {
  const byKey = new Map(list.map((a) => [assignmentKey(a), { account: a.account, permissionSet: a.permissionSet }]))
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a)
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())].sort()
}

function missing(section: string): never {
  throw new UserError({ field: section, rule: `roles use ${section} but guardrails.yaml has no ${section} section` })
}
