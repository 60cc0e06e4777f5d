// Every person's record, for plans across people (the access plan, status reports). One function, so the way
// records are listed can change in one place: a ledger that can list itself is asked to; otherwise the
// `file:` backend's folder is read, or the caller's `listIds` names the people.

import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { EMPLOYEE_ID_PATTERN, UserError } from '@onramp/core'
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
  else if (ledger.description.startsWith('file:')) ids = await fileIds(ledger.description.slice('file:'.length))
  else
    throw new UserError({
      field: 'state',
      rule: 'this ledger backend cannot list its records: use file:<dir>, or name the people',
    })
  // Only names a record can have (a stray file such as `notes.txt.json` or `..json` is not a person).
  return [...new Set(ids)].filter((id) => EMPLOYEE_ID_PATTERN.test(id)).sort()
}

async function fileIds(dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(join(dir, 'people'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length))
}
