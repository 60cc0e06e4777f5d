// GitHub REST emulator: the org, team, invitation, user and contents operations onramp uses, stateful, with
// GitHub's rate-limit headers and refusals, and optional checks against GitHub's OpenAPI description.
import { createHash, randomBytes } from 'node:crypto'
import {
  ConcurrencyGate,
  type Emulator,
  type Kernel,
  type Reply,
  type RouteInfo,
  Router,
  type SandboxRequest,
  snapshotFields,
  TokenBucket,
} from '../../kernel/index.js'
import {
  branchWithProtection,
  type CommitRec,
  contentItem,
  DOCS,
  fileCommit,
  fullRepository,
  iso,
  type OrgRec,
  orgSimple,
  publicUser,
  type RepoRec,
  simpleUser,
  type TeamRec,
  teamFull,
  team as teamShape,
  type UserRec,
} from './shapes.js'
import { type Issue, loadOpenApiCheck, type OpenApiCheck } from './validation.js'

export interface GitHubLimits {
  enabled: boolean
  /** Primary limit per hour for a user token (docs: 5,000). */
  primaryPerHour?: number
  /** Secondary: content-creating requests per minute (80) and per hour (500). */
  contentPerMinute?: number
  contentPerHour?: number
  /** Secondary: points per minute per endpoint (900); GET/HEAD/OPTIONS cost 1, writes 5. */
  pointsPerMinute?: number
  /** Secondary: concurrent requests (100). */
  concurrent?: number
  /** GitHub refuses with 403 or 429; 403 by default. */
  refusalStatus?: 403 | 429
}

export interface GitHubOptions {
  limits?: GitHubLimits
  /** Answer 401 "Bad credentials" when no `Authorization: token|Bearer …` is sent (default true). */
  requireAuth?: boolean
  /** The token's user: the inviter, and the ID in the primary-limit message. */
  viewer?: { login: string; id: number }
  /** Invitations expire after this long (7 days). */
  invitationExpiryMs?: number
  /**
   * The invitee's side of the asynchronous transition: pending invitations are accepted this long after they
   * were sent (sandbox time). Off by default: tests and the demo accept with `acceptInvitation()`.
   */
  autoAcceptAfterMs?: number
  /** Check every request and response against GitHub's OpenAPI description (slow to load: tests only). */
  validate?: boolean | { definitionPath: string }
}

export interface GitHubSeed {
  orgs?: {
    login: string
    id?: number
    description?: string
    invitationCap?: number
    plan?: 'free' | 'paid'
    ageDays?: number
  }[]
  users?: { login: string; id?: number; email?: string; name?: string }[]
  teams?: {
    org: string
    slug: string
    id?: number
    name?: string
    description?: string
    privacy?: 'closed' | 'secret'
    idpSynced?: boolean
  }[]
  members?: { org: string; login: string; role?: 'admin' | 'member' }[]
  teamMembers?: { org: string; team: string; login: string; role?: 'member' | 'maintainer' }[]
  repos?: { owner: string; name: string; id?: number; default_branch?: string; private?: boolean }[]
  files?: { owner: string; repo: string; path: string; content: string; branch?: string }[]
}

type InvitationRole = 'admin' | 'direct_member' | 'billing_manager' | 'reinstate'
interface InvitationRec {
  id: number
  org: string
  userId: number | null
  email: string | null
  role: InvitationRole
  teamIds: number[]
  createdAt: number
  status: 'pending' | 'failed' | 'accepted' | 'cancelled'
  failedAt?: number
  failedReason?: string
}
interface TeamMember {
  role: 'member' | 'maintainer'
  state: 'active' | 'pending'
}
interface Blob {
  sha: string
  content: Buffer
}
interface RepoState extends RepoRec {
  branches: Map<string, string>
  commits: Map<string, CommitRec & { files: Map<string, Blob> }>
}

interface Ctx {
  req: SandboxRequest
  p: Record<string, string>
  base: string
  body: any
}
type Handler = (c: Ctx) => Reply
interface RouteData {
  entered: boolean
  released: boolean
  op: string
  fn: Handler
}

const DAY = 86_400_000
const DOC_LIMITS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
const MB = 1024 * 1024

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers })
const basic = (status: number, message: string, doc = DOCS): Reply =>
  json(status, { message, documentation_url: doc, status: String(status) })
const notFound = (doc = DOCS) => basic(404, 'Not Found', doc)
const validationFailed = (errors: Record<string, unknown>[], doc = DOCS): Reply =>
  json(422, { message: 'Validation Failed', errors, documentation_url: doc, status: '422' })
const invalidRequest = (detail: string, doc = DOCS): Reply => basic(422, `Invalid request.\n\n${detail}`, doc)
const noContent = (): Reply => ({ status: 204 })

const gitBlobSha = (content: Buffer) =>
  createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
    .digest('hex')
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')
const wrap60 = (b64: string) => `${(b64.match(/.{1,60}/g) ?? ['']).join('\n')}\n`

export class GitHubEmulator implements Emulator {
  readonly name = 'github'
  private readonly router = new Router<{ op: string; fn: Handler }>()
  private readonly limits: Required<GitHubLimits>
  private readonly requireAuth: boolean
  private readonly viewer: { login: string; id: number }
  private readonly expiryMs: number
  private readonly autoAcceptAfterMs?: number

  private readonly users = new Map<string, UserRec>() // by lower-case login
  private readonly orgs = new Map<string, OrgRec>() // by lower-case login
  private readonly members = new Map<string, Map<string, 'admin' | 'member'>>() // org → login → role
  private readonly formerRoles = new Map<string, 'admin' | 'member'>() // `${org}/${login}`
  private readonly invitations: InvitationRec[] = []
  private readonly teams = new Map<string, Map<string, TeamRec>>() // org → slug → team
  private readonly teamMembers = new Map<number, Map<string, TeamMember>>() // team id → login → membership
  private readonly repos = new Map<string, RepoState>()
  private nextId = 1000

  private readonly primary: TokenBucket
  private readonly contentMinute: TokenBucket
  private readonly contentHour: TokenBucket
  private readonly points = new Map<string, TokenBucket>()
  private readonly gate: ConcurrencyGate
  private check?: Promise<OpenApiCheck>
  private readonly issues: Issue[] = []

  constructor(
    options: GitHubOptions,
    private readonly kernel: Kernel,
  ) {
    const l = options.limits
    this.limits = {
      enabled: l?.enabled ?? false,
      primaryPerHour: l?.primaryPerHour ?? 5000,
      contentPerMinute: l?.contentPerMinute ?? 80,
      contentPerHour: l?.contentPerHour ?? 500,
      pointsPerMinute: l?.pointsPerMinute ?? 900,
      concurrent: l?.concurrent ?? 100,
      refusalStatus: l?.refusalStatus ?? 403,
    }
    const on = this.limits.enabled
    const clock = kernel.clock
    this.primary = new TokenBucket(this.limits.primaryPerHour, 3_600_000, clock, 'window', on)
    this.contentMinute = new TokenBucket(this.limits.contentPerMinute, 60_000, clock, 'rolling', on)
    this.contentHour = new TokenBucket(this.limits.contentPerHour, 3_600_000, clock, 'rolling', on)
    this.gate = new ConcurrencyGate(this.limits.concurrent, on)
    this.requireAuth = options.requireAuth ?? true
    this.viewer = options.viewer ?? { login: 'onramp-app', id: 1 }
    this.expiryMs = options.invitationExpiryMs ?? 7 * DAY
    this.autoAcceptAfterMs = options.autoAcceptAfterMs
    this.ensureUser(this.viewer.login, { id: this.viewer.id })
    if (options.validate) {
      const path = typeof options.validate === 'object' ? options.validate.definitionPath : undefined
      this.check = loadOpenApiCheck(this.documentedPaths(), path)
    }
    this.routes()
  }

  // ---- kernel interface ------------------------------------------------------------------------

  route(req: SandboxRequest): RouteInfo | undefined {
    let id: string
    let mutating = false
    let params: Record<string, string> = {}
    let handler: { op: string; fn: Handler }
    const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents(?:\/(.*))?$/.exec(req.path)
    if (contents && (req.method === 'GET' || req.method === 'PUT')) {
      // `{path}` spans several segments, which the kernel router's one-segment params do not.
      id = `${req.method} /repos/{owner}/{repo}/contents/{path}`
      mutating = req.method === 'PUT'
      params = {
        owner: decodeURIComponent(contents[1]!),
        repo: decodeURIComponent(contents[2]!),
        path: decodeURIComponent(contents[3] ?? '').replace(/\/+$/, ''),
      }
      handler =
        req.method === 'GET'
          ? { op: 'repos/get-content', fn: this.getContent }
          : { op: 'repos/create-or-update-file-contents', fn: this.putContent }
    } else {
      const r = this.router.match(req.method, req.path)
      if (!r) return undefined
      ;({ id, mutating, params, handler } = r)
    }
    // Concurrency counts from arrival, so time spent in injected latency counts too.
    const entered = this.gate.enter()
    const data: RouteData = { entered, released: false, ...handler }
    if (entered) setTimeout(() => this.release(data), 30_000).unref()
    return { id, mutating, params, data }
  }

  async handle(req: SandboxRequest, route: RouteInfo): Promise<Reply> {
    const data = route.data as RouteData
    try {
      return await this.answer(req, route, data)
    } finally {
      this.release(data)
    }
  }

  errorReply(status: number, message: string): Reply {
    if (status === 404 && message === 'Not Found') return notFound()
    return basic(status, message)
  }

  commonHeaders(route: RouteInfo | undefined): Record<string, string> {
    if (route?.data) this.release(route.data as RouteData)
    return { ...this.rateHeaders(this.primary.peek()), ...this.baseHeaders() }
  }

  /** For lie faults: the org, its members, invitations and teams; never the repositories (the ledger lives there). */
  snapshot(): () => void {
    return snapshotFields(this, [
      'users',
      'orgs',
      'members',
      'formerRoles',
      'invitations',
      'teams',
      'teamMembers',
      'nextId',
    ])
  }

  state() {
    this.sweep()
    return {
      orgs: [...this.orgs.values()].map((o) => ({
        login: o.login,
        id: o.id,
        invitationCap: o.invitationCap,
        members: Object.fromEntries(this.members.get(o.login.toLowerCase()) ?? []),
      })),
      users: [...this.users.values()].map((u) => ({ login: u.login, id: u.id, email: u.email ?? null })),
      invitations: this.invitations.map((i) => ({
        id: i.id,
        org: i.org,
        login: i.userId === null ? null : (this.userById(i.userId)?.login ?? null),
        email: i.email,
        role: i.role,
        team_ids: i.teamIds,
        status: i.status,
        created_at: iso(i.createdAt),
        failed_reason: i.failedReason ?? null,
      })),
      teams: [...this.teams.values()].flatMap((m) =>
        [...m.values()].map((t) => ({
          org: t.org,
          slug: t.slug,
          id: t.id,
          name: t.name,
          idpSynced: t.idpSynced,
          members: Object.fromEntries(this.teamMembers.get(t.id) ?? []),
        })),
      ),
      repos: [...this.repos.values()].map((r) => ({
        owner: r.owner,
        name: r.name,
        default_branch: r.defaultBranch,
        branches: Object.fromEntries(
          [...r.branches].map(([b, head]) => [
            b,
            { head, files: [...(r.commits.get(head)?.files.keys() ?? [])].sort() },
          ]),
        ),
      })),
      validationIssues: this.issues,
    }
  }

  seed(data: GitHubSeed): void {
    for (const o of data.orgs ?? []) {
      const cap = o.invitationCap ?? (o.plan === 'paid' || (o.ageDays ?? 0) > 30 ? 500 : 50)
      this.ensureOrg(o.login, { id: o.id, description: o.description, invitationCap: cap })
    }
    for (const u of data.users ?? []) this.ensureUser(u.login, u)
    for (const t of data.teams ?? []) this.ensureTeam(t.org, t.slug, t)
    for (const m of data.members ?? []) this.addMember(m.org, m.login, m.role ?? 'member')
    for (const m of data.teamMembers ?? []) this.addTeamMember(m.org, m.team, m.login, m.role ?? 'member')
    for (const r of data.repos ?? [])
      this.ensureRepo(r.owner, r.name, { id: r.id, defaultBranch: r.default_branch, private: r.private })
    for (const f of data.files ?? []) this.putFile(f.owner, f.repo, f.path, f.content, f.branch)
  }

  /** `POST /__sandbox/accept-invitation {invitation: id|login|email, login?}`: as acceptInvitation(). */
  control(method: string, what: string, input: any): unknown {
    if (method === 'POST' && what === 'accept-invitation')
      return this.acceptInvitation(input?.invitation, { login: input?.login })
    return undefined
  }

  // ---- in-process helpers ----------------------------------------------------------------------

  /** Resolves when the OpenAPI description is loaded (immediately without `validate`). */
  async ready(): Promise<void> {
    await this.check
  }

  /** Requests or responses that did not match GitHub's OpenAPI description (with `validate`). */
  validationIssues(): Issue[] {
    return [...this.issues]
  }

  clearValidationIssues(): void {
    this.issues.length = 0
  }

  ensureOrg(login: string, o: { id?: number; description?: string; invitationCap?: number } = {}): OrgRec {
    const key = login.toLowerCase()
    let org = this.orgs.get(key)
    if (!org) {
      org = {
        login,
        id: o.id ?? this.nextId++,
        description: o.description ?? null,
        invitationCap: o.invitationCap ?? 50,
        createdAt: this.now() - 365 * DAY,
      }
      this.orgs.set(key, org)
      this.members.set(key, new Map())
      this.teams.set(key, new Map())
    } else if (o.invitationCap !== undefined) org.invitationCap = o.invitationCap
    return org
  }

  ensureUser(login: string, u: { id?: number; email?: string; name?: string } = {}): UserRec {
    const key = login.toLowerCase()
    let user = this.users.get(key)
    if (!user) {
      user = { login, id: u.id ?? this.nextId++, email: u.email, name: u.name, createdAt: this.now() - 30 * DAY }
      this.users.set(key, user)
    } else {
      if (u.email !== undefined) user.email = u.email
      if (u.name !== undefined) user.name = u.name
    }
    return user
  }

  /** Creates the org and team when missing; `name` defaults to the slug. */
  ensureTeam(
    org: string,
    slug: string,
    t: { id?: number; name?: string; description?: string; privacy?: 'closed' | 'secret'; idpSynced?: boolean } = {},
  ): TeamRec {
    const o = this.ensureOrg(org)
    const teams = this.teams.get(o.login.toLowerCase())!
    let team = teams.get(slug.toLowerCase())
    if (!team) {
      team = {
        org: o.login,
        slug: slug.toLowerCase(),
        id: t.id ?? this.nextId++,
        name: t.name ?? slug,
        description: t.description ?? null,
        privacy: t.privacy ?? 'closed',
        idpSynced: t.idpSynced ?? false,
        createdAt: this.now(),
        updatedAt: this.now(),
      }
      teams.set(team.slug, team)
      this.teamMembers.set(team.id, new Map())
    } else if (t.idpSynced !== undefined) team.idpSynced = t.idpSynced
    return team
  }

  /** Makes the user an active member at once (no invitation). */
  addMember(org: string, login: string, role: 'admin' | 'member' = 'member'): void {
    const o = this.ensureOrg(org)
    const u = this.ensureUser(login)
    this.members.get(o.login.toLowerCase())!.set(u.login, role)
  }

  addTeamMember(org: string, slug: string, login: string, role: 'member' | 'maintainer' = 'member'): void {
    const t = this.ensureTeam(org, slug)
    const u = this.ensureUser(login)
    this.teamMembers.get(t.id)!.set(u.login, { role, state: 'active' })
  }

  ensureRepo(
    owner: string,
    name: string,
    r: { id?: number; defaultBranch?: string; private?: boolean } = {},
  ): RepoState {
    const key = `${owner}/${name}`.toLowerCase()
    let repo = this.repos.get(key)
    if (!repo) {
      const ownerOrg = this.orgs.get(owner.toLowerCase())
      const ownerUser = ownerOrg ? undefined : this.ensureUser(owner)
      const branch = r.defaultBranch ?? 'main'
      const root: CommitRec & { files: Map<string, Blob> } = {
        sha: sha1(`${owner}/${name} initial`),
        treeSha: sha1(''),
        parents: [],
        message: 'Initial commit',
        at: this.now(),
        author: { name: this.viewer.login, email: `${this.viewer.id}+${this.viewer.login}@users.noreply.github.com` },
        files: new Map(),
      }
      repo = {
        owner: ownerOrg?.login ?? ownerUser!.login,
        name,
        id: r.id ?? this.nextId++,
        ownerId: ownerOrg?.id ?? ownerUser!.id,
        ownerType: ownerOrg ? 'Organization' : 'User',
        private: r.private ?? true,
        defaultBranch: branch,
        createdAt: this.now(),
        pushedAt: this.now(),
        branches: new Map([[branch, root.sha]]),
        commits: new Map([[root.sha, root]]),
      }
      this.repos.set(key, repo)
    }
    return repo
  }

  /** Writes a file as a commit on the branch (default branch when omitted). */
  putFile(owner: string, repo: string, path: string, content: string | Buffer, branch?: string): string {
    const r = this.ensureRepo(owner, repo)
    const b = branch ?? r.defaultBranch
    if (!r.branches.has(b)) r.branches.set(b, r.branches.get(r.defaultBranch)!)
    const c = this.commitFile(r, b, path, Buffer.from(content), `Update ${path}`)
    return c.sha
  }

  /** A file's text on a branch, or undefined. */
  file(owner: string, repo: string, path: string, branch?: string): string | undefined {
    const r = this.repos.get(`${owner}/${repo}`.toLowerCase())
    if (!r) return undefined
    const head = r.branches.get(branch ?? r.defaultBranch)
    return head ? r.commits.get(head)?.files.get(path)?.content.toString('utf8') : undefined
  }

  /** Marks a team as synced from an IdP group (EMU): writes to its members answer 403. */
  setIdpSynced(org: string, slug: string, synced = true): void {
    this.ensureTeam(org, slug, { idpSynced: synced })
  }

  /**
   * Accepts a pending invitation, as the invitee would: by invitation id, login or email. The membership turns
   * active and the invitation's teams apply. An email invitation for an unknown person creates the user.
   */
  acceptInvitation(idOrLogin: number | string, as?: { login?: string }): { org: string; login: string; role: string } {
    this.sweep()
    const key = String(idOrLogin).toLowerCase()
    const inv = this.invitations.find(
      (i) =>
        i.status === 'pending' &&
        (String(i.id) === key ||
          i.email?.toLowerCase() === key ||
          (i.userId !== null && this.userById(i.userId)?.login.toLowerCase() === key)),
    )
    if (!inv) throw new Error(`no pending invitation ${idOrLogin}`)
    return this.accept(inv, as)
  }

  private accept(inv: InvitationRec, as?: { login?: string }): { org: string; login: string; role: string } {
    let user = inv.userId !== null ? this.userById(inv.userId) : undefined
    if (!user && inv.email)
      user =
        [...this.users.values()].find((u) => u.email?.toLowerCase() === inv.email!.toLowerCase()) ??
        this.ensureUser(as?.login ?? inv.email.split('@')[0]!, { email: inv.email })
    const org = this.orgs.get(inv.org.toLowerCase())!
    const former = this.formerRoles.get(`${org.login}/${user!.login}`.toLowerCase())
    const role = inv.role === 'admin' ? 'admin' : inv.role === 'reinstate' ? (former ?? 'member') : 'member'
    this.members.get(org.login.toLowerCase())!.set(user!.login, role)
    inv.status = 'accepted'
    for (const teamId of inv.teamIds) {
      const tm = this.teamMembers.get(teamId)
      if (!tm) continue
      const cur = tm.get(user!.login)
      tm.set(user!.login, { role: cur?.role ?? 'member', state: 'active' })
    }
    return { org: org.login, login: user!.login, role }
  }

  // ---- request pipeline ------------------------------------------------------------------------

  private release(d: RouteData): void {
    if (d.entered && !d.released) {
      d.released = true
      this.gate.leave()
    }
  }

  private now(): number {
    return this.kernel.clock.now()
  }

  private baseHeaders(): Record<string, string> {
    const hex = (n: number) => randomBytes(n).toString('hex').toUpperCase()
    return {
      'x-github-request-id': `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
    }
  }

  /** Epoch seconds at which a client, sleeping in real time, finds the sandbox deadline passed. */
  private realEpochSeconds(sandboxMs: number): number {
    return Math.ceil((Date.now() + this.kernel.clock.toRealMs(Math.max(0, sandboxMs - this.now()))) / 1000)
  }

  private rateHeaders(t: { limit: number; remaining: number; resetAt: number }): Record<string, string> {
    return {
      'x-ratelimit-limit': String(t.limit),
      'x-ratelimit-remaining': String(t.remaining),
      'x-ratelimit-used': String(t.limit - t.remaining),
      'x-ratelimit-reset': String(this.realEpochSeconds(t.resetAt)),
      'x-ratelimit-resource': 'core',
    }
  }

  private async answer(req: SandboxRequest, route: RouteInfo, data: RouteData): Promise<Reply> {
    const { entered, op, fn } = data
    this.sweep()
    const isRateLimit = route.id === 'GET /rate_limit'
    const auth = req.headers.authorization
    if (this.requireAuth && !(typeof auth === 'string' && /^(token|bearer)\s+\S+/i.test(auth)))
      return basic(401, 'Bad credentials')

    // GET /rate_limit does not count against the primary limit (docs "Rate limits for the REST API").
    const primary = isRateLimit ? this.primary.peek() : this.primary.take()
    const headers = this.rateHeaders(primary)
    const refuse = (message: string, doc: string, extra: Record<string, string>): Reply => ({
      status: this.limits.refusalStatus,
      body: { message, documentation_url: doc },
      headers: { ...headers, ...extra },
      limited: true,
    })
    if (!primary.ok && !isRateLimit)
      return refuse(`API rate limit exceeded for user ID ${this.viewer.id}.`, DOC_LIMITS, {
        'x-ratelimit-remaining': '0',
      })

    const secondary = (retryAfterMs: number) =>
      refuse(
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        `${DOC_LIMITS}#about-secondary-rate-limits`,
        { 'retry-after': String(Math.max(1, Math.ceil(this.kernel.clock.toRealMs(retryAfterMs) / 1000))) },
      )
    if (!entered) return secondary(60_000)
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(req.method)
    let bucket = this.points.get(route.id)
    if (!bucket) {
      bucket = new TokenBucket(this.limits.pointsPerMinute, 60_000, this.kernel.clock, 'rolling', this.limits.enabled)
      this.points.set(route.id, bucket)
    }
    const pts = bucket.take(write ? 5 : 1)
    if (!pts.ok) return secondary(pts.retryAfterMs)
    if (write && req.method !== 'DELETE') {
      const m = this.contentMinute.take()
      if (!m.ok) return secondary(m.retryAfterMs)
      const h = this.contentHour.take()
      if (!h.ok) return secondary(h.retryAfterMs)
    }

    let body: unknown
    try {
      body = req.json()
    } catch {
      return { ...basic(400, 'Problems parsing JSON'), headers }
    }
    const check = this.check ? await this.check : undefined
    if (check) {
      const errors = check.request(op, {
        method: req.method,
        path: req.path,
        query: Object.fromEntries(req.url.searchParams),
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        ),
        body,
      })
      if (errors.length) {
        this.issues.push({ kind: 'request', operationId: op, errors })
        return { ...invalidRequest(errors.join('\n')), headers }
      }
    }
    const base = `http://${req.headers.host ?? '127.0.0.1'}`
    const reply = fn.call(this, { req, p: route.params, base, body })
    if (check && reply.body !== undefined && !Buffer.isBuffer(reply.body) && typeof reply.body !== 'string') {
      const errors = check.response(op, reply.status, reply.body)
      if (errors.length) {
        this.issues.push({ kind: 'response', operationId: op, status: reply.status, errors })
        return { ...basic(500, `sandbox: response does not match GitHub's OpenAPI description: ${errors[0]}`), headers }
      }
    }
    return { ...reply, headers: { ...headers, ...reply.headers } }
  }

  // ---- routes ----------------------------------------------------------------------------------

  private readonly table: [string, string, string, Handler][] = [
    ['GET', '/rate_limit', 'rate-limit/get', this.getRateLimit],
    ['GET', '/users/{username}', 'users/get-by-username', this.getUser],
    ['GET', '/user/{account_id}', 'users/get-by-id', this.getUserById],
    ['GET', '/orgs/{org}/members', 'orgs/list-members', this.listMembers],
    ['GET', '/orgs/{org}/members/{username}', 'orgs/check-membership-for-user', this.checkMember],
    ['GET', '/orgs/{org}/memberships/{username}', 'orgs/get-membership-for-user', this.getMembership],
    ['PUT', '/orgs/{org}/memberships/{username}', 'orgs/set-membership-for-user', this.setMembership],
    ['DELETE', '/orgs/{org}/memberships/{username}', 'orgs/remove-membership-for-user', this.removeMembership],
    ['POST', '/orgs/{org}/invitations', 'orgs/create-invitation', this.createInvitation],
    ['GET', '/orgs/{org}/invitations', 'orgs/list-pending-invitations', this.listPending],
    ['GET', '/orgs/{org}/failed_invitations', 'orgs/list-failed-invitations', this.listFailed],
    ['DELETE', '/orgs/{org}/invitations/{invitation_id}', 'orgs/cancel-invitation', this.cancelInvitation],
    ['GET', '/orgs/{org}/teams', 'teams/list', this.listTeams],
    ['GET', '/orgs/{org}/teams/{team_slug}', 'teams/get-by-name', this.getTeam],
    ['GET', '/orgs/{org}/teams/{team_slug}/members', 'teams/list-members-in-org', this.listTeamMembers],
    [
      'GET',
      '/orgs/{org}/teams/{team_slug}/memberships/{username}',
      'teams/get-membership-for-user-in-org',
      this.getTeamMembership,
    ],
    [
      'PUT',
      '/orgs/{org}/teams/{team_slug}/memberships/{username}',
      'teams/add-or-update-membership-for-user-in-org',
      this.setTeamMembership,
    ],
    [
      'DELETE',
      '/orgs/{org}/teams/{team_slug}/memberships/{username}',
      'teams/remove-membership-for-user-in-org',
      this.removeTeamMembership,
    ],
    ['GET', '/repos/{owner}/{repo}', 'repos/get', this.getRepo],
    ['GET', '/repos/{owner}/{repo}/branches/{branch}', 'repos/get-branch', this.getBranch],
    ['GET', '/repos/{owner}/{repo}/git/ref/{ref}', 'git/get-ref', this.getRef],
    ['POST', '/repos/{owner}/{repo}/git/refs', 'git/create-ref', this.createRef],
  ]

  private routes(): void {
    for (const [method, pattern, op, fn] of this.table) {
      this.router.on(method, pattern, { op, fn })
    }
  }

  private documentedPaths(): string[] {
    return [...new Set([...this.table.map((t) => t[1]), '/repos/{owner}/{repo}/contents/{path}'])]
  }

  // ---- state helpers ---------------------------------------------------------------------------

  private userById(id: number): UserRec | undefined {
    for (const u of this.users.values()) if (u.id === id) return u
    return undefined
  }

  private org(login: string): OrgRec | undefined {
    return this.orgs.get(login.toLowerCase())
  }

  private orgMembers(o: OrgRec): Map<string, 'admin' | 'member'> {
    return this.members.get(o.login.toLowerCase())!
  }

  private teamOf(o: OrgRec, slug: string): TeamRec | undefined {
    return this.teams.get(o.login.toLowerCase())?.get(slug.toLowerCase())
  }

  private pendingFor(o: OrgRec, u: UserRec): InvitationRec | undefined {
    return this.invitations.find(
      (i) =>
        i.status === 'pending' &&
        i.org === o.login &&
        (i.userId === u.id || (i.email !== null && i.email.toLowerCase() === u.email?.toLowerCase())),
    )
  }

  private membershipOf(o: OrgRec, u: UserRec): { role: 'admin' | 'member'; state: 'active' | 'pending' } | undefined {
    const role = this.orgMembers(o).get(u.login)
    if (role) return { role, state: 'active' }
    const inv = this.pendingFor(o, u)
    return inv ? { role: inv.role === 'admin' ? 'admin' : 'member', state: 'pending' } : undefined
  }

  /** Invitations past their expiry fail, and the team memberships they promised go with them. */
  private sweep(): void {
    const now = this.now()
    for (const i of this.invitations) {
      if (i.status !== 'pending') continue
      const acceptAt = this.autoAcceptAfterMs === undefined ? Infinity : i.createdAt + this.autoAcceptAfterMs
      if (acceptAt < i.createdAt + this.expiryMs && now >= acceptAt) {
        this.accept(i)
        continue
      }
      if (now < i.createdAt + this.expiryMs) continue
      i.status = 'failed'
      i.failedAt = i.createdAt + this.expiryMs
      i.failedReason = 'Invitation expired'
      this.dropPendingTeams(i)
    }
  }

  private dropPendingTeams(i: InvitationRec): void {
    const u = i.userId !== null ? this.userById(i.userId) : undefined
    if (!u) return
    for (const id of this.teams.get(i.org.toLowerCase())?.values() ?? []) {
      const tm = this.teamMembers.get(id.id)
      if (tm?.get(u.login)?.state === 'pending') tm.delete(u.login)
    }
  }

  private invitationCount24h(o: OrgRec): number {
    const since = this.now() - DAY
    return this.invitations.filter((i) => i.org === o.login && i.createdAt > since).length
  }

  private invite(o: OrgRec, u: UserRec | undefined, email: string | null, role: InvitationRole, teamIds: number[]) {
    const doc = `${DOCS}/orgs/members#create-an-organization-invitation`
    if (this.invitationCount24h(o) >= o.invitationCap)
      return validationFailed(
        [
          {
            resource: 'OrganizationInvitation',
            code: 'unprocessable',
            field: 'data',
            message: 'Over invitation rate limit',
          },
        ],
        doc,
      )
    const inv: InvitationRec = {
      id: this.nextId++,
      org: o.login,
      userId: u?.id ?? null,
      email,
      role,
      teamIds,
      createdAt: this.now(),
      status: 'pending',
    }
    this.invitations.push(inv)
    return inv
  }

  private invitationShape(base: string, o: OrgRec, i: InvitationRec) {
    const u = i.userId !== null ? this.userById(i.userId) : undefined
    return {
      id: i.id,
      node_id: Buffer.from(`018:OrganizationInvitation${i.id}`).toString('base64'),
      login: u?.login ?? null,
      email: i.email,
      role: i.role,
      created_at: iso(i.createdAt),
      ...(i.status === 'failed' ? { failed_at: iso(i.failedAt!), failed_reason: i.failedReason ?? null } : {}),
      inviter: simpleUser(base, this.ensureUser(this.viewer.login)),
      team_count: i.teamIds.length,
      invitation_teams_url: `${base}/organizations/${o.id}/invitations/${i.id}/teams`,
      invitation_source: 'member',
    }
  }

  private membershipShape(base: string, o: OrgRec, u: UserRec, m: { role: string; state: string }) {
    return {
      url: `${base}/orgs/${o.login}/memberships/${u.login}`,
      state: m.state,
      role: m.role,
      organization_url: `${base}/orgs/${o.login}`,
      organization: orgSimple(base, o),
      user: simpleUser(base, u),
    }
  }

  private paginate<T>(c: Ctx, items: T[]): Reply {
    const q = c.req.url.searchParams
    const perPage = Math.min(100, Math.max(1, Number(q.get('per_page') ?? 30) || 30))
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const link = (p: number, rel: string) => {
      const u = new URL(c.req.url.pathname, c.base)
      for (const [k, v] of q) if (k !== 'page') u.searchParams.set(k, v)
      u.searchParams.set('page', String(p))
      return `<${u.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(page - 1, 'prev'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'))
    return json(200, slice, links.length ? { link: links.join(', ') } : undefined)
  }

  // ---- handlers (called with `this` bound) -----------------------------------------------------

  private getRateLimit(this: GitHubEmulator): Reply {
    const core = this.primary.peek()
    const rate = {
      limit: core.limit,
      remaining: core.remaining,
      used: core.limit - core.remaining,
      reset: this.realEpochSeconds(core.resetAt),
    }
    const reset = this.realEpochSeconds(this.now() + 60_000)
    return json(200, {
      resources: {
        core: rate,
        search: { limit: 30, remaining: 30, used: 0, reset },
        graphql: { limit: 5000, remaining: 5000, used: 0, reset: this.realEpochSeconds(this.now() + 3_600_000) },
      },
      rate,
    })
  }

  private getUser(this: GitHubEmulator, c: Ctx): Reply {
    const u = this.users.get(c.p.username!.toLowerCase())
    return u ? json(200, publicUser(c.base, u)) : notFound(`${DOCS}/users/users#get-a-user`)
  }

  private getUserById(this: GitHubEmulator, c: Ctx): Reply {
    const u = /^\d+$/.test(c.p.account_id!) ? this.userById(Number(c.p.account_id)) : undefined
    return u ? json(200, publicUser(c.base, u)) : notFound(`${DOCS}/users/users#get-a-user-using-their-id`)
  }

  private listMembers(this: GitHubEmulator, c: Ctx): Reply {
    const o = this.org(c.p.org!)
    if (!o) return notFound(`${DOCS}/orgs/members#list-organization-members`)
    const role = c.req.url.searchParams.get('role') ?? 'all'
    const users = [...this.orgMembers(o)]
      .filter(([, r]) => role === 'all' || r === role)
      .map(([login]) => simpleUser(c.base, this.users.get(login.toLowerCase())!))
    return this.paginate(c, users)
  }

  private checkMember(this: GitHubEmulator, c: Ctx): Reply {
    const o = this.org(c.p.org!)
    const u = this.users.get(c.p.username!.toLowerCase())
    if (o && u && this.orgMembers(o).has(u.login)) return noContent()
    return notFound(`${DOCS}/orgs/members#check-organization-membership-for-a-user`)
  }

  private getMembership(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/orgs/members#get-organization-membership-for-a-user`
    const o = this.org(c.p.org!)
    const u = this.users.get(c.p.username!.toLowerCase())
    const m = o && u && this.membershipOf(o, u)
    return m ? json(200, this.membershipShape(c.base, o, u, m)) : notFound(doc)
  }

  private setMembership(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/orgs/members#set-organization-membership-for-a-user`
    const o = this.org(c.p.org!)
    const u = this.users.get(c.p.username!.toLowerCase())
    if (!o || !u) return notFound(doc)
    const role = (c.body?.role ?? 'member') as string
    if (role !== 'admin' && role !== 'member')
      return invalidRequest(`For 'properties/role', "${role}" is not one of ["admin", "member"].`, doc)
    const members = this.orgMembers(o)
    if (members.has(u.login)) {
      members.set(u.login, role)
      return json(200, this.membershipShape(c.base, o, u, { role, state: 'active' }))
    }
    const pending = this.pendingFor(o, u)
    if (pending) pending.role = role === 'admin' ? 'admin' : 'direct_member'
    else {
      const inv = this.invite(o, u, null, role === 'admin' ? 'admin' : 'direct_member', [])
      if ('status' in inv && typeof inv.status === 'number') return inv as Reply
    }
    return json(200, this.membershipShape(c.base, o, u, { role, state: 'pending' }))
  }

  private removeMembership(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/orgs/members#remove-organization-membership-for-a-user`
    const o = this.org(c.p.org!)
    const u = this.users.get(c.p.username!.toLowerCase())
    if (!o || !u) return notFound(doc)
    const members = this.orgMembers(o)
    const role = members.get(u.login)
    if (role) {
      members.delete(u.login)
      this.formerRoles.set(`${o.login}/${u.login}`.toLowerCase(), role)
      for (const t of this.teams.get(o.login.toLowerCase())!.values()) this.teamMembers.get(t.id)!.delete(u.login)
      return noContent()
    }
    const pending = this.pendingFor(o, u)
    if (!pending) return notFound(doc)
    pending.status = 'cancelled'
    this.dropPendingTeams(pending)
    return noContent()
  }

  private createInvitation(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/orgs/members#create-an-organization-invitation`
    const o = this.org(c.p.org!)
    if (!o) return notFound(doc)
    const b = (c.body ?? {}) as { invitee_id?: number; email?: string; role?: InvitationRole; team_ids?: number[] }
    const fail = (field: string, code = 'invalid', message?: string) =>
      validationFailed([{ resource: 'OrganizationInvitation', code, field, ...(message ? { message } : {}) }], doc)
    if (b.invitee_id === undefined && !b.email) return fail('data', 'missing', 'invitee_id or email is required')
    const role = b.role ?? 'direct_member'
    if (!['admin', 'direct_member', 'billing_manager', 'reinstate'].includes(role)) return fail('role')
    let u: UserRec | undefined
    if (b.invitee_id !== undefined) {
      u = this.userById(b.invitee_id)
      if (!u) return fail('invitee_id')
    } else u = [...this.users.values()].find((x) => x.email?.toLowerCase() === b.email!.toLowerCase())
    // Observed from GitHub, not in its OpenAPI description (docs/reference/external-apis.md §1.1).
    if (u && this.orgMembers(o).has(u.login))
      return fail('data', 'unprocessable', 'Invitee is already a part of this organization')
    const teams = [...this.teams.get(o.login.toLowerCase())!.values()]
    const teamIds = b.team_ids ?? []
    if (teamIds.some((id) => !teams.some((t) => t.id === id))) return fail('team_ids')
    const email = b.email ?? null
    const existing = u
      ? this.pendingFor(o, u)
      : this.invitations.find(
          (i) => i.status === 'pending' && i.org === o.login && i.email?.toLowerCase() === email?.toLowerCase(),
        )
    if (existing) return fail('data', 'unprocessable', 'Invitee has already been invited')
    const inv = this.invite(o, u, email, role, teamIds)
    if (!('org' in inv)) return inv
    return json(201, this.invitationShape(c.base, o, inv))
  }

  private listPending(this: GitHubEmulator, c: Ctx): Reply {
    const o = this.org(c.p.org!)
    if (!o) return notFound(`${DOCS}/orgs/members#list-pending-organization-invitations`)
    const items = this.invitations.filter((i) => i.org === o.login && i.status === 'pending')
    return this.paginate(
      c,
      items.map((i) => this.invitationShape(c.base, o, i)),
    )
  }

  private listFailed(this: GitHubEmulator, c: Ctx): Reply {
    const o = this.org(c.p.org!)
    if (!o) return notFound(`${DOCS}/orgs/members#list-failed-organization-invitations`)
    const items = this.invitations.filter((i) => i.org === o.login && i.status === 'failed')
    return this.paginate(
      c,
      items.map((i) => this.invitationShape(c.base, o, i)),
    )
  }

  private cancelInvitation(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/orgs/members#cancel-an-organization-invitation`
    const o = this.org(c.p.org!)
    const inv = o && this.invitations.find((i) => i.org === o.login && String(i.id) === c.p.invitation_id)
    if (inv?.status !== 'pending') return notFound(doc)
    inv.status = 'cancelled'
    this.dropPendingTeams(inv)
    return noContent()
  }

  private listTeams(this: GitHubEmulator, c: Ctx): Reply {
    const o = this.org(c.p.org!)
    if (!o) return notFound(`${DOCS}/teams/teams#list-teams`)
    const teams = [...this.teams.get(o.login.toLowerCase())!.values()]
    return this.paginate(
      c,
      teams.map((t) => teamShape(c.base, t, o.id)),
    )
  }

  private getTeam(this: GitHubEmulator, c: Ctx): Reply {
    const o = this.org(c.p.org!)
    const t = o && this.teamOf(o, c.p.team_slug!)
    if (!o || !t) return notFound(`${DOCS}/teams/teams#get-a-team-by-name`)
    const active = [...this.teamMembers.get(t.id)!.values()].filter((m) => m.state === 'active').length
    return json(200, teamFull(c.base, t, o, active))
  }

  private listTeamMembers(this: GitHubEmulator, c: Ctx): Reply {
    const o = this.org(c.p.org!)
    const t = o && this.teamOf(o, c.p.team_slug!)
    if (!o || !t) return notFound(`${DOCS}/teams/members#list-team-members`)
    const role = c.req.url.searchParams.get('role') ?? 'all'
    const users = [...this.teamMembers.get(t.id)!]
      .filter(([, m]) => m.state === 'active' && (role === 'all' || m.role === role))
      .map(([login]) => simpleUser(c.base, this.users.get(login.toLowerCase())!))
    return this.paginate(c, users)
  }

  private teamMembershipShape(base: string, o: OrgRec, t: TeamRec, u: UserRec, m: TeamMember) {
    return { url: `${base}/organizations/${o.id}/team/${t.id}/memberships/${u.login}`, role: m.role, state: m.state }
  }

  private getTeamMembership(this: GitHubEmulator, c: Ctx): Reply {
    const o = this.org(c.p.org!)
    const t = o && this.teamOf(o, c.p.team_slug!)
    const u = this.users.get(c.p.username!.toLowerCase())
    const m = t && u && this.teamMembers.get(t.id)!.get(u.login)
    if (!o || !t || !u || !m) return notFound(`${DOCS}/teams/members#get-team-membership-for-a-user`)
    return json(200, this.teamMembershipShape(c.base, o, t, u, m))
  }

  private setTeamMembership(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/teams/members#add-or-update-team-membership-for-a-user`
    const o = this.org(c.p.org!)
    const t = o && this.teamOf(o, c.p.team_slug!)
    const u = this.users.get(c.p.username!.toLowerCase())
    if (!o || !t || !u) return notFound(doc)
    // EMU group-backed teams (integrations/terraform-provider-github#2079).
    if (t.idpSynced) return basic(403, 'You cannot create or update members for an external group backed team', doc)
    const role = (c.body?.role ?? 'member') as string
    if (role !== 'member' && role !== 'maintainer')
      return invalidRequest(`For 'properties/role', "${role}" is not one of ["member", "maintainer"].`, doc)
    const tm = this.teamMembers.get(t.id)!
    let m: TeamMember
    if (this.orgMembers(o).has(u.login)) m = { role, state: 'active' }
    else {
      // Not in the org: GitHub invites the user and the team membership waits for the acceptance.
      const pending = this.pendingFor(o, u)
      if (pending) {
        if (!pending.teamIds.includes(t.id)) pending.teamIds.push(t.id)
      } else {
        const inv = this.invite(o, u, null, 'direct_member', [t.id])
        if (!('org' in inv)) return inv
      }
      m = { role, state: 'pending' }
    }
    tm.set(u.login, m)
    t.updatedAt = this.now()
    return json(200, this.teamMembershipShape(c.base, o, t, u, m))
  }

  private removeTeamMembership(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/teams/members#remove-team-membership-for-a-user`
    const o = this.org(c.p.org!)
    const t = o && this.teamOf(o, c.p.team_slug!)
    const u = this.users.get(c.p.username!.toLowerCase())
    if (!o || !t || !u) return notFound(doc)
    if (t.idpSynced) return basic(403, 'You cannot create or update members for an external group backed team', doc)
    this.teamMembers.get(t.id)!.delete(u.login)
    t.updatedAt = this.now()
    return noContent()
  }

  private repo(c: Ctx): RepoState | undefined {
    return this.repos.get(`${c.p.owner}/${c.p.repo}`.toLowerCase())
  }

  private getRepo(this: GitHubEmulator, c: Ctx): Reply {
    const r = this.repo(c)
    return r ? json(200, fullRepository(c.base, r)) : notFound(`${DOCS}/repos/repos#get-a-repository`)
  }

  private getBranch(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/branches/branches#get-a-branch`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const head = r.branches.get(c.p.branch!)
    if (!head) return basic(404, 'Branch not found', doc)
    return json(200, branchWithProtection(c.base, r, c.p.branch!, r.commits.get(head)!))
  }

  private createRef(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/git/refs#create-a-reference`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const { ref, sha } = (c.body ?? {}) as { ref?: string; sha?: string }
    if (!ref || !/^refs\/heads\/.+/.test(ref) || ref.split('/').length < 3)
      return basic(422, `${ref ?? ''} is not a valid ref name.`, doc)
    if (!sha || !r.commits.has(sha)) return basic(422, 'Object does not exist', doc)
    const branch = ref.slice('refs/heads/'.length)
    if (r.branches.has(branch)) return basic(422, 'Reference already exists', doc)
    r.branches.set(branch, sha)
    return json(201, gitRef(c.base, r, ref, sha))
  }

  /** Only branch refs (`heads/<name>`) exist here; tags are not modelled. */
  private getRef(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/git/refs#get-a-reference`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const ref = c.p.ref!
    const head = ref.startsWith('heads/') ? r.branches.get(ref.slice('heads/'.length)) : undefined
    if (!head) return notFound(doc)
    return json(200, gitRef(c.base, r, `refs/${ref}`, head))
  }

  private resolveRef(r: RepoState, ref: string | null): { name: string; sha: string } | undefined {
    const name = ref ?? r.defaultBranch
    const short = name.replace(/^refs\/heads\//, '')
    const head = r.branches.get(short)
    if (head) return { name: short, sha: head }
    if (r.commits.has(name)) return { name, sha: name }
    return undefined
  }

  private getContent(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/repos/contents#get-repository-content`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const ref = c.req.url.searchParams.get('ref')
    const at = this.resolveRef(r, ref)
    if (!at) return basic(404, `No commit found for the ref ${ref}`, doc)
    const files = r.commits.get(at.sha)!.files
    const path = c.p.path!
    const blob = files.get(path)
    if (blob) {
      const accept = String(c.req.headers.accept ?? '')
      if (/application\/vnd\.github(\.v3)?\.raw/.test(accept))
        return {
          status: 200,
          body: blob.content,
          headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
        }
      const big = blob.content.length > MB
      return json(200, {
        ...contentItem(c.base, r, path, at.name, blob.sha, blob.content.length, 'file'),
        // Over 1 MB the JSON form carries no content (docs: use the raw media type).
        content: big ? '' : wrap60(blob.content.toString('base64')),
        encoding: big ? 'none' : 'base64',
      })
    }
    const prefix = path ? `${path}/` : ''
    const entries = new Map<string, ReturnType<typeof contentItem>>()
    for (const [p, b] of files) {
      if (!p.startsWith(prefix)) continue
      const rest = p.slice(prefix.length).split('/')
      const child = prefix + rest[0]
      if (entries.has(child)) continue
      entries.set(
        child,
        rest.length === 1
          ? contentItem(c.base, r, child, at.name, b.sha, b.content.length, 'file')
          : contentItem(c.base, r, child, at.name, sha1(`tree ${at.sha} ${child}`), 0, 'dir'),
      )
    }
    if (!entries.size) return notFound(doc)
    return json(
      200,
      [...entries.values()].sort((a, b) => a.name.localeCompare(b.name)),
    )
  }

  private putContent(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/repos/contents#create-or-update-file-contents`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const b = (c.body ?? {}) as { message?: string; content?: string; sha?: string; branch?: string }
    if (typeof b.message !== 'string') return invalidRequest('"message" wasn\'t supplied.', doc)
    if (typeof b.content !== 'string') return invalidRequest('"content" wasn\'t supplied.', doc)
    const branch = b.branch ?? r.defaultBranch
    const head = r.branches.get(branch)
    if (!head) return basic(404, `Branch ${branch} not found`, doc)
    const path = c.p.path!
    const current = r.commits.get(head)!.files.get(path)
    if (current && b.sha === undefined) return invalidRequest('"sha" wasn\'t supplied.', doc)
    if (current && b.sha !== current.sha) return basic(409, `${path} does not match ${b.sha}`, doc)
    const commit = this.commitFile(r, branch, path, Buffer.from(b.content, 'base64'), b.message)
    const blob = commit.files.get(path)!
    return json(
      current ? 200 : 201,
      fileCommit(c.base, r, contentItem(c.base, r, path, branch, blob.sha, blob.content.length, 'file'), commit),
    )
  }

  private commitFile(r: RepoState, branch: string, path: string, content: Buffer, message: string) {
    const parent = r.branches.get(branch)!
    const files = new Map(r.commits.get(parent)!.files)
    files.set(path, { sha: gitBlobSha(content), content })
    const treeSha = sha1(
      [...files]
        .map(([p, f]) => `${p}:${f.sha}`)
        .sort()
        .join('\n'),
    )
    const at = this.now()
    const commit = {
      sha: sha1(`${treeSha}\n${parent}\n${message}\n${at}\n${r.commits.size}`),
      treeSha,
      parents: [parent],
      message,
      at,
      author: { name: this.viewer.login, email: `${this.viewer.id}+${this.viewer.login}@users.noreply.github.com` },
      files,
    }
    r.commits.set(commit.sha, commit)
    r.branches.set(branch, commit.sha)
    r.pushedAt = at
    return commit
  }
}

function gitRef(base: string, r: RepoState, ref: string, sha: string) {
  const url = `${base}/repos/${r.owner}/${r.name}`
  return {
    ref,
    node_id: Buffer.from(`03:Ref${r.id}:${ref}`).toString('base64'),
    url: `${url}/git/${ref}`,
    object: { type: 'commit', sha, url: `${url}/git/commits/${sha}` },
  }
}
