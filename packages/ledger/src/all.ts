// Every person's record, for plans across people (the access plan, converge runs, status reports): the store
// lists itself (the github backend: one read of the state branch's tree) and the records are read by version
// (blobs), so the cost is one listing plus one read per person, never a search per person.

import { EMPLOYEE_ID_PATTERN } from '@onramp/core'
import type { Ledger } from './ledger.js'
import type { LedgerRecord } from './record.js'

/** Every record the ledger holds, sorted by employee id. */
export async function readAllRecords(ledger: Ledger): Promise<LedgerRecord[]> {
  // Only names a record can have (a stray file such as `notes.txt.json` or `..json` is not a person).
  const ids = (await ledger.list()).map((e) => e.employee_id).filter((id) => EMPLOYEE_ID_PATTERN.test(id))
  const records = await ledger.getMany([...new Set(ids)].sort())
  return [...records.values()].sort((a, b) => (a.employee_id < b.employee_id ? -1 : 1))
}
