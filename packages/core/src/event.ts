// Reads the triggering event into a LifecycleEvent. Fail closed: exact keys, strings only, bounded lengths,
// every problem collected, and a rule per field that never quotes the value.

import { readFileSync } from 'node:fs'
import type { Access } from './config.js'
import { checkEmail } from './email.js'
import { type Problem, UserError } from './errors.js'
import { checkName } from './name.js'
import { EMPLOYEE_ID_PATTERN, EVENT_TYPES, type EventType, type LifecycleEvent, RERUN_TYPES } from './types.js'

/** Explicit action inputs (`employee-id`, `event-type`, `email`, `name`, `role`); '' means not given. */
export interface EventOverrides {
  employeeId?: string
  eventType?: string
  email?: string
  name?: string
  role?: string
  dryRun?: boolean
}

export interface ParseEventOptions {
  /** Clock for reruns, which carry no HR timestamp of their own. */
  now?: () => Date
  /** `GITHUB_RUN_ID`, used to name reruns. */
  runId?: string
}

const PAYLOAD_KEYS = [
  'employee_id',
  'event_id',
  'occurred_at',
  'name',
  'email',
  'role',
  'manager_email',
  'start_date',
  'github_username',
] as const
type PayloadKey = (typeof PAYLOAD_KEYS)[number]

// GitHub accepts at most 10 top-level client_payload keys and under 64 KB in all.
const MAX_PAYLOAD_KEYS = 10
const MAX_PAYLOAD_BYTES = 65_536
const MAX_LENGTH: Record<PayloadKey, number> = {
  employee_id: 64,
  event_id: 128,
  occurred_at: 40,
  name: 1024, // code units before normalising; the 128 code point rule applies after
  email: 1024,
  role: 64,
  manager_email: 1024,
  start_date: 10,
  github_username: 39,
}
const REQUIRED: Record<EventType, PayloadKey[]> = {
  onboard: ['employee_id', 'event_id', 'occurred_at', 'name', 'email', 'role'],
  'role-change': ['employee_id', 'event_id', 'occurred_at', 'role'],
  offboard: ['employee_id', 'event_id', 'occurred_at'],
}

const EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/
const ROLE_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
const GITHUB_LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const SAFE_KEY = /^[A-Za-z0-9_-]{1,40}$/

export function parseEvent(
  eventFile: unknown,
  eventName: string,
  access: Access,
  overrides: EventOverrides = {},
  opts: ParseEventOptions = {},
): LifecycleEvent {
  const problems: Problem[] = []
  const o = given(overrides)
  let parsed: LifecycleEvent | undefined
  // Inputs naming the person and the event type are a rerun whatever triggered the run: under workflow_call
  // the event file is the caller's, and its payload must not mix with the rerun.
  if (isRerun(o)) parsed = fromRerun(eventFile, eventName, access, o, opts, problems)
  else if (eventName === 'repository_dispatch') parsed = fromDispatch(eventFile, access, o, problems)
  else if (eventName === 'workflow_dispatch') parsed = fromRerun(eventFile, eventName, access, o, opts, problems)
  else
    problems.push({
      field: 'event',
      rule: 'must be repository_dispatch or workflow_dispatch, or the inputs must name employee-id and event-type',
    })
  if (problems.length > 0 || !parsed)
    throw new UserError(problems.length > 0 ? problems : { field: 'event', rule: 'could not be read' })
  return parsed
}

const isRerun = (o: EventOverrides) => Boolean(o.employeeId && o.eventType)

function given(o: EventOverrides): EventOverrides {
  const out: EventOverrides = {}
  for (const k of ['employeeId', 'eventType', 'email', 'name', 'role'] as const) if (o[k]) out[k] = o[k]
  if (o.dryRun !== undefined) out.dryRun = o.dryRun
  return out
}

// Own properties only: nothing is read from Object.prototype.
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function fromDispatch(file: unknown, access: Access, o: EventOverrides, problems: Problem[]) {
  if (!isObject(file)) {
    problems.push({ field: 'event', rule: 'must be a JSON object' })
    return undefined
  }
  const type = o.eventType !== undefined ? eventType(o.eventType, 'input.event-type', problems) : undefined
  const fromEvent = eventType(own(file, 'action'), 'action', o.eventType === undefined ? problems : [])
  const payload = own(file, 'client_payload')
  if (!isObject(payload)) {
    problems.push({ field: 'client_payload', rule: payload === undefined ? 'required' : 'must be an object' })
    return undefined
  }
  const keys = Object.keys(payload)
  if (JSON.stringify(payload).length >= MAX_PAYLOAD_BYTES)
    problems.push({ field: 'client_payload', rule: 'larger than 64 KB' })
  if (keys.length > MAX_PAYLOAD_KEYS)
    problems.push({ field: 'client_payload', rule: `has more than ${MAX_PAYLOAD_KEYS} keys` })
  for (const k of keys)
    if (!(PAYLOAD_KEYS as readonly string[]).includes(k))
      problems.push(
        SAFE_KEY.test(k)
          ? { field: `client_payload.${k}`, rule: 'unknown key' }
          : { field: 'client_payload', rule: 'has an unknown key' },
      )

  const t = type ?? fromEvent
  const p: Partial<Record<PayloadKey, string>> = {}
  for (const k of PAYLOAD_KEYS) {
    const field = `client_payload.${k}`
    const v = own(payload, k)
    const overridden = overrideFor(k, o) !== undefined
    if (v === undefined || v === null) {
      if (t && REQUIRED[t].includes(k) && !overridden) problems.push({ field, rule: `required for ${t}` })
      continue
    }
    if (typeof v !== 'string') {
      problems.push({ field, rule: 'must be a string' })
      continue
    }
    if (v.length > MAX_LENGTH[k]) {
      problems.push({ field, rule: `longer than ${MAX_LENGTH[k]} characters` })
      continue
    }
    p[k] = v
  }
  if (!t) return undefined
  const e: LifecycleEvent = {
    type: t,
    eventId: '',
    occurredAt: '',
    employeeId: '',
    source: 'repository_dispatch',
    dryRun: o.dryRun ?? false,
  }
  fill(e, p, 'client_payload.', access, problems)
  applyOverrides(e, o, access, problems)
  if (problems.length > 0) return undefined
  return e
}

function overrideFor(k: PayloadKey, o: EventOverrides): string | undefined {
  if (k === 'employee_id') return o.employeeId
  if (k === 'email' || k === 'name' || k === 'role') return o[k]
  return undefined
}

function fromRerun(
  file: unknown,
  eventName: string,
  access: Access,
  o: EventOverrides,
  opts: ParseEventOptions,
  problems: Problem[],
) {
  let employeeId = o.employeeId
  let type = o.eventType !== undefined ? rerunType(o.eventType, 'input.event-type', problems) : undefined
  // Reruns default to a dry run: a person has to ask for changes explicitly.
  let dryRun = true
  if (eventName === 'workflow_dispatch') {
    const inputs = isObject(file) ? own(file, 'inputs') : undefined
    if (!isObject(inputs)) {
      problems.push({ field: 'inputs', rule: 'required' })
      return undefined
    }
    const id = own(inputs, 'employee-id')
    if (employeeId === undefined) {
      if (typeof id !== 'string' || id === '')
        problems.push({
          field: 'inputs.employee-id',
          rule: id === undefined || id === '' ? 'required' : 'must be a string',
        })
      else employeeId = id
    }
    if (type === undefined) type = rerunType(own(inputs, 'event-type'), 'inputs.event-type', problems)
    const dr = own(inputs, 'dry-run')
    if (dr === true || dr === 'true') dryRun = true
    else if (dr === false || dr === 'false') dryRun = false
    else if (dr !== undefined && dr !== '')
      problems.push({ field: 'inputs.dry-run', rule: "must be 'true' or 'false'" })
  }
  if (o.dryRun !== undefined) dryRun = o.dryRun
  const field = o.employeeId !== undefined ? 'input.employee-id' : 'inputs.employee-id'
  if (employeeId !== undefined && (employeeId.length > 64 || !EMPLOYEE_ID_PATTERN.test(employeeId))) {
    problems.push({ field, rule: 'must be 1-64 of A-Z a-z 0-9 . _ -' })
    return undefined
  }
  if (!type || employeeId === undefined) return undefined
  const now = (opts.now ?? (() => new Date()))()
  const run = opts.runId && EVENT_ID.test(opts.runId) ? opts.runId : 'local'
  const offboardNow = type === 'offboard-now'
  const e: LifecycleEvent = {
    type: offboardNow ? 'offboard' : (type as EventType),
    // A rerun is not an HR event: the ledger supplies the person's last HR event and details. An emergency
    // offboard is an event of its own, one per workflow run, dated when the run reads it.
    eventId: `${offboardNow ? 'offboard-now' : 'rerun'}-${run}`,
    occurredAt: now.toISOString(),
    employeeId,
    source: 'workflow_dispatch',
    dryRun,
    ...(offboardNow ? { offboardNow } : {}),
  }
  applyOverrides(e, { ...o, employeeId: undefined }, access, problems)
  return problems.length > 0 ? undefined : e
}

function rerunType(v: unknown, field: string, problems: Problem[]): (typeof RERUN_TYPES)[number] | undefined {
  if (typeof v === 'string' && (RERUN_TYPES as readonly string[]).includes(v)) return v as (typeof RERUN_TYPES)[number]
  problems.push({
    field,
    rule:
      v === undefined
        ? 'required'
        : typeof v !== 'string'
          ? 'must be a string'
          : `must be one of ${RERUN_TYPES.join(', ')}`,
  })
  return undefined
}

function eventType(v: unknown, field: string, problems: Problem[]): EventType | undefined {
  if (typeof v === 'string' && (EVENT_TYPES as readonly string[]).includes(v)) return v as EventType
  problems.push({
    field,
    rule:
      v === undefined
        ? 'required'
        : typeof v !== 'string'
          ? 'must be a string'
          : `must be one of ${EVENT_TYPES.join(', ')}`,
  })
  return undefined
}

function fill(
  e: LifecycleEvent,
  p: Partial<Record<PayloadKey, string>>,
  prefix: string,
  access: Access,
  problems: Problem[],
) {
  const bad = (k: string, rule: string) => problems.push({ field: `${prefix}${k}`, rule })
  if (p.employee_id !== undefined) {
    if (EMPLOYEE_ID_PATTERN.test(p.employee_id)) e.employeeId = p.employee_id
    else bad('employee_id', 'must be 1-64 of A-Z a-z 0-9 . _ -')
  }
  if (p.event_id !== undefined) {
    if (EVENT_ID.test(p.event_id)) e.eventId = p.event_id
    else bad('event_id', 'must be 1-128 of A-Z a-z 0-9 . _ : -')
  }
  if (p.occurred_at !== undefined) {
    if (isDateTime(p.occurred_at)) e.occurredAt = p.occurred_at
    else bad('occurred_at', 'must be an ISO 8601 date-time with seconds and an offset, e.g. 2026-01-05T09:00:00Z')
  }
  if (p.start_date !== undefined) {
    if (isDate(p.start_date)) e.startDate = p.start_date
    else bad('start_date', 'must be an ISO 8601 date (YYYY-MM-DD)')
  }
  if (p.github_username !== undefined) {
    if (GITHUB_LOGIN.test(p.github_username)) e.githubUsername = p.github_username
    else bad('github_username', 'must be a GitHub login: letters, digits and single hyphens, at most 39')
  }
  person(e, { email: p.email, name: p.name, role: p.role, manager_email: p.manager_email }, prefix, access, problems)
}

function applyOverrides(e: LifecycleEvent, o: EventOverrides, access: Access, problems: Problem[]) {
  if (o.employeeId !== undefined) {
    if (EMPLOYEE_ID_PATTERN.test(o.employeeId)) e.employeeId = o.employeeId
    else problems.push({ field: 'input.employee-id', rule: 'must be 1-64 of A-Z a-z 0-9 . _ -' })
  }
  person(e, { email: o.email, name: o.name, role: o.role }, 'input.', access, problems)
}

function person(
  e: LifecycleEvent,
  p: { email?: string; name?: string; role?: string; manager_email?: string },
  prefix: string,
  access: Access,
  problems: Problem[],
) {
  const bad = (k: string, rule: string) => problems.push({ field: `${prefix}${k}`, rule })
  const domains = access.guardrails.emailDomains
  if (p.email !== undefined) {
    const r = checkEmail(p.email, domains)
    if (r.ok) e.email = r.value
    else bad('email', r.rule)
  }
  if (p.manager_email !== undefined) {
    const r = checkEmail(p.manager_email, domains)
    if (r.ok) e.managerEmail = r.value
    else bad('manager_email', r.rule)
  }
  if (p.name !== undefined) {
    const r = checkName(p.name)
    if (r.ok) e.name = r.value
    else bad('name', r.rule)
  }
  if (p.role !== undefined) {
    // Exact own key only: no trimming, no case folding, nothing from Object.prototype.
    if (Object.hasOwn(access.roles.roles, p.role)) e.role = p.role
    else if (e.type === 'offboard' && ROLE_KEY.test(p.role) && p.role.length <= 64) e.role = p.role
    else bad('role', 'not a role in roles.yaml')
  }
}

function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s)
  if (!m) return false
  const [, y, mo, d, h, mi, sec, , zone, oh, om] = m
  if (!validDate(Number(y), Number(mo), Number(d))) return false
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return false
  if (zone !== 'Z' && (Number(oh) > 23 || Number(om) > 59)) return false
  return !Number.isNaN(Date.parse(s))
}

function isDate(s: string): boolean {
  const m = DATE.exec(s)
  return !!m && validDate(Number(m[1]), Number(m[2]), Number(m[3]))
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** The instant of an ISO 8601 date-time in nanoseconds since the epoch (Date keeps only milliseconds). */
export function eventInstant(iso: string): bigint {
  const m = DATE_TIME.exec(iso)
  if (!m || !isDateTime(iso)) throw new UserError({ field: 'occurred_at', rule: 'not an ISO 8601 date-time' })
  const fraction = m[7] ?? ''
  const ms = Date.parse(iso.replace(fraction, ''))
  const ns = BigInt((fraction.slice(1) || '0').padEnd(9, '0'))
  return BigInt(ms) * 1_000_000n + ns
}

/** Whether `a` happened strictly after `b` (instants, so offsets do not matter). */
export function isNewer(a: string, b: string): boolean {
  return eventInstant(a) > eventInstant(b)
}

/** Refuses an event older than the last one applied for the person. Equal instants are not refused. */
export function assertNotStale(event: Pick<LifecycleEvent, 'occurredAt' | 'source'>, lastOccurredAt?: string): void {
  if (lastOccurredAt === undefined || event.source !== 'repository_dispatch') return
  if (eventInstant(event.occurredAt) < eventInstant(lastOccurredAt))
    throw new UserError({
      field: 'client_payload.occurred_at',
      rule: 'older than the last event applied for this person',
    })
}

/**
 * The event the runner names (GITHUB_EVENT_PATH, GITHUB_EVENT_NAME), with an action's explicit inputs applied.
 */
export function readRunnerEvent(
  access: Access,
  inputs: EventOverrides,
  env: Record<string, string | undefined> = process.env,
): LifecycleEvent {
  let file: unknown = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      file = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
    } catch {
      throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'must name a readable JSON event file' })
    }
  }
  // On a rerun the workflow's own typed dry-run input decides both ways; on an HR event it can only force one.
  const dryRun = isRerun(inputs) ? inputs.dryRun : inputs.dryRun ? true : undefined
  return parseEvent(file, env.GITHUB_EVENT_NAME ?? '', access, { ...inputs, dryRun }, { runId: env.GITHUB_RUN_ID })
}
