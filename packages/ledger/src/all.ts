// Every person's record, for plans and runs across people (the access plan, status reports, converge runs over
// `all`). One function, so the way records are listed can change in one place: a ledger that can list its
// records in one read is asked to; otherwise the caller's `listIds`, else the backend's employee ids (the
// `file:` folder, or the `github` state branch's people/ folder) and one read per person.

import { EMPLOYEE_ID_PATTERN } from '@onramp/core'
import type { Ledger } from './ledger.js'
import type { LedgerRecord } from './record.js'

interface Listing {
  list?: () => Promise<{ employee_id: string }[]>
}

export interface ReadAllOptions {
  /** The employee ids the ledger holds, for a backend that cannot list itself (e.g. `github` before list()). */
  listIds?: () => Promise<string[]>
}

/** Every record the ledger holds, sorted by employee id. */
export async function readAllRecords(ledger: Ledger, options: ReadAllOptions = {}): Promise<LedgerRecord[]> {
  const ids = await employeeIds(ledger, options)
  const records: LedgerRecord[] = []
  for (const id of ids) {
    const record = await ledger.get(id)
    if (record) records.push(record)
  }
  return records
}

async function employeeIds(ledger: Ledger & Listing, options: ReadAllOptions): Promise<string[]> {
  let ids: string[]
  if (typeof ledger.list === 'function') ids = (await ledger.list()).map((e) => e.employee_id)
  else if (options.listIds) ids = await options.listIds()
  else ids = await ledger.employeeIds()
  // Only names a record can have (a stray file such as `notes.txt.json` or `..json` is not a person).
  return [...new Set(ids)].filter((id) => EMPLOYEE_ID_PATTERN.test(id)).sort()
}
