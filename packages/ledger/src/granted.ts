// Records, from a step's receipts, what onramp granted the person in that step's system: the same rule for
// every action, so none writes its own. A verified, present, desired item of a grantable kind joins; a
// verified removal leaves; an item that failed or was not verified leaves the list as it was. Account-level
// items (the user, the org membership) are never in it; when the account itself is verified gone (the org
// membership removed, the IAM user deleted) everything in it went too.

import {
  GRANTING_STEP,
  grantedOrRole,
  ITEM_KEY_PREFIX,
  type Plan,
  planItems,
  type Receipt,
  type RoleMap,
  recordGranted,
  SYSTEMS,
  type System,
} from '@onramp/core'
import type { LedgerRecord } from './record.js'

interface Grantable {
  /** Receipt item prefix → granted key prefix. */
  kinds: [receipt: string, key: string][]
  /**
   * Whether an item found already present joins. Slack: no, only channels onramp invited the person to (a
   * channel they were in before is theirs, and is never removed).
   */
  adopt: boolean
  /** Receipt items whose verified absence takes every item of the system with it. */
  account?: string[]
  /**
   * Receipt items that, verified with a desired state, grant every item the plan wants in the system: an org
   * invitation carries the role's teams, which GitHub applies on acceptance.
   */
  carriers?: string[]
}

const K = ITEM_KEY_PREFIX
/** Receipt items named as their keys are: the prefix both ways. */
const same = (...prefixes: string[]): Grantable['kinds'] => prefixes.map((p) => [p, p])

const GRANTABLE: Record<System, Grantable> = {
  identity: { kinds: same(K.identityGroup), adopt: true },
  github: { kinds: same(K.githubTeam), adopt: true, account: ['org-membership'], carriers: ['invitation'] },
  aws: {
    // IAM users' groups and policies; IAM Identity Center's assignments and groups.
    kinds: same(K.awsGroup, K.awsPolicy, K.ssoAssignment, K.ssoGroup),
    adopt: true,
    account: ['delete:user', 'delete:sso-user'],
  },
  slack: { kinds: [['slack-channel:', K.slackChannel]], adopt: false },
}

/** The system a step grants in, if any. */
export function systemOfStep(step: string): System | undefined {
  return SYSTEMS.find((s) => GRANTING_STEP[s] === step)
}

/**
 * The step's system's granted list after these receipts, from `current` (the record being updated, before this
 * step's result is in it). `before` is the record as the step read it at its start: a record from before
 * `granted` existed is read through its role then (another step of the same run may have moved it on since).
 */
export function grantedAfter(
  current: LedgerRecord,
  before: LedgerRecord | undefined,
  system: System,
  plan: Plan,
  receipts: Receipt[],
  roles: RoleMap,
): string[] {
  const rule = GRANTABLE[system]
  if (receipts.some((r) => rule.account?.includes(r.item) && r.verified && r.desired === null)) return []
  const out = new Set(grantedOrRole(recordGranted(current), roles, before?.role ?? current.role)[system])
  const desired = new Set(planItems(plan)[system])
  if (receipts.some((r) => rule.carriers?.includes(r.item) && r.verified && r.desired !== null))
    for (const key of desired) out.add(key)
  for (const r of receipts) {
    const kind = rule.kinds.find(([prefix]) => r.item.startsWith(prefix))
    if (!kind || !r.verified) continue
    const key = kind[1] + r.item.slice(kind[0].length)
    if (!desired.has(key)) out.delete(key)
    else if (rule.adopt || r.action !== 'none') out.add(key)
  }
  return [...out].sort()
}
