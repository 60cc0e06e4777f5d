// The retry strategy every AWS SDK client of onramp uses (IAM, SSO Admin, Identity Store), following the core
// policy instead of the SDK's own:
// - the SDK files IAM's `LimitExceeded` (a quota: 10 policies per user, 5,000 users) under throttling and
//   retries it; waiting never frees a quota, so it fails at once here;
// - Throttling (`Throttling`, Identity Center's `ThrottlingException`) and transient errors (500/502/503/504,
//   connection reset, timeouts) retry with full jitter, as do the error names a client adds (Identity Center's
//   `ConflictException`: a write that has not propagated yet, which the service says to retry with backoff);
// - Retry-After / x-amz-retry-after win outright (the SDK caps them at backoff + 5 s);
// - waits go through the injectable Clock so tests can assert them without sleeping.
// No SDK import: an action that needs only one client loads only that SDK.

import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types'
import { backoffDelay, type Clock, DEFAULT_POLICY, type RetryPolicy, serverWaitMs, systemClock } from '../retry.js'

/** Quota errors the SDK would retry as throttling; retrying them only burns the deadline. */
export const QUOTA_ERRORS = new Set(['LimitExceeded', 'LimitExceededException'])

class PolicyToken implements RetryToken {
  constructor(
    readonly count: number,
    readonly startedAt: number,
  ) {}
  getRetryCount() {
    return this.count
  }
  // The strategy has already waited; the middleware must not wait again.
  getRetryDelay() {
    return 0
  }
}

export interface IamRetryNotice {
  retry: number
  waitMs: number
  errorName?: string
}

export class PolicyRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard'
  constructor(
    private readonly policy: RetryPolicy = DEFAULT_POLICY,
    private readonly clock: Clock = systemClock,
    private readonly scale = 1,
    private readonly onRetry: (notice: IamRetryNotice) => void = () => {},
    /** Error names retried like transient errors, though the SDK calls them client errors. */
    private readonly alsoRetry: ReadonlySet<string> = new Set(),
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new PolicyToken(0, this.clock.now())
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const name = info.error?.name
    const retryable =
      ((info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT') && !QUOTA_ERRORS.has(name ?? '')) ||
      this.alsoRetry.has(name ?? '')
    const count = token.getRetryCount()
    if (!retryable || count + 1 >= this.policy.maxAttempts) throw info.error ?? new Error('not retryable')
    const startedAt = token instanceof PolicyToken ? token.startedAt : this.clock.now()
    // Read the headers ourselves: the SDK's hint is a Date already ageing since the response arrived.
    const headers = (info.error as { $response?: { headers?: Record<string, string> } } | undefined)?.$response?.headers
    const hint =
      (headers && serverWaitMs(headers, this.clock.now())) ??
      (info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - Date.now()) : 0)
    const waitMs = Math.max(hint, backoffDelay(count, this.policy, this.clock.random))
    if (this.clock.now() + waitMs - startedAt > this.policy.deadlineMs) throw info.error ?? new Error('deadline')
    this.onRetry({ retry: count + 1, waitMs, errorName: name })
    await this.clock.sleep(waitMs * this.scale)
    return new PolicyToken(count + 1, startedAt)
  }

  recordSuccess(): void {}
}
