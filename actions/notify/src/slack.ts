// Slack through the core client (@onramp/core/slack, loaded on first use): chat.postMessage paced at one
// message per second per channel, 429 Retry-After honoured by the client itself, and ok:false answers
// (channel_not_found, not_in_channel, …) reported by their code and never retried.
//
// Posting is exactly once: the posting client makes one attempt per call (no retries of its own), and a post is
// repeated here only after a 429 (the client waited out Retry-After) or a failure that proves nothing reached
// Slack (connection refused, DNS, TLS). A 5xx, a timeout or a reset may come after the message was posted, so it
// fails the item instead. The emulated Slack has no conversations.history to look for an earlier post.

import { backoffDelay, type Clock, DEFAULT_POLICY, redactPersonalData, systemClock } from '@onramp/core'
import { nothingSent } from './delivery.js'
import type { SlackMessage } from './messages.js'

export interface SlackOptions {
  token: string
  apiUrl: string
  clock?: Clock
  /** Tests: near-zero backoff between non-429 retries. */
  fast?: boolean
  warn?: (line: string) => void
}

export interface Slack {
  post(message: SlackMessage): Promise<{ ts: string; channel: string }>
  /** The user id for an email, or undefined when Slack has no such user (or may not tell). */
  lookupUserId(email: string): Promise<string | undefined>
}

/** chat.postMessage allows about one message per second per channel. */
export const POST_INTERVAL_MS = 1000

export function createSlack(options: SlackOptions): Slack {
  const clock = options.clock ?? systemClock
  const lastPost = new Map<string, number>()
  type Client = ReturnType<typeof import('@onramp/core/slack').createSlackClient>
  let client: Promise<Client> | undefined
  let poster: Promise<Client> | undefined
  /** 429s the posting client has waited out; a failed attempt that raised it was rate limited. */
  let rateLimited = 0
  const get = () => {
    client ??= import('@onramp/core/slack').then(({ createSlackClient }) =>
      createSlackClient({
        token: options.token,
        slackApiUrl: options.apiUrl,
        fast: options.fast,
        warn: options.warn,
      }),
    )
    return client
  }
  // One attempt per call: the client's own retries would repeat a post whose reply was lost.
  const getPoster = () => {
    poster ??= import('@onramp/core/slack').then(({ createSlackClient }) =>
      createSlackClient({
        token: options.token,
        slackApiUrl: options.apiUrl,
        policy: { ...DEFAULT_POLICY, maxAttempts: 1 },
        warn: options.warn,
        onRateLimited: () => {
          rateLimited++
        },
      }),
    )
    return poster
  }
  return {
    async post(message) {
      const slack = await getPoster()
      for (let attempt = 1; ; attempt++) {
        const last = lastPost.get(message.channel)
        if (last !== undefined) {
          const wait = last + POST_INTERVAL_MS - clock.now()
          if (wait > 0) await clock.sleep(wait)
        }
        const limitedBefore = rateLimited
        try {
          const res = await slack.chat.postMessage({
            channel: message.channel,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
          })
          if (!res.ts) throw new Error('slack chat.postMessage: answered ok without a message ts')
          return { ts: res.ts, channel: res.channel ?? message.channel }
        } catch (error) {
          const limited = rateLimited > limitedBefore
          const retry = limited || (slackCode(error) === undefined && nothingSent(error))
          if (!retry || attempt >= DEFAULT_POLICY.maxAttempts) throw describeSlackError('chat.postMessage', error)
          // After a 429 the client has already paused for Retry-After.
          if (!limited) await clock.sleep(options.fast ? 1 : backoffDelay(attempt - 1, DEFAULT_POLICY, clock.random))
        } finally {
          lastPost.set(message.channel, clock.now())
        }
      }
    },
    async lookupUserId(email) {
      const slack = await get()
      try {
        const res = await slack.users.lookupByEmail({ email })
        return res.user?.deleted ? undefined : res.user?.id
      } catch (error) {
        if (slackCode(error) === 'users_not_found') return undefined
        // Any other answer (missing_scope, an outage) only costs the mention: say so without the address.
        options.warn?.(describeSlackError('users.lookupByEmail', error).message)
        return undefined
      }
    },
  }
}

export function slackCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } }
  return e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined
}

/** The service's own code (`channel_not_found`), or the HTTP status, never a request body. */
export function describeSlackError(method: string, error: unknown): Error {
  const code = slackCode(error)
  if (code) return new Error(`slack ${method}: ${code} (not retried)`)
  const e = error as { code?: string; statusCode?: number; message?: string }
  // A post is not repeated after an answer that may come after it went through: say so, so a person checks.
  const maybe = method === 'chat.postMessage' ? ' (not retried: the message may have been posted)' : ''
  if (e?.code === 'slack_webapi_http_error') return new Error(`slack ${method}: HTTP ${e.statusCode}${maybe}`)
  if (e?.code === 'slack_webapi_request_error')
    return new Error(nothingSent(error) ? `slack ${method}: could not connect` : `slack ${method}: no answer${maybe}`)
  return new Error(`slack ${method}: ${redactPersonalData(String(e?.message ?? error)).slice(0, 200)}`)
}
