// The file backend: `<dir>/people/<employee_id>.json`, for the sandbox, local runs and tests. Compare-and-swap
// is a content-hash check made under a short per-record lock file; the write itself is temp file + rename, so
// a reader never sees half a record. `<dir>/history.jsonl` stands in for the github backend's commit log.

import { createHash, randomUUID } from 'node:crypto'
import { appendFile, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type Clock, systemClock } from '@onramp/core'
import { ConflictError } from './errors.js'
import type { LedgerStore, Versioned } from './ledger.js'

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

  async employeeIds(): Promise<string[]> {
    let names: string[]
    try {
      names = await readdir(this.people)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    return names.flatMap((n) => (n.endsWith('.json') ? [n.slice(0, -'.json'.length)] : [])).sort()
  }

  async write(
    record: Parameters<LedgerStore['write']>[0],
    version: string | undefined,
    context: Parameters<LedgerStore['write']>[2],
  ) {
    await mkdir(this.people, { recursive: true })
    const path = this.path(record.employee_id)
    const release = await this.lock(`${path}.lock`)
    try {
      const current = await this.read(record.employee_id)
      if (current.version !== version) throw new ConflictError(record.employee_id)
      const temp = `${path}.${randomUUID()}.tmp`
      await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`)
      await rename(temp, path)
      const line = {
        at: new Date(this.clock.now()).toISOString(),
        employee_id: record.employee_id,
        event: context.event,
        step: context.step,
      }
      await appendFile(join(this.dir, 'history.jsonl'), `${JSON.stringify(line)}\n`)
    } finally {
      await release()
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
