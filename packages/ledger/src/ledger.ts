// The ledger: a read-modify-write per person over a store with compare-and-swap. `update` takes a mutation,
// not a record, so after a conflict it re-reads and re-applies it: two jobs recording different steps of one
// person at the same time both land. The version last read or written is kept, so the read before a write is
// conditional (a 304 when nothing changed) and the window a parallel job can race into is one round trip.
// `updateMany` writes many people's records in one commit, all or none, with the same re-read on conflict.

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
import type { RecordSummary } from './pending.js'
import { emptyRecord, type LedgerRecord } from './record.js'

export interface Versioned {
  record: LedgerRecord | undefined
  /** Opaque: a blob sha or a content hash; undefined when there is no record. */
  version: string | undefined
  /** Opaque validator of the read (an ETag): lets the next read of the same record be conditional. */
  tag?: string
}

/** One record as listed: its employee id and version (the blob sha on the github backend). */
export interface LedgerEntry {
  employee_id: string
  version: string
}

/** Several records read at one version of the whole store; `version` is what a batch write must still find. */
export interface VersionedMany {
  records: Map<string, Versioned>
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
  /** With `known` (an earlier read), may answer `known` itself when the record has not changed since. */
  read(employeeId: string, known?: Versioned): Promise<Versioned>
  /**
   * Write only if the stored version is still `version` (undefined: must not exist yet); else ConflictError.
   * Resolves to the new version.
   */
  write(record: LedgerRecord, version: string | undefined, context: WriteContext): Promise<string | undefined>
  /** Every record's id and version. */
  list(): Promise<LedgerEntry[]>
  /** These people's records (absent ones too), all at one version of the store. */
  readMany(employeeIds: string[]): Promise<VersionedMany>
  /** Writes all these records at once if the store is still at `version`; else ConflictError and nothing written. */
  writeMany(records: LedgerRecord[], version: string | undefined, context: BatchContext): Promise<void>
  /**
   * Called before each attempt of a batch write reads the store: whatever the write will wait for (its share of a
   * rate limit) is waited for first, so that the read and the write stay one round trip apart.
   */
  beforeBatch?(): Promise<void>
  /** Of these people (all without ids), those whose summary the store keeps current with their record (an index). */
  summaries?(employeeIds?: string[]): Promise<Map<string, RecordSummary>>
}

export interface BatchContext {
  event: string
  step: string
  /** PII-free: `onramp: 3 records converge/run-1 converge` and the ids, one a line. */
  message: string
}

/** One person's change in a batch. */
export interface Change {
  employeeId: string
  mutate: Mutation
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
  /**
   * Many people's read-modify-writes in one commit: all land or none; on a conflict every mutation is re-applied
   * to what is stored then. Resolves to each record as stored, by employee id. No change, no write.
   */
  updateMany(changes: Change[], context: UpdateContext): Promise<Map<string, LedgerRecord>>
  /** Every record's employee id and version, in one call. */
  list(): Promise<LedgerEntry[]>
  /** These people's records (absent ones left out), read together. */
  getMany(employeeIds: string[]): Promise<Map<string, LedgerRecord>>
  /**
   * What a drain needs of these people's records (pending.ts summarize; everybody's without ids), for those the
   * store's index holds current with the record; the rest are left out, to be read.
   */
  summaries(employeeIds?: string[]): Promise<Map<string, RecordSummary>>
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

function applyMutation(employeeId: string, record: LedgerRecord | undefined, mutate: Mutation) {
  const base = record ?? emptyRecord(employeeId)
  const draft = structuredClone(base)
  const next = mutate(draft) ?? draft
  if (next.employee_id !== employeeId) throw new Error('a ledger mutation must not change employee_id')
  return { base, next, changed: canonical(next) !== canonical(base) }
}

export function createLedger(store: LedgerStore, options: { clock?: Clock; policy?: RetryPolicy } = {}): Ledger {
  const clock = options.clock ?? systemClock
  const policy = options.policy ?? LEDGER_POLICY
  const onConflict = (error: unknown) => ({ retry: error instanceof ConflictError })
  // What this process last read or wrote, per person: the next read of it is conditional.
  const known = new Map<string, Versioned>()
  const read = async (employeeId: string) => {
    const v = await store.read(employeeId, known.get(employeeId))
    known.set(employeeId, v)
    return v
  }
  return {
    description: store.description,
    async get(employeeId) {
      checkEmployeeId(employeeId)
      return (await read(employeeId)).record
    },
    async update(employeeId, mutate, { event, step }) {
      checkEmployeeId(employeeId)
      const message = `onramp: ${employeeId} ${safe(event)} ${safe(step)}`
      return withRetry(
        async () => {
          const { record, version } = await read(employeeId)
          const { base, next, changed } = applyMutation(employeeId, record, mutate)
          if (!changed) return base
          try {
            const written = await store.write(next, version, { employeeId, event, step, message })
            known.set(employeeId, { record: next, version: written })
          } catch (error) {
            known.delete(employeeId)
            throw error
          }
          return next
        },
        onConflict,
        policy,
        clock,
      )
    },
    async updateMany(changes, { event, step }) {
      const ids = changes.map((c) => c.employeeId)
      for (const id of ids) checkEmployeeId(id)
      if (new Set(ids).size !== ids.length) throw new Error('updateMany: one change per employee id')
      return withRetry(
        async () => {
          await store.beforeBatch?.()
          const { records, version } = await store.readMany(ids)
          const out = new Map<string, LedgerRecord>()
          const writes: LedgerRecord[] = []
          for (const { employeeId, mutate } of changes) {
            const { base, next, changed } = applyMutation(employeeId, records.get(employeeId)?.record, mutate)
            out.set(employeeId, next)
            if (changed) writes.push(next)
            else out.set(employeeId, base)
          }
          if (!writes.length) return out
          const written = writes.map((r) => r.employee_id)
          const message = [`onramp: ${writes.length} records ${safe(event)} ${safe(step)}`, '', ...written].join('\n')
          for (const id of written) known.delete(id)
          await store.writeMany(writes, version, { event, step, message })
          return out
        },
        onConflict,
        policy,
        clock,
      )
    },
    list: () => store.list(),
    async getMany(employeeIds) {
      for (const id of employeeIds) checkEmployeeId(id)
      const { records } = await store.readMany(employeeIds)
      const out = new Map<string, LedgerRecord>()
      for (const [id, v] of records) if (v.record) out.set(id, v.record)
      return out
    },
    async summaries(employeeIds) {
      for (const id of employeeIds ?? []) checkEmployeeId(id)
      return (await store.summaries?.(employeeIds)) ?? new Map()
    },
  }
}
