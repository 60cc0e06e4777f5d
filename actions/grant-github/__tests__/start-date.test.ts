// A hire with a start date ahead: the GitHub step waits (result scheduled, nothing read or sent), the ledger holds
// the event as not applied yet with its schedule; on the day a converge run sends the invitation and stamps the
// task done with how late it ran. On the sandbox's clock.
import { sandboxClockEnv } from '@onramp/sandbox'
import { describe, expect, it } from 'vitest'
import { github, start } from './support.js'

const DAY = 86_400_000

describe('a start date ahead', () => {
  it('waits until the start date (UTC by default), then invites; the schedule says when it ran', async () => {
    const h = await start()
    const startsAt = Math.ceil((h.sandbox.clock.now() + 10 * DAY) / DAY) * DAY
    const startDate = new Date(startsAt).toISOString().slice(0, 10)
    const event = await h.event('onboard', (e) => {
      e.role = 'designer'
      e.start_date = startDate
      e.occurred_at = new Date().toISOString()
      delete e.github_username
    })
    const early = await h.run('grant-github', { event, env: sandboxClockEnv(h.sandbox.clock) })
    expect(early.outputs.result).toBe('scheduled')
    expect(early.summary).toContain(`until ${startDate} 00:00 UTC (start)`)
    expect(github().state().invitations).toHaveLength(0)
    const waiting = (await h.record('E1042'))!
    expect(waiting.status).toBe('new')
    expect(waiting.unapplied_event).toMatchObject({ type: 'onboard', start_date: startDate })
    expect(waiting.schedule?.find((t) => t.step === 'github')).toMatchObject({
      why: 'start',
      due: new Date(startsAt).toISOString(),
    })
    expect(waiting.schedule?.some((t) => t.done_at)).toBe(false)

    // An hour into the start date, a converge run (what the scheduled run does) sends the invitation.
    h.sandbox.clock.advance(startsAt + 3_600_000 - h.sandbox.clock.now())
    const due = await h.run('grant-github', {
      event: { schedule: '17 * * * *' },
      eventName: 'schedule',
      inputs: { 'employee-ids': 'E1042', 'dry-run': 'false' },
      env: sandboxClockEnv(h.sandbox.clock),
    })
    expect(JSON.parse(due.outputs.results!)).toEqual({ E1042: 'pending' })
    expect(github().state().invitations).toHaveLength(1)
    const done = (await h.record('E1042'))!
    expect(done.status).toBe('active')
    const task = done.schedule!.find((t) => t.step === 'github')!
    expect(task.done_at).toBeDefined()
    expect(task.late_ms).toBeGreaterThanOrEqual(3_600_000)
    expect(task.late_ms).toBeLessThan(3_600_000 + 10 * 60_000)
  }, 120_000)
})
