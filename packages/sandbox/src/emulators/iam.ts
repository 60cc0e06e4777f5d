// AWS IAM emulator: the awsQuery protocol (form-encoded POST /, XML in the 2010-05-08 namespace) for the user,
// group and managed-policy operations onramp's grant-aws adapter makes, with IAM's quotas, error codes and
// statuses, an optional request-rate throttle and an optional eventual-consistency window.
import { randomUUID } from 'node:crypto'
import {
  type Emulator,
  type FaultResponse,
  type Kernel,
  type Reply,
  type RouteInfo,
  type SandboxRequest,
  seeded,
  snapshotFields,
  TokenBucket,
} from '../kernel/index.js'
import { evaluate, type PolicySource, type RequestContext, statements } from './iam-policy.js'

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/'

export interface IamQuotas {
  users: number
  groupsPerUser: number
  policiesPerUser: number
  tagsPerUser: number
  accessKeysPerUser: number
}

/** IAM user guide, reference_iam-quotas: default (unadjusted) values. */
export const IAM_DEFAULT_QUOTAS: IamQuotas = {
  users: 5000,
  groupsPerUser: 10,
  policiesPerUser: 10,
  tagsPerUser: 50,
  accessKeysPerUser: 2,
}

export interface IamOptions {
  /** Default `123456789012`. */
  accountId?: string
  /** `any` (default): every `arn:aws:iam::aws:policy/...` exists; a list: only these ARNs (or names) exist. */
  awsManagedPolicies?: 'any' | string[]
  /** IAM publishes no request rate, so the throttle is off by default; refusals are `Throttling` 400. */
  limits?: { enabled: boolean; requestsPerSecond?: number; burst?: number }
  quotas?: Partial<IamQuotas>
  /**
   * Reads (Get*, List*) see the account as it was `windowMs` ago on the sandbox clock. With `writes`, a
   * mutation naming a user, group or policy that reads cannot see yet fails with NoSuchEntity too (as
   * AttachUserPolicy right after CreateUser can).
   */
  consistency?: { windowMs: number; writes?: boolean }
  /** Seed of the generator behind ids and keys, so they repeat run to run. */
  idSeed?: number
  /**
   * Documents of AWS managed policies (by ARN or name) for SimulatePrincipalPolicy. AdministratorAccess is
   * built in; any other AWS managed policy without a document here grants nothing in a simulation.
   */
  awsManagedPolicyDocuments?: Record<string, string>
  /**
   * The caller's identity policy (a JSON document, e.g. onramp's generated automation role). When set, every
   * request is authorized against it first, as IAM does, and a call it does not allow answers AccessDenied 403.
   */
  callerPolicy?: string | null
  /** The caller named in AccessDenied messages. Default: onramp's automation role session. */
  callerArn?: string
  /**
   * The access key id the caller signs with: the policy binds to that principal, and requests signed with
   * another key (or unsigned, as a test's administrator makes them) are not subject to it. Default: every request.
   */
  callerAccessKeyId?: string
}

export interface IamTag {
  Key: string
  Value: string
}

export interface IamSeedUser {
  userName: string
  path?: string
  tags?: Record<string, string> | IamTag[]
  /** Permissions-boundary policy ARN; the policy must exist (seed it first or use an AWS managed one). */
  boundary?: string
  groups?: string[]
  /** Managed policy ARNs. */
  policies?: string[]
  /** How many access keys to create (Active). */
  accessKeys?: number
  loginProfile?: boolean | { passwordResetRequired?: boolean }
  /** Inline policies by name (documents). */
  inlinePolicies?: Record<string, string>
  /** MFA devices to assign: `virtual` (a virtual device named after the user) or a hardware serial number. */
  mfaDevices?: string[]
  signingCertificates?: number
  sshPublicKeys?: number
  /** Service names, e.g. codecommit.amazonaws.com. */
  serviceSpecificCredentials?: string[]
}

export interface IamSeed {
  accountId?: string
  groups?: (string | { name: string; path?: string })[]
  /** `{arn}` of this account or AWS managed (with an optional document for simulations), or a new `{name}`. */
  policies?: (
    | { arn: string; document?: string }
    | { name: string; path?: string; description?: string; document?: string }
  )[]
  users?: IamSeedUser[]
}

/** What the in-process `user()` helper returns. */
export interface IamUserView {
  userName: string
  userId: string
  arn: string
  path: string
  tags: IamTag[]
  boundary?: string
  groups: string[]
  policies: string[]
  accessKeys: { accessKeyId: string; status: 'Active' | 'Inactive' }[]
  loginProfile: boolean
  inlinePolicies: string[]
  mfaDevices: string[]
  signingCertificates: string[]
  sshPublicKeys: string[]
  serviceSpecificCredentials: string[]
}

interface UserRec {
  userName: string
  userId: string
  path: string
  arn: string
  createDate: number
  tags: IamTag[]
  boundary?: string
  groups: string[] // group keys (lower-cased names)
  policies: string[] // policy ARNs, in attach order
  accessKeys: AccessKeyRec[]
  loginProfile?: { createDate: number; passwordResetRequired: boolean }
  inlinePolicies: Record<string, string>
  mfaDevices: { serial: string; enableDate: number }[]
  signingCertificates: CredentialRec[]
  sshPublicKeys: CredentialRec[]
  serviceSpecificCredentials: (CredentialRec & { serviceName: string; serviceUserName: string })[]
  /** When each tag, attached policy and access key was added (`tag:<key>`, `policy:<arn>`, `key:<id>`): the
   * position a Marker resumes after, which stays valid when the marker's own item is removed between pages. */
  order: Record<string, string>
}

interface GroupRec {
  groupName: string
  groupId: string
  path: string
  arn: string
  createDate: number
}

interface PolicyRec {
  policyName: string
  policyId: string
  arn: string
  path: string
  createDate: number
  updateDate: number
  description?: string
  document: string
  tags: IamTag[]
  awsManaged: boolean
}

/** A signing certificate, SSH public key or service-specific credential. */
interface CredentialRec {
  id: string
  status: 'Active' | 'Inactive'
  date: number
}

interface AccessKeyRec {
  accessKeyId: string
  status: 'Active' | 'Inactive'
  createDate: number
}

interface World {
  users: Map<string, UserRec> // key: lower-cased name (names are unique case-insensitively)
  groups: Map<string, GroupRec>
  policies: Map<string, PolicyRec> // key: ARN
  /** Virtual MFA devices by serial number (ARN); `user` is the lower-cased name it is assigned to. */
  virtualMfa: Map<string, { serial: string; user?: string; createDate: number }>
}

/** Thrown by handlers; becomes an ErrorResponse. */
export class IamError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message)
  }
}

const noSuchUser = (name: string) => new IamError('NoSuchEntity', 404, `The user with name ${name} cannot be found.`)
const noSuchGroup = (name: string) => new IamError('NoSuchEntity', 404, `The group with name ${name} cannot be found.`)
const validation = (message: string) => new IamError('ValidationError', 400, message)
const invalidInput = (message: string) => new IamError('InvalidInput', 400, message)
const limitExceeded = (message: string) => new IamError('LimitExceeded', 409, message)
const deleteConflict = (message: string) => new IamError('DeleteConflict', 409, message)

// Status → error for injected faults given only a status (and for unknown paths).
const FAULT_CODES: Record<number, [string, string]> = {
  400: ['Throttling', 'Rate exceeded'],
  403: ['InvalidClientTokenId', 'The security token included in the request is invalid.'],
  404: ['NoSuchEntity', ''],
  409: ['ConcurrentModification', ''],
  429: ['Throttling', 'Rate exceeded'],
  500: ['ServiceFailure', ''],
  503: ['ServiceUnavailable', 'Service is unable to handle request.'],
}

// Reads: Get*, List* and the simulator (it changes nothing); everything else is a write.
const READ = /^(Get|List|Simulate)/

const NAME_RE = /^[\w+=,.@-]+$/
const PATH_RE = /^\/([\u0021-\u007e]*\/)?$/
const TAG_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
const POLICY_ARN_RE = /^arn:aws:iam::(aws|\d{12}):policy(\/[\u0021-\u007e]*)?\/([\w+=,.@-]+)$/

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
}

const el = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined ? '' : `<${name}>${typeof value === 'string' ? xmlEscape(value) : String(value)}</${name}>`

/** IAM's timestamps: ISO 8601 to the second. */
const isoDate = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')

const members = (items: string[]) => items.map((i) => `<member>${i}</member>`).join('')

function tagsXml(tags: IamTag[]): string {
  return `<Tags>${members(tags.map((t) => el('Key', t.Key) + el('Value', t.Value)))}</Tags>`
}

function userXml(u: UserRec, full: boolean): string {
  let x = el('Path', u.path) + el('UserName', u.userName) + el('UserId', u.userId) + el('Arn', u.arn)
  x += el('CreateDate', isoDate(u.createDate))
  // ListUsers and GetGroup leave out the boundary and tags (API reference, ListUsers); GetUser shows them.
  if (full && u.boundary)
    x += `<PermissionsBoundary>${el('PermissionsBoundaryType', 'PermissionsBoundaryPolicy')}${el('PermissionsBoundaryArn', u.boundary)}</PermissionsBoundary>`
  if (full && u.tags.length) x += tagsXml(u.tags)
  return x
}

const groupXml = (g: GroupRec) =>
  el('Path', g.path) +
  el('GroupName', g.groupName) +
  el('GroupId', g.groupId) +
  el('Arn', g.arn) +
  el('CreateDate', isoDate(g.createDate))

interface Page<T> {
  items: T[]
  isTruncated: boolean
  marker?: string
}

/**
 * One page of `all`, which is in the order of `position` (strictly increasing strings: a lower-cased name for
 * sorted lists, the insertion stamp for lists in the order things were added). The Marker encodes the position
 * of the page's last item, so the next page starts after where that item stood even when it was removed in
 * between, and nothing after it is skipped.
 */
function paginate<T>(all: T[], position: (t: T) => string, params: URLSearchParams): Page<T> {
  const maxItems = params.get('MaxItems')
  let max = 100
  if (maxItems !== null) {
    max = Number(maxItems)
    if (!Number.isInteger(max) || max < 1 || max > 1000)
      throw validation(
        `1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value ${max < 1 ? 'greater than or equal to 1' : 'less than or equal to 1000'}`,
      )
  }
  let start = 0
  const marker = params.get('Marker')
  if (marker !== null) {
    const after = Buffer.from(marker, 'base64url').toString('utf8')
    if (!marker || !after.startsWith('p:')) throw invalidInput('Invalid Marker.')
    const last = after.slice(2)
    start = all.findIndex((t) => position(t) > last)
    if (start < 0) start = all.length
  }
  const items = all.slice(start, start + max)
  const isTruncated = start + max < all.length
  const last = items.at(-1)
  return {
    items,
    isTruncated,
    marker: isTruncated && last !== undefined ? Buffer.from(`p:${position(last)}`).toString('base64url') : undefined,
  }
}

const pageXml = (p: Page<unknown>) => el('IsTruncated', p.isTruncated) + el('Marker', p.marker)

type Handler = (p: URLSearchParams, ctx: Ctx) => string | undefined

interface Ctx {
  req: SandboxRequest
  /** What reads see: the current world, or the one `windowMs` ago. */
  view: World
}

export class IamEmulator implements Emulator {
  readonly name = 'iam'
  accountId: string
  readonly quotas: IamQuotas
  consistency: { windowMs: number; writes?: boolean }
  private world: World = { users: new Map(), groups: new Map(), policies: new Map(), virtualMfa: new Map() }
  /** Copies of the world after each write, kept while reads may still see them. */
  private history: { at: number; world: World }[] = []
  private seeding = false
  private readonly bucket: TokenBucket
  private readonly random: () => number
  private readonly awsManaged: 'any' | Set<string>
  private readonly managedDocuments = new Map<string, string>()
  private readonly handlers: Record<string, Handler>
  /** Insertion stamps for list positions (see UserRec.order). */
  private stampCount = 0
  /** The caller's identity policy; undefined authorizes everything. */
  callerPolicy: string | undefined
  callerArn: string
  callerAccessKeyId: string | undefined

  constructor(
    options: IamOptions,
    private readonly kernel: Kernel,
  ) {
    this.accountId = options.accountId ?? '123456789012'
    this.quotas = { ...IAM_DEFAULT_QUOTAS, ...options.quotas }
    this.consistency = options.consistency ?? { windowMs: 0 }
    const rps = options.limits?.requestsPerSecond ?? 20
    const burst = options.limits?.burst ?? rps
    this.bucket = new TokenBucket(
      burst,
      (burst / rps) * 1000,
      kernel.clock,
      'rolling',
      options.limits?.enabled ?? false,
    )
    this.random = seeded(options.idSeed ?? 2010_05_08)
    if (options.callerPolicy) this.document_(options.callerPolicy)
    this.callerPolicy = options.callerPolicy ?? undefined
    this.callerArn = options.callerArn ?? `arn:aws:sts::${this.accountId}:assumed-role/onramp-automation/onramp`
    this.callerAccessKeyId = options.callerAccessKeyId
    const managed = options.awsManagedPolicies ?? 'any'
    this.awsManaged = managed === 'any' ? 'any' : new Set(managed.map(awsManagedArn))
    this.managedDocuments.set(awsManagedArn('AdministratorAccess'), ADMINISTRATOR_ACCESS)
    for (const [k, doc] of Object.entries(options.awsManagedPolicyDocuments ?? {}))
      this.managedDocuments.set(awsManagedArn(k), doc)
    this.handlers = {
      CreateUser: (p) => this.createUser(p),
      GetUser: (p, c) => this.getUser(p, c),
      ListUsers: (p, c) => this.listUsers(p, c),
      DeleteUser: (p) => this.deleteUser(p),
      TagUser: (p) => this.tagUser(p),
      UntagUser: (p) => this.untagUser(p),
      ListUserTags: (p, c) => this.listUserTags(p, c),
      PutUserPermissionsBoundary: (p) => this.putBoundary(p),
      DeleteUserPermissionsBoundary: (p) => this.deleteBoundary(p),
      AttachUserPolicy: (p) => this.attachUserPolicy(p),
      DetachUserPolicy: (p) => this.detachUserPolicy(p),
      ListAttachedUserPolicies: (p, c) => this.listAttachedUserPolicies(p, c),
      AddUserToGroup: (p) => this.addUserToGroup(p),
      RemoveUserFromGroup: (p) => this.removeUserFromGroup(p),
      ListGroupsForUser: (p, c) => this.listGroupsForUser(p, c),
      CreateLoginProfile: (p) => this.createLoginProfile(p),
      GetLoginProfile: (p, c) => this.getLoginProfile(p, c),
      DeleteLoginProfile: (p) => this.deleteLoginProfile(p),
      CreateAccessKey: (p) => this.createAccessKeyAction(p),
      ListAccessKeys: (p, c) => this.listAccessKeys(p, c),
      UpdateAccessKey: (p) => this.updateAccessKey(p),
      DeleteAccessKey: (p) => this.deleteAccessKey(p),
      PutUserPolicy: (p) => this.putUserPolicy(p),
      ListUserPolicies: (p, c) => this.listUserPolicies(p, c),
      DeleteUserPolicy: (p) => this.deleteUserPolicy(p),
      ListMFADevices: (p, c) => this.listMfaDevices(p, c),
      DeactivateMFADevice: (p) => this.deactivateMfaDevice(p),
      ListVirtualMFADevices: (p, c) => this.listVirtualMfaDevices(p, c),
      DeleteVirtualMFADevice: (p) => this.deleteVirtualMfaDevice(p),
      ListSigningCertificates: (p, c) => this.listSigningCertificates(p, c),
      DeleteSigningCertificate: (p) => this.deleteCredential(p, 'signingCertificates', 'CertificateId', 'cert'),
      ListSSHPublicKeys: (p, c) => this.listSshPublicKeys(p, c),
      DeleteSSHPublicKey: (p) => this.deleteCredential(p, 'sshPublicKeys', 'SSHPublicKeyId', 'ssh'),
      ListServiceSpecificCredentials: (p, c) => this.listServiceSpecificCredentials(p, c),
      DeleteServiceSpecificCredential: (p) =>
        this.deleteCredential(p, 'serviceSpecificCredentials', 'ServiceSpecificCredentialId', 'ssc'),
      CreateGroup: (p) => this.createGroup(p),
      GetGroup: (p, c) => this.getGroup(p, c),
      CreatePolicy: (p) => this.createPolicy(p),
      GetPolicy: (p, c) => this.getPolicy(p, c),
      SimulatePrincipalPolicy: (p, c) => this.simulatePrincipalPolicy(p, c),
    }
  }

  // ---- Emulator interface -------------------------------------------------------------------------------

  route(req: SandboxRequest): RouteInfo | undefined {
    if (req.path !== '/') return undefined
    let params: URLSearchParams
    if (req.method === 'POST') params = req.form()
    else if (req.method === 'GET') params = req.url.searchParams
    else return undefined
    const action = params.get('Action') ?? ''
    return { id: `IAM ${action || '(none)'}`, mutating: !READ.test(action), params: {}, data: params }
  }

  handle(req: SandboxRequest, route: RouteInfo): Reply {
    const params = route.data as URLSearchParams
    const action = params.get('Action') ?? ''
    const requestId = randomUUID()
    const taken = this.bucket.take()
    if (!taken.ok) return { ...errorXml('Throttling', 400, 'Rate exceeded', 'Sender', requestId), limited: true }
    try {
      if (!action) throw new IamError('MissingAction', 400, 'Missing Action')
      const handler = this.handlers[action]
      if (!handler)
        throw new IamError('InvalidAction', 400, `Could not find operation ${action} for version 2010-05-08`)
      if (this.isCaller(req)) this.authorize(action, params)
      const mutating = !READ.test(action)
      if (mutating) this.beforeWrite()
      const result = handler(params, { req, view: mutating ? this.world : this.readView() })
      if (mutating) this.afterWrite()
      const body =
        `<${action}Response xmlns="${IAM_NAMESPACE}">` +
        (result === undefined ? '' : `<${action}Result>${result}</${action}Result>`) +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
      return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body }
    } catch (error) {
      if (!(error instanceof IamError)) throw error
      return errorXml(error.code, error.status, error.message, error.type, requestId)
    }
  }

  errorReply(status: number, message: string): Reply {
    const [code, fixed] = FAULT_CODES[status] ?? [status >= 500 ? 'InternalFailure' : 'InvalidInput', '']
    return errorXml(code, status, fixed || message, status >= 500 ? 'Receiver' : 'Sender', randomUUID())
  }

  commonHeaders(): Record<string, string> {
    return { 'x-amzn-requestid': randomUUID() }
  }

  /** For lie faults: the world and the copies reads may still see. */
  snapshot(): () => void {
    return snapshotFields(this, ['world', 'history'])
  }

  state(): unknown {
    const w = this.world
    return {
      accountId: this.accountId,
      users: [...w.users.values()].map((u) => ({
        userName: u.userName,
        userId: u.userId,
        path: u.path,
        arn: u.arn,
        createDate: isoDate(u.createDate),
        tags: u.tags.map((t) => ({ ...t })),
        boundary: u.boundary ?? null,
        groups: u.groups.map((g) => w.groups.get(g)?.groupName ?? g),
        policies: [...u.policies],
        accessKeys: u.accessKeys.map((k) => ({ ...k, createDate: isoDate(k.createDate) })),
        loginProfile: u.loginProfile
          ? {
              createDate: isoDate(u.loginProfile.createDate),
              passwordResetRequired: u.loginProfile.passwordResetRequired,
            }
          : null,
      })),
      groups: [...w.groups.values()].map((g) => ({ ...g, createDate: isoDate(g.createDate) })),
      policies: [...w.policies.values()].map((p) => ({
        policyName: p.policyName,
        arn: p.arn,
        path: p.path,
        awsManaged: p.awsManaged,
        attachmentCount: this.attachmentCount(w, p.arn),
      })),
    }
  }

  /** Adds groups, policies and users (in that order); throws on anything the real API would refuse. */
  seed(data: unknown): void {
    const s = (data ?? {}) as IamSeed
    if (s.accountId !== undefined) {
      if (!/^\d{12}$/.test(s.accountId)) throw new Error(`iam seed: accountId must be 12 digits`)
      this.accountId = s.accountId
    }
    for (const g of s.groups ?? []) {
      if (typeof g === 'string') this.ensureGroup(g)
      else this.ensureGroup(g.name, g.path)
    }
    for (const p of s.policies ?? []) {
      if ('arn' in p) this.ensurePolicy(p.arn, { document: p.document })
      else this.ensurePolicy(p.name, { path: p.path, description: p.description, document: p.document })
    }
    for (const u of s.users ?? []) {
      const tags = Array.isArray(u.tags) ? u.tags : Object.entries(u.tags ?? {}).map(([Key, Value]) => ({ Key, Value }))
      const p = new URLSearchParams({ UserName: u.userName, Path: u.path ?? '/' })
      if (u.boundary) p.set('PermissionsBoundary', u.boundary)
      tags.forEach((t, i) => {
        p.set(`Tags.member.${i + 1}.Key`, t.Key)
        p.set(`Tags.member.${i + 1}.Value`, t.Value)
      })
      this.seedCall(() => this.createUser(p))
      for (const g of u.groups ?? [])
        this.seedCall(() => this.addUserToGroup(new URLSearchParams({ UserName: u.userName, GroupName: g })))
      for (const arn of u.policies ?? [])
        this.seedCall(() => this.attachUserPolicy(new URLSearchParams({ UserName: u.userName, PolicyArn: arn })))
      for (let i = 0; i < (u.accessKeys ?? 0); i++) this.seedCall(() => this.newAccessKey(u.userName))
      if (u.loginProfile) {
        const reset = typeof u.loginProfile === 'object' && Boolean(u.loginProfile.passwordResetRequired)
        this.seedCall(() => this.setLoginProfile(u.userName, reset))
      }
      this.seedCall(() => this.seedCredentials(u))
    }
    // Seeded objects are visible at once, even inside a consistency window.
    this.history = []
  }

  // ---- In-process helpers for tests and seeding -----------------------------------------------------------

  /** Creates the group if it does not exist (names compare case-insensitively); returns its name as stored. */
  ensureGroup(name: string, path = '/'): string {
    const existing = this.world.groups.get(name.toLowerCase())
    if (existing) return existing.groupName
    this.seedCall(() => this.createGroup(new URLSearchParams({ GroupName: name, Path: path })))
    this.history = []
    return name
  }

  /**
   * Makes a managed policy exist and returns its ARN. An ARN of this account creates that customer policy;
   * an `arn:aws:iam::aws:policy/...` ARN registers the AWS managed policy; a bare name creates a customer
   * policy of that name under `path`.
   */
  ensurePolicy(arnOrName: string, opts: { path?: string; description?: string; document?: string } = {}): string {
    let name = arnOrName
    let path = opts.path ?? '/'
    if (arnOrName.startsWith('arn:')) {
      const m = POLICY_ARN_RE.exec(arnOrName)
      if (!m) throw new Error(`iam seed: not a policy ARN: ${arnOrName}`)
      if (m[1] === 'aws') {
        const rec = this.world.policies.get(arnOrName) ?? this.makeManaged(arnOrName)
        if (opts.document !== undefined) {
          this.seedCall(() => this.document_(opts.document!))
          this.managedDocuments.set(rec.arn, opts.document)
          rec.document = opts.document
        }
        this.world.policies.set(rec.arn, rec)
        this.history = []
        return rec.arn
      }
      if (m[1] !== this.accountId) throw new Error(`iam seed: policy ${arnOrName} is not in account ${this.accountId}`)
      path = `${m[2] ?? ''}/`
      name = m[3]!
    }
    const arn = `arn:aws:iam::${this.accountId}:policy${path}${name}`
    if (this.world.policies.has(arn)) return arn
    const p = new URLSearchParams({ PolicyName: name, Path: path, PolicyDocument: opts.document ?? ALLOW_NOTHING })
    if (opts.description) p.set('Description', opts.description)
    this.seedCall(() => this.createPolicy(p))
    this.history = []
    return arn
  }

  /** CreateAccessKey in process (quota applies); the secret is returned once and not kept. */
  createAccessKey(userName: string): { accessKeyId: string; secretAccessKey: string } {
    const key = this.seedCall(() => this.newAccessKey(userName))
    this.history = []
    return key
  }

  private newAccessKey(userName: string): { accessKeyId: string; secretAccessKey: string } {
    const u = this.requireUser(this.world, userName)
    if (u.accessKeys.length >= this.quotas.accessKeysPerUser)
      throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${this.quotas.accessKeysPerUser}`)
    const key: AccessKeyRec = { accessKeyId: `AKIA${this.id(16)}`, status: 'Active', createDate: this.now() }
    u.accessKeys.push(key)
    this.stamp(u, `key:${key.accessKeyId}`)
    return { accessKeyId: key.accessKeyId, secretAccessKey: this.id(40, SECRET_ALPHABET) }
  }

  /**
   * Gives an existing user inline policies, MFA devices, signing certificates, SSH public keys and
   * service-specific credentials in process (the APIs that create them are not modelled).
   */
  addCredentials(
    s: Pick<
      IamSeedUser,
      | 'userName'
      | 'inlinePolicies'
      | 'mfaDevices'
      | 'signingCertificates'
      | 'sshPublicKeys'
      | 'serviceSpecificCredentials'
    >,
  ): void {
    this.seedCall(() => this.seedCredentials(s))
    this.history = []
  }

  private seedCredentials(s: Omit<IamSeedUser, 'path'>): void {
    const u = this.requireUser(this.world, s.userName)
    for (const [name, document] of Object.entries(s.inlinePolicies ?? {})) {
      this.document_(document)
      u.inlinePolicies[name] = document
      this.stamp(u, `inline:${name}`)
    }
    for (const device of s.mfaDevices ?? []) {
      let serial = device
      if (device === 'virtual') {
        serial = `arn:aws:iam::${this.accountId}:mfa/${u.userName}`
        this.world.virtualMfa.set(serial, { serial, user: u.userName.toLowerCase(), createDate: this.now() })
      }
      u.mfaDevices.push({ serial, enableDate: this.now() })
      this.stamp(u, `mfa:${serial}`)
    }
    const credential = (prefix: string): CredentialRec => ({
      id: `${prefix}${this.id(17)}`,
      status: 'Active',
      date: this.now(),
    })
    for (let i = 0; i < (s.signingCertificates ?? 0); i++) {
      const c = { ...credential(''), id: this.id(32) }
      u.signingCertificates.push(c)
      this.stamp(u, `cert:${c.id}`)
    }
    for (let i = 0; i < (s.sshPublicKeys ?? 0); i++) {
      const c = credential('APKA')
      u.sshPublicKeys.push(c)
      this.stamp(u, `ssh:${c.id}`)
    }
    for (const serviceName of s.serviceSpecificCredentials ?? []) {
      const c = { ...credential('ACCA'), serviceName, serviceUserName: `${u.userName}-at-${this.accountId}` }
      u.serviceSpecificCredentials.push(c)
      this.stamp(u, `ssc:${c.id}`)
    }
  }

  /** The user as stored (a copy), or undefined. */
  user(userName: string): IamUserView | undefined {
    const u = this.world.users.get(userName.toLowerCase())
    return u && this.userView(u)
  }

  private userView(u: UserRec): IamUserView {
    return {
      userName: u.userName,
      userId: u.userId,
      arn: u.arn,
      path: u.path,
      tags: u.tags.map((t) => ({ ...t })),
      boundary: u.boundary,
      groups: u.groups.map((g) => this.world.groups.get(g)?.groupName ?? g),
      policies: [...u.policies],
      accessKeys: u.accessKeys.map((k) => ({ accessKeyId: k.accessKeyId, status: k.status })),
      loginProfile: Boolean(u.loginProfile),
      inlinePolicies: Object.keys(u.inlinePolicies),
      mfaDevices: u.mfaDevices.map((d) => d.serial),
      signingCertificates: u.signingCertificates.map((c) => c.id),
      sshPublicKeys: u.sshPublicKeys.map((c) => c.id),
      serviceSpecificCredentials: u.serviceSpecificCredentials.map((c) => c.id),
    }
  }

  // ---- Operations ---------------------------------------------------------------------------------------

  private createUser(p: URLSearchParams): string {
    const name = this.name_(p, 'UserName', 64)
    const path = this.path_(p)
    const tags = this.tags_(p)
    const boundary = p.get('PermissionsBoundary') ?? undefined
    const w = this.world
    if (w.users.has(name.toLowerCase()))
      throw new IamError('EntityAlreadyExists', 409, `User with name ${name} already exists.`)
    if (tags.length > this.quotas.tagsPerUser) throw limitExceeded('The number of tags has reached the maximum limit.')
    if (boundary !== undefined) this.requireBoundary(w, boundary)
    if (w.users.size >= this.quotas.users)
      throw limitExceeded(`Cannot exceed quota for UsersPerAccount: ${this.quotas.users}`)
    const u: UserRec = {
      userName: name,
      userId: `AIDA${this.id(17)}`,
      path,
      arn: `arn:aws:iam::${this.accountId}:user${path}${name}`,
      createDate: this.now(),
      tags,
      boundary,
      groups: [],
      policies: [],
      accessKeys: [],
      inlinePolicies: {},
      mfaDevices: [],
      signingCertificates: [],
      sshPublicKeys: [],
      serviceSpecificCredentials: [],
      order: {},
    }
    for (const t of tags) this.stamp(u, `tag:${t.Key.toLowerCase()}`)
    w.users.set(name.toLowerCase(), u)
    return `<User>${userXml(u, true)}</User>`
  }

  private getUser(p: URLSearchParams, c: Ctx): string {
    let name = p.get('UserName')
    if (name === null) {
      // Without a name, GetUser describes the caller: the user owning the signing access key.
      const keyId = /Credential=([A-Z0-9]+)\//.exec(String(c.req.headers.authorization ?? ''))?.[1]
      const owner = [...c.view.users.values()].find((u) => u.accessKeys.some((k) => k.accessKeyId === keyId))
      if (!owner) throw validation('Must specify userName when calling with non-User credentials')
      name = owner.userName
    }
    return `<User>${userXml(this.requireUser(c.view, name), true)}</User>`
  }

  private listUsers(p: URLSearchParams, c: Ctx): string {
    const prefix = this.prefix_(p)
    const all = sortBy(
      [...c.view.users.values()].filter((u) => u.path.startsWith(prefix)),
      (u) => u.userName,
    )
    const page = paginate(all, (u) => u.userName.toLowerCase(), p)
    return `<Users>${members(page.items.map((u) => userXml(u, false)))}</Users>${pageXml(page)}`
  }

  private deleteUser(p: URLSearchParams): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    // The DeleteUser API reference lists what must go first: password (login profile), access keys, ...,
    // attached managed policies, group memberships. The first one still present is the one refused.
    if (u.loginProfile) throw deleteConflict('Cannot delete entity, must delete login profile first.')
    if (u.accessKeys.length) throw deleteConflict('Cannot delete entity, must delete access keys first.')
    if (u.signingCertificates.length)
      throw deleteConflict('Cannot delete entity, must delete signing certificates first.')
    if (u.sshPublicKeys.length) throw deleteConflict('Cannot delete entity, must delete SSH public keys first.')
    if (u.serviceSpecificCredentials.length)
      throw deleteConflict('Cannot delete entity, must delete service specific credentials first.')
    if (u.mfaDevices.length) throw deleteConflict('Cannot delete entity, must delete MFA device first.')
    if (Object.keys(u.inlinePolicies).length) throw deleteConflict('Cannot delete entity, must delete policies first.')
    if (u.policies.length) throw deleteConflict('Cannot delete entity, must detach all policies first.')
    if (u.groups.length) throw deleteConflict('Cannot delete entity, must remove users from group first.')
    this.world.users.delete(u.userName.toLowerCase())
    return undefined
  }

  private tagUser(p: URLSearchParams): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const tags = this.tags_(p, true)
    const merged = u.tags.map((t) => ({ ...t }))
    for (const t of tags) {
      const i = merged.findIndex((m) => m.Key.toLowerCase() === t.Key.toLowerCase())
      if (i >= 0) merged[i] = t
      else merged.push(t)
    }
    if (merged.length > this.quotas.tagsPerUser)
      throw limitExceeded('The number of tags has reached the maximum limit.')
    u.tags = merged
    for (const t of tags) this.stamp(u, `tag:${t.Key.toLowerCase()}`)
    return undefined
  }

  private untagUser(p: URLSearchParams): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const keys = this.list_(p, 'TagKeys').map((k) => k.toLowerCase())
    if (!keys.length)
      throw validation(
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
      )
    u.tags = u.tags.filter((t) => !keys.includes(t.Key.toLowerCase()))
    for (const k of keys) delete u.order[`tag:${k}`]
    return undefined
  }

  private listUserTags(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const page = paginate(u.tags, (t) => u.order[`tag:${t.Key.toLowerCase()}`]!, p)
    return `<Tags>${members(page.items.map((t) => el('Key', t.Key) + el('Value', t.Value)))}</Tags>${pageXml(page)}`
  }

  private putBoundary(p: URLSearchParams): undefined {
    const arn = this.required(p, 'PermissionsBoundary')
    this.arn_(arn)
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    this.requireBoundary(this.world, arn)
    u.boundary = arn
    return undefined
  }

  private deleteBoundary(p: URLSearchParams): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    u.boundary = undefined
    return undefined
  }

  private attachUserPolicy(p: URLSearchParams): undefined {
    const arn = this.required(p, 'PolicyArn')
    this.arn_(arn)
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const policy = this.requirePolicy(this.world, arn, `Policy ${arn} does not exist or is not attachable.`)
    if (u.policies.includes(policy.arn)) return undefined
    if (u.policies.length >= this.quotas.policiesPerUser)
      throw limitExceeded(`Cannot exceed quota for PoliciesPerUser: ${this.quotas.policiesPerUser}`)
    this.world.policies.set(policy.arn, policy)
    u.policies.push(policy.arn)
    this.stamp(u, `policy:${policy.arn}`)
    return undefined
  }

  private detachUserPolicy(p: URLSearchParams): undefined {
    const arn = this.required(p, 'PolicyArn')
    this.arn_(arn)
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    if (!u.policies.includes(arn)) throw new IamError('NoSuchEntity', 404, `Policy ${arn} was not found.`)
    u.policies = u.policies.filter((a) => a !== arn)
    delete u.order[`policy:${arn}`]
    return undefined
  }

  private listAttachedUserPolicies(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const prefix = this.prefix_(p)
    // In attach order.
    const attached = u.policies.map((arn) => c.view.policies.get(arn)!).filter((pol) => pol.path.startsWith(prefix))
    const page = paginate(attached, (pol) => u.order[`policy:${pol.arn}`]!, p)
    const items = page.items.map((pol) => el('PolicyName', pol.policyName) + el('PolicyArn', pol.arn))
    return `<AttachedPolicies>${members(items)}</AttachedPolicies>${pageXml(page)}`
  }

  private addUserToGroup(p: URLSearchParams): undefined {
    const g = this.requireGroup(this.world, this.required(p, 'GroupName'))
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const key = g.groupName.toLowerCase()
    if (u.groups.includes(key)) return undefined
    if (u.groups.length >= this.quotas.groupsPerUser)
      throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${this.quotas.groupsPerUser}`)
    u.groups.push(key)
    return undefined
  }

  private removeUserFromGroup(p: URLSearchParams): undefined {
    const g = this.requireGroup(this.world, this.required(p, 'GroupName'))
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const key = g.groupName.toLowerCase()
    if (!u.groups.includes(key))
      throw new IamError('NoSuchEntity', 404, `User ${u.userName} is not in group ${g.groupName}.`)
    u.groups = u.groups.filter((k) => k !== key)
    return undefined
  }

  private listGroupsForUser(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const groups = sortBy(
      u.groups.map((k) => c.view.groups.get(k)!),
      (g) => g.groupName,
    )
    const page = paginate(groups, (g) => g.groupName.toLowerCase(), p)
    return `<Groups>${members(page.items.map(groupXml))}</Groups>${pageXml(page)}`
  }

  private createLoginProfile(p: URLSearchParams): string {
    const name = this.required(p, 'UserName')
    const password = this.required(p, 'Password')
    this.requireUser(this.world, name)
    // The default account password policy: at least 8 characters.
    if (password.length < 8)
      throw new IamError('PasswordPolicyViolation', 400, 'Password should have a minimum length of 8')
    const reset = p.get('PasswordResetRequired') === 'true'
    return this.loginProfileXml(this.setLoginProfile(name, reset))
  }

  private setLoginProfile(name: string, reset: boolean): UserRec {
    const u = this.requireUser(this.world, name)
    if (u.loginProfile)
      throw new IamError('EntityAlreadyExists', 409, `Login Profile for user ${u.userName} already exists.`)
    u.loginProfile = { createDate: this.now(), passwordResetRequired: reset }
    return u
  }

  private loginProfileXml(u: UserRec): string {
    const lp = u.loginProfile!
    return `<LoginProfile>${el('UserName', u.userName)}${el('CreateDate', isoDate(lp.createDate))}${el('PasswordResetRequired', lp.passwordResetRequired)}</LoginProfile>`
  }

  private getLoginProfile(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    if (!u.loginProfile)
      throw new IamError('NoSuchEntity', 404, `Login Profile for User ${u.userName} cannot be found.`)
    return this.loginProfileXml(u)
  }

  private deleteLoginProfile(p: URLSearchParams): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    if (!u.loginProfile)
      throw new IamError('NoSuchEntity', 404, `Login Profile for User ${u.userName} cannot be found.`)
    u.loginProfile = undefined
    return undefined
  }

  private createAccessKeyAction(p: URLSearchParams): string {
    const name = this.required(p, 'UserName')
    const { accessKeyId, secretAccessKey } = this.newAccessKey(name)
    const u = this.requireUser(this.world, name)
    const k = u.accessKeys.find((a) => a.accessKeyId === accessKeyId)!
    return `<AccessKey>${el('UserName', u.userName)}${el('AccessKeyId', accessKeyId)}${el('Status', k.status)}${el('SecretAccessKey', secretAccessKey)}${el('CreateDate', isoDate(k.createDate))}</AccessKey>`
  }

  private listAccessKeys(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const page = paginate(u.accessKeys, (k) => u.order[`key:${k.accessKeyId}`]!, p)
    const items = page.items.map(
      (k) =>
        el('UserName', u.userName) +
        el('AccessKeyId', k.accessKeyId) +
        el('Status', k.status) +
        el('CreateDate', isoDate(k.createDate)),
    )
    return `<AccessKeyMetadata>${members(items)}</AccessKeyMetadata>${pageXml(page)}`
  }

  private accessKey(p: URLSearchParams): { u: UserRec; k: AccessKeyRec } {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const id = this.required(p, 'AccessKeyId')
    const k = u.accessKeys.find((a) => a.accessKeyId === id)
    if (!k) throw new IamError('NoSuchEntity', 404, `The Access Key with id ${id} cannot be found.`)
    return { u, k }
  }

  private updateAccessKey(p: URLSearchParams): undefined {
    const status = this.required(p, 'Status')
    if (status !== 'Active' && status !== 'Inactive')
      throw validation(
        `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
      )
    this.accessKey(p).k.status = status
    return undefined
  }

  private deleteAccessKey(p: URLSearchParams): undefined {
    const { u, k } = this.accessKey(p)
    u.accessKeys = u.accessKeys.filter((a) => a !== k)
    delete u.order[`key:${k.accessKeyId}`]
    return undefined
  }

  private putUserPolicy(p: URLSearchParams): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const name = this.name_(p, 'PolicyName', 128)
    const document = this.required(p, 'PolicyDocument')
    this.document_(document)
    u.inlinePolicies[name] = document
    this.stamp(u, `inline:${name}`)
    return undefined
  }

  private listUserPolicies(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const page = paginate(Object.keys(u.inlinePolicies), (n) => u.order[`inline:${n}`]!, p)
    return `<PolicyNames>${members(page.items.map(xmlEscape))}</PolicyNames>${pageXml(page)}`
  }

  private deleteUserPolicy(p: URLSearchParams): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const name = this.required(p, 'PolicyName')
    if (!(name in u.inlinePolicies))
      throw new IamError('NoSuchEntity', 404, `The user policy with name ${name} cannot be found.`)
    delete u.inlinePolicies[name]
    delete u.order[`inline:${name}`]
    return undefined
  }

  private listMfaDevices(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const page = paginate(u.mfaDevices, (d) => u.order[`mfa:${d.serial}`]!, p)
    const items = page.items.map(
      (d) => el('UserName', u.userName) + el('SerialNumber', d.serial) + el('EnableDate', isoDate(d.enableDate)),
    )
    return `<MFADevices>${members(items)}</MFADevices>${pageXml(page)}`
  }

  private deactivateMfaDevice(p: URLSearchParams): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const serial = this.required(p, 'SerialNumber')
    if (!u.mfaDevices.some((d) => d.serial === serial))
      throw new IamError('NoSuchEntity', 404, `MFA Device with serial number ${serial} does not exist.`)
    u.mfaDevices = u.mfaDevices.filter((d) => d.serial !== serial)
    delete u.order[`mfa:${serial}`]
    const virtual = this.world.virtualMfa.get(serial)
    if (virtual) virtual.user = undefined
    return undefined
  }

  private listVirtualMfaDevices(p: URLSearchParams, c: Ctx): string {
    const status = p.get('AssignmentStatus') ?? 'Any'
    const all = sortBy(
      [...c.view.virtualMfa.values()].filter((d) =>
        status === 'Assigned' ? d.user : status === 'Unassigned' ? !d.user : true,
      ),
      (d) => d.serial,
    )
    const page = paginate(all, (d) => d.serial.toLowerCase(), p)
    const items = page.items.map((d) => {
      const u = d.user ? c.view.users.get(d.user) : undefined
      return el('SerialNumber', d.serial) + (u ? `<User>${userXml(u, false)}</User>` : '')
    })
    return `<VirtualMFADevices>${members(items)}</VirtualMFADevices>${pageXml(page)}`
  }

  private deleteVirtualMfaDevice(p: URLSearchParams): undefined {
    const serial = this.required(p, 'SerialNumber')
    const d = this.world.virtualMfa.get(serial)
    if (!d) throw new IamError('NoSuchEntity', 404, `VirtualMFADevice with serial number ${serial} doesn't exist.`)
    if (d.user) throw deleteConflict('MFA Device is still in use.')
    this.world.virtualMfa.delete(serial)
    return undefined
  }

  private listSigningCertificates(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const page = paginate(u.signingCertificates, (x) => u.order[`cert:${x.id}`]!, p)
    const items = page.items.map(
      (x) =>
        el('UserName', u.userName) +
        el('CertificateId', x.id) +
        el('CertificateBody', '-----BEGIN CERTIFICATE-----\nsandbox\n-----END CERTIFICATE-----') +
        el('Status', x.status) +
        el('UploadDate', isoDate(x.date)),
    )
    return `<Certificates>${members(items)}</Certificates>${pageXml(page)}`
  }

  private listSshPublicKeys(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const page = paginate(u.sshPublicKeys, (x) => u.order[`ssh:${x.id}`]!, p)
    const items = page.items.map(
      (x) =>
        el('UserName', u.userName) +
        el('SSHPublicKeyId', x.id) +
        el('Status', x.status) +
        el('UploadDate', isoDate(x.date)),
    )
    return `<SSHPublicKeys>${members(items)}</SSHPublicKeys>${pageXml(page)}`
  }

  private listServiceSpecificCredentials(p: URLSearchParams, c: Ctx): string {
    const u = this.requireUser(c.view, this.required(p, 'UserName'))
    const service = p.get('ServiceName')
    const all = u.serviceSpecificCredentials.filter((x) => service === null || x.serviceName === service)
    const page = paginate(all, (x) => u.order[`ssc:${x.id}`]!, p)
    const items = page.items.map(
      (x) =>
        el('UserName', u.userName) +
        el('Status', x.status) +
        el('ServiceUserName', x.serviceUserName) +
        el('CreateDate', isoDate(x.date)) +
        el('ServiceSpecificCredentialId', x.id) +
        el('ServiceName', x.serviceName),
    )
    return `<ServiceSpecificCredentials>${members(items)}</ServiceSpecificCredentials>${pageXml(page)}`
  }

  private deleteCredential(
    p: URLSearchParams,
    list: 'signingCertificates' | 'sshPublicKeys' | 'serviceSpecificCredentials',
    param: string,
    stamp: string,
  ): undefined {
    const u = this.requireUser(this.world, this.required(p, 'UserName'))
    const id = this.required(p, param)
    const creds: CredentialRec[] = u[list]
    if (!creds.some((x) => x.id === id))
      throw new IamError('NoSuchEntity', 404, `The ${param.replace(/Id$/, '')} with id ${id} cannot be found.`)
    ;(u as unknown as Record<string, CredentialRec[]>)[list] = creds.filter((x) => x.id !== id)
    delete u.order[`${stamp}:${id}`]
    return undefined
  }

  private createGroup(p: URLSearchParams): string {
    const name = this.name_(p, 'GroupName', 128)
    const path = this.path_(p)
    if (this.world.groups.has(name.toLowerCase()))
      throw new IamError('EntityAlreadyExists', 409, `Group with name ${name} already exists.`)
    const g: GroupRec = {
      groupName: name,
      groupId: `AGPA${this.id(17)}`,
      path,
      arn: `arn:aws:iam::${this.accountId}:group${path}${name}`,
      createDate: this.now(),
    }
    this.world.groups.set(name.toLowerCase(), g)
    return `<Group>${groupXml(g)}</Group>`
  }

  private getGroup(p: URLSearchParams, c: Ctx): string {
    const g = this.requireGroup(c.view, this.required(p, 'GroupName'))
    const key = g.groupName.toLowerCase()
    const users = sortBy(
      [...c.view.users.values()].filter((u) => u.groups.includes(key)),
      (u) => u.userName,
    )
    const page = paginate(users, (u) => u.userName.toLowerCase(), p)
    return `<Group>${groupXml(g)}</Group><Users>${members(page.items.map((u) => userXml(u, false)))}</Users>${pageXml(page)}`
  }

  private createPolicy(p: URLSearchParams): string {
    const name = this.name_(p, 'PolicyName', 128)
    const path = this.path_(p)
    const document = this.required(p, 'PolicyDocument')
    this.document_(document)
    const arn = `arn:aws:iam::${this.accountId}:policy${path}${name}`
    const clash = [...this.world.policies.values()].find(
      (x) => !x.awsManaged && x.policyName.toLowerCase() === name.toLowerCase(),
    )
    if (clash)
      throw new IamError(
        'EntityAlreadyExists',
        409,
        `A policy called ${name} already exists. Duplicate names are not allowed.`,
      )
    const now = this.now()
    const rec: PolicyRec = {
      policyName: name,
      policyId: `ANPA${this.id(17)}`,
      arn,
      path,
      createDate: now,
      updateDate: now,
      description: p.get('Description') ?? undefined,
      document,
      tags: this.tags_(p),
      awsManaged: false,
    }
    this.world.policies.set(arn, rec)
    return `<Policy>${this.policyXml(this.world, rec)}</Policy>`
  }

  private getPolicy(p: URLSearchParams, c: Ctx): string {
    const arn = this.required(p, 'PolicyArn')
    const rec = this.requirePolicy(c.view, arn, `Policy ${arn} was not found.`)
    return `<Policy>${this.policyXml(c.view, rec)}</Policy>`
  }

  private policyXml(w: World, pol: PolicyRec): string {
    const boundaryUses = [...w.users.values()].filter((u) => u.boundary === pol.arn).length
    return (
      el('PolicyName', pol.policyName) +
      el('PolicyId', pol.policyId) +
      el('Arn', pol.arn) +
      el('Path', pol.path) +
      el('DefaultVersionId', 'v1') +
      el('AttachmentCount', this.attachmentCount(w, pol.arn)) +
      el('PermissionsBoundaryUsageCount', boundaryUses) +
      el('IsAttachable', true) +
      el('Description', pol.description) +
      el('CreateDate', isoDate(pol.createDate)) +
      el('UpdateDate', isoDate(pol.updateDate)) +
      (pol.tags.length ? tagsXml(pol.tags) : '')
    )
  }

  // ---- Authorization --------------------------------------------------------------------------------------

  /**
   * Authorizes the request against the caller policy, as IAM does before it acts: each action on the resource
   * ARN IAM evaluates (a user that does not exist yet is `user/<path><name>` in CreateUser, `user/<name>` in any
   * other call) with the condition keys of the request. A CreateUser with Tags is also an iam:TagUser on the new
   * user. A request whose parameters are incomplete is left to the handler's validation error.
   */
  private isCaller(req: SandboxRequest): boolean {
    if (this.callerAccessKeyId === undefined) return true
    const keyId = /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization ?? ''))?.[1]
    return keyId === this.callerAccessKeyId
  }

  private authorize(action: string, p: URLSearchParams): void {
    if (!this.callerPolicy) return
    const checks = this.authorizationFor(action, p)
    for (const c of checks ?? []) {
      const e = evaluate(
        [{ id: 'caller', type: 'user-managed', document: this.callerPolicy }],
        undefined,
        c.action,
        c.resource,
        c.context,
      )
      if (e.decision === 'allowed') continue
      const why =
        e.decision === 'explicitDeny'
          ? `with an explicit deny in an identity-based policy`
          : `because no identity-based policy allows the ${c.action} action`
      throw new IamError(
        'AccessDenied',
        403,
        `User: ${this.callerArn} is not authorized to perform: ${c.action} on resource: ${c.resource} ${why}`,
      )
    }
  }

  private authorizationFor(
    action: string,
    p: URLSearchParams,
  ): { action: string; resource: string; context: RequestContext }[] | undefined {
    const a = `iam:${action}`
    const acct = this.accountId
    const w = this.world
    const userName = p.get('UserName')
    const requestTags = (): RequestContext => {
      const ctx: RequestContext = {}
      const keys: string[] = []
      for (let i = 1; p.has(`Tags.member.${i}.Key`); i++) {
        const k = p.get(`Tags.member.${i}.Key`)!
        keys.push(k)
        ctx[`aws:requesttag/${k.toLowerCase()}`] = p.get(`Tags.member.${i}.Value`) ?? ''
      }
      if (keys.length) ctx['aws:tagkeys'] = keys
      return ctx
    }
    const userCtx = (u: UserRec | undefined): RequestContext => {
      const ctx: RequestContext = {}
      for (const t of u?.tags ?? []) {
        ctx[`iam:resourcetag/${t.Key.toLowerCase()}`] = t.Value
        ctx[`aws:resourcetag/${t.Key.toLowerCase()}`] = t.Value
      }
      return ctx
    }
    if (action === 'CreateUser') {
      if (userName === null) return undefined
      const resource = `arn:aws:iam::${acct}:user${p.get('Path') ?? '/'}${userName}`
      const tags = requestTags()
      const boundary = p.get('PermissionsBoundary')
      const checks = [
        { action: a, resource, context: { ...tags, ...(boundary ? { 'iam:permissionsboundary': boundary } : {}) } },
      ]
      if (tags['aws:tagkeys']) checks.push({ action: 'iam:TagUser', resource, context: tags })
      return checks
    }
    const groupName = p.get('GroupName')
    if (groupName !== null && /UserToGroup$|Group$/.test(action)) {
      const g = w.groups.get(groupName.toLowerCase())
      return [{ action: a, resource: g?.arn ?? `arn:aws:iam::${acct}:group/${groupName}`, context: {} }]
    }
    if (action === 'DeleteVirtualMFADevice') {
      const serial = p.get('SerialNumber')
      return serial === null ? undefined : [{ action: a, resource: serial, context: {} }]
    }
    if (userName !== null) {
      const u = w.users.get(userName.toLowerCase())
      const resource = u?.arn ?? `arn:aws:iam::${acct}:user/${userName}`
      const context = userCtx(u)
      if (action === 'TagUser') Object.assign(context, requestTags())
      if (action === 'UntagUser') context['aws:tagkeys'] = this.list_(p, 'TagKeys')
      if (action === 'PutUserPermissionsBoundary') {
        const b = p.get('PermissionsBoundary')
        if (b !== null) context['iam:permissionsboundary'] = b
      } else if (u?.boundary) context['iam:permissionsboundary'] = u.boundary
      const policy = p.get('PolicyArn')
      if (policy !== null) context['iam:policyarn'] = policy
      return [{ action: a, resource, context }]
    }
    if (action === 'SimulatePrincipalPolicy') {
      const source = p.get('PolicySourceArn')
      return source === null ? undefined : [{ action: a, resource: source, context: {} }]
    }
    const policyArn = p.get('PolicyArn')
    if (policyArn !== null) return [{ action: a, resource: policyArn, context: {} }]
    if (action === 'CreatePolicy') {
      const name = p.get('PolicyName')
      return name === null
        ? undefined
        : [{ action: a, resource: `arn:aws:iam::${acct}:policy${p.get('Path') ?? '/'}${name}`, context: {} }]
    }
    if (action === 'ListUsers')
      return [{ action: a, resource: `arn:aws:iam::${acct}:user${p.get('PathPrefix') ?? '/'}`, context: {} }]
    return [{ action: a, resource: '*', context: {} }]
  }

  // ---- Lookups and validation ---------------------------------------------------------------------------

  private requireUser(w: World, name: string): UserRec {
    const u = w.users.get(name.toLowerCase())
    if (!u) throw noSuchUser(name)
    if (w === this.world && !this.visible((v) => v.users.has(name.toLowerCase()))) throw noSuchUser(name)
    return u
  }

  private requireGroup(w: World, name: string): GroupRec {
    const g = w.groups.get(name.toLowerCase())
    if (!g) throw noSuchGroup(name)
    if (w === this.world && !this.visible((v) => v.groups.has(name.toLowerCase()))) throw noSuchGroup(name)
    return g
  }

  private requirePolicy(w: World, arn: string, notFound: string): PolicyRec {
    this.arn_(arn)
    const rec = w.policies.get(arn) ?? this.managedPolicy(w, arn)
    if (!rec) throw new IamError('NoSuchEntity', 404, notFound)
    if (w === this.world && !rec.awsManaged && !this.visible((v) => v.policies.has(arn)))
      throw new IamError('NoSuchEntity', 404, notFound)
    return rec
  }

  private requireBoundary(w: World, arn: string): void {
    this.requirePolicy(w, arn, `Scope ARN: ${arn} does not exist or is not attachable.`)
  }

  /** An AWS managed policy that exists by configuration but is not yet recorded in `w`. */
  private managedPolicy(w: World, arn: string): PolicyRec | undefined {
    if (!arn.startsWith('arn:aws:iam::aws:policy/')) return undefined
    const known = w.policies.get(arn)
    if (known) return known
    if (this.awsManaged !== 'any' && !this.awsManaged.has(arn)) return undefined
    return this.makeManaged(arn)
  }

  private makeManaged(arn: string): PolicyRec {
    const m = POLICY_ARN_RE.exec(arn)
    if (m?.[1] !== 'aws') throw invalidInput(`ARN ${arn} is not valid.`)
    // AWS managed policies predate the account: a fixed date, and an id derived from the name.
    const created = Date.UTC(2015, 1, 6, 18, 39, 46)
    return {
      policyName: m[3]!,
      policyId: `ANPA${stableId(arn, 17)}`,
      arn,
      path: `${m[2] ?? ''}/`,
      createDate: created,
      updateDate: created,
      document: this.managedDocuments.get(arn) ?? ALLOW_NOTHING,
      tags: [],
      awsManaged: true,
    }
  }

  private simulatePrincipalPolicy(p: URLSearchParams, c: Ctx): string {
    const source = this.required(p, 'PolicySourceArn')
    const actions = this.list_(p, 'ActionNames')
    if (!actions.length)
      throw validation(
        "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null",
      )
    const resources = this.list_(p, 'ResourceArns')
    const u = [...c.view.users.values()].find((x) => x.arn === source)
    if (!u) {
      if (!/^arn:aws:iam::\d{12}:(user|group|role)\//.test(source)) throw invalidInput(`Invalid ARN: ${source}`)
      throw new IamError('NoSuchEntity', 404, `Entity ${source} does not exist.`)
    }
    const identity: PolicySource[] = u.policies.map((arn) => {
      const pol = c.view.policies.get(arn)!
      return { id: pol.policyName, type: pol.awsManaged ? 'aws-managed' : 'user-managed', document: pol.document }
    })
    this.list_(p, 'PolicyInputList').forEach((document, i) => {
      this.document_(document)
      identity.push({ id: `PolicyInputList.${i + 1}`, type: 'user', document })
    })
    let boundary: PolicySource[] | undefined
    const boundaryInput = this.list_(p, 'PermissionsBoundaryPolicyInputList')
    if (boundaryInput.length) {
      boundary = boundaryInput.map((document, i) => {
        this.document_(document)
        return { id: `PermissionsBoundaryPolicyInputList.${i + 1}`, type: 'none' as const, document }
      })
    } else if (u.boundary) {
      const pol = c.view.policies.get(u.boundary) ?? this.managedPolicy(c.view, u.boundary)
      if (pol) boundary = [{ id: pol.policyName, type: 'none', document: pol.document }]
    }
    const results: string[] = []
    for (const action of actions) {
      for (const resource of resources.length ? resources : ['*']) {
        const e = evaluate(identity, boundary, action, resource)
        const matched = e.matched.map((m) => el('SourcePolicyId', m.id) + el('SourcePolicyType', m.type))
        results.push(
          el('EvalActionName', action) +
            el('EvalResourceName', resource) +
            el('EvalDecision', e.decision) +
            `<MatchedStatements>${members(matched)}</MatchedStatements>` +
            `<MissingContextValues>${members(e.missingContextValues.map(xmlEscape))}</MissingContextValues>` +
            (e.allowedByBoundary === undefined
              ? ''
              : `<PermissionsBoundaryDecisionDetail>${el('AllowedByPermissionsBoundary', e.allowedByBoundary)}</PermissionsBoundaryDecisionDetail>`),
        )
      }
    }
    const page = paginate(
      results.map((r, i) => ({ r, k: String(i).padStart(8, '0') })),
      (x) => x.k,
      p,
    )
    return `<EvaluationResults>${members(page.items.map((x) => x.r))}</EvaluationResults>${pageXml(page)}`
  }

  private document_(document: string): void {
    try {
      statements(document)
    } catch {
      throw new IamError('MalformedPolicyDocument', 400, 'Syntax errors in policy.')
    }
  }

  private attachmentCount(w: World, arn: string): number {
    return [...w.users.values()].filter((u) => u.policies.includes(arn)).length
  }

  /** When mutations are subject to the consistency window, whether reads can already see the object. */
  private visible(test: (w: World) => boolean): boolean {
    if (this.seeding || !this.consistency.writes || this.consistency.windowMs <= 0) return true
    return test(this.readView())
  }

  private required(p: URLSearchParams, name: string): string {
    const v = p.get(name)
    if (v === null) {
      const member = name[0]!.toLowerCase() + name.slice(1)
      throw validation(
        `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
      )
    }
    return v
  }

  private name_(p: URLSearchParams, param: string, max: number): string {
    const v = this.required(p, param)
    const member = param[0]!.toLowerCase() + param.slice(1)
    if (v.length < 1 || v.length > max)
      throw validation(
        `1 validation error detected: Value '${v}' at '${member}' failed to satisfy constraint: Member must have length ${v.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`}`,
      )
    if (!NAME_RE.test(v))
      throw validation(
        `The specified value for ${member} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`,
      )
    return v
  }

  private path_(p: URLSearchParams): string {
    const v = p.get('Path') ?? '/'
    if (v.length > 512 || !PATH_RE.test(v))
      throw validation(
        'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
      )
    return v
  }

  private prefix_(p: URLSearchParams): string {
    const v = p.get('PathPrefix') ?? '/'
    if (v.length > 512 || !/^\/[\u0021-\u007e]*$/.test(v))
      throw validation(
        'The specified value for pathPrefix is invalid. It must begin with the / character and contain only alphanumeric characters and/or / characters.',
      )
    return v
  }

  private arn_(arn: string): void {
    if (!POLICY_ARN_RE.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`)
  }

  private list_(p: URLSearchParams, name: string): string[] {
    const out: string[] = []
    for (let i = 1; p.has(`${name}.member.${i}`); i++) out.push(p.get(`${name}.member.${i}`)!)
    return out
  }

  private tags_(p: URLSearchParams, required = false): IamTag[] {
    const tags: IamTag[] = []
    for (let i = 1; p.has(`Tags.member.${i}.Key`); i++)
      tags.push({ Key: p.get(`Tags.member.${i}.Key`)!, Value: p.get(`Tags.member.${i}.Value`) ?? '' })
    if (required && !tags.length)
      throw validation(
        "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
      )
    if (tags.length > 50)
      throw validation(
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
      )
    const seen = new Set<string>()
    for (const t of tags) {
      if (t.Key.length < 1 || t.Key.length > 128 || !TAG_RE.test(t.Key))
        throw validation(
          `1 validation error detected: Value '${t.Key}' at 'tags.${tags.indexOf(t) + 1}.member.key' failed to satisfy constraint: Member must have length less than or equal to 128 and satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+`,
        )
      if (t.Value.length > 256 || !TAG_RE.test(t.Value))
        throw validation(
          `1 validation error detected: Value at 'tags.${tags.indexOf(t) + 1}.member.value' failed to satisfy constraint: Member must have length less than or equal to 256 and satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`,
        )
      const k = t.Key.toLowerCase()
      if (seen.has(k)) throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.')
      seen.add(k)
    }
    return tags
  }

  // ---- Time, ids, consistency ---------------------------------------------------------------------------

  /** Records when `what` was added to the user, unless it is already there (an overwritten tag keeps its place). */
  private stamp(u: UserRec, what: string): void {
    u.order[what] ??= String(++this.stampCount).padStart(12, '0')
  }

  private now(): number {
    return this.kernel.clock.now()
  }

  private id(length: number, alphabet = ID_ALPHABET): string {
    let s = ''
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.random() * alphabet.length)]
    return s
  }

  /** Runs an operation for seeding: visible at once, and a refusal becomes a plain Error. */
  private seedCall<T>(fn: () => T): T {
    const outer = this.seeding
    this.seeding = true
    try {
      return fn()
    } catch (error) {
      if (error instanceof IamError && !outer) throw new Error(`iam seed: ${error.code}: ${error.message}`)
      throw error
    } finally {
      this.seeding = outer
    }
  }

  /** Before a write inside a consistency window: keep the world as it is, for reads that must not see the write. */
  private beforeWrite(): void {
    if (this.consistency.windowMs > 0 && !this.history.length)
      this.history.push({ at: Number.NEGATIVE_INFINITY, world: cloneWorld(this.world) })
  }

  /** After a successful write: record the new world and drop copies no read can be served any more. */
  private afterWrite(): void {
    const window = this.consistency.windowMs
    if (window <= 0) {
      this.history = []
      return
    }
    const now = this.now()
    this.history.push({ at: now, world: cloneWorld(this.world) })
    const cut = now - window
    while (this.history.length > 1 && this.history[1]!.at <= cut) this.history.shift()
  }

  /** What reads see: the newest recorded world at least `windowMs` old (the current one without a window). */
  private readView(): World {
    if (this.consistency.windowMs <= 0 || !this.history.length) return this.world
    const cut = this.now() - this.consistency.windowMs
    let view = this.history[0]!.world
    for (const h of this.history) if (h.at <= cut) view = h.world
    return view
  }
}

/**
 * A scripted-fault answer in IAM's exact error shape, for codes the status alone does not pick, e.g.
 * `faults.script({match: {route: 'IAM CreateUser'}, times: 1, respond: iamFault('EntityTemporarilyUnmodifiable', 409)})`.
 */
export function iamFault(code: string, status: number, message = `sandbox: injected ${code}`): FaultResponse {
  const reply = errorXml(code, status, message, status >= 500 ? 'Receiver' : 'Sender', randomUUID())
  return { status, headers: reply.headers as Record<string, string>, body: reply.body }
}

function errorXml(
  code: string,
  status: number,
  message: string,
  type: 'Sender' | 'Receiver',
  requestId: string,
): Reply {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body:
      `<ErrorResponse xmlns="${IAM_NAMESPACE}"><Error>${el('Type', type)}${el('Code', code)}${el('Message', message)}</Error>` +
      `${el('RequestId', requestId)}</ErrorResponse>`,
  }
}

function cloneWorld(w: World): World {
  return structuredClone(w)
}

function sortBy<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => {
    const x = key(a).toLowerCase()
    const y = key(b).toLowerCase()
    return x < y ? -1 : x > y ? 1 : 0
  })
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const ALLOW_NOTHING = JSON.stringify({ Version: '2012-10-17', Statement: [] })
const ADMINISTRATOR_ACCESS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
})
const awsManagedArn = (m: string) => (m.startsWith('arn:') ? m : `arn:aws:iam::aws:policy/${m}`)

function stableId(text: string, length: number): string {
  const next = seeded([...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261))
  let s = ''
  for (let i = 0; i < length; i++) s += ID_ALPHABET[Math.floor(next() * ID_ALPHABET.length)]
  return s
}
