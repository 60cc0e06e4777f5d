// The one reconcile loop every action runs: per item, read -> diff -> apply -> read back -> verify -> receipt.
// Items run in order; an item whose dependency failed is not attempted. Nothing is reported done that a
// read-back has not shown.

import { type Clock, RetryExhaustedError, type RetryPolicy, systemClock, withRetry } from './retry.js'

/**
 * `scheduled`: the step's work is not due yet (a start date, a last day): nothing was changed, and the person's
 * ledger record holds when it is due (dates.ts).
 */
export type StepResult = 'changed' | 'unchanged' | 'scheduled' | 'pending' | 'deferred' | 'failed'

/** Severity order used to fold item results into one step result. */
const RANK: Record<StepResult, number> = { unchanged: 0, changed: 1, scheduled: 2, pending: 3, deferred: 4, failed: 5 }

export function worst(results: StepResult[]): StepResult {
  return results.reduce<StepResult>((a, b) => (RANK[b] > RANK[a] ? b : a), 'unchanged')
}

/** One line of evidence: identifiers and states only, never names or emails. */
export interface Receipt {
  item: string
  action: string // 'none' | 'create' | 'update' | 'remove' | an item-specific verb such as 'suspend'
  /** What was wanted (shown); `null` when the item must be absent. */
  desired?: unknown
  before: unknown
  after: unknown
  verified: boolean
  result: StepResult
  /** Why the result is pending, deferred or failed; also what a dry run would do. PII-free. */
  reason?: string
}

/** What `apply` may say instead of "done, go verify". */
export interface ApplyOutcome {
  result: 'deferred' | 'pending'
  reason: string
}

export interface Item<S> {
  /** Stable, PII-free name, e.g. `team:backend`, `policy:arn:aws:iam::aws:policy/ReadOnlyAccess`. */
  key: string
  /** Desired state; `undefined` means the item must be absent. */
  desired: S | undefined
  /** Current state; `undefined` means absent. Must not mutate. */
  read(): Promise<S | undefined>
  /** Move `found` towards `desired`. Only called when they differ and not in a dry run. */
  apply(found: S | undefined): Promise<ApplyOutcome | undefined | void>
  /** Whether `found` satisfies `desired`. Default: canonical JSON equality. */
  same?(desired: S | undefined, found: S | undefined): boolean
  /** A read-back state that is correct but not final (an invitation not yet accepted): its reason. */
  pending?(found: S | undefined): string | undefined
  /** Verb for the receipt. Default: create / remove / update. */
  verb?(found: S | undefined, desired: S | undefined): string
  /** The PII-free rendering of a state for receipts and summaries. Default: the state itself. */
  show?(state: S | undefined): unknown
  /** Keys of earlier items this one needs; if any failed, this one fails without being attempted. */
  dependsOn?: string[]
  /**
   * Set when no API can read the effect back (Okta's session revocation): `read` cannot see it either, so the
   * item is applied every time, and its receipt says this instead of claiming a verification.
   */
  unverifiable?: string
}

export interface ReconcileOptions {
  dryRun: boolean
  /** Read-back polling: eventual consistency and async transitions settle within this policy. */
  readBack?: RetryPolicy
  clock?: Clock
  /** Turns an error into a PII-free sentence. Default: the error's message. */
  describeError?(error: unknown): string
}

export interface ReconcileOutcome {
  result: StepResult
  receipts: Receipt[]
}

/** The outcome of a step that failed before any item could be attempted (a read that every item needs). */
export function failedBefore(item: string, reason: string): ReconcileOutcome {
  return {
    result: 'failed',
    receipts: [{ item, action: 'none', before: null, after: null, verified: false, result: 'failed', reason }],
  }
}

export const READ_BACK_POLICY: RetryPolicy = { baseMs: 250, capMs: 4000, maxAttempts: 8, deadlineMs: 30_000 }

export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

const defaultSame = (a: unknown, b: unknown) => canonical(a) === canonical(b)
const defaultVerb = (found: unknown, desired: unknown) =>
  found === undefined ? 'create' : desired === undefined ? 'remove' : 'update'

export async function reconcile(items: Item<any>[], options: ReconcileOptions): Promise<ReconcileOutcome> {
  const clock = options.clock ?? systemClock
  const policy = options.readBack ?? READ_BACK_POLICY
  const describe = options.describeError ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)))
  const failed = new Set<string>()
  const receipts: Receipt[] = []

  for (const item of items) {
    const same = item.same ?? defaultSame
    const show = item.show ?? ((s: unknown) => s)
    const blocker = item.dependsOn?.find((k) => failed.has(k))
    if (blocker) {
      failed.add(item.key)
      receipts.push({
        item: item.key,
        desired: show(item.desired) ?? null,
        action: 'none',
        before: null,
        after: null,
        verified: false,
        result: 'failed',
        reason: `not attempted: ${blocker} failed`,
      })
      continue
    }
    let found: unknown
    // What was attempted, so a failure after apply says so.
    let action = 'none'
    try {
      found = await item.read()
      const pendingReason = item.pending?.(found)
      if (same(item.desired, found)) {
        receipts.push({
          item: item.key,
          desired: show(item.desired) ?? null,
          action: 'none',
          before: show(found) ?? null,
          after: show(found) ?? null,
          verified: true,
          result: pendingReason ? 'pending' : 'unchanged',
          reason: pendingReason,
        })
        continue
      }
      const verb = (item.verb ?? defaultVerb)(found, item.desired)
      if (options.dryRun) {
        receipts.push({
          item: item.key,
          desired: show(item.desired) ?? null,
          action: verb,
          before: show(found) ?? null,
          after: show(item.desired) ?? null,
          verified: false,
          result: 'unchanged',
          reason: `dry run: would ${verb}`,
        })
        continue
      }
      action = verb
      const outcome = await item.apply(found)
      if (outcome) {
        if (outcome.result === 'deferred') failed.add(item.key) // dependants cannot proceed either
        receipts.push({
          item: item.key,
          desired: show(item.desired) ?? null,
          action,
          before: show(found) ?? null,
          after: show(found) ?? null,
          verified: false,
          result: outcome.result,
          reason: outcome.reason,
        })
        continue
      }
      if (item.unverifiable) {
        receipts.push({
          item: item.key,
          desired: show(item.desired) ?? null,
          action,
          before: show(found) ?? null,
          after: null,
          verified: false,
          result: 'changed',
          reason: item.unverifiable,
        })
        continue
      }
      const { state, ok } = await readBack(item, same, policy, clock)
      const pending = item.pending?.(state)
      receipts.push({
        item: item.key,
        desired: show(item.desired) ?? null,
        action,
        before: show(found) ?? null,
        after: show(state) ?? null,
        verified: ok,
        result: ok ? (pending ? 'pending' : 'changed') : 'failed',
        reason: ok
          ? pending
          : `verification failed: wanted ${canonical(show(item.desired) ?? null)}, found ${canonical(show(state) ?? null)}`,
      })
      if (!ok) failed.add(item.key)
    } catch (error) {
      failed.add(item.key)
      receipts.push({
        item: item.key,
        desired: show(item.desired) ?? null,
        action,
        before: found === undefined ? null : (show(found) ?? null),
        after: null,
        verified: false,
        result: 'failed',
        reason: describe(error),
      })
    }
  }
  return { result: worst(receipts.map((r) => r.result)), receipts }
}

/** A read-back that does not match yet: the retry policy decides whether to look again. */
class Unsettled extends Error {
  constructor(readonly state: unknown) {
    super('read-back does not match the desired state yet')
  }
}

/** Re-read until the state matches, under the one retry policy (attempts, backoff, deadline). */
async function readBack(item: Item<any>, same: (a: unknown, b: unknown) => boolean, policy: RetryPolicy, clock: Clock) {
  try {
    const state = await withRetry(
      async () => {
        const state = await item.read()
        if (!same(item.desired, state)) throw new Unsettled(state)
        return state
      },
      // A floor on the wait: an immediate re-read of a lagging service only spends a request.
      (error) => ({ retry: error instanceof Unsettled, waitMs: policy.baseMs / 4 }),
      policy,
      clock,
    )
    return { state, ok: true }
  } catch (error) {
    if (error instanceof RetryExhaustedError && error.lastError instanceof Unsettled)
      return { state: error.lastError.state, ok: false }
    throw error
  }
}
