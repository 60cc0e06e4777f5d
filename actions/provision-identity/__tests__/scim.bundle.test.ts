// provision-identity (SCIM 2.0) through its built bundle under the runner contract, against the sandbox's
// SCIM emulator: userName is the email, externalId the employee id, offboarding is PATCH active:false.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sandboxClockEnv } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../../test/support/harness.js'

const EMAIL = 'jamie.doe@acme.com'
let h: Harness
beforeAll(async () => {
  h = await startHarness({
    seed: {
      scim: {
        users: [{ userName: 'alex.poe@acme.com', externalId: 'E9999', name: { givenName: 'Alex', familyName: 'Poe' } }],
      },
    },
  })
})
afterAll(() => h.close())

const scim = () => h.sandbox.emulators.scim.emulator
const run = (event: unknown, inputs: Record<string, string> = {}) =>
  h.run('provision-identity', { event, inputs: { provider: 'scim', ...inputs } })
function mark() {
  const seq = h.sandbox.log.list().at(-1)?.seq ?? 0
  return () =>
    h.sandbox.log
      .list({ emulator: 'scim', mutating: true })
      .filter((e) => e.seq > seq)
      .map((e) => `${e.route} ${e.status}`)
}
const groupsOf = (userName: string) =>
  ['engineering', 'backend', 'analytics', 'design', 'people', 'hr-tools']
    .filter((g) => scim().groupMembers(g).includes(userName))
    .sort()

describe('provision-identity bundle (scim)', () => {
  it('onboards from nothing, then the same event makes zero mutating calls', async () => {
    const mutations = mark()
    const r = await run(await h.event('onboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    const u = scim().user(EMAIL)!
    expect(u).toMatchObject({
      externalId: 'E1042',
      active: true,
      displayName: 'Jamie Doe',
      name: { givenName: 'Jamie', familyName: 'Doe' },
    })
    expect(groupsOf(EMAIL)).toEqual(['backend', 'engineering'])
    expect(r.outputs['identity-id']).toBe(u.id)
    expect((await h.record('E1042'))?.ids.identity).toBe(u.id)
    expect(mutations()).toEqual(['POST /Users 201', 'PATCH /Groups/{id} 200', 'PATCH /Groups/{id} 200'])

    const again = mark()
    const r2 = await run(await h.event('onboard'))
    expect(r2.code, r2.stdout).toBe(0)
    expect(r2.outputs.result).toBe('unchanged')
    expect(again()).toEqual([])
  })

  it('corrects drift: a renamed display name; another role’s group added by hand is reported, kept', async () => {
    const id = scim().user(EMAIL)!.id
    const design = scim().group('design')!
    const base = h.sandbox.inputs['scim-base-url']!
    const call = (method: string, path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${h.sandbox.inputs['scim-token']}`, 'content-type': 'application/scim+json' },
        body: JSON.stringify(body),
      })
    const patch = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
    await call('PATCH', `/Users/${id}`, {
      schemas: [patch],
      Operations: [{ op: 'replace', path: 'displayName', value: 'J. D.' }],
    })
    await call('PATCH', `/Groups/${design.id}`, {
      schemas: [patch],
      Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
    })
    const mutations = mark()
    const r = await run(await h.event('onboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(scim().user(EMAIL)!.displayName).toBe('Jamie Doe')
    // onramp never granted `design`: not its to take away (to revoke = granted − desired).
    expect(groupsOf(EMAIL)).toEqual(['backend', 'design', 'engineering'])
    expect(mutations()).toEqual(['PATCH /Users/{id} 200'])
    expect(JSON.parse(r.outputs.receipt!).find((x: any) => x.item === 'unmanaged-groups')).toMatchObject({
      before: ['design'],
    })
  })

  it('refuses a userName that belongs to another employee', async () => {
    const mutations = mark()
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E3001'
      p.event_id = 'hr-clash-1'
      p.email = 'alex.poe@acme.com'
      p.name = 'Alex Poe'
    })
    const r = await run(event)
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.stdout).toMatch(/belongs to another employee; nothing was changed/)
    expect(mutations()).toEqual([])
  })

  it('offboard deactivates no account found by externalId alone: neither the ledger’s nor the person’s login', async () => {
    await mkdir(join(h.stateDir, 'people'), { recursive: true })
    await writeFile(
      join(h.stateDir, 'people', 'E9999.json'),
      JSON.stringify({
        employee_id: 'E9999',
        status: 'active',
        person: { email: 'alex.poe.previous@acme.com' },
        ids: {},
        steps: {},
        notified: {},
        last_event: { event_id: 'hr-alex-1', type: 'onboard', occurred_at: '2026-11-01T00:00:00Z' },
      }),
    )
    const mutations = mark()
    const r = await run(await h.event('offboard', (p) => (p.employee_id = 'E9999')))
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/neither the ledger's account nor the person's login; nothing was changed/)
    expect(mutations()).toEqual([])
    expect(scim().user('alex.poe@acme.com')!.active).not.toBe(false)
  })

  it('dry run makes no mutating call', async () => {
    const mutations = mark()
    const event = await h.event('role-change')
    const r = await run(event, { 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.summary).toContain('dry run: would add')
    expect(r.summary).toContain('dry run: would remove')
    expect(mutations()).toEqual([])
    expect(groupsOf(EMAIL)).toEqual(['backend', 'design', 'engineering'])
  })

  it('role change, then offboard with PATCH active:false, read back', async () => {
    const mutations = mark()
    const r = await run(await h.event('role-change'))
    expect(r.code, r.stdout).toBe(0)
    expect(groupsOf(EMAIL)).toEqual(['analytics', 'design'])
    expect(mutations()).toEqual(['PATCH /Groups/{id} 200', 'PATCH /Groups/{id} 200', 'PATCH /Groups/{id} 200'])

    const off = mark()
    const r2 = await run(await h.event('offboard'))
    expect(r2.code, r2.stdout).toBe(0)
    expect(r2.outputs.result).toBe('changed')
    expect(scim().user(EMAIL)!.active).toBe(false)
    expect(off()).toEqual(['PATCH /Users/{id} 200'])
    const status = JSON.parse(r2.outputs.receipt!).find((x: any) => x.item === 'status')
    expect(status).toMatchObject({ action: 'deactivate', verified: true, after: { status: 'INACTIVE' } })
  })

  it('honours Retry-After on 429 and 503, in sandbox time', async () => {
    // A minute each: on the tests' time scale 0.6 s of real time, and far more sandbox time than a retry
    // that did not wait could take.
    const faults = h.sandbox.emulators.scim.faults
    faults.script(
      { match: { route: 'POST /Users' }, times: 1, respond: { status: 429, headers: { 'retry-after': '60' } } },
      { match: { route: 'PATCH /Groups/{id}' }, times: 1, respond: { status: 503, headers: { 'retry-after': '60' } } },
    )
    const mutations = mark()
    const from = h.sandbox.log.list().at(-1)?.seq ?? 0
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E6001'
      p.event_id = 'hr-faults-1'
      p.email = 'faye.fault@acme.com'
      p.name = 'Faye Fault'
      p.role = 'designer'
    })
    const r = await run(event)
    expect(r.code, r.stdout).toBe(0)
    expect(mutations()).toEqual([
      'POST /Users 429',
      'POST /Users 201',
      'PATCH /Groups/{id} 503',
      'PATCH /Groups/{id} 200',
    ])
    // Each retry came at least the asked minute (sandbox time, as the log records it) after its refusal.
    const at = (route: string, status: number) =>
      h.sandbox.log.list({ emulator: 'scim' }).find((e) => e.seq > from && e.route === route && e.status === status)!.at
    expect(at('POST /Users', 201) - at('POST /Users', 429)).toBeGreaterThanOrEqual(60_000)
    expect(at('PATCH /Groups/{id}', 200) - at('PATCH /Groups/{id}', 503)).toBeGreaterThanOrEqual(60_000)
    expect(groupsOf('faye.fault@acme.com')).toEqual(['design'])
  })

  it('a joiner before the start date is created active:false without groups, then activated with them', async () => {
    const DAY = 86_400_000
    const sandboxNow = () => h.sandbox.clock.now()
    const start = new Date(sandboxNow() + 10 * DAY).toISOString().slice(0, 10)
    const mutations = mark()
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E6201'
      p.event_id = 'hr-staged-scim-1'
      p.occurred_at = new Date().toISOString()
      p.email = 'sam.later@acme.com'
      p.name = 'Sam Later'
      p.start_date = start
    })
    const r = await run(event)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(scim().user('sam.later@acme.com')).toMatchObject({ externalId: 'E6201', active: false })
    expect(groupsOf('sam.later@acme.com')).toEqual([])
    const receipts = JSON.parse(r.outputs.receipt!)
    expect(receipts.find((x: any) => x.item === 'status')).toMatchObject({
      after: { status: 'INACTIVE' },
      verified: true,
    })
    expect(receipts.find((x: any) => x.item === 'schedule').reason).toBe(
      `staged until ${start} 00:00 UTC (start): activation and groups then`,
    )
    expect(mutations()).toEqual(['POST /Users 201'])

    // The start date (UTC midnight), one minute late: the same event, rerun, activates and adds the groups.
    h.sandbox.clock.advance(Date.parse(`${start}T00:01:00Z`) - sandboxNow())
    const rerun = { inputs: { 'employee-id': 'E6201', 'event-type': 'onboard', 'dry-run': 'false' } }
    const atStart = mark()
    const r2 = await h.run('provision-identity', {
      event: rerun,
      eventName: 'workflow_dispatch',
      inputs: { provider: 'scim' },
      env: sandboxClockEnv(h.sandbox.clock),
    })
    expect(r2.code, r2.stdout).toBe(0)
    expect(scim().user('sam.later@acme.com')!.active).toBe(true)
    expect(groupsOf('sam.later@acme.com')).toEqual(['backend', 'engineering'])
    expect(atStart()).toEqual(['PATCH /Users/{id} 200', 'PATCH /Groups/{id} 200', 'PATCH /Groups/{id} 200'])
    const record = await h.record('E6201')
    expect(record?.schedule?.find((t) => t.step === 'identity' && t.why === 'start')?.done_at).toBeDefined()
  })
})
