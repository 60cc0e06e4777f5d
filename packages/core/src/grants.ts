// Time-bound grants: extra items from guardrails `grants.allowed` for one person until a time. Two reviewed ways
// in: an entry of .github/access/grants.yaml (a reviewed pull request; keyed by its id) and grant.yml
// (workflow_dispatch through the protected `onramp-grant` environment; keyed `run-<run id>`). The ledger keeps
// every grant the person had (TimeBoundGrant in @onramp/ledger); while `now < until` and not ended its items are
// desired (plan.ts), so at `until` they drop out and granted − desired removes them like any other removal.

import { calendarDayStart, isCalendarDate, type ScheduledTask, type ScheduleStep, shiftDays } from './dates.js'
import type { Problem } from './errors.js'
import { GRANTING_STEP, ITEM_KEY_PREFIX } from './granted.js'
import { type Guardrails, SYSTEMS, type System } from './types.js'

/** The file's (and grant.yml's) kinds of item: which system, which item key prefix, which allowlist. */
export const GRANT_KINDS = {
  'identity-groups': { system: 'identity', prefix: ITEM_KEY_PREFIX.identityGroup, allowed: 'identityGroups' },
  'github-teams': { system: 'github', prefix: ITEM_KEY_PREFIX.githubTeam, allowed: 'githubTeams' },
  'aws-policies': { system: 'aws', prefix: ITEM_KEY_PREFIX.awsPolicy, allowed: 'awsPolicies' },
  'aws-groups': { system: 'aws', prefix: ITEM_KEY_PREFIX.awsGroup, allowed: 'awsGroups' },
  'slack-channels': { system: 'slack', prefix: ITEM_KEY_PREFIX.slackChannel, allowed: 'slackChannels' },
} as const satisfies Record<
  string,
  { system: System; prefix: string; allowed: keyof NonNullable<Guardrails['grants']>['allowed'] }
>
export type GrantKind = keyof typeof GRANT_KINDS
export const GRANT_KIND_NAMES = Object.keys(GRANT_KINDS) as GrantKind[]

export type GrantItems = Partial<Record<System, string[]>>
export type GrantEnd = 'expired' | 'offboarded' | 'withdrawn'

/** A grant as the ledger keeps it (the same shape as @onramp/ledger's TimeBoundGrant). */
export interface Grant {
  id: string
  items: GrantItems
  /** ISO 8601: when onramp first recorded it. */
  from: string
  until: string
  requested_by: string
  approved_by?: string
  reason?: string
  /** `file`: an entry of grants.yaml (withdrawn when it leaves the file); `workflow`: grant.yml. */
  source?: 'file' | 'workflow'
  ended?: { at: string; why: GrantEnd }
}

/** An entry of grants.yaml, checked. */
export interface FileGrant {
  id: string
  employeeId: string
  items: GrantItems
  /** ISO 8601, UTC. */
  until: string
  reason: string
  /** Its position in the file, for error fields (`grants[3].until`). */
  index: number
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Item keys per system from names per kind (`github-teams: [sre]` → `github: ['team:sre']`), sorted. */
export function grantItems(kinds: Partial<Record<GrantKind, string[]>>): GrantItems {
  const out: GrantItems = {}
  for (const kind of GRANT_KIND_NAMES) {
    const names = kinds[kind]
    if (!names?.length) continue
    const { system, prefix } = GRANT_KINDS[kind]
    out[system] = [...new Set([...(out[system] ?? []), ...names.map((n) => prefix + n)])].sort()
  }
  return out
}

/**
 * What is wrong with these items against guardrails: no `grants` section, an item not in its allowlist, AWS
 * items in Identity Center mode. `field` names where the items were written (`grants[2].items`, `inputs.items`).
 */
export function grantItemProblems(
  kinds: Partial<Record<GrantKind, string[]>>,
  guardrails: Guardrails,
  field: string,
): Problem[] {
  const policy = guardrails.grants
  if (!policy) return [{ field: 'grants', rule: 'guardrails.yaml has no grants section: no grant may be given' }]
  const problems: Problem[] = []
  for (const kind of GRANT_KIND_NAMES) {
    const names = kinds[kind] ?? []
    const allowed = new Set(policy.allowed[GRANT_KINDS[kind].allowed])
    if (GRANT_KINDS[kind].system === 'aws' && names.length && guardrails.identityCenter) {
      problems.push({ field: `${field}.${kind}`, rule: 'AWS grants need guardrails aws.mode iam-users' })
      continue
    }
    names.forEach((name, i) => {
      if (!allowed.has(name))
        problems.push({ field: `${field}.${kind}[${i}]`, rule: `not in guardrails grants.allowed.${kind}` })
    })
  }
  if (!GRANT_KIND_NAMES.some((k) => kinds[k]?.length)) problems.push({ field, rule: 'names no item' })
  return problems
}

/** `until` as written (a date: 00:00 that day in `zone`; or a date-time with an offset) in epoch ms, or undefined. */
export function untilMs(value: string, zone: string): number | undefined {
  // Date.parse refuses 25:00 and an offset past ±23:59 but rolls 2026-02-30 over into March: the day is checked.
  if (!isCalendarDate(value.slice(0, 10))) return undefined
  if (value.length === 10) return calendarDayStart(value, zone)
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

export function isActive(grant: Pick<Grant, 'until' | 'ended'>, now: number): boolean {
  return !grant.ended && Date.parse(grant.until) > now
}

/** The items of the grants active at `now`, per system, sorted. */
export function activeGrantItems(grants: readonly Grant[] | undefined, now: number): Record<System, string[]> {
  const out = {} as Record<System, string[]>
  for (const s of SYSTEMS) out[s] = []
  for (const g of grants ?? []) if (isActive(g, now)) for (const s of SYSTEMS) out[s].push(...(g.items[s] ?? []))
  for (const s of SYSTEMS) out[s] = [...new Set(out[s])].sort()
  return out
}

/**
 * The person's grants with the file's entries for them brought in: a new entry is recorded from `now`; a
 * recorded file grant takes the file's items and end (a reviewed edit); one that left the file before it ended is
 * ended `withdrawn`. An ended grant stays ended (a new grant takes a new id). Grants from grant.yml are kept as
 * they are. Deterministic: the same inputs give the same list, so a rerun writes nothing new.
 */
export function mergeFileGrants(
  recorded: readonly Grant[] | undefined,
  file: readonly FileGrant[],
  now: number,
  approvedBy: string,
): Grant[] {
  const byId = new Map(file.map((f) => [f.id, f]))
  const out: Grant[] = []
  for (const g of recorded ?? []) {
    const f = byId.get(g.id)
    byId.delete(g.id)
    if (g.ended || g.source !== 'file') out.push(g)
    else if (!f) out.push({ ...g, ended: { at: iso(now), why: 'withdrawn' } })
    else out.push({ ...g, items: f.items, until: f.until, reason: f.reason })
  }
  for (const f of byId.values()) {
    // An entry already past its end when first seen gives nothing: it is not recorded.
    if (Date.parse(f.until) <= now) continue
    out.push({
      id: f.id,
      items: f.items,
      from: iso(now),
      until: f.until,
      requested_by: 'grants.yaml',
      approved_by: approvedBy,
      reason: f.reason,
      source: 'file',
    })
  }
  return out
}

/**
 * A grant lasting longer than guardrails `grants.max-days` (calendar days in `dates.time-zone`) from when it was
 * first recorded, or ending before it starts: a problem naming `field`.
 */
export function durationProblem(
  grant: Pick<Grant, 'from' | 'until'>,
  guardrails: Guardrails,
  field: string,
): Problem | undefined {
  const max = guardrails.grants?.maxDays ?? 0
  const from = Date.parse(grant.from)
  const until = Date.parse(grant.until)
  if (until <= from) return { field, rule: 'must be later than the grant starts' }
  if (until > shiftDays(from, max, guardrails.dates.timeZone))
    return { field, rule: `more than grants.max-days (${max}) after the grant starts` }
  return undefined
}

/** Every grant that has not ended ended at `now`, for `why` (an offboarding ends them all). */
export function endGrants(grants: readonly Grant[] | undefined, now: number, why: GrantEnd): Grant[] {
  return (grants ?? []).map((g) => (g.ended ? g : { ...g, ended: { at: iso(now), why } }))
}

/**
 * One task per system of the grant at its end (the step that grants there), and notify's, which announces it:
 * the scheduled run revokes and announces at `until`. Grants ended otherwise (withdrawn, offboarded) have none
 * left to do.
 */
export function grantExpiryTasks(grants: readonly Grant[] | undefined): ScheduledTask[] {
  const tasks: ScheduledTask[] = []
  for (const g of grants ?? []) {
    if (g.ended && g.ended.why !== 'expired') continue
    const steps = new Set<ScheduleStep>()
    for (const s of SYSTEMS) if (g.items[s]?.length) steps.add(GRANTING_STEP[s] as ScheduleStep)
    steps.add('notify')
    for (const step of steps) tasks.push({ step, why: 'grant-expiry', due: g.until, grant_id: g.id })
  }
  return tasks.sort((a, b) => a.due.localeCompare(b.due) || a.step.localeCompare(b.step))
}

/**
 * Grants past their end whose revocation every access step has done (its grant-expiry task stamped done: the
 * step ran for real after the end, read back, and did not fail): the ones that may now be marked ended and
 * announced. Notify's own task is the announcement, so it is not waited for.
 */
export function revokedGrants(
  grants: readonly Grant[] | undefined,
  schedule: readonly ScheduledTask[] | undefined,
  now: number,
): Grant[] {
  return (grants ?? []).filter((g) => {
    if (g.ended || Date.parse(g.until) > now) return false
    const steps = SYSTEMS.filter((s) => g.items[s]?.length && GRANTING_STEP[s] !== 'notify').map(
      (s) => GRANTING_STEP[s],
    )
    return steps.every((step) =>
      (schedule ?? []).some(
        (t) => t.grant_id === g.id && t.why === 'grant-expiry' && t.step === step && t.done_at !== undefined,
      ),
    )
  })
}

/** `grant <id> for <employee id> ended: team:sre, channel:#incidents`: the announcement, ids only. */
export function grantEndedLine(employeeId: string, grant: Pick<Grant, 'id' | 'items'>): string {
  const items = SYSTEMS.flatMap((s) => grant.items[s] ?? [])
  return `grant ${grant.id} for ${employeeId} ended: ${items.join(', ')}`
}

const SINGULAR: Record<string, GrantKind> = {
  'identity-group': 'identity-groups',
  'github-team': 'github-teams',
  'aws-policy': 'aws-policies',
  'aws-group': 'aws-groups',
  'slack-channel': 'slack-channels',
}

/**
 * grant.yml's `items` input: `<kind>:<name>` entries (kinds singular: identity-group, github-team, aws-policy,
 * aws-group, slack-channel), separated by commas or new lines. An ARN keeps its own colons.
 */
export function parseGrantItemsInput(
  text: string,
  field = 'inputs.items',
): {
  kinds: Partial<Record<GrantKind, string[]>>
  problems: Problem[]
} {
  const kinds: Partial<Record<GrantKind, string[]>> = {}
  const problems: Problem[] = []
  const entries = text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  entries.forEach((entry, i) => {
    const at = entry.indexOf(':')
    const kind = SINGULAR[entry.slice(0, at).trim()]
    const name = entry.slice(at + 1).trim()
    if (at < 0 || !kind || !name) {
      problems.push({
        field: `${field}[${i}]`,
        rule: 'must be <kind>:<name>, kind one of identity-group, github-team, aws-policy, aws-group, slack-channel',
      })
      return
    }
    const list = kinds[kind] ?? []
    if (!list.includes(name)) list.push(name)
    kinds[kind] = list
  })
  if (!entries.length) problems.push({ field, rule: 'names no item' })
  return { kinds, problems }
}
