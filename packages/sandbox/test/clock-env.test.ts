// The sandbox hands its time to the actions (sandboxClockEnv -> core's clockFromEnv): the action's clock must
// read what the sandbox's reads, or a token minted by the action (Okta's client assertion) is expired on arrival.
import { clockFromEnv } from '@onramp/core'
import { describe, expect, it } from 'vitest'
import { sandboxClockEnv, startSandbox } from '../src/index.js'
import { SandboxClock } from '../src/kernel/clock.js'

describe('sandboxClockEnv', () => {
  it('gives an action the sandbox time, though the action starts later', async () => {
    const sandbox = new SandboxClock(100)
    await new Promise((r) => setTimeout(r, 200)) // 20 s of sandbox time pass before the action starts
    const action = clockFromEnv(sandboxClockEnv(sandbox), ['http://127.0.0.1:1'])
    // Read between two readings of the sandbox's clock (1 ms for rounding), however loaded the machine.
    const before = sandbox.now()
    const now = action.now()
    const after = sandbox.now()
    expect(now).toBeGreaterThanOrEqual(before - 1)
    expect(now).toBeLessThanOrEqual(after + 1)
  })

  it.each([1, 100])('carries an advance to the action at scale %i', (scale) => {
    const sandbox = new SandboxClock(scale)
    sandbox.advance(5 * 86_400_000)
    const action = clockFromEnv(sandboxClockEnv(sandbox), ['http://127.0.0.1:1'])
    const before = sandbox.now()
    const now = action.now()
    const after = sandbox.now()
    expect(now).toBeGreaterThanOrEqual(before - 1)
    expect(now).toBeLessThanOrEqual(after + 1)
    expect(now - Date.now()).toBeGreaterThanOrEqual(5 * 86_400_000 - 1)
  })

  it('is read again by a running sandbox: an advance after the start reaches the next action', async () => {
    const sandbox = await startSandbox({ timeScale: 1 })
    try {
      const at = () => clockFromEnv(sandbox.env, [sandbox.inputs['github-api-url']]).now()
      expect(Math.abs(at() - Date.now())).toBeLessThan(1000)
      sandbox.clock.advance(2 * 86_400_000)
      expect(at() - Date.now()).toBeGreaterThanOrEqual(2 * 86_400_000 - 1000)
    } finally {
      await sandbox.close()
    }
  })

  it('gives a frozen sandbox none: an action cannot sleep on a clock that does not move', () => {
    expect(sandboxClockEnv(new SandboxClock(0))).toEqual({})
  })
})
