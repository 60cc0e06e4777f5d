// One rate budget per system and token, shared by every client a process creates for them: requests draw from
// token buckets sized from the service's documented limits (bursts up to the limit, then the refill rate) and
// from the quota the service's own headers report, so the sum stays under each limit before the service
// refuses. Waits go through the injectable Clock, so a test clock or the sandbox's scaled clock controls time.
// Retrying a refusal stays with the one retry policy (retry.ts) and the SDK clients configured from it.

import { createHash } from 'node:crypto'
import { type Clock, RESET_MARGIN_MS, serverWaitMs, systemClock } from './retry.js'

/**
 * `capacity` tokens when full, refilled continuously at `capacity` per `periodMs`. Takers are served in order:
 * a large take is not starved by small ones behind it.
 */
export class TokenBucket {
  private tokens: number
  private last: number
  private queue: Promise<void> = Promise.resolve()
  constructor(
    private size: number,
    readonly periodMs: number,
    private readonly clock: Clock = systemClock,
    /** Tokens at the start (default full): 0 for a process that cannot know what others spent just before. */
    initial?: number,
  ) {
    this.tokens = initial ?? size
    this.last = clock.now()
  }

  private refill(): void {
    const now = this.clock.now()
    this.tokens = Math.min(this.size, this.tokens + ((now - this.last) * this.size) / this.periodMs)
    this.last = now
  }

  get capacity(): number {
    return this.size
  }

  /** A new capacity (and so refill rate) from now on; tokens above it are dropped. */
  resize(capacity: number): void {
    if (capacity === this.size) return
    this.refill()
    this.size = capacity
    this.tokens = Math.min(this.tokens, capacity)
  }

  /** Tokens available now (fractional while refilling). */
  available(): number {
    this.refill()
    return this.tokens
  }

  /** Resolves once `cost` tokens are taken, after waiting for the refill when there are too few. */
  take(cost = 1): Promise<void> {
    const need = Math.min(cost, this.size)
    const turn = this.queue.then(async () => {
      for (;;) {
        this.refill()
        // The epsilon absorbs floating-point dust: 0.3 + 0.7 of a token is a whole token.
        if (this.tokens >= need - 1e-9) {
          this.tokens -= need
          return
        }
        await this.clock.sleep(Math.ceil(((need - this.tokens) * this.periodMs) / this.size - 1e-6))
      }
    })
    this.queue = turn.catch(() => {})
    return turn
  }

  /** What the bucket holds now, and when: for another process to go on from (resume). */
  state(): CarriedBucket {
    this.refill()
    return { tokens: this.tokens, at: this.last }
  }

  /** Goes on from what another process's bucket held then, refilled since (at most the capacity). */
  resume(from: CarriedBucket): void {
    this.refill()
    const since = Math.max(0, this.last - from.at)
    this.tokens = Math.min(this.size, from.tokens + (since * this.size) / this.periodMs)
  }

  /** The service said "nothing until then": empty the bucket so takers wait at least `ms`. */
  drain(ms: number): void {
    this.refill()
    this.tokens = Math.min(this.tokens, -(ms * this.size) / this.periodMs)
  }
}

/** A bucket as a process left it: its tokens at `at` (epoch ms). */
export interface CarriedBucket {
  tokens: number
  at: number
}

/** Header names of a quota the service reports with every answer. */
export interface QuotaHeaders {
  remaining: string
  /** Epoch seconds when the quota is whole again. */
  reset: string
}

export const GITHUB_QUOTA_HEADERS: QuotaHeaders = { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' }
export const OKTA_QUOTA_HEADERS: QuotaHeaders = { remaining: 'x-rate-limit-remaining', reset: 'x-rate-limit-reset' }

type HeaderBag = Headers | Record<string, string | string[] | number | undefined>

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const bag = headers as Record<string, unknown>
  const v = bag[name] ?? Object.entries(bag).find(([k]) => k.toLowerCase() === name)?.[1]
  const first = Array.isArray(v) ? v[0] : v
  return first === undefined ? undefined : String(first).trim()
}

/**
 * A quota known only from the service's headers (GitHub's primary limit, Okta's per-endpoint limits): each answer
 * says how many calls remain until the reset; when none remain, the next call waits for the reset instead of
 * being refused. Calls in flight are counted against what the last answer said.
 */
export class ServerQuota {
  private remaining: number | undefined
  private resetAt = 0
  constructor(
    private readonly names: QuotaHeaders,
    private readonly clock: Clock = systemClock,
  ) {}

  async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      if (this.remaining === undefined || this.remaining > 0) {
        if (this.remaining !== undefined) this.remaining--
        return
      }
      if (now >= this.resetAt) {
        this.remaining = undefined
        return
      }
      await this.clock.sleep(this.resetAt - now)
    }
  }

  /** Learns the quota from an answer; answers without the headers teach nothing. */
  observe(headers: HeaderBag): void {
    const remaining = Number(header(headers, this.names.remaining))
    const reset = Number(header(headers, this.names.reset))
    if (!header(headers, this.names.remaining) || !Number.isFinite(remaining) || !Number.isFinite(reset)) return
    // Measured against the server's Date, so a skewed runner clock neither waits an hour nor calls early.
    const now = this.clock.now()
    const serverNow = Date.parse(header(headers, 'date') ?? '')
    const resetAt = now + reset * 1000 - (Number.isNaN(serverNow) ? now : serverNow) + RESET_MARGIN_MS
    this.remaining = remaining
    this.resetAt = resetAt
  }
}

/** What a client asks before each attempt and tells after each answer. */
export interface RequestBudget {
  /**
   * Resolves when the request may go out. `scope` narrows the budget: a Slack channel; for GitHub's GraphQL
   * endpoint, GRAPHQL_MUTATION for a mutation.
   */
  before(method: string, url: string, scope?: string): Promise<void>
  after(method: string, url: string, status: number, headers: HeaderBag): void
  /**
   * Takes now what the next `writes` content-creating requests will cost, so they then go out back to back: a
   * ledger commit's tree, commit and ref, whose window for another job's commit must stay short.
   */
  prepay?(writes: number): Promise<void>
  /**
   * The content share's bucket (githubBudget with a ContentShare), handed from one process of a group to the next:
   * the jobs that follow one another in a concurrency group then pace as one process would.
   */
  carry?: { save(): CarriedBucket; resume(from: CarriedBucket): void }
}

/** Each client's budget, for prepayWrites (the client factories register theirs). */
export const budgetOfClient = new WeakMap<object, RequestBudget>()

/** Pays a client's budget now for its next `writes` content-creating requests (RequestBudget.prepay). */
export async function prepayWrites(client: object, writes: number): Promise<void> {
  await budgetOfClient.get(client)?.prepay?.(writes)
}

// Process-wide: every client created for the same system, endpoint and token shares one budget.
const budgets = new Map<string, RequestBudget>()

function getOrMake<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}

/** The budget for this key, made on first use. The token is hashed: the registry never holds a secret. */
export function sharedBudget(
  system: string,
  baseUrl: string,
  token: string | undefined,
  make: () => RequestBudget,
): RequestBudget {
  const id = createHash('sha256')
    .update(token ?? '')
    .digest('hex')
    .slice(0, 16)
  const key = `${system} ${baseUrl.replace(/\/+$/, '')} ${id}`
  return getOrMake(budgets, key, make)
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * GitHub's documented limits for one token (docs.github.com, "Rate limits for the REST API"): secondary limits of
 * 900 points a minute for REST (a read costs 1 point, a write 5), 80 content-creating requests a minute and 500
 * an hour, 30 searches a minute; the primary limit by the token's own `x-ratelimit-remaining`/`reset`, per
 * resource (core, search, graphql). The org's invitation cap is a daily count kept by grant-github, not a rate.
 */
export interface GithubLimits {
  pointsPerMinute: number
  readPoints: number
  writePoints: number
  contentPerMinute: number
  contentPerHour: number
  searchPerMinute: number
}

export const GITHUB_LIMITS: Readonly<GithubLimits> = {
  pointsPerMinute: 900,
  readPoints: 1,
  writePoints: 5,
  contentPerMinute: 80,
  contentPerHour: 500,
  searchPerMinute: 30,
}

/**
 * The fraction of GitHub's content-creating requests a minute a process may spend while other processes spend
 * the rest at the same time (an HR drain's four system jobs, each writing the ledger). It may change while the
 * process runs: a drain's share follows the work pending for each step (converge.ts setDrainShares).
 */
export class ContentShare {
  constructor(
    /** Tells apart the budgets of one token in one process (the ledger's, grant-github's invitations). */
    readonly name: string,
    public fraction: number,
  ) {}
}

/** Content-creating requests of one ledger commit: one GraphQL createCommitOnBranch (ledger github.ts). */
export const LEDGER_COMMIT_WRITES = 1

/**
 * With `contentShare`, the content bucket holds that share of the minute, so the processes' sum stays under the
 * limit; it never holds less than one commit. It starts with one ledger commit's worth, or, once the process
 * learns it (`carry.resume`), with what the previous process of its group left, refilled since.
 */
export function githubBudget(
  clock: Clock = systemClock,
  limits: GithubLimits = GITHUB_LIMITS,
  contentShare?: ContentShare,
): RequestBudget {
  const points = new TokenBucket(limits.pointsPerMinute, MINUTE, clock)
  const shareOfMinute = () =>
    Math.max(LEDGER_COMMIT_WRITES, Math.floor(limits.contentPerMinute * contentShare!.fraction))
  const contentMinute = contentShare
    ? new TokenBucket(shareOfMinute(), MINUTE, clock, LEDGER_COMMIT_WRITES)
    : new TokenBucket(limits.contentPerMinute, MINUTE, clock)
  const contentHour = new TokenBucket(limits.contentPerHour, HOUR, clock)
  const search = new TokenBucket(limits.searchPerMinute, MINUTE, clock)
  const quotas = new Map<string, ServerQuota>()
  const resource = (url: string) => {
    const path = new URL(url, 'http://github.invalid').pathname
    return /\/graphql$/.test(path) ? 'graphql' : /\/search\//.test(path) ? 'search' : 'core'
  }
  const quota = (name: string) => getOrMake(quotas, name, () => new ServerQuota(GITHUB_QUOTA_HEADERS, clock))
  const content = async (n: number) => {
    if (contentShare) contentMinute.resize(shareOfMinute())
    await contentMinute.take(n)
    await contentHour.take(n)
  }
  // Content-creating requests already paid for (prepay): they spend no more content tokens.
  let prepaid = 0
  let resumed = false
  return {
    carry: contentShare && {
      save: () => contentMinute.state(),
      // Once, before anything is spent: what the group's last job left is the truth about its share.
      resume(from) {
        if (resumed || !Number.isFinite(from.tokens) || !Number.isFinite(from.at)) return
        resumed = true
        contentMinute.resume(from)
      },
    },
    async prepay(writes) {
      await content(writes)
      prepaid += writes
    },
    async before(method, url, scope) {
      const kind = resource(url)
      const write = kind === 'graphql' ? scope === GRAPHQL_MUTATION : !READS.has(method.toUpperCase())
      await quota(kind).take()
      // GraphQL has its own points (2,000 a minute): the REST points bucket does not apply.
      if (kind === 'search') await search.take()
      if (kind !== 'graphql') await points.take(write ? limits.writePoints : limits.readPoints)
      // A DELETE removes content: it costs a write's points but creates nothing. A GraphQL mutation creates content.
      if (write && method.toUpperCase() !== 'DELETE') {
        if (prepaid > 0) prepaid--
        else await content(1)
      }
    },
    after(_method, url, status, headers) {
      const named = header(headers, 'x-ratelimit-resource')
      quota(named ?? resource(url)).observe(headers)
      // A secondary limit hit anyway (another process on the token): everything here holds off for Retry-After.
      const retryAfter = header(headers, 'retry-after')
      if ((status === 403 || status === 429) && retryAfter) {
        const wait = serverWaitMs({ 'retry-after': retryAfter }, clock.now())
        if (wait) points.drain(wait)
      }
    },
  }
}

/**
 * Slack's documented limits for one token (api.slack.com/apis/rate-limits): each Web API method has a tier, a
 * per-minute allowance per workspace with bursts tolerated; chat.postMessage allows about one message a second
 * per channel. Methods onramp calls are listed; any other is held to Tier 2.
 */
export const SLACK_TIERS: Record<string, number> = {
  'conversations.list': 20,
  'conversations.history': 50,
  'conversations.invite': 50,
  'conversations.kick': 50,
  'conversations.members': 100,
  'users.lookupByEmail': 50,
  'users.info': 100,
  'auth.test': 100,
}
export const SLACK_DEFAULT_PER_MINUTE = 20
export const SLACK_POSTS_PER_SECOND_PER_CHANNEL = 1

export function slackBudget(clock: Clock = systemClock, tiers = SLACK_TIERS): RequestBudget {
  const buckets = new Map<string, TokenBucket>()
  const bucket = (key: string, capacity: number, periodMs: number) =>
    getOrMake(buckets, key, () => new TokenBucket(capacity, periodMs, clock))
  return {
    async before(method, _url, channel) {
      if (method === 'chat.postMessage') {
        await bucket(`post ${channel ?? ''}`, SLACK_POSTS_PER_SECOND_PER_CHANNEL, 1000).take()
        return
      }
      await bucket(method, tiers[method] ?? SLACK_DEFAULT_PER_MINUTE, MINUTE).take()
    },
    after() {},
  }
}

/**
 * Okta reports each endpoint's limit with every answer (X-Rate-Limit-Limit/-Remaining/-Reset): calls to an
 * endpoint wait for its reset once its answers say none remain, rather than waiting for a 429. Endpoints are
 * told apart by method class and path with ids (and logins) left out (`GET /api/v1/users/{id}`).
 */
export function headerBudget(names: QuotaHeaders, clock: Clock = systemClock): RequestBudget {
  const quotas = new Map<string, ServerQuota>()
  const endpoint = (method: string, url: string) => {
    const path = new URL(url, 'http://service.invalid').pathname
    const template = path
      .split('/')
      .map((part, i) => (i === 4 || (i > 4 && /\d/.test(part)) ? '{id}' : part))
      .join('/')
    return `${READS.has(method.toUpperCase()) ? 'GET' : 'WRITE'} ${template}`
  }
  const quota = (key: string) => getOrMake(quotas, key, () => new ServerQuota(names, clock))
  return {
    async before(method, url) {
      await quota(endpoint(method, url)).take()
    },
    after(method, url, _status, headers) {
      quota(endpoint(method, url)).observe(headers)
    },
  }
}

/** The scope a GraphQL request is given in RequestBudget.before when it is a mutation (it creates content). */
export const GRAPHQL_MUTATION = 'mutation'

/** Wraps fetch so every attempt, retries included, draws from the budget and teaches it the answer's headers. */
export function budgetedFetch(budget: RequestBudget, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
    await budget.before(method, url, graphqlMutation(url, init?.body) ? GRAPHQL_MUTATION : undefined)
    const res = await inner(input, init)
    budget.after(method, url, res.status, res.headers)
    return res
  }
}

/** Whether a request to a GraphQL endpoint carries a mutation (onramp's own documents start with the keyword). */
function graphqlMutation(url: string, body: unknown): boolean {
  if (typeof body !== 'string' || !/\/graphql$/.test(new URL(url, 'http://github.invalid').pathname)) return false
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query
    return typeof query === 'string' && /^\s*mutation\b/.test(query)
  } catch {
    return false
  }
}
