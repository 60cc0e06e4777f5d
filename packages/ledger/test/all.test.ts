import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readAllRecords } from '../src/all.js'
import type { Ledger } from '../src/ledger.js'
import { openLedger } from '../src/open.js'
import type { LedgerRecord } from '../src/record.js'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

async function fileLedger(): Promise<{ ledger: Ledger; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'onramp-all-'))
  dirs.push(dir)
  return { ledger: await openLedger(`file:${dir}`), dir }
}

const context = { event: 'onboard/e1', step: 'identity' }
const designer = (r: LedgerRecord) => {
  r.role = 'designer'
}

describe('readAllRecords', () => {
  it('file: every person in the folder, sorted by employee id; stray files are not people', async () => {
    const { ledger, dir } = await fileLedger()
    expect(await readAllRecords(ledger)).toEqual([])
    for (const id of ['E2', 'E10', 'E1']) await ledger.update(id, designer, context)
    await writeFile(join(dir, 'people', 'notes.txt'), 'not a record')
    await writeFile(join(dir, 'people', '..json'), '{}')
    const all = await readAllRecords(ledger)
    expect(all.map((r) => r.employee_id)).toEqual(['E1', 'E10', 'E2'])
    expect(all.every((r) => r.role === 'designer')).toBe(true)
  })

  it('reads whom the ledger lists, each at its version', async () => {
    const { ledger } = await fileLedger()
    await ledger.update('E1', designer, context)
    await ledger.update('E2', designer, context)
    const listing = Object.assign(Object.create(ledger), { list: async () => [{ employee_id: 'E2', version: 'x' }] })
    expect((await readAllRecords(listing)).map((r) => r.employee_id)).toEqual(['E2'])
  })
})
