// Concurrency groups as GitHub Actions keeps them ("Control the concurrency of workflows and jobs",
// docs.github.com/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency, and the
// changelog of 2026-05-07 "concurrency groups now allow larger queues"): per repository, the group name compared
// case-insensitively, at most one run or job in progress per group. With `queue: single` (the default) at most one
// waits: a newer arrival cancels the pending one and takes its place. With `queue: max` up to 100 wait and start
// in the order they began waiting; an arrival past that is cancelled. `cancel-in-progress: true` also cancels the
// one in progress (its cancelled()/always() work still runs, and the group frees when it ends); `queue: max`
// with `cancel-in-progress: true` is refused as invalid.
//
// One registry is shared by every run that should see the others' groups: runInSandbox keeps one per sandbox.

/** How a group is told apart: per repository, its name compared case-insensitively. */
export const groupKey = (repository: string, group: string) => `${repository}\n${group}`.toLowerCase()

/**
 * GitHub cancels a job (or a called workflow) whose group is one its own run already holds, which it would wait on
 * forever, with this message.
 */
export const deadlockMessage = (group: string, job: string) =>
  `Canceling since a deadlock for concurrency group '${group}' was detected between 'top level workflow' and '${job}'`

/** GitHub's limit on pending runs or jobs in one group under `queue: max`. */
export const MAX_QUEUE = 100

export interface ConcurrencyRequest {
  /** `owner/repo`: groups are per repository. */
  repository: string
  group: string
  cancelInProgress: boolean
  queue?: string
  /** Cancels the holder once it holds the group (cancel-in-progress of a newer arrival). */
  cancel: () => void
  /** Told once the request has to wait. */
  onWait?: () => void
  /** Withdraws a waiting request (its run was cancelled meanwhile). */
  signal?: AbortSignal
}

/** What a request gets: the group (release it when done), or a cancellation with GitHub's message. */
export type ConcurrencyOutcome = { held: true; release: () => void } | { held: false; message: string }

interface Holder {
  cancel: () => void
}
interface Waiter extends Holder {
  resolve: (outcome: ConcurrencyOutcome) => void
}
interface Group {
  name: string
  running?: Holder
  pending: Waiter[]
}

export class ConcurrencyGroups {
  private readonly groups = new Map<string, Group>()

  /** Resolves when the request holds its group, or when a newer one (or a full queue, or `signal`) cancels it. */
  acquire(request: ConcurrencyRequest): Promise<ConcurrencyOutcome> {
    const queue = request.queue ?? 'single'
    if (queue !== 'single' && queue !== 'max') throw new Error(`concurrency.queue must be 'single' or 'max'`)
    if (queue === 'max' && request.cancelInProgress)
      throw new Error(`concurrency: queue 'max' cannot be combined with cancel-in-progress: true`)
    const key = groupKey(request.repository, request.group)
    let group = this.groups.get(key)
    if (!group) {
      group = { name: request.group, pending: [] }
      this.groups.set(key, group)
    }
    const g = group
    const replaced = `Canceling since a higher priority waiting request for '${request.group}' exists`
    if (request.cancelInProgress) g.running?.cancel()
    if (!g.running && g.pending.length === 0) return Promise.resolve(this.hold(key, g, request))
    if (queue === 'single' || request.cancelInProgress) {
      for (const waiter of g.pending.splice(0)) waiter.resolve({ held: false, message: replaced })
    } else if (g.pending.length >= MAX_QUEUE) {
      return Promise.resolve({
        held: false,
        message: `Canceling since the concurrency group '${request.group}' already has ${MAX_QUEUE} pending`,
      })
    }
    return new Promise<ConcurrencyOutcome>((resolve) => {
      const waiter: Waiter = {
        cancel: request.cancel,
        resolve: (outcome) => {
          request.signal?.removeEventListener('abort', withdraw)
          resolve(outcome)
        },
      }
      const withdraw = () => {
        const at = g.pending.indexOf(waiter)
        if (at >= 0) g.pending.splice(at, 1)
        waiter.resolve({ held: false, message: 'The run was cancelled while it waited for its concurrency group' })
        this.advance(key, g)
      }
      if (request.signal?.aborted) return withdraw()
      request.signal?.addEventListener('abort', withdraw, { once: true })
      g.pending.push(waiter)
      request.onWait?.()
    })
  }

  /** Groups with a holder or waiters: `{ group: { running, pending } }`, for tests and diagnostics. */
  snapshot(): Record<string, { running: boolean; pending: number }> {
    return Object.fromEntries(
      [...this.groups.values()].map((g) => [g.name, { running: g.running !== undefined, pending: g.pending.length }]),
    )
  }

  private hold(key: string, g: Group, holder: Holder): ConcurrencyOutcome {
    const mine: Holder = { cancel: holder.cancel }
    g.running = mine
    let released = false
    return {
      held: true,
      release: () => {
        if (released) return
        released = true
        if (g.running === mine) g.running = undefined
        this.advance(key, g)
      },
    }
  }

  /** The first waiter (in the order they began waiting) takes a free group; an empty group is forgotten. */
  private advance(key: string, g: Group): void {
    if (g.running) return
    const next = g.pending.shift()
    if (next) next.resolve(this.hold(key, g, next))
    else this.groups.delete(key)
  }
}
