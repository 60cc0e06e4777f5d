// A SCIM 2.0 service provider (RFC 7643/7644) on scimmy + scimmy-routers with an in-memory store: the
// target onramp provisions apps through (Users, Groups, filters, PATCH, ListResponse, SCIM errors).
// Facts and the library's gaps this fills: docs/reference/external-apis.md §5.
//
// scimmy is a process-wide singleton: resource types and their handlers are declared once per process,
// and each emulator reaches its own store through scimmy-routers' per-request `context`. scimmy also keeps
// one base path per resource type; every answer's `meta.location` is rewritten to this emulator's origin,
// so several SCIM emulators can share the process.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import express from 'express'
import SCIMMY from 'scimmy'
import SCIMMYRouters from 'scimmy-routers'
import {
  type Emulator,
  type Kernel,
  markLimited,
  type Reply,
  type RouteInfo,
  Router,
  type SandboxRequest,
  TokenBucket,
} from '../kernel/index.js'
import { AWS_PAGE_MAX, awsFilter, decodeCursor, encodeCursor, patchGroupRefusal, userRefusal } from './scim-aws.js'

export interface ScimLimits {
  enabled: boolean
  /** Mutating requests per minute (Slack's SCIM API allows 600 writes a minute). */
  writesPerMinute?: number
  /** Reads per minute; unlimited when absent. */
  readsPerMinute?: number
}

export interface ScimOptions {
  /** Emulator name in the log (several SCIM targets may run side by side). Default `scim`. */
  name?: string
  /** Accepted `Authorization: Bearer <token>` values; default `['sandbox-scim-token']`. */
  tokens?: string[]
  /** Where the SCIM endpoints are mounted; default `/scim/v2`. */
  basePath?: string
  limits?: ScimLimits
  /**
   * Which provider's behaviour to show. `generic` (default): RFC 7644 as scimmy implements it.
   * `aws-identity-center`: IAM Identity Center's SCIM implementation (its developer guide): groups are returned
   * with an empty member list; filters are `eq` only, with `and` only in ListGroups' `id` + `members` pair;
   * ListUsers takes userName, externalId or id, ListGroups displayName, externalId or id; at most 100 results a
   * page, further pages by `cursor`; PATCH of a group may not replace or remove all members, changes at most 100
   * memberships and touches only displayName, members and externalId; a user has at most one email; no /Bulk,
   * /Me or /.search. Switchable at run time through `POST /__sandbox/profile`.
   */
  profile?: ScimProfile
}

export type ScimProfile = 'generic' | 'aws-identity-center'
export const SCIM_PROFILES: readonly ScimProfile[] = ['generic', 'aws-identity-center']

export interface ScimUserSeed {
  id?: string
  userName: string
  externalId?: string
  active?: boolean
  displayName?: string
  name?: { givenName?: string; familyName?: string; formatted?: string }
  emails?: { value: string; type?: string; primary?: boolean }[]
  [attr: string]: unknown
}

/** Seed shape: users as SCIM attributes; groups with members by userName. */
export interface ScimSeed {
  users?: ScimUserSeed[]
  groups?: { id?: string; displayName: string; externalId?: string; members?: string[] }[]
}

type Stored = Record<string, any> & { id: string; meta: { created: string; lastModified: string } }

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error'

/** One emulator's resources; scimmy's handlers reach it through the request context. */
class ScimStore {
  readonly users = new Map<string, Stored>()
  readonly groups = new Map<string, Stored>()
  constructor(private readonly now: () => number) {}

  stamp(existing?: Stored): { created: string; lastModified: string } {
    const t = new Date(this.now()).toISOString()
    return { created: existing?.meta.created ?? t, lastModified: t }
  }

  list(kind: 'users' | 'groups', res: any): Stored | Stored[] {
    const map = this[kind]
    if (res.id) {
      const found = map.get(res.id)
      if (!found) throw scimFail(404, null, `Resource ${res.id} not found`)
      return clone(found)
    }
    const all = [...map.values()].map(clone)
    return res.filter ? matchFilter(res.filter, all) : all
  }

  upsertUser(res: any, instance: any): Stored {
    const data = clone(instance)
    const existing = res.id ? this.users.get(res.id) : undefined
    if (res.id && !existing) throw scimFail(404, null, `Resource ${res.id} not found`)
    const lower = String(data.userName).toLowerCase()
    for (const u of this.users.values()) {
      // userName is unique and not case-exact (RFC 7643 §4.1.1).
      if (u.id !== res.id && String(u.userName).toLowerCase() === lower) {
        throw scimFail(409, 'uniqueness', `Primary key userName "${data.userName}" is already in use`)
      }
    }
    const id = existing?.id ?? randomUUID()
    const stored: Stored = { ...data, id, active: data.active ?? true, meta: this.stamp(existing) }
    delete stored.schemas
    this.users.set(id, stored)
    for (const g of this.groups.values()) {
      for (const m of g.members ?? []) if (m.value === id) m.display = stored.displayName ?? stored.userName
    }
    return clone(stored)
  }

  upsertGroup(res: any, instance: any): Stored {
    const data = clone(instance)
    const existing = res.id ? this.groups.get(res.id) : undefined
    if (res.id && !existing) throw scimFail(404, null, `Resource ${res.id} not found`)
    const members = (data.members ?? []).map((m: any) => {
      const user = this.users.get(m.value)
      if (!user) throw scimFail(400, 'invalidValue', `No user with id ${m.value} for group members`)
      return { value: user.id, display: user.displayName ?? user.userName, type: 'User' }
    })
    const id = existing?.id ?? randomUUID()
    const stored: Stored = { ...data, id, members, meta: this.stamp(existing) }
    delete stored.schemas
    this.groups.set(id, stored)
    return clone(stored)
  }

  remove(kind: 'users' | 'groups', id: string): void {
    if (!this[kind].delete(id)) throw scimFail(404, null, `Resource ${id} not found`)
    if (kind === 'users') {
      for (const g of this.groups.values()) g.members = (g.members ?? []).filter((m: any) => m.value !== id)
    }
  }
}

// Multi-valued attributes compared without a sub-attribute compare their `value` (RFC 7644 §3.4.2.2);
// userName and email values are not case-exact (RFC 7643 §4.1), so both sides compare in lower case.
const MULTI_VALUED = new Set(['emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'members', 'groups', 'roles'])
const CASE_INSENSITIVE: Record<string, string | true> = { userName: true, emails: 'value' }

function lowerOperand(cmp: unknown): unknown {
  if (!Array.isArray(cmp)) return cmp
  const last = cmp.at(-1)
  return typeof last === 'string' && cmp.length > 1 && last.toLowerCase() !== 'pr'
    ? [...cmp.slice(0, -1), last.toLowerCase()]
    : cmp
}

function normalizeExpression(expr: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [attr, raw] of Object.entries(expr)) {
    let v = MULTI_VALUED.has(attr) && Array.isArray(raw) ? { value: raw } : raw
    const ci = CASE_INSENSITIVE[attr]
    if (ci === true) v = lowerOperand(v)
    else if (ci && v && typeof v === 'object' && !Array.isArray(v)) {
      v = { ...(v as Record<string, unknown>), [ci]: lowerOperand((v as Record<string, unknown>)[ci]) }
    }
    out[attr] = v
  }
  return out
}

function matchFilter(filter: Record<string, unknown>[], all: Stored[]): Stored[] {
  const normalized = new SCIMMY.Types.Filter([...filter].map(normalizeExpression) as any)
  const shadows = all.map((r) => {
    const shadow = clone(r)
    if (typeof shadow.userName === 'string') shadow.userName = shadow.userName.toLowerCase()
    if (Array.isArray(shadow.emails)) {
      shadow.emails = shadow.emails.map((e: any) => ({ ...e, value: String(e?.value ?? '').toLowerCase() }))
    }
    return shadow
  })
  const kept = new Set(normalized.match(shadows).map((x: Stored) => x.id))
  return all.filter((r) => kept.has(r.id))
}

/** scimmy's error type; a null scimType leaves it out of the answer. */
const scimFail = (status: number, scimType: string | null, message: string) =>
  new SCIMMY.Types.Error(status, scimType as string, message)

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v))

let declared = false
/** Declares User and Group once per process; the handlers act on the store carried by the request context. */
function declareResources(): void {
  if (declared) return
  declared = true
  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .egress((res: any, ctx: ScimStore) => ctx.list('users', res) as any)
    .ingress((res: any, instance: any, ctx: ScimStore) => ctx.upsertUser(res, instance) as any)
    .degress((res: any, ctx: ScimStore) => ctx.remove('users', res.id))
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .egress((res: any, ctx: ScimStore) => ctx.list('groups', res) as any)
    .ingress((res: any, instance: any, ctx: ScimStore) => ctx.upsertGroup(res, instance) as any)
    .degress((res: any, ctx: ScimStore) => ctx.remove('groups', res.id))
}

export class ScimEmulator implements Emulator {
  readonly name: string
  private readonly store: ScimStore
  private readonly app: express.Express
  private readonly router = new Router<null>()
  private readonly basePath: string
  private readonly tokens: Set<string>
  private readonly writes: TokenBucket
  private readonly reads?: TokenBucket
  private profile: ScimProfile
  /** Requests answered in cursor form (aws-identity-center ListUsers/ListGroups with `cursor`). */
  private readonly cursorPaged = new WeakSet<IncomingMessage>()

  constructor(
    readonly options: ScimOptions,
    kernel: Kernel,
  ) {
    this.name = options.name ?? 'scim'
    this.basePath = (options.basePath ?? '/scim/v2').replace(/\/$/, '')
    this.tokens = new Set(options.tokens ?? ['sandbox-scim-token'])
    this.store = new ScimStore(() => kernel.clock.now())
    this.profile = checkProfile(options.profile ?? 'generic')
    const enabled = options.limits?.enabled ?? false
    this.writes = new TokenBucket(options.limits?.writesPerMinute ?? 600, 60_000, kernel.clock, 'rolling', enabled)
    if (options.limits?.readsPerMinute) {
      this.reads = new TokenBucket(options.limits.readsPerMinute, 60_000, kernel.clock, 'rolling', enabled)
    }
    for (const kind of ['Users', 'Groups']) {
      this.router
        .on('GET', `/${kind}`, null)
        .on('POST', `/${kind}`, null)
        .on('GET', `/${kind}/{id}`, null)
        .on('PUT', `/${kind}/{id}`, null)
        .on('PATCH', `/${kind}/{id}`, null)
        .on('DELETE', `/${kind}/{id}`, null)
        .on('POST', `/${kind}/.search`, null, { mutating: false })
    }
    this.router
      .on('POST', '/.search', null, { mutating: false })
      .on('POST', '/Bulk', null)
      .on('GET', '/ServiceProviderConfig', null)
      .on('GET', '/Schemas', null)
      .on('GET', '/Schemas/{id}', null)
      .on('GET', '/ResourceTypes', null)
      .on('GET', '/ResourceTypes/{id}', null)
      .on('GET', '/Me', null)

    declareResources()
    this.app = express()
    this.app.disable('x-powered-by')
    // Express 5 parses `req.query` afresh on every read, so scimmy-routers' cast of startIndex/count to
    // numbers is lost and paging would be ignored: parse them as numbers here.
    this.app.set('query parser', (qs: string) => {
      const out: Record<string, string | number> = Object.fromEntries(new URLSearchParams(qs))
      for (const k of ['startIndex', 'count']) {
        const v = out[k]
        if (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v))) out[k] = Number(v)
      }
      return out
    })
    this.app.use((req, res, next) => this.fixLocations(req, res, next))
    this.app.use(
      this.basePath,
      express.json({ type: ['application/scim+json', 'application/json'] }),
      (req, res, next) => this.awsWriteChecks(req, res, next),
    )
    // SCIMMY's config is one per process and each SCIMMYRouters appends its scheme: without the reset, a process
    // that starts a second emulator would describe the one bearer scheme twice.
    SCIMMY.Config.set('authenticationSchemes', [])
    this.app.use(
      this.basePath,
      new SCIMMYRouters({
        type: 'bearer',
        handler: (req) => {
          const auth = req.header('authorization') ?? ''
          const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]
          if (!token || !this.tokens.has(token)) throw new Error('Authorization failure')
          return undefined as unknown as string
        },
        context: () => this.store,
        baseUri: (req) => `http://${req.headers.host}`,
      }),
    )
    this.app.use((_req, res) => {
      res.status(404).type('application/scim+json').json(scimError(404, 'Endpoint Not Found'))
    })
  }

  // ---- Emulator ----

  route(req: SandboxRequest): RouteInfo | undefined {
    if (!req.path.startsWith(`${this.basePath}/`)) return undefined
    const r = this.router.match(req.method, req.path.slice(this.basePath.length))
    return r && { id: r.id, mutating: r.mutating, params: r.params }
  }

  handle(): Reply {
    // Every request goes through `raw`.
    return this.errorReply(500, 'sandbox: SCIM requests are served by raw()')
  }

  raw(req: IncomingMessage, res: ServerResponse): void {
    const method = (req.method ?? 'GET').toUpperCase()
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const route = this.router.match(method, path.slice(this.basePath.length))
    const mutating = route ? route.mutating : !['GET', 'HEAD', 'OPTIONS'].includes(method)
    const bucket = mutating ? this.writes : this.reads
    const take = bucket?.take()
    if (take && !take.ok) {
      markLimited(res)
      const retryAfter = Math.max(1, Math.ceil(take.retryAfterMs / 1000))
      const body = JSON.stringify(scimError(429, 'Too many requests'))
      res.writeHead(429, {
        'content-type': 'application/scim+json; charset=utf-8',
        'retry-after': String(retryAfter),
        'content-length': String(Buffer.byteLength(body)),
      })
      res.end(body)
      return
    }
    if (this.profile === 'aws-identity-center' && this.awsRead(req, res)) return
    this.app(req as express.Request, res as express.Response)
  }

  control(method: string, what: string, input: any): unknown {
    if (what !== 'profile') return undefined
    if (method === 'POST') this.profile = checkProfile(input?.profile)
    return { profile: this.profile }
  }

  errorReply(status: number, message: string): Reply {
    return {
      status,
      headers: {
        'content-type': 'application/scim+json; charset=utf-8',
        ...(status === 429 || status === 503 ? { 'retry-after': '1' } : {}),
      },
      body: scimError(status, message),
    }
  }

  state(): { users: Stored[]; groups: Stored[] } {
    return { users: [...this.store.users.values()].map(clone), groups: [...this.store.groups.values()].map(clone) }
  }

  seed(data: unknown): void {
    const seed = (data ?? {}) as ScimSeed
    for (const u of seed.users ?? []) {
      const instance = new SCIMMY.Schemas.User({ ...u, id: undefined }, 'in')
      const stored = this.store.upsertUser({}, instance)
      if (u.id) this.rekey('users', stored.id, u.id)
    }
    for (const g of seed.groups ?? []) {
      const members = (g.members ?? []).map((userName) => {
        const user = this.user(userName)
        if (!user) throw new Error(`scim seed: no user ${userName} for group ${g.displayName}`)
        return { value: user.id }
      })
      const instance = new SCIMMY.Schemas.Group({ displayName: g.displayName, externalId: g.externalId, members }, 'in')
      const stored = this.store.upsertGroup({}, instance)
      if (g.id) this.rekey('groups', stored.id, g.id)
    }
  }

  // ---- in-process helpers ----

  /** A user by id or userName (case-insensitive). */
  user(idOrUserName: string): Stored | undefined {
    const u =
      this.store.users.get(idOrUserName) ??
      [...this.store.users.values()].find((x) => String(x.userName).toLowerCase() === idOrUserName.toLowerCase())
    return u && clone(u)
  }

  /** A group by id or displayName. */
  group(idOrName: string): Stored | undefined {
    const g = this.store.groups.get(idOrName) ?? [...this.store.groups.values()].find((x) => x.displayName === idOrName)
    return g && clone(g)
  }

  /** userNames of a group's members. */
  groupMembers(idOrName: string): string[] {
    const g = this.group(idOrName)
    return (g?.members ?? []).map((m: any) => this.store.users.get(m.value)?.userName ?? m.value)
  }

  /** Empties the store (scimmy's declarations stay, being process-wide). */
  reset(): void {
    this.store.users.clear()
    this.store.groups.clear()
  }

  // ---- internals ----

  /**
   * IAM Identity Center's reads: refuses unsupported filters and page sizes, answers the `id` + `members`
   * membership filter itself, and turns `cursor` into scimmy's startIndex. True when it answered.
   */
  private awsRead(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const rel = url.pathname.slice(this.basePath.length)
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body)
      res.writeHead(status, {
        'content-type': 'application/scim+json; charset=utf-8',
        'content-length': String(Buffer.byteLength(text)),
      })
      res.end(text)
      return true
    }
    if (['/Bulk', '/Me', '/.search', '/Users/.search', '/Groups/.search'].includes(rel)) {
      return send(404, scimError(404, 'Endpoint Not Found'))
    }
    const kind = rel === '/Users' ? 'Users' : rel === '/Groups' ? 'Groups' : undefined
    if (req.method !== 'GET' || !kind) return false
    const q = url.searchParams
    const count = q.has('count') ? Number(q.get('count')) : AWS_PAGE_MAX
    if (!Number.isInteger(count) || count < 1 || count > AWS_PAGE_MAX) {
      return send(400, scimError(400, `count must be between 1 and ${AWS_PAGE_MAX}`, 'invalidValue'))
    }
    const filter = q.get('filter')
    if (filter !== null) {
      const f = awsFilter(kind, filter)
      if (f.kind === 'unsupported') {
        return send(
          400,
          scimError(
            400,
            `${kind === 'Users' ? 'ListUsers' : 'ListGroups'} does not support this filter`,
            'invalidFilter',
          ),
        )
      }
      if (f.kind === 'member') {
        if (!this.store.users.has(f.userId)) return send(404, scimError(404, `Resource ${f.userId} not found`))
        const g = this.store.groups.get(f.groupId)
        const hit = g && (g.members ?? []).some((m: any) => m.value === f.userId)
        const Resources = hit ? [this.awsGroupView(g, `http://${req.headers.host}`)] : []
        return send(200, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: Resources.length,
          itemsPerPage: Resources.length,
          startIndex: 1,
          Resources,
        })
      }
    }
    if (q.has('cursor')) {
      const start = decodeCursor(q.get('cursor') ?? '')
      if (start === undefined) return send(400, scimError(400, 'cursor is not valid', 'invalidValue'))
      q.delete('cursor')
      q.set('startIndex', String(start))
      this.cursorPaged.add(req)
    } else {
      q.delete('startIndex') // not supported: the first page only
    }
    q.set('count', String(count))
    req.url = `${url.pathname}?${q.toString()}`
    return false
  }

  private awsGroupView(g: Stored, origin: string) {
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: g.id,
      ...(g.externalId ? { externalId: g.externalId } : {}),
      displayName: g.displayName,
      members: [],
      meta: { resourceType: 'Group', ...g.meta, location: `${origin}${this.basePath}/Groups/${g.id}` },
    }
  }

  /** IAM Identity Center's write refusals (PatchGroup's and the users' single-valued emails). */
  private awsWriteChecks(req: express.Request, res: express.Response, next: express.NextFunction): void {
    if (this.profile !== 'aws-identity-center') {
      next()
      return
    }
    const refusal =
      req.method === 'PATCH' && /^\/Groups\/[^/]+$/.test(req.path)
        ? patchGroupRefusal(req.body)
        : (req.method === 'POST' && req.path === '/Users') ||
            (req.method === 'PUT' && /^\/Users\/[^/]+$/.test(req.path))
          ? userRefusal(req.body)
          : undefined
    if (!refusal) {
      next()
      return
    }
    res
      .status(400)
      .type('application/scim+json')
      .json(scimError(400, refusal, 'invalidValue'))
  }

  private rekey(kind: 'users' | 'groups', from: string, to: string): void {
    const map = this.store[kind]
    const v = map.get(from)!
    map.delete(from)
    v.id = to
    map.set(to, v)
  }

  /** Rewrites `meta.location` to this emulator's origin and adds `Location` to 201s (RFC 7644 §3.3). */
  private fixLocations(req: express.Request, res: express.Response, next: express.NextFunction): void {
    const origin = `http://${req.headers.host}${this.basePath}`
    const json = res.json.bind(res)
    res.json = (body: unknown) => {
      let out = body && typeof body === 'object' ? clone(body as Record<string, any>) : body
      const fix = (r: any) => {
        if (!r?.meta?.resourceType || !r.id) return
        const endpoint = r.meta.resourceType === 'Group' ? 'Groups' : r.meta.resourceType === 'User' ? 'Users' : null
        if (endpoint) r.meta.location = `${origin}/${endpoint}/${r.id}`
      }
      if (out && typeof out === 'object') {
        let o = out as Record<string, any>
        fix(o)
        if (Array.isArray(o.Resources)) o.Resources.forEach(fix)
        if (this.profile === 'aws-identity-center') {
          // GetGroup and ListGroups return an empty member list.
          const empty = (r: any) => {
            if (r?.meta?.resourceType === 'Group') r.members = []
          }
          empty(o)
          if (Array.isArray(o.Resources)) o.Resources.forEach(empty)
          if (this.cursorPaged.has(req) && Array.isArray(o.Resources)) {
            const next = o.startIndex + o.itemsPerPage
            o = {
              schemas: o.schemas,
              itemsPerPage: o.itemsPerPage,
              ...(next <= o.totalResults ? { nextCursor: encodeCursor(next) } : {}),
              Resources: o.Resources,
            }
            out = o
          }
        }
        if (res.statusCode === 201 && o.meta?.location) res.location(o.meta.location)
        // RFC 6750 §3: a refused bearer token is answered with a challenge.
        if (res.statusCode === 401) res.set('www-authenticate', 'Bearer realm="scim"')
      }
      return json(out)
    }
    next()
  }
}

function checkProfile(profile: unknown): ScimProfile {
  if (SCIM_PROFILES.includes(profile as ScimProfile)) return profile as ScimProfile
  throw new Error(`scim profile must be one of ${SCIM_PROFILES.join(', ')}`)
}

function scimError(status: number, detail: string, scimType?: string) {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail }
}
