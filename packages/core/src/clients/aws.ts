// The IAM client with a retry strategy that follows the core policy instead of the SDK's own:
// - the SDK files IAM's `LimitExceeded` (a quota: 10 policies per user, 5,000 users) under throttling and
//   retries it; waiting never frees a quota, so it fails at once here;
// - Throttling and transient errors (500/502/503/504, connection reset, timeouts) retry with full jitter;
// - Retry-After / x-amz-retry-after win outright (the SDK caps them at backoff + 5 s);
// - waits go through the injectable Clock so tests can assert them without sleeping.

import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam'
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
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return new PolicyToken(0, this.clock.now())
  }

  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const name = info.error?.name
    const retryable =
      (info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT') && !QUOTA_ERRORS.has(name ?? '')
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

export interface IamFactoryOptions {
  region?: string
  /** The sandbox's IAM endpoint; otherwise AWS_ENDPOINT_URL_IAM or the real service. */
  endpoint?: string
  credentials?: IAMClientConfig['credentials']
  policy?: RetryPolicy
  clock?: Clock
  /** Tests: waits scaled by 0.01 and dummy credentials when none are given. */
  fast?: boolean
  onRetry?: (notice: IamRetryNotice) => void
  /** Per attempt; default 30 s. */
  timeoutMs?: number
}

export function createIamClient(options: IamFactoryOptions = {}): IAMClient {
  const policy = options.policy ?? DEFAULT_POLICY
  return new IAMClient({
    // IAM is global; its signing region is us-east-1.
    region: options.region ?? 'us-east-1',
    endpoint: options.endpoint,
    credentials:
      options.credentials ??
      (options.fast ? { accessKeyId: 'AKIAONRAMPTEST', secretAccessKey: 'onramp-test' } : undefined),
    maxAttempts: policy.maxAttempts,
    // The SDK waits for ever by default; a timed-out attempt is a transient error and is retried.
    requestHandler: {
      requestTimeout: options.timeoutMs ?? 30_000,
      throwOnRequestTimeout: true,
      connectionTimeout: 5000,
    },
    retryStrategy: new PolicyRetryStrategy(
      policy,
      options.clock ?? systemClock,
      options.fast ? 0.01 : 1,
      options.onRetry,
    ),
  })
}
