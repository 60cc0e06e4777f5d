// The request log every emulator writes: what was asked, how it was answered, and counters over it.
// It never holds bodies, so no personal data sits in it.

export interface LogEntry {
  seq: number
  at: number // sandbox epoch ms
  emulator: string
  method: string
  path: string
  route: string | undefined
  mutating: boolean
  status: number // 0 when the connection was reset
  /** Refused by an enforced rate limit. */
  limited: boolean
  fault?: 'scripted' | 'random'
  /** For a fault: whether the emulator applied the request (`after`), pretended to (`lie`), or never saw it. */
  faultMode?: 'before' | 'after' | 'lie'
}

export interface Counters {
  total: number
  mutating: number
  reads: number
  limited: number
  faults: number
  byRoute: Record<string, number>
}

export class RequestLog {
  private entries: LogEntry[] = []
  private seq = 0

  add(entry: Omit<LogEntry, 'seq'>): LogEntry {
    const e = { ...entry, seq: ++this.seq }
    this.entries.push(e)
    return e
  }

  list(filter: { emulator?: string; mutating?: boolean; route?: string } = {}): LogEntry[] {
    return this.entries.filter(
      (e) =>
        (filter.emulator === undefined || e.emulator === filter.emulator) &&
        (filter.mutating === undefined || e.mutating === filter.mutating) &&
        (filter.route === undefined || e.route === filter.route),
    )
  }

  counters(filter: { emulator?: string } = {}): Counters {
    const c: Counters = { total: 0, mutating: 0, reads: 0, limited: 0, faults: 0, byRoute: {} }
    for (const e of this.list(filter)) {
      c.total++
      if (e.mutating) c.mutating++
      else c.reads++
      if (e.limited) c.limited++
      if (e.fault) c.faults++
      const key = e.route ?? `${e.method} ${e.path}`
      c.byRoute[key] = (c.byRoute[key] ?? 0) + 1
    }
    return c
  }

  clear(): void {
    this.entries = []
  }
}
