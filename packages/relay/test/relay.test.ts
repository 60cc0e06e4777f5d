// The relay against the GitHub emulator: BambooHR signatures computed here from BambooHR's documented scheme,
// the App token and the dispatch over HTTP through Octokit, the dispatched event checked with onramp's own
// signature verification.
import { createHmac } from 'node:crypto'
import { UserError, verifyEventSignature } from '@onramp/core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SeenEvents } from '../src/dedup.js'
import { createDispatch } from '../src/dispatch.js'
import { FIELD_NAMES, loadMapping, parseMapping } from '../src/mapping.js'
import { createRelay, type LogLine, type RelayOptions } from '../src/relay.js'
import {
  APP,
  appKeys,
  bamboohrDelivery,
  EVENT_KEY,
  employee,
  HR_KEY,
  MAPPING_FILE,
  type StartedGithub,
  startGithub,
  unixNow,
} from './support.js'

const PERSONAL = ['Jamie', 'Doe', 'jamie.doe@acme.com', 'jamie-doe-dev', 'Backend Engineer', 'Engineering']

let gh: StartedGithub
let logs: LogLine[]

function relayFor(overrides: Partial<RelayOptions> = {}, repo = 'people-ops') {
  return createRelay({
    mapping: loadMapping(MAPPING_FILE),
    hrKeys: ['an-old-key-being-rotated-out', HR_KEY],
    eventKey: EVENT_KEY,
    dispatch: createDispatch({
      appId: String(APP.id),
      privateKey: appKeys.privateKey,
      installationId: APP.installationId,
      owner: 'acme',
      repo,
      baseUrl: gh.url,
      fast: true,
    }),
    log: (l) => logs.push(l),
    ...overrides,
  })
}

const logStatuses = (route: string) =>
  gh.log
    .list({ emulator: 'github' })
    .filter((e) => e.route === route)
    .map((e) => e.status)
const dispatches = () => gh.emulator.dispatches('acme', 'people-ops')
const parse = (body: string) => JSON.parse(body)

beforeAll(async () => {
  gh = await startGithub(true)
})
afterAll(() => gh.close())
afterEach(() => {
  expect(gh.emulator.validationIssues()).toEqual([])
  gh.faults.clear()
})

describe('relay: BambooHR signature', () => {
  it('dispatches a signed onboard: payload version 2, signed with the event key, through an App token', async () => {
    logs = []
    const before = dispatches().length
    const record = employee('1042', { timestamp: '2026-11-30T09:15:00+0000' })
    const res = await relayFor()(bamboohrDelivery({ employees: [record] }))
    expect(res.status).toBe(200)
    expect(parse(res.body).results).toEqual([
      {
        employee_id: '1042',
        hr_event_id: expect.stringMatching(/^bamboohr-[0-9a-f]{40}$/),
        event_type: 'onboard',
        outcome: 'dispatched',
      },
    ])
    const sent = dispatches().slice(before)
    expect(sent).toHaveLength(1)
    const event = sent[0]!.event
    expect(event.action).toBe('onboard')
    expect(event.sender).toEqual({ login: 'onramp-relay[bot]', id: APP.id, type: 'Bot' })
    const { signature, ...payload } = event.client_payload
    expect(payload).toEqual({
      version: 2,
      event_id: parse(res.body).results[0].hr_event_id,
      occurred_at: '2026-11-30T09:15:00Z',
      person: {
        employee_id: '1042',
        name: 'Jamie Doe',
        email: 'jamie.doe@acme.com',
        role: 'backend-engineer',
        start_date: '2026-11-02',
        github_username: 'jamie-doe-dev',
      },
    })
    expect(
      verifyEventSignature('onboard', event.client_payload, { keys: [EVENT_KEY], maxAgeSeconds: 300 }),
    ).toMatchObject({ ok: true })
    // The signature covers the event type: the same payload is no offboard.
    expect(verifyEventSignature('offboard', event.client_payload, { keys: [EVENT_KEY], maxAgeSeconds: 300 })).toEqual({
      ok: false,
      reason: 'mismatch',
    })
    expect(typeof signature).toBe('string')
    // Only ids and outcomes are logged.
    const logged = JSON.stringify(logs)
    for (const p of PERSONAL) expect(logged).not.toContain(p)
    expect(logs).toEqual([
      expect.objectContaining({ employee_id: '1042', outcome: 'dispatched', event_type: 'onboard' }),
    ])
  })

  it('accepts an ISO 8601 X-BambooHR-Timestamp as well as Unix seconds', async () => {
    const ts = new Date().toISOString().replace(/\.\d{3}Z$/, '+0000')
    const res = await relayFor()(
      bamboohrDelivery({ employees: [employee('1043', { changed: ['Job Title'] })] }, { timestamp: ts }),
    )
    expect(res.status).toBe(200)
    expect(parse(res.body).results[0]).toMatchObject({ event_type: 'role-change', outcome: 'dispatched' })
  })

  it('refuses a tampered body, a wrong key and a missing header with 401, dispatching nothing', async () => {
    logs = []
    const before = dispatches().length
    const body = { employees: [employee('1044')] }
    const tampered = await relayFor()(
      bamboohrDelivery(body, { tamper: (raw) => raw.replace('Backend Engineer', 'Senior Backend Engineer') }),
    )
    expect(tampered.status).toBe(401)
    expect(parse(tampered.body).error).toBe(
      'X-BambooHR-Signature: does not match the body and timestamp under any accepted key',
    )
    expect((await relayFor()(bamboohrDelivery(body, { key: 'someone-else' }))).status).toBe(401)
    const unsigned = bamboohrDelivery(body)
    delete unsigned.headers['x-bamboohr-signature']
    expect(parse((await relayFor()(unsigned)).body).error).toBe('X-BambooHR-Signature: required')
    expect(dispatches().length).toBe(before)
    expect(logs.every((l) => l.outcome === 'rejected' && l.employee_id === undefined)).toBe(true)
  })

  it('refuses a timestamp older than 5 minutes (a replayed delivery), and one signed with it moved', async () => {
    const before = dispatches().length
    const old = String(unixNow() - 301)
    const res = await relayFor()(bamboohrDelivery({ employees: [employee('1045')] }, { timestamp: old }))
    expect(res.status).toBe(401)
    expect(parse(res.body).error).toBe('X-BambooHR-Timestamp: older than 300 seconds')
    // Moving the header to now breaks the signature, which covers it.
    const moved = bamboohrDelivery({ employees: [employee('1045')] }, { timestamp: old })
    moved.headers['x-bamboohr-timestamp'] = String(unixNow())
    expect(parse((await relayFor()(moved)).body).error).toMatch(/^X-BambooHR-Signature: does not match/)
    expect(dispatches().length).toBe(before)
  })

  it('refuses a timestamp more than 5 minutes ahead, and one in neither accepted form', async () => {
    const ahead = await relayFor()(
      bamboohrDelivery({ employees: [employee('1053')] }, { timestamp: String(unixNow() + 301) }),
    )
    expect(parse(ahead.body).error).toBe('X-BambooHR-Timestamp: more than 300 seconds ahead')
    const odd = await relayFor()(bamboohrDelivery({ employees: [employee('1053')] }, { timestamp: 'yesterday' }))
    expect(odd.status).toBe(401)
    expect(parse(odd.body).error).toBe(
      'X-BambooHR-Timestamp: must be Unix seconds or an ISO 8601 date-time with an offset',
    )
  })

  it('drops a redelivery of the same change within the window, even re-signed later', async () => {
    const relay = relayFor({ dedup: new SeenEvents() })
    const body = { employees: [employee('1046', { timestamp: '2026-11-30T10:00:00+0000' })] }
    const before = dispatches().length
    expect(parse((await relay(bamboohrDelivery(body))).body).results[0].outcome).toBe('dispatched')
    const again = await relay(bamboohrDelivery(body, { timestamp: String(unixNow() + 1) }))
    expect(again.status).toBe(200)
    expect(parse(again.body).results[0].outcome).toBe('duplicate')
    expect(dispatches().length).toBe(before + 1)
  })

  it('refuses what it cannot map with 422 naming the field and rule, never the value, and sends nothing', async () => {
    const before = dispatches().length
    const body = {
      employees: [
        employee('1047'),
        employee('1048', { fields: { Department: 'Marketing', 'Job Title': 'Brand Lead' } }),
        employee('1049', { fields: { 'Work Email': 'jamie@evil.example' } }),
      ],
    }
    const res = await relayFor()(bamboohrDelivery(body))
    expect(res.status).toBe(422)
    expect(parse(res.body)).toEqual({
      error: 'body: cannot be mapped to an onramp event',
      problems: [
        '/employees/1 (roles): no row of roles matches this record (required for onboard)',
        '/employees/2/fields/Work Email (email): domain not allowlisted',
      ],
    })
    expect(res.body).not.toContain('Marketing')
    expect(res.body).not.toContain('evil.example')
    // The mappable first record is not sent either: a delivery is mapped whole or not at all.
    expect(dispatches().length).toBe(before)
    const notJson = await relayFor()(bamboohrDelivery('type=employee.updated&data[employeeId]=1'))
    expect(notJson.status).toBe(400)
  })

  it('answers 200 and sends nothing for a record the rules ignore', async () => {
    const before = dispatches().length
    const res = await relayFor()(bamboohrDelivery({ employees: [employee('1050', { changed: ['Mobile Phone'] })] }))
    expect(res.status).toBe(200)
    expect(parse(res.body).results[0].outcome).toBe('ignored')
    expect(dispatches().length).toBe(before)
  })

  it('carries a joiner’s personal email, refusing one inside the organization’s domains by name, not value', async () => {
    const home = (id: string, address: string) =>
      relayFor()(bamboohrDelivery({ employees: [employee(id, { fields: { 'Home Email': address } })] }))
    const res = await home('1060', 'jamie.home@example.net')
    expect(res.status).toBe(200)
    expect((dispatches().at(-1)!.event.client_payload.person as Record<string, unknown>).personal_email).toBe(
      'jamie.home@example.net',
    )
    const before = dispatches().length
    const inside = await home('1061', 'jamie.other@acme.com')
    expect(inside.status).toBe(422)
    expect(inside.body).toContain('personal_email')
    expect(inside.body).not.toContain('jamie.other')
    expect(dispatches().length).toBe(before)
  })

  it('maps a termination to offboard, without needing a role', async () => {
    const res = await relayFor()(
      bamboohrDelivery({ employees: [employee('1051', { fields: { Status: 'Inactive', Department: 'Sales' } })] }),
    )
    expect(res.status).toBe(200)
    const d = dispatches().at(-1)!
    expect(d.event.action).toBe('offboard')
    expect((d.event.client_payload.person as Record<string, unknown>).role).toBeUndefined()
  })

  it('refuses a body over the size limit with 413 before checking anything', async () => {
    const res = await relayFor({ maxBodyBytes: 2048 })(
      bamboohrDelivery({ employees: [employee('1052')], pad: 'x'.repeat(4096) }),
    )
    expect(res.status).toBe(413)
  })
})

describe('relay: GitHub answers', () => {
  it('retries a 502 and a 429 from the dispatches endpoint under the core retry policy, then succeeds', async () => {
    const route = 'POST /repos/{owner}/{repo}/dispatches'
    gh.faults.script(
      { match: { route }, times: 1, respond: { status: 502 } },
      { match: { route }, times: 1, respond: { status: 429, headers: { 'retry-after': '1' } } },
    )
    const before = dispatches().length
    const res = await relayFor()(bamboohrDelivery({ employees: [employee('1060')] }))
    expect(res.status).toBe(200)
    expect(dispatches().length).toBe(before + 1)
    const attempts = gh.emulator instanceof Object ? logStatuses(route).slice(-3) : []
    expect(attempts).toEqual([502, 429, 204])
  })

  it('reports a non-retryable 4xx as 502 naming GitHub status, and lets the redelivery try again', async () => {
    logs = []
    // The installation cannot reach that repository: GitHub refuses the token request itself, once.
    const relay = relayFor({ dedup: new SeenEvents() }, 'no-such-repo')
    const delivery = bamboohrDelivery({ employees: [employee('1061')] })
    const res = await relay(delivery)
    expect(res.status).toBe(502)
    expect(parse(res.body).results[0]).toMatchObject({ employee_id: '1061', outcome: 'failed', status: 422 })
    expect(logStatuses('POST /app/installations/{installation_id}/access_tokens').slice(-1)).toEqual([422])
    expect(parse((await relay(delivery)).body).results[0].outcome).toBe('failed') // not "duplicate"
    expect(logs.filter((l) => l.outcome === 'failed')).toHaveLength(2)
  })

  it('answers 503 when GitHub keeps failing past the retries', async () => {
    gh.faults.script({ match: { route: 'POST /repos/{owner}/{repo}/dispatches' }, times: 10, respond: { status: 500 } })
    const res = await relayFor()(bamboohrDelivery({ employees: [employee('1062')] }))
    expect(res.status).toBe(503)
    expect(parse(res.body).results[0]).toMatchObject({ outcome: 'failed', status: 500 })
  })
})

describe('relay: X-Hub-Signature-256 for any other HR system', () => {
  const mapping = parseMapping(`
version: 1
source: hris
signature: hub-sha256
records: ''
fields:
  employee_id: /employee/id
  event_id: /id
  occurred_at: /occurred_at
  name: /employee/name
  email: /employee/email
  department: /employee/department
  status: /type
email-domains: [acme.com]
events:
  - { when: { status: hire }, type: onboard }
  - { when: { status: termination }, type: offboard }
roles:
  - { when: { department: Data }, role: data-analyst }
`)
  const body = JSON.stringify({
    id: 'evt_01J9Z',
    type: 'hire',
    occurred_at: '2026-11-30T08:00:00Z',
    employee: { id: 'E77', name: 'Ana Lima', email: 'ana.lima@acme.com', department: 'Data' },
  })
  const sign = (raw: string, key = HR_KEY) => `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`

  it("dispatches with the HR system's own event id, refuses a wrong signature", async () => {
    const relay = relayFor({ mapping })
    const req = (signature: string) => ({
      method: 'POST',
      path: '/',
      headers: { 'x-hub-signature-256': signature },
      body: Buffer.from(body),
    })
    const res = await relay(req(sign(body)))
    expect(res.status).toBe(200)
    expect(parse(res.body).results).toEqual([
      { employee_id: 'E77', hr_event_id: 'evt_01J9Z', event_type: 'onboard', outcome: 'dispatched' },
    ])
    expect(dispatches().at(-1)!.event.client_payload).toMatchObject({
      event_id: 'evt_01J9Z',
      person: { role: 'data-analyst' },
    })
    expect((await relay(req(sign(body, 'wrong')))).status).toBe(401)
    expect(parse((await relay(req('sha1=abc'))).body).error).toBe('X-Hub-Signature-256: must be sha256=<64 hex digits>')
  })
})

describe('relay: a leaver by date', () => {
  const mapping = parseMapping(`
version: 1
source: hris
signature: hub-sha256
records: ''
fields:
  employee_id: /employee/id
  event_id: /id
  occurred_at: /occurred_at
  name: /employee/name
  email: /employee/email
  status: /type
  last_day: /employee/last_day
  last_hour: /employee/last_hour
  urgent: /employee/urgent
email-domains: [acme.com]
events:
  - { when: { status: termination }, type: offboard }
  - { when: { status: update }, type: role-change }
roles:
  - { when: { status: update }, role: data-analyst }
`)
  const deliver = (id: string, type: string, employee: Record<string, unknown>) => {
    const raw = JSON.stringify({ id, type, occurred_at: '2026-11-30T08:00:00Z', employee: { id: 'E78', ...employee } })
    return relayFor({ mapping })({
      method: 'POST',
      path: '/',
      headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', HR_KEY).update(raw).digest('hex')}` },
      body: Buffer.from(raw),
    })
  }
  const person = () => dispatches().at(-1)!.event.client_payload.person
  beforeEach(() => {
    logs = []
  })

  it('carries last_day, last_hour and urgent on an offboard, as payload version 2 has them', async () => {
    expect((await deliver('evt_L1', 'termination', { last_day: '2026-12-18', last_hour: '17' })).status).toBe(200)
    expect(person()).toEqual({ employee_id: 'E78', last_day: '2026-12-18', last_hour: 17 })
    expect((await deliver('evt_L2', 'termination', { last_day: '2026-12-18', urgent: 'Yes' })).status).toBe(200)
    expect(person()).toEqual({ employee_id: 'E78', last_day: '2026-12-18', urgent: true })
    // Another event type carries none of them (onramp refuses them there).
    expect((await deliver('evt_L3', 'update', { last_day: '2026-12-18', urgent: true })).status).toBe(200)
    expect(person()).toEqual({ employee_id: 'E78', role: 'data-analyst' })
  })

  it('refuses a bad last day, an hour without a day or out of range, and an urgent that is not yes or no', async () => {
    const before = dispatches().length
    for (const [employee, field, rule] of [
      [{ last_day: '18.12.2026' }, 'last_day', 'must be a date YYYY-MM-DD'],
      [{ last_hour: 17 }, 'last_hour', 'only with last_day'],
      [{ last_day: '2026-12-18', last_hour: 24 }, 'last_hour', 'must be a whole hour from 0 to 23'],
      [{ urgent: 'maybe' }, 'urgent', 'must be true or false'],
    ] as const) {
      const res = await deliver('evt_L4', 'termination', employee)
      expect(res.status).toBe(422)
      expect(parse(res.body).problems).toEqual([`/employee/${field} (${field}): ${rule}`])
    }
    expect(dispatches().length).toBe(before)
  })
})

describe('mapping file', () => {
  it('names every problem of a bad mapping file, never a value', () => {
    let error: unknown
    try {
      parseMapping(`
version: 2
source: Bamboo HR
signature: md5
fields: { employee_id: id, colour: /c }
email-domains: []
events: [{ when: { nope: x }, type: hire }]
roles: [{ when: { department: 1 }, role: Backend }]
`)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message.split('\n')).toEqual([
      'mapping.yaml version: must be 1',
      'mapping.yaml source: must be 1-32 of a-z 0-9 - starting with a letter',
      'mapping.yaml signature: must be bamboohr or hub-sha256',
      'mapping.yaml fields.employee_id: must be a JSON Pointer starting with /',
      `mapping.yaml fields.colour: unknown field (${FIELD_NAMES.join(', ')})`,
      'mapping.yaml fields.occurred_at: required',
      'mapping.yaml fields.name: required (or both first_name and last_name)',
      'mapping.yaml email-domains: must list the lower-case email domains onramp accepts',
      'mapping.yaml events[0].type: must be one of onboard, role-change, offboard, ignore',
      'mapping.yaml events[0].when.nope: not a field mapped under fields',
      'mapping.yaml roles[0].role: must be a role key of roles.yaml (lower-case words joined by -)',
      'mapping.yaml roles[0].when.department: not a field mapped under fields',
    ])
  })

  it('the BambooHR example loads', () => {
    expect(loadMapping(MAPPING_FILE)).toMatchObject({
      source: 'bamboohr',
      signature: 'bamboohr',
      records: '/employees',
    })
  })
})
