// What onramp granted a person, per system, as item keys: what it may take away. One place says which item
// keys a role's definition means, and how a record written before `granted` existed is read (never as
// "revoke everything": as what the map gives the record's role).

import { type Granted, type Role, type RoleMap, SYSTEMS, type System } from './types.js'

/** The part of a ledger record these rules read (the record type itself lives in @onramp/ledger). */
export interface GrantedRecord {
  role?: string
  granted?: Granted
  ids?: { slack?: { channels?: string[] } }
}

export const ITEM_KEY_PREFIX = {
  identityGroup: 'group:',
  githubTeam: 'team:',
  awsGroup: 'group:',
  awsPolicy: 'policy:',
  slackChannel: 'channel:',
} as const

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort()

/** The item keys a role's definition grants, per system (every system present, empty when not named). */
export function roleItems(role: Role | undefined): Record<System, string[]> {
  return {
    identity: sorted((role?.identity?.groups ?? []).map((g) => ITEM_KEY_PREFIX.identityGroup + g)),
    github: sorted((role?.github?.teams ?? []).map((t) => ITEM_KEY_PREFIX.githubTeam + t.slug)),
    aws: sorted([
      ...(role?.aws?.groups ?? []).map((g) => ITEM_KEY_PREFIX.awsGroup + g),
      ...(role?.aws?.policies ?? []).map((p) => ITEM_KEY_PREFIX.awsPolicy + p),
    ]),
    slack: sorted((role?.slack?.channels ?? []).map((c) => ITEM_KEY_PREFIX.slackChannel + c)),
  }
}

/** A role by its exact key (the map is a null-prototype object; `hasOwn` keeps `__proto__` out anyway). */
export function roleOf(map: RoleMap, key: string | undefined): Role | undefined {
  return key !== undefined && Object.hasOwn(map.roles, key) ? map.roles[key] : undefined
}

/**
 * The record's `granted`, with Slack read from `ids.slack.channels` (the channels notify recorded adding before
 * `granted` existed) when `granted.slack` is absent. Other absent systems stay absent: see `grantedOrRole`.
 */
export function recordGranted(record: GrantedRecord | undefined): Granted {
  const out: Granted = { ...record?.granted }
  const channels = record?.ids?.slack?.channels
  if (out.slack === undefined && channels) out.slack = sorted(channels.map((c) => ITEM_KEY_PREFIX.slackChannel + c))
  return out
}

/**
 * Per system, what onramp may take away: the recorded list, else what `map` gives `role` (a record from before
 * `granted` existed; for Slack, one that recorded no channels either).
 */
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
