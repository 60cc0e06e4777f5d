// Slack Web API emulator: the methods onramp calls, at `POST /api/<method>` (form-encoded, or JSON with a
// bearer token), answering HTTP 200 `{ok, ...}` / `{ok:false, error}`, and 429 + Retry-After when a tier limit
// or chat.postMessage's per-channel limit refuses a call.
import type { Emulator, Kernel, Reply, RouteInfo, SandboxRequest } from '../kernel/index.js'
import { TokenBucket } from '../kernel/index.js'

export interface SlackLimits {
  enabled: boolean
  /** Calls per minute per method per workspace (docs.slack.dev/apis/web-api/rate-limits). */
  tier2PerMin?: number
  tier3PerMin?: number
  tier4PerMin?: number
  /** chat.postMessage: about one message per second per channel, with short bursts. */
  postMessagePerSecond?: number
  postMessageBurst?: number
}

export interface SlackTeam {
  id: string
  name: string
  domain: string
}

export interface SlackOptions {
  limits?: SlackLimits
  team?: Partial<SlackTeam>
  botUserId?: string
  botId?: string
  /** The bot token the emulator accepts (default `xoxb-onramp-sandbox`). */
  token?: string
  /** Scopes granted to the token; a method needing another answers `missing_scope`. */
  scopes?: string[]
}

export interface SlackChannelSeed {
  id?: string
  /** With or without the leading `#`. */
  name: string
  /** User ids; include the bot user id for channels the bot is already in. */
  members?: string[]
  is_private?: boolean
  is_archived?: boolean
}

export interface SlackUserSeed {
  id?: string
  email: string
  name: string
  real_name?: string
  deleted?: boolean
}

/** `seed()` input; every field optional. */
export interface SlackSeed {
  team?: Partial<SlackTeam> | string
  botUserId?: string
  token?: string
  channels?: SlackChannelSeed[]
  users?: SlackUserSeed[]
}

export interface SlackMessage {
  ts: string
  user: string
  text: string
  blocks?: unknown[]
  thread_ts?: string
  /** chat.postMessage `metadata`: returned by conversations.history only with include_all_metadata. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> }
}

interface Channel {
  id: string
  name: string
  created: number
  creator: string
  is_private: boolean
  is_archived: boolean
  members: Set<string>
  messages: SlackMessage[]
}

interface User {
  id: string
  email: string
  name: string
  real_name: string
  deleted: boolean
}

type Params = Record<string, string>
type Method = (p: Params) => Reply

export const SLACK_DEFAULT_LIMITS: Required<SlackLimits> = {
  enabled: true,
  tier2PerMin: 20,
  tier3PerMin: 50,
  tier4PerMin: 100,
  postMessagePerSecond: 1,
  postMessageBurst: 3,
}

export const SLACK_DEFAULT_SCOPES = [
  'chat:write',
  'channels:history',
  'groups:history',
  'channels:read',
  'channels:join',
  'channels:manage',
  'groups:read',
  'groups:write',
  'users:read',
  'users:read.email',
]

/** Tier and scope per method (docs.slack.dev/reference/methods/<method>). */
const METHODS: Record<string, { tier: 2 | 3 | 4 | 'post'; scope?: string; mutating: boolean }> = {
  // auth.test is listed as "special"; it is treated as Tier 4 here.
  'auth.test': { tier: 4, mutating: false },
  'chat.postMessage': { tier: 'post', scope: 'chat:write', mutating: true },
  'users.lookupByEmail': { tier: 3, scope: 'users:read.email', mutating: false },
  'conversations.list': { tier: 2, scope: 'channels:read', mutating: false },
  // The scope depends on the channel (channels:history or groups:history): checked in history().
  'conversations.history': { tier: 3, mutating: false },
  'conversations.info': { tier: 3, scope: 'channels:read', mutating: false },
  'conversations.invite': { tier: 3, scope: 'channels:manage', mutating: true },
  'conversations.kick': { tier: 3, scope: 'channels:manage', mutating: true },
  'conversations.members': { tier: 4, scope: 'channels:read', mutating: false },
  'conversations.join': { tier: 3, scope: 'channels:join', mutating: true },
}

const MAX_BLOCKS = 50
const MAX_INVITE_USERS = 1000

const fail = (error: string, extra: Record<string, unknown> = {}): Reply => ({
  status: 200,
  body: { ok: false, error, ...extra },
})
const ok = (body: Record<string, unknown>): Reply => ({ status: 200, body: { ok: true, ...body } })

export class SlackEmulator implements Emulator {
  readonly name = 'slack'
  readonly limits: Required<SlackLimits>
  team: SlackTeam
  botUserId: string
  readonly botId: string
  token: string
  scopes: string[]
  private channels = new Map<string, Channel>()
  private users = new Map<string, User>()
  private buckets = new Map<string, TokenBucket>()
  private lastTs = 0
  private ids = 0

  constructor(
    options: SlackOptions,
    private readonly kernel: Kernel,
  ) {
    this.limits = { ...SLACK_DEFAULT_LIMITS, enabled: false, ...options.limits }
    this.team = { id: 'T0ONRAMP01', name: 'onramp', domain: 'onramp-sandbox', ...options.team }
    this.botUserId = options.botUserId ?? 'U0ONRAMPBOT'
    this.botId = options.botId ?? 'B0ONRAMPBOT'
    this.token = options.token ?? 'xoxb-onramp-sandbox'
    this.scopes = options.scopes ?? [...SLACK_DEFAULT_SCOPES]
  }

  // ---- kernel interface ----

  route(req: SandboxRequest): RouteInfo | undefined {
    const m = /^\/api\/([A-Za-z0-9_.]+)$/.exec(req.path)
    if (!m || (req.method !== 'POST' && req.method !== 'GET')) return undefined
    const method = m[1]!
    return { id: `Slack ${method}`, mutating: METHODS[method]?.mutating ?? false, params: { method } }
  }

  handle(req: SandboxRequest, route: RouteInfo): Reply {
    const method = route.params.method!
    const spec = METHODS[method]
    // Slack answers an unknown method with HTTP 200 too.
    if (!spec) return fail('unknown_method', { req_method: method })

    let params: Params
    try {
      params = this.params(req)
    } catch {
      return fail('invalid_json')
    }
    const auth = req.headers.authorization
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : params.token
    if (!token) return fail('not_authed')
    if (token !== this.token) return fail('invalid_auth')
    if (spec.scope && !this.scopes.includes(spec.scope))
      return fail('missing_scope', { needed: spec.scope, provided: this.scopes.join(',') })

    const limited = this.takeLimit(method, spec.tier, params)
    if (limited) return limited

    const handlers: Record<string, Method> = {
      'auth.test': () => this.authTest(),
      'chat.postMessage': (p) => this.postMessage(p),
      'users.lookupByEmail': (p) => this.lookupByEmail(p),
      'conversations.list': (p) => this.list(p),
      'conversations.history': (p) => this.history(p),
      'conversations.info': (p) => this.info(p),
      'conversations.invite': (p) => this.invite(p),
      'conversations.kick': (p) => this.kick(p),
      'conversations.members': (p) => this.membersOf(p),
      'conversations.join': (p) => this.join(p),
    }
    return handlers[method]!(params)
  }

  errorReply(status: number, _message: string): Reply {
    if (status === 429) return { status, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }
    if (status === 404) return { status, body: { ok: false, error: 'unknown_method' } }
    if (status >= 500) return { status, body: { ok: false, error: 'fatal_error' } }
    return { status, body: { ok: false, error: 'invalid_request' } }
  }

  commonHeaders(route: RouteInfo | undefined): Record<string, string> {
    const spec = route ? METHODS[route.params.method ?? ''] : undefined
    const headers: Record<string, string> = {
      'x-slack-req-id': `sandbox-${this.kernel.clock.now().toString(36)}`,
      'x-oauth-scopes': this.scopes.join(','),
    }
    if (spec?.scope) headers['x-accepted-oauth-scopes'] = spec.scope
    return headers
  }

  state() {
    return {
      team: this.team,
      botUserId: this.botUserId,
      channels: [...this.channels.values()].map((c) => ({
        id: c.id,
        name: c.name,
        is_private: c.is_private,
        is_archived: c.is_archived,
        members: [...c.members],
        messages: c.messages,
      })),
      users: [...this.users.values()],
    }
  }

  snapshot(): () => void {
    const channels = new Map(
      [...this.channels].map(([id, c]) => [id, { ...c, members: new Set(c.members), messages: [...c.messages] }]),
    )
    const users = new Map([...this.users].map(([id, u]) => [id, { ...u }]))
    return () => {
      this.channels = channels
      this.users = users
    }
  }

  seed(data: SlackSeed): void {
    if (typeof data.team === 'string') this.team = { ...this.team, name: data.team }
    else if (data.team) this.team = { ...this.team, ...data.team }
    if (data.botUserId) this.botUserId = data.botUserId
    if (data.token) this.token = data.token
    for (const u of data.users ?? []) this.ensureUser(u)
    for (const c of data.channels ?? []) {
      const ch = this.channelFor(c.name, c)
      for (const m of c.members ?? []) ch.members.add(m)
    }
  }

  /**
   * Black-box controls: `POST /__sandbox/ensure-channel {name, members?, is_private?}`,
   * `POST /__sandbox/add-member {channel, user}`, `POST /__sandbox/archive {channel}`.
   */
  control(method: string, what: string, input: unknown): unknown {
    const i = (input ?? {}) as Record<string, unknown>
    if (method !== 'POST') return undefined
    if (what === 'ensure-channel') {
      const ch = this.channelFor(String(i.name), i as Omit<SlackChannelSeed, 'name'>)
      for (const m of (i.members as string[] | undefined) ?? []) ch.members.add(m)
      return { id: ch.id, name: ch.name }
    }
    if (what === 'add-member') {
      this.addMember(String(i.channel), String(i.user))
      return { ok: true }
    }
    if (what === 'archive') {
      this.archive(String(i.channel))
      return { ok: true }
    }
    return undefined
  }

  // ---- in-process helpers for tests and startSandbox ----

  /** The channel of that name (with or without `#`), created if missing; returns its id and name. */
  ensureChannel(name: string, opts: Omit<SlackChannelSeed, 'name'> = {}): { id: string; name: string } {
    const { id, name: bare } = this.channelFor(name, opts)
    return { id, name: bare }
  }

  private channelFor(name: string, opts: Omit<SlackChannelSeed, 'name'>): Channel {
    const bare = name.replace(/^#/, '')
    const existing = this.findByName(bare)
    if (existing) return existing
    const id = opts.id ?? `C${this.nextId()}`
    const channel: Channel = {
      id,
      name: bare,
      created: Math.floor(this.kernel.clock.now() / 1000),
      creator: this.botUserId,
      is_private: opts.is_private ?? false,
      is_archived: opts.is_archived ?? false,
      members: new Set(opts.members ?? []),
      messages: [],
    }
    this.channels.set(id, channel)
    return channel
  }

  ensureUser(u: SlackUserSeed): { id: string; email: string } {
    const email = u.email.toLowerCase()
    const existing = [...this.users.values()].find((x) => x.email === email)
    if (existing) return existing
    const user: User = {
      id: u.id ?? `U${this.nextId()}`,
      email,
      name: u.name,
      real_name: u.real_name ?? u.name,
      deleted: u.deleted ?? false,
    }
    this.users.set(user.id, user)
    return user
  }

  /** Messages posted to a channel (id, name or `#name`), oldest first. */
  messages(channel: string): SlackMessage[] {
    return this.resolve(channel)?.messages ?? []
  }

  members(channel: string): string[] {
    return [...(this.resolve(channel)?.members ?? [])]
  }

  addMember(channel: string, userId: string): void {
    this.require(channel).members.add(userId)
  }

  removeMember(channel: string, userId: string): void {
    this.require(channel).members.delete(userId)
  }

  archive(channel: string): void {
    this.require(channel).is_archived = true
  }

  // ---- methods ----

  private authTest(): Reply {
    return ok({
      url: `https://${this.team.domain}.slack.com/`,
      team: this.team.name,
      user: 'onramp',
      team_id: this.team.id,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    })
  }

  private postMessage(p: Params): Reply {
    const channel = this.visible(p.channel)
    if (!channel) return fail('channel_not_found')
    if (channel.is_archived) return fail('is_archived')
    if (!channel.members.has(this.botUserId)) return fail('not_in_channel')
    let blocks: unknown[] | undefined
    if (p.blocks !== undefined && p.blocks !== '') {
      const parsed = parseJson(p.blocks)
      if (!Array.isArray(parsed) || !parsed.every(isBlock)) return fail('invalid_blocks')
      if (parsed.length > MAX_BLOCKS) return fail('invalid_blocks')
      blocks = parsed
    }
    const text = p.text ?? ''
    if (text === '' && !blocks?.length) return fail('no_text')
    let metadata: SlackMessage['metadata']
    if (p.metadata !== undefined && p.metadata !== '') {
      const m = parseJson(p.metadata) as { event_type?: unknown; event_payload?: unknown } | undefined
      if (!m || typeof m !== 'object') return fail('invalid_metadata_format')
      if (typeof m.event_type !== 'string' || !/^[a-z0-9_]+$/.test(m.event_type)) return fail('invalid_metadata_schema')
      if (!m.event_payload || typeof m.event_payload !== 'object' || Array.isArray(m.event_payload))
        return fail('invalid_metadata_schema')
      metadata = { event_type: m.event_type, event_payload: m.event_payload as Record<string, unknown> }
    }
    const ts = this.nextTs()
    const message: SlackMessage = { ts, user: this.botUserId, text }
    if (blocks) message.blocks = blocks
    if (metadata) message.metadata = metadata
    if (p.thread_ts) message.thread_ts = p.thread_ts
    channel.messages.push(message)
    return ok({
      channel: channel.id,
      ts,
      message: {
        user: this.botUserId,
        type: 'message',
        ts,
        bot_id: this.botId,
        app_id: 'A0ONRAMP',
        text,
        team: this.team.id,
        ...(blocks ? { blocks } : {}),
        ...(p.thread_ts ? { thread_ts: p.thread_ts, parent_user_id: this.parentUser(channel, p.thread_ts) } : {}),
      },
    })
  }

  private lookupByEmail(p: Params): Reply {
    if (!p.email) return fail('invalid_arguments')
    const email = p.email.toLowerCase()
    const user = [...this.users.values()].find((u) => u.email === email)
    if (!user) return fail('users_not_found')
    return ok({ user: this.userView(user) })
  }

  private list(p: Params): Reply {
    const types = (p.types ?? 'public_channel').split(',').map((t) => t.trim())
    const excludeArchived = p.exclude_archived === 'true' || p.exclude_archived === '1'
    const limit = p.limit ? Number(p.limit) : 100
    if (!Number.isInteger(limit) || limit < 1) return fail('invalid_limit')
    const all = [...this.channels.values()]
      .filter((c) => types.includes(c.is_private ? 'private_channel' : 'public_channel'))
      .filter((c) => !(excludeArchived && c.is_archived))
      .filter((c) => !c.is_private || c.members.has(this.botUserId))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    let start = 0
    if (p.cursor) {
      const after = decodeCursor(p.cursor)
      if (after === undefined) return fail('invalid_cursor')
      start = all.findIndex((c) => c.id > after)
      if (start < 0) start = all.length
    }
    // Slack caps a page at 1,000 and may return fewer than asked.
    const page = all.slice(start, start + Math.min(limit, 1000))
    const more = start + page.length < all.length
    return ok({
      channels: page.map((c) => this.channelView(c)),
      response_metadata: { next_cursor: more ? encodeCursor(page.at(-1)!.id) : '' },
    })
  }

  /**
   * Newest first, `limit` (default 100, at most 999) per page with `has_more` and a cursor; `oldest`/`latest`
   * bound the time range. Message metadata is returned only with `include_all_metadata`.
   */
  private history(p: Params): Reply {
    const channel = this.visible(p.channel)
    if (!channel) return fail('channel_not_found')
    const scope = channel.is_private ? 'groups:history' : 'channels:history'
    if (!this.scopes.includes(scope)) return fail('missing_scope', { needed: scope, provided: this.scopes.join(',') })
    if (!channel.members.has(this.botUserId)) return fail('not_in_channel')
    const limit = p.limit ? Number(p.limit) : 100
    if (!Number.isInteger(limit) || limit < 1) return fail('invalid_limit')
    const inclusive = p.inclusive === 'true' || p.inclusive === '1'
    const oldest = p.oldest ? Number(p.oldest) : undefined
    const latest = p.latest ? Number(p.latest) : undefined
    const withMetadata = p.include_all_metadata === 'true' || p.include_all_metadata === '1'
    const inRange = (ts: number) =>
      (oldest === undefined || (inclusive ? ts >= oldest : ts > oldest)) &&
      (latest === undefined || (inclusive ? ts <= latest : ts < latest))
    const all = [...channel.messages].filter((m) => inRange(Number(m.ts))).sort((a, b) => (a.ts < b.ts ? 1 : -1))
    let start = 0
    if (p.cursor) {
      const before = decodeCursor(p.cursor, 'message')
      if (before === undefined) return fail('invalid_cursor')
      start = all.findIndex((m) => m.ts < before)
      if (start < 0) start = all.length
    }
    const page = all.slice(start, start + Math.min(limit, 999))
    const more = start + page.length < all.length
    return ok({
      messages: page.map(({ metadata, ...m }) => ({
        type: 'message',
        ...m,
        ...(m.user === this.botUserId ? { bot_id: this.botId, app_id: 'A0ONRAMP' } : {}),
        ...(metadata && withMetadata ? { metadata } : {}),
      })),
      has_more: more,
      pin_count: 0,
      response_metadata: { next_cursor: more ? encodeCursor(page.at(-1)!.ts, 'message') : '' },
    })
  }

  private info(p: Params): Reply {
    const channel = this.visible(p.channel)
    if (!channel) return fail('channel_not_found')
    return ok({ channel: this.channelView(channel) })
  }

  private invite(p: Params): Reply {
    const channel = this.visible(p.channel)
    if (!channel) return fail('channel_not_found')
    const ids = (p.users ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean)
    if (ids.length === 0) return fail('no_user')
    if (ids.length > MAX_INVITE_USERS) return fail('too_many_users')
    if (channel.is_archived) return fail('is_archived')
    if (!channel.members.has(this.botUserId)) return fail('not_in_channel')
    const errors: { user: string; ok: false; error: string }[] = []
    const valid: string[] = []
    for (const id of ids) {
      const user = this.users.get(id)
      const error =
        id === this.botUserId
          ? 'cant_invite_self'
          : !user || user.deleted
            ? 'user_not_found'
            : channel.members.has(id)
              ? 'already_in_channel'
              : undefined
      if (error) errors.push({ user: id, ok: false, error })
      else valid.push(id)
    }
    const force = p.force === 'true' || p.force === '1'
    if (errors.length && (!force || valid.length === 0)) return fail(errors[0]!.error, { errors })
    for (const id of valid) channel.members.add(id)
    return ok({ channel: this.channelView(channel), ...(errors.length ? { errors } : {}) })
  }

  /** One user out; the documented refusals (docs.slack.dev/reference/methods/conversations.kick). */
  private kick(p: Params): Reply {
    const channel = this.visible(p.channel)
    if (!channel) return fail('channel_not_found')
    if (!p.user) return fail('user_not_found')
    if (p.user === this.botUserId) return fail('cant_kick_self')
    if (channel.name === 'general') return fail('cant_kick_from_general')
    if (channel.is_archived) return fail('is_archived')
    if (!channel.members.has(this.botUserId)) return fail('not_in_channel')
    if (!this.users.has(p.user)) return fail('user_not_found')
    if (!channel.members.has(p.user)) return fail('not_in_channel')
    channel.members.delete(p.user)
    return ok({})
  }

  /** Member ids, `limit` (default 100, at most 1000) a page, with a cursor. */
  private membersOf(p: Params): Reply {
    const channel = this.visible(p.channel)
    if (!channel) return fail('channel_not_found')
    const limit = p.limit ? Number(p.limit) : 100
    if (!Number.isInteger(limit) || limit < 1) return fail('invalid_limit')
    const all = [...channel.members].sort()
    let start = 0
    if (p.cursor) {
      const after = decodeCursor(p.cursor, 'user')
      if (after === undefined) return fail('invalid_cursor')
      start = all.findIndex((u) => u > after)
      if (start < 0) start = all.length
    }
    const page = all.slice(start, start + Math.min(limit, 1000))
    const more = start + page.length < all.length
    return ok({ members: page, response_metadata: { next_cursor: more ? encodeCursor(page.at(-1)!, 'user') : '' } })
  }

  private join(p: Params): Reply {
    const channel = p.channel ? this.resolve(p.channel) : undefined
    if (!channel) return fail('channel_not_found')
    if (channel.is_private) return fail('method_not_supported_for_channel_type')
    if (channel.is_archived) return fail('is_archived')
    if (channel.members.has(this.botUserId)) {
      return ok({
        channel: this.channelView(channel),
        warning: 'already_in_channel',
        response_metadata: { warnings: ['already_in_channel'] },
      })
    }
    channel.members.add(this.botUserId)
    return ok({ channel: this.channelView(channel) })
  }

  // ---- internals ----

  private params(req: SandboxRequest): Params {
    const out: Params = {}
    for (const [k, v] of req.url.searchParams) out[k] = v
    const type = String(req.headers['content-type'] ?? '')
    if (type.includes('application/json')) {
      const body = req.json() as Record<string, unknown> | undefined
      for (const [k, v] of Object.entries(body ?? {})) {
        if (v === undefined || v === null) continue
        out[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)
      }
    } else {
      for (const [k, v] of req.form()) out[k] = v
    }
    return out
  }

  private takeLimit(method: string, tier: 2 | 3 | 4 | 'post', p: Params): Reply | undefined {
    if (!this.limits.enabled) return undefined
    let key = method
    let bucket: TokenBucket | undefined
    if (tier === 'post') {
      const channel = p.channel ? this.resolve(p.channel) : undefined
      if (!channel) return undefined
      key = `${method}:${channel.id}`
      bucket = this.buckets.get(key)
      if (!bucket) {
        const burst = this.limits.postMessageBurst
        bucket = new TokenBucket(burst, (burst * 1000) / this.limits.postMessagePerSecond, this.kernel.clock)
      }
    } else {
      bucket = this.buckets.get(key)
      if (!bucket) {
        const perMin = { 2: this.limits.tier2PerMin, 3: this.limits.tier3PerMin, 4: this.limits.tier4PerMin }[tier]
        bucket = new TokenBucket(perMin, 60_000, this.kernel.clock)
      }
    }
    this.buckets.set(key, bucket)
    const take = bucket.take()
    if (take.ok) return undefined
    // Retry-After is whole seconds of sandbox time (an action on the sandbox's time scale waits them scaled).
    const seconds = Math.max(1, Math.ceil(take.retryAfterMs / 1000))
    return {
      status: 429,
      headers: { 'retry-after': String(seconds) },
      body: { ok: false, error: 'ratelimited' },
      limited: true,
    }
  }

  /** A private channel the bot is not in does not exist as far as the bot can tell. */
  private visible(ref: string | undefined): Channel | undefined {
    const c = ref ? this.resolve(ref) : undefined
    return c && (!c.is_private || c.members.has(this.botUserId)) ? c : undefined
  }

  private resolve(ref: string): Channel | undefined {
    const byId = this.channels.get(ref)
    if (byId) return byId
    return this.findByName(ref.replace(/^#/, ''))
  }

  private require(ref: string): Channel {
    const c = this.resolve(ref)
    if (!c) throw new Error(`slack sandbox: no channel ${ref}`)
    return c
  }

  private findByName(name: string): Channel | undefined {
    for (const c of this.channels.values()) if (c.name === name) return c
    return undefined
  }

  private parentUser(channel: Channel, threadTs: string): string {
    return channel.messages.find((m) => m.ts === threadTs)?.user ?? this.botUserId
  }

  private nextId(): string {
    this.ids += 1
    return `0SBX${this.ids.toString(36).toUpperCase().padStart(5, '0')}`
  }

  /** Message timestamps: epoch seconds with six digits, unique and increasing per workspace. */
  private nextTs(): string {
    const micros = Math.max(this.kernel.clock.now() * 1000, this.lastTs + 1)
    this.lastTs = micros
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`
  }

  private channelView(c: Channel) {
    return {
      id: c.id,
      name: c.name,
      is_channel: !c.is_private,
      is_group: c.is_private,
      is_im: false,
      is_mpim: false,
      is_private: c.is_private,
      created: c.created,
      is_archived: c.is_archived,
      is_general: c.name === 'general',
      unlinked: 0,
      name_normalized: c.name,
      is_shared: false,
      is_org_shared: false,
      is_ext_shared: false,
      is_pending_ext_shared: false,
      is_member: c.members.has(this.botUserId),
      creator: c.creator,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      num_members: c.members.size,
    }
  }

  private userView(u: User) {
    return {
      id: u.id,
      team_id: this.team.id,
      name: u.name,
      deleted: u.deleted,
      real_name: u.real_name,
      is_admin: false,
      is_owner: false,
      is_bot: false,
      is_app_user: false,
      updated: Math.floor(this.kernel.clock.now() / 1000),
      profile: {
        real_name: u.real_name,
        display_name: u.name,
        email: u.email,
        team: this.team.id,
      },
    }
  }
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

function isBlock(b: unknown): boolean {
  return typeof b === 'object' && b !== null && typeof (b as { type?: unknown }).type === 'string'
}

function encodeCursor(last: string, kind = 'channel'): string {
  return Buffer.from(`${kind}:${last}`).toString('base64')
}

function decodeCursor(cursor: string, kind = 'channel'): string | undefined {
  const s = Buffer.from(cursor, 'base64').toString('utf8')
  return s.startsWith(`${kind}:`) ? s.slice(kind.length + 1) : undefined
}
