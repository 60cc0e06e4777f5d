import { describe, expect, it } from 'vitest'
import { loadAccess } from '../src/config.js'
import { plan } from '../src/plan.js'
import type { Receipt } from '../src/reconcile.js'
import { renderSummary, showValue } from '../src/summary.js'

const receipt = (r: Partial<Receipt> & Pick<Receipt, 'item' | 'result'>): Receipt => ({
  action: 'none',
  before: null,
  after: null,
  verified: true,
  ...r,
})

describe('showValue', () => {
  it('says absent, lists and key-value pairs in words', () => {
    expect(showValue(null)).toBe('absent')
    expect(showValue([])).toBe('none')
    expect(showValue(['a', 'b'])).toBe('a, b')
    expect(showValue({ id: '00u1', status: 'ACTIVE', gone: null })).toBe('id 00u1, status ACTIVE')
    expect(showValue({ sent: true, ref: { ch: 'C1' } })).toBe('sent true, ref {ch C1}')
  })
})

describe('renderSummary', () => {
  const receipts: Receipt[] = [
    receipt({
      item: 'status',
      action: 'activate',
      desired: { status: 'ACTIVE' },
      before: { status: 'STAGED' },
      after: { status: 'PROVISIONED' },
      result: 'pending',
      reason: 'provisioned: the person has yet to finish activation',
    }),
    receipt({
      item: 'group:backend',
      action: 'add',
      desired: 'member',
      before: 'not a member',
      after: 'member',
      result: 'changed',
    }),
    receipt({
      item: 'group:design',
      desired: 'not a member',
      before: 'not a member',
      after: 'not a member',
      result: 'unchanged',
    }),
    receipt({
      item: 'group:people',
      desired: 'not a member',
      before: 'not a member',
      after: 'not a member',
      result: 'unchanged',
    }),
    receipt({
      item: 'group:ops|x',
      action: 'add',
      desired: 'member',
      before: 'not a member',
      after: 'not a member',
      verified: false,
      result: 'failed',
      reason: 'okta 403 E0000006: You do not have permission to perform the requested action',
    }),
    receipt({ item: 'sessions', desired: 'revoked', result: 'failed', reason: 'not attempted: group:ops|x failed' }),
  ]
  const md = renderSummary({
    title: 'onramp: identity provider',
    note: 'Provider okta.',
    receipts,
    rerun: { employeeId: 'E1042', eventType: 'onboard' },
  })

  it('one row per item that moved, before → after and the result; unchanged items folded into a count', () => {
    expect(md).toContain('**2 failed · 1 pending · 1 changed · 2 unchanged**')
    expect(md).toContain('| `group:backend` | `not a member` → `member` | ✅ changed (add) |')
    expect(md).toContain(
      '| `status` | `status STAGED` → `status PROVISIONED` | ⏳ pending (activate): provisioned: the person has yet to finish activation |',
    )
    expect(md).toContain('<details><summary>2 unchanged</summary>')
    expect(md).toContain('- `group:design`: `not a member`')
    expect(md).not.toMatch(/\| `group:design`/)
  })

  it('a failed item says what was wanted, escapes table pipes and says what to do next', () => {
    expect(md).toContain('| `group:ops\\|x` | `not a member` (wanted `member`) | ❌ failed (add): okta 403')
    expect(md).toContain('### What to do')
    expect(md).toContain('- `group:ops|x`: okta 403 E0000006')
    expect(md).toContain('- 1 item(s) waiting on those were not attempted.')
    expect(md).toContain('with employee id `E1042` and event type `onboard`')
    expect(md).toContain('### What happens next')
    expect(md).toContain('- 1 pending: waiting on the person or the service, as the table says. Not a failure')
  })

  it('a dry run shows what would change, and no next step when nothing failed', () => {
    const dry = renderSummary({
      title: 't',
      note: 'Dry run: nothing was changed.',
      receipts: [
        receipt({
          item: 'user',
          action: 'create',
          before: null,
          after: { employee_id: 'E1' },
          verified: false,
          result: 'unchanged',
          reason: 'dry run: would create',
        }),
      ],
    })
    expect(dry).toContain('**1 would change**')
    expect(dry).toContain('| `user` | `absent` → `employee_id E1` | dry run: would create |')
    expect(dry).not.toContain('What to do')
    expect(dry).not.toContain('<table>')
  })

  it('renders the plan per system in words, the JSON folded', () => {
    const access = loadAccess({
      rolesFile: new URL('../../../.github/access/roles.yaml', import.meta.url).pathname,
      guardrailsFile: new URL('../../../.github/access/guardrails.yaml', import.meta.url).pathname,
    })
    const p = plan(
      { type: 'onboard', employeeId: 'E1042', eventId: 'hr-1', role: 'backend-engineer' } as never,
      access.roles,
      access.guardrails,
    )
    const text = renderSummary({ title: 'onramp: onboard E1042 is valid', plan: p, receipts: [] })
    expect(text).toContain('### Plan')
    expect(text).toContain('onboard of `E1042` as `backend-engineer` (event `hr-1`):')
    expect(text).toMatch(/- \*\*Identity provider\*\*: an active account in groups `engineering`, `backend`/)
    expect(text).toMatch(/- \*\*GitHub\*\* `acme`: member \(or invited\), teams `engineering` \(member\)/)
    expect(text).toContain('- **AWS IAM**: a user under `/onramp/`')
    expect(text).toContain('- **Slack**: channels')
    expect(text).toContain('<details><summary>Plan as JSON</summary>')
    expect(text).not.toContain('No items.')
  })
})
