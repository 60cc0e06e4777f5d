// When a deferred invitation can go out: the 24-hour window's oldest invitation leaves first, and one sent into a
// freed place holds it for 24 hours again.
import { describe, expect, it } from 'vitest'
import { DAY_MS, expectedSendTime, InvitationQueue } from '../src/cap.js'

const H = 3_600_000

describe('expectedSendTime', () => {
  it('the k-th in the queue waits for the k-th oldest place; past the cap, for an invitation sent from the queue', () => {
    const sent = [5 * H, 1 * H, 3 * H] // unsorted, cap 3: full
    expect(expectedSendTime(sent, 3, 0)).toBe(1 * H + DAY_MS)
    expect(expectedSendTime(sent, 3, 1)).toBe(3 * H + DAY_MS)
    expect(expectedSendTime(sent, 3, 2)).toBe(5 * H + DAY_MS)
    expect(expectedSendTime(sent, 3, 3)).toBe(1 * H + 2 * DAY_MS)
    // More listed than the cap (GitHub's own cap below onramp's): only the newest cap - 1 still count.
    expect(expectedSendTime([1 * H, 2 * H, 4 * H], 2, 0)).toBe(2 * H + DAY_MS)
  })

  it('is unknown with a free place or no known cap', () => {
    expect(expectedSendTime([1 * H], 2, 0)).toBeUndefined()
    expect(expectedSendTime([], 0, 0)).toBeUndefined()
  })

  it('a run’s queue gives each deferred person the next place', () => {
    const queue = new InvitationQueue()
    expect(queue.take([1 * H, 2 * H], 2)).toEqual({ position: 0, at: 1 * H + DAY_MS })
    expect(queue.take([1 * H, 2 * H], 2)).toEqual({ position: 1, at: 2 * H + DAY_MS })
  })
})
