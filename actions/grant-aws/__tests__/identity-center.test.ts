// grant-aws in Identity Center mode, in process against the sandbox's SSO Admin and Identity Store emulators
// through the official SDK clients, each call authorized against the generated automation role: onboard, a
// rerun with zero changing calls, a role change that swaps one permission set, offboard; a user that cannot be
// tied to the employee id is never adopted; an assignment whose request ends FAILED fails with the reason;
// `users: onramp` creates the user and `on-offboard: delete` deletes it once its access is gone.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Clock, loadAccess, type Receipt, resetPersonalData } from '@onramp/core'
import { automationRolePolicy } from '@onramp/core/aws-policies'
import { fakeClock, signDispatch } from '@onramp/core/testing'
import type { LedgerRecord } from '@onramp/ledger'
import { awsJsonFault, type Sandbox, type SandboxSeed, startSandbox } from '@onramp/sandbox'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { commonInputs, recordOnboarded, repoRoot, sampleEvent } from '../../../test/support/harness.js'
import { type Inputs, run } from '../src/main.js'

const FIXTURES = join(repoRoot, 'test/fixtures/access-identity-center')
const ROLES = join(FIXTURES, 'roles.yaml')
const GUARDRAILS = join(FIXTURES, 'guardrails.yaml')
const EMAIL = 'jamie.doe@acme.com'
const PS = (id: string) => `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${id}`
const READ_ONLY = PS('0123456789abcdef')
const POWER_USER = PS('1111111111111111')
const ANALYST = PS('2222222222222222')

const SUMMARY = join(tmpdir(), `onramp-grant-aws-ic-summary-${process.pid}`)
let sandbox: Sandbox
let dir: string
let saved: NodeJS.ProcessEnv

beforeEach(async () => {
  saved = { ...process.env }
  dir = await mkdtemp(join(tmpdir(), 'onramp-grant-aws-ic-'))
  process.env.GITHUB_OUTPUT = join(dir, 'output')
  // @actions/core keeps the first summary path it sees for the whole process: one file for every test.
  process.env.GITHUB_STEP_SUMMARY = SUMMARY
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

/** A fake clock whose sleeps also move the sandbox clock: assignment requests finish as the poll waits. */
function linkedClock(start = Date.now()): Clock & { sleeps: number[] } {
  // At the real now: the event is signed in real time, and the step checks its age by this clock.
  const clock = fakeClock({ start, random: () => 0.5 })
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

/** The person as the IdP provisions them by SCIM: userName the email, employeeNumber the employee id. */
const provisioned = (enterprise: Record<string, unknown> = { employeeNumber: 'E1042' }): SandboxSeed => ({
  identityStore: {
    users: [
      {
        userName: EMAIL,
        displayName: 'Jamie Doe',
        givenName: 'Jamie',
        familyName: 'Doe',
        email: EMAIL,
        externalIds: [{ Issuer: 'https://acme.okta.com', Id: '00u1abcd' }],
        enterprise,
      },
    ],
  },
})

async function start(seed: SandboxSeed = provisioned(), guardrails = GUARDRAILS) {
  sandbox = await startSandbox({ roles: ROLES, guardrails, seed })
  return guardrails
}

async function runEvent(
  type: 'onboard' | 'role-change' | 'offboard',
  guardrails = GUARDRAILS,
  options: { dryRun?: boolean; role?: string; rerunAt?: number } = {},
) {
  const role = options.role
  // A rerun (workflow_dispatch, what the scheduled run does) at a later time names only the person.
  const rerun = options.rerunAt !== undefined
  const event = rerun
    ? { inputs: { 'employee-id': 'E1042', 'event-type': type, 'dry-run': 'false' } }
    : signDispatch(await sampleEvent(type, role ? (p) => (p.role = role) : undefined))
  await writeFile(process.env.GITHUB_OUTPUT!, '')
  await writeFile(process.env.GITHUB_STEP_SUMMARY!, '')
  const eventPath = join(dir, 'event.json')
  await writeFile(eventPath, JSON.stringify(event))
  const inputs: Inputs = {
    ...commonInputs(join(dir, 'state')),
    rolesFile: ROLES,
    guardrailsFile: guardrails,
    dryRun: options.dryRun ?? false,
    awsRegion: 'us-east-1',
    deleteUser: false,
    ...(rerun ? { employeeId: 'E1042', eventType: type } : {}),
  }
  await run(inputs, {
    env: {
      ...sandbox.env,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_EVENT_NAME: rerun ? 'workflow_dispatch' : 'repository_dispatch',
    },
    clock: linkedClock(options.rerunAt),
    fast: true,
  })
  const out = await readFile(process.env.GITHUB_OUTPUT!, 'utf8')
  const value = (name: string) => new RegExp(`^${name}<<(.+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(out)?.[2]
  return {
    result: value('result'),
    receipts: JSON.parse(value('receipt') ?? '[]') as Receipt[],
    summary: await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8'),
  }
}

const record = async (): Promise<LedgerRecord> =>
  JSON.parse(await readFile(join(dir, 'state', 'people', 'E1042.json'), 'utf8'))
const userId = () => sandbox.emulators.identityStore.emulator.userIdOf(EMAIL)
/** The person's own assignments in the sandbox, as `<account>/<permission set>`. */
const assignmentsOf = (principalId: string | undefined) =>
  sandbox.emulators.ssoAdmin.emulator
    .listAssignments()
    .filter((a) => a.principalType === 'USER' && a.principalId === principalId)
    .map((a) => `${a.accountId}/${a.permissionSetArn}`)
    .sort()
/** The display names of the groups the user is in, read through the emulator's own API. */
async function groupsOf(id: string | undefined): Promise<string[]> {
  const store = sandbox.emulators.identityStore.emulator
  const names: string[] = []
  for (const name of ['aws-engineering', 'aws-analytics']) {
    const gid = store.groupIdOf(name)
    const r = await fetch(sandbox.emulators.identityStore.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSIdentityStore.IsMemberInGroups',
      },
      body: JSON.stringify({ IdentityStoreId: 'd-1234567890', MemberId: { UserId: id }, GroupIds: [gid] }),
    })
    const body = (await r.json()) as { Results?: { MembershipExists?: boolean }[] }
    if (body.Results?.[0]?.MembershipExists) names.push(name)
  }
  return names
}
/** Changing calls to either emulator, in order. */
const mutations = () =>
  sandbox.log
    .list({ mutating: true })
    .filter((e) => e.emulator === 'ssoAdmin' || e.emulator === 'identityStore')
    .map((e) => `${e.route} ${e.status}`)
const reads = (route: string) => sandbox.log.list({ route }).length

describe('grant-aws with IAM Identity Center', () => {
  it('onboard, rerun with zero changing calls, role change swapping one permission set, offboard', async () => {
    await start()
    const id = userId()!
    const onboard = await runEvent('onboard')
    expect(onboard.result, JSON.stringify(onboard.receipts)).toBe('changed')
    expect(assignmentsOf(id)).toEqual([`123456789012/${READ_ONLY}`, `210987654321/${POWER_USER}`])
    expect(await groupsOf(id)).toEqual(['aws-engineering'])
    expect(onboard.receipts.every((r) => r.verified)).toBe(true)
    expect(onboard.receipts.map((r) => `${r.item} ${r.action}`)).toEqual([
      'sso-user none',
      `assignment:123456789012/${READ_ONLY} assign`,
      `assignment:210987654321/${POWER_USER} assign`,
      'sso-group:aws-engineering join',
      'unmanaged none',
    ])
    expect((await record()).ids.aws).toEqual({ identity_store_user_id: id })
    expect(onboard.summary).toContain('https://acme.awsapps.com/start')
    expect(onboard.summary).not.toMatch(/jamie\.doe@|Jamie Doe/i)

    // Rerun: nothing to do, no changing call; one list per principal and kind.
    const before = mutations().length
    const listsBefore = reads('SSOAdmin ListAccountAssignmentsForPrincipal')
    const membershipsBefore = reads('IdentityStore ListGroupMembershipsForMember')
    const seq = sandbox.log.list().length
    const rerun = await runEvent('onboard')
    expect(rerun.result).toBe('unchanged')
    const calls = sandbox.log
      .list()
      .slice(seq)
      .filter((e) => e.emulator === 'ssoAdmin' || e.emulator === 'identityStore')
      .map((e) => e.route)
    // Four reads for five items (the managed ones are what onramp granted): the user by its recorded id, each
    // list once, the group id once.
    expect(calls).toEqual([
      'IdentityStore DescribeUser',
      'SSOAdmin ListAccountAssignmentsForPrincipal',
      'IdentityStore GetGroupId',
      'IdentityStore ListGroupMembershipsForMember',
    ])
    expect(mutations().slice(before)).toEqual([])
    expect(reads('SSOAdmin ListAccountAssignmentsForPrincipal') - listsBefore).toBe(1)
    expect(reads('IdentityStore ListGroupMembershipsForMember') - membershipsBefore).toBe(1)

    // Role change to data-analyst: PowerUser in 210987654321 swapped for DataAnalyst in 123456789012.
    const m0 = mutations().length
    const change = await runEvent('role-change')
    expect(change.result, JSON.stringify(change.receipts)).toBe('changed')
    expect(assignmentsOf(id)).toEqual([`123456789012/${READ_ONLY}`, `123456789012/${ANALYST}`].sort())
    expect(await groupsOf(id)).toEqual(['aws-analytics'])
    // Gains before losses: the person is never without the access both roles share.
    expect(mutations().slice(m0)).toEqual([
      'SSOAdmin CreateAccountAssignment 200',
      'SSOAdmin DeleteAccountAssignment 200',
      'IdentityStore CreateGroupMembership 200',
      'IdentityStore DeleteGroupMembership 200',
    ])

    // Offboard: every managed assignment and membership removed and read back; the IdP's user is kept.
    const off = await runEvent('offboard')
    expect(off.result, JSON.stringify(off.receipts)).toBe('changed')
    expect(assignmentsOf(id)).toEqual([])
    expect(await groupsOf(id)).toEqual([])
    expect(userId()).toBe(id)
    expect(off.receipts.filter((r) => r.action !== 'none').every((r) => r.verified)).toBe(true)
    const offRerun = mutations().length
    expect((await runEvent('offboard')).result).toBe('unchanged')
    expect(mutations().length).toBe(offRerun)
    // The IdP deletes the user later: a rerun says so and changes nothing.
    // Unsigned, as an administrator outside onramp's role (the emulator authorizes only onramp's calls).
    await fetch(sandbox.emulators.identityStore.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSIdentityStore.DeleteUser' },
      body: JSON.stringify({ IdentityStoreId: 'd-1234567890', UserId: id }),
    })
    expect(userId()).toBeUndefined()
    const gone = await runEvent('offboard')
    expect(gone.result).toBe('unchanged')
    expect(gone.summary).toContain('The Identity Store user recorded for this person no longer exists')
  }, 60_000)

  it('never adopts a user of the person’s login that cannot be tied to the employee id', async () => {
    await start(provisioned({ employeeNumber: 'E9999' }))
    const r = await runEvent('onboard')
    expect(r.result).toBe('failed')
    expect(r.receipts[0]).toMatchObject({ item: 'sso-user', result: 'failed' })
    expect(r.receipts[0]!.reason).toMatch(/^refused: .*not adopted, nothing changed$/)
    expect(r.receipts.slice(1).every((x) => x.reason === 'not attempted: sso-user failed')).toBe(true)
    expect(mutations()).toEqual([])
  })

  it('with users: idp and no user yet, fails saying the IdP provisions it, and creates nothing', async () => {
    await start({})
    const r = await runEvent('onboard')
    expect(r.result).toBe('failed')
    expect(r.receipts[0]!.reason).toMatch(/identity provider provisions it by SCIM/)
    expect(mutations()).toEqual([])
  })

  it('an assignment whose request ends FAILED fails with the service’s reason; the others land', async () => {
    await start({
      ...provisioned(),
      ssoAdmin: {
        failures: [
          {
            match: { operation: 'create', accountId: '210987654321' },
            reason: 'Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/PowerUserAccess.',
          },
        ],
      },
    })
    const r = await runEvent('onboard')
    expect(r.result).toBe('failed')
    const failed = r.receipts.filter((x) => x.result === 'failed')
    expect(failed.map((x) => x.item)).toEqual([`assignment:210987654321/${POWER_USER}`])
    expect(failed[0]!.reason).toBe(
      'AssignmentFailed: the request ended FAILED: Received a 404 status error: Not supported policy arn:aws:iam::aws:policy/PowerUserAccess.',
    )
    expect(assignmentsOf(userId())).toEqual([`123456789012/${READ_ONLY}`])
    expect(r.receipts.find((x) => x.item === 'sso-group:aws-engineering')?.result).toBe('changed')
  })

  it('users: onramp creates the user with the employee number; on-offboard: delete removes it after its access', async () => {
    const text = (await readFile(GUARDRAILS, 'utf8'))
      .replace('users: idp', 'users: onramp')
      .replace('on-offboard: keep', 'on-offboard: delete')
    const guardrails = join(dir, 'guardrails.yaml')
    await writeFile(guardrails, text)
    await start({}, guardrails)
    const r = await runEvent('onboard', guardrails)
    expect(r.result, JSON.stringify(r.receipts)).toBe('changed')
    const id = userId()!
    expect(id).toBeDefined()
    expect(r.receipts[0]).toMatchObject({ item: 'sso-user', action: 'create', verified: true })
    expect((await record()).ids.aws).toEqual({ identity_store_user_id: id, identity_store_user_created: true })
    expect(assignmentsOf(id)).toHaveLength(2)

    const off = await runEvent('offboard', guardrails)
    expect(off.result, JSON.stringify(off.receipts)).toBe('changed')
    const order = off.receipts.filter((x) => x.action !== 'none').map((x) => x.item)
    expect(order.at(-1)).toBe('delete:sso-user')
    expect(order.slice(0, -1).every((k) => k.startsWith('assignment:') || k.startsWith('sso-group:'))).toBe(true)
    expect(userId()).toBeUndefined()
    expect(assignmentsOf(id)).toEqual([])
  })

  it('dates.leaver.delete-after-days deletes the user onramp created on its day, not at the leave (on-offboard: keep)', async () => {
    const text = `${(await readFile(GUARDRAILS, 'utf8')).replace('users: idp', 'users: onramp')}dates:\n  leaver:\n    delete-after-days: 4\n`
    const guardrails = join(dir, 'guardrails.yaml')
    await writeFile(guardrails, text)
    await start({}, guardrails)
    expect((await runEvent('onboard', guardrails)).result).toBe('changed')
    const id = userId()!

    // The leave (the sample offboard names no last day): access removed at once, the user kept for now.
    const off = await runEvent('offboard', guardrails)
    expect(off.result, JSON.stringify(off.receipts)).toBe('changed')
    expect(off.receipts.map((x) => x.item)).not.toContain('delete:sso-user')
    expect(assignmentsOf(id)).toEqual([])
    expect(userId()).toBe(id)
    const task = (await record()).schedule?.find((t) => t.step === 'aws' && t.why === 'delete')
    expect(task?.done_at).toBeUndefined()
    const due = Date.parse(task!.due)

    // The scheduled run's rerun an hour before: nothing to do. An hour after: the user is deleted, read back.
    const before = mutations().length
    expect((await runEvent('offboard', guardrails, { rerunAt: due - 3_600_000 })).result).toBe('unchanged')
    expect(mutations().slice(before)).toEqual([])
    const late = await runEvent('offboard', guardrails, { rerunAt: due + 3_600_000 })
    expect(late.result, JSON.stringify(late.receipts)).toBe('changed')
    expect(late.receipts.find((x) => x.item === 'delete:sso-user')).toMatchObject({ action: 'delete', verified: true })
    expect(mutations().slice(before)).toEqual(['IdentityStore DeleteUser 200'])
    expect(userId()).toBeUndefined()
    expect((await record()).schedule?.find((t) => t.why === 'delete')?.done_at).toBeDefined()
  })

  it('a call the generated automation role does not allow answers AccessDenied: the item fails once, not retried', async () => {
    const { roles, guardrails } = loadAccess({ rolesFile: ROLES, guardrailsFile: GUARDRAILS })
    const policy = automationRolePolicy(roles, guardrails)
    policy.Statement = policy.Statement.filter((st) => !st.Sid.startsWith('AssignOnly'))
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      seed: provisioned(),
      options: { ssoAdmin: { callerPolicy: JSON.stringify(policy) } },
    })
    const r = await runEvent('onboard')
    expect(r.result).toBe('failed')
    expect(sandbox.log.list({ route: 'SSOAdmin CreateAccountAssignment' }).map((e) => e.status)).toEqual([400, 400])
    const failed = r.receipts.filter((x) => x.result === 'failed')
    expect(failed.map((x) => x.item)).toEqual([
      `assignment:123456789012/${READ_ONLY}`,
      `assignment:210987654321/${POWER_USER}`,
    ])
    expect(failed[0]!.reason).toMatch(/^AccessDenied: /)
    // Memberships are allowed: they land.
    expect(r.receipts.find((x) => x.item === 'sso-group:aws-engineering')?.result).toBe('changed')
  })

  it('ties a user without an employee number through the IdP account id the ledger recorded', async () => {
    await start(provisioned({}))
    await recordOnboarded(join(dir, 'state'))
    const rec = await record()
    rec.ids.identity = '00u1abcd'
    rec.person = { email: EMAIL, name: 'Jamie Doe' }
    await writeFile(join(dir, 'state', 'people', 'E1042.json'), JSON.stringify(rec))
    const r = await runEvent('role-change')
    expect(r.result, JSON.stringify(r.receipts)).toBe('changed')
    expect(assignmentsOf(userId())).toEqual([`123456789012/${READ_ONLY}`, `123456789012/${ANALYST}`].sort())
  })

  it('ThrottlingException and ConflictException are retried under the policy; the run lands', async () => {
    await start()
    sandbox.emulators.ssoAdmin.faults.script(
      {
        match: { route: 'SSOAdmin CreateAccountAssignment' },
        times: 2,
        respond: awsJsonFault('ThrottlingException', 'Rate exceeded', 400),
      },
      {
        match: { route: 'SSOAdmin ListAccountAssignmentsForPrincipal' },
        times: 1,
        respond: awsJsonFault('ThrottlingException', 'Rate exceeded', 400),
      },
    )
    sandbox.emulators.identityStore.faults.script({
      match: { route: 'IdentityStore CreateGroupMembership' },
      times: 1,
      respond: awsJsonFault('ConflictException', 'Concurrent modification', 409),
    })
    const r = await runEvent('onboard')
    expect(r.result, JSON.stringify(r.receipts)).toBe('changed')
    expect(sandbox.log.list({ route: 'SSOAdmin CreateAccountAssignment' }).map((e) => e.status)).toEqual([
      400, 400, 200, 200,
    ])
    expect(sandbox.log.list({ route: 'IdentityStore CreateGroupMembership' }).map((e) => e.status)).toEqual([409, 200])
    expect(assignmentsOf(userId())).toHaveLength(2)
  })

  it('the read-back rides out the lists’ consistency window after a request SUCCEEDED', async () => {
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      seed: provisioned(),
      options: { ssoAdmin: { consistency: { windowMs: 2000 } }, identityStore: { consistency: { windowMs: 2000 } } },
    })
    const r = await runEvent('onboard')
    expect(r.result, JSON.stringify(r.receipts)).toBe('changed')
    expect(r.receipts.filter((x) => x.action !== 'none').every((x) => x.verified)).toBe(true)
    // Each read-back looked more than once: the first list still showed the state before.
    const lists = sandbox.log.list({ route: 'SSOAdmin ListAccountAssignmentsForPrincipal' }).length
    expect(lists).toBeGreaterThan(3)
    expect(assignmentsOf(userId())).toHaveLength(2)
  })

  it('a role change to a role without AWS removes every managed assignment and group, and keeps the user', async () => {
    await start()
    expect((await runEvent('onboard')).result).toBe('changed')
    const id = userId()!
    const r = await runEvent('role-change', GUARDRAILS, { role: 'designer' })
    expect(r.result, JSON.stringify(r.receipts)).toBe('changed')
    expect(assignmentsOf(id)).toEqual([])
    expect(await groupsOf(id)).toEqual([])
    expect(userId()).toBe(id)
    expect(r.receipts[0]).toMatchObject({ item: 'sso-user', action: 'none', result: 'unchanged' })
  })

  it('offboard after the IdP disabled the user by SCIM: access removed; with on-offboard: delete the IdP’s user is kept', async () => {
    const text = (await readFile(GUARDRAILS, 'utf8')).replace('on-offboard: keep', 'on-offboard: delete')
    const guardrails = join(dir, 'guardrails.yaml')
    await writeFile(guardrails, text)
    await start(provisioned(), guardrails)
    expect((await runEvent('onboard', guardrails)).result).toBe('changed')
    const id = userId()!
    // The identity step suspended the IdP account; its SCIM app disabled the Identity Store user.
    sandbox.emulators.identityStore.emulator.setUserStatus(id, 'DISABLED')
    const off = await runEvent('offboard', guardrails)
    expect(off.result, JSON.stringify(off.receipts)).toBe('changed')
    expect(assignmentsOf(id)).toEqual([])
    expect(await groupsOf(id)).toEqual([])
    expect(userId()).toBe(id)
    expect(off.receipts.map((r) => r.item)).not.toContain('delete:sso-user')
    expect(off.summary).toContain('The Identity Store user is kept: onramp did not create it')
  })

  it('a dry run of a new hire reads only', async () => {
    await start()
    const r = await runEvent('onboard', GUARDRAILS, { dryRun: true })
    expect(r.result).toBe('unchanged')
    expect(mutations()).toEqual([])
    expect(r.receipts.filter((x) => x.reason?.startsWith('dry run: would assign'))).toHaveLength(2)
  })
})
