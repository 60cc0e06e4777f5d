// IAM Identity Center's Identity Store API (JSON 1.1, `X-Amz-Target: AWSIdentityStore.<Operation>`): users,
// groups and group memberships of one identity store.
//
// What a user is, as the API reference and the SDK model (2025-12) have it: UserName, Name, DisplayName and the
// other SCIM core attributes, ExternalIds (set by the IdP's SCIM provisioning, never by this API's CreateUser),
// a read-only UserStatus (ENABLED / DISABLED: the API can read it but not change it), and since December 2025 the
// enterprise attributes (employeeNumber, costCenter, organization, division, department, manager) under the
// extension `aws:identitystore:enterprise`, returned only when a call asks for that extension.
//
// Eventual consistency, when `consistency.windowMs` is set: a created user, group or membership is invisible to
// reads for that long, and a deleted one stays visible for that long; writes see the store as it is.
import { randomUUID } from 'node:crypto'
import {
  type Emulator,
  type Kernel,
  type Reply,
  type RouteInfo,
  type SandboxRequest,
  seeded,
  snapshotFields,
  TokenBucket,
} from '../kernel/index.js'
import {
  AwsJsonError,
  authorize,
  type Caller,
  constraint,
  epochSeconds,
  errorForStatus,
  errorReply,
  inputOf,
  isCaller,
  jsonReply,
  paginate,
  requireString,
  routeTarget,
  uuidFrom,
  validation,
} from './aws-json.js'
import { statements } from './iam-policy.js'

export const IDENTITY_STORE_TARGET_PREFIX = 'AWSIdentityStore'
export const ENTERPRISE_EXTENSION = 'aws:identitystore:enterprise'

const STORE_ID_RE = /^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/
const RESOURCE_ID_RE = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/
const RESERVED_NAMES = new Set(['administrator', 'awsadministrators'])
const ENTERPRISE_ATTRIBUTES = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager']

const READ = /^(List|Describe|Get|IsMemberInGroups)/

/** User attributes CreateUser takes and UpdateUser may set (their UpdateUser paths are camelCase). */
const USER_STRINGS = [
  'UserName',
  'DisplayName',
  'NickName',
  'ProfileUrl',
  'UserType',
  'Title',
  'PreferredLanguage',
  'Locale',
  'Timezone',
  'Website',
  'Birthdate',
] as const
const USER_LISTS = ['Emails', 'Addresses', 'PhoneNumbers', 'Photos', 'Roles'] as const
const NAME_PARTS = ['Formatted', 'FamilyName', 'GivenName', 'MiddleName', 'HonorificPrefix', 'HonorificSuffix'] as const
/** The service keeps one email, address and phone number per user (API reference: "Fixed number of 1 item"). */
const SINGLE_ITEM_LISTS = new Set(['Emails', 'Addresses', 'PhoneNumbers'])

export interface ExternalId {
  Issuer: string
  Id: string
}

export interface IdentityStoreOptions {
  /** Default `d-1234567890`. */
  identityStoreId?: string
  /** The account the identity store lives in (its ARN names it). Default `123456789012`. */
  accountId?: string
  /** Enforce a request rate (default 20 per second, as for IAM Identity Center's APIs). */
  limits?: { enabled: boolean; requestsPerSecond?: number }
  /** A bucket shared with the SSO Admin emulator (the 20 requests per second are collective). */
  rateBucket?: TokenBucket
  consistency?: { windowMs: number }
  callerPolicy?: string | null
  callerArn?: string
  callerAccessKeyId?: string
  idSeed?: number
}

export interface IdentityStoreSeedUser {
  userName: string
  displayName?: string
  givenName?: string
  familyName?: string
  email?: string
  /** The IdP's ids for the user, as SCIM provisioning sets them. */
  externalIds?: ExternalId[]
  /** DISABLED models an IdP that deactivated the user through SCIM. */
  status?: 'ENABLED' | 'DISABLED'
  /** Enterprise attributes (employeeNumber, costCenter, ...; manager as `{ value }`). */
  enterprise?: Record<string, unknown>
  /** Any other User members, in the API's own names (Title, Locale, ...). */
  attributes?: Record<string, unknown>
}

export interface IdentityStoreSeed {
  identityStoreId?: string
  users?: IdentityStoreSeedUser[]
  /** Groups by display name; members by user name. */
  groups?: (string | { displayName: string; description?: string; externalIds?: ExternalId[]; members?: string[] })[]
}

interface Lifetime {
  createdAt: number
  updatedAt: number
  deletedAt?: number
  seq: string
}

interface UserRec extends Lifetime {
  UserId: string
  /** Every User member but the id, store id, status and extensions, in the API's names. */
  attrs: Record<string, unknown>
  externalIds: ExternalId[]
  status: 'ENABLED' | 'DISABLED'
  enterprise?: Record<string, unknown>
  createdBy: string
  updatedBy: string
}

interface GroupRec extends Lifetime {
  GroupId: string
  DisplayName: string
  Description?: string
  externalIds: ExternalId[]
}

interface MembershipRec extends Lifetime {
  MembershipId: string
  GroupId: string
  UserId: string
}

export class IdentityStoreEmulator implements Emulator {
  readonly name = 'identityStore'
  identityStoreId: string
  readonly accountId: string
  consistency: { windowMs: number }
  private users = new Map<string, UserRec>()
  private groups = new Map<string, GroupRec>()
  private memberships = new Map<string, MembershipRec>()
  private stamp = 0
  private readonly bucket: TokenBucket
  private readonly random: () => number
  readonly caller: Caller

  constructor(
    options: IdentityStoreOptions,
    private readonly kernel: Kernel,
  ) {
    this.identityStoreId = options.identityStoreId ?? 'd-1234567890'
    if (!STORE_ID_RE.test(this.identityStoreId))
      throw new Error('identityStore: identityStoreId is not an identity store id')
    this.accountId = options.accountId ?? '123456789012'
    this.consistency = options.consistency ?? { windowMs: 0 }
    const rps = options.limits?.requestsPerSecond ?? 20
    this.bucket =
      options.rateBucket ?? new TokenBucket(rps, 1000, kernel.clock, 'rolling', options.limits?.enabled ?? false)
    this.random = seeded(options.idSeed ?? 2020_06_15)
    if (options.callerPolicy) statements(options.callerPolicy)
    this.caller = {
      policy: options.callerPolicy ?? undefined,
      arn: options.callerArn ?? `arn:aws:sts::${this.accountId}:assumed-role/onramp-automation/onramp`,
      accessKeyId: options.callerAccessKeyId,
    }
  }

  get storeArn(): string {
    return `arn:aws:identitystore::${this.accountId}:identitystore/${this.identityStoreId}`
  }

  // ---- Emulator interface -------------------------------------------------------------------------------

  route(req: SandboxRequest): RouteInfo | undefined {
    return routeTarget(req, IDENTITY_STORE_TARGET_PREFIX, 'IdentityStore', READ)
  }

  handle(req: SandboxRequest, route: RouteInfo): Reply {
    const op = route.data as string
    const requestId = randomUUID()
    try {
      if (!this.bucket.take().ok)
        return {
          ...errorReply(
            new AwsJsonError(
              'ThrottlingException',
              'Rate exceeded',
              { RequestId: requestId, RetryAfterSeconds: 1 },
              400,
              {
                'retry-after': '1',
              },
            ),
            requestId,
          ),
          limited: true,
        }
      const handler = op ? this.handlers[op] : undefined
      if (!handler) throw new AwsJsonError('UnknownOperationException', '')
      const input = inputOf(req)
      this.purge()
      const asCaller = isCaller(this.caller, req)
      const storeId = requireString(input, 'IdentityStoreId', STORE_ID_RE, 36)
      if (storeId !== this.identityStoreId) {
        // Another store: a caller not allowed there is refused before learning whether it exists.
        if (asCaller)
          authorize(this.caller, `identitystore:${op}`, [
            `arn:aws:identitystore::${this.accountId}:identitystore/${storeId}`,
          ])
        throw notFound('IDENTITY_STORE', storeId, `Identity store ${storeId} does not exist.`)
      }
      return jsonReply(handler.call(this, input, asCaller), requestId)
    } catch (error) {
      if (!(error instanceof AwsJsonError)) throw error
      // Identity Store errors carry the request id in the body as well.
      if (error.type !== 'UnknownOperationException' && error.type !== 'SerializationException')
        error.extra.RequestId ??= requestId
      return errorReply(error, requestId)
    }
  }

  errorReply(status: number, message: string): Reply {
    return errorReply(errorForStatus(status, message), randomUUID())
  }

  commonHeaders(): Record<string, string> {
    return { 'x-amzn-requestid': randomUUID() }
  }

  snapshot(): () => void {
    return snapshotFields(this, ['users', 'groups', 'memberships'])
  }

  state(): unknown {
    const live = <T extends Lifetime>(m: Map<string, T>) => [...m.values()].filter((r) => r.deletedAt === undefined)
    return {
      identityStoreId: this.identityStoreId,
      users: live(this.users).map((u) => ({
        UserId: u.UserId,
        ...u.attrs,
        ExternalIds: u.externalIds,
        UserStatus: u.status,
        ...(u.enterprise ? { enterprise: u.enterprise } : {}),
        groups: live(this.memberships)
          .filter((m) => m.UserId === u.UserId)
          .map((m) => this.groups.get(m.GroupId)?.DisplayName ?? m.GroupId),
      })),
      groups: live(this.groups).map((g) => ({
        GroupId: g.GroupId,
        DisplayName: g.DisplayName,
        Description: g.Description,
      })),
    }
  }

  seed(data: unknown): void {
    const s = (data ?? {}) as IdentityStoreSeed
    if (s.identityStoreId !== undefined) {
      if (!STORE_ID_RE.test(s.identityStoreId))
        throw new Error('identityStore seed: identityStoreId is not an identity store id')
      this.identityStoreId = s.identityStoreId
    }
    for (const u of s.users ?? []) {
      const input: Record<string, any> = {
        UserName: u.userName,
        DisplayName: u.displayName ?? u.userName,
        Name: { GivenName: u.givenName ?? u.userName, FamilyName: u.familyName ?? u.userName },
        ...(u.email ? { Emails: [{ Value: u.email, Type: 'work', Primary: true }] } : {}),
        ...u.attributes,
        ...(u.enterprise ? { Extensions: { [ENTERPRISE_EXTENSION]: u.enterprise } } : {}),
      }
      const id = seedCall(() => this.createUser(input, 'SCIM'))
      const rec = this.users.get(id)!
      rec.externalIds = (u.externalIds ?? []).map((e) => ({ Issuer: e.Issuer, Id: e.Id }))
      rec.status = u.status ?? 'ENABLED'
      rec.createdAt = Number.NEGATIVE_INFINITY // seeded: visible at once
    }
    for (const g of s.groups ?? []) {
      const spec = typeof g === 'string' ? { displayName: g } : g
      let group = this.liveGroups().find((x) => x.DisplayName === spec.displayName)
      if (!group) {
        const id = seedCall(() => this.createGroup({ DisplayName: spec.displayName, Description: spec.description }))
        group = this.groups.get(id)!
        group.externalIds = spec.externalIds ?? []
        group.createdAt = Number.NEGATIVE_INFINITY
      }
      for (const userName of typeof g === 'string' ? [] : (g.members ?? [])) {
        const user = this.liveUsers().find((u) => sameName(String(u.attrs.UserName), userName))
        if (!user) throw new Error('identityStore seed: a group member is not a seeded user')
        const mid = seedCall(() => this.addMembership(group!.GroupId, user.UserId))
        this.memberships.get(mid)!.createdAt = Number.NEGATIVE_INFINITY
      }
    }
  }

  /**
   * `POST /__sandbox/user-status` `{userName, status}`: what the IdP's SCIM deprovisioning does to a user (the
   * API itself cannot change UserStatus).
   */
  control(method: string, what: string, input: unknown): unknown {
    if (method !== 'POST' || what !== 'user-status') return undefined
    const { userName, status } = (input ?? {}) as { userName?: unknown; status?: unknown }
    if (typeof userName !== 'string') throw new Error('user-status: userName must be a string')
    if (status !== 'ENABLED' && status !== 'DISABLED')
      throw new Error('user-status: status must be ENABLED or DISABLED')
    const id = this.userIdOf(userName)
    if (!id) throw new Error('user-status: no user has that userName')
    this.setUserStatus(id, status)
    return { userId: id, status }
  }

  // ---- In-process helpers -----------------------------------------------------------------------------------

  /** Whether a user or group id exists now (for the SSO Admin emulator's assignment requests). */
  principalExists(type: 'USER' | 'GROUP', id: string, identityStoreId: string): boolean {
    if (identityStoreId !== this.identityStoreId) return false
    const rec = type === 'USER' ? this.users.get(id) : this.groups.get(id)
    return rec !== undefined && rec.deletedAt === undefined
  }

  /** The user id for a user name, as it is now (no consistency window). */
  userIdOf(userName: string): string | undefined {
    return this.liveUsers().find((u) => sameName(String(u.attrs.UserName), userName))?.UserId
  }

  groupIdOf(displayName: string): string | undefined {
    return this.liveGroups().find((g) => g.DisplayName === displayName)?.GroupId
  }

  /** The groups a user is in now, by id and display name. */
  groupsOfUser(userId: string): { groupId: string; displayName: string }[] {
    return [...this.memberships.values()]
      .filter((m) => m.deletedAt === undefined && m.UserId === userId)
      .flatMap((m) => {
        const g = this.groups.get(m.GroupId)
        return g && g.deletedAt === undefined ? [{ groupId: g.GroupId, displayName: g.DisplayName }] : []
      })
  }

  /** Marks a user DISABLED or ENABLED, as the IdP's SCIM deprovisioning does (the API cannot). */
  setUserStatus(userId: string, status: 'ENABLED' | 'DISABLED'): void {
    const u = this.users.get(userId)
    if (!u || u.deletedAt !== undefined) throw new Error('identityStore: no such user')
    u.status = status
  }

  // ---- Operations -------------------------------------------------------------------------------------------

  private readonly handlers: Record<string, (input: Record<string, any>, asCaller: boolean) => unknown> = {
    CreateUser(this: IdentityStoreEmulator, input, asCaller) {
      if (asCaller) authorize(this.caller, 'identitystore:CreateUser', [this.storeArn])
      return { UserId: this.createUser(input, 'API'), IdentityStoreId: this.identityStoreId }
    },

    DescribeUser(this: IdentityStoreEmulator, input, asCaller) {
      const userId = requireString(input, 'UserId', RESOURCE_ID_RE, 47)
      if (asCaller) authorize(this.caller, 'identitystore:DescribeUser', [userArn(userId), this.storeArn])
      const extensions = extensionsArg(input)
      const u = this.visible(this.users).find((x) => x.UserId === userId)
      if (!u) throw notFound('USER', userId, `USER not found.`)
      return this.userBody(u, extensions)
    },

    UpdateUser(this: IdentityStoreEmulator, input, asCaller) {
      const userId = requireString(input, 'UserId', RESOURCE_ID_RE, 47)
      if (asCaller) authorize(this.caller, 'identitystore:UpdateUser', [userArn(userId), this.storeArn])
      const u = this.users.get(userId)
      if (!u || u.deletedAt !== undefined) throw notFound('USER', userId, 'USER not found.')
      const ops = input.Operations
      if (!Array.isArray(ops) || ops.length < 1 || ops.length > 100)
        throw constraint(null, 'operations', 'have length between 1 and 100')
      const next = structuredClone(u.attrs)
      for (const [i, op] of ops.entries()) applyUserOperation(next, op, i)
      checkUser(next)
      const clash = this.liveUsers().find(
        (x) => x.UserId !== userId && sameName(String(x.attrs.UserName), String(next.UserName)),
      )
      if (clash) throw conflict('UNIQUENESS_CONSTRAINT_VIOLATION', 'Duplicate UserName')
      u.attrs = next
      u.updatedAt = this.now()
      u.updatedBy = this.caller.arn
      return {}
    },

    DeleteUser(this: IdentityStoreEmulator, input, asCaller) {
      const userId = requireString(input, 'UserId', RESOURCE_ID_RE, 47)
      if (asCaller) authorize(this.caller, 'identitystore:DeleteUser', [userArn(userId), this.storeArn])
      const u = this.users.get(userId)
      if (!u || u.deletedAt !== undefined) throw notFound('USER', userId, 'USER not found.')
      const now = this.now()
      u.deletedAt = now
      // The user's memberships go with it.
      for (const m of this.memberships.values()) if (m.UserId === userId && m.deletedAt === undefined) m.deletedAt = now
      return {}
    },

    GetUserId(this: IdentityStoreEmulator, input, asCaller) {
      if (asCaller) authorize(this.caller, 'identitystore:GetUserId', [userArn('*'), this.storeArn])
      const id = alternateIdentifier(input)
      const users = this.visible(this.users)
      let u: UserRec | undefined
      if (id.externalId)
        u = users.find((x) =>
          x.externalIds.some((e) => e.Issuer === id.externalId!.Issuer && e.Id === id.externalId!.Id),
        )
      else {
        const { path, value } = id.unique!
        if (path === 'username') u = users.find((x) => sameName(String(x.attrs.UserName), value))
        else if (path === 'emails.value')
          u = users.find((x) =>
            ((x.attrs.Emails as { Value?: string }[] | undefined) ?? []).some((e) => sameName(String(e.Value), value)),
          )
        else throw validation('Invalid AttributePath. The valid paths are userName and emails.value.')
      }
      if (!u) throw notFound('USER', undefined, 'USER not found.')
      return { UserId: u.UserId, IdentityStoreId: this.identityStoreId }
    },

    ListUsers(this: IdentityStoreEmulator, input, asCaller) {
      if (asCaller) authorize(this.caller, 'identitystore:ListUsers', [userArn('*'), this.storeArn])
      const extensions = extensionsArg(input)
      const filter = filterArg(input, ['UserName'])
      const all = this.visible(this.users)
        .filter((u) => !filter || sameName(String(u.attrs.UserName), filter))
        .sort(bySeq)
      const page = paginate(all, (u) => u.seq, input, `ListUsers:${filter ?? ''}`, { max: 100, fallback: 100 })
      return {
        Users: page.items.map((u) => this.userBody(u, extensions)),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      }
    },

    CreateGroup(this: IdentityStoreEmulator, input, asCaller) {
      if (asCaller) authorize(this.caller, 'identitystore:CreateGroup', [this.storeArn])
      return { GroupId: this.createGroup(input), IdentityStoreId: this.identityStoreId }
    },

    DescribeGroup(this: IdentityStoreEmulator, input, asCaller) {
      const groupId = requireString(input, 'GroupId', RESOURCE_ID_RE, 47)
      if (asCaller) authorize(this.caller, 'identitystore:DescribeGroup', [groupArn(groupId), this.storeArn])
      const g = this.visible(this.groups).find((x) => x.GroupId === groupId)
      if (!g) throw notFound('GROUP', groupId, 'GROUP not found.')
      return this.groupBody(g)
    },

    GetGroupId(this: IdentityStoreEmulator, input, asCaller) {
      if (asCaller) authorize(this.caller, 'identitystore:GetGroupId', [groupArn('*'), this.storeArn])
      const id = alternateIdentifier(input)
      const groups = this.visible(this.groups)
      let g: GroupRec | undefined
      if (id.externalId)
        g = groups.find((x) =>
          x.externalIds.some((e) => e.Issuer === id.externalId!.Issuer && e.Id === id.externalId!.Id),
        )
      else {
        if (id.unique!.path !== 'displayname') throw validation('Invalid AttributePath. The valid path is displayName.')
        g = groups.find((x) => x.DisplayName === id.unique!.value)
      }
      if (!g) throw notFound('GROUP', undefined, 'GROUP not found.')
      return { GroupId: g.GroupId, IdentityStoreId: this.identityStoreId }
    },

    ListGroups(this: IdentityStoreEmulator, input, asCaller) {
      if (asCaller) authorize(this.caller, 'identitystore:ListGroups', [groupArn('*'), this.storeArn])
      const filter = filterArg(input, ['DisplayName'])
      const all = this.visible(this.groups)
        .filter((g) => filter === undefined || g.DisplayName === filter)
        .sort(bySeq)
      const page = paginate(all, (g) => g.seq, input, `ListGroups:${filter ?? ''}`, { max: 100, fallback: 100 })
      return {
        Groups: page.items.map((g) => this.groupBody(g)),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      }
    },

    CreateGroupMembership(this: IdentityStoreEmulator, input, asCaller) {
      const groupId = requireString(input, 'GroupId', RESOURCE_ID_RE, 47)
      const userId = memberArg(input)
      if (asCaller)
        authorize(this.caller, 'identitystore:CreateGroupMembership', [
          groupArn(groupId),
          userArn(userId),
          this.storeArn,
        ])
      return { MembershipId: this.addMembership(groupId, userId), IdentityStoreId: this.identityStoreId }
    },

    DeleteGroupMembership(this: IdentityStoreEmulator, input, asCaller) {
      const membershipId = requireString(input, 'MembershipId', RESOURCE_ID_RE, 47)
      if (asCaller)
        authorize(this.caller, 'identitystore:DeleteGroupMembership', [membershipArn(membershipId), this.storeArn])
      const m = this.memberships.get(membershipId)
      if (!m || m.deletedAt !== undefined)
        throw notFound('GROUP_MEMBERSHIP', membershipId, 'GROUP_MEMBERSHIP not found.')
      m.deletedAt = this.now()
      return {}
    },

    DescribeGroupMembership(this: IdentityStoreEmulator, input, asCaller) {
      const membershipId = requireString(input, 'MembershipId', RESOURCE_ID_RE, 47)
      if (asCaller)
        authorize(this.caller, 'identitystore:DescribeGroupMembership', [membershipArn(membershipId), this.storeArn])
      const m = this.visible(this.memberships).find((x) => x.MembershipId === membershipId)
      if (!m) throw notFound('GROUP_MEMBERSHIP', membershipId, 'GROUP_MEMBERSHIP not found.')
      return this.membershipBody(m)
    },

    GetGroupMembershipId(this: IdentityStoreEmulator, input, asCaller) {
      const groupId = requireString(input, 'GroupId', RESOURCE_ID_RE, 47)
      const userId = memberArg(input)
      if (asCaller)
        authorize(this.caller, 'identitystore:GetGroupMembershipId', [
          groupArn(groupId),
          userArn(userId),
          this.storeArn,
        ])
      const m = this.visible(this.memberships).find((x) => x.GroupId === groupId && x.UserId === userId)
      if (!m) throw notFound('GROUP_MEMBERSHIP', undefined, 'GROUP_MEMBERSHIP not found.')
      return { MembershipId: m.MembershipId, IdentityStoreId: this.identityStoreId }
    },

    ListGroupMemberships(this: IdentityStoreEmulator, input, asCaller) {
      const groupId = requireString(input, 'GroupId', RESOURCE_ID_RE, 47)
      if (asCaller)
        authorize(this.caller, 'identitystore:ListGroupMemberships', [
          groupArn(groupId),
          membershipArn('*'),
          this.storeArn,
        ])
      const all = this.visible(this.memberships)
        .filter((m) => m.GroupId === groupId)
        .sort(bySeq)
      const page = paginate(all, (m) => m.seq, input, `ListGroupMemberships:${groupId}`, { max: 100, fallback: 100 })
      return {
        GroupMemberships: page.items.map((m) => this.membershipBody(m)),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      }
    },

    ListGroupMembershipsForMember(this: IdentityStoreEmulator, input, asCaller) {
      const userId = memberArg(input)
      if (asCaller)
        authorize(this.caller, 'identitystore:ListGroupMembershipsForMember', [
          userArn(userId),
          membershipArn('*'),
          this.storeArn,
        ])
      const all = this.visible(this.memberships)
        .filter((m) => m.UserId === userId)
        .sort(bySeq)
      const page = paginate(all, (m) => m.seq, input, `ListGroupMembershipsForMember:${userId}`, {
        max: 100,
        fallback: 100,
      })
      return {
        GroupMemberships: page.items.map((m) => this.membershipBody(m)),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      }
    },

    IsMemberInGroups(this: IdentityStoreEmulator, input, asCaller) {
      const userId = memberArg(input)
      const groupIds = input.GroupIds
      if (!Array.isArray(groupIds) || groupIds.length < 1 || groupIds.length > 100)
        throw constraint(null, 'groupIds', 'have length between 1 and 100')
      for (const g of groupIds)
        if (typeof g !== 'string' || !RESOURCE_ID_RE.test(g)) throw constraint(g, 'groupIds', 'be a group id')
      if (asCaller)
        authorize(this.caller, 'identitystore:IsMemberInGroups', [
          userArn(userId),
          ...groupIds.map(groupArn),
          this.storeArn,
        ])
      const visible = this.visible(this.memberships)
      return {
        Results: groupIds.map((g: string) => ({
          GroupId: g,
          MemberId: { UserId: userId },
          MembershipExists: visible.some((m) => m.GroupId === g && m.UserId === userId),
        })),
      }
    },
  }

  // ---- Internals ------------------------------------------------------------------------------------------

  private createUser(input: Record<string, any>, by: 'API' | 'SCIM'): string {
    const attrs: Record<string, unknown> = {}
    for (const k of USER_STRINGS) if (input[k] !== undefined && input[k] !== null) attrs[k] = input[k]
    for (const k of USER_LISTS) if (input[k] !== undefined && input[k] !== null) attrs[k] = input[k]
    if (input.Name !== undefined && input.Name !== null) attrs.Name = input.Name
    checkUser(attrs)
    const enterprise = extensionsInput(input.Extensions)
    if (this.liveUsers().some((u) => sameName(String(u.attrs.UserName), String(attrs.UserName))))
      throw conflict('UNIQUENESS_CONSTRAINT_VIOLATION', 'Duplicate UserName')
    const now = this.now()
    const id = uuidFrom(this.random)
    this.users.set(id, {
      UserId: id,
      attrs,
      externalIds: [],
      status: 'ENABLED',
      enterprise,
      createdAt: now,
      updatedAt: now,
      createdBy: by === 'SCIM' ? 'SCIM' : this.caller.arn,
      updatedBy: by === 'SCIM' ? 'SCIM' : this.caller.arn,
      seq: this.nextStamp(),
    })
    return id
  }

  private createGroup(input: Record<string, any>): string {
    const displayName = requireString(input, 'DisplayName', undefined, 1024)
    if (RESERVED_NAMES.has(displayName.toLowerCase())) throw validation(`${displayName} is a reserved name.`)
    if (this.liveGroups().some((g) => g.DisplayName === displayName))
      throw conflict('UNIQUENESS_CONSTRAINT_VIOLATION', 'Duplicate GroupDisplayName')
    const now = this.now()
    const id = uuidFrom(this.random)
    this.groups.set(id, {
      GroupId: id,
      DisplayName: displayName,
      Description: typeof input.Description === 'string' ? input.Description : undefined,
      externalIds: [],
      createdAt: now,
      updatedAt: now,
      seq: this.nextStamp(),
    })
    return id
  }

  private addMembership(groupId: string, userId: string): string {
    const g = this.groups.get(groupId)
    if (!g || g.deletedAt !== undefined) throw notFound('GROUP', groupId, 'GROUP not found.')
    const u = this.users.get(userId)
    if (!u || u.deletedAt !== undefined) throw notFound('USER', userId, 'USER not found.')
    if (
      [...this.memberships.values()].some(
        (m) => m.deletedAt === undefined && m.GroupId === groupId && m.UserId === userId,
      )
    )
      throw conflict('UNIQUENESS_CONSTRAINT_VIOLATION', 'Member and Group relationship already exists.')
    const now = this.now()
    const id = uuidFrom(this.random)
    this.memberships.set(id, {
      MembershipId: id,
      GroupId: groupId,
      UserId: userId,
      createdAt: now,
      updatedAt: now,
      seq: this.nextStamp(),
    })
    return id
  }

  private userBody(u: UserRec, extensions: string[]): Record<string, unknown> {
    return {
      IdentityStoreId: this.identityStoreId,
      UserId: u.UserId,
      ...u.attrs,
      ...(u.externalIds.length ? { ExternalIds: u.externalIds } : {}),
      UserStatus: u.status,
      CreatedAt: epochSeconds(Number.isFinite(u.createdAt) ? u.createdAt : u.updatedAt),
      CreatedBy: u.createdBy,
      UpdatedAt: epochSeconds(u.updatedAt),
      UpdatedBy: u.updatedBy,
      ...(extensions.includes(ENTERPRISE_EXTENSION) && u.enterprise
        ? { Extensions: { [ENTERPRISE_EXTENSION]: u.enterprise } }
        : {}),
    }
  }

  private groupBody(g: GroupRec): Record<string, unknown> {
    return {
      GroupId: g.GroupId,
      DisplayName: g.DisplayName,
      ...(g.externalIds.length ? { ExternalIds: g.externalIds } : {}),
      ...(g.Description ? { Description: g.Description } : {}),
      CreatedAt: epochSeconds(Number.isFinite(g.createdAt) ? g.createdAt : g.updatedAt),
      UpdatedAt: epochSeconds(g.updatedAt),
      IdentityStoreId: this.identityStoreId,
    }
  }

  private membershipBody(m: MembershipRec): Record<string, unknown> {
    return {
      IdentityStoreId: this.identityStoreId,
      MembershipId: m.MembershipId,
      GroupId: m.GroupId,
      MemberId: { UserId: m.UserId },
      CreatedAt: epochSeconds(Number.isFinite(m.createdAt) ? m.createdAt : m.updatedAt),
      UpdatedAt: epochSeconds(m.updatedAt),
    }
  }

  /** What reads see: created at least `windowMs` ago, and not deleted more than `windowMs` ago. */
  private visible<T extends Lifetime>(m: Map<string, T>): T[] {
    const now = this.now()
    const w = this.consistency.windowMs
    return [...m.values()].filter((r) => r.createdAt + w <= now && (r.deletedAt === undefined || now < r.deletedAt + w))
  }

  private liveUsers(): UserRec[] {
    return [...this.users.values()].filter((u) => u.deletedAt === undefined)
  }

  private liveGroups(): GroupRec[] {
    return [...this.groups.values()].filter((g) => g.deletedAt === undefined)
  }

  /** Forgets deleted records no read can see any more. */
  private purge(): void {
    const cut = this.now() - this.consistency.windowMs
    for (const m of [this.users, this.groups, this.memberships] as Map<string, Lifetime>[])
      for (const [k, r] of m) if (r.deletedAt !== undefined && r.deletedAt <= cut) m.delete(k)
  }

  private nextStamp(): string {
    return String(++this.stamp).padStart(12, '0')
  }

  private now(): number {
    return this.kernel.clock.now()
  }
}

// ---- Input checks ------------------------------------------------------------------------------------------

function notFound(resourceType: string, resourceId: string | undefined, message: string): AwsJsonError {
  return new AwsJsonError('ResourceNotFoundException', message, {
    ResourceType: resourceType,
    ...(resourceId ? { ResourceId: resourceId } : {}),
  })
}

function conflict(reason: string, message: string): AwsJsonError {
  return new AwsJsonError('ConflictException', message, { Reason: reason })
}

/** IAM Identity Center requires a user name, a display name, and a given and family name. */
function checkUser(attrs: Record<string, unknown>): void {
  const userName = attrs.UserName
  if (typeof userName !== 'string' || !userName.length || userName.length > 128)
    throw constraint(typeof userName === 'string' ? userName : null, 'userName', 'have length between 1 and 128')
  if (RESERVED_NAMES.has(userName.toLowerCase())) throw validation(`${userName} is a reserved name.`)
  if (typeof attrs.DisplayName !== 'string' || !attrs.DisplayName.length)
    throw validation('DisplayName is required in IAM Identity Center.')
  const name = attrs.Name as Record<string, unknown> | undefined
  if (
    typeof name !== 'object' ||
    name === null ||
    typeof name.GivenName !== 'string' ||
    typeof name.FamilyName !== 'string'
  )
    throw validation('Name.GivenName and Name.FamilyName are required in IAM Identity Center.')
  for (const k of Object.keys(name))
    if (!(NAME_PARTS as readonly string[]).includes(k))
      throw new AwsJsonError('SerializationException', `Unknown member Name.${k}`)
  for (const k of USER_LISTS) {
    const list = attrs[k]
    if (list === undefined) continue
    if (!Array.isArray(list)) throw new AwsJsonError('SerializationException', `${k} must be a list`)
    if (SINGLE_ITEM_LISTS.has(k) && list.length !== 1)
      throw constraint(null, k[0]!.toLowerCase() + k.slice(1), 'have length less than or equal to 1')
  }
}

/** `Extensions` of CreateUser: only the enterprise extension, with its known attributes. */
function extensionsInput(ext: unknown): Record<string, unknown> | undefined {
  if (ext === undefined || ext === null) return undefined
  if (typeof ext !== 'object' || Array.isArray(ext))
    throw new AwsJsonError('SerializationException', 'Extensions must be a map')
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(ext as Record<string, unknown>)) {
    if (name !== ENTERPRISE_EXTENSION)
      throw validation(`Unsupported extension name. ${ENTERPRISE_EXTENSION} is the only supported extension name.`)
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw validation(`${ENTERPRISE_EXTENSION} must be an object.`)
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!ENTERPRISE_ATTRIBUTES.includes(k)) throw validation(`Unsupported attribute ${k} in ${ENTERPRISE_EXTENSION}.`)
      out[k] = v
    }
  }
  return out
}

/** `Extensions` of DescribeUser / ListUsers: the names of extensions to return. */
function extensionsArg(input: Record<string, any>): string[] {
  const e = input.Extensions
  if (e === undefined || e === null) return []
  if (!Array.isArray(e) || e.length < 1 || e.length > 10)
    throw constraint(null, 'extensions', 'have length between 1 and 10')
  for (const name of e)
    if (name !== ENTERPRISE_EXTENSION)
      throw validation(`Unsupported extension name. ${ENTERPRISE_EXTENSION} is the only supported extension name.`)
  return e
}

/** The deprecated `Filters` of ListUsers / ListGroups: still accepted, one filter, on the one attribute each allows. */
function filterArg(input: Record<string, any>, paths: string[]): string | undefined {
  const f = input.Filters
  if (f === undefined || f === null) return undefined
  if (!Array.isArray(f) || f.length > 1) throw constraint(null, 'filters', 'have length less than or equal to 1')
  if (!f.length) return undefined
  const { AttributePath: path, AttributeValue: value } = f[0] ?? {}
  if (typeof path !== 'string' || !paths.some((p) => p.toLowerCase() === path.toLowerCase()))
    throw validation(`Filtering on the AttributePath ${String(path)} is not supported. Supported: ${paths.join(', ')}.`)
  if (typeof value !== 'string' || !value.length)
    throw constraint(null, 'filters.1.member.attributeValue', 'not be null')
  return value
}

function memberArg(input: Record<string, any>): string {
  const m = input.MemberId
  if (typeof m !== 'object' || m === null) throw constraint(null, 'memberId', 'not be null')
  return requireString(m, 'UserId', RESOURCE_ID_RE, 47)
}

/** The AlternateIdentifier union: an ExternalId, or a UniqueAttribute (path lower-cased). */
function alternateIdentifier(input: Record<string, any>): {
  externalId?: ExternalId
  unique?: { path: string; value: string }
} {
  const a = input.AlternateIdentifier
  if (typeof a !== 'object' || a === null) throw constraint(null, 'alternateIdentifier', 'not be null')
  const keys = Object.keys(a).filter((k) => a[k] !== undefined && a[k] !== null)
  if (keys.length !== 1) throw validation('AlternateIdentifier must set exactly one of ExternalId and UniqueAttribute.')
  if (a.ExternalId) {
    const issuer = requireString(a.ExternalId, 'Issuer', undefined, 100)
    const id = requireString(a.ExternalId, 'Id', undefined, 256)
    return { externalId: { Issuer: issuer, Id: id } }
  }
  if (a.UniqueAttribute) {
    const path = requireString(a.UniqueAttribute, 'AttributePath', undefined, 255)
    const value = a.UniqueAttribute.AttributeValue
    if (typeof value !== 'string' || !value.length) throw validation('AttributeValue must be a non-empty string.')
    return { unique: { path: path.toLowerCase(), value } }
  }
  throw validation('AlternateIdentifier must set exactly one of ExternalId and UniqueAttribute.')
}

/** One UpdateUser operation on a copy of the attributes: a camelCase path, a value (null removes). */
function applyUserOperation(attrs: Record<string, unknown>, op: unknown, i: number): void {
  if (typeof op !== 'object' || op === null) throw constraint(null, `operations.${i + 1}.member`, 'not be null')
  const { AttributePath: path, AttributeValue: value } = op as { AttributePath?: unknown; AttributeValue?: unknown }
  if (typeof path !== 'string' || !path.length)
    throw constraint(null, `operations.${i + 1}.member.attributePath`, 'not be null')
  const [head, sub, ...rest] = path.split('.')
  const member = USER_MEMBERS.get(head!.toLowerCase())
  if (!member || rest.length || (sub !== undefined && member !== 'Name'))
    throw validation(`Invalid AttributePath ${path}.`)
  if (member === 'Name' && sub !== undefined) {
    const part = NAME_PARTS.find((p) => p.toLowerCase() === sub.toLowerCase())
    if (!part) throw validation(`Invalid AttributePath ${path}.`)
    const name = { ...((attrs.Name as Record<string, unknown>) ?? {}) }
    if (value === null || value === undefined) delete name[part]
    else if (typeof value !== 'string') throw validation(`AttributeValue for ${path} must be a string.`)
    else name[part] = value
    attrs.Name = name
    return
  }
  if (value === null || value === undefined) delete attrs[member]
  else attrs[member] = value
}

const USER_MEMBERS = new Map<string, string>(
  [...USER_STRINGS, ...USER_LISTS, 'Name'].map((m) => [m.toLowerCase(), m] as [string, string]),
)

function seedCall<T>(fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof AwsJsonError) throw new Error(`identityStore seed: ${error.type}: ${error.message}`)
    throw error
  }
}

/** User names and emails compare case-insensitively. */
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
const userArn = (id: string) => `arn:aws:identitystore:::user/${id}`
const groupArn = (id: string) => `arn:aws:identitystore:::group/${id}`
const membershipArn = (id: string) => `arn:aws:identitystore:::membership/${id}`
const bySeq = (a: { seq: string }, b: { seq: string }) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)
