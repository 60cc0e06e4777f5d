// The access plan across people: what a change of the role map (base → head) does to every person the ledger
// holds, per system, and whether the mass-change guard lets it run. Pure: the caller reads the map files and
// the ledger. To add = desired − granted; to remove = granted − desired, where desired is what the head map
// gives the person's recorded role and granted is what onramp recorded granting (or, for a record from before
// that existed, what the base map gives the role). Desired includes the person's time-bound grants active at
// `now` (the ledger's, with the head's grants.yaml brought in); the plan lists active, new and withdrawn grants.

import type { Access } from './config.js'
import type { Problem } from './errors.js'
import { type GrantedRecord, grantedOrRole, recordGranted, roleItems, roleOf } from './granted.js'
import { activeGrantItems, durationProblem, type Grant, isActive, mergeFileGrants } from './grants.js'
import { SYSTEMS, type System } from './types.js'

export interface SystemDelta {
  add: string[]
  remove: string[]
}

export interface PersonDelta {
  employee_id: string
  role: string | undefined
  /** Only systems with a change. */
  systems: Partial<Record<System, SystemDelta>>
}

export interface AccessPlan {
  version: 1
  /** Per role present in base or head: item keys the role's definition gains and loses, per system. */
  roles: Record<string, Partial<Record<System, SystemDelta>>>
  /** Only people with at least one change, sorted by employee id. Ids only: never names or emails. */
  people: PersonDelta[]
  counts: {
    /** People with status active. */
    managed: number
    affected: number
    add: number
    remove: number
    by_system: Partial<Record<System, { add: number; remove: number; people: number }>>
  }
  guard: {
    ok: boolean
    /** Item removals over all systems. */
    removals: number
    /** People losing at least one item / managed people (0..1). */
    share: number
    limits: { removals: number; share: number }
    /** When !ok: what to do. */
    reason?: string
  }
  /** What could not be read (e.g. the ledger on a fork pull request without secrets); people/counts are partial. */
  unreadable?: string[]
  /**
   * Time-bound grants at `now`, by employee id: `active` (recorded, and still in force), `new` (in the head's
   * grants.yaml, not recorded yet), `withdrawn` (a file grant this change removes before its end). `problems`:
   * grants.yaml entries that cannot be applied (an unknown or offboarded person, longer than grants.max-days).
   */
  grants: { active: GrantLine[]; new: GrantLine[]; withdrawn: GrantLine[]; problems: Problem[] }
}

export interface GrantLine {
  id: string
  employee_id: string
  /** Item keys, every system. */
  items: string[]
  until: string
  source: 'file' | 'workflow'
}

/** The part of a ledger record the plan reads. */
export interface PlanRecord extends GrantedRecord {
  employee_id: string
  status: string
  grants?: Grant[]
  ids?: GrantedRecord['ids'] & { github?: { login?: string } }
}

export interface PlanAccessInput {
  /** Undefined: no base map (the first commit of the access files). */
  base: Access | undefined
  head: Access
  records: PlanRecord[]
  /**
   * A one-off allowance given through the protected environment: the number of removals approved for this run.
   * A plan with at most that many removals passes the guard whatever the limits say.
   */
  allowance?: number
  /** Passed through: what the caller could not read. */
  unreadable?: string[]
  /** The clock's time: which grants are active. Default: now. */
  now?: number
}

const minus = (a: string[], b: string[]) => {
  const drop = new Set(b)
  return a.filter((x) => !drop.has(x))
}

export function planAccess(input: PlanAccessInput): AccessPlan {
  const { base, head } = input
  const roles = roleDiff(base, head)
  const protectedLogins = new Set((head.guardrails.github?.protectedLogins ?? []).map((l) => l.toLowerCase()))
  const active = input.records.filter((r) => r.status === 'active')
  const now = input.now ?? Date.now()
  const grants = grantsAt(input, now)

  const people: PersonDelta[] = []
  for (const record of [...active].sort((a, b) => compare(a.employee_id, b.employee_id))) {
    const role = roleItems(roleOf(head.roles, record.role))
    const extra = activeGrantItems(grants.byPerson.get(record.employee_id), now)
    const desired = Object.fromEntries(
      SYSTEMS.map((s) => [s, [...new Set([...role[s], ...extra[s]])].sort()]),
    ) as Record<System, string[]>
    // A record without `granted` reads as what the map in force (the base) gives its role.
    const granted = grantedOrRole(recordGranted(record), base?.roles ?? head.roles, record.role)
    const login = record.ids?.github?.login
    const systems: PersonDelta['systems'] = {}
    for (const s of SYSTEMS) {
      // A protected account (guardrails github.protected-logins) is never touched, on any path.
      if (s === 'github' && login && protectedLogins.has(login.toLowerCase())) continue
      const delta = { add: minus(desired[s], granted[s]), remove: minus(granted[s], desired[s]) }
      if (delta.add.length || delta.remove.length) systems[s] = delta
    }
    if (Object.keys(systems).length) people.push({ employee_id: record.employee_id, role: record.role, systems })
  }

  const bySystem: AccessPlan['counts']['by_system'] = {}
  let add = 0
  let remove = 0
  for (const p of people)
    for (const [s, d] of Object.entries(p.systems) as [System, SystemDelta][]) {
      const c = bySystem[s] ?? { add: 0, remove: 0, people: 0 }
      bySystem[s] = c
      c.add += d.add.length
      c.remove += d.remove.length
      c.people += 1
      add += d.add.length
      remove += d.remove.length
    }
  const losing = people.filter((p) => Object.values(p.systems).some((d) => d.remove.length > 0)).length
  const out: AccessPlan = {
    version: 1,
    roles,
    people,
    counts: { managed: active.length, affected: people.length, add, remove, by_system: bySystem },
    guard: guard(remove, losing, active.length, head, input.allowance),
    grants: grants.lines,
  }
  if (input.unreadable?.length) out.unreadable = [...input.unreadable]
  return out
}

/** Each person's grants with the head's grants.yaml brought in, the plan's grant lines, and the file's problems. */
function grantsAt(input: PlanAccessInput, now: number) {
  const file = input.head.grants ?? []
  const records = new Map(input.records.map((r) => [r.employee_id, r]))
  const byPerson = new Map<string, Grant[]>()
  const lines: AccessPlan['grants'] = { active: [], new: [], withdrawn: [], problems: [] }
  const line = (employee_id: string, g: Grant): GrantLine => ({
    id: g.id,
    employee_id,
    items: SYSTEMS.flatMap((s) => g.items[s] ?? []),
    until: g.until,
    source: g.source ?? 'workflow',
  })
  const ids = new Set([...records.keys(), ...file.map((f) => f.employeeId)])
  for (const id of [...ids].sort(compare)) {
    const record = records.get(id)
    const mine = file.filter((f) => f.employeeId === id)
    const rule = !record
      ? 'no ledger record for this employee'
      : record.status === 'offboarded'
        ? 'employee is offboarded'
        : undefined
    // Without the ledger (a fork's pull request) nobody is known: nothing to say about people.
    if (rule && !input.unreadable?.length)
      for (const f of mine) lines.problems.push({ field: `grants[${f.index}].employee_id`, rule })
    if (record?.status !== 'active') continue
    const recorded = record.grants ?? []
    const merged = mergeFileGrants(recorded, mine, now, '')
    byPerson.set(id, merged)
    for (const g of merged) {
      const before = recorded.find((r) => r.id === g.id)
      if (g.ended?.why === 'withdrawn' && before && !before.ended) lines.withdrawn.push(line(id, g))
      else if (!isActive(g, now)) continue
      else if (before) lines.active.push(line(id, g))
      else lines.new.push(line(id, g))
    }
    for (const f of mine) {
      const g = merged.find((x) => x.id === f.id && !x.ended)
      const p = g && durationProblem(g, input.head.guardrails, `grants[${f.index}].until`)
      if (p) lines.problems.push(p)
    }
  }
  return { byPerson, lines }
}

function guard(
  removals: number,
  losing: number,
  managed: number,
  head: Access,
  allowance: number | undefined,
): AccessPlan['guard'] {
  const limits = { removals: head.guardrails.guard.maxRemovals, share: head.guardrails.guard.maxShare }
  const share = managed === 0 ? 0 : losing / managed
  const within = removals <= limits.removals && share <= limits.share
  if (within || (allowance !== undefined && removals <= allowance)) return { ok: true, removals, share, limits }
  const over = [
    removals > limits.removals ? `${removals} removals, more than guard.max-removals (${limits.removals})` : undefined,
    share > limits.share
      ? `${percent(share)} of the managed people lose access, more than guard.max-share (${percent(limits.share)})`
      : undefined,
  ].filter(Boolean)
  return {
    ok: false,
    removals,
    share,
    limits,
    reason: `${over.join('; ')}: nothing is changed. Raise the limit by a reviewed change to guardrails.yaml, or give a one-off allowance of ${removals} removals through the protected environment.`,
  }
}

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

/** Per role in base or head: what its definition gains and loses, only systems with a change. */
function roleDiff(base: Access | undefined, head: Access): AccessPlan['roles'] {
  const names = new Set([...Object.keys(base?.roles.roles ?? {}), ...Object.keys(head.roles.roles)])
  const out: AccessPlan['roles'] = {}
  for (const name of [...names].sort(compare)) {
    const before = roleItems(base ? roleOf(base.roles, name) : undefined)
    const after = roleItems(roleOf(head.roles, name))
    const systems: Partial<Record<System, SystemDelta>> = {}
    for (const s of SYSTEMS) {
      const delta = { add: minus(after[s], before[s]), remove: minus(before[s], after[s]) }
      if (delta.add.length || delta.remove.length) systems[s] = delta
    }
    out[name] = systems
  }
  return out
}

/** Code-unit order, the same on every machine (never locale-dependent). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
