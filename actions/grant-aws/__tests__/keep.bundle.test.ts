// grant-aws through its built bundle, role change to a role that names no AWS access (people-ops: plan
// `account: 'keep'`): the old role's managed policies and groups go, the user stays as it is but for its role tag.
import { afterEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../../test/support/harness.js'

const USER = 'jamie.doe+e1042'
const BOUNDARY = 'arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary'
const UNMANAGED = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'
const PERSONAL = ['jamie.doe@acme.com', 'Jamie Doe', 'riley.manager@acme.com']

let h: Harness
afterEach(async () => {
  await h?.close()
})

const iam = () => h.sandbox.emulators.iam.emulator
const routes = () => h.mutations('iam').map((m) => m.replace(/^IAM /, '').replace(/ \d+$/, ''))
const roleChange = (role: string, employeeId: string, eventId: string) =>
  h.event('role-change', (p) => {
    p.employee_id = employeeId
    p.event_id = eventId
    p.role = role
  })
const toPeopleOps = () => roleChange('people-ops', 'E1042', 'hr-keep-1')
const tagsOf = (name: string) =>
  Object.fromEntries(
    iam()
      .user(name)!
      .tags.map((t) => [t.Key, t.Value]),
  )

describe('grant-aws bundle: role change to a role without AWS access (keep)', () => {
  it('detaches managed policies, leaves managed groups, keeps the user and tags its new role; a rerun changes nothing', async () => {
    h = await startHarness()
    expect((await h.run('grant-aws', { event: await h.event('onboard') })).code).toBe(0)
    // Outside onramp: an unmanaged policy, reported and never removed.
    const res = await fetch(h.sandbox.emulators.iam.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        Version: '2010-05-08',
        Action: 'AttachUserPolicy',
        UserName: USER,
        PolicyArn: UNMANAGED,
      }),
    })
    expect(res.status).toBe(200)
    const arn = iam().user(USER)!.arn
    const before = h.mutations('iam').length

    const r = await h.run('grant-aws', { event: await toPeopleOps() })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(routes().slice(before)).toEqual(['TagUser', 'DetachUserPolicy', 'DetachUserPolicy', 'RemoveUserFromGroup'])
    const u = iam().user(USER)!
    expect(u.arn).toBe(arn)
    expect(u.path).toBe('/onramp/')
    expect(u.boundary).toBe(BOUNDARY)
    expect(tagsOf(USER)).toEqual({ 'managed-by': 'onramp', 'employee-id': 'E1042', role: 'people-ops' })
    expect(u.policies).toEqual([UNMANAGED])
    expect(u.groups).toEqual([])
    const receipts = JSON.parse(r.outputs.receipt!) as { item: string; action: string; verified: boolean }[]
    expect(receipts.every((x) => x.verified)).toBe(true)
    expect(receipts.find((x) => x.item === 'user')).toMatchObject({ action: 'none', result: 'unchanged' })
    expect(receipts.find((x) => x.item === 'group:developers')).toMatchObject({ action: 'leave', result: 'changed' })
    expect(receipts.find((x) => x.item === 'unmanaged')).toMatchObject({
      after: { reported: { policies: [UNMANAGED], groups: [] }, removed: false },
    })
    expect(r.summary).toContain('the user kept (role tag updated)')
    const printed = [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.summary, JSON.stringify(r.outputs)]
    for (const p of PERSONAL) expect(printed.join('\n').toLowerCase()).not.toContain(p.toLowerCase())
    const record = await h.record('E1042')
    expect(record?.ids.aws).toEqual({ user_name: USER, arn })
    expect(record?.steps.aws).toMatchObject({ result: 'changed', verified: true })

    const after = h.mutations('iam').length
    const again = await h.run('grant-aws', { event: await toPeopleOps() })
    expect(again.code, again.stdout + again.stderr).toBe(0)
    expect(again.outputs.result).toBe('unchanged')
    expect(h.mutations('iam').length).toBe(after)
  })

  it('a person with no IAM user: unchanged, no mutating call, no user created', async () => {
    h = await startHarness()
    // Onboarded as people-ops (no AWS): the ledger knows the email, so the user name is derived, and absent.
    const onboard = await h.event('onboard', (p) => {
      p.employee_id = 'E8001'
      p.event_id = 'hr-ops-1'
      p.email = 'pat.ops@acme.com'
      p.name = 'Pat Ops'
      p.role = 'people-ops'
    })
    expect((await h.run('grant-aws', { event: onboard })).outputs.result).toBe('unchanged')
    // designer names no AWS either: a keep slice.
    const r = await h.run('grant-aws', { event: await roleChange('designer', 'E8001', 'hr-ops-2') })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.outputs.result).toBe('unchanged')
    expect(h.mutations('iam')).toEqual([])
    expect(iam().user('pat.ops+e8001')).toBeUndefined()
    expect(JSON.parse(r.outputs.receipt!)).toEqual([
      expect.objectContaining({ item: 'user', action: 'none', result: 'unchanged', before: null }),
    ])
    expect(r.summary).toContain('no IAM user of this name exists: nothing to remove')
  })
})
