// provision-identity's post-leave step through its built bundle, for both SCIM profiles: an offboard sets
// `active: false` at once; once guardrails dates.leaver.deactivate-after-days (3 here, in a copy of the guardrails)
// have passed on the sandbox's clock, the rerun of the offboard deletes the user (DELETE /Users/{id}), reads it back
// gone (404), and a later rerun changes nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GUARDRAILS, type Harness, startHarness } from '../../../test/support/harness.js'

const EMAIL = 'jamie.doe@acme.com'
const DAY = 24 * 3_600_000
const dir = mkdtempSync(join(tmpdir(), 'onramp-post-leave-'))
const guardrails = join(dir, 'guardrails.yaml')
writeFileSync(guardrails, `${readFileSync(GUARDRAILS, 'utf8')}dates:\n  leaver:\n    deactivate-after-days: 3\n`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.each(['generic', 'aws-identity-center'] as const)('provision-identity post-leave (scim, %s)', (profile) => {
  let h: Harness
  afterAll(() => h?.close())
  const scim = () => h.sandbox.emulators.scim.emulator
  const run = (event: unknown, eventName = 'repository_dispatch') =>
    h.run('provision-identity', {
      event,
      eventName,
      inputs: { provider: 'scim', 'scim-profile': profile, 'guardrails-file': guardrails },
    })
  const rerun = () =>
    run({ inputs: { 'employee-id': 'E1042', 'event-type': 'offboard', 'dry-run': 'false' } }, 'workflow_dispatch')
  const mark = () => {
    const seq = h.sandbox.log.list().at(-1)?.seq ?? 0
    return () =>
      h.sandbox.log
        .list({ emulator: 'scim', mutating: true })
        .filter((e) => e.seq > seq)
        .map((e) => `${e.route} ${e.status}`)
  }

  it('sets active false at the leave, deletes the user once the days have passed, read back gone', async () => {
    h = await startHarness({ guardrails, options: { scim: { profile } } })
    expect((await run(await h.event('onboard'))).code).toBe(0)
    const id = scim().user(EMAIL)!.id

    const leave = mark()
    const off = await run(await h.event('offboard', (p) => (p.occurred_at = new Date(h.now()).toISOString())))
    expect(off.code, off.stdout).toBe(0)
    expect(leave()).toEqual(['PATCH /Users/{id} 200'])
    expect(scim().user(EMAIL)!.active).toBe(false)
    const record = await h.record('E1042')
    const task = record?.schedule?.find((t) => t.why === 'deactivate')
    expect(task).toMatchObject({ step: 'identity' })
    expect(task?.done_at).toBeUndefined()

    // A day before it is due the rerun changes nothing.
    h.sandbox.clock.advance(Date.parse(task!.due) - DAY - h.now())
    const early = mark()
    expect((await rerun()).code).toBe(0)
    expect(early()).toEqual([])
    expect(scim().user(EMAIL)).toBeDefined()

    h.sandbox.clock.advance(DAY + 3_600_000)
    const due = mark()
    const r = await rerun()
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(due()).toEqual(['DELETE /Users/{id} 204'])
    expect(scim().user(EMAIL)).toBeUndefined()
    const status = JSON.parse(r.outputs.receipt!).find((x: { item: string }) => x.item === 'status')
    expect(status).toMatchObject({ action: 'delete', verified: true, before: { id, status: 'INACTIVE' } })
    expect(status.after).toBeNull() // no account: as revoked as it gets
    expect((await h.record('E1042'))?.schedule?.find((t) => t.why === 'deactivate')?.done_at).toBeDefined()

    const later = mark()
    const again = await rerun()
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('unchanged')
    expect(later()).toEqual([])
  }, 120_000)
})
