// Drains split GitHub's content-creating minute by the work the ledger's index shows pending for each step: four
// jobs computing their shares from the same counts never promise more than the whole minute, and a step alone
// with work gets nearly all of it.
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

  it('the four steps’ shares, each computed alone from the same counts, add up to the whole minute', () => {
    for (const pending of [
      { identity: 0, github: 0, aws: 0, notify: 0 },
      { identity: 12, github: 30, aws: 30, notify: 7 },
      { identity: 0, github: 0, aws: 0, notify: 40 },
      { identity: 200, github: 0, aws: 0, notify: 0 },
    ])
      expect(STEPS.reduce((sum, step) => sum + shareOf(step, pending), 0)).toBeCloseTo(1, 9)
  })

  it('a step alone with work gets most of the minute; the others keep one commit each', () => {
    const pending = { identity: 0, github: 0, aws: 0, notify: 40 }
    // notify: its notices' intents, two chunks of results, 40 welcome emails' intents = 49; the others 6 + 3 + 3.
    expect(drainNeed('notify', 40)).toEqual({ ledger: 3 + 6 + 40, system: 0 })
    expect(shareOf('notify', pending)).toBeCloseTo(49 / 61, 9)
    expect(shareOf('aws', pending)).toBeCloseTo(3 / 61, 9)
  })

  it('grant-github’s invitations take a share of their own beside its ledger commits', () => {
    setDrainShares('github', { identity: 0, github: 20, aws: 20, notify: 0 })
    // identity 6, github 3 + 20 invitations, aws 3, notify 6: 38 in all.
    expect(DRAIN_SHARE.ledger.fraction).toBeCloseTo(3 / 38, 9)
    expect(DRAIN_SHARE.system.fraction).toBeCloseTo(20 / 38, 9)
  })
})
