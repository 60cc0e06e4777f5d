// The relay as an AWS Lambda function URL handler (payload format 2.0: header names lower-cased, the body a
// string, base64 when `isBase64Encoded`). The relay instance lives as long as the warm instance, so event
// ids are de-duplicated per instance (see dedup.ts for several).

import { createRelay, DEFAULT_MAX_BODY_BYTES, type RelayOptions } from './relay.js'

export interface FunctionUrlEvent {
  version?: string
  rawPath?: string
  headers?: Record<string, string | undefined>
  body?: string
  isBase64Encoded?: boolean
  requestContext: { http: { method: string; path?: string } }
}

export interface FunctionUrlResult {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

export function createLambdaHandler(options: RelayOptions | (() => RelayOptions)) {
  let relay: ReturnType<typeof createRelay> | undefined
  let max = DEFAULT_MAX_BODY_BYTES
  return async (event: FunctionUrlEvent): Promise<FunctionUrlResult> => {
    if (!relay) {
      const o = typeof options === 'function' ? options() : options
      max = o.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
      relay = createRelay(o)
    }
    const raw = event.body ?? ''
    const body = Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'utf8')
    const headers: Record<string, string | undefined> = {}
    for (const [k, v] of Object.entries(event.headers ?? {})) headers[k.toLowerCase()] = v
    const r = await relay({
      method: event.requestContext.http.method.toUpperCase(),
      path: event.rawPath ?? event.requestContext.http.path ?? '/',
      headers,
      // The size check happens in the relay; function URLs already cap requests at 6 MB.
      body: body.length > max ? body.subarray(0, max + 1) : body,
    })
    return { statusCode: r.status, headers: r.headers, body: r.body, isBase64Encoded: false }
  }
}
