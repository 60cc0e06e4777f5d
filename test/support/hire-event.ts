// An onboard event for a made-up hire, from the fixture: what the bulk bench and the drain tests dispatch; the
// sandbox the drain tests dispatch them into; and the wake-ups the runs sent back (lifecycle.yml's wake job).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { GUARDRAILS, ROLES, repoRoot, TEST_TIME_SCALE } from './harness.js'

export interface Hire {
  employeeId: string
  eventId: string
  name: string
  email: string
  login: string
  role?: string
}

export function hireEvent(h: Hire) {
  const event = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/events/onboard.json'), 'utf8'))
  const payload = event.client_payload
  payload.event_id = h.eventId
  // Real time, not sandbox time: the runner refuses an event dated in its future.
  payload.occurred_at = new Date().toISOString()
  Object.assign(payload.person, {
    employee_id: h.employeeId,
    name: h.name,
    email: h.email,
    github_username: h.login,
    ...(h.role ? { role: h.role } : {}),
  })
  return event
}

/** The repository's access files on the test clock, the hires' GitHub accounts (ids from `firstId`), a manager. */
export function startHiresSandbox(logins: string[], firstId: number) {
  return startSandbox({
    roles: ROLES,
    guardrails: GUARDRAILS,
    timeScale: TEST_TIME_SCALE,
    seed: {
      github: {
        repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
        users: logins.map((login, i) => ({ login, id: firstId + i })),
      },
      slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
    },
  })
}

/**
 * The repository_dispatch events the runs sent to the sandbox's repository since `seen` of them were taken (a
 * drain's wake-ups): GitHub starts a run for each, and so do the callers. Sent unsigned (`sign: false`).
 */
export function sentDispatches(sandbox: Sandbox, seen: number): Record<string, unknown>[] {
  return sandbox.emulators.github.emulator
    .dispatches(SANDBOX_REPOSITORY.owner, SANDBOX_REPOSITORY.name)
    .slice(seen)
    .map((d) => d.event as Record<string, unknown>)
}
