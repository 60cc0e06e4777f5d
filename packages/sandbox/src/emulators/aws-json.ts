// What the AWS JSON 1.1 emulators (IAM Identity Center's SSO Admin and Identity Store) share: the
// `X-Amz-Target` routing, the error shape, opaque page tokens, and authorizing the caller against a policy
// document with the IAM evaluator.
//
// Errors: these are legacy awsJson services, so every client error answers HTTP 400 whatever its type (an
// AccessDeniedException and a ThrottlingException from them both arrive as 400), with `__type` the bare error
// name and the message in `Message`; server errors answer 500.
import { randomUUID } from 'node:crypto'
import type { FaultResponse, Reply, RouteInfo, SandboxRequest } from '../kernel/index.js'
import { evaluate } from './iam-policy.js'

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1'

/** Thrown by handlers; becomes the JSON error body. `extra` adds members such as Reason or ResourceType. */
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly status = type === 'InternalServerException' ? 500 : 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

export const validation = (message: string) => new AwsJsonError('ValidationException', message)

export function jsonReply(body: unknown, requestId: string): Reply {
  return {
    status: 200,
    headers: { 'content-type': AWS_JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify(body ?? {}),
  }
}

export function errorReply(e: AwsJsonError, requestId: string): Reply {
  return {
    status: e.status,
    headers: { 'content-type': AWS_JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId, ...e.headers },
    body: JSON.stringify({ __type: e.type, Message: e.message, ...e.extra }),
  }
}

/** A scripted-fault answer in the services' error shape, e.g. `awsJsonFault('ConflictException', 'busy')`. */
export function awsJsonFault(type: string, message = `sandbox: injected ${type}`, status?: number): FaultResponse {
  const reply = errorReply(new AwsJsonError(type, message, {}, status), randomUUID())
  return { status: reply.status, headers: reply.headers as Record<string, string>, body: reply.body }
}

/** Error types for faults given only a status (and for requests that are not the protocol at all). */
export function errorForStatus(status: number, message: string): AwsJsonError {
  const type =
    status === 403
      ? 'AccessDeniedException'
      : status === 404
        ? 'ResourceNotFoundException'
        : status === 409
          ? 'ConflictException'
          : status === 429
            ? 'ThrottlingException'
            : status >= 500
              ? 'InternalServerException'
              : 'ValidationException'
  return new AwsJsonError(type, message, {}, status)
}

/**
 * The operation a request names: `POST /` with `X-Amz-Target: <prefix>.<Operation>`. Anything else on `/` is
 * still routed (as `<service> (unknown)`) so that it is answered UnknownOperationException like the service does.
 */
export function routeTarget(req: SandboxRequest, prefix: string, service: string, read: RegExp): RouteInfo | undefined {
  if (req.path !== '/') return undefined
  const target = String(req.headers['x-amz-target'] ?? '')
  const op = req.method === 'POST' && target.startsWith(`${prefix}.`) ? target.slice(prefix.length + 1) : ''
  return { id: `${service} ${op || '(unknown)'}`, mutating: op ? !read.test(op) : false, params: {}, data: op }
}

/** The JSON body as an object; SerializationException when it is not one. */
export function inputOf(req: SandboxRequest): Record<string, any> {
  let body: unknown
  try {
    body = req.json() ?? {}
  } catch {
    throw new AwsJsonError('SerializationException', 'Start of structure or map found where not expected.')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AwsJsonError('SerializationException', 'Start of structure or map found where not expected.')
  return body as Record<string, any>
}

/** Smithy's validation message for one member, as the services word it. */
export function constraint(value: unknown, member: string, rule: string): AwsJsonError {
  const shown = typeof value === 'string' || typeof value === 'number' ? `'${value}'` : 'null'
  return validation(
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: Member must ${rule}`,
  )
}

export function requireString(input: Record<string, any>, member: string, pattern?: RegExp, max = 2048): string {
  const v = input[member]
  const field = member[0]!.toLowerCase() + member.slice(1)
  if (v === undefined || v === null) throw constraint(null, field, 'not be null')
  if (typeof v !== 'string') throw new AwsJsonError('SerializationException', `${member} must be a string`)
  if (v.length < 1 || v.length > max) throw constraint(v, field, `have length between 1 and ${max}`)
  if (pattern && !pattern.test(v)) throw constraint(v, field, `satisfy regular expression pattern: ${pattern.source}`)
  return v
}

export function optionalString(input: Record<string, any>, member: string, max = 2048): string | undefined {
  if (input[member] === undefined || input[member] === null) return undefined
  return requireString(input, member, undefined, max)
}

/** Epoch seconds with milliseconds, the awsJson timestamp form. */
export const epochSeconds = (ms: number) => Math.round(ms) / 1000

// ---- Pagination ------------------------------------------------------------------------------------------

export interface Page<T> {
  items: T[]
  nextToken?: string
}

/**
 * One page of `all`, which is in the order of `position` (strictly increasing strings). The token carries the
 * position of the page's last item and the operation it belongs to, so the next page starts right after where that
 * item stood even if it was removed in between, and a token from another list is refused.
 */
export function paginate<T>(
  all: T[],
  position: (t: T) => string,
  input: Record<string, any>,
  scope: string,
  limits: { max: number; fallback: number },
): Page<T> {
  let max = limits.fallback
  if (input.MaxResults !== undefined && input.MaxResults !== null) {
    max = Number(input.MaxResults)
    if (!Number.isInteger(max) || max < 1 || max > limits.max)
      throw constraint(
        input.MaxResults,
        'maxResults',
        max < 1 ? 'have value greater than or equal to 1' : `have value less than or equal to ${limits.max}`,
      )
  }
  let start = 0
  if (input.NextToken !== undefined && input.NextToken !== null) {
    let after: { s?: unknown; p?: unknown } = {}
    try {
      after = JSON.parse(Buffer.from(String(input.NextToken), 'base64url').toString('utf8'))
    } catch {}
    if (after.s !== scope || typeof after.p !== 'string') throw validation('The NextToken is not valid.')
    const last = after.p
    start = all.findIndex((t) => position(t) > last)
    if (start < 0) start = all.length
  }
  const items = all.slice(start, start + max)
  const last = items.at(-1)
  const more = start + max < all.length && last !== undefined
  return {
    items,
    nextToken: more ? Buffer.from(JSON.stringify({ s: scope, p: position(last) })).toString('base64url') : undefined,
  }
}

// ---- Authorization ---------------------------------------------------------------------------------------

export interface Caller {
  /** The caller's identity policy (a JSON document); undefined authorizes everything. */
  policy: string | undefined
  arn: string
  /** Only requests signed with this access key are the caller (a test's administrator signs with another). */
  accessKeyId: string | undefined
}

export function isCaller(caller: Caller, req: SandboxRequest): boolean {
  if (caller.accessKeyId === undefined) return true
  const keyId = /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization ?? ''))?.[1]
  return keyId === caller.accessKeyId
}

/**
 * Every resource the action names must be allowed; the message lists each refused one the way IAM Identity
 * Center words it (`User: … is not authorized to perform: identitystore:DescribeUser on resource: …`).
 */
export function authorize(caller: Caller, action: string, resources: string[]): void {
  if (!caller.policy) return
  const refusals: string[] = []
  for (const resource of resources) {
    const e = evaluate(
      [{ id: 'caller', type: 'user-managed', document: caller.policy }],
      undefined,
      action,
      resource,
      {},
    )
    if (e.decision === 'allowed') continue
    const why =
      e.decision === 'explicitDeny'
        ? 'with an explicit deny in an identity-based policy'
        : `because no identity-based policy allows the ${action} action`
    refusals.push(`User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`)
  }
  if (refusals.length) throw new AwsJsonError('AccessDeniedException', refusals.join(', '))
}

/** Ids shaped like the services' (UUID v4 layout) from a seeded generator, so they repeat run to run. */
export function uuidFrom(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('')
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`
}
