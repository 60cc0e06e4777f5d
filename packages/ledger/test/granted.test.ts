import { fileURLToPath } from 'node:url'
import { loadAccess, type Plan, plan, type Receipt } from '@onramp/core'
import { describe, expect, it } from 'vitest'
import { grantedAfter } from '../src/granted.js'
import { emptyRecord, type LedgerRecord } from '../src/record.js'

const repo = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url))
const { roles, guardrails } = loadAccess({
  rolesFile: repo('.github/access/roles.yaml'),
  guardrailsFile: repo('.github/access/guardrails.yaml'),
})
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const ENGINEER = 'arn:aws:iam::123456789012:policy/onramp/role-engineer'

const planOf = (type: 'onboard' | 'role-change' | 'offboard', role?: string): Plan =>
  plan({ type, eventId: 'e1', employeeId: 'E1', role }, roles, guardrails)

const receipt = (item: string, verified: boolean, action = 'none', desired: unknown = 'x'): Receipt => ({
  item,
  action,
  desired,
  before: null,
  after: null,
  verified,
  result: verified ? (action === 'none' ? 'unchanged' : 'changed') : 'failed',
})

const record = (extra: Partial<LedgerRecord> = {}): LedgerRecord => ({ ...emptyRecord('E1'), ...extra })

describe('granted from receipts', () => {
  it('a verified, present, desired item joins; one that failed does not; account items never do', () => {
    const list = grantedAfter(
      record(),
      undefined,
      'aws',
      planOf('onboard', 'backend-engineer'),
      [
        receipt('user', true, 'create'),
        receipt('tag:role', true, 'create'),
        receipt(`policy:${READ_ONLY}`, true, 'attach'),
        receipt(`policy:${ENGINEER}`, false, 'attach'),
        receipt('group:developers', true),
        receipt('unmanaged', true),
      ],
      roles,
    )
    expect(list).toEqual(['group:developers', `policy:${READ_ONLY}`])
  })

  it('a verified removal leaves; a removal that failed stays, to be taken away next time', () => {
    const current = record({ granted: { aws: ['group:developers', `policy:${ENGINEER}`, `policy:${READ_ONLY}`] } })
    const list = grantedAfter(
      current,
      current,
      'aws',
      planOf('offboard'),
      [receipt(`policy:${ENGINEER}`, true, 'detach', null), receipt(`policy:${READ_ONLY}`, false, 'detach', null)],
      roles,
    )
    expect(list).toEqual(['group:developers', `policy:${READ_ONLY}`])
  })

  it('the org membership verified gone takes every team with it', () => {
    const current = record({ granted: { github: ['team:backend', 'team:engineering'] } })
    const gone = [receipt('org-membership', true, 'remove', null), receipt('invitation', true)]
    expect(grantedAfter(current, current, 'github', planOf('offboard'), gone, roles)).toEqual([])
    // Not verified (an owner, a failure): the list stands.
    const refused = [receipt('org-membership', false, 'none', null)]
    expect(grantedAfter(current, current, 'github', planOf('offboard'), refused, roles)).toEqual([
      'team:backend',
      'team:engineering',
    ])
  })

  it('an org invitation carries the role’s teams: granted once it is verified out, not while deferred', () => {
    const p = planOf('onboard', 'backend-engineer')
    const sent = [receipt('invitation', true, 'invite', { state: 'pending' })]
    expect(grantedAfter(record(), undefined, 'github', p, sent, roles)).toEqual(['team:backend', 'team:engineering'])
    const deferred = [receipt('invitation', false, 'invite', { state: 'pending' })]
    expect(grantedAfter(record(), undefined, 'github', p, deferred, roles)).toEqual([])
    // A cancelled invitation (nothing desired) grants nothing.
    const cancelled = [receipt('invitation', true, 'cancel', null)]
    expect(grantedAfter(record(), undefined, 'github', planOf('offboard'), cancelled, roles)).toEqual([])
  })

  it('Slack: only channels onramp invited the person to join; one they were in before stays theirs', () => {
    const p = planOf('onboard', 'backend-engineer')
    const list = grantedAfter(
      record(),
      undefined,
      'slack',
      p,
      [receipt('slack-channel:#backend', true, 'invite'), receipt('slack-channel:#eng', true)],
      roles,
    )
    expect(list).toEqual(['channel:#backend'])
  })

  it('a record from before granted existed starts from what its role gave, read as the step found it', () => {
    // Identity already moved the record to the new role; the AWS step read it as a backend engineer.
    const before = record({ role: 'backend-engineer', steps: { aws: { result: 'changed', verified: true, at: '' } } })
    const current = { ...before, role: 'designer' }
    const list = grantedAfter(
      current,
      before,
      'aws',
      planOf('role-change', 'designer'),
      [receipt(`policy:${READ_ONLY}`, true, 'detach', null), receipt(`policy:${ENGINEER}`, false, 'detach', null)],
      roles,
    )
    expect(list).toEqual(['group:developers', `policy:${ENGINEER}`])
  })
})
