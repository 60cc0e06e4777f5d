// The desired state for one person, per system. Pure: no I/O, same inputs give the same plan.
// Managed sets are what onramp granted the person (the ledger's `granted`) and what the role wants: only
// granted − desired is ever removed, whether or not a role still names the item, and what the person holds
// outside the managed set is reported, never touched. A record from before `granted` existed reads as what
// the map gives the record's role. Desired is the role's items and those of the person's time-bound grants active
// at `now` (grants.ts): when a grant ends its items drop out of desired and are removed like any other.

import { UserError } from './errors.js'
import { assignmentKey, assignmentOf, grantedOrRole, ITEM_KEY_PREFIX, namesOf } from './granted.js'
import { activeGrantItems, type Grant } from './grants.js'
import type {
  AccountMode,
  AwsPlan,
  GithubPlan,
  Granted,
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
  /**
   * The role the ledger last recorded: for the AWS `role` tag when an offboard event names none, and what a
   * record without `granted` for a system is read as having been granted.
   */
  lastRole?: string
  /** What onramp granted the person and verified (the ledger's `granted`, see `recordGranted`). */
  granted?: Granted
  /** The person's time-bound grants (the ledger's, with grants.yaml's brought in) and the clock's `now`. */
  grants?: { list: readonly Grant[]; now: number }
}

export function plan(event: PlanEvent, roleMap: RoleMap, guardrails: Guardrails, opts: PlanOptions = {}): Plan {
  const all = Object.values(roleMap.roles)
  const granted = grantedOrRole(opts.granted ?? {}, roleMap, opts.lastRole)
  const offboard = event.type === 'offboard'
  let role: Role | undefined
  if (!offboard) {
    if (event.role === undefined || !Object.hasOwn(roleMap.roles, event.role))
      throw new UserError({ field: 'role', rule: 'not a role in roles.yaml' })
    role = roleMap.roles[event.role]
  }
  const presence: Presence = offboard ? 'revoked' : 'active'
  // An offboard revokes everything: no grant is desired then.
  const extra = activeGrantItems(offboard ? [] : opts.grants?.list, opts.grants?.now ?? 0)
  // Offboarding takes every managed item away in every system any role names; the person's role may be gone.
  // A role change does too for a system the new role does not name (else the old role's access drifts on),
  // but keeps the account there: `account: 'keep'`.
  // A system no role names any more still gets a slice while onramp granted something there, so it is removed.
  const anyNames = (pick: (r: Role) => unknown) => all.some((r) => pick(r) !== undefined)
  // A system a grant gives something in gets a slice, and its account ensured, whatever the role names.
  const names = (pick: (r: Role) => unknown, held: string[], configured = true, granting: string[] = []) =>
    (offboard || event.type === 'role-change' ? anyNames(pick) : !!role && pick(role) !== undefined) ||
    ((held.length > 0 || granting.length > 0) && configured)
  // Revoked slices carry no account mode: offboarding has its own account verbs.
  const account = (pick: (r: Role) => unknown, granting: string[] = []): { account?: AccountMode } =>
    offboard ? {} : { account: (role && pick(role) !== undefined) || granting.length ? 'ensure' : 'keep' }
  // The role's names in its order, then the grants' names it does not have.
  const withGranted = (names: string[], keys: string[], prefix: string) => [
    ...names,
    ...namesOf(keys, prefix).filter((n) => !names.includes(n)),
  ]

  const out: Plan = { employeeId: event.employeeId, eventType: event.type, eventId: event.eventId }
  if (event.role !== undefined) out.role = event.role

  if (names((r) => r.identity, granted.identity, true, extra.identity)) {
    const groups = offboard
      ? []
      : withGranted(role?.identity?.groups ?? [], extra.identity, ITEM_KEY_PREFIX.identityGroup)
    const identity: IdentityPlan = {
      presence,
      ...account((r) => r.identity, extra.identity),
      groups,
      managedGroups: union([groups, namesOf(granted.identity, ITEM_KEY_PREFIX.identityGroup)]),
    }
    out.identity = identity
  }

  if (names((r) => r.github, granted.github, !!guardrails.github, extra.github)) {
    const g = guardrails.github ?? missing('github')
    // Team grants only; the org membership role is always plain member, never admin. A time-bound grant's team is
    // a plain membership, unless the role gives more.
    const teams = offboard ? [] : (role?.github?.teams ?? []).map((t): TeamGrant => ({ slug: t.slug, role: t.role }))
    for (const slug of namesOf(extra.github, ITEM_KEY_PREFIX.githubTeam))
      if (!teams.some((t) => t.slug === slug)) teams.push({ slug, role: 'member' })
    const github: GithubPlan = {
      presence,
      ...account((r) => r.github, extra.github),
      org: g.org,
      teams,
      managedTeams: union([teams.map((t) => t.slug), namesOf(granted.github, ITEM_KEY_PREFIX.githubTeam)]),
      protectedLogins: [...g.protectedLogins],
      maxInvitationResends: g.maxInvitationResends,
      invitationCap: g.invitationCap,
      invitationDeadlineDays: g.invitationDeadlineDays,
    }
    out.github = github
  }

  if (guardrails.identityCenter) {
    if (names((r) => r.aws, granted.aws))
      out.identityCenter = identityCenterSlice(
        guardrails.identityCenter,
        presence,
        account((r) => r.aws),
        role,
        granted.aws,
        event,
      )
  } else if (names((r) => r.aws, granted.aws, !!guardrails.aws, extra.aws)) {
    const g = guardrails.aws ?? missing('aws')
    const allowed = new Set(g.allowedPolicies)
    if ((role?.aws?.policies ?? []).some((p) => !allowed.has(p)))
      throw new UserError({
        field: `roles.${event.role}.aws.policies`,
        rule: 'policy is not in guardrails aws.allowed-policies',
      })
    if (namesOf(extra.aws, ITEM_KEY_PREFIX.awsPolicy).some((p) => !allowed.has(p)))
      throw new UserError({
        field: 'grants.items.aws-policies',
        rule: 'policy is not in guardrails aws.allowed-policies',
      })
    const policies = offboard ? [] : withGranted(role?.aws?.policies ?? [], extra.aws, ITEM_KEY_PREFIX.awsPolicy)
    const groups = offboard ? [] : withGranted(role?.aws?.groups ?? [], extra.aws, ITEM_KEY_PREFIX.awsGroup)
    const tags: Record<string, string> = { 'managed-by': MANAGED_BY, 'employee-id': event.employeeId }
    const tagRole = event.role ?? (offboard ? opts.lastRole : undefined)
    if (tagRole !== undefined) tags.role = tagRole
    const aws: AwsPlan = {
      presence,
      ...account((r) => r.aws, extra.aws),
      userPath: g.userPath,
      permissionsBoundary: g.permissionsBoundary,
      tags,
      groups,
      policies,
      managedGroups: union([groups, namesOf(granted.aws, ITEM_KEY_PREFIX.awsGroup)]),
      managedPolicies: union([policies, namesOf(granted.aws, ITEM_KEY_PREFIX.awsPolicy)]),
      console: offboard ? false : (role?.aws?.console ?? false),
    }
    out.aws = aws
  }

  if (names((r) => r.slack, granted.slack, !!guardrails.slack, extra.slack)) {
    const g = guardrails.slack ?? missing('slack')
    const channels = offboard ? [] : withGranted(role?.slack?.channels ?? [], extra.slack, ITEM_KEY_PREFIX.slackChannel)
    const slack: SlackPlan = {
      channels,
      managedChannels: union([channels, namesOf(granted.slack, ITEM_KEY_PREFIX.slackChannel)]),
      announceChannel: g.announceChannel,
      alertsChannel: g.alertsChannel,
    }
    out.slack = slack
  }

  if (!offboard && role?.setup) out.setup = { repos: [...role.setup.repos] }
  return out
}

/** Identity Center mode's AWS slice: the role's assignments and groups; managed = granted ∪ desired, like IAM's. */
function identityCenterSlice(
  g: IdentityCenterGuardrails,
  presence: Presence,
  account: { account?: AccountMode },
  role: Role | undefined,
  granted: string[],
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
  // Managed: what the role wants and what onramp granted (within the allowlists: onramp's role may touch no other).
  const held = granted
    .filter((k) => k.startsWith(ITEM_KEY_PREFIX.ssoAssignment))
    .map(assignmentOf)
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
    managedAssignments: uniqueAssignments([...wanted, ...held]),
    managedGroups: union([groups, namesOf(granted, ITEM_KEY_PREFIX.ssoGroup)]).filter((n) => allowedGroups.has(n)),
  }
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
