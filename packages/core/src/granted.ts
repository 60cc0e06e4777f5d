// What onramp granted a person, per system, as item keys: what it may take away. One place says which item
// keys a role's definition means, and how a record written before `granted` existed is read (never as
// "revoke everything": as what the map gives the record's role).

import {
  type Granted,
  type IdentityCenterAssignment,
  type Plan,
  type Role,
  type RoleMap,
  SYSTEMS,
  type System,
} from './types.js'

/** `assignment:<account>/<permission set arn>`: an Identity Center assignment's item key. */
export function assignmentKey(a: IdentityCenterAssignment): string {
  return `${ITEM_KEY_PREFIX.ssoAssignment}${a.account}/${a.permissionSet}`
}

/** The assignment an item key names (the account is the part before the first `/`). */
export function assignmentOf(key: string): IdentityCenterAssignment {
  const rest = key.slice(ITEM_KEY_PREFIX.ssoAssignment.length)
  const at = rest.indexOf('/')
  return { account: rest.slice(0, at), permissionSet: rest.slice(at + 1) }
}

/** The part of a ledger record these rules read (the record type itself lives in @onramp/ledger). */
export interface GrantedRecord {
  role?: string
  granted?: Granted
  ids?: { slack?: { channels?: string[] } }
  /** By step name: which steps ever recorded a result for the person. */
  steps?: Record<string, unknown>
}

/** The step that grants in each system (it records `granted[system]` every time it records a result). */
export const GRANTING_STEP: Record<System, string> = {
  identity: 'identity',
  github: 'github',
  aws: 'aws',
  slack: 'notify',
}

export const ITEM_KEY_PREFIX = {
  identityGroup: 'group:',
  githubTeam: 'team:',
  awsGroup: 'group:',
  awsPolicy: 'policy:',
  slackChannel: 'channel:',
  /** IAM Identity Center (aws.mode identity-center): `assignment:<account>/<permission set arn>`. */
  ssoAssignment: 'assignment:',
  ssoGroup: 'sso-group:',
} as const

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort()

interface Names {
  identityGroups?: string[]
  teams?: { slug: string }[]
  awsGroups?: string[]
  policies?: string[]
  assignments?: IdentityCenterAssignment[]
  ssoGroups?: string[]
  channels?: string[]
}

function itemKeys(n: Names): Record<System, string[]> {
  const keys = (prefix: string, names: string[] | undefined) => (names ?? []).map((x) => prefix + x)
  return {
    identity: sorted(keys(ITEM_KEY_PREFIX.identityGroup, n.identityGroups)),
    github: sorted(
      keys(
        ITEM_KEY_PREFIX.githubTeam,
        n.teams?.map((t) => t.slug),
      ),
    ),
    aws: sorted([
      ...keys(ITEM_KEY_PREFIX.awsGroup, n.awsGroups),
      ...keys(ITEM_KEY_PREFIX.awsPolicy, n.policies),
      ...(n.assignments ?? []).map(assignmentKey),
      ...keys(ITEM_KEY_PREFIX.ssoGroup, n.ssoGroups),
    ]),
    slack: sorted(keys(ITEM_KEY_PREFIX.slackChannel, n.channels)),
  }
}

/** The item keys a role's definition grants, per system (every system present, empty when not named). */
export function roleItems(role: Role | undefined): Record<System, string[]> {
  return itemKeys({
    identityGroups: role?.identity?.groups,
    teams: role?.github?.teams,
    awsGroups: role?.aws?.groups,
    policies: role?.aws?.policies,
    assignments: role?.aws?.identityCenter?.assignments,
    ssoGroups: role?.aws?.identityCenter?.groups,
    channels: role?.slack?.channels,
  })
}

/** A role by its exact key (the map is a null-prototype object; `hasOwn` keeps `__proto__` out anyway). */
export function roleOf(map: RoleMap, key: string | undefined): Role | undefined {
  return key !== undefined && Object.hasOwn(map.roles, key) ? map.roles[key] : undefined
}

/**
 * The record's `granted`, per system where it is known: the recorded list; for Slack, else the channels notify
 * recorded inviting to (`ids.slack.channels`, kept before `granted` existed); else, when the record's `steps`
 * show the system's step ran (Slack: whatever ran) without recording any, none. A system left absent is read
 * as what the map gives the record's role (`grantedOrRole`): a record from before `granted` existed, or a
 * record-like object without steps.
 */
export function recordGranted(record: GrantedRecord | undefined): Granted {
  const out: Granted = {}
  const steps = record?.steps
  for (const s of SYSTEMS) {
    const recorded = record?.granted?.[s]
    const channels = s === 'slack' ? record?.ids?.slack?.channels : undefined
    if (recorded) out[s] = sorted(recorded)
    else if (channels) out[s] = sorted(channels.map((c) => ITEM_KEY_PREFIX.slackChannel + c))
    // Notify kept `ids.slack.channels` whenever it invited anyone: a record with steps and none invited nobody.
    else if (steps && (s === 'slack' || !steps[GRANTING_STEP[s]])) out[s] = []
  }
  return out
}

/** Per system, what onramp may take away: the known list, else what `map` gives `role`. */
export function grantedOrRole(granted: Granted, map: RoleMap, role: string | undefined): Record<System, string[]> {
  const implied = roleItems(roleOf(map, role))
  const out = {} as Record<System, string[]>
  for (const s of SYSTEMS) out[s] = granted[s] ? sorted(granted[s]) : implied[s]
  return out
}

/** `group:backend` → `backend` for keys of `prefix`; other keys are dropped. */
export function namesOf(keys: string[], prefix: string): string[] {
  return keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length))
}

/** The item keys a person's plan wants present, per system (a leaver's: none). */
export function planItems(plan: Plan): Record<System, string[]> {
  return itemKeys({
    identityGroups: plan.identity?.groups,
    teams: plan.github?.teams,
    awsGroups: plan.aws?.groups,
    policies: plan.aws?.policies,
    assignments: plan.identityCenter?.assignments,
    ssoGroups: plan.identityCenter?.groups,
    channels: plan.slack?.channels,
  })
}
