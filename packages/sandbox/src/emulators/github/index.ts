// GitHub REST emulator: the org, team, invitation, user and contents operations onramp uses, stateful, with
// GitHub's rate-limit headers and refusals, and optional checks against GitHub's OpenAPI description; plus the
// GraphQL reads onramp makes (SAML identities, verified-domain emails), checked against GitHub's GraphQL schema.
import {
  createHash,
  createPublicKey,
  type KeyObject,
  randomBytes,
  randomUUID as randomUuid,
  verify as verifySignature,
} from 'node:crypto'
import { type GraphQLSchema, validate } from 'graphql'
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
import { type ArtifactRec, ArtifactStore, type PublishArtifact } from './artifacts.js'
import { executeGraphql, type GraphqlData, isGraphqlMutation, publishedSchema, TypedError } from './graphql.js'
import {
  branchWithProtection,
  type CommitRec,
  contentItem,
  DOCS,
  fileCommit,
  fullRepository,
  iso,
  nodeId,
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
  /**
   * How those two are counted. GitHub does not say: `rolling` (default) refills continuously, so a quiet minute
   * allows a burst of 80 and 80 more over the next minute; `sliding` allows at most 80 in any 60 s (and 500 in
   * any hour), the strictest reading of the documentation.
   */
  contentWindow?: 'rolling' | 'sliding'
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
  /** SAML identities of an org (name id → linked login, or none yet); listing any turns SAML SSO on. */
  samlIdentities?: { org: string; nameId: string; login?: string }[]
  /** A member's emails on the org's verified domains (GraphQL `organizationVerifiedDomainEmails`). */
  verifiedDomainEmails?: { org: string; login: string; emails: string[] }[]
  /** Open pull requests (an issue number each): what issue comments can be made on. */
  pullRequests?: { owner: string; repo: string; number: number; head?: string; base?: string }[]
  /**
   * GitHub Apps: the public key of the App's private key (PEM), what the App may be granted, and where it is
   * installed (an org or user login; all its repositories).
   */
  apps?: {
    id: number
    slug: string
    clientId?: string
    publicKey: string
    permissions?: Record<string, 'read' | 'write'>
    installations: { id: number; account: string }[]
  }[]
}

interface AppRec {
  id: number
  slug: string
  clientId?: string
  publicKey: KeyObject
  permissions: Record<string, 'read' | 'write'>
}
interface InstallationRec {
  id: number
  app: AppRec
  account: string
}
/** A repository_dispatch the emulator accepted, as the webhook payload GitHub would deliver to workflows. */
export interface DispatchRecord {
  owner: string
  repo: string
  at: string
  event: {
    action: string
    branch: string
    client_payload: Record<string, unknown>
    repository: {
      id: number
      name: string
      full_name: string
      private: boolean
      owner: { login: string }
      default_branch: string
    }
    sender: { login: string; id: number; type: string }
    installation?: { id: number }
  }
}

interface SamlIdentity {
  guid: string
  nameId: string
  login: string | null
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
/** A job's GITHUB_TOKEN: its repository and the `permissions:` the job declared. */
interface JobTokenScope {
  repository: string
  permissions: Record<string, string>
}
interface PullRequestRec {
  number: number
  head: string
  base: string
}
interface IssueCommentRec {
  id: number
  issue: number
  body: string
  user: UserRec
  createdAt: number
  updatedAt: number
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
  /** GitHub's published GraphQL schema, in `validate` mode. */
  graphqlSchema?: GraphQLSchema
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
/** A tree's sha from its files (full paths), the same for a commit's tree and one made through the Git Data API. */
const treeShaOf = (files: Map<string, Blob>) =>
  sha1(
    [...files]
      .map(([p, f]) => `${p}:${f.sha}`)
      .sort()
      .join('\n'),
  )

interface DeploymentReview {
  environment: string
  state: 'approved' | 'rejected'
  user: UserRec
  comment: string
}

export class GitHubEmulator implements Emulator {
  readonly name = 'github'
  private readonly router = new Router<{ op: string; fn: Handler }>()
  private readonly limits: Required<GitHubLimits>
  private readonly requireAuth: boolean
  /** Tokens whose writes GitHub refuses: a job's GITHUB_TOKEN under `permissions: contents: read`. */
  private readonly readOnlyTokens = new Set<string>()
  /** App installation tokens limited to some repositories and a `contents` permission. */
  private readonly scopedTokens = new Map<
    string,
    { repositories: Set<string>; contents?: 'read' | 'write'; actions?: 'read' | 'write' }
  >()
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
  /** Org (lower case) → its SAML identities; absent: the org has no SAML SSO. */
  private readonly saml = new Map<string, SamlIdentity[]>()
  /** `${org}/${login}` (lower case) → emails on the org's verified domains. */
  private readonly domainEmails = new Map<string, string[]>()
  private readonly installations = new Map<number, InstallationRec>()
  /** Installation tokens handed out: token → installation id and expiry (ms). */
  private readonly installationTokens = new Map<string, { installation: number; expiresAt: number }>()
  private readonly dispatchLog: DispatchRecord[] = []
  /** Jobs' GITHUB_TOKENs, scoped by the job's `permissions:` (see scopeJobToken). */
  private readonly jobTokens = new Map<string, JobTokenScope>()
  /** `owner/repo` (lower case) → its pull requests, by number. */
  private readonly pulls = new Map<string, Map<number, PullRequestRec>>()
  /** `owner/repo` (lower case) → its issue comments, oldest first. */
  private readonly comments = new Map<string, IssueCommentRec[]>()
  private readonly bots = new Map<string, UserRec>()
  /** `owner/repo` (lower case) and run id → the run's deployment reviews, oldest first (its review history). */
  private readonly reviews = new Map<string, DeploymentReview[]>()
  /** Environments a review named, by `owner/repo` (lower case) and name: their ids stay stable. */
  private readonly environments = new Map<string, { id: number; createdAt: number }>()
  private nextId = 1000
  /** Workflow runs' artifacts (upload-artifact publishes them; the REST API lists and serves them). */
  private readonly artifacts = new ArtifactStore(
    () => this.now(),
    () => this.nextId++,
  )
  /** Git Data objects by `<repo key> <sha>`: trees (as full-path file maps) and blobs made or looked up. */
  private readonly gitTrees = new Map<string, Map<string, Blob>>()
  private readonly gitBlobs = new Map<string, Blob>()
  private blobsAnswered = 0

  private readonly primary: TokenBucket
  /** GraphQL has a primary limit of its own, as many points as REST has requests; every query here costs 1. */
  private readonly graphqlPrimary: TokenBucket
  private readonly contentMinute: TokenBucket
  private readonly contentHour: TokenBucket
  private readonly points = new Map<string, TokenBucket>()
  private readonly gate: ConcurrencyGate
  private check?: Promise<OpenApiCheck>
  private graphqlSchema?: Promise<GraphQLSchema>
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
      contentWindow: l?.contentWindow ?? 'rolling',
      pointsPerMinute: l?.pointsPerMinute ?? 900,
      concurrent: l?.concurrent ?? 100,
      refusalStatus: l?.refusalStatus ?? 403,
    }
    const on = this.limits.enabled
    const clock = kernel.clock
    this.primary = new TokenBucket(this.limits.primaryPerHour, 3_600_000, clock, 'window', on)
    this.graphqlPrimary = new TokenBucket(this.limits.primaryPerHour, 3_600_000, clock, 'window', on)
    const content = this.limits.contentWindow
    this.contentMinute = new TokenBucket(this.limits.contentPerMinute, 60_000, clock, content, on)
    this.contentHour = new TokenBucket(this.limits.contentPerHour, 3_600_000, clock, content, on)
    this.gate = new ConcurrencyGate(this.limits.concurrent, on)
    this.requireAuth = options.requireAuth ?? true
    this.viewer = options.viewer ?? { login: 'onramp-app', id: 1 }
    this.expiryMs = options.invitationExpiryMs ?? 7 * DAY
    this.autoAcceptAfterMs = options.autoAcceptAfterMs
    this.ensureUser(this.viewer.login, { id: this.viewer.id })
    if (options.validate) {
      const path = typeof options.validate === 'object' ? options.validate.definitionPath : undefined
      this.check = loadOpenApiCheck(this.documentedPaths(), path)
      this.graphqlSchema = publishedSchema()
    }
    this.routes()
  }

  // ---- kernel interface ------------------------------------------------------------------------

  route(req: SandboxRequest): RouteInfo | undefined {
    const blob = /^\/_blob\/artifacts\/([0-9a-f]+)\.zip$/.exec(req.path)
    if (blob && req.method === 'GET')
      // The blob store behind an artifact download: no API request (no token, no rate limit).
      return { id: 'GET /_blob/artifacts/{key}', mutating: false, params: { key: blob[1]! }, data: { blob: true } }
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
    } else if (req.path === '/graphql' && req.method === 'POST') {
      // A mutation changes content (and counts as a content-creating request); a query reads.
      id = 'POST /graphql'
      mutating = isGraphqlMutation(req)
      handler = { op: 'graphql', fn: this.graphql }
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
    if ((route.data as { blob?: boolean }).blob) return this.serveArtifactBlob(route.params.key!)
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
    if ((route?.data as { blob?: boolean } | undefined)?.blob) return {}
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
        samlIdentities:
          this.saml.get(o.login.toLowerCase())?.map((i) => ({ nameId: i.nameId, login: i.login })) ?? null,
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
      apps: [...this.installations.values()].map((i) => ({
        app_id: i.app.id,
        installation_id: i.id,
        account: i.account,
      })),
      dispatches: this.dispatchLog,
      artifacts: this.artifacts.state(),
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
    for (const i of data.samlIdentities ?? []) this.addSamlIdentity(i.org, i.nameId, i.login)
    for (const v of data.verifiedDomainEmails ?? []) this.setVerifiedDomainEmails(v.org, v.login, v.emails)
    for (const a of data.apps ?? []) this.registerApp(a)
    for (const pr of data.pullRequests ?? []) this.openPullRequest(pr.owner, pr.repo, pr)
  }

  /** Registers a GitHub App (its public key) and its installations. */
  registerApp(a: NonNullable<GitHubSeed['apps']>[number]): void {
    const app: AppRec = {
      id: a.id,
      slug: a.slug,
      clientId: a.clientId,
      publicKey: createPublicKey(a.publicKey),
      permissions: a.permissions ?? { contents: 'write', metadata: 'read' },
    }
    for (const i of a.installations) this.installations.set(i.id, { id: i.id, app, account: i.account })
  }

  /** repository_dispatch events accepted so far (optionally for one repository), oldest first. */
  dispatches(owner?: string, repo?: string): DispatchRecord[] {
    return this.dispatchLog.filter(
      (d) =>
        (owner === undefined || d.owner.toLowerCase() === owner.toLowerCase()) &&
        (repo === undefined || d.repo.toLowerCase() === repo.toLowerCase()),
    )
  }

  /**
   * `POST /__sandbox/accept-invitation {invitation: id|login|email, login?, nameId?}`: as acceptInvitation();
   * `POST /__sandbox/saml {org, identities: [{nameId, login?}] | null}`: the org's SAML SSO and identities
   * (null: no SAML SSO); `POST /__sandbox/verified-domain-emails {org, login, emails}`.
   */
  control(method: string, what: string, input: any): unknown {
    if (method !== 'POST') return undefined
    if (what === 'accept-invitation')
      return this.acceptInvitation(input?.invitation, { login: input?.login, nameId: input?.nameId })
    if (what === 'saml') {
      this.setSaml(String(input?.org), input?.identities ?? undefined)
      return { ok: true }
    }
    if (what === 'verified-domain-emails') {
      this.setVerifiedDomainEmails(String(input?.org), String(input?.login), input?.emails ?? [])
      return { ok: true }
    }
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

  /** Every write with this token is refused 403, as GitHub refuses a read-only GITHUB_TOKEN. */
  restrictToRead(token: string): void {
    this.readOnlyTokens.add(token)
  }

  /**
   * An installation token as `POST /app/installations/{id}/access_tokens` scopes it: `/repos/{owner}/{repo}`
   * paths outside `repositories` (owner/name) answer 404; contents and git data need the `contents` permission
   * (403 without it, and on a write with `read`); workflow run artifacts likewise need the `actions` permission.
   */
  scopeToken(
    token: string,
    scope: { repositories: string[]; contents?: 'read' | 'write'; actions?: 'read' | 'write' },
  ): void {
    this.scopedTokens.set(token, {
      repositories: new Set(scope.repositories.map((r) => r.toLowerCase())),
      contents: scope.contents,
      actions: scope.actions,
    })
  }

  private outOfScope(token: string, req: SandboxRequest, write: boolean): Reply | undefined {
    const scope = this.scopedTokens.get(token)
    const m = scope && /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(req.path)
    if (!scope || !m) return undefined
    if (!scope.repositories.has(`${m[1]}/${m[2]}`.toLowerCase())) return notFound()
    const rest = m[3] ?? ''
    const needsContents = /^\/(contents|git)(\/|$)/.test(rest)
    if (needsContents && (!scope.contents || (write && scope.contents !== 'write')))
      return basic(403, 'Resource not accessible by integration')
    if (/^\/actions\//.test(rest) && (!scope.actions || (write && scope.actions !== 'write')))
      return basic(403, 'Resource not accessible by integration')
    return undefined
  }

  /**
   * A job's GITHUB_TOKEN under the job's `permissions:` (scopes as in a workflow file, `pull-requests: write`).
   * It reads as before; a write is refused 403 unless its permission grants it: issue and pull request
   * comments on its own repository need `issues: write` or `pull-requests: write`, and a repository_dispatch
   * to it `contents: write`. Reading those comments
   * needs either permission at `read` (the repositories here are private). Other writes are refused, as a
   * GITHUB_TOKEN cannot change an organization.
   */
  scopeJobToken(token: string, scope: JobTokenScope): void {
    this.jobTokens.set(token, { repository: scope.repository.toLowerCase(), permissions: { ...scope.permissions } })
  }

  private outsideJobPermissions(token: string, req: SandboxRequest): Reply | undefined {
    const scope = this.jobTokens.get(token)
    if (!scope) return undefined
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(req.method)
    // Artifacts are the `actions` permission's: read to list and download, write to delete.
    const actions = /^\/repos\/([^/]+)\/([^/]+)\/actions\//.exec(req.path)
    if (actions) {
      const level =
        `${actions[1]}/${actions[2]}`.toLowerCase() === scope.repository ? scope.permissions.actions : undefined
      const granted = write ? level === 'write' : level === 'read' || level === 'write'
      return granted ? undefined : basic(403, 'Resource not accessible by integration')
    }
    // A repository_dispatch to its own repository needs `contents: write` (it starts workflow runs there).
    const dispatch = /^\/repos\/([^/]+)\/([^/]+)\/dispatches$/.exec(req.path)
    if (dispatch) {
      const own = `${dispatch[1]}/${dispatch[2]}`.toLowerCase() === scope.repository
      return own && scope.permissions.contents === 'write'
        ? undefined
        : basic(403, 'Resource not accessible by integration')
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)\/(issues|pulls)(\/|$)/.exec(req.path)
    const own = m && `${m[1]}/${m[2]}`.toLowerCase() === scope.repository
    if (!m) return write ? basic(403, 'Resource not accessible by integration') : undefined
    if (!own) return write ? basic(403, 'Resource not accessible by integration') : undefined
    const levels = [scope.permissions.issues, scope.permissions['pull-requests']]
    const granted = write ? levels.includes('write') : levels.some((l) => l === 'read' || l === 'write')
    return granted ? undefined : basic(403, 'Resource not accessible by integration')
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

  /**
   * An artifact of a workflow run, as upload-artifact v4 leaves it: available to the REST API at once (the run
   * need not have ended), its zip holding `files`. Throws for a name used twice in a run (unless `overwrite`).
   */
  publishArtifact(a: PublishArtifact): { id: number; digest: string; size: number; expiresAt: string } {
    const r = this.ensureRepo(a.owner, a.repo)
    const record = this.artifacts.publish(a, { id: r.id, fullName: `${r.owner}/${r.name}` })
    return {
      id: record.id,
      digest: record.digest,
      size: record.zip.length,
      expiresAt: new Date(record.expiresAt).toISOString(),
    }
  }

  /**
   * A required reviewer's answer to a run's job waiting on an environment ("Reviewing deployments"), kept in the
   * run's review history (REST `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`).
   */
  reviewDeployment(
    owner: string,
    repo: string,
    runId: number,
    review: { environment: string; state: 'approved' | 'rejected'; reviewer?: string; comment?: string },
  ): void {
    const r = this.ensureRepo(owner, repo)
    const repoKey = `${r.owner}/${r.name}`.toLowerCase()
    const envKey = `${repoKey} ${review.environment}`
    if (!this.environments.has(envKey)) this.environments.set(envKey, { id: this.nextId++, createdAt: this.now() })
    const key = `${repoKey} ${runId}`
    const login = review.reviewer ?? 'onramp-reviewer'
    const user = this.ensureUser(login)
    this.reviews.set(key, [
      ...(this.reviews.get(key) ?? []),
      { environment: review.environment, state: review.state, user, comment: review.comment ?? '' },
    ])
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

  /** Blobs whose contents were answered: one a REST blob read, as many as it named a GraphQL query. */
  blobReads(): number {
    return this.blobsAnswered
  }

  /** The messages of a branch's commits, newest first along first parents (empty for no branch). */
  history(owner: string, repo: string, branch: string): string[] {
    const r = this.repos.get(`${owner}/${repo}`.toLowerCase())
    const out: string[] = []
    for (let sha = r?.branches.get(branch); sha; sha = r!.commits.get(sha)?.parents[0]) {
      const c = r!.commits.get(sha)
      if (!c) break
      out.push(c.message)
    }
    return out
  }

  /**
   * Turns the org's SAML SSO on with these identities (a name id, linked to a login or not yet), or off
   * (undefined). GitHub links an identity when a member first authenticates through the IdP.
   */
  setSaml(org: string, identities: { nameId: string; login?: string | null }[] | undefined): void {
    const key = this.ensureOrg(org).login.toLowerCase()
    if (!identities) {
      this.saml.delete(key)
      return
    }
    this.saml.set(key, [])
    for (const i of identities) this.addSamlIdentity(org, i.nameId, i.login ?? undefined)
  }

  /** Adds (or relinks) one SAML identity; SAML SSO is on from then. */
  addSamlIdentity(org: string, nameId: string, login?: string): void {
    const key = this.ensureOrg(org).login.toLowerCase()
    const list = this.saml.get(key) ?? []
    this.saml.set(key, list)
    const linked = login ? this.ensureUser(login).login : null
    const existing = list.find((i) => i.nameId.toLowerCase() === nameId.toLowerCase())
    if (existing) existing.login = linked
    else list.push({ guid: randomUuid(), nameId, login: linked })
  }

  /** A member's emails on the org's verified domains, as GraphQL `organizationVerifiedDomainEmails` shows them. */
  setVerifiedDomainEmails(org: string, login: string, emails: string[]): void {
    const o = this.ensureOrg(org)
    const u = this.ensureUser(login)
    this.domainEmails.set(`${o.login}/${u.login}`.toLowerCase(), [...emails])
  }

  /** Marks a team as synced from an IdP group (EMU): writes to its members answer 403. */
  setIdpSynced(org: string, slug: string, synced = true): void {
    this.ensureTeam(org, slug, { idpSynced: synced })
  }

  /**
   * Accepts a pending invitation, as the invitee would: by invitation id, login or email. The membership turns
   * active and the invitation's teams apply. An email invitation is accepted by whichever account follows the
   * link: `as.login` (created when unknown), else an account whose public email it is, else a new account named
   * after the email's local part. The account keeps its own email settings: a new one shows no public email
   * (GitHub's default), and the invited address is never copied onto it. Where the org has SAML SSO, joining
   * goes through the IdP, which links an identity (`as.nameId`, default the invited email) to the account.
   */
  acceptInvitation(
    idOrLogin: number | string,
    as?: { login?: string; nameId?: string },
  ): { org: string; login: string; role: string } {
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

  private accept(
    inv: InvitationRec,
    as?: { login?: string; nameId?: string },
  ): { org: string; login: string; role: string } {
    let user = inv.userId !== null ? this.userById(inv.userId) : undefined
    if (!user && inv.email)
      user = as?.login
        ? this.ensureUser(as.login)
        : ([...this.users.values()].find((u) => u.email?.toLowerCase() === inv.email!.toLowerCase()) ??
          this.ensureUser(inv.email.split('@')[0]!))
    const org = this.orgs.get(inv.org.toLowerCase())!
    const saml = this.saml.get(org.login.toLowerCase())
    const nameId = as?.nameId ?? inv.email
    if (saml && nameId && !saml.some((i) => i.login === user!.login))
      this.addSamlIdentity(org.login, nameId, user!.login)
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

  private rateHeaders(
    t: { limit: number; remaining: number; resetAt: number },
    resource = 'core',
  ): Record<string, string> {
    return {
      'x-ratelimit-limit': String(t.limit),
      'x-ratelimit-remaining': String(t.remaining),
      'x-ratelimit-used': String(t.limit - t.remaining),
      'x-ratelimit-reset': String(this.realEpochSeconds(t.resetAt)),
      'x-ratelimit-resource': resource,
    }
  }

  private async answer(req: SandboxRequest, route: RouteInfo, data: RouteData): Promise<Reply> {
    const { entered, op, fn } = data
    this.sweep()
    const isRateLimit = route.id === 'GET /rate_limit'
    const auth = req.headers.authorization
    if (this.requireAuth && !(typeof auth === 'string' && /^(token|bearer)\s+\S+/i.test(auth)))
      return basic(401, 'Bad credentials')
    const token = typeof auth === 'string' ? auth.replace(/^(token|bearer)\s+/i, '').trim() : ''
    if (this.readOnlyTokens.has(token) && !['GET', 'HEAD', 'OPTIONS'].includes(req.method))
      return basic(403, 'Resource not accessible by integration')
    const refused =
      this.outOfScope(token, req, !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) ??
      this.outsideJobPermissions(token, req)
    if (refused) return refused

    // GET /rate_limit does not count against the primary limit (docs "Rate limits for the REST API").
    const graphql = op === 'graphql'
    const bucket0 = graphql ? this.graphqlPrimary : this.primary
    const primary = isRateLimit ? bucket0.peek() : bucket0.take()
    const headers = this.rateHeaders(primary, graphql ? 'graphql' : 'core')
    const refuse = (message: string, doc: string, extra: Record<string, string>): Reply => ({
      status: this.limits.refusalStatus,
      body: { message, documentation_url: doc },
      headers: { ...headers, ...extra },
      limited: true,
    })
    // GraphQL's primary limit answers 200 with a RATE_LIMITED error (Octokit's throttling plugin knows it).
    if (!primary.ok && graphql)
      return {
        status: 200,
        body: { errors: [{ type: 'RATE_LIMITED', message: `API rate limit exceeded for user ID ${this.viewer.id}.` }] },
        headers: { ...headers, 'x-ratelimit-remaining': '0' },
        limited: true,
      }
    if (!primary.ok && !isRateLimit)
      return refuse(`API rate limit exceeded for user ID ${this.viewer.id}.`, DOC_LIMITS, {
        'x-ratelimit-remaining': '0',
      })

    const secondary = (retryAfterMs: number) =>
      refuse(
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        `${DOC_LIMITS}#about-secondary-rate-limits`,
        { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
      )
    if (!entered) return secondary(60_000)
    // A GraphQL query costs a read's points, a mutation a write's (and creates content).
    const write = graphql ? route.mutating : !['GET', 'HEAD', 'OPTIONS'].includes(req.method)
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
    const check = this.check && !graphql ? await this.check : undefined
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
    const graphqlSchema = graphql && this.graphqlSchema ? await this.graphqlSchema : undefined
    const reply = fn.call(this, { req, p: route.params, base, body, graphqlSchema })
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
    ['PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', 'git/update-ref', this.updateRef],
    ['GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', 'git/get-commit', this.getGitCommit],
    ['POST', '/repos/{owner}/{repo}/git/commits', 'git/create-commit', this.createGitCommit],
    ['GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 'git/get-tree', this.getTree],
    ['POST', '/repos/{owner}/{repo}/git/trees', 'git/create-tree', this.createTree],
    ['GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', 'git/get-blob', this.getBlob],
    ['POST', '/repos/{owner}/{repo}/dispatches', 'repos/create-dispatch-event', this.createDispatch],
    ['GET', '/repos/{owner}/{repo}/actions/artifacts', 'actions/list-artifacts-for-repo', this.listArtifacts],
    ['GET', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}', 'actions/get-artifact', this.getArtifact],
    ['DELETE', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}', 'actions/delete-artifact', this.deleteArtifact],
    [
      'GET',
      '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
      'actions/download-artifact',
      this.downloadArtifact,
    ],
    [
      'GET',
      '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
      'actions/list-workflow-run-artifacts',
      this.listRunArtifacts,
    ],
    ['GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals', 'actions/get-reviews-for-run', this.runReviews],
    [
      'POST',
      '/app/installations/{installation_id}/access_tokens',
      'apps/create-installation-access-token',
      this.createInstallationToken,
    ],
  ]

  // Pull requests' conversation: the comments a workflow posts on a pull request (an issue, for this API).
  private readonly commentTable: [string, string, string, Handler][] = [
    ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'issues/list-comments', this.listComments],
    ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'issues/create-comment', this.createComment],
    ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', 'issues/update-comment', this.updateComment],
  ]

  private routes(): void {
    for (const [method, pattern, op, fn] of [...this.table, ...this.commentTable]) {
      this.router.on(method, pattern, { op, fn })
    }
  }

  /** The OpenAPI paths the emulator serves (the trimmed description in packages/sandbox/specs must hold each). */
  documentedPaths(): string[] {
    return [
      ...new Set([
        ...this.table.map((t) => t[1]),
        ...this.commentTable.map((t) => t[1]),
        '/repos/{owner}/{repo}/contents/{path}',
      ]),
    ]
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

  private graphql(this: GitHubEmulator, c: Ctx): Reply {
    const schema = c.graphqlSchema
    const reply = executeGraphql(
      this.graphqlData(),
      c.body,
      schema &&
        ((document) => {
          const errors = validate(schema, document)
          if (errors.length)
            this.issues.push({ kind: 'request', operationId: 'graphql', errors: errors.map((e) => e.message) })
          return errors
        }),
    )
    return json(reply.status, reply.body)
  }

  private graphqlData(): GraphqlData {
    return {
      org: (login) => this.org(login),
      user: (login) => this.users.get(login.toLowerCase()),
      samlIdentities: (org) => this.saml.get(org.toLowerCase()),
      verifiedDomainEmails: (org, login) => {
        const o = this.org(org)
        const u = this.users.get(login.toLowerCase())
        if (!o || !u || !this.orgMembers(o).has(u.login)) return []
        return this.domainEmails.get(`${o.login}/${u.login}`.toLowerCase()) ?? []
      },
      hasRepository: (full) => this.repos.has(full.toLowerCase()),
      branchHead: (full, branch) => this.repos.get(full.toLowerCase())?.branches.get(branch),
      object: (full, oid) => {
        const r = this.repos.get(full.toLowerCase())
        if (!r) return undefined
        const commit = r.commits.get(oid)
        if (commit) return { type: 'commit', oid, tree: commit.treeSha, url: this.commitUrl(r, oid) }
        if (this.treeFiles(r, oid)) return { type: 'tree', oid }
        const blob = this.findBlob(r, oid)
        if (blob) this.blobsAnswered++
        return blob && { type: 'blob', oid, content: blob.content }
      },
      commitOnBranch: (change) => this.commitOnBranch(change),
    }
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

  // ---- pull requests and their comments ---------------------------------------------------------

  /** Opens a pull request (creating the repository when missing): comments can then be made on its number. */
  openPullRequest(owner: string, repo: string, pr: { number: number; head?: string; base?: string }): void {
    const r = this.ensureRepo(owner, repo)
    const key = `${r.owner}/${r.name}`.toLowerCase()
    const list = this.pulls.get(key) ?? new Map<number, PullRequestRec>()
    this.pulls.set(key, list)
    list.set(pr.number, { number: pr.number, head: pr.head ?? 'feature', base: pr.base ?? r.defaultBranch })
  }

  /** The comments on an issue or pull request, oldest first: author login and body. */
  issueComments(owner: string, repo: string, issue: number): { id: number; login: string; body: string }[] {
    return (this.comments.get(`${owner}/${repo}`.toLowerCase()) ?? [])
      .filter((c) => c.issue === issue)
      .map((c) => ({ id: c.id, login: c.user.login, body: c.body }))
  }

  /** Who a token acts as: a job's GITHUB_TOKEN is github-actions[bot], an installation token its App's bot. */
  private actor(c: Ctx): UserRec {
    const token = /^(?:token|bearer)\s+(\S+)/i.exec(String(c.req.headers.authorization ?? ''))?.[1] ?? ''
    if (this.jobTokens.has(token)) return this.bot('github-actions[bot]', 41898282)
    const installation = this.installations.get(this.installationTokens.get(token)?.installation ?? -1)
    if (installation) return this.bot(`${installation.app.slug}[bot]`, installation.app.id)
    return this.ensureUser(this.viewer.login)
  }

  /** A bot account, kept apart from the users an org can have as members. */
  private bot(login: string, id: number): UserRec {
    let b = this.bots.get(login)
    if (!b) {
      b = { login, id, type: 'Bot', createdAt: 0 }
      this.bots.set(login, b)
    }
    return b
  }

  private issueOf(c: Ctx): { key: string; r: RepoState; number: number } | undefined {
    const r = this.repo(c)
    if (!r) return undefined
    const key = `${r.owner}/${r.name}`.toLowerCase()
    const number = Number(c.p.issue_number)
    return this.pulls.get(key)?.has(number) ? { key, r, number } : undefined
  }

  private commentShape(base: string, r: RepoState, c: IssueCommentRec) {
    const repoUrl = `${base}/repos/${r.owner}/${r.name}`
    return {
      id: c.id,
      node_id: Buffer.from(`012:IssueComment${c.id}`).toString('base64'),
      url: `${repoUrl}/issues/comments/${c.id}`,
      html_url: `https://github.com/${r.owner}/${r.name}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${repoUrl}/issues/${c.issue}`,
      body: c.body,
      user: simpleUser(base, c.user),
      created_at: iso(c.createdAt),
      updated_at: iso(c.updatedAt),
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
      performed_via_github_app: null,
    }
  }

  /** GitHub's limit on a comment body, and its refusal (422 Validation Failed, field `data`). */
  private bodyProblem(body: unknown, doc: string): Reply | undefined {
    if (typeof body !== 'string') return invalidRequest('"body" wasn\'t supplied.', doc)
    if (body.length > 65_536)
      return validationFailed(
        [
          {
            resource: 'IssueComment',
            code: 'unprocessable',
            field: 'data',
            message: 'Body is too long (maximum is 65536 characters)',
          },
        ],
        doc,
      )
    return undefined
  }

  private listComments(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/issues/comments#list-issue-comments`
    const at = this.issueOf(c)
    if (!at) return notFound(doc)
    const since = c.req.url.searchParams.get('since')
    const from = since ? Date.parse(since) : Number.NaN
    const list = (this.comments.get(at.key) ?? []).filter(
      (x) => x.issue === at.number && (Number.isNaN(from) || x.updatedAt >= from),
    )
    return this.paginate(
      c,
      list.map((x) => this.commentShape(c.base, at.r, x)),
    )
  }

  private createComment(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/issues/comments#create-an-issue-comment`
    const at = this.issueOf(c)
    if (!at) return notFound(doc)
    const body = c.body?.body
    const problem = this.bodyProblem(body, doc)
    if (problem) return problem
    const now = this.now()
    const rec: IssueCommentRec = {
      id: this.nextId++,
      issue: at.number,
      body,
      user: this.actor(c),
      createdAt: now,
      updatedAt: now,
    }
    const list = this.comments.get(at.key) ?? []
    this.comments.set(at.key, list)
    list.push(rec)
    return json(201, this.commentShape(c.base, at.r, rec), {
      location: `${c.base}/repos/${at.r.owner}/${at.r.name}/issues/comments/${rec.id}`,
    })
  }

  /** Only the comment's author may edit it here (GitHub also lets maintainers; onramp edits only its own). */
  private updateComment(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/issues/comments#update-an-issue-comment`
    const r = this.repo(c)
    const rec =
      r && this.comments.get(`${r.owner}/${r.name}`.toLowerCase())?.find((x) => x.id === Number(c.p.comment_id))
    if (!r || !rec) return notFound(doc)
    if (rec.user.login !== this.actor(c).login) return basic(403, 'Resource not accessible by integration', doc)
    const body = c.body?.body
    const problem = this.bodyProblem(body, doc)
    if (problem) return problem
    rec.body = body
    rec.updatedAt = this.now()
    return json(200, this.commentShape(c.base, r, rec))
  }

  private repo(c: Ctx): RepoState | undefined {
    return this.repos.get(`${c.p.owner}/${c.p.repo}`.toLowerCase())
  }

  // ---- artifacts ----

  private artifactPage(c: Ctx, items: ArtifactRec[]): Reply {
    const page = this.paginate(c, items)
    const artifacts = (page.body as ArtifactRec[]).map((a) => this.artifacts.shape(c.base, a))
    return json(200, { total_count: items.length, artifacts }, page.headers as Record<string, string> | undefined)
  }

  private listArtifacts(this: GitHubEmulator, c: Ctx): Reply {
    const r = this.repo(c)
    if (!r) return notFound()
    return this.artifactPage(
      c,
      this.artifacts.list(`${r.owner}/${r.name}`, { name: c.req.url.searchParams.get('name') }),
    )
  }

  private listRunArtifacts(this: GitHubEmulator, c: Ctx): Reply {
    const r = this.repo(c)
    if (!r) return notFound()
    const q = c.req.url.searchParams
    const items = this.artifacts.list(`${r.owner}/${r.name}`, { runId: Number(c.p.run_id), name: q.get('name') })
    return this.artifactPage(c, q.get('direction') === 'asc' ? items.reverse() : items)
  }

  private runReviews(this: GitHubEmulator, c: Ctx): Reply {
    const r = this.repo(c)
    if (!r || !/^\d+$/.test(c.p.run_id ?? '')) return notFound()
    const repoKey = `${r.owner}/${r.name}`.toLowerCase()
    const htmlRepo = `https://github.com/${r.owner}/${r.name}`
    return json(
      200,
      (this.reviews.get(`${repoKey} ${Number(c.p.run_id)}`) ?? []).map((review) => {
        const env = this.environments.get(`${repoKey} ${review.environment}`)!
        return {
          environments: [
            {
              id: env.id,
              node_id: nodeId('Environment', env.id),
              name: review.environment,
              url: `${c.base}/repos/${r.owner}/${r.name}/environments/${encodeURIComponent(review.environment)}`,
              html_url: `${htmlRepo}/deployments/activity_log?environments_filter=${encodeURIComponent(review.environment)}`,
              created_at: iso(env.createdAt),
              updated_at: iso(env.createdAt),
            },
          ],
          state: review.state,
          user: simpleUser(c.base, review.user),
          comment: review.comment,
        }
      }),
    )
  }

  private artifactOf(c: Ctx): ArtifactRec | undefined {
    const r = this.repo(c)
    return r && /^\d+$/.test(c.p.artifact_id ?? '')
      ? this.artifacts.get(`${r.owner}/${r.name}`, Number(c.p.artifact_id))
      : undefined
  }

  private getArtifact(this: GitHubEmulator, c: Ctx): Reply {
    const a = this.artifactOf(c)
    return a ? json(200, this.artifacts.shape(c.base, a)) : notFound()
  }

  private deleteArtifact(this: GitHubEmulator, c: Ctx): Reply {
    const a = this.artifactOf(c)
    if (!a) return notFound()
    this.artifacts.delete(a)
    return noContent()
  }

  /** 302 to a one-minute URL of the zip; an expired artifact is 410 Gone. Only `zip` is an archive format. */
  private downloadArtifact(this: GitHubEmulator, c: Ctx): Reply {
    const a = this.artifactOf(c)
    if (!a || c.p.archive_format !== 'zip') return notFound()
    if (this.artifacts.expired(a)) return basic(410, 'Artifact has expired')
    return { status: 302, headers: { location: `${c.base}/_blob/artifacts/${this.artifacts.downloadKey(a)}.zip` } }
  }

  private serveArtifactBlob(key: string): Reply {
    const a = this.artifacts.byDownloadKey(key)
    if (!a)
      return {
        status: 403,
        headers: { 'content-type': 'application/xml' },
        body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed or the signature is not valid.</Message></Error>',
      }
    return {
      status: 200,
      headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename=${a.name}.zip` },
      body: a.zip,
    }
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

  // ---- Git Data API: trees, commits, blobs, refs ------------------------------------------------

  /** A tree's files by sha: one made through the API, a commit's, or a directory of either. */
  private treeFiles(r: RepoState, sha: string): Map<string, Blob> | undefined {
    const key = `${r.owner}/${r.name}`.toLowerCase()
    const made = this.gitTrees.get(`${key} ${sha}`)
    if (made) return made
    for (const c of r.commits.values()) {
      if (c.treeSha !== sha) continue
      this.gitTrees.set(`${key} ${sha}`, c.files)
      return c.files
    }
    return undefined
  }

  private rememberTree(r: RepoState, files: Map<string, Blob>): string {
    const sha = treeShaOf(files)
    this.gitTrees.set(`${`${r.owner}/${r.name}`.toLowerCase()} ${sha}`, files)
    return sha
  }

  private findBlob(r: RepoState, sha: string): Blob | undefined {
    const key = `${`${r.owner}/${r.name}`.toLowerCase()} ${sha}`
    const known = this.gitBlobs.get(key)
    if (known) return known
    for (const head of [...r.branches.values(), ...r.commits.keys()]) {
      const blob = [...(r.commits.get(head)?.files.values() ?? [])].find((b) => b.sha === sha)
      if (blob) {
        this.gitBlobs.set(key, blob)
        return blob
      }
    }
    return undefined
  }

  /** The entries of a tree: files and directories at its top, or (recursive) every file and directory below. */
  private treeEntries(c: Ctx, r: RepoState, files: Map<string, Blob>, recursive: boolean) {
    const url = `${c.base}/repos/${r.owner}/${r.name}/git`
    const entries = new Map<string, Record<string, unknown>>()
    for (const [path, blob] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const parts = path.split('/')
      for (let depth = 1; depth < parts.length && (recursive || depth === 1); depth++) {
        const dir = parts.slice(0, depth).join('/')
        if (entries.has(dir)) continue
        const sub = new Map<string, Blob>()
        for (const [p, b] of files) if (p.startsWith(`${dir}/`)) sub.set(p.slice(dir.length + 1), b)
        const sha = this.rememberTree(r, sub)
        entries.set(dir, { path: dir, mode: '040000', type: 'tree', sha, url: `${url}/trees/${sha}` })
      }
      if (!recursive && parts.length > 1) continue
      entries.set(path, {
        path,
        mode: '100644',
        type: 'blob',
        sha: blob.sha,
        size: blob.content.length,
        url: `${url}/blobs/${blob.sha}`,
      })
    }
    return [...entries.values()].sort((a, b) => String(a.path).localeCompare(String(b.path)))
  }

  private gitTree(c: Ctx, r: RepoState, sha: string, files: Map<string, Blob>, recursive: boolean) {
    return {
      sha,
      url: `${c.base}/repos/${r.owner}/${r.name}/git/trees/${sha}`,
      tree: this.treeEntries(c, r, files, recursive),
      truncated: false,
    }
  }

  private gitCommit(c: Ctx, r: RepoState, commit: CommitRec) {
    const url = `${c.base}/repos/${r.owner}/${r.name}/git/commits/${commit.sha}`
    const person = { ...commit.author, date: iso(commit.at) }
    return {
      sha: commit.sha,
      node_id: nodeId('Commit', commit.sha),
      url,
      html_url: `https://github.com/${r.owner}/${r.name}/commit/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      tree: { sha: commit.treeSha, url: `${c.base}/repos/${r.owner}/${r.name}/git/trees/${commit.treeSha}` },
      parents: commit.parents.map((sha) => ({
        sha,
        url: `${c.base}/repos/${r.owner}/${r.name}/git/commits/${sha}`,
        html_url: `https://github.com/${r.owner}/${r.name}/commit/${sha}`,
      })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    }
  }

  /** `GET .../git/trees/{tree_sha}`: a tree sha, a commit sha or a branch name; `recursive` lists every level. */
  private getTree(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/git/trees#get-a-tree`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const name = c.p.tree_sha!
    const commit = r.commits.get(r.branches.get(name) ?? name)
    const sha = commit?.treeSha ?? name
    const files = this.treeFiles(r, sha)
    if (!files) return notFound(doc)
    const recursive = c.req.url.searchParams.has('recursive')
    return json(200, this.gitTree(c, r, sha, files, recursive))
  }

  /** `POST .../git/trees`: `base_tree` plus entries; an entry's `content` makes its blob, `sha: null` deletes. */
  private createTree(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/git/trees#create-a-tree`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const b = (c.body ?? {}) as {
      base_tree?: string
      tree?: { path?: string; mode?: string; type?: string; sha?: string | null; content?: string }[]
    }
    if (!Array.isArray(b.tree)) return invalidRequest('"tree" wasn\'t supplied.', doc)
    const base = b.base_tree ? this.treeFiles(r, b.base_tree) : new Map<string, Blob>()
    if (!base) return basic(422, 'base_tree is not a valid tree oid', doc)
    const files = new Map(base)
    for (const e of b.tree) {
      if (!e.path || e.type !== 'blob' || !['100644', '100755'].includes(e.mode ?? ''))
        return basic(422, 'GitRPC::BadObjectState', doc)
      if (e.content !== undefined) {
        const content = Buffer.from(e.content, 'utf8')
        const blob = { sha: gitBlobSha(content), content }
        this.gitBlobs.set(`${`${r.owner}/${r.name}`.toLowerCase()} ${blob.sha}`, blob)
        files.set(e.path, blob)
      } else if (e.sha === null) files.delete(e.path)
      else {
        const blob = e.sha ? this.findBlob(r, e.sha) : undefined
        if (!blob) return basic(422, `tree.sha ${e.sha} is not a valid blob`, doc)
        files.set(e.path, blob)
      }
    }
    const sha = this.rememberTree(r, files)
    return json(201, this.gitTree(c, r, sha, files, false))
  }

  private getGitCommit(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/git/commits#get-a-commit-object`
    const r = this.repo(c)
    const commit = r?.commits.get(c.p.commit_sha!)
    return r && commit ? json(200, this.gitCommit(c, r, commit)) : notFound(doc)
  }

  private createGitCommit(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/git/commits#create-a-commit`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const b = (c.body ?? {}) as { message?: string; tree?: string; parents?: string[] }
    if (typeof b.message !== 'string') return invalidRequest('"message" wasn\'t supplied.', doc)
    const files = b.tree ? this.treeFiles(r, b.tree) : undefined
    if (!files) return basic(422, 'Tree SHA does not exist', doc)
    const parents = b.parents ?? []
    if (parents.some((p) => !r.commits.has(p)))
      return basic(422, 'Parent SHA does not exist or is not a commit object', doc)
    return json(201, this.gitCommit(c, r, this.newCommit(r, b.tree!, parents, b.message, files)))
  }

  private newCommit(r: RepoState, treeSha: string, parents: string[], message: string, files: Map<string, Blob>) {
    const at = this.now()
    const commit = {
      sha: sha1(`${treeSha}\n${parents.join(',')}\n${message}\n${at}\n${r.commits.size}`),
      treeSha,
      parents,
      message,
      at,
      author: { name: this.viewer.login, email: `${this.viewer.id}+${this.viewer.login}@users.noreply.github.com` },
      files: new Map(files),
    }
    r.commits.set(commit.sha, commit)
    return commit
  }

  /** GraphQL createCommitOnBranch: GitHub's answers for a missing branch, a moved head, a missing path. */
  private commitUrl(r: RepoState, sha: string) {
    return `https://github.com/${r.owner}/${r.name}/commit/${sha}`
  }

  private commitOnBranch(
    change: Parameters<GraphqlData['commitOnBranch']>[0],
  ): ReturnType<GraphqlData['commitOnBranch']> {
    const r = this.repos.get(change.repository.toLowerCase())
    if (!r) throw new TypedError('NOT_FOUND', `Could not resolve to a Repository with the name '${change.repository}'.`)
    const head = r.branches.get(change.branch)
    if (!head)
      throw new TypedError(
        'NOT_FOUND',
        `A ref named "refs/heads/${change.branch}" does not exist in ${change.repository}.`,
      )
    if (change.expectedHead !== head)
      throw new TypedError(
        'STALE_DATA',
        `Expected branch to point to "${change.expectedHead}" but it did not. Pull and try again.`,
      )
    const files = new Map(r.commits.get(head)!.files)
    for (const path of change.deletions)
      if (!files.delete(path))
        throw new TypedError(
          'UNPROCESSABLE',
          `A path was requested for deletion which does not exist as of commit oid \`${head}\`.`,
        )
    for (const a of change.additions) files.set(a.path, { sha: gitBlobSha(a.contents), content: a.contents })
    const commit = this.newCommit(r, this.rememberTree(r, files), [head], change.message, files)
    r.branches.set(change.branch, commit.sha)
    r.pushedAt = this.now()
    return { oid: commit.sha, url: this.commitUrl(r, commit.sha), tree: commit.treeSha }
  }

  /** `PATCH .../git/refs/{ref}`: without `force`, only a fast-forward (the branch's head is an ancestor). */
  private updateRef(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/git/refs#update-a-reference`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const ref = c.p.ref!
    const branch = ref.startsWith('heads/') ? ref.slice('heads/'.length) : undefined
    const head = branch ? r.branches.get(branch) : undefined
    if (!branch || !head) return basic(422, 'Reference does not exist', doc)
    const b = (c.body ?? {}) as { sha?: string; force?: boolean }
    if (!b.sha || !r.commits.has(b.sha)) return basic(422, 'Object does not exist', doc)
    if (!b.force && !this.descends(r, b.sha, head)) return basic(422, 'Update is not a fast forward', doc)
    r.branches.set(branch, b.sha)
    r.pushedAt = this.now()
    return json(200, gitRef(c.base, r, `refs/${ref}`, b.sha))
  }

  private descends(r: RepoState, sha: string, ancestor: string): boolean {
    const seen = new Set<string>()
    const queue = [sha]
    while (queue.length) {
      const next = queue.pop()!
      if (next === ancestor) return true
      if (seen.has(next)) continue
      seen.add(next)
      queue.push(...(r.commits.get(next)?.parents ?? []))
    }
    return false
  }

  private getBlob(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/git/blobs#get-a-blob`
    const r = this.repo(c)
    const blob = r ? this.findBlob(r, c.p.file_sha!) : undefined
    if (!r || !blob) return notFound(doc)
    this.blobsAnswered++
    return json(200, {
      sha: blob.sha,
      node_id: nodeId('Blob', blob.sha),
      size: blob.content.length,
      url: `${c.base}/repos/${r.owner}/${r.name}/git/blobs/${blob.sha}`,
      content: wrap60(blob.content.toString('base64')),
      encoding: 'base64',
    })
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
      // A conditional request whose ETag still matches is answered 304 without a body.
      const etag = `W/"${sha1(`${at.name} ${path} ${blob.sha}`)}"`
      if (String(c.req.headers['if-none-match'] ?? '') === etag) return { status: 304, headers: { etag } }
      return json(
        200,
        {
          ...contentItem(c.base, r, path, at.name, blob.sha, blob.content.length, 'file'),
          // Over 1 MB the JSON form carries no content (docs: use the raw media type).
          content: big ? '' : wrap60(blob.content.toString('base64')),
          encoding: big ? 'none' : 'base64',
        },
        { etag },
      )
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

  /**
   * `POST /repos/{owner}/{repo}/dispatches`: 204 and the event recorded for the runner. GitHub's limits: an
   * event_type of 1-100 characters, at most 10 top-level client_payload keys, the payload under 64 KB.
   */
  private createDispatch(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/repos/repos#create-a-repository-dispatch-event`
    const r = this.repo(c)
    if (!r) return notFound(doc)
    const b = (c.body ?? {}) as { event_type?: unknown; client_payload?: unknown }
    if (typeof b.event_type !== 'string' || b.event_type.length < 1 || b.event_type.length > 100)
      return invalidRequest(`For 'properties/event_type', the value must be a string of 1 to 100 characters.`, doc)
    const payload = b.client_payload ?? {}
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
      return invalidRequest(`For 'properties/client_payload', the value is not an object.`, doc)
    const keys = Object.keys(payload).length
    if (keys > 10) return invalidRequest(`No more than 10 properties are allowed; ${keys} were supplied.`, doc)
    if (Buffer.byteLength(JSON.stringify(payload)) >= 65_536)
      return invalidRequest('client_payload must be less than 64KB.', doc)
    const token = /^(?:token|bearer)\s+(\S+)/i.exec(String(c.req.headers.authorization ?? ''))?.[1]
    const installation = token
      ? this.installations.get(this.installationTokens.get(token)?.installation ?? -1)
      : undefined
    const who = this.actor(c)
    const sender = { login: who.login, id: who.id, type: who.type ?? 'User' }
    this.dispatchLog.push({
      owner: r.owner,
      repo: r.name,
      at: iso(this.now()),
      event: {
        action: b.event_type,
        branch: r.defaultBranch,
        client_payload: structuredClone(payload as Record<string, unknown>),
        repository: {
          id: r.id,
          name: r.name,
          full_name: `${r.owner}/${r.name}`,
          private: r.private,
          owner: { login: r.owner },
          default_branch: r.defaultBranch,
        },
        sender,
        ...(installation ? { installation: { id: installation.id } } : {}),
      },
    })
    return noContent()
  }

  /**
   * `POST /app/installations/{installation_id}/access_tokens`, authenticated with the App's JWT: RS256 under
   * the registered public key, `iss` the App id (or client id), `iat` not in the future (60 s drift allowed),
   * `exp` in the future and at most 10 minutes after `iat`. Answers with a one-hour installation token.
   */
  private createInstallationToken(this: GitHubEmulator, c: Ctx): Reply {
    const doc = `${DOCS}/apps/apps#create-an-installation-access-token-for-an-app`
    const jwt = /^bearer\s+(\S+)$/i.exec(String(c.req.headers.authorization ?? ''))?.[1]
    const claims = jwt ? this.appJwt(jwt) : { error: 'A JSON web token could not be decoded' }
    if ('error' in claims) return basic(401, claims.error, doc)
    const inst = this.installations.get(Number(c.p.installation_id))
    if (!inst || inst.app.id !== claims.app.id) return notFound(doc)
    const b = (c.body ?? {}) as {
      repositories?: string[]
      repository_ids?: number[]
      permissions?: Record<string, string>
    }
    const owned = [...this.repos.values()].filter((r) => r.owner.toLowerCase() === inst.account.toLowerCase())
    const names = b.repositories ?? []
    const ids = b.repository_ids ?? []
    const selected = owned.filter(
      (r) => names.some((n) => n.toLowerCase() === r.name.toLowerCase()) || ids.includes(r.id),
    )
    if (selected.length !== new Set([...names.map((n) => n.toLowerCase()), ...ids]).size)
      return validationFailed(
        [
          {
            resource: 'Installation',
            code: 'invalid',
            field: 'repositories',
            message:
              'There is at least one repository that does not exist or is not accessible to the parent installation.',
          },
        ],
        doc,
      )
    const granted = inst.app.permissions
    const rank = { read: 1, write: 2, admin: 3 } as Record<string, number>
    const asked = b.permissions ?? granted
    for (const [k, v] of Object.entries(asked))
      if (!granted[k] || (rank[v] ?? 9) > (rank[granted[k]] ?? 0))
        return validationFailed(
          [
            {
              resource: 'Installation',
              code: 'invalid',
              field: 'permissions',
              message: 'The permissions requested are not granted to this installation.',
            },
          ],
          doc,
        )
    const token = `ghs_${randomBytes(18).toString('base64url').replace(/[-_]/g, '0')}`
    const expiresAt = Date.now() + 3_600_000
    this.installationTokens.set(token, { installation: inst.id, expiresAt })
    return json(201, {
      token,
      expires_at: iso(expiresAt),
      permissions: asked,
      repository_selection: selected.length ? 'selected' : 'all',
      ...(selected.length ? { repositories: selected.map((r) => fullRepository(c.base, r)) } : {}),
    })
  }

  /** The App a JWT authenticates, or GitHub's 401 message. Times are wall-clock: the JWT's issuer reads one. */
  private appJwt(jwt: string): { app: AppRec } | { error: string } {
    const undecodable = { error: 'A JSON web token could not be decoded' }
    const parts = jwt.split('.')
    if (parts.length !== 3) return undecodable
    let header: { alg?: unknown }
    let claims: { iat?: unknown; exp?: unknown; iss?: unknown }
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'))
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'))
    } catch {
      return undecodable
    }
    if (header.alg !== 'RS256') return undecodable
    const app = [...this.installations.values()]
      .map((i) => i.app)
      .find((a) => String(a.id) === String(claims.iss) || (a.clientId !== undefined && a.clientId === claims.iss))
    if (!app) return undecodable
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`)
    if (!verifySignature('RSA-SHA256', signed, app.publicKey, Buffer.from(parts[2]!, 'base64url')))
      return { error: 'A JSON web token could not be decoded' }
    const now = Math.floor(Date.now() / 1000)
    if (!Number.isInteger(claims.iat) || (claims.iat as number) > now + 60)
      return {
        error: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.",
      }
    if (!Number.isInteger(claims.exp) || (claims.exp as number) <= now)
      return {
        error:
          "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.",
      }
    if ((claims.exp as number) - (claims.iat as number) > 600)
      return { error: "'Expiration time' claim ('exp') is too far in the future." }
    return { app }
  }

  private commitFile(r: RepoState, branch: string, path: string, content: Buffer, message: string) {
    const parent = r.branches.get(branch)!
    const files = new Map(r.commits.get(parent)!.files)
    files.set(path, { sha: gitBlobSha(content), content })
    const treeSha = treeShaOf(files)
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
