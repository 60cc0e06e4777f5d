// Hires past the org's 24-hour invitation cap are planned, not abandoned: they come back deferred with the time
// their invitation is expected to go out, and the scheduled reconcile (a dry run over everybody that runs
// waiting work for real) sends them in order of start date once the window allows. On the sandbox's clock.
import { sandboxClockEnv } from '@onramp/sandbox'
import { describe, expect, it } from 'vitest'
import { github, start } from './support.js'

const DAY = 86_400_000
// Dispatched in this order; start dates out of order, so the queue's order shows.
const HIRES = [
  { id: 'E3101', email: 'ana.ruiz@acme.com', name: 'Ana Ruiz', start: '2026-11-14' },
  { id: 'E3102', email: 'bo.chen@acme.com', name: 'Bo Chen', start: '2026-11-07' },
  { id: 'E3103', email: 'cy.park@acme.com', name: 'Cy Park', start: '2026-11-22' },
  { id: 'E3104', email: 'di.sato@acme.com', name: 'Di Sato', start: '2026-11-18' },
]

describe('the invitation cap queue', () => {
  it('cap 2, 4 hires: 2 invited, 2 deferred with an expected time; 24 h later the scheduled run sends them by start date', async () => {
    const h = await start({ seed: { github: { orgs: [{ login: 'acme', invitationCap: 2 }] } } })
    const results: Record<string, string> = {}
    for (const [i, p] of HIRES.entries()) {
      const event = await h.event('onboard', (e) => {
        e.employee_id = p.id
        e.event_id = `hr-queue-${i}`
        e.email = p.email
        e.name = p.name
        e.role = 'designer'
        e.start_date = p.start
        // Dated now in real time (the sample's date is fixed, and the sandbox's scaled clock runs ahead of the
        // runner's, which refuses an event from its future): overdue only past the deadline after this.
        e.occurred_at = new Date().toISOString()
        delete e.github_username
      })
      const r = await h.run('grant-github', { event })
      results[p.id] = r.outputs.result!
    }
    expect(results).toEqual({ E3101: 'pending', E3102: 'pending', E3103: 'deferred', E3104: 'deferred' })
    const sent = () =>
      github()
        .state()
        .invitations.filter((i) => i.status === 'pending')
    const [first, second] = sent().map((i) => Date.parse(i.created_at))
    expect(sent()).toHaveLength(2)

    const scheduled = (env: Record<string, string> = {}) =>
      h.run('grant-github', {
        event: { schedule: '17 * * * *' },
        eventName: 'schedule',
        inputs: { 'employee-ids': 'all', 'dry-run': 'true', 'repair-waiting': 'true' },
        env,
      })

    // The scheduled run while the window is full: still deferred, each with when their place frees. The
    // earliest start (E3104) is first in the queue: its place frees when the first invitation leaves the window.
    const waiting = await scheduled()
    expect(JSON.parse(waiting.outputs.results!)).toMatchObject({ E3103: 'deferred', E3104: 'deferred' })
    expect(sent()).toHaveLength(2)
    const at = (t: number) => new Date(t + DAY).toISOString()
    expect(waiting.summary).toContain('### Waiting')
    const section = waiting.summary.slice(waiting.summary.indexOf('### Waiting'))
    expect(section.indexOf('E3104')).toBeLessThan(section.indexOf('E3103'))
    expect(section).toMatch(
      new RegExp(
        `E3104: invitation: GitHub's org invitation cap reached \\(422; 2 of the last 24 h's invitations listed\\); expected to go out at the first scheduled run after ${at(first!)}`,
      ),
    )
    expect(section).toMatch(
      new RegExp(
        `E3103: invitation: .*1 ahead in this run's queue; expected to go out at the first scheduled run after ${at(second!)}`,
      ),
    )
    expect(waiting.summary).toMatch(/\| E3103 \| deferred \| 0 \| {2}\| invitation: GitHub's org invitation cap/)

    // A day later the window is empty: the next scheduled run sends both, the earliest start date first.
    h.sandbox.clock.advance(DAY + 60_000)
    const released = await scheduled(sandboxClockEnv(h.sandbox.clock))
    expect(JSON.parse(released.outputs.results!)).toMatchObject({ E3103: 'pending', E3104: 'pending' })
    const later = sent().slice(2)
    expect(later.map((i) => i.email)).toEqual(['di.sato@acme.com', 'cy.park@acme.com'])
    expect((await h.record('E3104'))!.ids.github!.invitation_id).toBe(later[0]!.id)
    expect((await h.record('E3103'))!.ids.github!.invitation_id).toBe(later[1]!.id)
    expect(released.summary).not.toContain('### Waiting')
  }, 300_000)

  it('an invitation unaccepted past guardrails github.invitation-deadline-days is reported by the scheduled run', async () => {
    const h = await start()
    const event = await h.event('onboard', (e) => {
      e.role = 'designer'
      e.occurred_at = new Date().toISOString()
      delete e.github_username
    })
    const r = await h.run('grant-github', { event })
    expect(r.outputs.result).toBe('pending')
    const scheduled = () =>
      h.run('grant-github', {
        event: { schedule: '17 * * * *' },
        eventName: 'schedule',
        inputs: { 'employee-ids': 'all', 'dry-run': 'true', 'repair-waiting': 'true' },
        env: sandboxClockEnv(h.sandbox.clock),
      })
    // Within the deadline (default 14 days): waiting is normal, nothing to chase.
    h.sandbox.clock.advance(13 * DAY)
    expect((await scheduled()).summary).not.toContain('### Waiting')
    // Past it: still pending (never a failure: the event stays applied), and listed for a person to chase.
    h.sandbox.clock.advance(2 * DAY)
    const late = await scheduled()
    expect(JSON.parse(late.outputs.results!)).toMatchObject({ E1042: 'pending' })
    const section = late.summary.slice(late.summary.indexOf('### Waiting'))
    expect(section).toMatch(/E1042: invitation: overdue: the org invitation is unaccepted 15 days after the HR event/)
    expect(section).toContain('github.invitation-deadline-days (14)')
  }, 300_000)
})
