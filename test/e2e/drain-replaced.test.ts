// Hires dispatched at once through lifecycle.yml share the per-system job groups: a run whose identity job was
// replaced while pending (cancelled) runs none of its later jobs, because the run that replaced it took its hire
// in and its own later jobs drain everybody. Every hire is still applied exactly once. With a wave, the identity
// job takes that many people and wakes another run for the rest.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY, sandboxConcurrency } from '@onramp/runner'
import type { Sandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/harness.js'
import { hireEvent, sentDispatches, startHiresSandbox } from '../support/hire-event.js'

const HIRES = [0, 1, 2, 3].map((i) => ({ id: `E${6100 + i}`, login: `drain-hire-${i}`, event: `hr-drain-${i}` }))

const onboard = (h: (typeof HIRES)[number], index: number) =>
  hireEvent({
    employeeId: h.id,
    eventId: h.event,
    name: `Drain Hire ${index}`,
    email: `drain.hire${index}@acme.com`,
    login: h.login,
  })

describe('lifecycle.yml: hires dispatched at once', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startHiresSandbox(
      HIRES.map((h) => h.login),
      810_000,
    )
  })
  afterAll(() => sandbox.close())

  it('a run whose identity job was replaced runs no later job; every hire is applied once', async () => {
    const results = await Promise.all(
      HIRES.map((h, i) =>
        runInSandbox(sandbox, {
          repoRoot,
          eventName: 'repository_dispatch',
          event: onboard(h, i),
          runId: String(61_000 + i),
        }),
      ),
    )
    const replaced = results.filter((r) => r.jobs.identity?.result === 'cancelled')
    // Four runs at once in one identity group: one runs, one waits, and each newer one replaces the waiting one.
    expect(replaced.length).toBeGreaterThan(0)
    for (const r of replaced)
      for (const job of ['github', 'aws', 'notify']) expect(r.jobs[job]?.result, job).toBe('skipped')
    for (const r of results.filter((r) => r.jobs.identity?.result !== 'cancelled'))
      expect(r.jobs.identity?.result).toBe('success')

    const github = sandbox.emulators.github.emulator
    const invitations = (github.state() as { invitations: { login: string | null }[] }).invitations
    for (const h of HIRES) {
      const text = github.file(SANDBOX_REPOSITORY.owner, SANDBOX_REPOSITORY.name, `people/${h.id}.json`, 'onramp-state')
      const record = JSON.parse(text ?? '{}')
      expect(record.last_event?.event_id, h.id).toBe(h.event)
      for (const step of ['identity', 'github', 'aws', 'notify'])
        expect(record.steps?.[step], `${h.id} ${step}`).toMatchObject({ event_id: h.event })
      expect(invitations.filter((i) => i.login === h.login)).toHaveLength(1)
      expect(
        sandbox.mail.list().filter((m) => m.envelope?.to?.includes(`drain.hire${HIRES.indexOf(h)}@acme.com`)),
      ).toHaveLength(1)
    }
  })
})

describe('lifecycle.yml: a drain in waves (vars.ONRAMP_DRAIN_WAVE)', () => {
  const hires = [0, 1, 2].map((i) => ({ id: `E${6200 + i}`, login: `wave-hire-${i}`, event: `hr-wave-${i}` }))
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startHiresSandbox(
      hires.map((h) => h.login),
      820_000,
    )
  })
  afterAll(() => sandbox.close())

  it('the identity job takes one person a run and wakes a run for the rest; nobody waits for a reviewer twice', async () => {
    const vars = { ONRAMP_DRAIN_WAVE: '1' }
    const reviews: string[] = []
    // Every hire's review is approved once all three asked: their intents are all in before any identity job.
    let allAsked!: () => void
    const asked = new Promise<void>((resolve) => {
      allAsked = resolve
    })
    const approve = async (r: { environment: string; runId: string }) => {
      reviews.push(`${r.environment} ${r.runId}`)
      if (reviews.length === hires.length) allAsked()
      await asked
      return true
    }
    const runs = await Promise.all(
      hires.map((h, i) =>
        runInSandbox(sandbox, {
          repoRoot,
          eventName: 'repository_dispatch',
          event: hireEvent({
            employeeId: h.id,
            eventId: h.event,
            name: `Wave Hire ${i}`,
            email: `wave.hire${i}@acme.com`,
            login: h.login,
          }),
          runId: String(62_000 + i),
          vars,
          approve,
        }),
      ),
    )
    const hrReviews = reviews.length
    expect(hrReviews).toBe(hires.length)
    // The wake-ups the runs sent, each run as GitHub would start it, until a drain leaves nobody.
    const wakes = await runWakeUps(sandbox, 0, 'joiners', { vars, approve, firstRunId: 62_100 })
    expect(wakes.length).toBeGreaterThan(0)
    // A wake-up asks no reviewer: each hire's review happened once, in its own run.
    expect(reviews.length).toBe(hrReviews)
    for (const r of [...runs, ...wakes]) {
      // A run whose identity job was replaced in its group is cancelled (see above).
      expect(r.conclusion === 'success' || r.jobs.identity?.result === 'cancelled', r.conclusion).toBe(true)
      if (r.jobs.identity?.result === 'cancelled') continue
      const left = Number(r.jobs.identity?.outputs.left ?? 0)
      // It wakes once its GitHub job is done; one replaced in its group leaves that to the run that replaced it.
      const sends = left > 0 && r.jobs.github?.result !== 'cancelled'
      expect(r.jobs.wake?.result).toBe(sends ? 'success' : 'skipped')
    }
    for (const r of wakes) expect(r.jobs.review?.result).toBe('skipped')
    // The first identity job had all three pending: it ran one and left two.
    expect(Math.max(...runs.map((r) => Number(r.jobs.identity?.outputs.left ?? 0)))).toBe(2)

    const github = sandbox.emulators.github.emulator
    const invitations = (github.state() as { invitations: { login: string | null }[] }).invitations
    for (const [i, h] of hires.entries()) {
      const text = github.file(SANDBOX_REPOSITORY.owner, SANDBOX_REPOSITORY.name, `people/${h.id}.json`, 'onramp-state')
      const record = JSON.parse(text ?? '{}')
      for (const step of ['identity', 'github', 'aws', 'notify'])
        expect(record.steps?.[step], `${h.id} ${step}`).toMatchObject({ event_id: h.event })
      expect(invitations.filter((x) => x.login === h.login)).toHaveLength(1)
      expect(sandbox.mail.list().filter((m) => m.envelope?.to?.includes(`wave.hire${i}@acme.com`))).toHaveLength(1)
    }
  })
  it('leavers go in waves too, in their own groups and environment: every access is revoked', async () => {
    const vars = { ONRAMP_DRAIN_WAVE: '1' }
    const { owner, name } = SANDBOX_REPOSITORY
    // The leavers' identity group held while the three offboards come in, so the drain that gets it has all three.
    const groups = sandboxConcurrency(sandbox)
    const group = 'onramp-identity-acme-leavers'
    const hold = await groups.acquire({
      repository: `${owner}/${name}`,
      group,
      cancelInProgress: false,
      cancel: () => {},
    })
    if (!hold.held) throw new Error('the leavers identity group is taken')
    const seen = sentDispatches(sandbox, 0).length
    let settled = 0
    const runs = hires.map((h, i) => {
      const event = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/events/offboard.json'), 'utf8'))
      Object.assign(event.client_payload, { event_id: `hr-wave-leave-${i}`, occurred_at: new Date().toISOString() })
      event.client_payload.person.employee_id = h.id
      return runInSandbox(sandbox, {
        repoRoot,
        eventName: 'repository_dispatch',
        event,
        runId: String(63_000 + i),
        vars,
      }).finally(() => settled++)
    })
    // One identity job waits; the two it replaced ended their runs.
    while (settled < hires.length - 1 || groups.snapshot()[group]?.pending !== 1)
      await new Promise((r) => setTimeout(r, 20))
    hold.release()
    const results = await Promise.all(runs)
    const wakes = await runWakeUps(sandbox, seen, 'leavers', { vars, firstRunId: 63_100 })
    expect(wakes.length).toBe(2)
    for (const r of [...results, ...wakes].filter((r) => r.jobs.identity?.result !== 'cancelled')) {
      expect(r.conclusion).toBe('success')
      expect(r.jobs.identity?.environment?.name).toBe('onramp-offboarding')
      expect(r.jobs.review?.result).toBe('skipped')
    }
    const github = sandbox.emulators.github.emulator
    const state = github.state() as {
      invitations: { login: string | null; status: string }[]
      orgs: { login: string; members: Record<string, string> }[]
    }
    for (const h of hires) {
      const text = github.file(owner, name, `people/${h.id}.json`, 'onramp-state')
      const record = JSON.parse(text ?? '{}')
      expect(record.status, h.id).toBe('offboarded')
      for (const step of ['identity', 'github', 'aws', 'notify'])
        expect(record.steps?.[step], `${h.id} ${step}`).toMatchObject({ event_id: `hr-wave-leave-${hires.indexOf(h)}` })
      expect(state.invitations.filter((x) => x.login === h.login && x.status === 'pending')).toEqual([])
      expect(state.orgs.find((o) => o.login === 'acme')?.members[h.login]).toBeUndefined()
    }
  })
})

/**
 * Runs each wake-up the runs sent after the first `seen` dispatches, as GitHub would start it (unsigned), and the
 * ones those runs send, until none is sent; every one names `queue`. The runs, in the order they were started.
 */
async function runWakeUps(
  sandbox: Sandbox,
  seen: number,
  queue: 'joiners' | 'leavers',
  o: Pick<Parameters<typeof runInSandbox>[1], 'vars' | 'approve'> & { firstRunId: number },
) {
  const runs = []
  for (let sent = sentDispatches(sandbox, seen); sent.length; sent = sentDispatches(sandbox, seen)) {
    seen += sent.length
    for (const event of sent) {
      expect(event).toMatchObject({ action: 'drain', client_payload: { queue } })
      runs.push(
        await runInSandbox(sandbox, {
          repoRoot,
          eventName: 'repository_dispatch',
          event,
          sign: false,
          runId: String(o.firstRunId + runs.length),
          vars: o.vars,
          approve: o.approve,
        }),
      )
    }
  }
  return runs
}
