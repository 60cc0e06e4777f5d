import { describe, expect, it, vi } from 'vitest'
import { canonical, type Item, READ_BACK_POLICY, reconcile, worst } from '../src/reconcile.js'
import { fakeClock } from '../src/testing/index.js'

interface Membership {
  role: string
  state: 'active' | 'pending'
}

/** An item over an in-memory store; `lag` reads after apply still return the old state. */
function item(
  key: string,
  desired: Membership | undefined,
  initial: Membership | undefined,
  opts: { lag?: number; applyThrows?: Error; dependsOn?: string[] } = {},
) {
  let current = initial
  let staleReads = 0
  const it: Item<Membership> & { applied: number; reads: number } = {
    key,
    desired,
    applied: 0,
    reads: 0,
    dependsOn: opts.dependsOn,
    async read() {
      it.reads++
      if (staleReads > 0) {
        staleReads--
        return initial
      }
      return current
    },
    async apply() {
      it.applied++
      if (opts.applyThrows) throw opts.applyThrows
      current = desired
      staleReads = opts.lag ?? 0
    },
    // `pending` satisfies `active`: the invitation is out, acceptance is the person's job.
    same: (d, f) => d?.role === f?.role && (d === undefined || f !== undefined),
    pending: (f) => (f?.state === 'pending' ? 'invited, pending acceptance' : undefined),
  }
  return it
}

const clock = () => fakeClock({ random: () => 0.5 })
const m = (role: string, state: Membership['state'] = 'active'): Membership => ({ role, state })

describe('reconcile', () => {
  it('an item already in the desired state makes no apply', async () => {
    const a = item('team:backend', m('member'), m('member'))
    const out = await reconcile([a], { dryRun: false, clock: clock() })
    expect(a.applied).toBe(0)
    expect(out.result).toBe('unchanged')
    expect(out.receipts).toEqual([
      {
        item: 'team:backend',
        desired: m('member'),
        action: 'none',
        before: m('member'),
        after: m('member'),
        verified: true,
        result: 'unchanged',
        reason: undefined,
      },
    ])
  })

  it('dry run makes no apply and says what it would do', async () => {
    const a = item('team:backend', m('member'), undefined)
    const b = item('team:old', undefined, m('member'))
    const out = await reconcile([a, b], { dryRun: true, clock: clock() })
    expect(a.applied + b.applied).toBe(0)
    expect(out.result).toBe('unchanged')
    expect(out.receipts.map((r) => [r.action, r.reason, r.verified])).toEqual([
      ['create', 'dry run: would create', false],
      ['remove', 'dry run: would remove', false],
    ])
  })

  it('applies, reads back and verifies', async () => {
    const a = item('team:backend', m('maintainer'), m('member'))
    const out = await reconcile([a], { dryRun: false, clock: clock() })
    expect(a.applied).toBe(1)
    expect(out.result).toBe('changed')
    expect(out.receipts[0]).toMatchObject({
      action: 'update',
      before: m('member'),
      after: m('maintainer'),
      verified: true,
    })
  })

  it('an unverifiable item is applied without a read-back and says so: changed, never verified', async () => {
    let sent = 0
    const sessions: Item<{ revoked: boolean | 'unknown' }> = {
      key: 'sessions',
      desired: { revoked: true },
      read: async () => ({ revoked: 'unknown' }),
      async apply() {
        sent++
      },
      verb: () => 'revoke',
      unverifiable: 'sent, unverifiable',
    }
    const out = await reconcile([sessions], { dryRun: false })
    expect(sent).toBe(1)
    expect(out.result).toBe('changed')
    expect(out.receipts[0]).toMatchObject({
      action: 'revoke',
      verified: false,
      after: null,
      reason: 'sent, unverifiable',
    })
  })

  it('a lagging read-back (first two reads stale) is retried and succeeds', async () => {
    const c = clock()
    const a = item('policy:ReadOnlyAccess', m('attached'), undefined, { lag: 2 })
    const out = await reconcile([a], { dryRun: false, clock: c })
    expect(out.result).toBe('changed')
    expect(out.receipts[0]!.verified).toBe(true)
    expect(a.reads).toBe(1 + 3) // the first read, two stale read-backs, one good
    expect(c.sleeps).toHaveLength(2)
  })

  it('past the read-back deadline it fails and says what differs', async () => {
    const c = clock()
    const a = item('policy:ReadOnlyAccess', m('attached'), undefined, { lag: 1000 })
    const out = await reconcile([a], { dryRun: false, clock: c, readBack: { ...READ_BACK_POLICY, deadlineMs: 5000 } })
    expect(out.result).toBe('failed')
    expect(out.receipts[0]).toMatchObject({
      action: 'create',
      verified: false,
      result: 'failed',
      reason: 'verification failed: wanted {"role":"attached","state":"active"}, found null',
    })
    expect(c.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5000)
    expect(a.reads).toBeLessThanOrEqual(1 + READ_BACK_POLICY.maxAttempts)
  })

  it('a pending read-back is reported as pending, not success', async () => {
    let state: Membership | undefined
    const a = item('org:acme', m('member'), undefined)
    a.apply = async () => {
      state = m('member', 'pending')
    }
    a.read = async () => state
    const out = await reconcile([a], { dryRun: false, clock: clock() })
    expect(out.result).toBe('pending')
    expect(out.receipts[0]).toMatchObject({ result: 'pending', verified: true, reason: 'invited, pending acceptance' })

    // and an unchanged item that is still pending stays pending
    const again = await reconcile([a], { dryRun: false, clock: clock() })
    expect(again.receipts[0]).toMatchObject({ action: 'none', result: 'pending' })
  })

  it('apply may defer; dependants are then not attempted', async () => {
    const a = item('invite', m('member'), undefined)
    a.apply = async () => ({ result: 'deferred', reason: 'invitation cap reached for 24 h' })
    const b = item('team:backend', m('member'), undefined, { dependsOn: ['invite'] })
    const out = await reconcile([a, b], { dryRun: false, clock: clock() })
    expect(out.receipts.map((r) => [r.item, r.result, r.reason])).toEqual([
      ['invite', 'deferred', 'invitation cap reached for 24 h'],
      ['team:backend', 'failed', 'not attempted: invite failed'],
    ])
    expect(b.applied + b.reads).toBe(0)
    expect(out.result).toBe('failed')
  })

  it('a failed dependency blocks its dependants, not the others', async () => {
    const a = item('user', m('x'), undefined, { applyThrows: new Error('EntityAlreadyExists: not managed by onramp') })
    const b = item('policy', m('y'), undefined, { dependsOn: ['user'] })
    const c2 = item('group', m('z'), undefined, { dependsOn: ['policy'] })
    const d = item('slack', m('w'), undefined)
    const out = await reconcile([a, b, c2, d], { dryRun: false, clock: clock() })
    expect(out.receipts.map((r) => [r.item, r.result])).toEqual([
      ['user', 'failed'],
      ['policy', 'failed'],
      ['group', 'failed'],
      ['slack', 'changed'],
    ])
    expect(out.receipts[2]!.reason).toBe('not attempted: policy failed')
    expect(b.applied + c2.applied).toBe(0)
    expect(d.applied).toBe(1)
  })

  it('errors become failed receipts with the attempted action and a described reason', async () => {
    const a = item('user', m('x'), m('old'), { applyThrows: new Error('raw message with jane@example.com') })
    const r = item('other', m('x'), undefined)
    r.read = vi.fn(async () => {
      throw new Error('read failed')
    })
    const out = await reconcile([a, r], {
      dryRun: false,
      clock: clock(),
      describeError: (e) => `IAM error: ${(e as Error).message.split(' ')[0]}`,
    })
    expect(out.receipts).toEqual([
      {
        item: 'user',
        desired: m('x'),
        action: 'update',
        before: m('old'),
        after: null,
        verified: false,
        result: 'failed',
        reason: 'IAM error: raw',
      },
      {
        item: 'other',
        desired: m('x'),
        action: 'none',
        before: null,
        after: null,
        verified: false,
        result: 'failed',
        reason: 'IAM error: read',
      },
    ])
  })

  it('show() keeps receipts PII-free', async () => {
    const a: Item<{ email: string; id: number }> = {
      key: 'user',
      desired: { email: 'jane@example.com', id: 1 },
      read: async () => ({ email: 'jane@example.com', id: 1 }),
      apply: async () => {},
      show: (s) => (s ? { id: s.id } : undefined),
    }
    const out = await reconcile([a], { dryRun: false, clock: clock() })
    expect(JSON.stringify(out.receipts)).not.toContain('jane')
  })
})

describe('helpers', () => {
  it('worst folds results by severity', () => {
    expect(worst([])).toBe('unchanged')
    expect(worst(['unchanged', 'changed'])).toBe('changed')
    expect(worst(['changed', 'pending', 'unchanged'])).toBe('pending')
    expect(worst(['pending', 'deferred'])).toBe('deferred')
    expect(worst(['failed', 'deferred', 'changed'])).toBe('failed')
  })

  it('canonical ignores key order, not array order', () => {
    expect(canonical({ b: 1, a: { d: 2, c: 3 } })).toBe(canonical({ a: { c: 3, d: 2 }, b: 1 }))
    expect(canonical([1, 2])).not.toBe(canonical([2, 1]))
  })
})
