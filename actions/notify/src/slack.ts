// Slack through the core client (@onramp/core/slack, loaded on first use): chat.postMessage paced by the token's
// budget at one message per second per channel, 429 Retry-After honoured by the client itself, and ok:false answers
// (channel_not_found, not_in_channel, …) reported by their code and never retried.
//
// Posting is exactly once: the posting client makes one attempt per call (no retries of its own), and a post is
// repeated here only after a 429 (the client waited out Retry-After) or a failure that proves nothing reached
// Slack (connection refused, DNS, TLS). Every post carries its notification key in message metadata, and
// `findPosted` looks that key up in the channel's recent history: it is the read-back of a post, and what decides
// whether a post whose answer was lost went through.

import {
  backoffDelay,
  type Clock,
  DEFAULT_POLICY,
  redactPersonalData,
  SLACK_POSTS_PER_SECOND_PER_CHANNEL,
  systemClock,
} from '@onramp/core'
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
  /**
   * The post carrying this notification key in its metadata, at or after `sinceMs`, as `slack:<channel id>/<ts>`;
   * undefined when the channel's history since then holds none.
   */
  findPosted(channel: string, key: string, sinceMs: number): Promise<string | undefined>
  /** The channel id for `#name` (or an id), through conversations.list; undefined when the bot cannot see it. */
  channelId(channel: string): Promise<string | undefined>
  /** The Slack account for an email (deactivated ones too), undefined when there is none; other errors throw. */
  user(email: string): Promise<{ id: string; deleted: boolean } | undefined>
  /** Member ids of a channel (by id), every page. */
  members(channelId: string): Promise<Set<string>>
  /** Invites one user; already a member counts as done (the read-back decides). */
  invite(channelId: string, userId: string): Promise<void>
  /** Removes one user; not a member counts as done (the read-back decides). */
  kick(channelId: string, userId: string): Promise<void>
  /** The user id for an email, or undefined when Slack has no such user (or may not tell). */
  lookupUserId(email: string): Promise<string | undefined>
}

/** chat.postMessage allows about one message per second per channel (the core budget paces it). */
export const POST_INTERVAL_MS = 1000 / SLACK_POSTS_PER_SECOND_PER_CHANNEL

/** The metadata event type of onramp's posts; its payload's `key` is the notification key. */
export const METADATA_EVENT_TYPE = 'onramp_notification'
/** History is read from a little before the intent was recorded (clock skew between runner and Slack). */
const HISTORY_SKEW_MS = 5 * 60_000
/** A bound on the look-up: pages of 200 (Tier 3, about 50 calls a minute). */
const HISTORY_PAGE = 200
const HISTORY_MAX_PAGES = 10
const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/

export function createSlack(options: SlackOptions): Slack {
  const clock = options.clock ?? systemClock
  type Client = ReturnType<typeof import('@onramp/core/slack').createSlackClient>
  let client: Promise<Client> | undefined
  let poster: Promise<Client> | undefined
  const mentions = new Map<string, Promise<string | undefined>>()
  /** 429s the posting client has waited out; a failed attempt that raised it was rate limited. */
  let rateLimited = 0
  const get = () => {
    client ??= import('@onramp/core/slack').then(({ createSlackClient }) =>
      createSlackClient({
        token: options.token,
        slackApiUrl: options.apiUrl,
        fast: options.fast,
        clock,
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
        // Paced even in fast mode: posts are few, and their pacing is what a test of it checks.
        clock,
        warn: options.warn,
        onRateLimited: () => {
          rateLimited++
        },
      }),
    )
    return poster
  }
  let ids: Promise<Map<string, string>> | undefined
  return {
    async post(message) {
      const slack = await getPoster()
      for (let attempt = 1; ; attempt++) {
        const limitedBefore = rateLimited
        try {
          const res = await slack.chat.postMessage({
            channel: message.channel,
            text: message.text,
            blocks: message.blocks,
            ...(message.metadata ? { metadata: message.metadata } : {}),
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
        }
      }
    },
    async channelId(channel) {
      if (CHANNEL_ID.test(channel)) return channel
      ids ??= (async () => {
        const slack = await get()
        const found = new Map<string, string>()
        let cursor: string | undefined
        do {
          const res = await slack.conversations.list({
            types: 'public_channel,private_channel',
            exclude_archived: true,
            limit: 200,
            cursor,
          })
          for (const c of res.channels ?? []) if (c.name && c.id) found.set(c.name, c.id)
          cursor = res.response_metadata?.next_cursor || undefined
        } while (cursor)
        return found
      })().catch((error) => {
        ids = undefined
        throw describeSlackError('conversations.list', error)
      })
      return (await ids).get(channel.replace(/^#/, ''))
    },
    async findPosted(channel, key, sinceMs) {
      const id = await this.channelId(channel)
      if (!id) throw new Error(`slack: channel ${channel} not found (the bot must be a member)`)
      const slack = await get()
      let cursor: string | undefined
      for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
        let res: Awaited<ReturnType<Client['conversations']['history']>>
        try {
          res = await slack.conversations.history({
            channel: id,
            oldest: ((sinceMs - HISTORY_SKEW_MS) / 1000).toFixed(6),
            include_all_metadata: true,
            limit: HISTORY_PAGE,
            cursor,
          })
        } catch (error) {
          throw describeSlackError('conversations.history', error)
        }
        const hit = res.messages?.find(
          (m) =>
            m.metadata?.event_type === METADATA_EVENT_TYPE &&
            (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === key,
        )
        if (hit?.ts) return `slack:${id}/${hit.ts}`
        cursor = res.response_metadata?.next_cursor || undefined
        if (!res.has_more || !cursor) return undefined
      }
      throw new Error(
        `slack conversations.history: more than ${HISTORY_PAGE * HISTORY_MAX_PAGES} messages since the intent; cannot tell`,
      )
    },
    async user(email) {
      const slack = await get()
      try {
        const res = await slack.users.lookupByEmail({ email })
        return res.user?.id ? { id: res.user.id, deleted: Boolean(res.user.deleted) } : undefined
      } catch (error) {
        if (slackCode(error) === 'users_not_found') return undefined
        throw describeSlackError('users.lookupByEmail', error)
      }
    },
    async members(channelId) {
      const slack = await get()
      const ids = new Set<string>()
      let cursor: string | undefined
      try {
        do {
          const res = await slack.conversations.members({ channel: channelId, limit: 1000, cursor })
          for (const m of res.members ?? []) ids.add(m)
          cursor = res.response_metadata?.next_cursor || undefined
        } while (cursor)
      } catch (error) {
        throw describeSlackError('conversations.members', error)
      }
      return ids
    },
    async invite(channelId, userId) {
      const slack = await get()
      try {
        await slack.conversations.invite({ channel: channelId, users: userId })
      } catch (error) {
        if (slackCode(error) !== 'already_in_channel') throw describeSlackError('conversations.invite', error)
      }
    },
    async kick(channelId, userId) {
      const slack = await get()
      try {
        await slack.conversations.kick({ channel: channelId, user: userId })
      } catch (error) {
        if (slackCode(error) !== 'not_in_channel') throw describeSlackError('conversations.kick', error)
      }
    },
    lookupUserId(email) {
      // A drain mentions one manager for many hires: one lookup per address per run (Tier 3, 50 a minute).
      let found = mentions.get(email)
      if (!found) {
        found = (async () => {
          const slack = await get()
          try {
            const res = await slack.users.lookupByEmail({ email })
            return res.user?.deleted ? undefined : res.user?.id
          } catch (error) {
            if (slackCode(error) === 'users_not_found') return undefined
            mentions.delete(email)
            // Any other answer (missing_scope, an outage) only costs the mention: say so without the address.
            options.warn?.(describeSlackError('users.lookupByEmail', error).message)
            return undefined
          }
        })()
        mentions.set(email, found)
      }
      return found
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
  // An ok:false answer is Slack refusing the call: nothing was posted.
  if (code) return Object.assign(new Error(`slack ${method}: ${code} (not retried)`), { notSent: true })
  const e = error as { code?: string; statusCode?: number; message?: string }
  // A post is not repeated after an answer that may come after it went through: `maybeSent` sends the caller to
  // the channel's history instead.
  const maybe = method === 'chat.postMessage' ? ' (not retried: the message may have been posted)' : ''
  const maybeSent = (message: string) => Object.assign(new Error(message), { maybeSent: maybe !== '' })
  if (e?.code === 'slack_webapi_http_error') return maybeSent(`slack ${method}: HTTP ${e.statusCode}${maybe}`)
  if (e?.code === 'slack_webapi_request_error')
    return nothingSent(error)
      ? Object.assign(new Error(`slack ${method}: could not connect`), { notSent: true })
      : maybeSent(`slack ${method}: no answer${maybe}`)
  return new Error(`slack ${method}: ${redactPersonalData(String(e?.message ?? error)).slice(0, 200)}`)
}
