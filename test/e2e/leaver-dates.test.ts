// A leaver by date, end to end through the runner on a clock the test moves. The organization lives in Tokyo
// (guardrails dates.time-zone Asia/Tokyo, UTC+9, in a copy of the access files), with post-leave steps 2 and 5 days
// after the last day. HR's offboard names a last day three days ahead: lifecycle.yml changes nothing (every step
// `scheduled`, the event held in the ledger with its schedule); a role change meanwhile is refused; the scheduled
// run (reconcile.yml: hourly over all, quarter-hourly over who is due) an hour before local midnight still changes
// nothing, and the one after it revokes identity first, then GitHub and AWS; two days later it deactivates the
// suspended Okta user, five days later it deletes the IAM user, each read back and its task stamped done. A newer
// onboard rescinds a leave; offboard-now and an urgent leaver with a last day are revoked at once.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatLocal, shiftDays, startOfDate } from '@onramp/core'
import type { LedgerRecord } from '@onramp/ledger'
import { runInSandbox, SANDBOX_REPOSITORY, type WorkflowResult, withAccessFiles } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GUARDRAILS, ROLES, repoRoot, sampleEvent } from '../support/harness.js'

const ZONE = 'Asia/Tokyo'
const HOUR = 3_600_000
const DAY = 24 * HOUR
const DEACTIVATE_AFTER = 2
const DELETE_AFTER = 5
// Ten times real time: waits cost a tenth, and an hour of margin before midnight is six real minutes, which no
// run under load comes near (at the usual 100, 36 seconds).
const TIME_SCALE = 10
const { owner, name } = SANDBOX_REPOSITORY
const EMAIL = 'jamie.doe@acme.com'

/** The calendar date (YYYY-MM-DD) in Tokyo at `ms`. */
const tokyoDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms))

describe('a leaver by date, through lifecycle.yml and the scheduled run', () => {
  let sandbox: Sandbox
  let access: string
  let repo: string
  let runs = 0
  const artifacts = mkdtempSync(join(tmpdir(), 'onramp-leaver-artifacts-'))

  const run = (workflowFile: string, eventName: string, event: Record<string, unknown>) => {
    runs += 1
    return runInSandbox(sandbox, {
      repoRoot: repo,
      workflowFile,
      eventName,
      event,
      inputs: (event as { inputs?: Record<string, string> }).inputs,
      runId: String(9700 + runs),
      artifactsDir: join(artifacts, String(runs)),
    })
  }
  const lifecycle = (event: Record<string, unknown>) =>
    run('.github/workflows/lifecycle.yml', 'repository_dispatch', event)
  /**
   * What cron starts: reconcile.yml in report mode, due tasks run for real; the hourly :17 run over everybody
   * (`all`), the quarter-hourly ones over the people with something due (`due`).
   */
  const HOURLY = '17 * * * *'
  const QUARTERLY = '2,32,47 * * * *'
  const scheduled = (cron = HOURLY) => run('.github/workflows/reconcile.yml', 'schedule', { schedule: cron })
  const jobs = (r: WorkflowResult) => Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]))
  const results = (r: WorkflowResult, job: string) => JSON.parse(r.jobs[job]?.outputs.results || '{}')
  const ledger = (id: string): LedgerRecord =>
    JSON.parse(sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state') ?? 'null')
  /** Changing calls to the systems that hold access (the ledger's commits and Slack left out), after `from`. */
  const accessCalls = (from: number) =>
    sandbox.log
      .list({ mutating: true })
      .filter((e) => e.seq > from)
      .filter(
        (e) => ['okta', 'iam'].includes(e.emulator) || (e.emulator === 'github' && /\/orgs\//.test(e.route ?? '')),
      )
  const mark = () => sandbox.log.list().at(-1)?.seq ?? 0
  const okta = (email: string) => sandbox.emulators.okta.emulator.user(email)?.status
  const iamUser = (id: string) => sandbox.emulators.iam.emulator.user(ledger(id).ids.aws!.user_name!)
  const onGithub = (login: string) => {
    const s = sandbox.emulators.github.emulator.state()
    const org = s.orgs.find((o) => o.login === 'acme')
    return Boolean(org?.members[login]) || s.invitations.some((i) => i.login === login && i.status === 'pending')
  }
  /** The alerts channel's leaver notices for this person (text `Leaver: employee <id>; …`). */
  const leaverNotices = (id: string) =>
    (sandbox.emulators.slack.emulator.state().channels.find((c) => c.name === 'onramp-alerts')?.messages ?? []).filter(
      (m: { text?: string }) => m.text?.startsWith(`Leaver: employee ${id};`),
    ).length
  const at = () => new Date(sandbox.clock.now()).toISOString()
  const moveTo = (ms: number) => sandbox.clock.advance(ms - sandbox.clock.now())

  // Colleagues of the sample hire: name, email and GitHub login.
  const PEOPLE: Record<string, [string, string, string]> = {
    E1043: ['Sam Rivera', 'sam.rivera@acme.com', 'sam-rivera-dev'],
    E1044: ['Noor Haddad', 'noor.haddad@acme.com', 'noor-haddad-dev'],
    E1045: ['Lena Brandt', 'lena.brandt@acme.com', 'lena-brandt-dev'],
  }
  const onboard = (id: string, eventId = `hr-leaver-onboard-${id}`) =>
    sampleEvent('onboard', (p) => {
      p.employee_id = id
      p.event_id = eventId
      p.occurred_at = at()
      const other = PEOPLE[id]
      if (other) [p.name, p.email, p.github_username] = other
    })
  const offboard = (id: string, dated: Record<string, unknown>) =>
    sampleEvent('offboard', (p) => {
      p.employee_id = id
      p.event_id = `hr-leaver-offboard-${id}`
      p.occurred_at = at()
      Object.assign(p, dated)
    })

  beforeAll(async () => {
    access = mkdtempSync(join(tmpdir(), 'onramp-leaver-access-'))
    cpSync(ROLES, join(access, 'roles.yaml'))
    const dates = `dates:\n  time-zone: ${ZONE}\n  leaver:\n    deactivate-after-days: ${DEACTIVATE_AFTER}\n    delete-after-days: ${DELETE_AFTER}\n`
    writeFileSync(join(access, 'guardrails.yaml'), `${readFileSync(GUARDRAILS, 'utf8')}${dates}`)
    repo = withAccessFiles(repoRoot, access)
    sandbox = await startSandbox({
      roles: join(access, 'roles.yaml'),
      guardrails: join(access, 'guardrails.yaml'),
      timeScale: TIME_SCALE,
      seed: {
        github: {
          repos: [{ owner, name, default_branch: 'main' }],
          users: [
            { login: 'jamie-doe-dev', id: 583231 },
            ...Object.values(PEOPLE).map(([, , login], i) => ({ login, id: 583232 + i })),
          ],
        },
        slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
      },
    })
  }, 60_000)
  afterAll(async () => {
    await sandbox?.close()
    for (const dir of [repo, access, artifacts]) if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('keeps access until the end of the last day, then revokes identity first; post-leave steps on their days', async () => {
    const hired = await lifecycle(await onboard('E1042'))
    expect(hired.conclusion, JSON.stringify(jobs(hired))).toBe('success')
    sandbox.emulators.okta.emulator.setStatus(EMAIL, 'ACTIVE') // the hire set a password since
    expect(onGithub('jamie-doe-dev')).toBe(true)
    const policies = iamUser('E1042')?.policies
    expect(policies?.length).toBeGreaterThan(0)

    // HR: the last day is three days ahead, in Tokyo. Access ends at 00:00 Tokyo the day after.
    const lastDay = tokyoDate(sandbox.clock.now() + 3 * DAY)
    const endsAt = shiftDays(startOfDate(lastDay, ZONE), 1, ZONE)
    let from = mark()
    const leave = await lifecycle(await offboard('E1042', { last_day: lastDay }))
    expect(jobs(leave)).toEqual({
      validate: 'success',
      review: 'skipped',
      identity: 'success',
      github: 'success',
      aws: 'success',
      notify: 'success',
      wake: 'skipped',
      alert: 'skipped',
    })
    expect(accessCalls(from)).toEqual([])
    expect(okta(EMAIL)).toBe('ACTIVE')
    expect(onGithub('jamie-doe-dev')).toBe(true)
    expect(iamUser('E1042')?.policies).toEqual(policies)
    expect(leaverNotices('E1042')).toBe(0)
    for (const job of ['identity', 'github', 'aws', 'notify'])
      expect(leave.jobs[job]!.summary).toContain(`until ${formatLocal(endsAt, ZONE)} (leave)`)
    const held = ledger('E1042')
    expect(held.status).toBe('active')
    expect(held.last_event?.type).toBe('onboard')
    expect(held.unapplied_event).toMatchObject({ type: 'offboard', last_day: lastDay })
    for (const step of ['identity', 'github', 'aws', 'notify'] as const)
      expect(held.steps[step]?.result).toBe('scheduled')
    const task = (r: LedgerRecord, step: string, why: string) =>
      r.schedule?.find((t) => t.step === step && t.why === why)
    expect(task(held, 'identity', 'leave')?.due).toBe(new Date(endsAt).toISOString())
    const deactivateAt = shiftDays(endsAt, DEACTIVATE_AFTER, ZONE)
    const deleteAt = shiftDays(endsAt, DELETE_AFTER, ZONE)
    expect(task(held, 'identity', 'deactivate')?.due).toBe(new Date(deactivateAt).toISOString())
    expect(task(held, 'aws', 'delete')?.due).toBe(new Date(deleteAt).toISOString())

    // A role change during the notice period is refused before any call (it would replace the offboard as the
    // newest event): the jobs fail, the alert fires, the offboard stays scheduled.
    from = mark()
    const moved = await lifecycle(
      await sampleEvent('role-change', (p) => {
        p.event_id = 'hr-leaver-role-change'
        p.occurred_at = at()
      }),
    )
    expect(moved.jobs.identity?.result).toBe('failure')
    expect(moved.jobs.alert?.result).toBe('success')
    expect(accessCalls(from)).toEqual([])
    expect(ledger('E1042').unapplied_event).toMatchObject({ type: 'offboard', event_id: 'hr-leaver-offboard-E1042' })

    // An hour before local midnight of the last day: the scheduled run leaves the person's access as it is.
    moveTo(endsAt - HOUR)
    from = mark()
    const before = await scheduled()
    expect(before.conclusion, JSON.stringify(jobs(before))).toBe('success')
    expect(results(before, 'identity').E1042).toBe('scheduled')
    expect(accessCalls(from)).toEqual([])
    expect(okta(EMAIL)).toBe('ACTIVE')
    expect(onGithub('jamie-doe-dev')).toBe(true)

    // An hour after: the offboard runs for real, the identity provider first, then GitHub and AWS.
    moveTo(endsAt + HOUR)
    from = mark()
    const after = await scheduled(QUARTERLY)
    expect(after.conclusion, JSON.stringify(jobs(after))).toBe('success')
    for (const job of ['identity', 'github', 'aws']) {
      expect(results(after, job).E1042, after.jobs[job]!.summary).toBe('changed')
      expect(after.jobs[job]!.summary).not.toContain('(dry run)')
    }
    const calls = accessCalls(from)
    const identity = calls.filter((e) => e.emulator === 'okta')
    expect(identity.map((e) => e.route)).toEqual([
      'POST /api/v1/users/{userId}/lifecycle/suspend',
      'DELETE /api/v1/users/{userId}/sessions',
    ])
    const lastIdentity = Math.max(...identity.map((e) => e.seq))
    const others = calls.filter((e) => e.emulator !== 'okta')
    expect(others.some((e) => e.emulator === 'iam')).toBe(true)
    expect(others.some((e) => e.emulator === 'github')).toBe(true)
    for (const e of others) expect(e.seq).toBeGreaterThan(lastIdentity)
    expect(okta(EMAIL)).toBe('SUSPENDED')
    expect(onGithub('jamie-doe-dev')).toBe(false)
    expect(iamUser('E1042')?.policies).toEqual([])
    // The alerts channel hears of the leaver once, when access ended, not when HR sent the event.
    expect(leaverNotices('E1042')).toBe(1)
    const left = ledger('E1042')
    expect(left.status).toBe('offboarded')
    expect(left.last_event).toMatchObject({ type: 'offboard', last_day: lastDay })
    expect(left.unapplied_event).toBeUndefined()
    for (const step of ['identity', 'github', 'aws'] as const) {
      const done = task(left, step, 'leave')
      expect(done?.done_at, step).toBeDefined()
      expect(done!.late_ms).toBeGreaterThanOrEqual(HOUR)
    }
    expect(task(left, 'identity', 'deactivate')?.done_at).toBeUndefined()
    expect(task(left, 'aws', 'delete')?.done_at).toBeUndefined()

    // Two days later: the suspended Okta user is deactivated, read back; the IAM user is still there.
    moveTo(deactivateAt + HOUR)
    from = mark()
    const deactivated = await scheduled(QUARTERLY)
    expect(deactivated.conclusion, JSON.stringify(jobs(deactivated))).toBe('success')
    expect(results(deactivated, 'identity').E1042).toBe('changed')
    expect(
      accessCalls(from)
        .filter((e) => e.emulator === 'okta')
        .map((e) => e.route),
    ).toContain('POST /api/v1/users/{userId}/lifecycle/deactivate')
    expect(accessCalls(from).filter((e) => e.emulator === 'iam')).toEqual([])
    expect(okta(EMAIL)).toBe('DEPROVISIONED')
    expect(iamUser('E1042')).toBeDefined()
    expect(task(ledger('E1042'), 'identity', 'deactivate')?.done_at).toBeDefined()
    expect(task(ledger('E1042'), 'aws', 'delete')?.done_at).toBeUndefined()

    // Five days later: the IAM user is deleted, read back gone.
    const userName = ledger('E1042').ids.aws!.user_name!
    moveTo(deleteAt + HOUR)
    from = mark()
    const deleted = await scheduled(HOURLY)
    expect(deleted.conclusion, JSON.stringify(jobs(deleted))).toBe('success')
    expect(results(deleted, 'aws').E1042, deleted.jobs.aws!.summary).toBe('changed')
    expect(accessCalls(from).map((e) => e.route)).toContain('IAM DeleteUser')
    expect(sandbox.emulators.iam.emulator.user(userName)).toBeUndefined()
    const gone = ledger('E1042')
    expect(task(gone, 'aws', 'delete')?.done_at).toBeDefined()
    expect(gone.schedule?.every((t) => t.done_at)).toBe(true)
  }, 900_000)

  it('a newer onboard before the last day rescinds the leave; offboard-now revokes at once whatever it says', async () => {
    for (const id of ['E1044', 'E1045']) {
      const hired = await lifecycle(await onboard(id))
      expect(hired.conclusion, JSON.stringify(jobs(hired))).toBe('success')
      sandbox.emulators.okta.emulator.setStatus(PEOPLE[id]![1], 'ACTIVE')
      const lastDay = tokyoDate(sandbox.clock.now() + 3 * DAY)
      const leave = await lifecycle(await offboard(id, { last_day: lastDay }))
      expect(leave.conclusion, JSON.stringify(jobs(leave))).toBe('success')
      expect(ledger(id).unapplied_event?.type).toBe('offboard')
    }
    const endsAt = Date.parse(ledger('E1044').schedule!.find((t) => t.why === 'leave')!.due)

    // HR takes the resignation back: a newer onboard. Applied (nothing to change), it replaces the offboard.
    const back = await lifecycle(await onboard('E1044', 'hr-leaver-rescind-E1044'))
    expect(back.conclusion, JSON.stringify(jobs(back))).toBe('success')
    const rescinded = ledger('E1044')
    expect(rescinded.status).toBe('active')
    expect(rescinded.unapplied_event).toBeUndefined()
    expect(rescinded.last_event?.event_id).toBe('hr-leaver-rescind-E1044')
    expect(rescinded.schedule?.some((t) => t.why === 'leave' || t.why === 'deactivate')).not.toBe(true)

    // The emergency offboard (reviewed) revokes at once, although HR's last day is days ahead.
    let from = mark()
    const now = await run('.github/workflows/lifecycle.yml', 'workflow_dispatch', {
      inputs: { 'employee-id': 'E1045', 'event-type': 'offboard-now', 'dry-run': 'false' },
    })
    expect(now.conclusion, JSON.stringify(jobs(now))).toBe('success')
    expect(okta(PEOPLE.E1045![1])).toBe('SUSPENDED')
    expect(onGithub(PEOPLE.E1045![2])).toBe(false)
    expect(iamUser('E1045')?.policies).toEqual([])
    expect(ledger('E1045')).toMatchObject({ status: 'offboarded', last_event: { type: 'offboard', urgent: true } })
    expect(ledger('E1045').unapplied_event).toBeUndefined()
    expect(accessCalls(from).some((e) => e.emulator === 'okta')).toBe(true)

    // Past the old last day the scheduled run leaves the rescinded person's access as it is.
    moveTo(endsAt + 3_600_000)
    from = mark()
    const after = await scheduled()
    expect(after.conclusion, JSON.stringify(jobs(after))).toBe('success')
    expect(okta(PEOPLE.E1044![1])).toBe('ACTIVE')
    expect(onGithub(PEOPLE.E1044![2])).toBe(true)
    const noor = sandbox.emulators.okta.emulator.user(PEOPLE.E1044![1])!.id
    expect(accessCalls(from).filter((e) => e.path.includes(noor))).toEqual([])
    // The emergency leaver's post-leave deactivation, two days after offboard-now, came due on the way.
    expect(okta(PEOPLE.E1045![1])).toBe('DEPROVISIONED')
  }, 600_000)

  it('an urgent leaver is revoked at once, whatever the last day says', async () => {
    const hired = await lifecycle(await onboard('E1043'))
    expect(hired.conclusion, JSON.stringify(jobs(hired))).toBe('success')
    sandbox.emulators.okta.emulator.setStatus(PEOPLE.E1043![1], 'ACTIVE')
    const lastDay = tokyoDate(sandbox.clock.now() + 3 * DAY)
    const from = mark()
    const urgent = await lifecycle(await offboard('E1043', { last_day: lastDay, urgent: true }))
    expect(urgent.conclusion, JSON.stringify(jobs(urgent))).toBe('success')
    expect(okta('sam.rivera@acme.com')).toBe('SUSPENDED')
    expect(onGithub('sam-rivera-dev')).toBe(false)
    expect(iamUser('E1043')?.policies).toEqual([])
    const calls = accessCalls(from)
    const lastIdentity = Math.max(...calls.filter((e) => e.emulator === 'okta').map((e) => e.seq))
    for (const e of calls.filter((e) => e.emulator !== 'okta')) expect(e.seq).toBeGreaterThan(lastIdentity)
    const record = ledger('E1043')
    expect(record.status).toBe('offboarded')
    expect(record.last_event).toMatchObject({ type: 'offboard', last_day: lastDay, urgent: true })
    // No leave tasks: only the post-leave steps, counted from now.
    expect(record.schedule?.map((t) => `${t.step} ${t.why}`)).toEqual(['identity deactivate', 'aws delete'])
  }, 300_000)
})
