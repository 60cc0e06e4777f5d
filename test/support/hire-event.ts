// An onboard event for a made-up hire, from the fixture: what the bulk bench and the drain tests dispatch.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './harness.js'

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
