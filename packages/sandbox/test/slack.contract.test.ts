// The Slack emulator driven through @slack/web-api 8.2.0, the client onramp uses.
// Shapes follow docs.slack.dev/reference/methods/<method> and the client's response typings.
import { ErrorCode, LogLevel, retryPolicies, WebClient, WebClientEvent, type WebClientOptions } from '@slack/web-api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SlackEmulator } from '../src/emulators/slack.js'
import { type Started, startEmulator } from './helpers.js'

const TOKEN = 'xoxb-test-token'
const BOT = 'UBOT0001'

function client(s: Started<SlackEmulator>, opts: WebClientOptions & { token?: string | null } = {}) {
  const { token, ...rest } = opts
  return new WebClient(token === null ? undefined : (token ?? TOKEN), {
    slackApiUrl: `${s.url}/api/`,
    retryConfig: retryPolicies.rapidRetryPolicy,
    logLevel: LogLevel.ERROR,
    ...rest,
  })
}

async function platformError(p: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await p
  } catch (e) {
    return e as { code: string; data: Record<string, unknown> }
  }
  throw new Error('expected the call to fail')
}

function seeded(limits?: { enabled: boolean }, clock: { timeScale?: number } = {}) {
  return startEmulator((k) => {
    const e = new SlackEmulator({ token: TOKEN, botUserId: BOT, limits }, k)
    e.seed({
      team: { id: 'T0001', name: 'Acme', domain: 'acme' },
      users: [
        { id: 'U0000ADA', email: 'ada@example.com', name: 'ada', real_name: 'Ada Lovelace' },
        { id: 'U0000BOB', email: 'bob@example.com', name: 'bob' },
        { id: 'U0000GONE', email: 'gone@example.com', name: 'gone', deleted: true },
      ],
      channels: [
        { id: 'C0000ENG', name: '#eng', members: [BOT, 'U0000BOB'] },
        { id: 'C0000BACK', name: 'backend' },
        { id: 'C0000SEC', name: 'security', is_private: true },
        { id: 'C0000OLD', name: 'old', is_archived: true, members: [BOT] },
        { id: 'C0000ANN', name: 'announce', members: [BOT] },
      ],
    })
    return e
  }, clock)
}

describe('Slack emulator via @slack/web-api', () => {
  let s: Started<SlackEmulator>
  let slack: WebClient
  beforeAll(async () => {
    s = await seeded()
    slack = client(s)
  })
  afterAll(() => s.close())

  it('auth.test returns the bot identity, scopes from x-oauth-scopes', async () => {
    const res = await slack.auth.test()
    expect(res).toEqual({
      ok: true,
      url: 'https://acme.slack.com/',
      team: 'Acme',
      user: 'onramp',
      team_id: 'T0001',
      user_id: BOT,
      bot_id: 'B0ONRAMPBOT',
      is_enterprise_install: false,
      response_metadata: { scopes: s.emulator.scopes },
    })
  })

  it('refuses a missing or wrong token with not_authed / invalid_auth, not retried', async () => {
    const before = s.log.counters().total
    const none = await platformError(client(s, { token: null }).auth.test())
    expect(none.code).toBe(ErrorCode.PlatformError)
    expect(none.data.error).toBe('not_authed')
    const wrong = await platformError(client(s, { token: 'xoxb-wrong' }).auth.test())
    expect(wrong.data.error).toBe('invalid_auth')
    expect(s.log.counters().total - before).toBe(2)
  })

  it('answers missing_scope with needed and provided', async () => {
    const narrow = await startEmulator((k) => new SlackEmulator({ token: TOKEN, scopes: ['chat:write'] }, k))
    try {
      const e = await platformError(client(narrow).users.lookupByEmail({ email: 'a@example.com' }))
      expect(e.data).toMatchObject({
        ok: false,
        error: 'missing_scope',
        needed: 'users:read.email',
        provided: 'chat:write',
      })
    } finally {
      await narrow.close()
    }
  })

  it('users.lookupByEmail finds by email, case-insensitively, or users_not_found', async () => {
    const res = await slack.users.lookupByEmail({ email: 'ADA@example.com' })
    expect(res.response_metadata?.acceptedScopes).toEqual(['users:read.email'])
    expect(res.user).toEqual({
      id: 'U0000ADA',
      team_id: 'T0001',
      name: 'ada',
      deleted: false,
      real_name: 'Ada Lovelace',
      is_admin: false,
      is_owner: false,
      is_bot: false,
      is_app_user: false,
      updated: expect.any(Number),
      profile: { real_name: 'Ada Lovelace', display_name: 'ada', email: 'ada@example.com', team: 'T0001' },
    })
    const e = await platformError(slack.users.lookupByEmail({ email: 'nobody@example.com' }))
    expect(e.data.error).toBe('users_not_found')
  })

  it('conversations.list pages with response_metadata.next_cursor', async () => {
    const pages: string[][] = []
    for await (const page of slack.paginate('conversations.list', { limit: 2 })) {
      pages.push(((page as unknown as { channels: unknown[] }).channels as { name: string }[]).map((c) => c.name))
    }
    // Public channels only by default; private ones need types=private_channel and membership.
    expect(pages).toEqual([
      ['announce', 'backend'],
      ['eng', 'old'],
    ])
    const active = await slack.conversations.list({ exclude_archived: true, limit: 100 })
    expect(active.channels?.map((c) => c.name)).toEqual(['announce', 'backend', 'eng'])
    expect(active.response_metadata?.next_cursor).toBe('')
    const e = await platformError(slack.conversations.list({ cursor: 'bm9wZQ==' }))
    expect(e.data.error).toBe('invalid_cursor')
  })

  it('conversations.info by id or #name; channel_not_found otherwise', async () => {
    const res = await slack.conversations.info({ channel: '#eng' })
    expect(res.channel).toEqual({
      id: 'C0000ENG',
      name: 'eng',
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: false,
      created: expect.any(Number),
      is_archived: false,
      is_general: false,
      unlinked: 0,
      name_normalized: 'eng',
      is_shared: false,
      is_org_shared: false,
      is_ext_shared: false,
      is_pending_ext_shared: false,
      is_member: true,
      creator: BOT,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      num_members: 2,
    })
    expect((await slack.conversations.info({ channel: 'C0000BACK' })).channel?.is_member).toBe(false)
    for (const channel of ['C404', 'C0000SEC']) {
      const e = await platformError(slack.conversations.info({ channel }))
      expect(e.data.error).toBe('channel_not_found')
    }
  })

  // docs.slack.dev/reference/methods/conversations.join: already a member answers ok with warning already_in_channel.
  it('chat.postMessage needs membership; conversations.join fixes it', async () => {
    const notIn = await platformError(slack.chat.postMessage({ channel: 'C0000BACK', text: 'hi' }))
    expect(notIn.data.error).toBe('not_in_channel')
    const joined = await slack.conversations.join({ channel: 'C0000BACK' })
    expect(joined.channel?.is_member).toBe(true)
    expect(joined.warning).toBeUndefined()
    const again = await slack.conversations.join({ channel: 'C0000BACK' })
    expect(again.warning).toBe('already_in_channel')
    expect(again.response_metadata?.warnings).toEqual(['already_in_channel'])
    const posted = await slack.chat.postMessage({ channel: '#backend', text: 'hello' })
    expect(posted.channel).toBe('C0000BACK')
    expect(s.emulator.messages('backend').map((m) => m.text)).toEqual(['hello'])
    const archived = await platformError(slack.conversations.join({ channel: 'C0000OLD' }))
    expect(archived.data.error).toBe('is_archived')
    const priv = await platformError(slack.conversations.join({ channel: 'C0000SEC' }))
    expect(priv.data.error).toBe('method_not_supported_for_channel_type')
  })

  it('chat.postMessage stores text, blocks (sent as a JSON string) and thread_ts', async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'Welcome Ada' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*backend-engineer*' } },
    ]
    const parent = await slack.chat.postMessage({ channel: 'C0000ANN', text: 'Welcome Ada', blocks })
    expect(parent.ts).toMatch(/^\d{10}\.\d{6}$/)
    expect(parent.message).toEqual({
      user: BOT,
      type: 'message',
      ts: parent.ts,
      bot_id: 'B0ONRAMPBOT',
      app_id: 'A0ONRAMP',
      text: 'Welcome Ada',
      team: 'T0001',
      blocks,
    })
    const reply = await slack.chat.postMessage({ channel: 'C0000ANN', text: 'details', thread_ts: parent.ts! })
    expect(reply.message?.thread_ts).toBe(parent.ts)
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts))
    expect(s.emulator.messages('#announce')).toEqual([
      { ts: parent.ts, user: BOT, text: 'Welcome Ada', blocks },
      { ts: reply.ts, user: BOT, text: 'details', thread_ts: parent.ts },
    ])
  })

  it('chat.postMessage errors: no_text, invalid_blocks, channel_not_found, is_archived', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'C0000ANN' }, 'no_text'],
      [{ channel: 'C0000ANN', text: 'x', blocks: '[{"no":"type"}]' }, 'invalid_blocks'],
      [{ channel: 'C0000ANN', text: 'x', blocks: 'not json' }, 'invalid_blocks'],
      [{ channel: 'C0000NONE', text: 'x' }, 'channel_not_found'],
      [{ channel: '#old', text: 'x' }, 'is_archived'],
      [{ channel: 'C0000SEC', text: 'x' }, 'channel_not_found'],
    ]
    for (const [args, error] of cases) {
      const e = await platformError(slack.apiCall('chat.postMessage', args))
      expect(e.data.error).toBe(error)
    }
  })

  it('accepts JSON bodies with a bearer token', async () => {
    const res = await fetch(`${s.url}/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0000ENG', blocks: [{ type: 'divider' }] }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      ok: true,
      channel: 'C0000ENG',
      message: { blocks: [{ type: 'divider' }] },
    })
    const unknown = await fetch(`${s.url}/api/nope.method`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(unknown.status).toBe(200)
    expect(await unknown.json()).toEqual({ ok: false, error: 'unknown_method', req_method: 'nope.method' })
  })

  // docs.slack.dev/reference/methods/conversations.invite: errors per user in `errors[]`; force=true keeps going.
  it('conversations.invite adds users, with the documented per-user errors', async () => {
    const res = await slack.conversations.invite({ channel: 'C0000ENG', users: 'U0000ADA' })
    expect((res.channel as { num_members?: number }).num_members).toBe(3)
    expect(s.emulator.members('#eng')).toContain('U0000ADA')
    const already = await platformError(slack.conversations.invite({ channel: 'C0000ENG', users: 'U0000ADA' }))
    expect(already.data).toMatchObject({
      ok: false,
      error: 'already_in_channel',
      errors: [{ user: 'U0000ADA', ok: false, error: 'already_in_channel' }],
    })
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: 'C0000ENG', users: BOT }, 'cant_invite_self'],
      [{ channel: 'C0000ENG', users: 'U0000GONE' }, 'user_not_found'],
      [{ channel: 'C0000ENG', users: '' }, 'no_user'],
      [{ channel: s.emulator.ensureChannel('lobby').id, users: 'U0000ADA' }, 'not_in_channel'],
      // A private channel the bot is not in is invisible to it.
      [{ channel: 'C0000SEC', users: 'U0000ADA' }, 'channel_not_found'],
      [{ channel: 'C0000NOPE', users: 'U0000ADA' }, 'channel_not_found'],
    ]
    for (const [args, error] of cases) {
      const e = await platformError(slack.apiCall('conversations.invite', args))
      expect(e.data.error).toBe(error)
    }
    // force=true invites the valid ids and reports the others.
    s.emulator.removeMember('#eng', 'U0000ADA')
    const forced = await slack.conversations.invite({ channel: 'C0000ENG', users: 'U0000ADA,U0000BOB', force: true })
    expect(forced.ok).toBe(true)
    expect(forced.errors).toEqual([{ user: 'U0000BOB', ok: false, error: 'already_in_channel' }])
    expect(s.emulator.members('C0000ENG').sort()).toEqual(['U0000ADA', 'U0000BOB', BOT].sort())
  })

  it('conversations.kick removes one user, with cant_kick_self, not_in_channel and user_not_found', async () => {
    const ch = s.emulator.ensureChannel('#kick', { members: [BOT, 'U0000ADA'] })
    expect((await slack.conversations.kick({ channel: ch.id, user: 'U0000ADA' })).ok).toBe(true)
    expect(s.emulator.members(ch.id)).toEqual([BOT])
    const cases: [Record<string, unknown>, string][] = [
      [{ channel: ch.id, user: 'U0000ADA' }, 'not_in_channel'],
      [{ channel: ch.id, user: BOT }, 'cant_kick_self'],
      [{ channel: ch.id, user: 'U0000NOBODY' }, 'user_not_found'],
      [{ channel: 'C0000NOPE', user: 'U0000ADA' }, 'channel_not_found'],
    ]
    for (const [args, error] of cases)
      expect((await platformError(slack.apiCall('conversations.kick', args))).data.error).toBe(error)
  })

  it('conversations.members pages member ids with next_cursor', async () => {
    const ch = s.emulator.ensureChannel('#crowd', { members: [BOT, 'U0000ADA', 'U0000BOB'] })
    const first = await slack.conversations.members({ channel: ch.id, limit: 2 })
    expect(first.members).toHaveLength(2)
    const second = await slack.conversations.members({
      channel: ch.id,
      limit: 2,
      cursor: first.response_metadata!.next_cursor,
    })
    expect([...first.members!, ...second.members!].sort()).toEqual([BOT, 'U0000ADA', 'U0000BOB'].sort())
    expect(second.response_metadata?.next_cursor).toBe('')
  })

  // docs.slack.dev/apis/web-api/rate-limits: 429 with Retry-After in seconds; the client pauses its queue that
  // long, then retries (WebClient.makeRequest).
  it('chat.postMessage keeps metadata; conversations.history returns it only with include_all_metadata', async () => {
    const ch = s.emulator.ensureChannel('#history', { members: [BOT] })
    const metadata = { event_type: 'onramp_notification', event_payload: { key: 'welcome-slack:e1' } }
    const posted = await slack.chat.postMessage({ channel: ch.id, text: 'hello', metadata })
    await slack.chat.postMessage({ channel: ch.id, text: 'plain' })
    const plain = await slack.conversations.history({ channel: ch.id })
    expect(plain.messages?.map((m) => m.text)).toEqual(['plain', 'hello'])
    expect(plain.messages?.[1]?.metadata).toBeUndefined()
    const full = await slack.conversations.history({ channel: ch.id, include_all_metadata: true })
    expect(full.messages?.[1]).toMatchObject({ ts: posted.ts, bot_id: expect.any(String), metadata })
    expect(
      (
        await platformError(
          slack.chat.postMessage({
            channel: ch.id,
            text: 'x',
            metadata: { event_type: 'Bad Type', event_payload: {} },
          }),
        )
      ).data.error,
    ).toBe('invalid_metadata_schema')
  })

  it('conversations.history pages newest first with has_more and next_cursor; oldest bounds it', async () => {
    const ch = s.emulator.ensureChannel('#paged', { members: [BOT] })
    const ts: string[] = []
    for (let i = 0; i < 5; i++) ts.push((await slack.chat.postMessage({ channel: ch.id, text: `m${i}` })).ts!)
    const first = await slack.conversations.history({ channel: ch.id, limit: 2 })
    expect(first.messages?.map((m) => m.text)).toEqual(['m4', 'm3'])
    expect(first.has_more).toBe(true)
    const second = await slack.conversations.history({
      channel: ch.id,
      limit: 2,
      cursor: first.response_metadata!.next_cursor,
    })
    expect(second.messages?.map((m) => m.text)).toEqual(['m2', 'm1'])
    const third = await slack.conversations.history({
      channel: ch.id,
      limit: 2,
      cursor: second.response_metadata!.next_cursor,
    })
    expect(third.messages?.map((m) => m.text)).toEqual(['m0'])
    expect(third.has_more).toBe(false)
    expect(third.response_metadata?.next_cursor).toBe('')
    const recent = await slack.conversations.history({ channel: ch.id, oldest: ts[2] })
    expect(recent.messages?.map((m) => m.text)).toEqual(['m4', 'm3'])
  })

  it('conversations.history: not_in_channel, channel_not_found for a private channel the bot is not in', async () => {
    const outside = s.emulator.ensureChannel('#outside')
    expect((await platformError(slack.conversations.history({ channel: outside.id }))).data.error).toBe(
      'not_in_channel',
    )
    expect((await platformError(slack.conversations.history({ channel: 'C0000SEC' }))).data.error).toBe(
      'channel_not_found',
    )
  })

  it('a lie fault answers ok with a ts and posts nothing', async () => {
    const ch = s.emulator.ensureChannel('#lies', { members: [BOT] })
    s.faults.script({ match: { route: 'Slack chat.postMessage' }, times: 1, lie: true })
    const res = await slack.chat.postMessage({ channel: ch.id, text: 'gone' })
    expect(res.ok).toBe(true)
    expect(res.ts).toMatch(/^\d+\.\d{6}$/)
    expect(s.emulator.messages(ch.id)).toEqual([])
    expect((await slack.conversations.history({ channel: ch.id })).messages).toEqual([])
  })

  it('offers black-box controls on /__sandbox', async () => {
    const post = (what: string, body: unknown) =>
      fetch(`${s.url}/__sandbox/${what}`, { method: 'POST', body: JSON.stringify(body) })
    const created = (await (await post('ensure-channel', { name: '#hires', members: [BOT] })).json()) as { id: string }
    expect((await post('add-member', { channel: created.id, user: 'U0000ADA' })).status).toBe(200)
    expect(s.emulator.members('#hires').sort()).toEqual(['U0000ADA', BOT].sort())
    await post('archive', { channel: '#hires' })
    const e = await platformError(slack.chat.postMessage({ channel: created.id, text: 'x' }))
    expect(e.data.error).toBe('is_archived')
    expect((await post('add-member', { channel: '#nope', user: 'U0000ADA' })).status).toBe(400)
  })

  it('the client retries an injected 429 after Retry-After and emits rate_limited', async () => {
    s.faults.script({
      match: { route: 'Slack chat.postMessage' },
      times: 1,
      respond: { status: 429, headers: { 'retry-after': '0' } },
    })
    const waits: number[] = []
    const c = client(s)
    c.on(WebClientEvent.RATE_LIMITED, (sec: number) => waits.push(sec))
    const res = await c.chat.postMessage({ channel: 'C0000ENG', text: 'after 429' })
    expect(res.ok).toBe(true)
    expect(waits).toEqual([0])
    const entries = s.log.list({ route: 'Slack chat.postMessage' }).slice(-2)
    expect(entries.map((e) => [e.status, e.fault])).toEqual([
      [429, 'scripted'],
      [200, undefined],
    ])
  })

  it('the client retries 5xx and connection resets (WebAPIHTTPError / WebAPIRequestError are retried)', async () => {
    s.faults.script(
      { match: { route: 'Slack auth.test' }, times: 2, respond: { status: 503 } },
      { match: { route: 'Slack auth.test' }, times: 1, reset: true },
    )
    const res = await slack.auth.test()
    expect(res.ok).toBe(true)
    expect(
      s.log
        .list({ route: 'Slack auth.test' })
        .slice(-4)
        .map((e) => e.status),
    ).toEqual([503, 503, 0, 200])
  })

  it('a 429 without a parsable Retry-After is not retried', async () => {
    s.faults.script({
      match: { route: 'Slack auth.test' },
      times: 1,
      respond: { status: 429, body: { ok: false, error: 'ratelimited' } },
    })
    await expect(slack.auth.test()).rejects.toThrow(/Retry header did not contain a valid timeout/)
  })
})

describe('Slack limits (enabled)', () => {
  let s: Started<SlackEmulator>
  beforeAll(async () => {
    // A clock that all but stands still (a real second is a microsecond): the limits refill only when a test
    // moves it, so a slow machine making 50 calls does not see a token come back in the meantime.
    s = await seeded({ enabled: true }, { timeScale: 1e-6 })
  })
  afterAll(() => s.close())

  // Tiers per method per workspace (docs.slack.dev/apis/web-api/rate-limits): Tier 2 20+/min, Tier 3 50+/min.
  it('Tier 2 conversations.list: 20 per minute, then 429 ratelimited with Retry-After', async () => {
    const c = client(s, { rejectRateLimitedCalls: true })
    for (let i = 0; i < 20; i++) await c.conversations.list()
    const e = (await platformError(c.conversations.list())) as unknown as { code: string; retryAfter: number }
    expect(e.code).toBe(ErrorCode.RateLimitedError)
    expect(e.retryAfter).toBe(3) // one token back after 60 s / 20
    const raw = await fetch(`${s.url}/api/conversations.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    expect(raw.status).toBe(429)
    expect(raw.headers.get('retry-after')).toBe('3')
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' })
    expect(s.log.counters().limited).toBe(2)
    // Other methods have their own bucket.
    expect((await c.conversations.info({ channel: 'C0000ENG' })).ok).toBe(true)
    s.clock.advance(3000)
    expect((await c.conversations.list()).ok).toBe(true)
  })

  it('Tier 3 users.lookupByEmail: 50 per minute', async () => {
    const c = client(s, { rejectRateLimitedCalls: true })
    for (let i = 0; i < 50; i++) await c.users.lookupByEmail({ email: 'ada@example.com' })
    const e = (await platformError(c.users.lookupByEmail({ email: 'ada@example.com' }))) as unknown as { code: string }
    expect(e.code).toBe(ErrorCode.RateLimitedError)
  })

  // Same page: chat.postMessage allows about one message per second per channel, with short bursts.
  it('chat.postMessage: a short burst per channel, then about one per second', async () => {
    const c = client(s, { rejectRateLimitedCalls: true })
    for (let i = 0; i < 3; i++) await c.chat.postMessage({ channel: 'C0000ANN', text: `burst ${i}` })
    const e = (await platformError(c.chat.postMessage({ channel: 'C0000ANN', text: 'too fast' }))) as unknown as {
      code: string
      retryAfter: number
    }
    expect(e.code).toBe(ErrorCode.RateLimitedError)
    expect(e.retryAfter).toBe(1)
    // Another channel is not affected.
    expect((await c.chat.postMessage({ channel: 'C0000ENG', text: 'elsewhere' })).ok).toBe(true)
    s.clock.advance(1000)
    expect((await c.chat.postMessage({ channel: 'C0000ANN', text: 'later' })).ok).toBe(true)
    expect(s.emulator.messages('C0000ANN').map((m) => m.text)).toEqual(['burst 0', 'burst 1', 'burst 2', 'later'])
  })
})
