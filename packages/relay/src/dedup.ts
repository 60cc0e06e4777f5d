// Drops a redelivered HR event: an event id is claimed before its dispatch, kept for the window after it
// succeeded, and released when it failed so the HR system's retry can go through.
//
// In memory, so it holds for one process (one server, or one warm Lambda instance). Several instances need
// a shared store with an atomic "set if absent, with expiry" (Redis SET NX PX, or a DynamoDB conditional
// put with a TTL attribute) keyed by the event id; the workflow's ledger still refuses an event older than
// the last one applied, so a duplicate that slips through changes nothing.

export class SeenEvents {
  private readonly entries = new Map<string, { at: number; done: boolean }>()

  constructor(
    /** How long a dispatched event id is remembered (default 24 h, beyond BambooHR's retries). */
    readonly windowMs = 24 * 3_600_000,
    /** Oldest ids are forgotten first beyond this many, so a flood cannot exhaust memory. */
    readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the id was free and is now claimed; false when it is claimed or was dispatched within the window. */
  claim(id: string): boolean {
    this.prune()
    if (this.entries.has(id)) return false
    this.entries.set(id, { at: this.now(), done: false })
    return true
  }

  /** The claimed event was dispatched: remember it for the window from now. */
  confirm(id: string): void {
    this.entries.delete(id)
    this.entries.set(id, { at: this.now(), done: true })
  }

  /** The claimed event was not dispatched: a retry may claim it again. */
  release(id: string): void {
    this.entries.delete(id)
  }

  get size(): number {
    return this.entries.size
  }

  private prune(): void {
    const oldest = this.now() - this.windowMs
    // Insertion order is age order (confirm re-inserts), so expired entries are at the front.
    for (const [id, e] of this.entries) {
      if (e.at >= oldest && this.entries.size < this.maxEntries) break
      this.entries.delete(id)
    }
  }
}
