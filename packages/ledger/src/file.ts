// The file backend: `<dir>/people/<employee_id>.json`, for the sandbox, local runs and tests. Compare-and-swap
// is a content-hash check made under a short per-record lock file; the write itself is temp file + rename, so
// a reader never sees half a record. `<dir>/history.jsonl` stands in for the github backend's commit log.

import { createHash, randomUUID } from 'node:crypto'
import { appendFile, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Clock, systemClock } from '@onramp/core'
import { ConflictError } from './errors.js'
import type { BatchContext, LedgerEntry, LedgerStore, Versioned, VersionedMany } from './ledger.js'
import type { LedgerRecord } from './record.js'

/** A lock older than this was left by a crashed writer. */
const STALE_LOCK_MS = 30_000
const LOCK_WAIT_MS = 10_000

const hash = (text: string) => createHash('sha256').update(text).digest('hex')

export class FileStore implements LedgerStore {
  readonly description: string
  private readonly people: string
  constructor(
    private readonly dir: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.description = `file:${dir}`
    this.people = join(dir, 'people')
  }

  private path(employeeId: string) {
    return join(this.people, `${employeeId}.json`)
  }

  async read(employeeId: string): Promise<Versioned> {
    let text: string
    try {
      text = await readFile(this.path(employeeId), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { record: undefined, version: undefined }
      throw error
    }
    return { record: JSON.parse(text), version: hash(text) }
  }

  async write(
    record: LedgerRecord,
    version: string | undefined,
    context: Parameters<LedgerStore['write']>[2],
  ): Promise<string> {
    const [written] = await this.writeLocked([record], new Map([[record.employee_id, version]]), context)
    return written!
  }

  async list(): Promise<LedgerEntry[]> {
    let names: string[]
    try {
      names = await readdir(this.people)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length))
    const entries = await Promise.all(
      ids.map(async (id) => ({ employee_id: id, version: (await this.read(id)).version })),
    )
    return entries
      .filter((e): e is LedgerEntry => e.version !== undefined)
      .sort((a, b) => a.employee_id.localeCompare(b.employee_id))
  }

  /** The store's version for a batch is each record's version: the write checks them all under the locks. */
  async readMany(employeeIds: string[]): Promise<VersionedMany> {
    const records = new Map<string, Versioned>()
    for (const id of employeeIds) records.set(id, await this.read(id))
    const versions = Object.fromEntries([...records].map(([id, v]) => [id, v.version ?? null]))
    return { records, version: JSON.stringify(versions) }
  }

  async writeMany(records: LedgerRecord[], version: string | undefined, context: BatchContext): Promise<void> {
    const versions = JSON.parse(version ?? '{}') as Record<string, string | null>
    const expected = new Map(records.map((r) => [r.employee_id, versions[r.employee_id] ?? undefined]))
    await this.writeLocked(records, expected, context)
  }

  /** Locks every record (in id order, so two batches cannot deadlock), checks every version, then writes all. */
  private async writeLocked(
    records: LedgerRecord[],
    expected: Map<string, string | undefined>,
    context: { event: string; step: string },
  ): Promise<string[]> {
    await mkdir(this.people, { recursive: true })
    const ids = records.map((r) => r.employee_id).sort()
    const releases: (() => Promise<void>)[] = []
    try {
      for (const id of ids) releases.push(await this.lock(`${this.path(id)}.lock`))
      for (const id of ids) {
        if ((await this.read(id)).version !== expected.get(id)) throw new ConflictError(id)
      }
      const written: string[] = []
      for (const record of records) {
        const path = this.path(record.employee_id)
        const text = `${JSON.stringify(record, null, 2)}\n`
        const temp = `${path}.${randomUUID()}.tmp`
        await writeFile(temp, text)
        await rename(temp, path)
        written.push(hash(text))
      }
      const at = new Date(this.clock.now()).toISOString()
      const lines = records.map((r) =>
        JSON.stringify({ at, employee_id: r.employee_id, event: context.event, step: context.step }),
      )
      await appendFile(join(this.dir, 'history.jsonl'), `${lines.join('\n')}\n`)
      return written
    } finally {
      for (const release of releases) await release()
    }
  }

  private async lock(lockPath: string): Promise<() => Promise<void>> {
    const started = this.clock.now()
    for (;;) {
      try {
        const handle = await open(lockPath, 'wx')
        await handle.close()
        return () => unlink(lockPath).catch(() => {})
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const age = await stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      )
      if (age > STALE_LOCK_MS) {
        await unlink(lockPath).catch(() => {})
        continue
      }
      if (this.clock.now() - started > LOCK_WAIT_MS) throw new Error(`ledger lock busy: ${lockPath}`)
      await this.clock.sleep(5 + Math.floor(this.clock.random() * 20))
    }
  }
}
