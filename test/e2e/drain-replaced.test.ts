// Hires dispatched at once through lifecycle.yml share the per-system job groups: a run whose identity job was
// replaced while pending (cancelled) runs none of its later jobs, because the run that replaced it took its hire
// in and its own later jobs drain everybody. Every hire is still applied exactly once.
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import type { Sandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/harness.js'
import { hireEvent, startHiresSandbox } from '../support/hire-event.js'

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
