// The relay: verify the HR system's signature on the raw body, map the body to onramp events, drop
// redeliveries, sign each event with the event key and send it as a repository_dispatch. Transport-free:
// the Node server and the Lambda handler only turn their requests into RelayRequest.
//
// Logs carry the employee id, the HR event id and the outcome only: never a name, an email or a key.

import { formatProblem, signEvent, UserError } from '@onramp/core'
import { SeenEvents } from './dedup.js'
import { type Dispatch, DispatchError } from './dispatch.js'
import { type Mapping, mapDelivery } from './mapping.js'
import { DEFAULT_WINDOW_SECONDS, verifyHrSignature } from './verify.js'

export interface RelayRequest {
  method: string
  path: string
  /** Lower-cased names. */
  headers: Record<string, string | undefined>
  body: Buffer
}

export interface RelayResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export interface RelayOptions {
  mapping: Mapping
  /** The HR system's webhook keys (several during a rotation). */
  hrKeys: readonly string[]
  /** onramp's event key: the workflow accepts only events signed with it. */
  eventKey: string
  dispatch: Dispatch
  dedup?: SeenEvents
  /** BambooHR timestamp window, seconds (default 300). */
  windowSeconds?: number
  maxBodyBytes?: number
  now?: () => Date
  log?: (line: LogLine) => void
}

export interface LogLine {
  outcome: 'dispatched' | 'duplicate' | 'ignored' | 'failed' | 'rejected'
  employee_id?: string
  hr_event_id?: string
  event_type?: string
  status?: number
  reason?: string
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024

const json = (status: number, body: unknown): RelayResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
})

export const defaultLog = (line: LogLine) => console.log(JSON.stringify({ at: new Date().toISOString(), ...line }))

export function createRelay(options: RelayOptions): (req: RelayRequest) => Promise<RelayResponse> {
  const now = options.now ?? (() => new Date())
  const dedup = options.dedup ?? new SeenEvents()
  const log = options.log ?? defaultLog
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const reject = (status: number, reason: string, extra: Record<string, unknown> = {}) => {
    log({ outcome: 'rejected', status, reason })
    return json(status, { error: reason, ...extra })
  }

  return async (req) => {
    if (req.method === 'GET' && req.path === '/healthz') return json(200, { ok: true })
    if (req.method !== 'POST') {
      const r = reject(405, 'method: must be POST')
      return { ...r, headers: { ...r.headers, allow: 'POST' } }
    }
    if (req.body.length > maxBody) return reject(413, `body: larger than ${maxBody} bytes`)

    const check = verifyHrSignature(options.mapping.signature, req.body, req.headers, {
      keys: options.hrKeys,
      now: now(),
      windowSeconds: options.windowSeconds ?? DEFAULT_WINDOW_SECONDS,
    })
    if (!check.ok) return reject(401, `${check.header}: ${check.rule}`)

    let body: unknown
    try {
      body = JSON.parse(req.body.toString('utf8'))
    } catch {
      return reject(400, 'body: must be JSON (set the webhook format to JSON)')
    }
    let mapped: ReturnType<typeof mapDelivery>
    try {
      mapped = mapDelivery(body, options.mapping)
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      const problems = error.problems.map(formatProblem)
      return reject(422, 'body: cannot be mapped to an onramp event', { problems })
    }

    const results: LogLine[] = []
    for (const m of mapped) {
      const base = { employee_id: m.employeeId, hr_event_id: m.eventId }
      if (!dedup.claim(m.eventId)) {
        results.push({ ...base, outcome: 'duplicate' })
        continue
      }
      if (m.outcome === 'ignored') {
        dedup.confirm(m.eventId)
        results.push({ ...base, outcome: 'ignored' })
        continue
      }
      const payload: Record<string, unknown> = { ...m.payload }
      payload.signature = signEvent(options.eventKey, m.type, payload, now())
      try {
        await options.dispatch(m.type, payload)
        dedup.confirm(m.eventId)
        results.push({ ...base, event_type: m.type, outcome: 'dispatched' })
      } catch (error) {
        dedup.release(m.eventId)
        const e = error instanceof DispatchError ? error : new DispatchError(undefined, true, String(error))
        results.push({ ...base, event_type: m.type, outcome: 'failed', status: e.status, reason: e.message })
      }
    }
    for (const r of results) log(r)
    const failed = results.filter((r) => r.outcome === 'failed')
    // A failure is the HR system's cue to deliver again; what went out is then dropped as a duplicate.
    const status =
      failed.length === 0 ? 200 : failed.some((r) => r.status && r.status < 500 && r.status !== 429) ? 502 : 503
    return json(status, { results })
  }
}
