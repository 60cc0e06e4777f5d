// Okta Users and Groups API emulator: the calls onramp makes to the identity provider (users, lifecycle,
// sessions, group membership), with Okta's error model, rate-limit headers, per-minute limits per
// endpoint family and the org-wide concurrency limit. Facts: docs/reference/external-apis.md §4 and the
// official OpenAPI description (okta-management.yaml), which the contract tests validate every exchange against.
import { randomBytes } from 'node:crypto'
import {
  ConcurrencyGate,
  type Emulator,
  type Kernel,
  type Reply,
  type RouteInfo,
  Router,
  type SandboxRequest,
  snapshotFields,
  type Take,
  TokenBucket,
} from '../kernel/index.js'
import { comparisons, type Expr, evaluate, FilterSyntaxError, parseFilter } from './okta-filter.js'
import { OktaAuthorizationServer, type OktaOAuthClient } from './okta-oauth.js'

export type { OktaOAuthClient } from './okta-oauth.js'

export type OktaUserStatus =
  | 'STAGED'
  | 'PROVISIONED'
  | 'ACTIVE'
  | 'RECOVERY'
  | 'PASSWORD_EXPIRED'
  | 'LOCKED_OUT'
  | 'SUSPENDED'
  | 'DEPROVISIONED'

const STATUSES: OktaUserStatus[] = [
  'STAGED',
  'PROVISIONED',
  'ACTIVE',
  'RECOVERY',
  'PASSWORD_EXPIRED',
  'LOCKED_OUT',
  'SUSPENDED',
  'DEPROVISIONED',
]

/** The profile fields onramp uses; any other string attribute is kept as given. */
export interface OktaProfile {
  login: string
  email: string
  firstName?: string | null
  lastName?: string | null
  employeeNumber?: string
  displayName?: string | null
  manager?: string | null
  managerId?: string | null
  [attr: string]: unknown
}

/** Endpoint families that share one per-minute bucket (developer.okta.com "Management rate limits"). */
export type OktaFamily = 'users' | 'userById' | 'userWrite' | 'groups' | 'groupById'

export interface OktaLimits {
  enabled: boolean
  /** Requests per minute per family; defaults are the Workforce Identity / Enterprise column. */
  perMinute?: Partial<Record<OktaFamily, number>>
  /** Requests in flight at once for the org. */
  concurrency?: number
}

export const OKTA_DEFAULT_LIMITS: Required<Omit<OktaLimits, 'enabled'>> & { perMinute: Record<OktaFamily, number> } = {
  // GET|POST /api/v1/users 600; GET /api/v1/users/{id} 2000; POST|PUT|DELETE /api/v1/users/{id} 600;
  // /api/v1/groups 500; /api/v1/groups/{id} 1000.
  perMinute: { users: 600, userById: 2000, userWrite: 600, groups: 500, groupById: 1000 },
  concurrency: 75,
}

export type OktaLifecycleOp = 'activate' | 'deactivate' | 'suspend' | 'unsuspend'

export interface OktaOptions {
  /** API tokens accepted as `Authorization: SSWS <token>`; default `['sandbox-okta-token']`. */
  tokens?: string[]
  /**
   * Service apps that get access tokens at `POST /oauth2/v1/token` (client credentials, private key JWT);
   * their tokens are accepted as `Authorization: Bearer <token>`, scope by scope.
   */
  clients?: OktaOAuthClient[]
  /** Lifetime of an issued access token; default 3600 (Okta's). */
  accessTokenTtlSeconds?: number
  limits?: OktaLimits
  /**
   * Asynchronous deactivation: for this many sandbox ms after a deactivate (or a first delete) the user
   * keeps its previous status with `transitioningToStatus: "DEPROVISIONED"`, then settles. Default 0.
   */
  deactivateDelayMs?: number
  /** `search` reads an eventually consistent index: changes become visible this many sandbox ms later. */
  searchLagMs?: number
  /**
   * A user created or activated without a password is PROVISIONED, as in Okta (developer.okta.com Users API,
   * "User creation scenarios"): the activation email is sent and the user is ACTIVE only once they set a
   * password. Default true; false models an org where activation completes without one (ACTIVE at once).
   */
  provisionedWithoutPassword?: boolean
  /** Real ms each request spends inside the emulator, holding a concurrency slot (for concurrency tests). */
  serviceTimeMs?: number
}

/** Seed shape: groups by name, users with their status, profile and group names. */
export interface OktaSeed {
  groups?: { id?: string; name: string; description?: string }[]
  users?: { id?: string; status?: OktaUserStatus; profile: OktaProfile; groupNames?: string[]; password?: boolean }[]
}

interface UserRec {
  id: string
  status: OktaUserStatus
  transitioningToStatus: 'ACTIVE' | 'DEPROVISIONED' | 'PROVISIONED' | null
  settle?: { at: number; to: OktaUserStatus }
  created: number
  activated: number | null
  statusChanged: number | null
  lastUpdated: number
  passwordChanged: number | null
  profile: OktaProfile
  hasPassword: boolean
  /** What `search` sees: snapshots with the sandbox time they become visible. */
  index: { at: number; status: OktaUserStatus; profile: OktaProfile; lastUpdated: number }[]
}

interface GroupRec {
  id: string
  name: string
  description: string | null
  created: number
  lastUpdated: number
  lastMembershipUpdated: number
  members: string[]
}

export interface OktaSessionRevocation {
  userId: string
  oauthTokens: boolean
  forgetDevices: boolean
  at: string
}

interface OktaError {
  status: number
  errorCode: string
  errorSummary: string
  causes?: string[]
  headers?: Record<string, string>
}

const USER_NOT_FOUND = (id: string): OktaError => ({
  status: 404,
  errorCode: 'E0000007',
  errorSummary: `Not found: Resource not found: ${id} (User)`,
})
const GROUP_NOT_FOUND = (id: string): OktaError => ({
  status: 404,
  errorCode: 'E0000007',
  errorSummary: `Not found: Resource not found: ${id} (UserGroup)`,
})
const INVALID_SEARCH: OktaError = { status: 400, errorCode: 'E0000031', errorSummary: 'Invalid search criteria.' }
const RATE_LIMITED = 'API call exceeded rate limit due to too many requests.'
const TOKEN_PATH = '/oauth2/v1/token'

type Handler = (req: SandboxRequest, params: Record<string, string>) => Reply

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
const REQUIRED_PROFILE = ['login', 'email', 'firstName', 'lastName'] as const
const EMAILISH = /^[^\s@]+@[^\s@]+$/
const FILTER_ATTRS = new Set([
  'status',
  'lastUpdated',
  'id',
  'profile.login',
  'profile.email',
  'profile.firstName',
  'profile.lastName',
])

export class OktaEmulator implements Emulator {
  readonly name = 'okta'
  private readonly router = new Router<Handler>()
  private readonly users = new Map<string, UserRec>()
  private readonly groups = new Map<string, GroupRec>()
  private readonly revocations: OktaSessionRevocation[] = []
  /** Activation emails Okta sent (a PROVISIONED user's link to set a password). */
  private readonly activationEmails: { userId: string; at: string }[] = []
  private readonly buckets: Record<OktaFamily, TokenBucket>
  private readonly gate: ConcurrencyGate
  private readonly tokens: Set<string>
  /** The org authorization server: access tokens for service apps. */
  readonly oauth: OktaAuthorizationServer
  private readonly lies: { op: OktaLifecycleOp; times: number }[] = []
  private seq = 0
  /** The org URL as clients reach it, taken from the last request's Host. */
  private base = 'http://127.0.0.1'

  constructor(
    readonly options: OktaOptions,
    private readonly kernel: Kernel,
  ) {
    this.tokens = new Set(options.tokens ?? ['sandbox-okta-token'])
    this.oauth = new OktaAuthorizationServer(
      options.clients ?? [],
      () => kernel.clock.now(),
      options.accessTokenTtlSeconds,
    )
    const enabled = options.limits?.enabled ?? false
    const per = { ...OKTA_DEFAULT_LIMITS.perMinute, ...options.limits?.perMinute }
    const bucket = (n: number) => new TokenBucket(n, 60_000, kernel.clock, 'window', enabled)
    this.buckets = {
      users: bucket(per.users),
      userById: bucket(per.userById),
      userWrite: bucket(per.userWrite),
      groups: bucket(per.groups),
      groupById: bucket(per.groupById),
    }
    this.gate = new ConcurrencyGate(options.limits?.concurrency ?? OKTA_DEFAULT_LIMITS.concurrency, enabled)

    const U = '/api/v1/users/{userId}'
    this.router
      // Issues tokens; changes nothing in the org, so a rerun that fetches one still makes no changing call.
      .on('POST', TOKEN_PATH, (r) => this.oauth.token(r, `${this.base}${TOKEN_PATH}`), { mutating: false })
      .on('GET', '/api/v1/users', (r) => this.listUsers(r))
      .on('POST', '/api/v1/users', (r) => this.createUser(r))
      .on('GET', U, (_r, p) => this.getUser(p.userId!))
      .on('POST', U, (r, p) => this.updateUser(r, p.userId!, false))
      .on('PUT', U, (r, p) => this.updateUser(r, p.userId!, true))
      .on('DELETE', U, (r, p) => this.deleteUser(r, p.userId!))
      .on('GET', `${U}/groups`, (r, p) => this.userGroups(r, p.userId!))
      .on('POST', `${U}/lifecycle/activate`, (r, p) => this.lifecycle(r, p.userId!, 'activate'))
      .on('POST', `${U}/lifecycle/deactivate`, (r, p) => this.lifecycle(r, p.userId!, 'deactivate'))
      .on('POST', `${U}/lifecycle/suspend`, (r, p) => this.lifecycle(r, p.userId!, 'suspend'))
      .on('POST', `${U}/lifecycle/unsuspend`, (r, p) => this.lifecycle(r, p.userId!, 'unsuspend'))
      .on('DELETE', `${U}/sessions`, (r, p) => this.revokeSessions(r, p.userId!))
      .on('GET', '/api/v1/groups', (r) => this.listGroups(r))
      .on('POST', '/api/v1/groups', (r) => this.createGroup(r))
      .on('GET', '/api/v1/groups/{groupId}', (r, p) => this.getGroup(r, p.groupId!))
      .on('GET', '/api/v1/groups/{groupId}/users', (r, p) => this.groupUsers(r, p.groupId!))
      .on('PUT', '/api/v1/groups/{groupId}/users/{userId}', (_r, p) => this.membership(p.groupId!, p.userId!, true))
      .on('DELETE', '/api/v1/groups/{groupId}/users/{userId}', (_r, p) => this.membership(p.groupId!, p.userId!, false))
  }

  /** The operations served, as `METHOD /path/{param}` (the trimmed OpenAPI copy must hold each). */
  routeIds(): string[] {
    return this.router.ids()
  }

  // ---- Emulator ----

  route(req: SandboxRequest): RouteInfo | undefined {
    const r = this.router.match(req.method, req.path)
    return r && { id: r.id, mutating: r.mutating, params: r.params }
  }

  async handle(req: SandboxRequest, route: RouteInfo): Promise<Reply> {
    const family = familyOf(route.id)
    this.base = baseUrl(req)
    if (route.id === `POST ${TOKEN_PATH}`) return this.oauth.token(req, `${this.base}${TOKEN_PATH}`)
    const refused = this.authenticate(req, route.id)
    if (refused) return refused
    if (!this.gate.enter()) {
      // Concurrency refusals report a limit of 0 (developer.okta.com "Concurrent rate limits").
      const now = this.kernel.clock.now()
      return {
        ...this.error({
          status: 429,
          errorCode: 'E0000047',
          errorSummary: RATE_LIMITED,
          headers: {
            'x-rate-limit-limit': '0',
            'x-rate-limit-remaining': '0',
            'x-rate-limit-reset': String(Math.floor(now / 1000)),
          },
        }),
        limited: true,
      }
    }
    try {
      if (this.options.serviceTimeMs) await new Promise((r) => setTimeout(r, this.options.serviceTimeMs))
      const take = this.buckets[family].take()
      route.data = take
      if (!take.ok) {
        return {
          ...this.error({ status: 429, errorCode: 'E0000047', errorSummary: RATE_LIMITED }),
          limited: true,
        }
      }
      this.settle()
      const match = this.router.match(req.method, req.path)!
      try {
        return match.handler(req, route.params)
      } catch (e) {
        if (e instanceof OktaFailure) return this.error(e.error)
        if (e instanceof SyntaxError) {
          return this.error({
            status: 400,
            errorCode: 'E0000003',
            errorSummary: 'The request body was not well-formed.',
          })
        }
        throw e
      }
    } finally {
      this.gate.leave()
    }
  }

  /** SSWS API token, or an OAuth access token with the scope the operation needs; a refusal otherwise. */
  private authenticate(req: SandboxRequest, routeId: string): Reply | undefined {
    const auth = req.headers.authorization
    const [scheme, credential] =
      typeof auth === 'string' ? [auth.split(' ')[0], auth.slice(auth.indexOf(' ') + 1).trim()] : []
    const invalid = { status: 401, errorCode: 'E0000011', errorSummary: 'Invalid token provided' }
    if (scheme === 'SSWS') return credential && this.tokens.has(credential) ? undefined : this.error(invalid)
    if (scheme !== 'Bearer' || !credential) return this.error(invalid)
    const [method, path] = routeId.split(' ') as [string, string]
    const refusal = this.oauth.authorize(credential, method, path.startsWith('/api/v1/users') ? 'users' : 'groups')
    if (!refusal) return undefined
    const challenge = (error: string, description: string, scope = '') =>
      `Bearer authorization_uri="${this.base}/oauth2/v1/authorize", realm="IdpRealm", scope="${scope}", ` +
      `error="${error}", error_description="${description}", resource="${path}"`
    if (refusal.status === 401)
      return this.error({
        ...invalid,
        headers: { 'www-authenticate': challenge('invalid_token', 'The access token is invalid.') },
      })
    return this.error({
      status: 403,
      errorCode: 'E0000006',
      errorSummary: 'You do not have permission to perform the requested action',
      headers: {
        'www-authenticate': challenge(
          'insufficient_scope',
          'The access token provided does not contain the required scopes.',
          refusal.scope,
        ),
      },
    })
  }

  errorReply(status: number, message: string): Reply {
    const known: Record<number, [string, string]> = {
      400: ['E0000001', `Api validation failed: ${message}`],
      401: ['E0000011', 'Invalid token provided'],
      403: ['E0000006', 'You do not have permission to perform the requested action'],
      404: ['E0000007', message === 'Not Found' ? 'Not found: Resource not found' : `Not found: ${message}`],
      429: ['E0000047', RATE_LIMITED],
    }
    const [errorCode, errorSummary] = known[status] ?? ['E0000009', 'Internal Server Error']
    const headers: Record<string, string> = {}
    if (status === 429) {
      // An injected 429 resets at the current second: the SDK waits `reset - Date + 1 s`.
      headers['x-rate-limit-remaining'] = '0'
      headers['x-rate-limit-reset'] = String(Math.floor(this.kernel.clock.now() / 1000))
    }
    return this.error({ status, errorCode, errorSummary, headers })
  }

  commonHeaders(route: RouteInfo | undefined): Record<string, string> {
    const now = this.kernel.clock.now()
    if (route?.id === `POST ${TOKEN_PATH}`)
      return { date: new Date(now).toUTCString(), 'x-okta-request-id': randomBytes(15).toString('base64url') }
    const family = route ? familyOf(route.id) : 'users'
    const take = (route?.data as Take | undefined) ?? this.buckets[family].peek()
    // Reset is sandbox time, like the Date header it is measured against (the client waits it on the sandbox's scale).
    const resetMs = Math.max(now, take.resetAt)
    return {
      date: new Date(now).toUTCString(),
      'x-okta-request-id': randomBytes(15).toString('base64url'),
      'x-rate-limit-limit': String(take.limit),
      'x-rate-limit-remaining': String(take.ok ? take.remaining : 0),
      'x-rate-limit-reset': String(Math.ceil(resetMs / 1000)),
    }
  }

  /** For lie faults: users, groups and the session revocations. */
  snapshot(): () => void {
    return snapshotFields(this, ['users', 'groups', 'revocations', 'seq'])
  }

  state(): {
    users: ReturnType<OktaEmulator['userJson']>[]
    groups: { id: string; name: string; members: string[] }[]
    sessionRevocations: OktaSessionRevocation[]
    activationEmails: { userId: string; at: string }[]
  } {
    this.settle()
    return {
      users: [...this.users.values()].map((u) => this.userJson(u)),
      groups: [...this.groups.values()].map((g) => ({
        id: g.id,
        name: g.name,
        members: g.members.map((id) => this.users.get(id)?.profile.login ?? id),
      })),
      sessionRevocations: this.revocations.map((r) => ({ ...r })),
      activationEmails: this.activationEmails.map((e) => ({ ...e })),
    }
  }

  seed(data: unknown): void {
    const seed = (data ?? {}) as OktaSeed
    for (const g of seed.groups ?? []) this.ensureGroup(g.name, g)
    for (const u of seed.users ?? []) {
      const now = this.kernel.clock.now()
      const status = u.status ?? 'ACTIVE'
      const rec = this.newUser(u.id, { ...u.profile }, status, u.password ?? false, now, true)
      for (const name of u.groupNames ?? []) this.addMember(this.ensureGroupRec(name), rec.id, now)
    }
  }

  /**
   * Black-box controls under `/__sandbox/`: POST `lie` {op, times?}, POST `status` {user, status},
   * POST `settle`, POST `group` {name} → {id}, GET `user/<id or login>`.
   */
  control(method: string, what: string, input: any): unknown {
    const [name, arg] = what.split(/\/(.*)/s) as [string, string | undefined]
    if (method === 'POST' && name === 'lie') {
      if (!['activate', 'deactivate', 'suspend', 'unsuspend'].includes(input?.op))
        throw new Error('op must be a lifecycle op')
      this.lieOnNext(input.op, Number(input.times ?? 1))
      return { ok: true }
    }
    if (method === 'POST' && name === 'status') {
      if (!STATUSES.includes(input?.status)) throw new Error(`status must be one of ${STATUSES.join(', ')}`)
      this.setStatus(String(input?.user), input.status)
      return this.user(String(input?.user))
    }
    if (method === 'POST' && name === 'settle') {
      this.settleAll()
      return { ok: true }
    }
    if (method === 'POST' && name === 'group') return { id: this.ensureGroup(String(input?.name)) }
    if (method === 'GET' && name === 'user') return this.user(decodeURIComponent(arg ?? '')) ?? null
    return undefined
  }

  // ---- in-process helpers for tests and the sandbox ----

  /** The group's id, creating an OKTA_GROUP with that name when none exists. */
  ensureGroup(name: string, opts: { id?: string; description?: string } = {}): string {
    return this.ensureGroupRec(name, opts).id
  }

  /** A user as the API would show it, by id or login; undefined when absent. */
  user(idOrLogin: string): ReturnType<OktaEmulator['userJson']> | undefined {
    this.settle()
    const u = this.find(idOrLogin)
    return u && this.userJson(u)
  }

  /** Logins of a group's members, by group name. */
  groupMembers(name: string): string[] {
    const g = [...this.groups.values()].find((x) => x.name === name)
    return g ? g.members.map((id) => this.users.get(id)!.profile.login) : []
  }

  /** Sets a user's status directly (an admin acting in the console). */
  setStatus(idOrLogin: string, status: OktaUserStatus): void {
    const u = this.find(idOrLogin)
    if (!u) throw new Error(`okta: no user ${idOrLogin}`)
    this.transition(u, status, this.kernel.clock.now())
  }

  /** The next `times` calls of this lifecycle operation answer 200 but change nothing. */
  lieOnNext(op: OktaLifecycleOp, times = 1): void {
    this.lies.push({ op, times })
  }

  /** Finishes every pending asynchronous transition now. */
  settleAll(): void {
    for (const u of this.users.values()) if (u.settle) u.settle.at = Math.min(u.settle.at, this.kernel.clock.now())
    this.settle()
  }

  // ---- users ----

  private listUsers(req: SandboxRequest): Reply {
    const q = req.url.searchParams
    const now = this.kernel.clock.now()
    const search = q.get('search')
    const filter = q.get('filter')
    const query = q.get('q')
    let rows: { id: string; json: object }[]
    if (search !== null || filter !== null) {
      const expr = this.parse(search ?? filter!, search === null)
      const ci = search !== null
      const lag = search !== null ? (this.options.searchLagMs ?? 0) : 0
      rows = []
      for (const u of this.users.values()) {
        const view = lag ? latestVisible(u, now) : { status: u.status, profile: u.profile, lastUpdated: u.lastUpdated }
        if (!view) continue
        const get = (attr: string) => userAttr(u, view, attr)
        if (evaluate(expr, get, ci)) rows.push({ id: u.id, json: this.userJson(u) })
      }
    } else {
      rows = [...this.users.values()]
        .filter((u) => u.status !== 'DEPROVISIONED')
        .filter((u) => {
          if (query === null) return true
          const p = query.toLowerCase()
          return [u.profile.firstName, u.profile.lastName, u.profile.email].some(
            (v) => typeof v === 'string' && v.toLowerCase().startsWith(p),
          )
        })
        .map((u) => ({ id: u.id, json: this.userJson(u) }))
    }
    // `q` does not page; its default limit is 10.
    const limit = query !== null && search === null && filter === null ? intParam(q.get('limit'), 10, 200) : undefined
    if (limit !== undefined) return { status: 200, body: rows.slice(0, limit).map((r) => r.json) }
    return this.page(req, rows, 200, 200)
  }

  private createUser(req: SandboxRequest): Reply {
    const body = req.json() ?? {}
    const q = req.url.searchParams
    const activate = q.get('activate') !== 'false'
    const provider = q.get('provider') === 'true'
    const profile = { ...(body.profile ?? {}) } as OktaProfile
    this.validateProfile(profile, undefined)
    const hasPassword = Boolean(body.credentials?.password)
    const groupIds: string[] = Array.isArray(body.groupIds) ? body.groupIds : []
    for (const gid of groupIds) if (!this.groups.has(gid)) throw new OktaFailure(GROUP_NOT_FOUND(gid))
    const now = this.kernel.clock.now()
    const status: OktaUserStatus = !activate
      ? 'STAGED'
      : hasPassword || provider || this.options.provisionedWithoutPassword === false
        ? 'ACTIVE'
        : 'PROVISIONED'
    const rec = this.newUser(undefined, stripNulls(profile), status, hasPassword, now)
    if (status === 'PROVISIONED') this.activationEmails.push({ userId: rec.id, at: iso(now)! })
    for (const gid of groupIds) this.addMember(this.groups.get(gid)!, rec.id, now)
    return { status: 200, body: this.userJson(rec) }
  }

  private getUser(idOrLogin: string): Reply {
    return { status: 200, body: this.userJson(this.mustFind(idOrLogin)) }
  }

  private updateUser(req: SandboxRequest, idOrLogin: string, replace: boolean): Reply {
    const u = this.mustFind(idOrLogin)
    // Deactivated users' profiles are not updated unless the org allows it; observed as 404 E0000007
    // (okta/okta-sdk-java#721).
    if (u.status === 'DEPROVISIONED') throw new OktaFailure(USER_NOT_FOUND(u.id))
    const body = req.json() ?? {}
    const now = this.kernel.clock.now()
    if (body.profile !== undefined) {
      const next = replace ? { ...body.profile } : { ...u.profile, ...body.profile }
      this.validateProfile(next, u.id)
      u.profile = stripNulls(next)
    }
    if (body.credentials?.password) {
      u.hasPassword = true
      u.passwordChanged = now
    }
    this.touch(u, now)
    return { status: 200, body: this.userJson(u) }
  }

  private deleteUser(req: SandboxRequest, idOrLogin: string): Reply {
    const u = this.mustFind(idOrLogin)
    if (u.status !== 'DEPROVISIONED') {
      // The first delete only deactivates.
      if (!u.settle) this.deactivate(u, req)
      return { status: 204 }
    }
    this.users.delete(u.id)
    for (const g of this.groups.values()) g.members = g.members.filter((m) => m !== u.id)
    return { status: 204 }
  }

  private userGroups(_req: SandboxRequest, idOrLogin: string): Reply {
    const u = this.mustFind(idOrLogin)
    return {
      status: 200,
      body: [...this.groups.values()].filter((g) => g.members.includes(u.id)).map((g) => this.groupJson(g)),
    }
  }

  private lifecycle(req: SandboxRequest, idOrLogin: string, op: OktaLifecycleOp): Reply {
    const u = this.mustFind(idOrLogin)
    const now = this.kernel.clock.now()
    const lie = this.lies.find((l) => l.op === op)
    if (lie) {
      lie.times -= 1
      if (lie.times <= 0) this.lies.splice(this.lies.indexOf(lie), 1)
      return op === 'activate' ? { status: 200, body: {} } : { status: 200 }
    }
    switch (op) {
      case 'activate': {
        if (u.settle || !['STAGED', 'DEPROVISIONED'].includes(u.status)) {
          if (['ACTIVE', 'PROVISIONED'].includes(u.status) && !u.settle) {
            throw new OktaFailure({
              status: 403,
              errorCode: 'E0000016',
              errorSummary: 'Activation failed because the user is already active',
            })
          }
          throw new OktaFailure({
            status: 403,
            errorCode: 'E0000038',
            errorSummary: "This operation is not allowed in the user's current status.",
          })
        }
        const to = u.hasPassword || this.options.provisionedWithoutPassword === false ? 'ACTIVE' : 'PROVISIONED'
        this.transition(u, to, now)
        u.activated = now
        if (req.url.searchParams.get('sendEmail') !== 'false') {
          if (to === 'PROVISIONED') this.activationEmails.push({ userId: u.id, at: iso(now)! })
        } else {
          const token = randomBytes(15).toString('base64url')
          return {
            status: 200,
            body: { activationUrl: `${baseUrl(req)}/welcome/${token}`, activationToken: token },
          }
        }
        return { status: 200, body: {} }
      }
      case 'deactivate':
        // A deactivated user is gone for this operation: 404 E0000007 (okta/okta-sdk-java#721).
        if (u.status === 'DEPROVISIONED') throw new OktaFailure(USER_NOT_FOUND(u.id))
        if (!u.settle) this.deactivate(u, req)
        return { status: 200 }
      case 'suspend':
        if (u.status !== 'ACTIVE' || u.settle)
          throw validation('suspendUser', 'Cannot suspend a user that is not active')
        this.transition(u, 'SUSPENDED', now)
        return { status: 200 }
      case 'unsuspend':
        if (u.status !== 'SUSPENDED' || u.settle) {
          throw validation('unsuspendUser', 'Cannot unsuspend a user that is not suspended')
        }
        this.transition(u, 'ACTIVE', now)
        return { status: 200 }
    }
  }

  private deactivate(u: UserRec, _req: SandboxRequest): void {
    const now = this.kernel.clock.now()
    const delay = this.options.deactivateDelayMs ?? 0
    if (delay > 0) {
      u.transitioningToStatus = 'DEPROVISIONED'
      u.settle = { at: now + delay, to: 'DEPROVISIONED' }
      this.touch(u, now)
    } else {
      this.transition(u, 'DEPROVISIONED', now)
    }
  }

  private revokeSessions(req: SandboxRequest, idOrLogin: string): Reply {
    const u = this.mustFind(idOrLogin)
    const q = req.url.searchParams
    this.revocations.push({
      userId: u.id,
      oauthTokens: q.get('oauthTokens') === 'true',
      forgetDevices: q.get('forgetDevices') !== 'false',
      at: iso(this.kernel.clock.now())!,
    })
    return { status: 204 }
  }

  // ---- groups ----

  private listGroups(req: SandboxRequest): Reply {
    const q = req.url.searchParams
    const search = q.get('search') ?? q.get('filter')
    const query = q.get('q')
    let groups = [...this.groups.values()]
    if (search !== null) {
      const expr = this.parse(search, false)
      groups = groups.filter((g) =>
        evaluate(
          expr,
          (attr) =>
            ({
              id: g.id,
              type: 'OKTA_GROUP',
              'profile.name': g.name,
              'profile.description': g.description,
              lastUpdated: iso(g.lastUpdated),
              lastMembershipUpdated: iso(g.lastMembershipUpdated),
              created: iso(g.created),
            })[attr],
          q.get('search') !== null,
        ),
      )
    }
    if (query !== null) {
      // A query does not page; its default limit is 300 (listGroups `q`).
      const lower = query.toLowerCase()
      const found = groups.filter((g) => g.name.toLowerCase().startsWith(lower))
      return { status: 200, body: found.slice(0, intParam(q.get('limit'), 300, 10_000)).map((g) => this.groupJson(g)) }
    }
    return this.page(
      req,
      groups.map((g) => ({ id: g.id, json: this.groupJson(g) })),
      10_000,
      10_000,
    )
  }

  private createGroup(req: SandboxRequest): Reply {
    const body = req.json() ?? {}
    const name = body.profile?.name
    if (typeof name !== 'string' || !name) throw validation('name', 'name: The field cannot be left blank')
    if ([...this.groups.values()].some((g) => g.name === name)) {
      throw validation('name', 'name: An object with this field already exists in the current organization')
    }
    const g = this.ensureGroupRec(name, { description: body.profile?.description })
    return { status: 200, body: this.groupJson(g) }
  }

  private getGroup(_req: SandboxRequest, id: string): Reply {
    return { status: 200, body: this.groupJson(this.mustGroup(id)) }
  }

  private groupUsers(req: SandboxRequest, id: string): Reply {
    const g = this.mustGroup(id)
    const rows = g.members.map((uid) => ({ id: uid, json: this.userJson(this.users.get(uid)!) }))
    return this.page(req, rows, 1000, 1000)
  }

  private membership(groupId: string, userId: string, add: boolean): Reply {
    const g = this.mustGroup(groupId)
    const u = this.users.get(userId)
    if (!u) throw new OktaFailure(USER_NOT_FOUND(userId))
    const now = this.kernel.clock.now()
    if (add) this.addMember(g, u.id, now)
    else if (g.members.includes(u.id)) {
      g.members = g.members.filter((m) => m !== u.id)
      g.lastMembershipUpdated = now
    }
    return { status: 204 }
  }

  // ---- internals ----

  private error(e: OktaError): Reply {
    const id = `oae${randomBytes(16).toString('base64url').slice(0, 22)}`
    return {
      status: e.status,
      headers: { 'content-type': 'application/json', ...e.headers },
      body: {
        errorCode: e.errorCode,
        errorSummary: e.errorSummary,
        errorLink: e.errorCode,
        errorId: id,
        errorCauses: (e.causes ?? []).map((errorSummary) => ({ errorSummary })),
      },
    }
  }

  private parse(expr: string, filterMode: boolean): Expr {
    try {
      const e = parseFilter(expr)
      if (filterMode) {
        for (const c of comparisons(e)) {
          const rangeOk = c.attr === 'lastUpdated' && ['gt', 'ge', 'lt', 'le'].includes(c.op)
          if (!FILTER_ATTRS.has(c.attr) || (c.op !== 'eq' && !rangeOk)) throw new OktaFailure(INVALID_SEARCH)
        }
      }
      return e
    } catch (err) {
      if (err instanceof FilterSyntaxError) throw new OktaFailure(INVALID_SEARCH)
      throw err
    }
  }

  /** Cursor pagination: `after` is the last id of the previous page; `Link` carries self and next. */
  private page(req: SandboxRequest, rows: { id: string; json: object }[], def: number, max: number): Reply {
    const q = req.url.searchParams
    const limit = intParam(q.get('limit'), def, max)
    const after = q.get('after')
    let start = 0
    if (after) {
      const i = rows.findIndex((r) => r.id === after)
      start = i >= 0 ? i + 1 : rows.length
    }
    const slice = rows.slice(start, start + limit)
    const base = `${baseUrl(req)}${req.path}`
    const selfQuery = new URLSearchParams(q)
    const links = [`<${base}${selfQuery.size ? `?${selfQuery}` : ''}>; rel="self"`]
    if (start + limit < rows.length && slice.length) {
      const nextQuery = new URLSearchParams(q)
      nextQuery.set('after', slice.at(-1)!.id)
      nextQuery.set('limit', String(limit))
      links.push(`<${base}?${nextQuery}>; rel="next"`)
    }
    return { status: 200, headers: { link: links }, body: slice.map((r) => r.json) }
  }

  private validateProfile(p: OktaProfile, selfId: string | undefined): void {
    for (const f of REQUIRED_PROFILE) {
      if (p[f] === undefined || p[f] === null || p[f] === '') {
        throw validation(f, `${f}: The field cannot be left blank`)
      }
    }
    if (!EMAILISH.test(String(p.login))) {
      throw validation('login', 'login: Username must be in the form of an email address')
    }
    if (!EMAILISH.test(String(p.email))) throw validation('email', 'email: Does not match required pattern')
    const clash = [...this.users.values()].find(
      (u) => u.id !== selfId && u.profile.login.toLowerCase() === String(p.login).toLowerCase(),
    )
    if (clash) throw validation('login', 'login: An object with this field already exists in the current organization')
  }

  private newUser(
    id: string | undefined,
    profile: OktaProfile,
    status: OktaUserStatus,
    hasPassword: boolean,
    now: number,
    indexedNow = false,
  ): UserRec {
    const active = status !== 'STAGED'
    const rec: UserRec = {
      id: id ?? this.nextId('00u'),
      status,
      transitioningToStatus: null,
      created: now,
      activated: active ? now : null,
      statusChanged: active ? now : null,
      lastUpdated: now,
      passwordChanged: hasPassword ? now : null,
      profile,
      hasPassword,
      index: [],
    }
    this.users.set(rec.id, rec)
    if (indexedNow) rec.index.push({ at: now, status, profile: { ...profile }, lastUpdated: now })
    else this.reindex(rec, now)
    return rec
  }

  private ensureGroupRec(name: string, opts: { id?: string; description?: string } = {}): GroupRec {
    const existing = [...this.groups.values()].find((g) => g.name === name)
    if (existing) return existing
    const now = this.kernel.clock.now()
    const g: GroupRec = {
      id: opts.id ?? this.nextId('00g'),
      name,
      description: opts.description ?? null,
      created: now,
      lastUpdated: now,
      lastMembershipUpdated: now,
      members: [],
    }
    this.groups.set(g.id, g)
    return g
  }

  private addMember(g: GroupRec, userId: string, now: number): void {
    if (g.members.includes(userId)) return
    g.members.push(userId)
    g.lastMembershipUpdated = now
  }

  private nextId(prefix: string): string {
    // Okta ids are 20 characters: a 3-character type prefix and 17 more.
    this.seq += 1
    return `${prefix}sbx${this.seq.toString(36).padStart(14, '0')}`
  }

  private find(idOrLogin: string): UserRec | undefined {
    const byId = this.users.get(idOrLogin)
    if (byId) return byId
    if (idOrLogin.includes('/')) return undefined // logins with a slash only by id
    const lower = idOrLogin.toLowerCase()
    const all = [...this.users.values()]
    const byLogin = all.find((u) => u.profile.login.toLowerCase() === lower)
    if (byLogin) return byLogin
    // A login shortname, as long as it is unambiguous.
    const short = all.filter((u) => u.profile.login.toLowerCase().split('@')[0] === lower)
    return short.length === 1 ? short[0] : undefined
  }

  private mustFind(idOrLogin: string): UserRec {
    const u = this.find(idOrLogin)
    if (!u) throw new OktaFailure(USER_NOT_FOUND(idOrLogin))
    return u
  }

  private mustGroup(id: string): GroupRec {
    const g = this.groups.get(id)
    if (!g) throw new OktaFailure(GROUP_NOT_FOUND(id))
    return g
  }

  private transition(u: UserRec, to: OktaUserStatus, at: number): void {
    u.status = to
    u.transitioningToStatus = null
    u.settle = undefined
    u.statusChanged = at
    this.touch(u, at)
  }

  private touch(u: UserRec, at: number): void {
    u.lastUpdated = at
    this.reindex(u, at)
  }

  private reindex(u: UserRec, at: number): void {
    const visibleAt = at + (this.options.searchLagMs ?? 0)
    u.index.push({ at: visibleAt, status: u.status, profile: { ...u.profile }, lastUpdated: u.lastUpdated })
    // Keep only what a reader can still see: the newest visible snapshot and the pending ones.
    const now = this.kernel.clock.now()
    const visible = u.index.filter((s) => s.at <= now)
    u.index = [...visible.slice(-1), ...u.index.filter((s) => s.at > now)]
  }

  private settle(): void {
    const now = this.kernel.clock.now()
    for (const u of this.users.values()) {
      if (u.settle && u.settle.at <= now) this.transition(u, u.settle.to, u.settle.at)
    }
  }

  private userJson(u: UserRec) {
    const self = `${this.base}/api/v1/users/${u.id}`
    const links: Record<string, { href: string; hints?: { allow: string[] } }> = { self: { href: self } }
    const lifecycle = (name: string) => ({ href: `${self}/lifecycle/${name}`, hints: { allow: ['POST'] } })
    if (u.status === 'STAGED' || u.status === 'DEPROVISIONED') links.activate = lifecycle('activate')
    if (u.status === 'ACTIVE') links.suspend = lifecycle('suspend')
    if (u.status === 'SUSPENDED') links.unsuspend = lifecycle('unsuspend')
    if (u.status !== 'DEPROVISIONED') links.deactivate = lifecycle('deactivate')
    return {
      id: u.id,
      status: u.status,
      created: iso(u.created)!,
      activated: iso(u.activated),
      statusChanged: iso(u.statusChanged),
      lastLogin: null,
      lastUpdated: iso(u.lastUpdated)!,
      passwordChanged: iso(u.passwordChanged),
      ...(u.transitioningToStatus ? { transitioningToStatus: u.transitioningToStatus } : {}),
      type: { id: 'otysbx00000000000001' },
      profile: { ...u.profile },
      credentials: {
        ...(u.hasPassword ? { password: {} } : {}),
        provider: { type: 'OKTA', name: 'OKTA' },
      },
      _links: links,
    }
  }

  private groupJson(g: GroupRec) {
    return {
      id: g.id,
      created: iso(g.created)!,
      lastUpdated: iso(g.lastUpdated)!,
      lastMembershipUpdated: iso(g.lastMembershipUpdated)!,
      objectClass: ['okta:user_group'],
      type: 'OKTA_GROUP',
      profile: { name: g.name, ...(g.description === null ? {} : { description: g.description }) },
      _links: {
        self: { href: `${this.base}/api/v1/groups/${g.id}` },
        users: { href: `${this.base}/api/v1/groups/${g.id}/users` },
        apps: { href: `${this.base}/api/v1/groups/${g.id}/apps` },
      },
    }
  }
}

class OktaFailure extends Error {
  constructor(readonly error: OktaError) {
    super(error.errorSummary)
  }
}

function validation(what: string, cause: string): OktaFailure {
  return new OktaFailure({
    status: 400,
    errorCode: 'E0000001',
    errorSummary: `Api validation failed: ${what}`,
    causes: [cause],
  })
}

function familyOf(routeId: string): OktaFamily {
  const [method, path] = routeId.split(' ') as [string, string]
  if (path === '/api/v1/users') return 'users'
  if (path.startsWith('/api/v1/users/')) {
    return method === 'GET' ? 'userById' : 'userWrite'
  }
  if (path === '/api/v1/groups') return 'groups'
  return 'groupById'
}

function baseUrl(req: SandboxRequest): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`
}

function intParam(raw: string | null, def: number, max: number): number {
  const n = raw === null ? Number.NaN : Number.parseInt(raw, 10)
  if (!Number.isFinite(n) || n < 1) return def
  return Math.min(n, max)
}

function stripNulls(p: OktaProfile): OktaProfile {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) out[k] = v
  return out as OktaProfile
}

function latestVisible(u: UserRec, now: number): UserRec['index'][number] | undefined {
  let best: UserRec['index'][number] | undefined
  for (const s of u.index) if (s.at <= now) best = s
  return best
}

function userAttr(
  u: UserRec,
  view: { status: OktaUserStatus; profile: OktaProfile; lastUpdated: number },
  attr: string,
): unknown {
  if (attr.startsWith('profile.')) return view.profile[attr.slice('profile.'.length)]
  switch (attr) {
    case 'id':
      return u.id
    case 'status':
      return view.status
    case 'created':
      return iso(u.created)
    case 'activated':
      return iso(u.activated)
    case 'statusChanged':
      return iso(u.statusChanged)
    case 'lastUpdated':
      return iso(view.lastUpdated)
    case 'type.id':
      return 'otysbx00000000000001'
    default:
      return undefined
  }
}
