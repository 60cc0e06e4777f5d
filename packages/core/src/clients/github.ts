/// <reference path="./bottleneck-light.d.ts" />
// The GitHub client: Octokit with the throttling and retry plugins, both bent to the core retry policy.
// - pacing is the token's shared budget (budget.ts): every attempt draws from token buckets sized from GitHub's
//   documented limits and from the primary quota its headers report; the throttling plugin's fixed gaps
//   (writes 1 s, invitations 3 s) are turned off, its Bottleneck groups only keep writes one at a time;
// - throttling waits out primary limits (until the reset) and secondary limits (Retry-After, else 60 s) that
//   are hit anyway, up to policy.maxAttempts, never past the deadline;
// - plugin-retry retries 5xx, network errors and 429s without a rate-limit signal, but its own delay is
//   quadratic without jitter and ignores Retry-After, so each retry's delay is replaced by the policy's:
//   max(server hint, full-jitter backoff). 409 (stale blob sha) is left to the caller's compare-and-swap.

import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import Bottleneck from 'bottleneck/light.js'
import {
  budgetedFetch,
  budgetOfClient,
  type ContentShare,
  githubBudget,
  type RequestBudget,
  sharedBudget,
} from '../budget.js'
import {
  backoffDelay,
  type Clock,
  DEFAULT_POLICY,
  NEVER_RETRY,
  type RetryPolicy,
  serverWaitMs,
  systemClock,
} from '../retry.js'

export const GithubOctokit = Octokit.plugin(throttling, retry)
export type GithubClient = InstanceType<typeof GithubOctokit>

/** In fast mode every wait (server hints included) is scaled by this: Retry-After 60 s becomes 600 ms. */
export const FAST_SCALE = 0.01

export interface RetryNotice {
  kind: 'rate-limit' | 'secondary-rate-limit' | 'retry'
  /** 1-based number of the retry about to happen. */
  retry: number
  waitMs: number
  method: string
  /** The route template (`/orgs/{org}/memberships/{username}`), or for plain retries the path without query. */
  route: string
  status?: number
}

export interface OctokitFactoryOptions {
  token?: string
  baseUrl?: string
  policy?: RetryPolicy
  /** Source of randomness and time for the backoff; the wait itself is Bottleneck's timer. */
  clock?: Clock
  /** Tests: waits scaled by FAST_SCALE and no budget unless one is given. */
  fast?: boolean
  /** Default: the one budget of this token and base URL in this process (none in fast mode). */
  budget?: RequestBudget
  userAgent?: string
  /** Told before each retry; for logs and tests. */
  onRetry?: (notice: RetryNotice) => void
  /** Per attempt; a hung connection becomes a retryable failure instead of a hung job. Default 30 s. */
  timeoutMs?: number
  /** The share of the content-creating limit a minute this client may spend (githubBudget): other processes spend the rest. */
  contentShare?: ContentShare
}

/** Per-attempt timeout shared by the client factories. */
export const REQUEST_TIMEOUT_MS = 30_000

const isRateLimitSignal = (status: number, headers: Record<string, unknown>, message: string) =>
  (status === 403 || status === 429) &&
  (/\bsecondary rate\b/i.test(message) || headers['x-ratelimit-remaining'] === '0')

// Octokit has no request timeout; an aborted fetch surfaces as a status-500 RequestError, which is retried.
const fetchWithTimeout =
  (ms: number): typeof fetch =>
  (input, init) => {
    const timeout = AbortSignal.timeout(ms)
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout })
  }

// Shared by every client of the process, like the plugin's own default groups.
let groups: Record<'write' | 'notifications' | 'search', InstanceType<typeof Bottleneck.Group>> | undefined
const unpacedGroups = () =>
  (groups ??= {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  })

export function createOctokit(options: OctokitFactoryOptions = {}): GithubClient {
  const policy = options.policy ?? DEFAULT_POLICY
  const clock = options.clock ?? systemClock
  const scale = options.fast ? FAST_SCALE : 1
  const notify = options.onRetry ?? (() => {})

  // onRateLimit / onSecondaryRateLimit: retry while attempts remain and the wait fits the deadline.
  const limitHandler =
    (kind: RetryNotice['kind']) =>
    (retryAfterSeconds: number, req: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const waitMs = retryAfterSeconds * 1000
      if (retryCount + 1 >= policy.maxAttempts || waitMs > policy.deadlineMs) return false
      notify({ kind, retry: retryCount + 1, waitMs, method: req.method, route: req.url })
      return true
    }

  const baseUrl = options.baseUrl ?? 'https://api.github.com'
  const budget =
    options.budget ??
    (options.fast
      ? undefined
      : sharedBudget('github', baseUrl, `${options.token} ${options.contentShare?.name ?? ''}`, () =>
          githubBudget(clock, undefined, options.contentShare),
        ))
  const timed = fetchWithTimeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS)

  const octokit = new GithubOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? 'onramp',
    request: { fetch: budget ? budgetedFetch(budget, timed) : timed },
    // Octokit's request log prints every request and every failed attempt; failures surface as errors anyway.
    log: { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} },
    throttle: {
      onRateLimit: limitHandler('rate-limit'),
      onSecondaryRateLimit: limitHandler('secondary-rate-limit'),
      retryAfterBaseValue: 1000 * scale,
      // No fixed gaps: the budget paces. Writes stay one at a time, as GitHub asks of content-creating requests.
      ...unpacedGroups(),
    },
    retry: {
      retries: policy.maxAttempts - 1,
      // Our delays are computed in ms below.
      retryAfterBaseValue: 1,
      // 403 rate limits belong to the throttling plugin; a 501 means the server lacks the feature: never transient.
      doNotRetry: [...new Set([...NEVER_RETRY, 403, 501])],
    },
  })

  // plugin-retry asks `octokit.retry.retryRequest(error, retries, (n+1)²)` for every retryable error and waits
  // `retryAfter × retryAfterBaseValue` ms: substituting our delay here is the one place to add jitter and hints.
  const original = octokit.retry.retryRequest
  octokit.retry.retryRequest = (error, retries, quadratic) => {
    const retryIndex = Math.max(0, Math.round(Math.sqrt(quadratic)) - 1)
    const headers = (error.response?.headers ?? {}) as Record<string, string | undefined>
    // Already waited out (or given up on) by the throttling plugin: do not retry it a second time.
    if (isRateLimitSignal(error.status, headers, error.message)) return original(error, 0, 0)
    const waitMs = Math.max(serverWaitMs(headers, clock.now()) ?? 0, backoffDelay(retryIndex, policy, clock.random))
    if (waitMs > policy.deadlineMs) return original(error, 0, 0)
    if (retryIndex < retries) {
      const req = error.request as { method: string; url: string }
      const route = new URL(req.url, 'http://github.invalid').pathname // no query string: it may hold a search term
      notify({ kind: 'retry', retry: retryIndex + 1, waitMs, method: req.method, route, status: error.status })
    }
    return original(error, retries, Math.round(waitMs * scale))
  }
  if (budget) budgetOfClient.set(octokit, budget)
  return octokit
}
