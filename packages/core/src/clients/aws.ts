// The IAM client with onramp's retry strategy (aws-retry.ts: the core policy, quotas never retried, server
// hints first, waits through the injectable Clock).

import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam'
import { type Clock, DEFAULT_POLICY, type RetryPolicy, systemClock } from '../retry.js'
import { type IamRetryNotice, PolicyRetryStrategy } from './aws-retry.js'

export { type IamRetryNotice, PolicyRetryStrategy, QUOTA_ERRORS } from './aws-retry.js'

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
