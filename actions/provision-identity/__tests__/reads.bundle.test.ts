// Reads per item, from the sandbox's request log: at most a read and a read-back per item (issue 17), for an
// onboard and a role change of the sample hire, against Okta, a generic SCIM provider and IAM Identity
// Center's SCIM. The same measurement prints as a benchmark: test/bench/identity-reads.ts.
import { describe, expect, it } from 'vitest'
import { type IdentityTarget, measureIdentityCalls } from '../../../test/support/identity-reads.js'

const targets: [string, IdentityTarget][] = [
  ['okta', { provider: 'okta' }],
  ['scim (generic)', { provider: 'scim', profile: 'generic' }],
  ['scim (aws-identity-center)', { provider: 'scim', profile: 'aws-identity-center' }],
]

const PER_RUN = 3

describe('provision-identity reads at most twice per item', () => {
  it.each(targets)(
    '%s: onboard and role change',
    async (_name, target) => {
      const steps = await measureIdentityCalls(target)
      expect(steps.map((s) => s.event)).toEqual(['onboard', 'role-change'])
      for (const s of steps) {
        expect(s.result, s.event).toMatch(/^(changed|pending)$/)
        // onboard: create + 2 group adds; role change: 2 removals + 1 add (backend-engineer → data-analyst).
        expect(s.writes, s.event).toBe(3)
        expect(s.items, s.event).toBeGreaterThan(0)
        // A read and a read-back per item, plus at most three reads per run that no item owns: the account, the
        // group ids by name (one listing), and the unmanaged-groups report (IAM Identity Center refuses it).
        expect(s.reads, `${s.event}: ${JSON.stringify(s.byRoute)}`).toBeLessThanOrEqual(2 * s.items + PER_RUN)
        // Every change is read back by a request of its own before the next change, and after the last.
        expect(s.readAfterEveryWrite, s.event).toBe(true)
      }
    },
    60_000,
  )
})
