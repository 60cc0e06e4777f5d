// Fault injection shared by every emulator: a finite scripted queue (the next N matching requests get this
// answer), random faults at a seeded rate, and added latency. A fault answers instead of the emulator by default;
// `after: true` lets the emulator apply the request first and then loses (reset) or garbles (respond) its answer,
// the "applied, but the answer was lost" case; `lie: true` answers the emulator's own success and keeps nothing.

export interface FaultResponse {
  status: number
  headers?: Record<string, string>
  /** An object is sent as JSON; a string as is. Absent: the emulator's own error shape for the status. */
  body?: unknown
}

export interface FaultMatch {
  method?: string
  /** The emulator's route id, e.g. `PUT /orgs/{org}/memberships/{username}` or `IAM CreateUser`. */
  route?: string
  /** A regular expression source tested against the request path. */
  path?: string
  /** Only changing (true) or only reading (false) requests, as the emulator classifies its routes. */
  mutating?: boolean
}

export interface ScriptedFault {
  match: FaultMatch
  /** How many matching requests this applies to; finite by construction. */
  times: number
  respond?: FaultResponse
  /** Destroy the connection without answering. */
  reset?: boolean
  /** Wait before answering (alone: then the real handler answers; with `after`: between applying and answering). */
  delayMs?: number
  /** Apply the request first, then reset or answer `respond` instead of the real answer. */
  after?: boolean
  /**
   * Answer what the emulator answered, but keep none of its effect (a success that did nothing). Only for
   * emulators that can take a snapshot; a lie on a refused request is just that refusal.
   */
  lie?: boolean
}

export interface RandomFaults {
  rate: number // 0..1
  seed: number
  respond?: FaultResponse
  reset?: boolean
  after?: boolean
  lie?: boolean
  match?: FaultMatch
}

export interface Latency {
  minMs: number
  maxMs: number
}

export type Fault = Omit<ScriptedFault, 'match' | 'times'> & { origin: 'scripted' | 'random' }

/** Small seeded PRNG (mulberry32): random faults repeat exactly for a given seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `after` needs something to lose the answer with; `lie` answers for itself. */
function checkMode(f: { after?: boolean; lie?: boolean; reset?: boolean; respond?: FaultResponse }): void {
  if (f.after && !f.reset && !f.respond) throw new Error('fault.after needs reset or respond')
  if (f.lie && (f.after || f.reset || f.respond)) throw new Error('fault.lie takes no reset, respond or after')
}

function matches(
  m: FaultMatch | undefined,
  method: string,
  route: string | undefined,
  path: string,
  mutating: boolean | undefined,
): boolean {
  if (!m) return true
  if (m.mutating !== undefined && m.mutating !== mutating) return false
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false
  if (m.route && m.route !== route) return false
  if (m.path && !new RegExp(m.path).test(path)) return false
  return true
}

export class FaultInjector {
  private queue: ScriptedFault[] = []
  private random?: RandomFaults & { next: () => number }
  latency?: Latency
  private latencyRandom = seeded(1)

  script(...faults: ScriptedFault[]): void {
    for (const f of faults) {
      if (!Number.isInteger(f.times) || f.times < 1) throw new Error('fault.times must be a positive integer')
      checkMode(f)
      this.queue.push({ ...f })
    }
  }

  setRandom(r: RandomFaults | undefined): void {
    if (r) checkMode(r)
    this.random = r ? { ...r, next: seeded(r.seed) } : undefined
  }

  clear(): void {
    this.queue = []
    this.random = undefined
    this.latency = undefined
  }

  pending(): number {
    return this.queue.reduce((n, f) => n + f.times, 0)
  }

  /** The fault for this request, consuming one use of a scripted entry; undefined when none applies. */
  take(method: string, route: string | undefined, path: string, mutating?: boolean): Fault | undefined {
    const i = this.queue.findIndex((f) => matches(f.match, method, route, path, mutating))
    if (i >= 0) {
      const f = this.queue[i]!
      f.times -= 1
      if (f.times === 0) this.queue.splice(i, 1)
      return { respond: f.respond, reset: f.reset, delayMs: f.delayMs, after: f.after, lie: f.lie, origin: 'scripted' }
    }
    const r = this.random
    if (r && matches(r.match, method, route, path, mutating) && r.next() < r.rate) {
      if (r.lie) return { lie: true, origin: 'random' }
      return { respond: r.respond ?? { status: 500 }, reset: r.reset, after: r.after, origin: 'random' }
    }
    return undefined
  }

  latencyMs(): number {
    const l = this.latency
    if (!l) return 0
    return l.minMs + this.latencyRandom() * Math.max(0, l.maxMs - l.minMs)
  }
}

/**
 * `Emulator.snapshot` from a list of fields holding plain data (Maps, Sets, arrays, records): structured clones,
 * put back as they were. Keep out fields other traffic writes concurrently (a repository the ledger lives in).
 */
export function snapshotFields(target: object, fields: string[]): () => void {
  const t = target as Record<string, unknown>
  const saved = fields.map((f) => [f, structuredClone(t[f])] as const)
  return () => {
    for (const [f, v] of saved) t[f] = v
  }
}
