// grant-aws through its built bundle under the runner contract, against the sandbox's IAM emulator with the real
// @aws-sdk/client-iam: onboard, rerun, dry run, role change, offboard (order from the request log), delete-user,
// refusals that make no change, and an eventual-consistency window.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runBundle } from '@onramp/core/testing'
import type { IamEmulator } from '@onramp/sandbox'
import { afterEach, describe, expect, it } from 'vitest'
import { GUARDRAILS, type Harness, ROLES, repoRoot, startHarness } from '../../../test/support/harness.js'

const USER = 'jamie.doe+e1042'
const BOUNDARY = 'arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary'
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const ENGINEER = 'arn:aws:iam::123456789012:policy/onramp/role-engineer'
const ANALYST = 'arn:aws:iam::123456789012:policy/onramp/role-analyst'
const ATHENA = 'arn:aws:iam::aws:policy/AmazonAthenaFullAccess'
const UNMANAGED = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'
const PERSONAL = ['jamie.doe@acme.com', 'Jamie Doe', 'riley.manager@acme.com']

let h: Harness
afterEach(async () => {
  await h?.close()
})

const iam = () => h.sandbox.emulators.iam.emulator

/** A call straight to the emulator, as someone outside onramp would make it (no signature check). */
async function iamCall(params: Record<string, string>) {
  const res = await fetch(h.sandbox.emulators.iam.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ Version: '2010-05-08', ...params }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
}

const routes = () => h.mutations('iam').map((m) => m.replace(/^IAM /, '').replace(/ \d+$/, ''))

function expectNoPersonalData(r: { stdout: string; stderr: string; summary: string; outputs: object }) {
  // Mask registrations are commands to the runner, not log lines.
  const printed = [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.summary, JSON.stringify(r.outputs)].join(
    '\n',
  )
  for (const p of PERSONAL) expect(printed.toLowerCase()).not.toContain(p.toLowerCase())
}

async function onboard() {
  const r = await h.run('grant-aws', { event: await h.event('onboard') })
  expect(r.code, r.stdout + r.stderr).toBe(0)
  return r
}

describe('grant-aws bundle', () => {
  it('onboards inside the guardrails, records ids, leaks no personal data; the same event again changes nothing', async () => {
    h = await startHarness()
    const r = await onboard()
    expect(r.outputs.result).toBe('changed')
    expect(r.outputs['user-name']).toBe(USER)
    expect(r.outputs['user-arn']).toBe(`arn:aws:iam::123456789012:user/onramp/${USER}`)
    expect(routes()).toEqual(['CreateUser', 'AttachUserPolicy', 'AttachUserPolicy', 'AddUserToGroup'])
    const u = iam().user(USER)!
    expect(u.path).toBe('/onramp/')
    expect(u.boundary).toBe(BOUNDARY)
    expect(Object.fromEntries(u.tags.map((t) => [t.Key, t.Value]))).toEqual({
      'managed-by': 'onramp',
      'employee-id': 'E1042',
      role: 'backend-engineer',
    })
    expect(u.policies.sort()).toEqual([ENGINEER, READ_ONLY].sort())
    expect(u.groups).toEqual(['developers'])
    expect(u.loginProfile).toBe(false)
    expect(u.accessKeys).toEqual([])
    // A role without console access: the summary says the IAM user gives no sign-in, and where access comes from.
    expect(r.summary).toContain(
      'Sign-in: none through this IAM user, which has no password and no access key (onramp never creates either)',
    )
    const receipts = JSON.parse(r.outputs.receipt!) as { item: string; verified: boolean; result: string }[]
    expect(receipts.every((x) => x.verified)).toBe(true)
    expect(receipts.find((x) => x.item === 'user')?.result).toBe('changed')
    expect(r.summary).toContain(`IAM user ${USER}.`)
    expectNoPersonalData(r)
    const record = await h.record('E1042')
    expect(record?.ids.aws).toEqual({ user_name: USER, arn: `arn:aws:iam::123456789012:user/onramp/${USER}` })
    expect(record?.steps.aws?.result).toBe('changed')

    const before = h.mutations('iam').length
    const seq = h.sandbox.log.list().at(-1)!.seq
    const again = await onboard()
    expect(again.outputs.result).toBe('unchanged')
    expect(h.mutations('iam').length).toBe(before)
    // Nothing to do: the user and its two lists read once each, shared by the five items and the report.
    const reads = h.sandbox.log.list({ emulator: 'iam' }).filter((e) => e.seq > seq)
    expect(reads.map((e) => e.route).sort()).toEqual([
      'IAM GetUser',
      'IAM ListAttachedUserPolicies',
      'IAM ListGroupsForUser',
    ])
  })

  it('a one-word name that is also the local part: the user name stays in the ledger, out of outputs and summary', async () => {
    h = await startHarness()
    const event = await h.event('onboard', (p) => {
      p.name = 'Sam'
      p.email = 'sam@acme.com'
    })
    const r = await h.run('grant-aws', { event })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(iam().user('sam+e1042')?.path).toBe('/onramp/')
    expect(r.outputs['user-name']).toBe('')
    expect(r.outputs['user-arn']).toBe('')
    expect(r.summary).toContain('kept in the ledger only')
    expect(`${r.summary}${JSON.stringify(r.outputs)}`.toLowerCase()).not.toMatch(/\bsam\b/)
    expect((await h.record('E1042'))?.ids.aws?.user_name).toBe('sam+e1042')
  })

  it('a workflow_dispatch rerun fills the person from the ledger: dry run by default, repairs drift when asked', async () => {
    h = await startHarness()
    await onboard()
    await iamCall({ Action: 'DetachUserPolicy', UserName: USER, PolicyArn: READ_ONLY })
    const before = h.mutations('iam').length
    const rerun = (dryRun: string) =>
      h.run('grant-aws', {
        event: { inputs: { 'employee-id': 'E1042', 'event-type': 'onboard', 'dry-run': dryRun } },
        eventName: 'workflow_dispatch',
      })
    const dry = await rerun('')
    expect(dry.code, dry.stdout).toBe(0)
    expect(h.mutations('iam').length).toBe(before)
    expect(dry.summary).toContain('dry run: would attach')
    const fix = await rerun('false')
    expect(fix.code, fix.stdout).toBe(0)
    expect(fix.outputs.result).toBe('changed')
    expect(routes().slice(before)).toEqual(['AttachUserPolicy'])
    expect(iam().user(USER)?.policies).toContain(READ_ONLY)
  })

  it('dry run: zero mutating calls, no ledger record, the summary says what would change', async () => {
    h = await startHarness()
    const r = await h.run('grant-aws', { event: await h.event('onboard'), inputs: { 'dry-run': 'true' } })
    expect(r.code, r.stdout).toBe(0)
    expect(h.mutations('iam')).toEqual([])
    expect(r.summary).toContain('Dry run')
    expect(r.summary).toContain('dry run: would create')
    expect(r.summary).toContain('dry run: would attach')
    expect(r.summary).toContain('dry run: would join')
    expect(r.outputs['user-arn']).toBe('')
    expect(await h.record('E1042')).toBeUndefined()
    expectNoPersonalData(r)
  })

  it('role change: exactly the new role within the managed set, role tag updated, unmanaged reported not removed', async () => {
    h = await startHarness()
    await onboard()
    await iamCall({ Action: 'AttachUserPolicy', UserName: USER, PolicyArn: UNMANAGED })
    const r = await h.run('grant-aws', { event: await h.event('role-change') })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    const u = iam().user(USER)!
    expect(u.policies.sort()).toEqual([ANALYST, ATHENA, UNMANAGED].sort())
    expect(u.groups).toEqual(['analysts'])
    expect(u.tags.find((t) => t.Key === 'role')?.Value).toBe('data-analyst')
    // data-analyst asks for console access: through the IdP, never an IAM password.
    expect(u.loginProfile).toBe(false)
    expect(routes()).not.toContain('CreateLoginProfile')
    expect(r.summary).toContain('Unmanaged attachments reported, not removed: 1 policies, 0 groups.')
    // The summary says how the person gets in, and that no IAM password exists.
    expect(r.summary).toContain('the person signs in to the AWS console through the identity provider')
    expect(r.summary).toContain('This IAM user has no password: onramp never creates one.')
    const receipts = JSON.parse(r.outputs.receipt!) as { item: string; after: unknown }[]
    expect(receipts.find((x) => x.item === 'unmanaged')?.after).toEqual({
      reported: { policies: [UNMANAGED], groups: [] },
      removed: false,
    })
    expectNoPersonalData(r)

    const before = h.mutations('iam').length
    const again = await h.run('grant-aws', { event: await h.event('role-change') })
    expect(again.outputs.result).toBe('unchanged')
    expect(h.mutations('iam').length).toBe(before)
  })

  it('offboard of a person with no ledger record, or one with no email: a clear failure, no call', async () => {
    h = await startHarness()
    const unknown = await h.run('grant-aws', { event: await h.event('offboard') })
    expect(unknown.code).toBe(1)
    expect(unknown.annotations.map((a) => a.message).join('\n')).toMatch(/offboard before any onboard was recorded/)
    // Onboarded once, but the record holds neither an email nor an IAM user name.
    await h.onboarded()
    const record = (await h.record('E1042'))!
    delete record.person
    await writeFile(join(h.stateDir, 'people', 'E1042.json'), JSON.stringify(record))
    const r = await h.run('grant-aws', { event: await h.event('offboard') })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(/no IAM user name/)
    expect(h.sandbox.log.list({ emulator: 'iam' })).toEqual([])
  })

  it('offboard: keys deleted first (never only deactivated), then login profile, policies, groups, tag; rerun is a no-op', async () => {
    h = await startHarness()
    await onboard()
    iam().createAccessKey(USER)
    iam().createAccessKey(USER)
    await iamCall({
      Action: 'CreateLoginProfile',
      UserName: USER,
      Password: 'Sandbox-only-1!',
      PasswordResetRequired: 'true',
    })
    const start = h.mutations('iam').length
    const r = await h.run('grant-aws', { event: await h.event('offboard') })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    const order = routes().slice(start)
    expect(order).toEqual([
      'DeleteAccessKey',
      'DeleteAccessKey',
      'DeleteLoginProfile',
      'DetachUserPolicy',
      'DetachUserPolicy',
      'RemoveUserFromGroup',
      'TagUser',
    ])
    const u = iam().user(USER)!
    expect(u.accessKeys).toEqual([])
    expect(u.loginProfile).toBe(false)
    expect(u.policies).toEqual([])
    expect(u.groups).toEqual([])
    expect(u.tags.find((t) => t.Key === 'offboarded-at')?.Value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(u.boundary).toBe(BOUNDARY) // kept, disabled, for audit
    expect((await h.record('E1042'))?.status).toBe('offboarded')

    const before = h.mutations('iam').length
    const again = await h.run('grant-aws', { event: await h.event('offboard') })
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('unchanged')
    expect(h.mutations('iam').length).toBe(before)
  })

  it('offboard with delete-user removes what would cause DeleteConflict (unmanaged too), then the user', async () => {
    h = await startHarness()
    await onboard()
    iam().createAccessKey(USER)
    await iamCall({ Action: 'AttachUserPolicy', UserName: USER, PolicyArn: UNMANAGED })
    const start = h.mutations('iam').length
    const r = await h.run('grant-aws', { event: await h.event('offboard'), inputs: { 'delete-user': 'true' } })
    expect(r.code, r.stdout).toBe(0)
    const order = routes().slice(start)
    expect(order).toEqual([
      'DeleteAccessKey',
      'DetachUserPolicy',
      'DetachUserPolicy',
      'RemoveUserFromGroup',
      'TagUser',
      'DetachUserPolicy',
      'DeleteUser',
    ])
    expect(iam().user(USER)).toBeUndefined()
    expect(h.mutations('iam').some((m) => m.endsWith(' 409'))).toBe(false) // no DeleteConflict on the way
    const before = h.mutations('iam').length
    const again = await h.run('grant-aws', { event: await h.event('offboard'), inputs: { 'delete-user': 'true' } })
    expect(again.outputs.result).toBe('unchanged')
    expect(again.summary).toContain('No IAM user of this name exists')
    expect(h.mutations('iam').length).toBe(before)
  })

  it('offboard with delete-user removes certificates, SSH keys, service credentials, MFA and inline policies in the order IAM requires, each read back', async () => {
    h = await startHarness()
    await onboard()
    iam().createAccessKey(USER)
    // As an administrator would have left them (onramp creates none of these).
    iam().addCredentials({
      userName: USER,
      inlinePolicies: { 'hand-made': JSON.stringify({ Version: '2012-10-17', Statement: [] }) },
      mfaDevices: ['virtual', 'GAHT12345678'],
      signingCertificates: 1,
      sshPublicKeys: 2,
      serviceSpecificCredentials: ['codecommit.amazonaws.com'],
    })
    const start = h.mutations('iam').length
    const r = await h.run('grant-aws', { event: await h.event('offboard'), inputs: { 'delete-user': 'true' } })
    expect(r.code, r.stdout).toBe(0)
    expect(routes().slice(start)).toEqual([
      'DeleteAccessKey',
      'DetachUserPolicy',
      'DetachUserPolicy',
      'RemoveUserFromGroup',
      'TagUser',
      'DeleteSigningCertificate',
      'DeleteSSHPublicKey',
      'DeleteSSHPublicKey',
      'DeleteServiceSpecificCredential',
      'DeactivateMFADevice',
      'DeleteVirtualMFADevice',
      'DeactivateMFADevice',
      'DeleteUserPolicy',
      'DeleteUser',
    ])
    expect(h.mutations('iam').every((m) => m.endsWith(' 200'))).toBe(true) // no DeleteConflict, no AccessDenied
    expect(iam().user(USER)).toBeUndefined()
    const receipts = JSON.parse(r.outputs.receipt!) as { item: string; result: string; verified: boolean }[]
    const removed = receipts.filter((x) => /^(delete|deactivate):/.test(x.item))
    expect(removed).toHaveLength(9)
    expect(removed.every((x) => x.result === 'changed' && x.verified)).toBe(true)
  })

  it('DeleteUser answers DeleteConflict while an MFA device, certificate, SSH key, service credential or inline policy is left', async () => {
    h = await startHarness()
    await onboard()
    for (const [what, extra] of [
      ['MFA device', { mfaDevices: ['GAHT1'] }],
      ['signing certificates', { signingCertificates: 1 }],
      ['SSH public keys', { sshPublicKeys: 1 }],
      ['service specific credentials', { serviceSpecificCredentials: ['codecommit.amazonaws.com'] }],
      ['policies', { inlinePolicies: { p: JSON.stringify({ Version: '2012-10-17', Statement: [] }) } }],
    ] as [string, Omit<Parameters<IamEmulator['addCredentials']>[0], 'userName'>][]) {
      const name = `conflict-${what.replace(/\W/g, '')}`
      await iamCall({ Action: 'CreateUser', UserName: name })
      iam().addCredentials({ userName: name, ...extra })
      const res = await fetch(h.sandbox.emulators.iam.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Version: '2010-05-08', Action: 'DeleteUser', UserName: name }),
      })
      expect(res.status, what).toBe(409)
      expect(await res.text()).toContain(
        `<Code>DeleteConflict</Code><Message>Cannot delete entity, must delete ${what} first.</Message>`,
      )
    }
  })

  it('offboard with delete-user and a group outside the managed set: never leaves it (the role may not), keeps the user, fails with what to do', async () => {
    h = await startHarness()
    await onboard()
    iam().createAccessKey(USER)
    await iamCall({ Action: 'CreateGroup', GroupName: 'billing-admins' })
    await iamCall({ Action: 'AddUserToGroup', GroupName: 'billing-admins', UserName: USER })
    const start = h.mutations('iam').length
    const r = await h.run('grant-aws', { event: await h.event('offboard'), inputs: { 'delete-user': 'true' } })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    // Every revocation still happens; RemoveUserFromGroup only for the managed group, no DeleteUser.
    expect(routes().slice(start)).toEqual([
      'DeleteAccessKey',
      'DetachUserPolicy',
      'DetachUserPolicy',
      'RemoveUserFromGroup',
      'TagUser',
    ])
    const u = iam().user(USER)!
    expect(u.groups).toEqual(['billing-admins'])
    expect(u.accessKeys).toEqual([])
    const receipts = JSON.parse(r.outputs.receipt!) as { item: string; result: string; reason?: string }[]
    expect(receipts.find((x) => x.item === 'group:billing-admins')).toMatchObject({ result: 'failed' })
    expect(receipts.find((x) => x.item === 'group:billing-admins')?.reason).toMatch(/outside the managed set.*by hand/)
    expect(receipts.find((x) => x.item === 'delete:user')?.reason).toBe('not attempted: group:billing-admins failed')
    expectNoPersonalData(r)

    // Once someone removed it by hand, a rerun deletes the user.
    await iamCall({ Action: 'RemoveUserFromGroup', GroupName: 'billing-admins', UserName: USER })
    const again = await h.run('grant-aws', { event: await h.event('offboard'), inputs: { 'delete-user': 'true' } })
    expect(again.code, again.stdout).toBe(0)
    expect(iam().user(USER)).toBeUndefined()
  })

  it('refuses a same-named user (any case) that onramp does not manage: clear error, no change', async () => {
    h = await startHarness({
      seed: { iam: { users: [{ userName: 'Jamie.Doe+E1042', path: '/', groups: ['developers'] }] } },
    })
    const r = await h.run('grant-aws', { event: await h.event('onboard') })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(h.mutations('iam')).toEqual([])
    const receipts = JSON.parse(r.outputs.receipt!) as { item: string; result: string; reason?: string }[]
    expect(receipts[0]).toMatchObject({ item: 'user', result: 'failed' })
    expect(receipts[0]!.reason).toMatch(/not adopted/)
    expect(receipts.slice(1).every((x) => x.result === 'failed' && /not attempted: user failed/.test(x.reason!))).toBe(
      true,
    )
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(/user: refused/)
    expect((await h.record('E1042'))?.ids.aws).toBeUndefined()
    expectNoPersonalData(r)
  })

  it("refuses another employee's onramp user of the same name", async () => {
    h = await startHarness({
      seed: {
        iam: {
          users: [
            {
              userName: USER,
              path: '/onramp/',
              boundary: BOUNDARY,
              tags: { 'managed-by': 'onramp', 'employee-id': 'e1042', role: 'designer' },
            },
          ],
        },
      },
    })
    const r = await h.run('grant-aws', { event: await h.event('onboard') })
    expect(r.code).toBe(1)
    expect(h.mutations('iam')).toEqual([])
  })

  it('a policy outside the guardrails allowlist is refused before any IAM call', async () => {
    h = await startHarness()
    const dir = await mkdtemp(join(tmpdir(), 'onramp-roles-'))
    const roles = (await readFile(ROLES, 'utf8')).replace(
      `- ${ENGINEER}`,
      `- ${ENGINEER}\n        - arn:aws:iam::aws:policy/AdministratorAccess`,
    )
    expect(roles).toContain('AdministratorAccess')
    await writeFile(join(dir, 'roles.yaml'), roles)
    const r = await h.run('grant-aws', {
      event: await h.event('onboard'),
      inputs: { 'roles-file': join(dir, 'roles.yaml'), 'guardrails-file': GUARDRAILS },
    })
    expect(r.code).toBe(1)
    expect(h.sandbox.log.list({ emulator: 'iam' })).toEqual([]) // not even a read
    const messages = r.annotations.map((a) => a.message).join('\n')
    expect(messages).toMatch(/allowed-policies|allowlist/)
    expect(messages).toMatch(/roles\.backend-engineer\.aws\.policies/)
  })

  it('tolerates an eventual-consistency window: the first reads miss the writes', async () => {
    h = await startHarness({ options: { iam: { consistency: { windowMs: 200, writes: true } } } })
    const r = await onboard()
    expect(r.outputs.result).toBe('changed')
    const u = iam().user(USER)!
    expect(u.policies.sort()).toEqual([ENGINEER, READ_ONLY].sort())
    expect(u.groups).toEqual(['developers'])
    // The lag showed: GetUser right after CreateUser answered NoSuchEntity at least once.
    const reads = h.sandbox.log.list({ emulator: 'iam', route: 'IAM GetUser' })
    expect(reads.some((e) => e.status === 404)).toBe(true)
  })

  it('without credentials in the environment: a clear input error and no call', async () => {
    h = await startHarness()
    const r = await h.run('grant-aws', {
      event: await h.event('onboard'),
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
    })
    expect(r.code).toBe(1)
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(/env\.AWS_ACCESS_KEY_ID: required/)
    expect(h.sandbox.log.list({ emulator: 'iam' })).toEqual([])
  })

  it('loads the AWS SDK lazily: the bundle validates its inputs with the SDK chunks absent', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'onramp-grant-aws-dist-'))
    const action = join(repoRoot, 'actions/grant-aws')
    await cp(join(action, 'action.yml'), join(copy, 'action.yml'))
    await cp(join(action, 'dist'), join(copy, 'dist'), { recursive: true })
    let removed = 0
    for (const f of await readdir(join(copy, 'dist'))) {
      if (f === 'index.js' || !f.endsWith('.js')) continue
      if ((await readFile(join(copy, 'dist', f), 'utf8')).includes('IAMClient')) {
        await rm(join(copy, 'dist', f))
        removed++
      }
    }
    expect(removed).toBeGreaterThan(0)
    const r = await runBundle(copy, {
      inputs: { 'aws-region': 'nowhere' },
      event: {},
      eventName: 'repository_dispatch',
    })
    expect(r.code).toBe(1)
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(/with\.aws-region: must be an AWS region name/)
    await rm(copy, { recursive: true, force: true })
  })
})
