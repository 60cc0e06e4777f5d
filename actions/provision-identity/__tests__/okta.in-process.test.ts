// The Okta items in process, where faults and time need control: the reconcile loop and the HTTP client run
// on an injected clock against the sandbox's Okta emulator, so reset waits, backoff and read-back deadlines
// are asserted exactly and instantly.
import {
  type Clock,
  DEFAULT_POLICY,
  type EventType,
  loadAccess,
  maskPersonalData,
  plan,
  READ_BACK_POLICY,
  reconcile,
} from '@onramp/core'
import { fakeClock } from '@onramp/core/testing'
import { type OktaOptions, type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterEach, describe, expect, it } from 'vitest'
import { GUARDRAILS, ROLES } from '../../../test/support/harness.js'
import { createHttp } from '../src/http.js'
import { identityItems, type Person } from '../src/items.js'
import { oktaDirectory } from '../src/okta.js'

const access = loadAccess({ rolesFile: ROLES, guardrailsFile: GUARDRAILS })
let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

// These tests are about other behaviour: an org where activation completes without a password (federated
// sign-in), so activation gives ACTIVE. Okta's default, PROVISIONED, is tested in okta-oauth.bundle and e2e.
async function start(okta: OktaOptions = {}) {
  sandbox = await startSandbox({
    roles: ROLES,
    guardrails: GUARDRAILS,
    options: { okta: { provisionedWithoutPassword: false, ...okta } },
  })
  return sandbox
}

let n = 0
function person(role = 'designer'): Person & { role: string } {
  n += 1
  const email = `pat.inproc${n}@acme.com`
  maskPersonalData([email, 'Pat Inproc'])
  return { employeeId: `E80${String(n).padStart(2, '0')}`, email, name: 'Pat Inproc', role }
}

interface Options {
  clock: Clock
  timeoutMs?: number
  offboardMode?: 'suspend' | 'deactivate'
  readBack?: typeof READ_BACK_POLICY
}

function step(sb: Sandbox, type: EventType, who: Person & { role: string }, o: Options) {
  const http = createHttp({
    service: 'okta',
    baseUrl: sb.inputs['okta-org-url']!,
    headers: { authorization: `SSWS ${sb.inputs['okta-token']}` },
    clock: o.clock,
    policy: DEFAULT_POLICY,
    timeoutMs: o.timeoutMs ?? 5000,
  })
  const identity = plan(
    { type, eventId: `ev-${type}`, employeeId: who.employeeId, role: type === 'offboard' ? undefined : who.role },
    access.roles,
    access.guardrails,
  ).identity!
  const built = identityItems({
    dir: oktaDirectory(http),
    person: who,
    eventType: type,
    identity,
    activate: true,
    offboardMode: o.offboardMode ?? 'suspend',
  })
  return reconcile(built.items, { dryRun: false, clock: o.clock, readBack: o.readBack ?? READ_BACK_POLICY })
}

const log = (sb: Sandbox, route: string) => sb.log.list({ emulator: 'okta', route }).map((e) => e.status)
const receipt = (o: Awaited<ReturnType<typeof step>>, item: string) => o.receipts.find((r) => r.item === item)!

describe('provision-identity okta, in process', () => {
  it('waits until X-Rate-Limit-Reset on a 429 E0000047, measured against the server Date', async () => {
    const sb = await start()
    const reset = Math.floor(Date.now() / 1000) + 5
    sb.emulators.okta.faults.script({
      match: { route: 'POST /api/v1/users' },
      times: 1,
      respond: { status: 429, headers: { 'x-rate-limit-reset': String(reset), 'x-rate-limit-remaining': '0' } },
    })
    const clock = fakeClock({ random: () => 0 })
    const out = await step(sb, 'onboard', person(), { clock })
    expect(out.result).toBe('changed')
    expect(log(sb, 'POST /api/v1/users')).toEqual([429, 200])
    // reset − Date + 1 s margin: at least 5 s, and not the 1 s backoff the jitter alone would give.
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(5000)
    expect(clock.sleeps[0]).toBeLessThanOrEqual(7000)
  })

  it('never retries a 400 and reports the provider error without personal data', async () => {
    const sb = await start()
    const who = person()
    sb.emulators.okta.faults.script({
      match: { route: 'POST /api/v1/users' },
      times: 1,
      respond: {
        status: 400,
        body: {
          errorCode: 'E0000001',
          errorSummary: 'Api validation failed: login',
          errorCauses: [{ errorSummary: `login: ${who.email} already exists in the current organization` }],
        },
      },
    })
    const clock = fakeClock()
    const out = await step(sb, 'onboard', who, { clock })
    expect(out.result).toBe('failed')
    expect(log(sb, 'POST /api/v1/users')).toEqual([400])
    expect(clock.sleeps).toEqual([])
    const user = receipt(out, 'user')
    expect(user.reason).toMatch(/^okta 400 E0000001: Api validation failed: login/)
    expect(user.reason).not.toContain(who.email!)
    expect(receipt(out, 'group:design').reason).toBe('not attempted: user failed')
  })

  it('gives up on a persistent 500 after the policy’s attempts, with backoff between them', async () => {
    const sb = await start()
    sb.emulators.okta.faults.script({ match: { route: 'POST /api/v1/users' }, times: 10, respond: { status: 500 } })
    const clock = fakeClock({ random: () => 0.5 })
    const out = await step(sb, 'onboard', person(), { clock })
    expect(receipt(out, 'user').reason).toMatch(/gave up after 5 attempt\(s\): okta 500/)
    expect(log(sb, 'POST /api/v1/users')).toEqual([500, 500, 500, 500, 500])
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000])
  })

  it('retries a slow answer past the per-attempt timeout', async () => {
    const sb = await start()
    sb.emulators.okta.faults.script({ match: { route: 'GET /api/v1/users/{userId}' }, times: 1, delayMs: 400 })
    const clock = fakeClock()
    const out = await step(sb, 'onboard', person(), { clock, timeoutMs: 100 })
    expect(out.result).toBe('changed')
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(1)
    expect(sb.emulators.okta.faults.pending()).toBe(0)
  })

  it('a create whose answer was lost is found on the retry, not made twice', async () => {
    const sb = await start()
    const who = person()
    sb.emulators.okta.faults.script({ match: { route: 'POST /api/v1/users' }, times: 1, delayMs: 300 })
    // Real waits, so the slow create lands before the retry looks for it.
    const clock: Clock = {
      now: () => Date.now(),
      random: () => 1,
      sleep: () => new Promise((r) => setTimeout(r, 500)),
    }
    const out = await step(sb, 'onboard', who, { clock, timeoutMs: 100 })
    expect(out.result).toBe('changed')
    expect(log(sb, 'POST /api/v1/users')).toEqual([200])
    expect(
      sb.emulators.okta.emulator.state().users.filter((u) => u.profile.employeeNumber === who.employeeId),
    ).toHaveLength(1)
  })

  it('polls transitioningToStatus until the deactivation settles', async () => {
    const sb = await start({ deactivateDelayMs: 5000 })
    const who = person()
    expect((await step(sb, 'onboard', who, { clock: fakeClock() })).result).toBe('changed')
    // Each read-back wait moves sandbox time too, so the emulator settles on the loop's schedule.
    const clock = fakeClock({ random: () => 1 })
    const sleep = clock.sleep
    clock.sleep = async (ms) => {
      sb.clock.advance(ms)
      await sleep(ms)
    }
    const out = await step(sb, 'offboard', who, { clock, offboardMode: 'deactivate' })
    expect(receipt(out, 'status')).toMatchObject({
      action: 'deactivate',
      verified: true,
      result: 'changed',
      after: { status: 'DEPROVISIONED' },
    })
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5000)
    expect(log(sb, 'DELETE /api/v1/users/{userId}/sessions')).toEqual([204])
  })

  it('fails at the deadline while still transitioning, and a rerun does not deactivate again', async () => {
    const sb = await start({ deactivateDelayMs: 3_600_000 })
    const who = person()
    expect((await step(sb, 'onboard', who, { clock: fakeClock() })).result).toBe('changed')
    const out = await step(sb, 'offboard', who, { clock: fakeClock(), offboardMode: 'deactivate' })
    const status = receipt(out, 'status')
    expect(status.result).toBe('failed')
    expect(status.reason).toMatch(/verification failed: .*"transitioning":"DEPROVISIONED"/)
    const again = await step(sb, 'offboard', who, { clock: fakeClock(), offboardMode: 'deactivate' })
    expect(receipt(again, 'status')).toMatchObject({ action: 'wait for transition', result: 'failed' })
    expect(log(sb, 'POST /api/v1/users/{userId}/lifecycle/deactivate')).toEqual([200])
  })

  it('catches a suspend answered 200 that changed nothing, within the read-back deadline', async () => {
    const sb = await start()
    const who = person()
    expect((await step(sb, 'onboard', who, { clock: fakeClock() })).result).toBe('changed')
    sb.emulators.okta.emulator.lieOnNext('suspend')
    const clock = fakeClock()
    const out = await step(sb, 'offboard', who, { clock })
    expect(receipt(out, 'status')).toMatchObject({ action: 'suspend', verified: false, result: 'failed' })
    expect(clock.now() - Date.UTC(2026, 10, 26)).toBeLessThanOrEqual(READ_BACK_POLICY.deadlineMs)
    expect(log(sb, 'GET /api/v1/users/{userId}').length).toBeGreaterThan(3)
  })

  it('suspends only ACTIVE users: a STAGED leaver is deactivated instead', async () => {
    const sb = await start()
    const who = person()
    expect((await step(sb, 'onboard', who, { clock: fakeClock() })).result).toBe('changed')
    sb.emulators.okta.emulator.setStatus(who.email!, 'STAGED')
    const out = await step(sb, 'offboard', who, { clock: fakeClock() })
    expect(receipt(out, 'status')).toMatchObject({
      action: 'deactivate',
      result: 'changed',
      after: { status: 'DEPROVISIONED' },
    })
  })

  it('a rehire is reactivated before its changed profile is written', async () => {
    const sb = await start()
    const who = person()
    const clock = fakeClock()
    expect((await step(sb, 'onboard', who, { clock })).result).toBe('changed')
    expect((await step(sb, 'offboard', who, { clock, offboardMode: 'deactivate' })).result).toBe('changed')
    const rehire = { ...who, name: 'Pat Inproc-Lee' }
    maskPersonalData([rehire.name])
    const seq = sb.log.list().at(-1)!.seq
    const out = await step(sb, 'onboard', rehire, { clock })
    expect(out.result).toBe('changed')
    expect(receipt(out, 'status')).toMatchObject({ action: 'activate', after: { status: 'ACTIVE' } })
    expect(receipt(out, 'profile')).toMatchObject({ action: 'update', after: { differs: [] } })
    expect(
      sb.log
        .list({ emulator: 'okta', mutating: true })
        .filter((e) => e.seq > seq)
        .map((e) => e.route),
    ).toEqual(['POST /api/v1/users/{userId}/lifecycle/activate', 'POST /api/v1/users/{userId}'])
  })
})
