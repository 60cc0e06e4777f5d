// What a drain asks of a person's record: which HR events it already holds, and whether any step has work for
// its newest event. The same answers are kept in the ledger's index (GithubStore), beside the records and in the
// same commit, so a drain reads only the records that have work instead of every person its intents name.

import { EVENT_TYPES, type EventType, eventHash } from '@onramp/core'
import { type LedgerEvent, type LedgerRecord, newestRecorded } from './record.js'
import type { StepName } from './step.js'

/** The steps of lifecycle.yml, in order. */
export const STEP_NAMES: readonly StepName[] = ['identity', 'github', 'aws', 'notify']

/**
 * Whether this step has work for the person in a drain: their newest recorded event (of one of `types`) has no
 * result for the step yet, or a failed one, or one deferred past a cap; and the steps before it in
 * lifecycle.yml have done their part (identity first: for a leaver, GitHub and AWS go on when identity failed).
 * Pending work (an invitation not accepted) is left to the scheduled reconcile, which follows it hourly.
 */
export function isPendingFor(record: LedgerRecord, step: StepName, types: readonly EventType[] = EVENT_TYPES): boolean {
  const last = newestRecorded(record)
  if (!last || !types.includes(last.type)) return false
  const own = record.steps[step]
  const done = own?.event_id === last.event_id && own.result !== 'failed' && own.result !== 'deferred'
  return !done && stepsBeforeDone(record, step, last)
}

/** Whether the steps before this one in lifecycle.yml did their part for the event (for a leaver, GitHub and AWS
 * go on when identity failed). */
export function stepsBeforeDone(record: LedgerRecord, step: StepName, event: LedgerEvent): boolean {
  return (ACCESS_BEFORE[step] ?? []).every((before) => {
    const s = record.steps[before]
    return s?.event_id === event.event_id && (s.result !== 'failed' || (event.type === 'offboard' && step !== 'notify'))
  })
}

const ACCESS_BEFORE: Partial<Record<StepName, StepName[]>> = {
  github: ['identity'],
  aws: ['identity'],
  notify: ['identity', 'github', 'aws'],
}

/** The hashes (eventHash) of the HR events the record holds: taken in before, or its last or newest event. */
export function heldHashes(record: LedgerRecord): string[] {
  const own = [record.last_event, record.unapplied_event].flatMap((e) => (e ? [eventHash(e.event_id)] : []))
  return [...new Set([...(record.received ?? []), ...own])]
}

/** What a drain needs of a record without reading it: kept in the ledger's index, current with the record. */
export interface RecordSummary {
  held: string[]
  /** The steps with work for the newest event (isPendingFor, of any type). */
  pending: StepName[]
}

export function summarize(record: LedgerRecord): RecordSummary {
  return { held: heldHashes(record), pending: STEP_NAMES.filter((step) => isPendingFor(record, step)) }
}
