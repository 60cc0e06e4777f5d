// What "applied" means in the ledger, through provision-identity's built bundle and a file ledger: an event is
// applied only when no step failed for it; only applied events move the person's state and the stale-event
// rule; an event the person's state cannot take is refused and blocks nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../support/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())
beforeEach(() => h.sandbox.emulators.okta.faults.clear())

const identity = (event: unknown) => h.run('provision-identity', { event })
const errors = (r: { annotations: { level: string; message: string }[] }) =>
  r.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n')

describe('applied events', () => {
  it('a role-change before the onboard is refused and blocks nothing: onboard, then the role-change, both apply', async () => {
    const who = (p: Record<string, unknown>) => {
      p.employee_id = 'E3001'
      p.email = 'rae.first@acme.com'
    }
    const early = await identity(await h.event('role-change', who))
    expect(early.code).not.toBe(0)
    expect(errors(early)).toMatch(/role-change before an onboard was applied for this employee: send the onboard first/)
    expect(await h.record('E3001')).toBeUndefined()
    expect(h.mutations('okta')).toEqual([])

    const onboard = await identity(await h.event('onboard', who))
    expect(onboard.code).toBe(0)
    expect(await h.record('E3001')).toMatchObject({
      status: 'active',
      role: 'backend-engineer',
      last_event: { event_id: 'hr-7f3c2a91-0001', type: 'onboard' },
    })

    const again = await identity(await h.event('role-change', who))
    expect(again.code).toBe(0)
    expect(await h.record('E3001')).toMatchObject({
      status: 'active',
      role: 'data-analyst',
      last_event: { event_id: 'hr-7f3c2a91-0002', type: 'role-change' },
    })
  })

  it('a failed notification leaves the access applied', async () => {
    const who = (p: Record<string, unknown>) => {
      p.employee_id = 'E3004'
      p.email = 'noa.notice@acme.com'
    }
    expect((await identity(await h.event('onboard', who))).code).toBe(0)
    const notify = await h.run('notify', {
      event: await h.event('onboard', who),
      inputs: { 'slack-token': 'xoxb-revoked', 'mail-transport': 'none' },
    })
    expect(notify.code).not.toBe(0)
    const record = await h.record('E3004')
    expect(record?.steps.notify?.result).toBe('failed')
    expect(record).toMatchObject({ status: 'active', last_event: { event_id: 'hr-7f3c2a91-0001' } })
  })

  it('an offboard for someone onramp never onboarded is refused', async () => {
    const r = await identity(await h.event('offboard', (p) => (p.employee_id = 'E3002')))
    expect(r.code).not.toBe(0)
    expect(errors(r)).toMatch(/offboard before any onboard was recorded for this employee/)
  })

  it('a failed onboard dated after the real one and a failed role-change make no later event stale', async () => {
    const who = (p: Record<string, unknown>) => {
      p.employee_id = 'E3003'
      p.email = 'sol.future@acme.com'
    }
    h.sandbox.emulators.okta.faults.script({
      match: { route: 'POST /api/v1/users' },
      times: 1,
      respond: { status: 400 },
    })
    const future = await identity(
      await h.event('onboard', (p) => {
        who(p)
        p.event_id = 'hr-future'
        p.occurred_at = '2026-11-29T00:00:00Z' // later than the real onboard below (an event from the future is refused)
      }),
    )
    expect(future.code).not.toBe(0)
    const failed = await h.record('E3003')
    expect(failed?.status).toBe('new')
    expect(failed?.last_event).toBeUndefined()
    expect(failed?.unapplied_event).toMatchObject({ event_id: 'hr-future', type: 'onboard' })

    const onboard = await identity(await h.event('onboard', who))
    expect(onboard.code).toBe(0)
    expect((await h.record('E3003'))?.last_event?.event_id).toBe('hr-7f3c2a91-0001')

    h.sandbox.emulators.okta.faults.script({
      match: { route: 'PUT /api/v1/groups/{groupId}/users/{userId}' },
      times: 5,
      respond: { status: 400 },
    })
    const move = await identity(await h.event('role-change', who))
    expect(move.code).not.toBe(0)
    const afterMove = await h.record('E3003')
    expect(afterMove).toMatchObject({ status: 'active', role: 'backend-engineer' })
    expect(afterMove?.last_event?.event_id).toBe('hr-7f3c2a91-0001')
    expect(afterMove?.unapplied_event?.event_id).toBe('hr-7f3c2a91-0002')

    h.sandbox.emulators.okta.faults.clear()
    const leave = await identity(await h.event('offboard', who))
    expect(leave.code).toBe(0)
    expect(await h.record('E3003')).toMatchObject({
      status: 'offboarded',
      last_event: { event_id: 'hr-7f3c2a91-0003', type: 'offboard' },
    })
  })
})
