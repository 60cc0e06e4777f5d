// One small JSON-over-HTTP client for both providers, on the core retry policy and the endpoint's shared budget
// (Okta's X-Rate-Limit-Remaining/-Reset pace the next call to that endpoint rather than a 429): 429 waits for Retry-After or
// Okta's X-Rate-Limit-Reset (serverWaitMs through classifyHttp), 5xx, resets and timeouts back off with full
// jitter, 4xx never retry. Plain fetch rather than @okta/okta-sdk-nodejs: the SDK retries only 429s, not 5xx or
// resets, and would add a large dependency to a bundle that needs nine endpoints.

import {
  budgetedFetch,
  type Clock,
  classifyHttp,
  headerBudget,
  OKTA_QUOTA_HEADERS,
  type RequestBudget,
  type RetryPolicy,
  redactPersonalData,
  sharedBudget,
  type Verdict,
  withRetry,
} from '@onramp/core'

export interface HttpOptions {
  /** Service name for error messages: `okta` or `scim`. */
  service: string
  baseUrl: string
  headers: Record<string, string>
  /** The `Authorization` header, asked for once per request (an OAuth token, renewed when near its expiry). */
  authorize?: () => Promise<string>
  clock: Clock
  policy: RetryPolicy
  /** Per attempt: a hung connection becomes a retryable failure instead of a hung job. */
  timeoutMs: number
  fetch?: typeof fetch
  /** Default: the one budget of this service and base URL in this process. */
  budget?: RequestBudget
}

export interface HttpResponse {
  status: number
  headers: Headers
  body: any
}

export interface RequestOptions {
  query?: Record<string, string>
  body?: unknown
  /** A form body (`application/x-www-form-urlencoded`), built on each attempt. */
  form?: () => Record<string, string>
  /** Statuses that are answers, not errors (404 on a lookup). */
  accept?: number[]
  /**
   * For calls that are not idempotent (create, lifecycle transitions): before each retry, look whether the
   * failed attempt took effect after all; a value ends the retries with it.
   */
  recheck?: () => Promise<HttpResponse | undefined>
}

/** A service's refusal: status and its error code and summary, with registered personal data redacted. */
export class ServiceError extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly code: string | undefined,
    summary: string,
    readonly headers: Record<string, string>,
  ) {
    super(redactPersonalData(`${service} ${status}${code ? ` ${code}` : ''}: ${summary}`))
    this.name = 'ServiceError'
  }
}

/** No answer: connection reset, refused, or the per-attempt timeout. */
export class NetworkError extends Error {
  constructor(service: string, cause: unknown) {
    const what = cause instanceof Error && cause.name === 'TimeoutError' ? 'timed out' : 'connection failed'
    super(`${service}: ${what}`)
    this.name = 'NetworkError'
  }
}

export type Http = (method: string, path: string, options?: RequestOptions) => Promise<HttpResponse>

export function createHttp(o: HttpOptions): Http {
  const base = o.baseUrl.replace(/\/+$/, '')
  // Okta's limits are the org's, whatever the token: one budget per service and org.
  const budget = o.budget ?? sharedBudget(o.service, base, undefined, () => headerBudget(OKTA_QUOTA_HEADERS, o.clock))
  const doFetch = budgetedFetch(budget, o.fetch ?? fetch)
  const classify = (error: unknown): Verdict => {
    if (error instanceof ServiceError) return classifyHttp(error.status, error.headers, error.message, o.clock.now())
    if (error instanceof NetworkError) return { retry: true }
    return { retry: false }
  }
  return async (method, path, options = {}) => {
    const url = new URL(base + path)
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v)
    const fixed: Record<string, string> = { accept: 'application/json', ...o.headers }
    if (options.body !== undefined) fixed['content-type'] ??= 'application/json'
    if (options.form) fixed['content-type'] = 'application/x-www-form-urlencoded'
    // Once per request, outside the retries: the token request has its own, and one retry policy is applied
    // once, not nested.
    const headers = o.authorize ? { ...fixed, authorization: await o.authorize() } : fixed
    const attempt = async (n: number): Promise<HttpResponse> => {
      if (n > 1 && options.recheck) {
        const done = await options.recheck()
        if (done) return done
      }
      const payload = options.form
        ? new URLSearchParams(options.form()).toString()
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body)
      let res: Response
      let text: string
      try {
        res = await doFetch(url, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(o.timeoutMs),
        })
        text = await res.text()
      } catch (error) {
        throw new NetworkError(o.service, error)
      }
      let body: any
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        body = undefined
      }
      if (res.ok || options.accept?.includes(res.status)) return { status: res.status, headers: res.headers, body }
      throw new ServiceError(o.service, res.status, errorCode(body), errorSummary(body, res.statusText), {
        ...Object.fromEntries(res.headers),
      })
    }
    return withRetry(attempt, classify, o.policy, o.clock)
  }
}

// Okta: {errorCode, errorSummary, errorCauses}; OAuth (Okta's token endpoint): {error, error_description};
// SCIM: {status, scimType, detail}.
function errorCode(body: any): string | undefined {
  if (typeof body?.errorCode === 'string') return body.errorCode
  if (typeof body?.error === 'string') return body.error
  if (typeof body?.scimType === 'string') return body.scimType
  return undefined
}

function errorSummary(body: any, fallback: string): string {
  if (typeof body?.errorSummary === 'string') {
    const causes = Array.isArray(body.errorCauses)
      ? body.errorCauses.map((c: any) => c?.errorSummary).filter((s: unknown) => typeof s === 'string')
      : []
    return causes.length ? `${body.errorSummary} (${causes.join('; ')})` : body.errorSummary
  }
  if (typeof body?.error_description === 'string') return body.error_description
  if (typeof body?.detail === 'string') return body.detail
  return fallback || 'no error body'
}
