// grant-aws in process, where faults and time need control: Throttling, 500 and connection resets recovered by
// the client's retry strategy; LimitExceeded reported at once; the read-back rides out a consistency window and
// fails past its deadline. The clock is fake: its sleeps advance the sandbox clock too, so IAM's lag passes.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Clock, loadAccess, type READ_BACK_POLICY, type Receipt, resetPersonalData } from '@onramp/core'
import { automationRolePolicy } from '@onramp/core/aws-policies'
import { fakeClock, signDispatch } from '@onramp/core/testing'
import { iamFault, type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { commonInputs, GUARDRAILS, ROLES, sampleEvent } from '../../../test/support/harness.js'
import { type Inputs, run } from '../src/main.js'

const USER = 'jamie.doe+e1042'

let sandbox: Sandbox
let dir: string
let saved: NodeJS.ProcessEnv

beforeEach(async () => {
  saved = { ...process.env }
  dir = await mkdtemp(join(tmpdir(), 'onramp-grant-aws-'))
  process.env.GITHUB_OUTPUT = join(dir, 'output')
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary')
  await writeFile(process.env.GITHUB_OUTPUT, '')
  await writeFile(process.env.GITHUB_STEP_SUMMARY, '')
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
})

afterEach(async () => {
  vi.restoreAllMocks()
  process.env = saved
  process.exitCode = undefined
  resetPersonalData()
  await sandbox?.close()
})

/** A fake clock whose sleeps also move the sandbox clock: IAM's consistency window passes with them. */
function linkedClock(): Clock & { sleeps: number[] } {
  // At the real now: the event is signed in real time, and the step checks its age by this clock.
  const clock = fakeClock({ start: Date.now(), random: () => 0.5 })
  return {
    sleeps: clock.sleeps,
    now: clock.now,
    random: clock.random,
    async sleep(ms) {
      sandbox.clock.advance(ms)
      await clock.sleep(ms)
    },
  }
}

async function runOnboard(
  options: { clock?: Clock; readBack?: typeof READ_BACK_POLICY; type?: 'onboard' | 'offboard' } = {},
) {
  const event = signDispatch(await sampleEvent(options.type ?? 'onboard'))
  await writeFile(process.env.GITHUB_OUTPUT!, '')
  const eventPath = join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify(event))
  const inputs: Inputs = {
    ...commonInputs(join(dir, 'state')),
    awsRegion: 'us-east-1',
    deleteUser: false,
  }
  await run(inputs, {
    env: { ...sandbox.env, GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: 'repository_dispatch' },
    clock: options.clock ?? linkedClock(),
    readBack: options.readBack,
    fast: true,
  })
  const out = await readFile(process.env.GITHUB_OUTPUT!, 'utf8')
  const value = (name: string) => new RegExp(`^${name}<<(.+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(out)?.[2]
  return { result: value('result'), receipts: JSON.parse(value('receipt') ?? '[]') as Receipt[] }
}

const calls = (route: string) => sandbox.log.list({ emulator: 'iam', route: `IAM ${route}` })

describe('grant-aws in process', () => {
  it('recovers from Throttling, a 500 and a connection reset through the client policy', async () => {
    sandbox = await startSandbox({ roles: ROLES, guardrails: GUARDRAILS })
    const faults = sandbox.emulators.iam.faults
    faults.script(
      { match: { route: 'IAM CreateUser' }, times: 2, respond: iamFault('Throttling', 400, 'Rate exceeded') },
      { match: { route: 'IAM AttachUserPolicy' }, times: 1, respond: { status: 500 } },
      { match: { route: 'IAM AddUserToGroup' }, times: 1, reset: true },
    )
    const clock = linkedClock()
    const { result, receipts } = await runOnboard({ clock })
    expect(result, JSON.stringify(receipts)).toBe('changed')
    expect(calls('CreateUser').map((e) => e.status)).toEqual([400, 400, 200])
    expect(calls('AttachUserPolicy').map((e) => e.status)).toEqual([500, 200, 200])
    expect(calls('AddUserToGroup').map((e) => e.status)).toEqual([0, 200])
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(4) // every retry waited through the policy
    const u = sandbox.emulators.iam.emulator.user(USER)!
    expect(u.groups).toEqual(['developers'])
    expect(u.policies).toHaveLength(2)
    expect(receipts.every((r) => r.verified)).toBe(true)
  })

  it('reports LimitExceeded at once (a quota, not throttling) and still does the independent items', async () => {
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      options: { iam: { quotas: { policiesPerUser: 1 } } },
    })
    const { result, receipts } = await runOnboard()
    expect(result).toBe('failed')
    expect(calls('AttachUserPolicy').map((e) => e.status)).toEqual([200, 409]) // the refused one is not retried
    const failed = receipts.filter((r) => r.result === 'failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]!.item).toMatch(/^policy:/)
    expect(failed[0]!.reason).toMatch(/^LimitExceeded: .*PoliciesPerUser.*not retried/)
    expect(receipts.find((r) => r.item === 'group:developers')?.result).toBe('changed')
  })

  it('a refused call (403) fails its item with the service code, once, without personal data', async () => {
    sandbox = await startSandbox({ roles: ROLES, guardrails: GUARDRAILS })
    sandbox.emulators.iam.faults.script({ match: { route: 'IAM AddUserToGroup' }, times: 1, respond: { status: 403 } })
    const { result, receipts } = await runOnboard()
    expect(result).toBe('failed')
    expect(calls('AddUserToGroup').map((e) => e.status)).toEqual([403])
    const failed = receipts.find((r) => r.item === 'group:developers')!
    expect(failed.reason).toMatch(/^InvalidClientTokenId: /)
    expect(JSON.stringify(receipts)).not.toMatch(/jamie\.doe@|Jamie Doe/i)
    expect(receipts.filter((r) => r.item.startsWith('policy:') && r.result === 'changed')).toHaveLength(2)
  })

  it('a call the automation role’s policy does not allow answers AccessDenied: its item fails, once, not retried', async () => {
    // The generated policy without the attach statement: the code needs a permission the policy lacks.
    const { roles, guardrails } = loadAccess({ rolesFile: ROLES, guardrailsFile: GUARDRAILS })
    const policy = automationRolePolicy(roles, guardrails)
    policy.Statement = policy.Statement.filter((st) => !st.Sid.startsWith('AttachOnly'))
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      options: { iam: { callerPolicy: JSON.stringify(policy) } },
    })
    const { result, receipts } = await runOnboard()
    expect(result).toBe('failed')
    expect(calls('AttachUserPolicy').map((e) => e.status)).toEqual([403, 403])
    const failed = receipts.filter((r) => r.result === 'failed')
    expect(failed.map((r) => r.item)).toEqual([expect.stringMatching(/^policy:/), expect.stringMatching(/^policy:/)])
    for (const r of failed)
      expect(r.reason).toMatch(
        /^AccessDenied: .* not authorized to perform: iam:AttachUserPolicy on resource: arn:aws:iam::123456789012:user\/onramp\//,
      )
    expect(receipts.find((r) => r.item === 'user')?.result).toBe('changed')
    expect(sandbox.emulators.iam.emulator.user(USER)!.policies).toEqual([])
  })

  it('offboard: a refused first read is a failed, recorded step, not a crash; nothing is changed', async () => {
    sandbox = await startSandbox({ roles: ROLES, guardrails: GUARDRAILS })
    expect((await runOnboard()).result).toBe('changed')
    const before = sandbox.log.list({ emulator: 'iam', mutating: true }).length
    sandbox.emulators.iam.faults.script({ match: { route: 'IAM GetUser' }, times: 1, respond: { status: 403 } })
    const { result, receipts } = await runOnboard({ type: 'offboard' })
    expect(result).toBe('failed')
    expect(receipts).toHaveLength(1)
    expect(receipts[0]).toMatchObject({ item: 'user', result: 'failed' })
    expect(receipts[0]!.reason).toMatch(/^InvalidClientTokenId: /)
    expect(sandbox.log.list({ emulator: 'iam', mutating: true })).toHaveLength(before)
    const record = JSON.parse(await readFile(join(dir, 'state', 'people', 'E1042.json'), 'utf8'))
    expect(record.steps.aws.result).toBe('failed')
  })

  it('a CreateUser whose read-back fails says the user was created, not that nothing changed', async () => {
    sandbox = await startSandbox({ roles: ROLES, guardrails: GUARDRAILS })
    const faults = sandbox.emulators.iam.faults
    // The first GetUser (absent) passes; every read-back after CreateUser fails with a 500.
    faults.script(
      { match: { route: 'IAM GetUser' }, times: 1, delayMs: 0 },
      { match: { route: 'IAM GetUser' }, times: 100, respond: { status: 500 } },
    )
    const { result, receipts } = await runOnboard()
    expect(result).toBe('failed')
    expect(calls('CreateUser').map((e) => e.status)).toEqual([200])
    const user = receipts.find((r) => r.item === 'user')!
    expect(user).toMatchObject({ action: 'create', result: 'failed', verified: false })
    expect(user.reason).toMatch(
      /^CreateUser succeeded \(the IAM user exists now\), but reading it back failed: ServiceFailure/,
    )
    expect(sandbox.emulators.iam.emulator.user(USER)).toBeDefined()
  })

  it('reads back through a consistency window (first reads miss the writes)', async () => {
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      options: { iam: { consistency: { windowMs: 3000, writes: true } } },
    })
    const clock = linkedClock()
    const { result, receipts } = await runOnboard({ clock })
    expect(result, JSON.stringify(receipts)).toBe('changed')
    expect(receipts.every((r) => r.verified)).toBe(true)
    expect(calls('GetUser').filter((e) => e.status === 404).length).toBeGreaterThanOrEqual(2)
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3000)
  })

  it('fails with what differs when IAM lags past the read-back deadline', async () => {
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      options: { iam: { consistency: { windowMs: 10 * 60_000, writes: true } } },
    })
    const { result, receipts } = await runOnboard({ clock: linkedClock() })
    expect(result).toBe('failed')
    const user = receipts.find((r) => r.item === 'user')!
    expect(user.result).toBe('failed')
    expect(user.reason).toMatch(/^verification failed: wanted .*\/onramp\/.*, found null$/)
    expect(calls('CreateUser')).toHaveLength(1) // created once, never again
    expect(receipts.filter((r) => r.item !== 'user').every((r) => /not attempted: user failed/.test(r.reason!))).toBe(
      true,
    )
  })
})
