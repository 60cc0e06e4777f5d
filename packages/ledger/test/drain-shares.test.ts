// Drains split GitHub's content-creating minute by the work the ledger's index shows pending for each step: four
// jobs computing their shares from the same counts never promise more than the whole minute (a job with no work
// keeps the budget's floor of one commit a minute), a step alone with work gets the rest, and a small need is met
// in full beside a large one (max-min fair).
import { afterEach, describe, expect, it } from 'vitest'
import { DRAIN_SHARE, drainNeed, type StepName, setDrainShares } from '../src/index.js'

const STEPS: StepName[] = ['identity', 'github', 'aws', 'notify']
const shareOf = (step: StepName, pending: Record<StepName, number>) => {
  setDrainShares(step, pending)
  return DRAIN_SHARE.ledger.fraction + DRAIN_SHARE.system.fraction
}

describe('drain shares', () => {
  afterEach(() => {
    DRAIN_SHARE.ledger.fraction = 0.25
    DRAIN_SHARE.system.fraction = 0
  })

  it('the four steps’ shares, each computed alone from the same counts, and the idle steps’ floors fill the minute', () => {
    for (const pending of [
      { identity: 12, github: 30, aws: 30, notify: 7 },
      { identity: 0, github: 0, aws: 0, notify: 40 },
      { identity: 200, github: 0, aws: 0, notify: 0 },
      { identity: 100, github: 400, aws: 400, notify: 0 },
    ]) {
      const idle = STEPS.filter((s) => pending[s] === 0).length
      const shares = STEPS.reduce((sum, step) => sum + shareOf(step, pending), 0)
      expect(shares + idle / 80).toBeCloseTo(1, 9)
    }
    // Nobody pending anywhere: every job keeps its floor (one commit a minute) and no more.
    expect(shareOf('notify', { identity: 0, github: 0, aws: 0, notify: 0 })).toBe(0)
  })

  it('a step alone with work gets all of the minute but the others’ floors', () => {
    const pending = { identity: 0, github: 0, aws: 0, notify: 40 }
    // notify: two chunks, each a commit of its notices' intents (Slack and email) and one of its results.
    expect(drainNeed('notify', 40)).toEqual({ ledger: 2 + 2, system: 0 })
    expect(shareOf('notify', pending)).toBeCloseTo(1 - 3 / 80, 9)
    expect(shareOf('aws', pending)).toBe(0)
  })

  it('grant-github’s invitations take a share of their own beside its ledger commits', () => {
    setDrainShares('github', { identity: 0, github: 20, aws: 20, notify: 0 })
    // github a commit and 20 invitations, aws a commit: 22; identity and notify idle keep 2 of the 80.
    expect(DRAIN_SHARE.ledger.fraction).toBeCloseTo((1 / 22) * (78 / 80), 9)
    expect(DRAIN_SHARE.system.fraction).toBeCloseTo((20 / 22) * (78 / 80), 9)
  })

  it('identity’s few commits are met in full beside grant-github’s invitation per person', () => {
    // identity: the intake's commit and 4 chunks; github: 16 chunks and 400 invitations; aws: 16 chunks; notify idle.
    const pending = { identity: 100, github: 400, aws: 400, notify: 0 }
    expect(shareOf('identity', pending) * 80).toBeCloseTo(5, 9)
    expect(shareOf('aws', pending) * 80).toBeCloseTo(16, 9)
    // github takes the rest of the 79 the steps with work share, and its own 16 commits are met in full beside its
    // 400 invitations: the job runs one person at a time, so a commit that waits holds up the invitations too.
    expect(shareOf('github', pending) * 80).toBeCloseTo(79 - 5 - 16, 9)
    expect(DRAIN_SHARE.ledger.fraction * 80).toBeCloseTo(16, 9)
    expect(DRAIN_SHARE.system.fraction * 80).toBeCloseTo(79 - 5 - 16 - 16, 9)
  })
})
