// Property-based: whatever arrives as an HR event, parseEvent returns a valid event or throws a UserError, and
// the error never quotes a value from the payload. Generators are hostile on purpose: look-alike letters, bidi
// controls, invisible characters, deep nesting, huge strings, __proto__ / constructor keys, wrong types.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadAccess } from '../src/config.js'
import { UserError } from '../src/errors.js'
import { eventShapeRule, parseEvent } from '../src/event.js'
import { SANDBOX_EVENT_KEY as KEY, signDispatch } from '../src/testing/events.js'
import { EMPLOYEE_ID_PATTERN, EVENT_TYPES } from '../src/types.js'

const repo = (p: string) => new URL(`../../../${p}`, import.meta.url).pathname
const access = loadAccess({
  rolesFile: repo('.github/access/roles.yaml'),
  guardrailsFile: repo('.github/access/guardrails.yaml'),
})
const RUNS = 300
// Every generated string value carries this marker, so an echo of any of them in an error is caught.
const MARK = 'QZX'

const HOSTILE_CHARS = [
  'а', // Cyrillic a
  'ο', // Greek omicron
  'ᴀ', // small capital
  '𝐀', // mathematical bold
  'Ａ', // full-width
  '\u202E', // right-to-left override
  '\u2066', // left-to-right isolate
  '\u200B', // zero-width space
  '\u200C', // zero-width non-joiner
  '\u200D', // zero-width joiner
  '\u3164', // Hangul filler
  '\u115F',
  '\u034F', // combining grapheme joiner
  '\uFE0F', // variation selector
  '\u{E0041}', // tag character
  '\u0000',
  '\n',
  '\r',
  '%',
  '!',
  '@',
  '＠',
  '"',
  '\\',
  '${{',
  '..',
  'ʻ',
  '’',
  'e\u0301', // decomposed é
]

const hostileString = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_CHARS), fc.string({ maxLength: 4, unit: 'binary' })), { maxLength: 12 })
  .map((parts) => `${MARK}${parts.join('')}`)
const plausible = fc.constantFrom(
  `${MARK} Doe`,
  `jamie.${MARK.toLowerCase()}@acme.com`,
  `${MARK}1042`,
  'backend-engineer',
  '2026-11-20T09:15:00Z',
  '2026-12-01',
)
const hugeString = fc.integer({ min: 1_000, max: 80_000 }).map((n) => `${MARK}${'a'.repeat(n)}`)
const deep = fc.tuple(fc.integer({ min: 30, max: 6_000 }), fc.constantFrom('array', 'object')).map(([depth, kind]) => {
  let v: unknown = MARK
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v }
  return v
})
const confused = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constant(`${MARK}x`), { maxLength: 3 }),
  fc.constant({ toString: `${MARK}x` }),
)
const value = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: plausible },
  { weight: 2, arbitrary: confused },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deep },
)

const PERSON = ['employee_id', 'name', 'email', 'role', 'manager_email', 'start_date', 'github_username']
const KEYS = ['event_id', 'occurred_at', ...PERSON]
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
)
const fields = fc.array(fc.tuple(key, value), { maxLength: 12 }).map((entries) => ({ entries }))

/** Built through JSON text so that `__proto__` is an own key, as JSON.parse leaves it. */
function fromEntries(entries: [string, unknown][]): Record<string, unknown> {
  const shallow = entries.filter(([, v]) => eventShapeRule(v) === undefined)
  const out = JSON.parse(`{${shallow.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`)
  // Deep values cannot go through JSON.stringify: attached directly.
  for (const [k, v] of entries)
    if (eventShapeRule(v) !== undefined)
      Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true })
  return out
}

const event = fc
  .record({
    action: fc.oneof(fc.constantFrom(...EVENT_TYPES), value),
    version: fc.constantFrom(undefined, 2, 2, '2', 3),
    top: fields,
    person: fc.oneof({ weight: 5, arbitrary: fields }, { weight: 1, arbitrary: value }),
    sign: fc.boolean(),
  })
  .map(({ action, version, top, person, sign }) => {
    const payload = fromEntries(top.entries)
    if (version !== undefined) {
      payload.version = version
      const isFields = (p: unknown): p is { entries: [string, unknown][] } =>
        p !== null && typeof p === 'object' && Object.hasOwn(p, 'entries') && Array.isArray((p as any).entries)
      payload.person = isFields(person) ? fromEntries(person.entries) : person
    }
    const e = { action, client_payload: payload }
    // Signed when it can be (a deep payload cannot be canonicalised): the fields are checked past the signature.
    return sign && eventShapeRule(e) === undefined ? signDispatch(e, KEY) : e
  })

function check(file: unknown): void {
  try {
    const e = parseEvent(file, 'repository_dispatch', access, {}, { eventKeys: [KEY] })
    expect(EMPLOYEE_ID_PATTERN.test(e.employeeId)).toBe(true)
    expect(EVENT_TYPES).toContain(e.type)
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    expect(error.message).not.toContain(MARK)
    expect(JSON.stringify(error.problems)).not.toContain(MARK)
  }
}

describe('parseEvent under hostile input', () => {
  it('returns an event or throws a UserError that quotes nothing', () => {
    fc.assert(fc.property(event, check), { numRuns: RUNS })
  })

  it('the same for any JSON value as the event or as its payload', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...EVENT_TYPES), (json, action) => {
        check(json)
        check(signDispatch({ action, client_payload: json }, KEY))
      }),
      { numRuns: RUNS },
    )
  })

  const V2 = (name: unknown) =>
    signDispatch(
      {
        action: 'onboard',
        client_payload: {
          version: 2,
          event_id: 'hr-1',
          occurred_at: '2026-11-20T09:15:00Z',
          person: { employee_id: 'E1042', name, email: 'jamie.doe@acme.com', role: 'backend-engineer' },
        },
      },
      KEY,
    )
  const parseName = (name: string) => parseEvent(V2(name), 'repository_dispatch', access, {}, { eventKeys: [KEY] }).name

  it('accepts the names the contract accepts, examples included', () => {
    const accepted = ['Dev', 'Acme', 'E1042', 'می\u200Cخواهم', 'क्\u200Cष', 'Keʻala', 'O\u2019Brien', 'Zoë']
    fc.assert(
      fc.property(fc.constantFrom(...accepted), (name) => {
        expect(parseName(name)).toBe(name.normalize('NFC'))
      }),
      { numRuns: 50, examples: accepted.map((n) => [n]) },
    )
  })

  it('refuses the names the contract refuses, examples included, naming the field only', () => {
    const refused = [
      '\u3164',
      'Jamie\u3164',
      '\u115F\u1160',
      'Ja\u034Fmie',
      'Jamie\uFE0F',
      'Jamie\u{E0041}',
      '𝐉𝐚𝐦𝐢𝐞',
      'ᴊᴀᴍɪᴇ',
      'Jamie\u200CDoe',
      '\u02BB',
      'Jаmie',
      'Jamie\u202E',
    ]
    fc.assert(
      fc.property(fc.constantFrom(...refused), (name) => {
        try {
          parseName(name)
        } catch (e) {
          expect(e).toBeInstanceOf(UserError)
          expect((e as UserError).problems.map((p) => p.field)).toEqual(['client_payload.person.name'])
          expect((e as Error).message).not.toContain(name)
          return
        }
        throw new Error('accepted a name the contract refuses')
      }),
      { numRuns: 50, examples: refused.map((n) => [n]) },
    )
  })
})
