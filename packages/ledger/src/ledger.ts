// The ledger: a read-modify-write per person over a store with compare-and-swap. `update` takes a mutation,
// not a record, so after a conflict it re-reads and re-applies it: two jobs recording different steps of one
// person at the same time both land.

import {
  type Clock,
  canonical,
  EMPLOYEE_ID_PATTERN,
  type RetryPolicy,
  systemClock,
  UserError,
  withRetry,
} from '@onramp/core'
import { ConflictError } from './errors.js'
import { emptyRecord, type LedgerRecord } from './record.js'

export interface Versioned {
  record: LedgerRecord | undefined
  /** Opaque: a blob sha or a content hash; undefined when there is no record. */
  version: string | undefined
}

export interface WriteContext {
  employeeId: string
  event: string
  step: string
  /** PII-free: `onramp: E1042 onboard/evt-1 identity`. */
  message: string
}

export interface LedgerStore {
  readonly description: string
  read(employeeId: string): Promise<Versioned>
  /** Write only if the stored version is still `version` (undefined: must not exist yet); else ConflictError. */
  write(record: LedgerRecord, version: string | undefined, context: WriteContext): Promise<void>
  /** Every employee id with a record, sorted: one listing call, no record read. */
  employeeIds(): Promise<string[]>
}

export interface UpdateContext {
  /** `<event type>/<event id>`, e.g. `onboard/evt-1`, or `rerun/<run id>`. */
  event: string
  /** The step writing: `identity`, `github`, `aws`, `notify`, … */
  step: string
}

/** Return the new record, or mutate the given copy in place and return nothing. */
export type Mutation = (record: LedgerRecord) => LedgerRecord | undefined | void

export interface Ledger {
  readonly description: string
  get(employeeId: string): Promise<LedgerRecord | undefined>
  /** Read-modify-write with compare-and-swap; resolves to the record as stored. No change, no write. */
  update(employeeId: string, mutate: Mutation, context: UpdateContext): Promise<LedgerRecord>
  /** Every employee id with a record, sorted (a converge run over `all`). */
  employeeIds(): Promise<string[]>
}

/** Conflicts clear in a round trip or two; this keeps trying well past that, but not for ever. */
export const LEDGER_POLICY: RetryPolicy = { baseMs: 100, capMs: 2000, maxAttempts: 10, deadlineMs: 60_000 }

// Commit messages and file names carry only these characters: ids and event labels, never free text.
const safe = (s: string) => s.replace(/[^A-Za-z0-9._:/-]/g, '_').slice(0, 100)

export function checkEmployeeId(employeeId: string): void {
  if (!EMPLOYEE_ID_PATTERN.test(employeeId) || /^\.+$/.test(employeeId)) {
    throw new UserError({ field: 'employee_id', rule: 'must match [A-Za-z0-9._-]{1,64} and not be only dots' })
  }
}

export function createLedger(store: LedgerStore, options: { clock?: Clock; policy?: RetryPolicy } = {}): Ledger {
  const clock = options.clock ?? systemClock
  const policy = options.policy ?? LEDGER_POLICY
  return {
    description: store.description,
    employeeIds: () => store.employeeIds(),
    async get(employeeId) {
      checkEmployeeId(employeeId)
      return (await store.read(employeeId)).record
    },
    async update(employeeId, mutate, { event, step }) {
      checkEmployeeId(employeeId)
      const message = `onramp: ${employeeId} ${safe(event)} ${safe(step)}`
      return withRetry(
        async () => {
          const { record, version } = await store.read(employeeId)
          const base = record ?? emptyRecord(employeeId)
          const draft = structuredClone(base)
          const next = mutate(draft) ?? draft
          if (next.employee_id !== employeeId) throw new Error('a ledger mutation must not change employee_id')
          if (canonical(next) === canonical(base)) return base
          await store.write(next, version, { employeeId, event, step, message })
          return next
        },
        (error) => ({ retry: error instanceof ConflictError }),
        policy,
        clock,
      )
    },
  }
}
