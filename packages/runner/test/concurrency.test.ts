// Concurrency groups shared by runs at once, as GitHub keeps them: one in progress per group, one pending (a newer
// arrival replaces it, which ends cancelled), `queue: max` waiting in order, cancel-in-progress, job-level groups.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConcurrencyGroups, type ProgressEvent, runWorkflow, WorkflowError } from '../src/index.js'
import { fixtures, runFixture } from './helpers.js'

/** Starts a workflow_dispatch run sharing `groups`; `until` resolves when an event matching it has been seen. */
function start(
  groups: ConcurrencyGroups,
  workflow: string,
  inputs: Record<string, string | boolean>,
  log: string[],
  label: string,
) {
  const events: ProgressEvent[] = []
  const waiters: { match: (e: ProgressEvent) => boolean; resolve: () => void }[] = []
  const done = runFixture(workflow, {
    eventName: 'workflow_dispatch',
    event: {},
    inputs,
    concurrency: groups,
    onProgress: (event) => {
      events.push(event)
      if (event.type === 'job-start' || event.type === 'job-end') log.push(`${label}:${event.type}:${event.job}`)
      for (const w of waiters.filter((x) => x.match(event))) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
    },
  })
  const until = (match: (e: ProgressEvent) => boolean) =>
    events.some(match) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, resolve }))
  return { done, events, until }
}

const waiting = (e: ProgressEvent) => e.type === 'concurrency' && e.state === 'waiting'
const jobStarted = (job: string) => (e: ProgressEvent) => e.type === 'job-start' && e.job === job

describe('workflow-level concurrency groups', () => {
  it('keeps one run in progress and one pending: a newer pending run replaces the older, which ends cancelled', async () => {
    const groups = new ConcurrencyGroups()
    const log: string[] = []
    const a = start(groups, 'concurrency-run.yml', { group: 'deploy', seconds: '2' }, log, 'a')
    await a.until(jobStarted('work'))
    // The group name is compared case-insensitively, as on GitHub.
    const b = start(groups, 'concurrency-run.yml', { group: 'Deploy' }, log, 'b')
    await b.until(waiting)
    const c = start(groups, 'concurrency-run.yml', { group: 'DEPLOY' }, log, 'c')
    await c.until(waiting)
    const [ra, rb, rc] = await Promise.all([a.done, b.done, c.done])
    expect(ra.result.conclusion).toBe('success')
    expect(rb.result.conclusion).toBe('cancelled')
    expect(rb.result.jobs.work?.result).toBe('cancelled')
    expect(rb.result.jobs.work?.steps).toEqual([])
    expect(b.events).toContainEqual({
      type: 'concurrency',
      group: 'Deploy',
      state: 'cancelled',
      // GitHub names the group as the newer arrival spelled it.
      message: "Canceling since a higher priority waiting request for 'DEPLOY' exists",
    })
    expect(rc.result.conclusion).toBe('success')
    // c started only once a had ended; b never started.
    expect(log.indexOf('c:job-start:work')).toBeGreaterThan(log.indexOf('a:job-end:work'))
    expect(log).not.toContain('b:job-start:work')
    expect(rc.result.workflow.concurrency).toEqual({ group: 'DEPLOY', cancelInProgress: false })
    expect(groups.snapshot()).toEqual({})
  }, 60_000)

  it('with queue: max, pending runs wait and start in the order they began waiting', async () => {
    const groups = new ConcurrencyGroups()
    const log: string[] = []
    const a = start(groups, 'concurrency-queue.yml', { group: 'employee-E1', seconds: '1' }, log, 'a')
    await a.until(jobStarted('work'))
    const b = start(groups, 'concurrency-queue.yml', { group: 'employee-E1', seconds: '1' }, log, 'b')
    await b.until(waiting)
    const c = start(groups, 'concurrency-queue.yml', { group: 'employee-E1' }, log, 'c')
    await c.until(waiting)
    expect(groups.snapshot()).toEqual({ 'employee-E1': { running: true, pending: 2 } })
    const results = await Promise.all([a.done, b.done, c.done])
    expect(results.map((r) => r.result.conclusion)).toEqual(['success', 'success', 'success'])
    expect(log.filter((l) => l.endsWith('job-start:work'))).toEqual([
      'a:job-start:work',
      'b:job-start:work',
      'c:job-start:work',
    ])
    expect(log.indexOf('b:job-start:work')).toBeGreaterThan(log.indexOf('a:job-end:work'))
    expect(log.indexOf('c:job-start:work')).toBeGreaterThan(log.indexOf('b:job-end:work'))
  }, 60_000)

  it('cancel-in-progress cancels the run in progress (its cancelled() steps still run); the newer one runs after', async () => {
    const groups = new ConcurrencyGroups()
    const log: string[] = []
    const a = start(groups, 'concurrency-cancel.yml', { group: 'plan-7', seconds: '30' }, log, 'a')
    await a.until((e) => e.type === 'step-start' && e.job === 'work')
    const began = Date.now()
    const b = start(groups, 'concurrency-cancel.yml', { group: 'plan-7' }, log, 'b')
    const [ra, rb] = await Promise.all([a.done, b.done])
    expect(Date.now() - began).toBeLessThan(25_000)
    expect(ra.result.conclusion).toBe('cancelled')
    expect(ra.result.jobs.work?.steps.map((s) => [s.id ?? s.name, s.conclusion])).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the step's display name is its script as written
      ['Run sleep ${{ inputs.seconds }}; echo done', 'cancelled'],
      ['cleanup', 'success'],
    ])
    expect(a.events).toContainEqual(
      expect.objectContaining({ type: 'concurrency', state: 'cancelled', group: 'plan-7' }),
    )
    expect(rb.result.conclusion).toBe('success')
    expect(log.indexOf('b:job-start:work')).toBeGreaterThan(log.indexOf('a:job-end:work'))
  }, 60_000)

  it('groups of different names do not wait for each other', async () => {
    const groups = new ConcurrencyGroups()
    const log: string[] = []
    const a = start(groups, 'concurrency-run.yml', { group: 'org-a', seconds: '1' }, log, 'a')
    const b = start(groups, 'concurrency-run.yml', { group: 'org-b', seconds: '1' }, log, 'b')
    const [ra, rb] = await Promise.all([a.done, b.done])
    expect([ra.result.conclusion, rb.result.conclusion]).toEqual(['success', 'success'])
    expect([...a.events, ...b.events].filter(waiting)).toEqual([])
  }, 60_000)

  it('refuses queue: max with cancel-in-progress: true as GitHub does, before anything runs', async () => {
    await expect(runFixture('concurrency-invalid.yml')).rejects.toThrow(WorkflowError)
    const events: ProgressEvent[] = []
    await expect(runFixture('concurrency-invalid-job.yml', { onProgress: (e) => events.push(e) })).rejects.toThrow(
      /jobs\.access\.concurrency: queue 'max' cannot be combined with cancel-in-progress: true/,
    )
    expect(events.filter((e) => e.type === 'job-start')).toEqual([])
  })
})

describe('job-level concurrency groups', () => {
  it('a job replaced while pending ends cancelled, its dependents are skipped and the run is cancelled', async () => {
    const groups = new ConcurrencyGroups()
    const log: string[] = []
    const a = start(groups, 'concurrency-jobs.yml', { org: 'acme', seconds: '2' }, log, 'a')
    await a.until(jobStarted('access'))
    const b = start(groups, 'concurrency-jobs.yml', { org: 'ACME' }, log, 'b')
    await b.until(waiting)
    // Another organization's group is free: its access job does not wait.
    const other = start(groups, 'concurrency-jobs.yml', { org: 'globex' }, log, 'o')
    const c = start(groups, 'concurrency-jobs.yml', { org: 'acme' }, log, 'c')
    await c.until(waiting)
    const [ra, rb, rc, ro] = await Promise.all([a.done, b.done, c.done, other.done])
    expect(ra.result.conclusion).toBe('success')
    expect(ro.result.conclusion).toBe('success')
    expect(other.events.filter(waiting)).toEqual([])
    expect(rb.result.conclusion).toBe('cancelled')
    expect(Object.fromEntries(Object.entries(rb.result.jobs).map(([id, j]) => [id, j.result]))).toEqual({
      validate: 'success',
      access: 'cancelled',
      notify: 'skipped',
    })
    expect(rb.result.jobs.access?.error).toBe(
      "Canceling since a higher priority waiting request for 'access-acme' exists",
    )
    expect(b.events).toContainEqual({ type: 'concurrency', job: 'access', group: 'access-ACME', state: 'waiting' })
    expect(rc.result.conclusion).toBe('success')
    expect(rc.result.jobs.access?.concurrency).toEqual({ group: 'access-acme', cancelInProgress: false })
    expect(log.indexOf('c:job-start:access')).toBeGreaterThan(log.indexOf('a:job-end:access'))
  }, 60_000)

  it('a job pending in its group is withdrawn when its run is cancelled', async () => {
    const groups = new ConcurrencyGroups()
    const log: string[] = []
    const a = start(groups, 'concurrency-jobs.yml', { org: 'acme', seconds: '3' }, log, 'a')
    await a.until(jobStarted('access'))
    const controller = new AbortController()
    const events: ProgressEvent[] = []
    const b = runFixture('concurrency-jobs.yml', {
      eventName: 'workflow_dispatch',
      inputs: { org: 'acme' },
      concurrency: groups,
      signal: controller.signal,
      onProgress: (e) => {
        events.push(e)
        if (waiting(e)) controller.abort()
      },
    })
    const rb = await b
    expect(rb.result.conclusion).toBe('cancelled')
    expect(rb.result.jobs.access?.result).toBe('cancelled')
    expect(log).not.toContain('a:job-end:access')
    expect((await a.done).result.conclusion).toBe('success')
    expect(groups.snapshot()).toEqual({})
  }, 60_000)

  it("a job's cancel-in-progress cancels the job in progress; that run's dependents are skipped", async () => {
    const groups = new ConcurrencyGroups()
    const log: string[] = []
    const a = start(groups, 'concurrency-jobs.yml', { org: 'acme', seconds: '30' }, log, 'a')
    await a.until((e) => e.type === 'step-start' && e.job === 'access')
    const b = start(groups, 'concurrency-jobs.yml', { org: 'acme', cancel: true }, log, 'b')
    const [ra, rb] = await Promise.all([a.done, b.done])
    expect(ra.result.conclusion).toBe('cancelled')
    expect(ra.result.jobs.access?.result).toBe('cancelled')
    expect(ra.result.jobs.notify?.result).toBe('skipped')
    expect(rb.result.conclusion).toBe('success')
    expect(rb.result.jobs.notify?.result).toBe('success')
  }, 60_000)
})

describe('concurrency deadlocks', () => {
  it('a job whose group its own run holds is cancelled as GitHub cancels a deadlock, not left waiting', async () => {
    const { result } = await runFixture('concurrency-deadlock.yml', { concurrency: new ConcurrencyGroups() })
    expect(result.conclusion).toBe('cancelled')
    expect(result.jobs.build?.result).toBe('cancelled')
    expect(result.jobs.build?.error).toBe(
      "Canceling since a deadlock for concurrency group 'Deploy' was detected between 'top level workflow' and 'build'",
    )
    expect(result.jobs.after?.result).toBe('skipped')
    expect(result.jobs.free?.result).toBe('success')
  }, 60_000)

  it("a called workflow whose group its caller holds is cancelled, naming the caller's job", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'onramp-caller-')), 'caller')
    mkdirSync(join(dir, '.github/workflows'), { recursive: true })
    const caller = (group: string) => `name: caller
on: push
permissions: {}
concurrency: ${group}
jobs:
  publish:
    uses: acme/library/.github/workflows/guarded.yml@v1
`
    const run = () =>
      runWorkflow({
        workflowFile: '.github/workflows/caller.yml',
        repoRoot: dir,
        eventName: 'push',
        event: {},
        standIns: {},
        repositories: { 'acme/library': fixtures },
        concurrency: new ConcurrencyGroups(),
      })
    writeFileSync(join(dir, '.github/workflows/caller.yml'), caller('Release'))
    const deadlocked = await run()
    expect(deadlocked.conclusion).toBe('cancelled')
    expect(deadlocked.jobs.publish?.result).toBe('cancelled')
    expect(deadlocked.jobs.publish?.annotations.map((a) => a.message)).toContain(
      "Canceling since a deadlock for concurrency group 'release' was detected between 'top level workflow' and 'publish'",
    )
    writeFileSync(join(dir, '.github/workflows/caller.yml'), caller('release-caller'))
    expect((await run()).conclusion).toBe('success')
  }, 60_000)
})
