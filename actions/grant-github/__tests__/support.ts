// Shared by the bundle tests: each test starts its own sandbox and file ledger and runs the built bundle under
// the runner contract on the sandbox's time scale (the harness's TEST_TIME_SCALE: no real-time write pacing).
import type { Receipt } from '@onramp/core'
import type { SandboxOptions } from '@onramp/sandbox'
import { afterEach, expect } from 'vitest'
import { type Harness, startHarness } from '../../../test/support/harness.js'

export const ORG = 'acme'
export const LOGIN = 'jamie-doe-dev'
export const EMAIL = 'jamie.doe@acme.com'

export let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

export async function start(options: SandboxOptions = {}) {
  h = await startHarness(options)
  return h
}

export const withUser = (extra: SandboxOptions['seed'] = {}): SandboxOptions => ({
  seed: { ...extra, github: { users: [{ login: LOGIN, id: 583231 }], ...extra.github } },
})

export async function grant(event: unknown, inputs: Record<string, string> = {}) {
  const r = await h!.run('grant-github', { event, inputs })
  const receipts = r.outputs.receipt ? (JSON.parse(r.outputs.receipt) as Receipt[]) : []
  const byItem = Object.fromEntries(receipts.map((x) => [x.item, x]))
  return { ...r, receipts, byItem }
}

export function expectNoPersonalData(r: { stdout: string; stderr: string; summary: string; outputs: object }) {
  // Mask registrations carry the values by design (the runner needs them); nothing else may.
  const stdout = r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')
  const all = `${stdout}\n${r.stderr}\n${r.summary}\n${JSON.stringify(r.outputs)}`
  for (const v of [EMAIL, 'Jamie Doe', 'riley.manager@acme.com', 'ghs_onrampSandboxToken']) expect(all).not.toContain(v)
}

export const github = () => h!.sandbox.emulators.github.emulator
