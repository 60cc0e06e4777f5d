// A missed schedule catching up, end to end through the runner: HR's onboard for a hire starting in two days runs
// lifecycle.yml (GitHub and AWS wait: `scheduled`, the ledger keeps their tasks); the sandbox's clock then moves
// past the start date by hours with no run in between (a scheduler outage); one quarter-hourly reconcile.yml run
// (employee-ids `due`) runs the hire's due steps for real, leaves a colleague with nothing due alone, and its
// summary, JSON report and ledger say how late each task ran. Later due runs start a system's job only while
// someone has waiting work for it: once nobody does, only the plan and identity jobs start.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatLate, type LedgerRecord } from '@onramp/ledger'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GUARDRAILS, ROLES, repoRoot, sampleEvent, TEST_TIME_SCALE } from '../support/harness.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const { owner, name } = SANDBOX_REPOSITORY

describe('the scheduled run catches up a missed schedule', () => {
  let sandbox: Sandbox
  let runs = 0
  const artifacts = mkdtempSync(join(tmpdir(), 'onramp-schedule-artifacts-'))
  const run = (workflowFile: string, eventName: string, event: Record<string, unknown>) => {
    runs += 1
    return runInSandbox(sandbox, {
      repoRoot,
      workflowFile,
      eventName,
      event,
      runId: String(9500 + runs),
      artifactsDir: join(artifacts, String(runs)),
    })
  }
  const ledger = (id: string): LedgerRecord =>
    JSON.parse(sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state') ?? 'null')
  const onboard = (id: string, startDate?: string) =>
    sampleEvent('onboard', (p) => {
      p.employee_id = id
      p.event_id = `hr-schedule-${id}`
      // Dated by the sandbox's clock, which the actions decide by.
      p.occurred_at = new Date(sandbox.clock.now()).toISOString()
      if (startDate) p.start_date = startDate
      else delete p.start_date
      if (id !== 'E1042') {
        p.name = 'Sam Rivera'
        p.email = 'sam.rivera@acme.com'
        p.github_username = 'sam-rivera-dev' // an org member already: nothing left waiting on GitHub
      }
    })

  beforeAll(async () => {
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      timeScale: TEST_TIME_SCALE,
      seed: {
        github: {
          repos: [{ owner, name, default_branch: 'main' }],
          users: [
            { login: 'jamie-doe-dev', id: 583231 },
            { login: 'sam-rivera-dev', id: 583232 },
          ],
          members: [{ org: 'acme', login: 'sam-rivera-dev' }],
        },
        slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
      },
    })
  }, 60_000)
  afterAll(() => sandbox?.close())

  it('one due run executes a task missed by hours, and says how late in its summary, report and ledger', async () => {
    // A colleague hired earlier, with no start date: applied at once, nothing scheduled.
    const colleague = await run('.github/workflows/lifecycle.yml', 'repository_dispatch', await onboard('E1043'))
    expect(colleague.conclusion, JSON.stringify(colleague.jobs)).toBe('success')
    expect(ledger('E1043').status).toBe('active')
    const invitations = () => sandbox.emulators.github.emulator.state().invitations.length
    const invitedBefore = invitations()

    // The hire starts in two days (00:00 UTC, the guardrails' default zone): GitHub and AWS wait for the day.
    const startsAt = Math.ceil((sandbox.clock.now() + 2 * DAY) / DAY) * DAY
    const startDate = new Date(startsAt).toISOString().slice(0, 10)
    const hire = await run('.github/workflows/lifecycle.yml', 'repository_dispatch', await onboard('E1042', startDate))
    expect(hire.conclusion, JSON.stringify(hire.jobs)).toBe('success')
    const waiting = ledger('E1042')
    expect(waiting.steps.github?.result).toBe('scheduled')
    expect(waiting.steps.aws?.result).toBe('scheduled')
    // The identity step prepares the account before the start, so the event is on record with its date.
    expect(waiting.unapplied_event ?? waiting.last_event).toMatchObject({
      event_id: 'hr-schedule-E1042',
      start_date: startDate,
    })
    const due = (r: LedgerRecord, step: string) => r.schedule?.find((t) => t.step === step && t.why === 'start')
    expect(due(waiting, 'github')).toMatchObject({ due: new Date(startsAt).toISOString() })
    expect(due(waiting, 'github')?.done_at).toBeUndefined()
    expect(invitations()).toBe(invitedBefore)

    // No run between: the clock passes the start date by five hours (the scheduler was down).
    sandbox.clock.advance(startsAt + 5 * HOUR - sandbox.clock.now())

    // The next quarter-hourly run selects only the people with something due, and runs them for real.
    const caught = await run('.github/workflows/reconcile.yml', 'schedule', { schedule: '2,32,47 * * * *' })
    expect(caught.conclusion, JSON.stringify(caught.jobs)).toBe('success')
    const results = (r: typeof caught, job: string) => JSON.parse(r.jobs[job]!.outputs.results || '{}')
    expect(results(caught, 'github'), caught.jobs.github!.summary).toEqual({ E1042: 'pending' }) // invited
    expect(results(caught, 'aws'), caught.jobs.aws!.summary).toEqual({ E1042: 'changed' })
    for (const job of ['github', 'aws']) expect(caught.jobs[job]!.summary).not.toContain('(dry run)')
    expect(invitations()).toBe(invitedBefore + 1)

    // The ledger: the event applied, each task stamped done with how late it ran.
    const done = ledger('E1042')
    expect(done.status).toBe('active')
    expect(done.unapplied_event).toBeUndefined()
    for (const step of ['github', 'aws']) {
      const task = due(done, step)!
      expect(task.done_at).toBeDefined()
      expect(task.late_ms).toBeGreaterThanOrEqual(5 * HOUR)
      expect(task.late_ms).toBeLessThan(5 * HOUR + DAY) // the run's own length, on a clock 100 times faster
      // The summary says the same lateness, as a missed schedule.
      expect(caught.jobs[step]!.summary).toContain(
        `- E1042: ${step} start due ${startDate} 00:00 UTC, ${formatLate(task.late_ms!)} late (missed schedule)`,
      )
    }
    // The JSON report artifact carries the tasks run.
    const report = JSON.parse(
      readFileSync(join(artifacts, String(runs), 'onramp-github-report', 'onramp-github-converge.json'), 'utf8'),
    )
    expect(report.people[0]).toMatchObject({ employee_id: 'E1042', tasks: [{ step: 'github', why: 'start' }] })
    expect(report.people[0].tasks[0].late_ms).toBe(due(done, 'github')!.late_ms)

    // No task is due any more: the next due run starts no AWS job. GitHub follows the unaccepted invitation, and
    // identity and notify the accounts not activated or joined yet: waiting work, so their jobs start.
    const dueRun = () => run('.github/workflows/reconcile.yml', 'schedule', { schedule: '2,32,47 * * * *' })
    const started = (r: typeof caught) =>
      Object.keys(r.jobs)
        .filter((job) => r.jobs[job]!.result !== 'skipped')
        .sort()
    expect(started(caught)).toEqual(['alert', 'aws', 'github', 'identity', 'notify', 'plan'])
    const quiet = await dueRun()
    expect(quiet.conclusion, JSON.stringify(quiet.jobs)).toBe('success')
    expect(quiet.jobs.identity!.outputs['idle-steps']).toBe('aws')
    expect(started(quiet)).toEqual(['alert', 'github', 'identity', 'notify', 'plan'])
    expect(results(quiet, 'github')).toEqual({ E1042: 'pending' })
    // Okta and Slack wait on the people too: their accounts are not activated (PROVISIONED), nor in Slack yet.
    expect(results(quiet, 'identity')).toEqual({ E1042: 'pending', E1043: 'pending' })
    expect(results(quiet, 'notify')).toEqual({ E1042: 'pending', E1043: 'pending' })

    // Both activate their Okta accounts and join Slack, the hire accepts the invitation; one more due run finishes
    // (the member read back, with the teams its invitation carried; the channels), and the one after has nothing to
    // do: it starts the two jobs that find that out.
    const { okta, slack, github } = sandbox.emulators
    for (const [email, name] of [
      ['jamie.doe@acme.com', 'Jamie Doe'],
      ['sam.rivera@acme.com', 'Sam Rivera'],
    ]) {
      okta.emulator.setStatus(email!, 'ACTIVE')
      slack.emulator.ensureUser({ email: email!, name: name! })
    }
    github.emulator.acceptInvitation('jamie-doe-dev')
    const accepted = await dueRun()
    expect(accepted.conclusion, JSON.stringify(accepted.jobs)).toBe('success')
    expect(results(accepted, 'github')).toEqual({ E1042: 'unchanged' })
    expect(results(accepted, 'notify')).toEqual({ E1042: 'changed', E1043: 'changed' })
    const idle = await dueRun()
    expect(idle.conclusion, JSON.stringify(idle.jobs)).toBe('success')
    expect(idle.jobs.identity!.outputs['idle-steps']).toBe('identity github aws notify')
    expect(started(idle)).toEqual(['identity', 'plan'])
    // The hourly full report is not held back by it: every job starts.
    const hourly = await run('.github/workflows/reconcile.yml', 'schedule', { schedule: '17 * * * *' })
    expect(hourly.conclusion, JSON.stringify(hourly.jobs)).toBe('success')
    expect(hourly.jobs.identity!.outputs['idle-steps']).toBe('')
    expect(started(hourly)).toEqual(['alert', 'aws', 'github', 'identity', 'notify', 'plan'])
  }, 600_000)
})
