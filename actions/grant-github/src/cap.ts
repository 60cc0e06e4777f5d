// The org's invitation cap is a sliding 24-hour window: at most `cap` invitations sent in any 24 hours. A
// hire past it is deferred, and the scheduled reconcile sends the deferred ones in order of start date (converge's
// queueOrder) as places free up. Which place frees when is known from the invitations the window holds: the
// oldest leaves first, and an invitation sent into a freed place holds it for 24 hours again.

export const DAY_MS = 86_400_000

/**
 * When the invitation at `position` in the queue (0: the next one) can go out: `sent` are the creation times
 * (epoch ms) of the invitations in the last 24 hours. Undefined when the window holds fewer than `cap` (a place
 * is free: nothing to wait for) or the cap is not known (cap 0).
 */
export function expectedSendTime(sent: number[], cap: number, position: number): number | undefined {
  if (cap < 1 || sent.length < cap) return undefined
  const times = [...sent].sort((a, b) => a - b)
  // Of the window's invitations only the newest `cap - 1` still count once the next place frees.
  const frees = times.slice(times.length - cap)
  const expected: number[] = []
  for (let k = 0; k <= position; k++) expected.push((k < cap ? frees[k]! : expected[k - cap]!) + DAY_MS)
  return expected[position]
}

/** One run's queue of deferred invitations: each deferred person takes the next place. */
export class InvitationQueue {
  private deferred = 0
  /** The next deferred person's expected send time, and their place in the queue. */
  take(sent: number[], cap: number): { position: number; at: number | undefined } {
    const position = this.deferred++
    return { position, at: expectedSendTime(sent, cap, position) }
  }
}
