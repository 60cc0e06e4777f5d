// Signed HR events for tests and the sandbox: every harness that dispatches an event signs it here, with the
// sandbox's event key, at the moment it is dispatched (a signature is only valid for events.max-age).
import { SIGNATURE_KEY, signEvent } from '../signature.js'

/** The event key of the sandbox and of every test (the runner passes it as the ONRAMP_EVENT_KEY secret). */
export const SANDBOX_EVENT_KEY = 'onramp-sandbox-event-key-not-a-secret-0000'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * A copy of a repository_dispatch event with `client_payload.signature` set for its `action`, signed with `key`
 * at `now`. An event that is not a dispatch, or whose payload already carries a signature, is returned as is.
 */
export function signDispatch<T>(event: T, key: string = SANDBOX_EVENT_KEY, now: Date = new Date()): T {
  if (!isObject(event) || typeof event.action !== 'string' || !isObject(event.client_payload)) return event
  if (Object.hasOwn(event.client_payload, SIGNATURE_KEY)) return event
  const payload = event.client_payload
  return { ...event, client_payload: { ...payload, [SIGNATURE_KEY]: signEvent(key, event.action, payload, now) } }
}

const PERSON_KEYS = [
  'employee_id',
  'name',
  'email',
  'role',
  'manager_email',
  'start_date',
  'github_username',
  // Version 2 only: when the event takes effect, and where the welcome goes before the start.
  'personal_email',
  'last_day',
  'last_hour',
  'urgent',
]

/**
 * Lets a test edit a payload of either version through one flat view (`p.email = …`, `delete p.github_username`,
 * `p.occurred_at = …`): for a version 2 payload the person's fields are moved to and from `person`.
 */
export function editPayload(payload: Json, change: (flat: Json) => void): void {
  if (payload.version === undefined || !isObject(payload.person)) {
    change(payload)
    return
  }
  const { person, ...top } = payload
  const flat: Json = { ...top, ...person }
  change(flat)
  for (const k of Object.keys(payload)) delete payload[k]
  const nextPerson: Json = {}
  for (const [k, v] of Object.entries(flat)) {
    if (PERSON_KEYS.includes(k)) nextPerson[k] = v
    else payload[k] = v
  }
  payload.person = nextPerson
}
