// The mapping file: how one HR system's webhook body becomes onramp events. Reviewed YAML, validated on load
// (every problem names its key); applied to a verified body, it refuses what it cannot map with the body
// location and the rule, never the value.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  checkEmail,
  checkName,
  EMPLOYEE_ID_PATTERN,
  EVENT_TYPES,
  type EventType,
  type Problem,
  parseYaml,
  UserError,
} from '@onramp/core'
import canonicalize from 'canonicalize'
import type { SignatureScheme } from './verify.js'

export const FIELD_NAMES = [
  'employee_id',
  'event_id',
  'occurred_at',
  'action',
  'status',
  'changed',
  'first_name',
  'last_name',
  'name',
  'email',
  'personal_email',
  'manager_email',
  'start_date',
  'github_username',
  'last_day',
  'last_hour',
  'urgent',
  'job_title',
  'department',
] as const
export type FieldName = (typeof FIELD_NAMES)[number]

/** Every listed field must hold one of its values; `changed` holds when any listed field name changed. */
export type Condition = Partial<Record<FieldName, string[]>>

export interface Mapping {
  /** A short name of the HR system, the prefix of derived event ids. */
  source: string
  signature: SignatureScheme
  /** JSON Pointer (RFC 6901) to the array of records in the body; '' when the body is one record. */
  records: string
  /** JSON Pointers into a record. */
  fields: Partial<Record<FieldName, string>>
  emailDomains: string[]
  events: { when: Condition; type: EventType | 'ignore' }[]
  roles: { when: Condition; role: string }[]
}

export const MAX_RECORDS = 50
const SOURCE = /^[a-z][a-z0-9-]{0,31}$/
const ROLE_KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/
const EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/
const GITHUB_LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

// ---- loading ---------------------------------------------------------------------------------

export function loadMapping(file: string): Mapping {
  return parseMapping(readFileSync(file, 'utf8'), file)
}

export function parseMapping(text: string, file = 'mapping.yaml'): Mapping {
  const doc = parseYaml(text, file)
  const problems: Problem[] = []
  const bad = (field: string, rule: string) => problems.push({ file, field, rule })
  if (!isObject(doc)) throw new UserError({ file, rule: 'must be a mapping' })
  const known = ['version', 'source', 'signature', 'records', 'fields', 'email-domains', 'events', 'roles']
  for (const k of Object.keys(doc)) if (!known.includes(k)) bad(k, 'unknown key')
  if (doc.version !== 1) bad('version', 'must be 1')
  const source = typeof doc.source === 'string' && SOURCE.test(doc.source) ? doc.source : undefined
  if (!source) bad('source', 'must be 1-32 of a-z 0-9 - starting with a letter')
  const signature = doc.signature === 'bamboohr' || doc.signature === 'hub-sha256' ? doc.signature : undefined
  if (!signature) bad('signature', 'must be bamboohr or hub-sha256')
  const records = doc.records ?? ''
  if (!isPointer(records)) bad('records', "must be a JSON Pointer ('' or starting with /)")

  const fields: Partial<Record<FieldName, string>> = {}
  if (!isObject(doc.fields)) bad('fields', 'must be a mapping of onramp field to JSON Pointer')
  else
    for (const [k, v] of Object.entries(doc.fields)) {
      if (!(FIELD_NAMES as readonly string[]).includes(k))
        bad(`fields.${k}`, `unknown field (${FIELD_NAMES.join(', ')})`)
      else if (!isPointer(v) || v === '') bad(`fields.${k}`, 'must be a JSON Pointer starting with /')
      else fields[k as FieldName] = v
    }
  const declared = (k: string) => isObject(doc.fields) && Object.hasOwn(doc.fields, k)
  for (const k of ['employee_id', 'occurred_at'] as const) if (!declared(k)) bad(`fields.${k}`, 'required')
  if (!declared('name') && !(declared('first_name') && declared('last_name')))
    bad('fields.name', 'required (or both first_name and last_name)')

  const domains = doc['email-domains']
  const emailDomains =
    Array.isArray(domains) &&
    domains.length > 0 &&
    domains.every((d) => typeof d === 'string' && /^[a-z0-9.-]+$/.test(d))
      ? (domains as string[])
      : []
  if (emailDomains.length === 0) bad('email-domains', 'must list the lower-case email domains onramp accepts')

  const events: Mapping['events'] = []
  if (!Array.isArray(doc.events) || doc.events.length === 0) bad('events', 'must be a non-empty list of rules')
  else
    doc.events.forEach((rule, i) => {
      const at = `events[${i}]`
      if (!isObject(rule)) {
        bad(at, 'must be a mapping with when and type')
        return
      }
      for (const k of Object.keys(rule)) if (k !== 'when' && k !== 'type') bad(`${at}.${k}`, 'unknown key')
      const type = rule.type
      if (type !== 'ignore' && !(EVENT_TYPES as readonly unknown[]).includes(type))
        bad(`${at}.type`, `must be one of ${EVENT_TYPES.join(', ')}, ignore`)
      const when = condition(rule.when, `${at}.when`, fields, bad)
      if (when) events.push({ when, type: type as EventType | 'ignore' })
    })

  const roles: Mapping['roles'] = []
  if (!Array.isArray(doc.roles)) bad('roles', 'must be a list of rows (when, role)')
  else
    doc.roles.forEach((row, i) => {
      const at = `roles[${i}]`
      if (!isObject(row)) {
        bad(at, 'must be a mapping with when and role')
        return
      }
      for (const k of Object.keys(row)) if (k !== 'when' && k !== 'role') bad(`${at}.${k}`, 'unknown key')
      if (typeof row.role !== 'string' || !ROLE_KEY.test(row.role) || row.role.length > 64)
        bad(`${at}.role`, 'must be a role key of roles.yaml (lower-case words joined by -)')
      const when = condition(row.when, `${at}.when`, fields, bad)
      if (when && typeof row.role === 'string') roles.push({ when, role: row.role })
    })

  if (problems.length) throw new UserError(problems)
  return { source: source!, signature: signature!, records: records as string, fields, emailDomains, events, roles }
}

function condition(
  v: unknown,
  at: string,
  fields: Partial<Record<FieldName, string>>,
  bad: (field: string, rule: string) => void,
): Condition | undefined {
  if (!isObject(v) || Object.keys(v).length === 0) {
    bad(at, 'must be a non-empty mapping of field to value(s)')
    return undefined
  }
  const out: Condition = {}
  for (const [k, raw] of Object.entries(v)) {
    const values = typeof raw === 'string' ? [raw] : raw
    if (!fields[k as FieldName]) bad(`${at}.${k}`, 'not a field mapped under fields')
    else if (!Array.isArray(values) || values.length === 0 || !values.every((x) => typeof x === 'string'))
      bad(`${at}.${k}`, 'must be a string or a list of strings')
    else out[k as FieldName] = values as string[]
  }
  return out
}

// ---- applying --------------------------------------------------------------------------------

/** onramp's event payload, version 2, before it is signed. */
export interface PayloadV2 {
  version: 2
  event_id: string
  occurred_at: string
  person: {
    employee_id: string
    name?: string
    email?: string
    /** onboard: outside the organization's domains; the welcome goes there before the start date. */
    personal_email?: string
    role?: string
    manager_email?: string
    start_date?: string
    github_username?: string
    /** offboard: the last working day (org time zone); access ends at its end, or at `last_hour`:00 on it. */
    last_day?: string
    last_hour?: number
    /** offboard: revoke at once, whatever the last day. */
    urgent?: boolean
  }
}

export type Mapped =
  | { outcome: 'event'; type: EventType; eventId: string; employeeId: string; payload: PayloadV2 }
  | { outcome: 'ignored'; eventId: string; employeeId: string }

const REQUIRED: Record<EventType, (keyof PayloadV2['person'])[]> = {
  onboard: ['name', 'email', 'role'],
  'role-change': ['role'],
  offboard: [],
}

/** Maps every record of a body, or throws a UserError listing every record's problems (nothing half-mapped). */
export function mapDelivery(body: unknown, m: Mapping): Mapped[] {
  const problems: Problem[] = []
  const list = m.records === '' ? [body] : resolve(body, m.records)
  if (!Array.isArray(list) || list.length === 0)
    throw new UserError({ field: m.records || '/', rule: 'must be a non-empty array of records' })
  if (list.length > MAX_RECORDS)
    throw new UserError({ field: m.records || '/', rule: `holds more than ${MAX_RECORDS} records` })
  const out: Mapped[] = []
  list.forEach((record, i) => {
    const at = m.records === '' ? '' : `${m.records}/${i}`
    const r = mapRecord(record, at, m, problems)
    if (r) out.push(r)
  })
  if (problems.length) throw new UserError(problems)
  return out
}

function mapRecord(record: unknown, at: string, m: Mapping, problems: Problem[]): Mapped | undefined {
  const before = problems.length
  const bad = (f: FieldName | 'events' | 'roles', rule: string) =>
    problems.push({ field: `${at}${f in m.fields ? m.fields[f as FieldName] : ''} (${f})`, rule })
  if (!isObject(record)) {
    problems.push({ field: at || '/', rule: 'must be an object' })
    return undefined
  }
  const text = (f: FieldName): string | undefined => {
    const pointer = m.fields[f]
    if (!pointer) return undefined
    const v = resolve(record, pointer)
    if (v === undefined || v === null) return undefined
    const value = isObject(v) && Object.hasOwn(v, 'value') ? v.value : v // BambooHR may wrap a value as {value}
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
    if (typeof value !== 'string') {
      bad(f, 'must be a string')
      return undefined
    }
    const trimmed = value.trim()
    return trimmed === '' || trimmed === '0000-00-00' ? undefined : trimmed // BambooHR's empty date
  }
  const changed = (): string[] => {
    const pointer = m.fields.changed
    const v = pointer ? resolve(record, pointer) : undefined
    if (v === undefined || v === null) return []
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v
    bad('changed', 'must be a list of field names')
    return []
  }
  /** A yes/no field: a JSON boolean, or the words true/false, yes/no, 1/0 (an absent field is no). */
  const flag = (f: FieldName): boolean => {
    const pointer = m.fields[f]
    const v = pointer ? resolve(record, pointer) : undefined
    if (v === undefined || v === null || typeof v === 'boolean') return v === true
    const word = typeof v === 'string' || typeof v === 'number' ? String(v).trim().toLowerCase() : undefined
    if (word === undefined || !['true', 'false', 'yes', 'no', '1', '0', ''].includes(word)) {
      bad(f, 'must be true or false')
      return false
    }
    return ['true', 'yes', '1'].includes(word)
  }
  const values: Partial<Record<FieldName, string>> = {}
  for (const f of FIELD_NAMES) if (f !== 'changed' && f !== 'urgent') values[f] = text(f)
  const changedNames = changed()
  const holds = (c: Condition) =>
    Object.entries(c).every(([f, accepted]) =>
      f === 'changed'
        ? changedNames.some((n) => accepted!.includes(n))
        : accepted!.includes(values[f as FieldName] ?? '\0'),
    )

  const employeeId = values.employee_id
  if (employeeId === undefined) bad('employee_id', 'required')
  else if (!EMPLOYEE_ID_PATTERN.test(employeeId)) bad('employee_id', 'must be 1-64 of A-Z a-z 0-9 . _ -')
  const occurredAt = values.occurred_at === undefined ? undefined : isoInstant(values.occurred_at)
  if (values.occurred_at === undefined) bad('occurred_at', 'required')
  else if (!occurredAt) bad('occurred_at', 'must be an ISO 8601 date-time with an offset')
  let eventId = values.event_id
  if (eventId !== undefined && !EVENT_ID.test(eventId)) bad('event_id', 'must be 1-128 of A-Z a-z 0-9 . _ : -')
  // No event id from the HR system: the record itself, canonicalized, names the change, so a redelivery of
  // the same change has the same id.
  eventId ??= `${m.source}-${createHash('sha256').update(canonicalize(record)!).digest('hex').slice(0, 40)}`

  const rule = m.events.find((e) => holds(e.when))
  if (!rule) bad('events', 'no event rule matches this record')
  const role = m.roles.find((r) => holds(r.when))?.role

  const person: PayloadV2['person'] = { employee_id: employeeId ?? '' }
  const name = values.name ?? ([values.first_name, values.last_name].filter(Boolean).join(' ') || undefined)
  if (name !== undefined) {
    const r = checkName(name)
    if (r.ok) person.name = r.value
    else bad(values.name !== undefined ? 'name' : 'last_name', r.rule)
  }
  for (const f of ['email', 'manager_email'] as const) {
    if (values[f] === undefined) continue
    const r = checkEmail(values[f]!, m.emailDomains)
    if (r.ok) person[f] = r.value
    else bad(f, r.rule)
  }
  // Where a joiner's welcome goes before the work mailbox exists: only an onboard carries it.
  if (rule?.type === 'onboard' && values.personal_email !== undefined) {
    const r = checkEmail(values.personal_email, m.emailDomains, { personal: true })
    if (r.ok) person.personal_email = r.value
    else bad('personal_email', r.rule)
  }
  if (role) person.role = role
  if (values.start_date !== undefined) {
    if (DATE.test(values.start_date)) person.start_date = values.start_date
    else bad('start_date', 'must be a date YYYY-MM-DD')
  }
  if (values.github_username !== undefined) {
    if (GITHUB_LOGIN.test(values.github_username)) person.github_username = values.github_username
    else bad('github_username', 'must be a GitHub login')
  }
  // When a leaver's access ends: only an offboard carries it (onramp refuses it on other events).
  if (rule?.type === 'offboard') {
    if (values.last_day !== undefined) {
      if (DATE.test(values.last_day)) person.last_day = values.last_day
      else bad('last_day', 'must be a date YYYY-MM-DD')
    }
    if (values.last_hour !== undefined) {
      const hour = Number(values.last_hour)
      if (person.last_day === undefined) bad('last_hour', 'only with last_day')
      else if (/^\d{1,2}$/.test(values.last_hour) && hour <= 23) person.last_hour = hour
      else bad('last_hour', 'must be a whole hour from 0 to 23')
    }
    const urgent = flag('urgent')
    if (urgent) person.urgent = true
  }
  if (rule && rule.type !== 'ignore')
    for (const k of REQUIRED[rule.type])
      if (person[k] === undefined && problems.length === before)
        k === 'role'
          ? bad('roles', `no row of roles matches this record (required for ${rule.type})`)
          : bad(k === 'name' ? 'name' : k, `required for ${rule.type}`)
  if (problems.length > before || !rule || !employeeId || !occurredAt) return undefined
  if (rule.type === 'ignore') return { outcome: 'ignored', eventId, employeeId }
  return {
    outcome: 'event',
    type: rule.type,
    eventId,
    employeeId,
    payload: { version: 2, event_id: eventId, occurred_at: occurredAt, person },
  }
}

/** An ISO 8601 date-time with an offset (`+0000` accepted, as BambooHR writes it), as UTC `…Z`, or undefined. */
export function isoInstant(s: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/.exec(s)
  if (!m) return undefined
  const zone = m[3] === 'Z' ? 'Z' : `${m[3]!.slice(0, 3)}:${m[3]!.slice(-2)}`
  const ms = Date.parse(`${m[1]}${m[2] ?? ''}${zone}`)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

// ---- helpers ---------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function isPointer(v: unknown): v is string {
  return typeof v === 'string' && (v === '' || v.startsWith('/'))
}

/** RFC 6901; own properties only, so nothing is read from Object.prototype. */
export function resolve(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc
  let node: unknown = doc
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return undefined
      node = node[Number(key)]
    } else if (isObject(node) && Object.hasOwn(node, key)) node = node[key]
    else return undefined
  }
  return node
}
