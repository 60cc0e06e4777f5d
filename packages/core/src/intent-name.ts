// The name of an HR event's intent artifact (validate uploads it, the drain reads it: ledger's intents.ts):
// onramp-intent-<employee id>-<first 16 hex digits of SHA-256(event id)>. The name alone tells a drain whether
// the ledger holds the event already, so nothing is downloaded for it; the HR event id itself stays inside.
import { createHash } from 'node:crypto'

export const INTENT_PREFIX = 'onramp-intent-'
/** The one file inside an intent artifact: `{action, client_payload}` as the event file held them. */
export const INTENT_FILE = 'intent.json'

export const eventHash = (eventId: string) => createHash('sha256').update(eventId).digest('hex').slice(0, 16)

export const intentName = (employeeId: string, eventId: string) => `${INTENT_PREFIX}${employeeId}-${eventHash(eventId)}`
