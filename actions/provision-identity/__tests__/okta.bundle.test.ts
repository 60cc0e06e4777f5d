// provision-identity (Okta) through its built bundle under the runner contract, against the sandbox's Okta
// emulator with a file ledger: every main path, with the request log as the witness of what was changed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, ROLES, startHarness } from '../../../test/support/harness.js'

const EMAIL = 'jamie.doe@acme.com'
const PERSONAL = [EMAIL, 'Jamie Doe', 'Jamie', 'riley.manager@acme.com', 'sandbox-okta-token']

let h: Harness
beforeAll(async () => {
  // These tests are about other behaviour: an org where activation completes without a password (federated
  // sign-in), so activation gives ACTIVE. Okta's default, PROVISIONED, is tested in okta-oauth.bundle and e2e.
  h = await startHarness({
    options: { okta: { provisionedWithoutPassword: false } },
    seed: {
      okta: {
        users: [
          // Drifted: wrong names, a group of another role (onramp never granted it) and a group no role names.
          {
            id: '00udrift000000000001',
            profile: {
              login: 'sam.roe@acme.com',
              email: 'sam.roe@acme.com',
              firstName: 'Old',
              lastName: 'Name',
              employeeNumber: 'E2001',
            },
            groupNames: ['design', 'Everyone-Acme'],
          },
          // Another employee's account under the login a new event asks for.
          {
            id: '00uother000000000001',
            profile: {
              login: 'alex.poe@acme.com',
              email: 'alex.poe@acme.com',
              firstName: 'Alex',
              lastName: 'Poe',
              employeeNumber: 'E9999',
            },
            groupNames: ['people'],
          },
        ],
      },
    },
  })
})
afterAll(() => h.close())
beforeEach(() => {
  h.sandbox.emulators.okta.faults.clear()
})

const okta = () => h.sandbox.emulators.okta.emulator
const user = (login: string) =>
  okta()
    .state()
    .users.find((u) => u.profile.login === login)
const groupsOf = (login: string) =>
  okta()
    .state()
    .groups.filter((g) => g.members.includes(login))
    .map((g) => g.name)
    .sort()

type Run = { stdout: string; stderr: string; summary: string; outputs: Record<string, string> }

/** Everything the run printed or produced, but the ::add-mask:: commands (the runner never prints those). */
const printed = (r: Run) =>
  [
    ...r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')),
    r.stderr,
    r.summary,
    JSON.stringify(r.outputs),
  ].join('\n')

function expectNoPersonalData(r: Run, personal = PERSONAL) {
  for (const p of personal) expect(printed(r)).not.toContain(p)
}

/** Mutating Okta requests from now on, as `route status`. */
function mark() {
  const seq = h.sandbox.log.list().at(-1)?.seq ?? 0
  return {
    mutations: () =>
      h.sandbox.log
        .list({ emulator: 'okta', mutating: true })
        .filter((e) => e.seq > seq)
        .map((e) => `${e.route} ${e.status}`),
  }
}

describe('provision-identity bundle (okta)', () => {
  it('onboards from nothing: creates the active user, adds the role groups, records the id', async () => {
    const m = mark()
    const r = await h.run('provision-identity', { event: await h.event('onboard') })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    const u = user(EMAIL)!
    expect(u.status).toBe('ACTIVE')
    expect(u.profile).toMatchObject({
      employeeNumber: 'E1042',
      firstName: 'Jamie',
      lastName: 'Doe',
      displayName: 'Jamie Doe',
    })
    expect(groupsOf(EMAIL)).toEqual(['backend', 'engineering'])
    expect(r.outputs['identity-id']).toBe(u.id)
    expect(r.outputs['employee-id']).toBe('E1042')
    expect((await h.record('E1042'))?.ids.identity).toBe(u.id)
    expect(m.mutations()).toEqual([
      'POST /api/v1/users 200',
      'PUT /api/v1/groups/{groupId}/users/{userId} 204',
      'PUT /api/v1/groups/{groupId}/users/{userId} 204',
    ])
    const receipts = JSON.parse(r.outputs.receipt!)
    expect(receipts.find((x: any) => x.item === 'user')).toMatchObject({ action: 'create', verified: true })
    expect(r.summary).toContain('group:backend')
    expectNoPersonalData(r)
  })

  it('the same event again makes zero mutating calls', async () => {
    const m = mark()
    const r = await h.run('provision-identity', { event: await h.event('onboard') })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('unchanged')
    expect(m.mutations()).toEqual([])
  })

  it('a workflow_dispatch rerun fills the person from the ledger and repairs drift', async () => {
    const o = okta()
    const id = user(EMAIL)!.id
    const backend = o.state().groups.find((g) => g.name === 'backend')!.id
    const res = await fetch(`${h.sandbox.inputs['okta-org-url']}/api/v1/groups/${backend}/users/${id}`, {
      method: 'DELETE',
      headers: { authorization: `SSWS ${h.sandbox.inputs['okta-token']}` },
    })
    expect(res.status).toBe(204)
    const m = mark()
    const rerun = { inputs: { 'employee-id': 'E1042', 'event-type': 'onboard', 'dry-run': 'false' } }
    const r = await h.run('provision-identity', { event: rerun, eventName: 'workflow_dispatch' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(m.mutations()).toEqual(['PUT /api/v1/groups/{groupId}/users/{userId} 204'])
    expect(groupsOf(EMAIL)).toEqual(['backend', 'engineering'])
    expectNoPersonalData(r)
  })

  it('corrects a drifted profile and the role groups, and reports groups onramp never granted untouched', async () => {
    const m = mark()
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E2001'
      p.event_id = 'hr-drift-1'
      p.email = 'sam.roe@acme.com'
      p.name = 'Sam Roe'
    })
    const r = await h.run('provision-identity', { event })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(user('sam.roe@acme.com')!.profile).toMatchObject({
      firstName: 'Sam',
      lastName: 'Roe',
      displayName: 'Sam Roe',
    })
    expect(groupsOf('sam.roe@acme.com')).toEqual(['Everyone-Acme', 'backend', 'design', 'engineering'])
    expect(m.mutations()).toEqual([
      'POST /api/v1/users/{userId} 200',
      'PUT /api/v1/groups/{groupId}/users/{userId} 204',
      'PUT /api/v1/groups/{groupId}/users/{userId} 204',
    ])
    const receipts = JSON.parse(r.outputs.receipt!)
    expect(receipts.find((x: any) => x.item === 'profile').before.differs).toEqual([
      'firstName',
      'lastName',
      'displayName',
    ])
    expect(receipts.find((x: any) => x.item === 'unmanaged-groups')).toMatchObject({
      before: ['Everyone-Acme', 'design'],
    })
    expect(r.outputs['identity-id']).toBe('00udrift000000000001')
  })

  it('refuses an account that belongs to another employee and changes nothing', async () => {
    const m = mark()
    const before = JSON.stringify(user('alex.poe@acme.com'))
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E3001'
      p.event_id = 'hr-clash-1'
      p.email = 'alex.poe@acme.com'
      p.name = 'Alex Poe'
    })
    const r = await h.run('provision-identity', { event })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(m.mutations()).toEqual([])
    expect(JSON.stringify(user('alex.poe@acme.com'))).toBe(before)
    expect(r.stdout).toMatch(/user: okta account 00uother000000000001 belongs to another employee; nothing was changed/)
    expectNoPersonalData(r, ['alex.poe@acme.com', 'Alex Poe'])
    expect(r.outputs['identity-id']).toBe('')
  })

  it('dry run: reads only, zero mutating calls, the summary says what would change', async () => {
    const m = mark()
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E5001'
      p.event_id = 'hr-dry-1'
      p.email = 'dana.dry@acme.com'
      p.name = 'Dana Dry'
    })
    const r = await h.run('provision-identity', { event, inputs: { 'dry-run': 'true' } })
    expect(r.code, r.stdout).toBe(0)
    expect(m.mutations()).toEqual([])
    expect(user('dana.dry@acme.com')).toBeUndefined()
    expect(r.summary).toContain('Dry run')
    expect(r.summary).toContain('dry run: would create')
    expect(r.summary).toContain('dry run: would add')
    expect(await h.record('E5001')).toBeUndefined()
    expectNoPersonalData(r)
  })

  it('role change: managed groups become exactly the new role’s', async () => {
    const m = mark()
    const r = await h.run('provision-identity', { event: await h.event('role-change') })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(groupsOf(EMAIL)).toEqual(['analytics'])
    expect(m.mutations()).toEqual([
      'PUT /api/v1/groups/{groupId}/users/{userId} 204',
      'DELETE /api/v1/groups/{groupId}/users/{userId} 204',
      'DELETE /api/v1/groups/{groupId}/users/{userId} 204',
    ])
    expect(user(EMAIL)!.status).toBe('ACTIVE')
  })

  it('offboard: suspends, then revokes sessions with OAuth tokens; a rerun sends the revocation again, as unverifiable', async () => {
    const m = mark()
    const r = await h.run('provision-identity', { event: await h.event('offboard') })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(m.mutations()).toEqual([
      'POST /api/v1/users/{userId}/lifecycle/suspend 200',
      'DELETE /api/v1/users/{userId}/sessions 204',
    ])
    const u = user(EMAIL)!
    expect(u.status).toBe('SUSPENDED')
    expect(
      okta()
        .state()
        .sessionRevocations.filter((s) => s.userId === u.id),
    ).toEqual([expect.objectContaining({ oauthTokens: true })])
    expect(groupsOf(EMAIL)).toEqual(['analytics']) // offboarding keeps memberships as the record to restore
    const again = mark()
    const r2 = await h.run('provision-identity', { event: await h.event('offboard') })
    expect(r2.code, r2.stdout).toBe(0)
    // The suspension is read back and left alone; the sessions cannot be read, so their revocation is re-sent.
    expect(again.mutations()).toEqual(['DELETE /api/v1/users/{userId}/sessions 204'])
    const receipts = JSON.parse(r2.outputs.receipt!)
    expect(receipts.find((x: any) => x.item === 'status')).toMatchObject({ result: 'unchanged', verified: true })
    expect(receipts.find((x: any) => x.item === 'sessions')).toMatchObject({
      action: 'revoke',
      result: 'changed',
      verified: false,
      reason: expect.stringMatching(/^sent, unverifiable/),
    })
    expect((await h.record('E1042'))?.steps['identity-sessions']).toMatchObject({ verified: false })
  })

  it('offboard touches only the ledger’s account or the login with the same employee number: another is refused', async () => {
    const seeded = okta()
      .state()
      .users.find((u) => u.profile.employeeNumber === 'E2001')!
    // The ledger knows E2001 under another email and no account id: the account carrying E2001 is neither.
    await writeFile(
      join(h.stateDir, 'people', 'E2001.json'),
      JSON.stringify({
        employee_id: 'E2001',
        status: 'active',
        role: 'designer',
        person: { email: 'sam.roe.new@acme.com' },
        ids: {},
        steps: {},
        notified: {},
        last_event: { event_id: 'hr-sam-1', type: 'onboard', occurred_at: '2026-11-01T00:00:00Z' },
      }),
    )
    const m = mark()
    const r = await h.run('provision-identity', { event: await h.event('offboard', (p) => (p.employee_id = 'E2001')) })
    expect(r.code).toBe(1)
    const status = JSON.parse(r.outputs.receipt!).find((x: any) => x.item === 'status')
    expect(status).toMatchObject({ result: 'failed' })
    expect(status.reason).toMatch(/neither the ledger's account nor the person's login; nothing was changed/)
    expect(m.mutations()).toEqual([])
    expect(user('sam.roe@acme.com')!.status).toBe(seeded.status)

    // The event's email is the login but the account names another employee: refused too.
    const other = await h.run('provision-identity', {
      event: await h.event('offboard', (p) => {
        p.employee_id = 'E2001'
        p.event_id = 'hr-sam-2'
        p.email = 'alex.poe@acme.com'
      }),
    })
    expect(other.code).toBe(1)
    expect(JSON.parse(other.outputs.receipt!).find((x: any) => x.item === 'status').reason).toMatch(
      /belongs to another employee; nothing was changed/,
    )
    expect(m.mutations()).toEqual([])
    expect(user('alex.poe@acme.com')!.status).toBe('ACTIVE')
  })

  it('recovers from a 429 with a reset, a 500 and a connection reset', async () => {
    const faults = h.sandbox.emulators.okta.faults
    faults.script(
      { match: { route: 'POST /api/v1/users' }, times: 1, respond: { status: 429 } },
      { match: { route: 'PUT /api/v1/groups/{groupId}/users/{userId}' }, times: 1, respond: { status: 500 } },
      { match: { route: 'GET /api/v1/users/{userId}/groups' }, times: 1, reset: true },
    )
    const m = mark()
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E6001'
      p.event_id = 'hr-faults-1'
      p.email = 'faye.fault@acme.com'
      p.name = 'Faye Fault'
      p.role = 'people-ops'
    })
    const r = await h.run('provision-identity', { event })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(faults.pending()).toBe(0)
    expect(groupsOf('faye.fault@acme.com')).toEqual(['hr-tools', 'people'])
    expect(
      okta()
        .state()
        .users.filter((u) => u.profile.employeeNumber === 'E6001'),
    ).toHaveLength(1)
    expect(m.mutations()).toEqual([
      'POST /api/v1/users 429',
      'POST /api/v1/users 200',
      'PUT /api/v1/groups/{groupId}/users/{userId} 500',
      'PUT /api/v1/groups/{groupId}/users/{userId} 204',
      'PUT /api/v1/groups/{groupId}/users/{userId} 204',
    ])
  })

  it('catches a lifecycle call that answers 200 but changes nothing', async () => {
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E7001'
      p.event_id = 'hr-lie-1'
      p.email = 'lee.lie@acme.com'
      p.name = 'Lee Lie'
      p.role = 'designer'
    })
    expect((await h.run('provision-identity', { event })).code).toBe(0)
    okta().lieOnNext('suspend')
    const leave = await h.event('offboard', (p) => {
      p.employee_id = 'E7001'
      p.event_id = 'hr-lie-2'
    })
    const r = await h.run('provision-identity', { event: leave, inputs: { 'verify-timeout': '1' } })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    const status = JSON.parse(r.outputs.receipt!).find((x: any) => x.item === 'status')
    expect(status).toMatchObject({ action: 'suspend', verified: false, result: 'failed' })
    expect(status.reason).toMatch(/verification failed: wanted \{"status":"SUSPENDED"\}, found .*"status":"ACTIVE"/)
    // Sessions do not wait on the status: a leaver's sessions end either way.
    expect(JSON.parse(r.outputs.receipt!).find((x: any) => x.item === 'sessions')).toMatchObject({ result: 'changed' })
    expect(user('lee.lie@acme.com')!.status).toBe('ACTIVE')
  })

  it('a group that does not exist is a clear error, never created', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onramp-roles-'))
    const roles = join(dir, 'roles.yaml')
    await writeFile(
      roles,
      `${await readFile(ROLES, 'utf8')}\n  contractor:\n    description: Works on one project\n    identity: { groups: [contractors] }\n`,
    )
    const m = mark()
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E4001'
      p.event_id = 'hr-ghost-1'
      p.email = 'cory.contract@acme.com'
      p.name = 'Cory Contract'
      p.role = 'contractor'
    })
    const r = await h.run('provision-identity', { event, inputs: { 'roles-file': roles } })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    const receipts = JSON.parse(r.outputs.receipt!)
    expect(receipts.find((x: any) => x.item === 'group:contractors')).toMatchObject({
      result: 'failed',
      reason: 'group contractors does not exist in okta; onramp never creates groups (roles.yaml identity.groups)',
    })
    // Independent items still ran: the account exists and is active.
    expect(user('cory.contract@acme.com')?.status).toBe('ACTIVE')
    expect(
      okta()
        .state()
        .groups.some((g) => g.name === 'contractors'),
    ).toBe(false)
    expect(m.mutations()).toEqual(['POST /api/v1/users 200'])
    await rm(dir, { recursive: true, force: true })
  })

  it('activate false leaves a new account STAGED', async () => {
    const m = mark()
    const event = await h.event('onboard', (p) => {
      p.employee_id = 'E6101'
      p.event_id = 'hr-staged-1'
      p.email = 'stacy.staged@acme.com'
      p.name = 'Stacy Staged'
      p.role = 'designer'
    })
    const r = await h.run('provision-identity', { event, inputs: { activate: 'false' } })
    expect(r.code, r.stdout).toBe(0)
    expect(user('stacy.staged@acme.com')?.status).toBe('STAGED')
    expect(JSON.parse(r.outputs.receipt!).map((x: any) => x.item)).not.toContain('status')
    expect(m.mutations()).toEqual(['POST /api/v1/users 200', 'PUT /api/v1/groups/{groupId}/users/{userId} 204'])
  })

  it('a start date ahead never takes an active account away: the step fails saying so, nothing changed', async () => {
    const hire = (eventId: string, at: string, startDate?: string) =>
      h.event('onboard', (p) => {
        p.employee_id = 'E6102'
        p.event_id = eventId
        p.occurred_at = at
        p.email = 'toni.early@acme.com'
        p.name = 'Toni Early'
        p.role = 'designer'
        if (startDate) p.start_date = startDate
        else delete p.start_date
      })
    const now = h.sandbox.clock.now()
    const first = await h.run('provision-identity', { event: await hire('hr-early-1', new Date(now).toISOString()) })
    expect(first.code, first.stdout).toBe(0)
    expect(user('toni.early@acme.com')?.status).toBe('ACTIVE')
    // HR moves the start date 10 days ahead after the account is already in use.
    const later = new Date(now + 10 * 86_400_000).toISOString().slice(0, 10)
    const m = mark()
    const r = await h.run('provision-identity', {
      event: await hire('hr-early-2', new Date(now + 60_000).toISOString(), later),
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('is ACTIVE before the start date; onramp does not deactivate it for a date')
    expect(user('toni.early@acme.com')?.status).toBe('ACTIVE')
    expect(groupsOf('toni.early@acme.com')).toContain('design')
    expect(m.mutations()).toEqual([])
  })

  it('missing credentials are a user error naming the input, before any call', async () => {
    const seq = h.sandbox.log.list().at(-1)?.seq ?? 0
    const r = await h.run('provision-identity', {
      event: await h.event('onboard'),
      inputs: { 'okta-client-id': '', 'okta-token': '', 'okta-org-url': '' },
    })
    expect(r.code).toBe(1)
    const errors = r.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(errors).toEqual([
      'with.okta-org-url: required when provider is okta',
      'with.okta-client-id: required when provider is okta (or, instead, okta-token)',
      'onramp: 2 problem(s) in the input; see the annotations',
    ])
    expect(h.sandbox.log.list().filter((e) => e.seq > seq)).toEqual([])
  })
})
