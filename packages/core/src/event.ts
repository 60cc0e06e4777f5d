// Reads the triggering event into a LifecycleEvent. Fail closed: exact keys, strings only, bounded lengths,
// every problem collected, and a rule per field that never quotes the value.

import { readFileSync, statSync } from 'node:fs'
import type { Access } from './config.js'
import { isCalendarDate } from './dates.js'
import { checkEmail } from './email.js'
import { type Problem, UserError } from './errors.js'
import { checkName } from './name.js'
import { MAX_FUTURE_SKEW_SECONDS, SIGNATURE_KEY, SIGNATURE_RULES, verifyEventSignature } from './signature.js'
import {
  EMPLOYEE_ID_PATTERN,
  EMPLOYEE_ID_RULE,
  EVENT_TYPES,
  type EventType,
  type LifecycleEvent,
  RERUN_TYPES,
} from './types.js'

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
  /** Clock for reruns, which carry no HR timestamp of their own, and for the signature's and event's age. */
  now?: () => Date
  /** `GITHUB_RUN_ID`, used to name reruns. */
  runId?: string
  /** The accepted event keys (input `event-key`). An HR event is refused unless signed with one of them. */
  eventKeys?: readonly string[]
}

/** The person's fields: flat in the version 1 payload, under `person` in version 2. */
const PERSON_KEYS = ['employee_id', 'name', 'email', 'role', 'manager_email', 'start_date', 'github_username'] as const
const PAYLOAD_KEYS = ['event_id', 'occurred_at', ...PERSON_KEYS] as const
type PayloadKey = (typeof PAYLOAD_KEYS)[number]
const V2_KEYS = ['version', 'event_id', 'occurred_at', 'person', SIGNATURE_KEY]
/**
 * Version 2 only, under `person` (the flat version 1 payload has no room left in GitHub's ten top-level keys):
 * the personal email a joiner's welcome goes to, and when a leaver's access ends.
 */
const DATED_KEYS = ['personal_email', 'last_day', 'last_hour', 'urgent'] as const

// GitHub accepts at most 10 top-level client_payload keys and under 64 KB in all.
const MAX_PAYLOAD_KEYS = 10
const MAX_PAYLOAD_BYTES = 65_536
// The event file is GitHub's webhook payload (repository, sender, …): a few levels deep and a few KB. Checked
// without recursion before anything recurses into it (JSON.stringify and canonical JSON do).
const MAX_EVENT_DEPTH = 32
const MAX_EVENT_NODES = 20_000
/** Largest event file read (GITHUB_EVENT_PATH). */
export const MAX_EVENT_FILE_BYTES = 1_048_576
/** How far `occurred_at` may be ahead of the runner's clock. */
const MAX_FUTURE_SKEW_MS = MAX_FUTURE_SKEW_SECONDS * 1000
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
  else if (eventName === 'repository_dispatch') parsed = fromDispatch(eventFile, access, o, opts, problems)
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

/**
 * Depth and size of a JSON value, walked with an explicit stack: a deeply nested payload cannot overflow it.
 * The rule it breaks, or undefined. Check this before anything that recurses (JSON.stringify, canonical JSON).
 */
export function eventShapeRule(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 0]]
  let nodes = 0
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (++nodes > MAX_EVENT_NODES) return `has more than ${MAX_EVENT_NODES} values`
    if (v === null || typeof v !== 'object') continue
    if (depth >= MAX_EVENT_DEPTH) return `is nested more than ${MAX_EVENT_DEPTH} levels deep`
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return undefined
}

function fromDispatch(file: unknown, access: Access, o: EventOverrides, opts: ParseEventOptions, problems: Problem[]) {
  if (!isObject(file)) {
    problems.push({ field: 'event', rule: 'must be a JSON object' })
    return undefined
  }
  const shape = eventShapeRule(file)
  if (shape) {
    problems.push({ field: 'event', rule: shape })
    return undefined
  }
  // The event type is signed (an onboard payload must not pass as an offboard), so it comes from the event.
  const t = eventType(own(file, 'action'), 'action', problems)
  if (o.eventType !== undefined && o.eventType !== t)
    problems.push({ field: 'input.event-type', rule: "must be the HR event's own (signed) type" })
  const payload = own(file, 'client_payload')
  if (!isObject(payload)) {
    problems.push({ field: 'client_payload', rule: payload === undefined ? 'required' : 'must be an object' })
    return undefined
  }
  if (JSON.stringify(payload).length >= MAX_PAYLOAD_BYTES) {
    problems.push({ field: 'client_payload', rule: 'larger than 64 KB' })
    return undefined
  }
  if (!t || problems.length > 0) return undefined
  if (!signed(t, payload, access, opts, problems)) return undefined

  const version = own(payload, 'version')
  const v2 = version !== undefined
  if (v2 && version !== 2)
    problems.push({ field: 'client_payload.version', rule: 'must be 2 (or absent for the flat version 1 payload)' })
  const person = v2 ? own(payload, 'person') : payload
  if (v2 && !isObject(person)) {
    problems.push({ field: 'client_payload.person', rule: person === undefined ? 'required' : 'must be an object' })
    return undefined
  }
  const where = (k: string) =>
    v2 && (PERSON_KEYS as readonly string[]).includes(k) ? `client_payload.person.${k}` : `client_payload.${k}`
  checkKeys(payload, v2 ? V2_KEYS : [...PAYLOAD_KEYS, SIGNATURE_KEY], 'client_payload', problems)
  if (v2)
    checkKeys(person as Record<string, unknown>, [...PERSON_KEYS, ...DATED_KEYS], 'client_payload.person', problems)

  const p: Partial<Record<PayloadKey, string>> = {}
  for (const k of PAYLOAD_KEYS) {
    const field = where(k)
    const v = own((PERSON_KEYS as readonly string[]).includes(k) ? (person as Record<string, unknown>) : payload, k)
    const overridden = overrideFor(k, o) !== undefined
    if (v === undefined || v === null) {
      if (REQUIRED[t].includes(k) && !overridden) problems.push({ field, rule: `required for ${t}` })
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
  const e: LifecycleEvent = {
    type: t,
    eventId: '',
    occurredAt: '',
    employeeId: '',
    source: 'repository_dispatch',
    dryRun: o.dryRun ?? false,
  }
  fill(e, p, where, access, problems)
  if (v2) dated(e, person as Record<string, unknown>, access, problems)
  applyOverrides(e, o, access, problems)
  const now = (opts.now ?? (() => new Date()))()
  if (e.occurredAt && eventInstant(e.occurredAt) > BigInt(now.getTime() + MAX_FUTURE_SKEW_MS) * 1_000_000n)
    problems.push({
      field: 'client_payload.occurred_at',
      rule: `is more than ${MAX_FUTURE_SKEW_SECONDS / 60} minutes ahead of this runner's clock`,
    })
  if (problems.length > 0) return undefined
  return e
}

function checkKeys(o: Record<string, unknown>, allowed: readonly string[], at: string, problems: Problem[]) {
  const keys = Object.keys(o)
  if (keys.length > MAX_PAYLOAD_KEYS) problems.push({ field: at, rule: `has more than ${MAX_PAYLOAD_KEYS} keys` })
  for (const k of keys)
    if (!allowed.includes(k))
      problems.push(
        SAFE_KEY.test(k) ? { field: `${at}.${k}`, rule: 'unknown key' } : { field: at, rule: 'has an unknown key' },
      )
}

/** Whether the payload carries a valid signature under an accepted key; a refusal names the rule only. */
function signed(
  type: EventType,
  payload: Record<string, unknown>,
  access: Access,
  opts: ParseEventOptions,
  problems: Problem[],
): boolean {
  const keys = (opts.eventKeys ?? []).filter(Boolean)
  if (keys.length === 0) {
    problems.push({ field: 'with.event-key', rule: EVENT_KEY_MISSING })
    return false
  }
  const check = verifyEventSignature(type, payload, {
    keys,
    now: (opts.now ?? (() => new Date()))(),
    maxAgeSeconds: access.guardrails.events.maxAgeSeconds,
  })
  if (check.ok) return true
  problems.push({ field: `client_payload.${SIGNATURE_KEY}`, rule: SIGNATURE_RULES[check.reason] })
  return false
}

/** The refusal when the action has no event key: what to set, never a value. */
const EVENT_KEY_EXPRESSION = ['$', '{{ secrets.ONRAMP_EVENT_KEY }}'].join('')
export const EVENT_KEY_MISSING =
  'not set, so no HR event is accepted: set the ONRAMP_EVENT_KEY secret (the key the relay signs events with) ' +
  `and pass it to every onramp action as \`event-key: ${EVENT_KEY_EXPRESSION}\` (docs/install.md)`

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
    problems.push({ field, rule: EMPLOYEE_ID_RULE })
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

/** One of `allowed` (the HR event types, or those a rerun may name), or a problem naming the field. */
function oneOf<T extends string>(allowed: readonly T[], v: unknown, field: string, problems: Problem[]): T | undefined {
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T
  problems.push({
    field,
    rule:
      v === undefined
        ? 'required'
        : typeof v !== 'string'
          ? 'must be a string'
          : `must be one of ${allowed.join(', ')}`,
  })
  return undefined
}

const rerunType = (v: unknown, field: string, problems: Problem[]) => oneOf(RERUN_TYPES, v, field, problems)
const eventType = (v: unknown, field: string, problems: Problem[]) => oneOf(EVENT_TYPES, v, field, problems)

function fill(
  e: LifecycleEvent,
  p: Partial<Record<PayloadKey, string>>,
  where: (key: string) => string,
  access: Access,
  problems: Problem[],
) {
  const bad = (k: string, rule: string) => problems.push({ field: where(k), rule })
  if (p.employee_id !== undefined) {
    if (EMPLOYEE_ID_PATTERN.test(p.employee_id)) e.employeeId = p.employee_id
    else bad('employee_id', EMPLOYEE_ID_RULE)
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
    if (isCalendarDate(p.start_date)) e.startDate = p.start_date
    else bad('start_date', 'must be an ISO 8601 date (YYYY-MM-DD)')
  }
  if (p.github_username !== undefined) {
    if (GITHUB_LOGIN.test(p.github_username)) e.githubUsername = p.github_username
    else bad('github_username', 'must be a GitHub login: letters, digits and single hyphens, at most 39')
  }
  person(e, { email: p.email, name: p.name, role: p.role, manager_email: p.manager_email }, where, access, problems)
}

/** The version 2 person's dated fields: each checked, and allowed only with the event type it means something for. */
function dated(e: LifecycleEvent, person: Record<string, unknown>, access: Access, problems: Problem[]) {
  const bad = (k: string, rule: string) => problems.push({ field: `client_payload.person.${k}`, rule })
  const personal = own(person, 'personal_email')
  if (personal !== undefined) {
    if (typeof personal !== 'string') bad('personal_email', 'must be a string')
    else {
      const r = checkEmail(personal, access.guardrails.emailDomains, { personal: true })
      if (r.ok) e.personalEmail = r.value
      else bad('personal_email', r.rule)
    }
  }
  const lastDay = own(person, 'last_day')
  if (lastDay !== undefined) {
    if (e.type !== 'offboard') bad('last_day', 'only for offboard')
    else if (typeof lastDay !== 'string' || !isCalendarDate(lastDay))
      bad('last_day', 'must be an ISO 8601 date (YYYY-MM-DD)')
    else e.lastDay = lastDay
  }
  const lastHour = own(person, 'last_hour')
  if (lastHour !== undefined) {
    if (lastDay === undefined) bad('last_hour', 'only with last_day')
    else if (typeof lastHour !== 'number' || !Number.isInteger(lastHour) || lastHour < 0 || lastHour > 23)
      bad('last_hour', 'must be a whole hour from 0 to 23 (the organization time zone)')
    else e.lastHour = lastHour
  }
  const urgent = own(person, 'urgent')
  if (urgent !== undefined) {
    if (e.type !== 'offboard') bad('urgent', 'only for offboard')
    else if (typeof urgent !== 'boolean') bad('urgent', 'must be true or false')
    else if (urgent) e.urgent = true
  }
}

function applyOverrides(e: LifecycleEvent, o: EventOverrides, access: Access, problems: Problem[]) {
  if (o.employeeId !== undefined) {
    if (EMPLOYEE_ID_PATTERN.test(o.employeeId)) e.employeeId = o.employeeId
    else problems.push({ field: 'input.employee-id', rule: EMPLOYEE_ID_RULE })
  }
  person(e, { email: o.email, name: o.name, role: o.role }, (k) => `input.${k}`, access, problems)
}

function person(
  e: LifecycleEvent,
  p: { email?: string; name?: string; role?: string; manager_email?: string },
  where: (key: string) => string,
  access: Access,
  problems: Problem[],
) {
  const bad = (k: string, rule: string) => problems.push({ field: where(k), rule })
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
  const [, , , , h, mi, sec, , zone, oh, om] = m
  if (!isCalendarDate(s.slice(0, 10))) return false
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return false
  if (zone !== 'Z' && (Number(oh) > 23 || Number(om) > 59)) return false
  return !Number.isNaN(Date.parse(s))
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

/** What identifies the event and travels between jobs as outputs: never personal data (declarePublicData). */
export function publicIds(event: LifecycleEvent): (string | undefined)[] {
  return [event.employeeId, event.eventId, event.type, event.role, event.githubUsername, 'true', 'false']
}

/** Event keys from the `event-key` input: one per line or comma-separated (several during a rotation). */
export function parseEventKeys(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[\n,]/)
    .map((k) => k.trim())
    .filter(Boolean)
}

/** The runner's event file (GITHUB_EVENT_PATH) as JSON, bounded before it is read; `{}` when there is none. */
export function readEventFile(env: Record<string, string | undefined>): unknown {
  if (!env.GITHUB_EVENT_PATH) return {}
  let text: string
  try {
    // GitHub's own event files are a few KB.
    if (statSync(env.GITHUB_EVENT_PATH).size > MAX_EVENT_FILE_BYTES)
      throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'event file larger than 1 MB' })
    text = readFileSync(env.GITHUB_EVENT_PATH, 'utf8')
  } catch (e) {
    if (e instanceof UserError) throw e
    throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'must name a readable JSON event file' })
  }
  try {
    // JSON.parse itself does not recurse; parseEvent checks depth before anything that does.
    return JSON.parse(text)
  } catch {
    throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'must name a readable JSON event file' })
  }
}

/**
 * The event the runner names (GITHUB_EVENT_PATH, GITHUB_EVENT_NAME), with an action's explicit inputs applied.
 * An HR event must be signed with one of `inputs.eventKey`'s keys.
 */
export function readRunnerEvent(
  access: Access,
  inputs: EventOverrides & { eventKey?: string },
  env: Record<string, string | undefined> = process.env,
  opts: Pick<ParseEventOptions, 'now'> = {},
): LifecycleEvent {
  const file = readEventFile(env)
  // On a rerun the workflow's own typed dry-run input decides both ways; on an HR event it can only force one.
  const dryRun = isRerun(inputs) ? inputs.dryRun : inputs.dryRun ? true : undefined
  return parseEvent(
    file,
    env.GITHUB_EVENT_NAME ?? '',
    access,
    { ...inputs, dryRun },
    { runId: env.GITHUB_RUN_ID, eventKeys: parseEventKeys(inputs.eventKey), now: opts.now },
  )
}

// The wake-up of a drain. lifecycle.yml's identity job runs one wave of the people pending, so that the later
// systems start on them while the identity provider works through the next; when it left people pending, the
// run sends this repository_dispatch and a new run takes the next wave through every system. It carries no
// person and no data, so it needs no signature: a drain runs only HR events that were signed and verified (and,
// for joiners, reviewed) in their own run, and a wake-up sent by anyone else only runs that work sooner.

/** The repository_dispatch event type of a wake-up. */
export const WAKE_EVENT = 'drain'

/** A drain's queue: joiners and movers (reviewed), or leavers (their own environment and groups). */
export const QUEUES = ['joiners', 'leavers'] as const
export type Queue = (typeof QUEUES)[number]

export const queueOf = (type: EventType): Queue => (type === 'offboard' ? 'leavers' : 'joiners')

/**
 * The wake-up in a repository_dispatch event file, or undefined when the event is not one. Its payload is
 * exactly `{ "queue": "joiners" | "leavers" }`.
 */
export function parseWake(file: unknown): { queue: Queue } | undefined {
  if (!isObject(file) || file.action !== WAKE_EVENT) return undefined
  const payload = file.client_payload ?? {}
  if (!isObject(payload)) throw new UserError({ field: 'client_payload', rule: 'must be an object' })
  const extra = Object.keys(payload).filter((k) => k !== 'queue')
  const queue = payload.queue
  const problems = extra.map((k) => ({ field: `client_payload.${k}`, rule: 'not allowed in a drain wake-up' }))
  if (!QUEUES.includes(queue as Queue))
    problems.push({ field: 'client_payload.queue', rule: `must be one of ${QUEUES.join(', ')}` })
  if (problems.length) throw new UserError(problems)
  return { queue: queue as Queue }
}
