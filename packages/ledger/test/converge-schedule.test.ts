// The converge run as the scheduler, over a file ledger: who `due` and `all` select at the clock's now, that a
// due task runs for real in a report, which tasks the run did and how late (a missed schedule), and the upcoming
// tasks by date then employee id in the organization's time zone, in the summary and the JSON report.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Clock, ScheduledTask } from '@onramp/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  beginStep,
  type CommonInputsFor,
  forEachPerson,
  formatLate,
  isConverged,
  isWaiting,
  type LedgerRecord,
  listTasks,
  parseEmployeeIds,
  upcomingTasks,
} from '../src/index.js'

const root = new URL('../../..', import.meta.url).pathname
const HOUR = 3600_000
const DAY = 24 * HOUR
const NOW = Date.parse('2026-12-14T09:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()

// Tasks of a time-bound grant (no event id): step.ts's recording keeps them as they are, and stamps the due ones.
const task = (step: ScheduledTask['step'], why: ScheduledTask['why'], due: number, done = false): ScheduledTask => ({
  step,
  why,
  due: iso(due),
  grant_id: 'g-1',
  ...(done ? { done_at: iso(due), late_ms: 0 } : {}),
})
const record = (id: string, over: Partial<LedgerRecord> = {}): LedgerRecord => ({
  employee_id: id,
  status: 'active',
  role: 'backend-engineer',
  ids: {},
  steps: {},
  notified: {},
  last_event: { event_id: `hr-${id}`, type: 'onboard', occurred_at: '2026-11-20T09:00:00Z', role: 'backend-engineer' },
  ...over,
})
const offboarded = (id: string, schedule: ScheduledTask[]) =>
  record(id, {
    status: 'offboarded',
    last_event: { event_id: `hr-${id}`, type: 'offboard', occurred_at: '2026-11-20T09:00:00Z' },
    schedule,
  })

describe('selection at the clock’s now', () => {
  it('reads due as a selection of its own, standing alone', () => {
    expect(parseEmployeeIds('due')).toEqual({ due: true })
    expect(() => parseEmployeeIds('due,E1')).toThrow(/all, affected, due and pending stand alone/)
  })

  it('isWaiting: a due, undone task of this step is waiting work, like a pending result', () => {
    const r = record('E1', { schedule: [task('github', 'early', NOW - HOUR), task('aws', 'start', NOW + HOUR)] })
    expect(isWaiting(r, 'github', NOW)).toBe(true)
    expect(isWaiting(r, 'aws', NOW)).toBe(false) // not due yet
    expect(isWaiting(r, 'aws', NOW + HOUR)).toBe(true)
    expect(isWaiting(record('E1', { schedule: [task('github', 'early', NOW - HOUR, true)] }), 'github', NOW)).toBe(
      false,
    )
  })

  it('isConverged: an offboarded person is selected by all while a task of this step is undone', () => {
    const later = offboarded('E2', [task('identity', 'deactivate', NOW + 30 * DAY), task('aws', 'delete', NOW - DAY)])
    expect(isConverged(later, 'identity')).toBe(true)
    expect(isConverged(later, 'aws')).toBe(true)
    expect(isConverged(later, 'github')).toBe(false)
    expect(isConverged(offboarded('E3', [task('aws', 'delete', NOW - DAY, true)]), 'aws')).toBe(false)
  })
})

describe('listing tasks', () => {
  const records = [
    record('E9', { schedule: [task('github', 'early', NOW + 2 * DAY), task('aws', 'start', NOW + 20 * DAY)] }),
    record('E1', { schedule: [task('github', 'start', NOW + 2 * DAY), task('github', 'early', NOW - DAY)] }),
    record('E5', { schedule: [task('github', 'early', NOW + DAY, true)] }),
  ]

  it('upcoming: the next 14 days, undone, by date then employee id, times in the org time zone', () => {
    const up = upcomingTasks(records, NOW, 'Asia/Tokyo')
    expect(up.map((t) => `${t.local} ${t.employee_id} ${t.step}`)).toEqual([
      '2026-12-16 18:00 Asia/Tokyo E1 github',
      '2026-12-16 18:00 Asia/Tokyo E9 github',
    ])
    expect(upcomingTasks(records, NOW, 'UTC', { step: 'aws', days: 30 }).map((t) => t.employee_id)).toEqual(['E9'])
  })

  it('overdue: every undone task due by now', () => {
    expect(listTasks(records, { to: NOW, zone: 'UTC' }).map((t) => `${t.employee_id} ${t.why}`)).toEqual(['E1 early'])
  })

  it('says how late in words', () => {
    expect([40_000, 5 * 60_000, 3 * HOUR + 5 * 60_000, 2 * DAY + 4 * HOUR, 3 * DAY].map(formatLate)).toEqual([
      '40 s',
      '5 min',
      '3 h 5 min',
      '2 d 4 h',
      '3 d',
    ])
  })
})

describe('forEachPerson as the scheduler', () => {
  let dir: string
  // One summary file for every test here: @actions/core's summary keeps the first GITHUB_STEP_SUMMARY it sees.
  const summaryFile = join(tmpdir(), `onramp-converge-schedule-summary-${process.pid}.md`)
  const saved = { ...process.env }
  const clock: Clock = { now: () => NOW, sleep: async () => {}, random: () => 0.5 }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onramp-converge-schedule-'))
    await mkdir(join(dir, 'people'), { recursive: true })
    const write = (r: LedgerRecord) => writeFile(join(dir, 'people', `${r.employee_id}.json`), JSON.stringify(r))
    // E1: github's early task due 5 hours ago, no run since (a missed schedule); E2: due 10 minutes ago (on time);
    // E3: nothing due; E4: offboarded, its aws delete due 2 days ago; E5: a github task in 3 days.
    await write(
      record('E1', { schedule: [task('github', 'early', NOW - 5 * HOUR), task('github', 'start', NOW + DAY)] }),
    )
    await write(record('E2', { schedule: [task('github', 'early', NOW - 10 * 60_000)] }))
    await write(record('E3'))
    await write(offboarded('E4', [task('aws', 'delete', NOW - 2 * DAY)]))
    await write(record('E5', { schedule: [task('github', 'start', NOW + 3 * DAY)] }))
    // The org's time zone for the summary's times.
    const guardrails = await readFile(join(root, '.github/access/guardrails.yaml'), 'utf8')
    await writeFile(join(dir, 'guardrails.yaml'), `${guardrails}\ndates:\n  time-zone: Europe/Berlin\n`)
    process.env.GITHUB_OUTPUT = join(dir, 'output')
    process.env.GITHUB_STEP_SUMMARY = summaryFile
    process.env.RUNNER_TEMP = dir
    await writeFile(process.env.GITHUB_OUTPUT, '')
    await writeFile(process.env.GITHUB_STEP_SUMMARY, '')
  })
  afterEach(() => {
    process.env = { ...saved }
    process.exitCode = 0
  })

  const inputs = (employeeIds: string, dryRun: boolean): CommonInputsFor => ({
    rolesFile: join(root, '.github/access/roles.yaml'),
    guardrailsFile: join(dir, 'guardrails.yaml'),
    dryRun,
    state: `file:${dir}`,
    stateToken: undefined,
    stateRepository: undefined,
    employeeId: undefined,
    eventType: undefined,
    email: undefined,
    name: undefined,
    role: undefined,
    eventKey: undefined,
    employeeIds,
    repairWaiting: dryRun,
    baseRolesFile: undefined,
    allowance: 0,
  })
  const env = () => ({ GITHUB_EVENT_NAME: 'schedule', GITHUB_RUN_ID: '91', RUNNER_TEMP: dir })

  /** A step that finishes unchanged; its recording (step.ts) stamps the step's due tasks done. */
  const converge = (step: 'github' | 'aws', employeeIds: string, dryRun = true) => {
    const seen: string[] = []
    const run = forEachPerson(
      step,
      inputs(employeeIds, dryRun),
      async (one, batch) => {
        const s = await beginStep(step, one, { batch, env: env(), clock })
        seen.push(`${s.event.employeeId}${s.dryRun ? ' (dry run)' : ''}`)
        await s.finish({ result: 'unchanged', receipts: [] })
      },
      { env: env(), clock },
    )
    return run.then((r) => ({ run: r, seen }))
  }

  it('due selects only people with a task due for this step, and runs them for real in a report', async () => {
    const { run, seen } = await converge('github', 'due')
    expect(seen).toEqual(['E1', 'E2'])
    expect(run.people.map((p) => [p.employee_id, p.dry_run])).toEqual([
      ['E1', false],
      ['E2', false],
    ])
    expect((await converge('aws', 'due')).seen).toEqual(['E4']) // offboarded, its post-leave delete due
  })

  it('a due run names the steps nobody has waiting work for, in its run and its idle-steps output', async () => {
    // E1 and E2 have github tasks due, E4 an aws one; nothing waits for identity or notify.
    const first = await converge('aws', 'due')
    expect(first.run.idle).toEqual(['identity', 'notify'])
    expect(await readFile(process.env.GITHUB_OUTPUT!, 'utf8')).toMatch(/^idle-steps<<(\S+)\nidentity notify\n\1$/m)
    // That run did E4's task, and this one E1's and E2's: nothing is left, and the next run says so.
    await converge('github', 'due')
    expect((await converge('aws', 'due')).run.idle).toEqual(['identity', 'github', 'aws', 'notify'])
    // A pending result is waiting work like a due task.
    const pending = { result: 'pending', verified: false, at: iso(NOW - HOUR), event_id: 'hr-E3' } as const
    await writeFile(join(dir, 'people', 'E3.json'), JSON.stringify(record('E3', { steps: { notify: pending } })))
    expect((await converge('aws', 'due')).run.idle).toEqual(['identity', 'github', 'aws'])
    // Other selections do not say.
    expect((await converge('aws', 'all')).run.idle).toBeUndefined()
  })

  it('all reports everybody active, runs the due ones for real, and takes offboarded people with undone tasks', async () => {
    expect((await converge('github', 'all')).seen).toEqual(['E1', 'E2', 'E3 (dry run)', 'E5 (dry run)'])
    expect((await converge('aws', 'all')).seen).toEqual([
      'E1 (dry run)',
      'E2 (dry run)',
      'E3 (dry run)',
      'E4',
      'E5 (dry run)',
    ])
  })

  it('says which tasks ran and how late, stamps them done, and lists what comes next', async () => {
    const { run } = await converge('github', 'due')
    expect(run.people.find((p) => p.employee_id === 'E1')?.tasks).toEqual([
      { step: 'github', why: 'early', due: iso(NOW - 5 * HOUR), late_ms: 5 * HOUR, grant_id: 'g-1' },
    ])
    const summary = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).toContain('### Scheduled tasks')
    expect(summary).toContain('- E1: github early due 2026-12-14 05:00 Europe/Berlin, 5 h late (missed schedule)')
    expect(summary).toContain('- E2: github early due 2026-12-14 09:50 Europe/Berlin, on time')
    // Upcoming: the whole ledger's github tasks in the next 14 days, by date then id, in the org's zone.
    const upcoming = summary.slice(summary.indexOf('### Upcoming'))
    expect(upcoming).toContain('Scheduled in the next 14 days (Europe/Berlin):')
    expect(upcoming).toContain(
      '- 2026-12-15 10:00 Europe/Berlin: E1 github (start)\n- 2026-12-17 10:00 Europe/Berlin: E5 github (start)',
    )
    // The ledger holds them done, with how late; the next due run has nobody to run.
    const e1 = JSON.parse(await readFile(join(dir, 'people', 'E1.json'), 'utf8')) as LedgerRecord
    expect(e1.schedule?.[0]).toMatchObject({ done_at: iso(NOW), late_ms: 5 * HOUR })
    expect(e1.schedule?.[1]?.done_at).toBeUndefined()
    // The JSON report carries the same.
    const report = JSON.parse(await readFile(join(dir, 'onramp-github-converge.json'), 'utf8'))
    expect(report.people[0].tasks[0]).toMatchObject({ why: 'early', late_ms: 5 * HOUR })
    expect(report.upcoming.map((t: { employee_id: string }) => t.employee_id)).toEqual(['E1', 'E5'])
    expect(report.time_zone).toBe('Europe/Berlin')
    expect((await converge('github', 'due')).seen).toEqual([])
  })

  it('a task is not stamped in a dry run: report mode without repair-waiting leaves it due', async () => {
    const run = await forEachPerson(
      'github',
      { ...inputs('E1', true), repairWaiting: false },
      async (one, batch) => {
        const s = await beginStep('github', one, { batch, env: env(), clock })
        await s.finish({ result: 'unchanged', receipts: [] })
      },
      { env: env(), clock },
    )
    expect(run.people[0]).toMatchObject({ employee_id: 'E1', dry_run: true })
    expect(run.people[0]?.tasks).toBeUndefined()
    const e1 = JSON.parse(await readFile(join(dir, 'people', 'E1.json'), 'utf8')) as LedgerRecord
    expect(e1.schedule?.[0]?.done_at).toBeUndefined()
  })
})
