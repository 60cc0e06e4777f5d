// A joiner by date, end to end through the runner and the sandbox, on a moving clock: a hire announced 10 days
// ahead gets a STAGED identity provider account and nothing else; at the welcome lead time the scheduled run
// sends the welcome to the personal email and the manager's "what is ready" email; an hour before local midnight
// of the start date nothing more happens; at local midnight everything is applied. Run for two organization
// time zones (either side of UTC). A start date in the past applies at once.
//
// The sandbox clock is moved with `sandbox.clock.advance`; each run gets the moved time (the sandbox's clock
// reaches every action). The scheduled run is reconcile.yml's quarter-hourly run (employee-ids `due`), which runs
// the due steps of people with a task due for real; the clock runs slowly scaled (TIME_SCALE) so that "an hour
// before midnight" stays so while a run lasts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatLocal, shiftDays, startOfDate } from '@onramp/core'
import { runInSandbox, SANDBOX_REPOSITORY, type WorkflowResult, withAccessFiles } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleEvent } from '../support/harness.js'

const repoRoot = new URL('../..', import.meta.url).pathname
const { owner, name } = SANDBOX_REPOSITORY
const DAY = 86_400_000
const HOUR = 3_600_000
/** Slow enough that a run (a minute or two of real time under load) moves the clock by minutes, not hours. */
const TIME_SCALE = 5
const EMAIL = 'jamie.doe@acme.com'
const PERSONAL = 'jamie.home@example.net'
const MANAGER = 'riley.manager@acme.com'

const ZONES = [
  // The invitation goes out with the start; the hire's AWS user too.
  { zone: 'Asia/Tokyo', githubDaysBefore: 0 },
  // The invitation goes out with the welcome, three days early.
  { zone: 'America/Los_Angeles', githubDaysBefore: 3 },
]

function accessDir(zone: string, githubDaysBefore: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-joiner-access-'))
  writeFileSync(join(dir, 'roles.yaml'), readFileSync(join(repoRoot, '.github/access/roles.yaml')))
  const guardrails = readFileSync(join(repoRoot, '.github/access/guardrails.yaml'), 'utf8')
  writeFileSync(
    join(dir, 'guardrails.yaml'),
    `${guardrails}dates:\n  time-zone: ${zone}\n  joiner:\n    github-days-before: ${githubDaysBefore}\n    welcome-days-before: 3\n`,
  )
  return dir
}

describe.each(ZONES)('a joiner by date in $zone', ({ zone, githubDaysBefore }) => {
  let sandbox: Sandbox
  let repo: string
  let access: string
  let runs = 0
  let startDate = ''
  let startMs = 0

  const run = (workflowFile: string, eventName: string, event: Record<string, unknown>) => {
    runs += 1
    return runInSandbox(sandbox, { repoRoot: repo, workflowFile, eventName, event, runId: String(8300 + runs) })
  }
  /** The quarter-hourly scheduled run: people with a task due, their due steps run for real. */
  const reconcile = () => run('.github/workflows/reconcile.yml', 'schedule', { schedule: '2,32,47 * * * *' })
  const jobs = (r: { jobs: Record<string, { result: string }> }) =>
    Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]))
  /** The failed jobs' errors and annotations, for an assertion's message. */
  const why = (r: WorkflowResult) =>
    JSON.stringify(
      Object.entries(r.jobs)
        .filter(([, j]) => j.result === 'failure')
        .map(([k, j]) => [k, j.error, j.annotations.map((a) => a.message)]),
    )
  const ledger = (id = 'E1042') =>
    JSON.parse(sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state') ?? 'null')
  /** Moves the sandbox clock to `at` (epoch ms), forward only. */
  const moveTo = (at: number) => {
    const by = at - sandbox.clock.now()
    expect(by, 'the clock only moves forward').toBeGreaterThan(0)
    sandbox.clock.advance(by)
  }
  const okta = () => sandbox.emulators.okta.emulator
  const oktaGroups = () => ['engineering', 'backend'].filter((g) => okta().groupMembers(g).includes(EMAIL))
  const invitations = () =>
    sandbox.emulators.github.emulator
      .state()
      .invitations.filter((i) => i.email === EMAIL || i.login === 'jamie-doe-dev')
  const iamUser = () => sandbox.emulators.iam.emulator.user('jamie.doe+e1042')
  const slack = () => sandbox.emulators.slack.emulator
  const hireSlackId = () =>
    slack()
      .state()
      .users.find((u: { email?: string }) => u.email === EMAIL)?.id
  const announcements = () => slack().messages('#new-joiners')
  const mailTo = (to: string) => sandbox.mail.list().filter((m) => m.to.includes(to))

  beforeAll(async () => {
    access = accessDir(zone, githubDaysBefore)
    repo = withAccessFiles(repoRoot, access)
    sandbox = await startSandbox({
      roles: join(access, 'roles.yaml'),
      guardrails: join(access, 'guardrails.yaml'),
      timeScale: TIME_SCALE,
      seed: {
        github: {
          repos: [{ owner, name, default_branch: 'main' }],
          users: [{ login: 'jamie-doe-dev', id: 583231 }],
        },
        slack: {
          users: [
            { email: MANAGER, name: 'riley' },
            { email: EMAIL, name: 'jamie' },
          ],
        },
      },
    })
    // Ten local days ahead of the sandbox's today.
    startDate = formatLocal(shiftDays(sandbox.clock.now(), 10, zone), zone).slice(0, 10)
    startMs = startOfDate(startDate, zone)
  }, 120_000)
  afterAll(async () => {
    await sandbox?.close()
    rmSync(repo, { recursive: true, force: true })
    rmSync(access, { recursive: true, force: true })
  })

  it('the HR event: the account STAGED, nothing granted, the schedule recorded', async () => {
    const event = await sampleEvent('onboard', (p) => {
      // Dated by the sandbox's clock, which the actions decide by.
      p.occurred_at = new Date(sandbox.clock.now()).toISOString()
      p.start_date = startDate
      p.personal_email = PERSONAL
    })
    const result = await run('.github/workflows/lifecycle.yml', 'repository_dispatch', event)
    expect(jobs(result), why(result)).toMatchObject({
      validate: 'success',
      identity: 'success',
      github: 'success',
      aws: 'success',
      notify: 'success',
    })
    expect(okta().user(EMAIL)?.status).toBe('STAGED')
    expect(oktaGroups()).toEqual([])
    expect(result.jobs.identity!.summary).toContain(`staged until ${formatLocal(startMs, zone)} (start)`)
    expect(invitations()).toEqual([])
    expect(iamUser()).toBeUndefined()
    expect(result.jobs.aws!.summary).toContain(`This step runs on the start date, ${formatLocal(startMs, zone)}.`)
    expect(result.jobs.notify!.summary).toContain('This step runs at the welcome lead time before the start date')
    expect(announcements()).toEqual([])
    expect(slack().members('#backend')).not.toContain(hireSlackId())
    expect(sandbox.mail.list()).toEqual([])

    const record = ledger()
    expect(record.steps).toMatchObject({
      identity: { result: 'changed' },
      github: { result: 'scheduled' },
      aws: { result: 'scheduled' },
      notify: { result: 'scheduled' },
    })
    const welcomeAt = shiftDays(startMs, -3, zone)
    const githubAt = shiftDays(startMs, -githubDaysBefore, zone)
    const tasks = record.schedule.map((t: { step: string; why: string; due: string }) => [t.step, t.why, t.due])
    expect(tasks).toEqual(
      expect.arrayContaining([
        ['identity', 'start', new Date(startMs).toISOString()],
        ['github', githubDaysBefore ? 'early' : 'start', new Date(githubAt).toISOString()],
        ['aws', 'start', new Date(startMs).toISOString()],
        ['notify', 'welcome', new Date(welcomeAt).toISOString()],
        ['notify', 'start', new Date(startMs).toISOString()],
      ]),
    )
    expect(tasks).toHaveLength(5)
  }, 300_000)

  it('the welcome lead time: the welcome to the personal email and the manager’s message, nothing live yet', async () => {
    moveTo(shiftDays(startMs, -3, zone) + 60_000)
    const result = await reconcile()
    expect(result.conclusion, why(result)).toBe('success')

    const welcome = mailTo(PERSONAL)
    expect(welcome).toHaveLength(1)
    expect(welcome[0]!.text).toContain('dev-setup')
    expect(mailTo(EMAIL)).toEqual([])
    const ready = mailTo(MANAGER)
    expect(ready).toHaveLength(1)
    expect(ready[0]!.subject).toBe(`Ready for Jamie Doe: starts ${startDate}`)
    const text = ready[0]!.text!
    expect(text).toContain(`active on ${formatLocal(startMs, zone)}: group:backend, group:engineering`)
    expect(text).toContain('account prepared (STAGED')
    expect(text).toContain('channel:#backend, channel:#eng')
    expect(text).toContain('Welcome email with the setup link: sent to the new hire today.')
    expect(text).not.toContain(PERSONAL)
    expect(text).not.toContain(EMAIL)

    expect(okta().user(EMAIL)?.status).toBe('STAGED')
    expect(oktaGroups()).toEqual([])
    expect(iamUser()).toBeUndefined()
    expect(announcements()).toEqual([])
    // github-days-before: the invitation goes out with the welcome when it is 3, else at the start.
    expect(invitations()).toHaveLength(githubDaysBefore ? 1 : 0)
    const record = ledger()
    expect(record.steps.notify.result).toBe('scheduled')
    expect(record.schedule.find((t: any) => t.step === 'notify' && t.why === 'welcome').done_at).toBeDefined()
    expect(record.schedule.find((t: any) => t.step === 'notify' && t.why === 'start').done_at).toBeUndefined()
  }, 300_000)

  it('an hour before local midnight of the start date: nothing more', async () => {
    moveTo(startMs - HOUR)
    const mails = sandbox.mail.list().length
    const result = await reconcile()
    expect(result.conclusion, why(result)).toBe('success')
    expect(sandbox.clock.now()).toBeLessThan(startMs)
    expect(okta().user(EMAIL)?.status).toBe('STAGED')
    expect(oktaGroups()).toEqual([])
    expect(iamUser()).toBeUndefined()
    expect(announcements()).toEqual([])
    expect(invitations()).toHaveLength(githubDaysBefore ? 1 : 0)
    expect(sandbox.mail.list()).toHaveLength(mails)
  }, 300_000)

  it('local midnight of the start date: activated with groups, invited, IAM, channels, the announcement', async () => {
    moveTo(startMs + 60_000)
    const mails = sandbox.mail.list().length
    const result = await reconcile()
    expect(result.conclusion, why(result)).toBe('success')
    // Activated without a password: Okta's activation email, PROVISIONED until the person sets one.
    expect(okta().user(EMAIL)?.status).toBe('PROVISIONED')
    expect(oktaGroups().sort()).toEqual(['backend', 'engineering'])
    expect(invitations()).toHaveLength(1)
    expect(ledger().steps.aws?.result, `${result.jobs.aws?.summary} ${JSON.stringify(ledger().ids)}`).toBe('changed')
    expect(iamUser()?.policies.length).toBeGreaterThan(0)
    expect(slack().members('#backend')).toContain(hireSlackId())
    expect(announcements()).toHaveLength(1)
    expect(announcements()[0]!.text).toContain('Welcome Jamie Doe')
    // The welcome went out at the lead time: never again.
    expect(sandbox.mail.list()).toHaveLength(mails)
    const record = ledger()
    expect(record.schedule.every((t: any) => t.done_at)).toBe(true)
    expect(record.last_event.start_date).toBe(startDate)
  }, 300_000)
})

describe('a joiner whose start date is past', () => {
  let sandbox: Sandbox
  afterAll(() => sandbox?.close())

  it('applies at once: active, granted, announced, the welcome sent to the personal email', async () => {
    sandbox = await startSandbox({
      roles: join(repoRoot, '.github/access/roles.yaml'),
      guardrails: join(repoRoot, '.github/access/guardrails.yaml'),
      timeScale: TIME_SCALE,
      seed: {
        github: { repos: [{ owner, name, default_branch: 'main' }], users: [{ login: 'jamie-doe-dev', id: 583231 }] },
        slack: { users: [{ email: MANAGER, name: 'riley' }] },
      },
    })
    const event = await sampleEvent('onboard', (p) => {
      p.occurred_at = new Date(sandbox.clock.now()).toISOString()
      p.start_date = new Date(sandbox.clock.now() - 2 * DAY).toISOString().slice(0, 10)
      p.personal_email = PERSONAL
    })
    const result = await runInSandbox(sandbox, { repoRoot, eventName: 'repository_dispatch', event, runId: '8399' })
    expect(result.conclusion).toBe('success')
    const o = sandbox.emulators.okta.emulator
    expect(o.user(EMAIL)?.status).toBe('PROVISIONED')
    expect(o.groupMembers('backend')).toContain(EMAIL)
    expect(sandbox.emulators.iam.emulator.user('jamie.doe+e1042')).toBeDefined()
    expect(sandbox.emulators.slack.emulator.messages('#new-joiners')).toHaveLength(1)
    const mail = sandbox.mail.list()
    expect(mail.map((m) => m.to)).toEqual([[PERSONAL]])
  }, 300_000)
})
