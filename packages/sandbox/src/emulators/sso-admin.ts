// IAM Identity Center's SSO Admin API (JSON 1.1, `X-Amz-Target: SWBExternalService.<Operation>`): instances,
// permission sets and account assignments, for what onramp's grant-aws does in Identity Center mode.
//
// Assignment creation and deletion are asynchronous, as in the service: the call answers a status IN_PROGRESS
// with a RequestId; the request ends SUCCEEDED (or FAILED, with a FailureReason) `asyncDelayMs` later on the
// sandbox clock, and only then (or `consistency.windowMs` later still) does the assignment appear in (or leave)
// the list calls. Limits, when enforced,
// are the documented ones: 20 requests per second across the APIs, and at most 10 assignment operations in
// progress per instance (the 11th is a ThrottlingException).
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

export const SSO_ADMIN_TARGET_PREFIX = 'SWBExternalService'

const INSTANCE_ARN_RE = /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/
const PERMISSION_SET_ARN_RE =
  /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/
const ACCOUNT_RE = /^\d{12}$/
const PRINCIPAL_ID_RE = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/
const REQUEST_ID_RE = /^\b[0-9a-f]{8}\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\b[0-9a-f]{12}\b$/
const IDENTITY_STORE_ID_RE = /^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

// Reads change nothing; everything else is a write (for faults matched by `mutating`).
const READ = /^(List|Describe|Get)/

export type PrincipalType = 'USER' | 'GROUP'
export type AssignmentOperation = 'create' | 'delete'

/** Forces the next matching assignment requests to end FAILED with `reason`. */
export interface AssignmentFailure {
  match?: {
    operation?: AssignmentOperation
    accountId?: string
    permissionSetArn?: string
    principalId?: string
  }
  reason?: string
  /** How many requests this applies to (default 1). */
  times?: number
}

export interface SsoAdminOptions {
  /** Enforce the documented limits (20 requests per second; 10 assignment operations in progress). */
  limits?: { enabled: boolean; requestsPerSecond?: number; outstandingAssignmentOperations?: number }
  /** IAM Identity Center's 20 requests per second are collective: the sandbox shares one bucket with the
   * Identity Store emulator. Absent: a bucket of this emulator's own. */
  rateBucket?: TokenBucket
  /** Sandbox milliseconds an assignment request stays IN_PROGRESS (default 1000). */
  asyncDelayMs?: number
  /**
   * List calls lag this many sandbox milliseconds behind a request's success: a created assignment is listed, and
   * a deleted one stops being listed, that long after its status reads SUCCEEDED. Default 0.
   */
  consistency?: { windowMs: number }
  /** Whether a principal exists (the sandbox asks the Identity Store emulator); a request naming one that does
   * not ends FAILED. Absent: every principal exists. */
  principalExists?: (type: PrincipalType, id: string, identityStoreId: string) => boolean
  /** The caller's identity policy (JSON), as for the IAM emulator: every call is authorized against it. */
  callerPolicy?: string | null
  callerArn?: string
  callerAccessKeyId?: string
  /** Seed of the generator behind request ids. */
  idSeed?: number
}

export interface SsoAdminSeed {
  instances?: { instanceArn: string; identityStoreId: string; ownerAccountId?: string; name?: string }[]
  /** The instance is the one in the ARN (seed it first). */
  permissionSets?: (
    | string
    | { arn: string; name?: string; description?: string; sessionDuration?: string; relayState?: string }
  )[]
  /** Accounts of the organization, where assignments can be made. */
  accounts?: string[]
  /** Assignments present from the start (no request, visible at once). */
  assignments?: {
    instanceArn?: string
    accountId: string
    permissionSetArn: string
    principalType: PrincipalType
    principalId: string
  }[]
  failures?: AssignmentFailure[]
}

interface InstanceRec {
  arn: string
  identityStoreId: string
  ownerAccountId: string
  name?: string
  createdAt: number
}

interface PermissionSetRec {
  arn: string
  instanceArn: string
  name: string
  description?: string
  sessionDuration: string
  relayState?: string
  createdAt: number
}

interface AssignmentKey {
  instanceArn: string
  accountId: string
  permissionSetArn: string
  principalType: PrincipalType
  principalId: string
}

interface OperationRec extends AssignmentKey {
  requestId: string
  operation: AssignmentOperation
  createdAt: number
  completeAt: number
  failureReason?: string
  /** Set once the request has ended and its effect (if it succeeded) is applied. */
  done: boolean
  seq: string
}

interface AssignmentRec extends AssignmentKey {
  seq: string
  listedFrom: number
  /** Set when a deletion succeeded: the assignment is gone, lists still show it until then. */
  listedUntil?: number
}

const keyOf = (k: AssignmentKey) =>
  [k.instanceArn, k.accountId, k.permissionSetArn, k.principalType, k.principalId].join('|')

export class SsoAdminEmulator implements Emulator {
  readonly name = 'ssoAdmin'
  asyncDelayMs: number
  consistency: { windowMs: number }
  private instances = new Map<string, InstanceRec>()
  private permissionSets = new Map<string, PermissionSetRec>()
  private accounts = new Set<string>()
  /**
   * Assignments that took effect, by key, with the position stamp lists are ordered by and when list calls see
   * them: from `listedFrom`, until `listedUntil` once deleted.
   */
  private assignments = new Map<string, AssignmentRec>()
  private operations = new Map<string, OperationRec>()
  private failures: AssignmentFailure[] = []
  private stamp = 0
  private readonly bucket: TokenBucket
  private readonly outstandingLimit: number
  private readonly limitsEnabled: boolean
  private readonly random: () => number
  private readonly principalExists?: SsoAdminOptions['principalExists']
  readonly caller: Caller

  constructor(
    options: SsoAdminOptions,
    private readonly kernel: Kernel,
  ) {
    this.asyncDelayMs = options.asyncDelayMs ?? 1000
    this.consistency = options.consistency ?? { windowMs: 0 }
    const rps = options.limits?.requestsPerSecond ?? 20
    this.limitsEnabled = options.limits?.enabled ?? false
    this.bucket = options.rateBucket ?? new TokenBucket(rps, 1000, kernel.clock, 'rolling', this.limitsEnabled)
    this.outstandingLimit = options.limits?.outstandingAssignmentOperations ?? 10
    this.random = seeded(options.idSeed ?? 2020_07_20)
    this.principalExists = options.principalExists
    if (options.callerPolicy) statements(options.callerPolicy)
    this.caller = {
      policy: options.callerPolicy ?? undefined,
      arn: options.callerArn ?? 'arn:aws:sts::123456789012:assumed-role/onramp-automation/onramp',
      accessKeyId: options.callerAccessKeyId,
    }
  }

  // ---- Emulator interface -------------------------------------------------------------------------------

  route(req: SandboxRequest): RouteInfo | undefined {
    return routeTarget(req, SSO_ADMIN_TARGET_PREFIX, 'SSOAdmin', READ)
  }

  handle(req: SandboxRequest, route: RouteInfo): Reply {
    const op = route.data as string
    const requestId = randomUUID()
    try {
      if (!this.bucket.take().ok)
        return { ...errorReply(new AwsJsonError('ThrottlingException', 'Rate exceeded'), requestId), limited: true }
      const handler = op ? this.handlers[op] : undefined
      if (!handler) throw new AwsJsonError('UnknownOperationException', '')
      const input = inputOf(req)
      this.settle()
      return jsonReply(handler.call(this, input, isCaller(this.caller, req)), requestId)
    } catch (error) {
      if (!(error instanceof AwsJsonError)) throw error
      return { ...errorReply(error, requestId), limited: error.type === 'ThrottlingException' }
    }
  }

  errorReply(status: number, message: string): Reply {
    return errorReply(errorForStatus(status, message), randomUUID())
  }

  commonHeaders(): Record<string, string> {
    return { 'x-amzn-requestid': randomUUID() }
  }

  snapshot(): () => void {
    return snapshotFields(this, ['assignments', 'operations', 'failures', 'permissionSets', 'instances', 'accounts'])
  }

  state(): unknown {
    this.settle()
    return {
      instances: [...this.instances.values()].map((i) => ({ ...i })),
      permissionSets: [...this.permissionSets.values()].map((p) => ({ ...p })),
      accounts: [...this.accounts].sort(),
      assignments: this.inEffect().map(pickKey),
      operations: [...this.operations.values()].map((o) => ({
        requestId: o.requestId,
        operation: o.operation,
        status: this.statusOf(o),
        accountId: o.accountId,
        permissionSetArn: o.permissionSetArn,
        principalType: o.principalType,
        principalId: o.principalId,
        failureReason: o.done ? o.failureReason : undefined,
      })),
    }
  }

  seed(data: unknown): void {
    const s = (data ?? {}) as SsoAdminSeed
    for (const i of s.instances ?? []) this.ensureInstance(i.instanceArn, i.identityStoreId, i)
    for (const p of s.permissionSets ?? []) {
      if (typeof p === 'string') this.ensurePermissionSet(p)
      else this.ensurePermissionSet(p.arn, p)
    }
    for (const a of s.accounts ?? []) this.ensureAccount(a)
    for (const a of s.assignments ?? []) {
      const instanceArn = a.instanceArn ?? this.instanceOfPermissionSet(a.permissionSetArn)
      const key = { ...a, instanceArn }
      if (!this.permissionSets.has(a.permissionSetArn))
        throw new Error('ssoAdmin seed: assignment names an unknown permission set')
      if (!this.accounts.has(a.accountId)) throw new Error('ssoAdmin seed: assignment names an unknown account')
      this.assignments.set(keyOf(key), { ...pickKey(key), seq: this.nextStamp(), listedFrom: Number.NEGATIVE_INFINITY })
    }
    this.failures.push(...(s.failures ?? []).map((f) => ({ ...f, times: f.times ?? 1 })))
  }

  /** `POST /__sandbox/assignment-failures` with a list of AssignmentFailure; `GET` shows what is pending. */
  control(method: string, what: string, input: unknown): unknown {
    if (what !== 'assignment-failures') return undefined
    if (method === 'POST') {
      const list = Array.isArray(input) ? input : [input]
      this.seed({ failures: list as AssignmentFailure[] })
      return { pending: this.failures.length }
    }
    if (method === 'GET') return this.failures
    return undefined
  }

  // ---- In-process helpers for tests and seeding -----------------------------------------------------------

  ensureInstance(arn: string, identityStoreId: string, o: { ownerAccountId?: string; name?: string } = {}): void {
    if (!INSTANCE_ARN_RE.test(arn)) throw new Error('ssoAdmin seed: instanceArn is not an Identity Center instance ARN')
    if (!IDENTITY_STORE_ID_RE.test(identityStoreId))
      throw new Error('ssoAdmin seed: identityStoreId is not an identity store id')
    if (this.instances.has(arn)) return
    this.instances.set(arn, {
      arn,
      identityStoreId,
      ownerAccountId: o.ownerAccountId ?? '123456789012',
      name: o.name,
      createdAt: this.now(),
    })
  }

  ensurePermissionSet(
    arn: string,
    o: { name?: string; description?: string; sessionDuration?: string; relayState?: string } = {},
  ): void {
    if (!PERMISSION_SET_ARN_RE.test(arn)) throw new Error('ssoAdmin seed: not a permission set ARN')
    if (this.permissionSets.has(arn)) return
    const instanceArn = this.instanceOfPermissionSet(arn)
    if (!this.instances.has(instanceArn)) throw new Error("ssoAdmin seed: the permission set's instance is not seeded")
    this.permissionSets.set(arn, {
      arn,
      instanceArn,
      name: o.name ?? arn.slice(arn.lastIndexOf('/') + 1),
      description: o.description,
      sessionDuration: o.sessionDuration ?? 'PT1H',
      relayState: o.relayState,
      createdAt: this.now(),
    })
  }

  ensureAccount(accountId: string): void {
    if (!ACCOUNT_RE.test(accountId)) throw new Error('ssoAdmin seed: an account id is 12 digits')
    this.accounts.add(accountId)
  }

  /** A permission set's name; undefined for an unknown ARN. */
  permissionSetName(arn: string): string | undefined {
    return this.permissionSets.get(arn)?.name
  }

  /** Assignments in effect (after every finished request), for tests and the demo. */
  listAssignments(): AssignmentKey[] {
    this.settle()
    return this.inEffect().map(pickKey)
  }

  // ---- Operations -------------------------------------------------------------------------------------------

  private readonly handlers: Record<string, (input: Record<string, any>, asCaller: boolean) => unknown> = {
    ListInstances(this: SsoAdminEmulator, input, asCaller) {
      if (asCaller) authorize(this.caller, 'sso:ListInstances', ['*'])
      const all = [...this.instances.values()].sort(byArn)
      const page = paginate(all, (i) => i.arn, input, 'ListInstances', { max: 100, fallback: 100 })
      return {
        Instances: page.items.map((i) => ({
          InstanceArn: i.arn,
          IdentityStoreId: i.identityStoreId,
          OwnerAccountId: i.ownerAccountId,
          ...(i.name ? { Name: i.name } : {}),
          CreatedDate: epochSeconds(i.createdAt),
          Status: 'ACTIVE',
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      }
    },

    ListPermissionSets(this: SsoAdminEmulator, input, asCaller) {
      const instanceArn = this.instanceArg(input)
      if (asCaller) authorize(this.caller, 'sso:ListPermissionSets', [instanceArn])
      this.instance(instanceArn)
      const all = [...this.permissionSets.values()].filter((p) => p.instanceArn === instanceArn).sort(byArn)
      const page = paginate(all, (p) => p.arn, input, `ListPermissionSets:${instanceArn}`, { max: 100, fallback: 100 })
      return { PermissionSets: page.items.map((p) => p.arn), ...(page.nextToken ? { NextToken: page.nextToken } : {}) }
    },

    DescribePermissionSet(this: SsoAdminEmulator, input, asCaller) {
      const instanceArn = this.instanceArg(input)
      const arn = requireString(input, 'PermissionSetArn', PERMISSION_SET_ARN_RE, 1224)
      if (asCaller) authorize(this.caller, 'sso:DescribePermissionSet', [instanceArn, arn])
      this.instance(instanceArn)
      const p = this.permissionSet(instanceArn, arn)
      return {
        PermissionSet: {
          Name: p.name,
          PermissionSetArn: p.arn,
          ...(p.description ? { Description: p.description } : {}),
          CreatedDate: epochSeconds(p.createdAt),
          SessionDuration: p.sessionDuration,
          ...(p.relayState ? { RelayState: p.relayState } : {}),
        },
      }
    },

    CreateAccountAssignment(this: SsoAdminEmulator, input, asCaller) {
      return { AccountAssignmentCreationStatus: this.request('create', input, asCaller) }
    },

    DeleteAccountAssignment(this: SsoAdminEmulator, input, asCaller) {
      return { AccountAssignmentDeletionStatus: this.request('delete', input, asCaller) }
    },

    DescribeAccountAssignmentCreationStatus(this: SsoAdminEmulator, input, asCaller) {
      return { AccountAssignmentCreationStatus: this.describeRequest('create', input, asCaller) }
    },

    DescribeAccountAssignmentDeletionStatus(this: SsoAdminEmulator, input, asCaller) {
      return { AccountAssignmentDeletionStatus: this.describeRequest('delete', input, asCaller) }
    },

    ListAccountAssignmentCreationStatus(this: SsoAdminEmulator, input, asCaller) {
      return this.listRequests('create', input, asCaller)
    },

    ListAccountAssignmentDeletionStatus(this: SsoAdminEmulator, input, asCaller) {
      return this.listRequests('delete', input, asCaller)
    },

    ListAccountAssignments(this: SsoAdminEmulator, input, asCaller) {
      const instanceArn = this.instanceArg(input)
      const accountId = requireString(input, 'AccountId', ACCOUNT_RE, 12)
      const permissionSetArn = requireString(input, 'PermissionSetArn', PERMISSION_SET_ARN_RE, 1224)
      if (asCaller)
        authorize(this.caller, 'sso:ListAccountAssignments', [instanceArn, permissionSetArn, accountArn(accountId)])
      this.instance(instanceArn)
      this.permissionSet(instanceArn, permissionSetArn)
      const all = this.listed()
        .filter(
          (a) => a.instanceArn === instanceArn && a.accountId === accountId && a.permissionSetArn === permissionSetArn,
        )
        .sort(bySeq)
      const page = paginate(
        all,
        (a) => a.seq,
        input,
        `ListAccountAssignments:${instanceArn}:${accountId}:${permissionSetArn}`,
        {
          max: 100,
          fallback: 100,
        },
      )
      return {
        AccountAssignments: page.items.map((a) => ({
          AccountId: a.accountId,
          PermissionSetArn: a.permissionSetArn,
          PrincipalType: a.principalType,
          PrincipalId: a.principalId,
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      }
    },

    ListAccountAssignmentsForPrincipal(this: SsoAdminEmulator, input, asCaller) {
      const instanceArn = this.instanceArg(input)
      const principalId = requireString(input, 'PrincipalId', PRINCIPAL_ID_RE, 47)
      const principalType = principalTypeArg(input)
      const filterAccount = input.Filter?.AccountId
      if (filterAccount !== undefined && (typeof filterAccount !== 'string' || !ACCOUNT_RE.test(filterAccount)))
        throw validation('Filter.AccountId must be a 12-digit account id.')
      if (asCaller) authorize(this.caller, 'sso:ListAccountAssignmentsForPrincipal', [instanceArn])
      this.instance(instanceArn)
      const all = this.listed()
        .filter(
          (a) =>
            a.instanceArn === instanceArn &&
            a.principalId === principalId &&
            a.principalType === principalType &&
            (filterAccount === undefined || a.accountId === filterAccount),
        )
        .sort(bySeq)
      const page = paginate(
        all,
        (a) => a.seq,
        input,
        `ListAccountAssignmentsForPrincipal:${instanceArn}:${principalId}`,
        {
          max: 100,
          fallback: 100,
        },
      )
      return {
        AccountAssignments: page.items.map((a) => ({
          AccountId: a.accountId,
          PermissionSetArn: a.permissionSetArn,
          PrincipalId: a.principalId,
          PrincipalType: a.principalType,
        })),
        ...(page.nextToken ? { NextToken: page.nextToken } : {}),
      }
    },
  }

  /** Create or delete: validated, authorized, then queued IN_PROGRESS; its outcome is decided now, shown later. */
  private request(operation: AssignmentOperation, input: Record<string, any>, asCaller: boolean): unknown {
    const instanceArn = this.instanceArg(input)
    const accountId = requireString(input, 'TargetId', ACCOUNT_RE, 12)
    if (input.TargetType !== 'AWS_ACCOUNT')
      throw validation(
        `1 validation error detected: Value ${input.TargetType === undefined ? 'null' : `'${input.TargetType}'`} at 'targetType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_ACCOUNT]`,
      )
    const permissionSetArn = requireString(input, 'PermissionSetArn', PERMISSION_SET_ARN_RE, 1224)
    const principalType = principalTypeArg(input)
    const principalId = requireString(input, 'PrincipalId', PRINCIPAL_ID_RE, 47)
    const action = operation === 'create' ? 'sso:CreateAccountAssignment' : 'sso:DeleteAccountAssignment'
    if (asCaller) authorize(this.caller, action, [instanceArn, permissionSetArn, accountArn(accountId)])
    const instance = this.instance(instanceArn)
    this.permissionSet(instanceArn, permissionSetArn)
    if (!this.accounts.has(accountId))
      throw validation(`The account ${accountId} is not a member of the organization of this instance.`)
    const key: AssignmentKey = { instanceArn, accountId, permissionSetArn, principalType, principalId }
    const pending = [...this.operations.values()].filter((o) => !o.done)
    if (pending.some((o) => keyOf(o) === keyOf(key)))
      throw new AwsJsonError(
        'ConflictException',
        'An account assignment operation for this account, permission set and principal is already in progress. Try again later.',
      )
    if (this.limitsEnabled && pending.filter((o) => o.instanceArn === instanceArn).length >= this.outstandingLimit)
      throw new AwsJsonError('ThrottlingException', 'There are too many requests processing. Please try again later.')
    const now = this.now()
    let failureReason = this.takeFailure(operation, key)
    if (
      !failureReason &&
      this.principalExists &&
      !this.principalExists(principalType, principalId, instance.identityStoreId)
    )
      failureReason = `Received a 404 status error: The ${principalType === 'USER' ? 'user' : 'group'} ${principalId} does not exist in the identity store.`
    const rec: OperationRec = {
      ...key,
      requestId: uuidFrom(this.random),
      operation,
      createdAt: now,
      completeAt: now + this.asyncDelayMs,
      failureReason,
      done: false,
      seq: this.nextStamp(),
    }
    this.operations.set(rec.requestId, rec)
    // A zero delay still answers IN_PROGRESS: the caller always has to ask for the outcome.
    return this.statusBody(rec)
  }

  private describeRequest(operation: AssignmentOperation, input: Record<string, any>, asCaller: boolean): unknown {
    const instanceArn = this.instanceArg(input)
    const member = operation === 'create' ? 'AccountAssignmentCreationRequestId' : 'AccountAssignmentDeletionRequestId'
    const requestId = requireString(input, member, REQUEST_ID_RE, 36)
    const action =
      operation === 'create'
        ? 'sso:DescribeAccountAssignmentCreationStatus'
        : 'sso:DescribeAccountAssignmentDeletionStatus'
    if (asCaller) authorize(this.caller, action, [instanceArn])
    this.instance(instanceArn)
    const rec = this.operations.get(requestId)
    if (!rec || rec.operation !== operation || rec.instanceArn !== instanceArn)
      throw new AwsJsonError('ResourceNotFoundException', `Could not find ${member} ${requestId}`)
    return this.statusBody(rec)
  }

  private listRequests(operation: AssignmentOperation, input: Record<string, any>, asCaller: boolean): unknown {
    const instanceArn = this.instanceArg(input)
    const action =
      operation === 'create' ? 'sso:ListAccountAssignmentCreationStatus' : 'sso:ListAccountAssignmentDeletionStatus'
    if (asCaller) authorize(this.caller, action, [instanceArn])
    this.instance(instanceArn)
    const status = input.Filter?.Status
    if (status !== undefined && !['IN_PROGRESS', 'FAILED', 'SUCCEEDED'].includes(status))
      throw validation(
        `1 validation error detected: Value '${String(status)}' at 'filter.status' failed to satisfy constraint: Member must satisfy enum value set: [IN_PROGRESS, FAILED, SUCCEEDED]`,
      )
    const all = [...this.operations.values()]
      .filter((o) => o.operation === operation && o.instanceArn === instanceArn)
      .filter((o) => status === undefined || this.statusOf(o) === status)
      .sort(bySeq)
    const page = paginate(all, (o) => o.seq, input, `${action}:${instanceArn}`, { max: 100, fallback: 100 })
    const body = page.items.map((o) => ({
      Status: this.statusOf(o),
      RequestId: o.requestId,
      CreatedDate: epochSeconds(o.createdAt),
    }))
    return {
      [operation === 'create' ? 'AccountAssignmentsCreationStatus' : 'AccountAssignmentsDeletionStatus']: body,
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    }
  }

  // ---- Internals ------------------------------------------------------------------------------------------

  /** Ends every request whose time has come, applying the successful ones in the order they were made. */
  private settle(): void {
    const now = this.now()
    const due = [...this.operations.values()].filter((o) => !o.done && o.completeAt <= now).sort(bySeq)
    for (const o of due) {
      o.done = true
      if (o.failureReason) continue
      const key = keyOf(o)
      const existing = this.assignments.get(key)
      const listedAt = o.completeAt + this.consistency.windowMs
      if (o.operation === 'create' && (!existing || existing.listedUntil !== undefined))
        this.assignments.set(key, { ...pickKey(o), seq: o.seq, listedFrom: listedAt })
      if (o.operation === 'delete' && existing && existing.listedUntil === undefined) existing.listedUntil = listedAt
    }
    for (const [key, a] of this.assignments)
      if (a.listedUntil !== undefined && a.listedUntil <= now) this.assignments.delete(key)
  }

  /** Assignments in effect now, whatever list calls show. */
  private inEffect(): AssignmentRec[] {
    return [...this.assignments.values()].filter((a) => a.listedUntil === undefined)
  }

  /** What list calls show: inside the consistency window, the assignments as they were. */
  private listed(): AssignmentRec[] {
    const now = this.now()
    return [...this.assignments.values()].filter(
      (a) => a.listedFrom <= now && (a.listedUntil === undefined || now < a.listedUntil),
    )
  }

  private statusOf(o: OperationRec): 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED' {
    if (!o.done) return 'IN_PROGRESS'
    return o.failureReason ? 'FAILED' : 'SUCCEEDED'
  }

  private statusBody(o: OperationRec): Record<string, unknown> {
    const status = this.statusOf(o)
    return {
      Status: status,
      RequestId: o.requestId,
      ...(status === 'FAILED' ? { FailureReason: o.failureReason } : {}),
      TargetId: o.accountId,
      TargetType: 'AWS_ACCOUNT',
      PermissionSetArn: o.permissionSetArn,
      PrincipalType: o.principalType,
      PrincipalId: o.principalId,
      CreatedDate: epochSeconds(o.createdAt),
    }
  }

  private takeFailure(operation: AssignmentOperation, k: AssignmentKey): string | undefined {
    const i = this.failures.findIndex((f) => {
      const m = f.match ?? {}
      return (
        (m.operation === undefined || m.operation === operation) &&
        (m.accountId === undefined || m.accountId === k.accountId) &&
        (m.permissionSetArn === undefined || m.permissionSetArn === k.permissionSetArn) &&
        (m.principalId === undefined || m.principalId === k.principalId)
      )
    })
    if (i < 0) return undefined
    const f = this.failures[i]!
    f.times = (f.times ?? 1) - 1
    if (f.times <= 0) this.failures.splice(i, 1)
    return (
      // The service's own wording for a failure it does not explain (seen in FAILED statuses in the wild).
      f.reason ?? 'An unexpected internal service exception was encountered'
    )
  }

  private instanceArg(input: Record<string, any>): string {
    return requireString(input, 'InstanceArn', INSTANCE_ARN_RE, 1224)
  }

  private instance(arn: string): InstanceRec {
    const i = this.instances.get(arn)
    if (!i) throw new AwsJsonError('ResourceNotFoundException', `Could not find InstanceArn ${arn}`)
    return i
  }

  private permissionSet(instanceArn: string, arn: string): PermissionSetRec {
    const p = this.permissionSets.get(arn)
    if (!p || p.instanceArn !== instanceArn)
      throw new AwsJsonError('ResourceNotFoundException', `Could not find PermissionSet with PermissionSetArn ${arn}`)
    return p
  }

  private instanceOfPermissionSet(arn: string): string {
    const m = /^arn:([\w-]+):sso:::permissionSet\/([^/]+)\//.exec(arn)
    if (!m) throw new Error('ssoAdmin seed: not a permission set ARN')
    return `arn:${m[1]}:sso:::instance/${m[2]}`
  }

  private nextStamp(): string {
    return String(++this.stamp).padStart(12, '0')
  }

  private now(): number {
    return this.kernel.clock.now()
  }
}

function principalTypeArg(input: Record<string, any>): PrincipalType {
  const t = input.PrincipalType
  if (t !== 'USER' && t !== 'GROUP')
    throw validation(
      `1 validation error detected: Value ${t === undefined ? 'null' : `'${String(t)}'`} at 'principalType' failed to satisfy constraint: Member must satisfy enum value set: [USER, GROUP]`,
    )
  return t
}

const accountArn = (accountId: string) => `arn:aws:sso:::account/${accountId}`
const byArn = (a: { arn: string }, b: { arn: string }) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)
const bySeq = (a: { seq: string }, b: { seq: string }) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)
const pickKey = (k: AssignmentKey): AssignmentKey => ({
  instanceArn: k.instanceArn,
  accountId: k.accountId,
  permissionSetArn: k.permissionSetArn,
  principalType: k.principalType,
  principalId: k.principalId,
})
