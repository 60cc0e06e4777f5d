// The Slack client, configured from the core policy:
// - every method call draws from the token's shared budget (budget.ts): its tier's per-minute allowance, and for
//   chat.postMessage one message a second per channel, so a 429 is the exception rather than the pacing;
// - `rejectRateLimitedCalls: false`: on 429 the client itself pauses its queue for Retry-After seconds and
//   retries (a server hint always wins);
// - `retryConfig` bounds the other retries (5xx, network) by policy.maxAttempts with randomized exponential
//   delays between baseMs and capMs (the client's `retry` library jitters by ×[1, 2], not full jitter);
// - its debug log prints request bodies (emails in users.lookupByEmail), so debug and info are dropped and
//   warnings pass through the personal-data redaction.

import { type Logger, LogLevel, WebClient, WebClientEvent } from '@slack/web-api'
import { type RequestBudget, sharedBudget, slackBudget } from '../budget.js'
import { redactPersonalData } from '../io.js'
import { type Clock, DEFAULT_POLICY, type RetryPolicy, systemClock } from '../retry.js'

export interface SlackFactoryOptions {
  token?: string
  /** e.g. `https://slack.com/api/` or the sandbox's `http://127.0.0.1:PORT/api/` (trailing slash). */
  slackApiUrl?: string
  policy?: RetryPolicy
  /** Tests: near-zero backoff between non-429 retries (Retry-After is still honoured as sent). */
  fast?: boolean
  /** Where warnings go; default console.warn. */
  warn?: (line: string) => void
  /** Told when a 429 pauses the queue; `method` is the API method name. */
  onRateLimited?: (notice: { method: string; retryAfterSeconds: number }) => void
  /** Per attempt; default 30 s (the client's own default is none). */
  timeoutMs?: number
  /** Waits of the budget. */
  clock?: Clock
  /** Default: the one budget of this token and API URL in this process (none in fast mode). */
  budget?: RequestBudget
}

// The generated method wrappers call `this.apiCall`, so drawing from the budget here covers every method.
class BudgetedWebClient extends WebClient {
  budget?: RequestBudget
  override async apiCall(method: string, options?: Record<string, unknown>) {
    const channel = typeof options?.channel === 'string' ? options.channel : undefined
    await this.budget?.before(method, method, channel)
    return super.apiCall(method, options)
  }
}

function quietLogger(warn: (line: string) => void): Logger {
  let level = LogLevel.WARN
  const forward = (...msg: unknown[]) => warn(redactPersonalData(`slack: ${msg.map(String).join(' ')}`))
  return {
    debug: () => {},
    info: () => {},
    warn: forward,
    error: forward,
    setLevel: (l: LogLevel) => {
      level = l
    },
    getLevel: () => level,
    setName: () => {},
  }
}

export function createSlackClient(options: SlackFactoryOptions = {}): WebClient {
  const policy = options.policy ?? DEFAULT_POLICY
  const retries = Math.max(0, policy.maxAttempts - 1)
  const client = new BudgetedWebClient(options.token, {
    slackApiUrl: options.slackApiUrl,
    rejectRateLimitedCalls: false,
    timeout: options.timeoutMs ?? 30_000,
    retryConfig: options.fast
      ? { retries, factor: 2, minTimeout: 0, maxTimeout: 1 }
      : { retries, factor: 2, minTimeout: policy.baseMs, maxTimeout: policy.capMs, randomize: true },
    logger: quietLogger(options.warn ?? ((line) => console.warn(line))),
  })
  client.budget =
    options.budget ??
    (options.fast
      ? undefined
      : sharedBudget('slack', options.slackApiUrl ?? 'https://slack.com/api/', options.token, () =>
          slackBudget(options.clock ?? systemClock),
        ))
  const onRateLimited = options.onRateLimited
  if (onRateLimited) {
    client.on(WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number, { url }: { url: string }) => {
      onRateLimited({ method: url.split('/').pop() ?? url, retryAfterSeconds })
    })
  }
  return client
}
