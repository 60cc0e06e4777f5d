// A notify drain records the intents of a chunk of people's notices in one commit before their sends. Cancelled
// while one person's email is in flight (its answer held), the job clears the intents of the sends it never began
// and starts nobody else: the next drain sends those people their email once, and only the email in flight is
// reported as "may not have been sent".
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import type { Sandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/harness.js'
import { hireEvent, startHiresSandbox } from '../support/hire-event.js'

const HIRES = [0, 1, 2, 3, 4].map((i) => ({
  id: `E${6200 + i}`,
  login: `cancel-hire-${i}`,
  event: `hr-cancel-${i}`,
  email: `cancel.hire${i}@acme.com`,
}))

let runs = 0
async function dispatch(sandbox: Sandbox, index: number, until?: () => boolean) {
  const h = HIRES[index]!
  const controller = new AbortController()
  const poll = until ? setInterval(() => until() && controller.abort(), 5) : undefined
  try {
    return await runInSandbox(sandbox, {
      repoRoot,
      eventName: 'repository_dispatch',
      event: hireEvent({
        employeeId: h.id,
        eventId: h.event,
        name: `Cancel Hire ${index}`,
        email: h.email,
        login: h.login,
      }),
      runId: String(62_000 + ++runs),
      signal: controller.signal,
    })
  } finally {
    clearInterval(poll)
  }
}

const record = (sandbox: Sandbox, id: string) =>
  JSON.parse(
    sandbox.emulators.github.emulator.file(
      SANDBOX_REPOSITORY.owner,
      SANDBOX_REPOSITORY.name,
      `people/${id}.json`,
      'onramp-state',
    ) ?? '{}',
  )
const mailsTo = (sandbox: Sandbox, email: string) =>
  sandbox.mail.list().filter((m) => m.envelope?.to?.includes(email)).length

describe('lifecycle.yml: a notify drain cancelled mid-chunk', () => {
  let sandbox: Sandbox
  let inFlight: (typeof HIRES)[number]
  beforeAll(async () => {
    sandbox = await startHiresSandbox(
      HIRES.map((h) => h.login),
      820_000,
    )
  })
  afterAll(() => sandbox.close())

  it('three hires whose welcome email the mail server refused wait for the next drain', async () => {
    // Each run's notify drain retries the earlier hires' failed step: 1 + 2 + 3 refusals.
    sandbox.emulators.smtp.faults.script({ match: { route: 'SMTP DATA' }, times: 6, respond: { status: 550 } })
    for (const i of [0, 1, 2]) {
      const run = await dispatch(sandbox, i)
      expect(run.jobs.notify?.result).toBe('failure')
    }
    sandbox.emulators.smtp.faults.clear()
    expect(sandbox.mail.list()).toHaveLength(0)
    for (const h of HIRES.slice(0, 3)) {
      const r = record(sandbox, h.id)
      expect(r.steps.notify).toMatchObject({ event_id: h.event, result: 'failed' })
      // A refused send left no intent: nothing may have gone out.
      expect(r.notified[`welcome-email:${h.event}`]).toBeUndefined()
    }
  })

  it('cancelled while the first email of the drain is in flight: the others’ intents are cleared at once', async () => {
    const before = sandbox.log.list({ mutating: true }).length
    // The first email is taken and its answer held (600 sandbox seconds): the job is cancelled meanwhile.
    sandbox.emulators.smtp.faults.script({
      match: { route: 'SMTP DATA' },
      times: 1,
      after: true,
      reset: true,
      delayMs: 600_000,
    })
    const run = await dispatch(sandbox, 3, () => sandbox.mail.list().length > 0)
    sandbox.emulators.smtp.faults.clear()
    expect(run.conclusion).toBe('cancelled')
    expect(run.jobs.notify?.result).toBe('cancelled')
    expect(sandbox.mail.list()).toHaveLength(1)
    const sentTo = HIRES.slice(0, 4).filter((h) => mailsTo(sandbox, h.email) === 1)
    expect(sentTo).toHaveLength(1)
    inFlight = sentTo[0]!
    for (const h of HIRES.slice(0, 4)) {
      const email = record(sandbox, h.id).notified?.[`welcome-email:${h.event}`]
      // The email in flight keeps its intent (the server may have taken it); no other intent is left.
      if (h === inFlight) expect(email, h.id).toMatch(/ intent$/)
      else expect(email, h.id).toBeUndefined()
    }
    // The chunk's intents were one commit, not one per person (no single-file write through the contents API).
    const writes = sandbox.log.list({ mutating: true }).slice(before)
    expect(writes.filter((e) => e.route === 'PUT /repos/{owner}/{repo}/contents/{path}')).toHaveLength(0)
  })

  it('the next drain sends every other hire one email; the one in flight is reported, not resent', async () => {
    const run = await dispatch(sandbox, 4)
    expect(run.jobs.notify?.result).toBe('failure')
    expect(run.jobs.alert?.result).toBe('success')
    for (const h of HIRES) expect(mailsTo(sandbox, h.email), h.id).toBe(1)
    for (const h of HIRES.filter((h) => h !== inFlight)) {
      const step = record(sandbox, h.id).steps.notify
      expect(step.event_id, h.id).toBe(h.event)
      expect(step.result, h.id).not.toBe('failed')
    }
    expect(record(sandbox, inFlight.id).steps.notify).toMatchObject({ event_id: inFlight.event, result: 'failed' })
    expect(run.jobs.notify?.summary).toContain('welcome-email may not have been sent')
  })
})
