// Validates every request the Okta emulator handles, and its answer, against Okta's official OpenAPI
// description, as trimmed into the repository by scripts/trim-okta-spec.mjs (packages/sandbox/specs/).
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as yaml from 'js-yaml'
import { OpenAPIBackend } from 'openapi-backend'
import type { Emulator, Reply, RouteInfo, SandboxRequest } from '../src/kernel/index.js'

export const OKTA_SPEC_PATH = fileURLToPath(new URL('../specs/okta-management.yaml', import.meta.url))

export async function loadOktaSpec(path = OKTA_SPEC_PATH): Promise<OpenAPIBackend> {
  if (!existsSync(path)) {
    throw new Error(
      `Okta's OpenAPI description is missing at ${path}; the Okta contract tests validate against it and cannot run without it`,
    )
  }
  const doc = yaml.load(readFileSync(path, 'utf8')) as Record<string, any>
  const api = new OpenAPIBackend({
    definition: doc as any,
    quick: true,
    validate: true,
    ajvOpts: {
      logger: false,
      // Each operation compiles its own validator over the large component set: these halve the time.
      inlineRefs: false,
      code: { optimize: false },
      formats: {
        'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
        email: /^[^\s@]+@[^\s@]+$/,
      },
    } as any,
  })
  await api.init()
  return api
}

export interface Exchange {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body: unknown
  reply: Reply
}

/** Problems with one exchange, as readable strings; empty when it matches the description. */
export function checkExchange(api: OpenAPIBackend, x: Exchange): string[] {
  const req = { method: x.method.toLowerCase(), path: x.path, query: x.query, headers: x.headers, body: x.body }
  const op = api.router.matchOperation(req)
  const where = `${x.method} ${x.path}`
  if (!op) return [`${where}: no operation in Okta's OpenAPI description`]
  const problems: string[] = []
  const rq = api.validateRequest(req, op)
  for (const e of rq.errors ?? []) problems.push(`${where} request ${e.instancePath} ${e.message}`)
  const declared = Object.keys(op.responses ?? {})
  if (!declared.includes(String(x.reply.status)) && !declared.includes('default')) {
    // The description leaves out statuses Okta answers on every operation (401) or on some it does not
    // list (400 for an invalid search): those must still be Okta's error object (ModelError).
    if (x.reply.status < 400) problems.push(`${where} answered ${x.reply.status}, not among ${declared.join(', ')}`)
    else problems.push(...errorShapeProblems(where, x.reply))
  } else {
    const body = x.reply.body === undefined || x.reply.body === '' ? undefined : x.reply.body
    const rs = api.validateResponse(body, op, x.reply.status)
    for (const e of rs.errors ?? []) problems.push(`${where} ${x.reply.status} response ${e.instancePath} ${e.message}`)
  }
  return problems
}

function errorShapeProblems(where: string, reply: Reply): string[] {
  const b = reply.body as Record<string, unknown> | undefined
  const ok =
    b &&
    typeof b.errorCode === 'string' &&
    typeof b.errorSummary === 'string' &&
    typeof b.errorLink === 'string' &&
    typeof b.errorId === 'string' &&
    Array.isArray(b.errorCauses) &&
    b.errorCauses.every((c: any) => typeof c?.errorSummary === 'string') &&
    Object.keys(b).length === 5
  return ok ? [] : [`${where} ${reply.status} is not an Okta error object: ${JSON.stringify(b)}`]
}

/** Wraps an emulator and keeps each request it handles with the reply, for validation afterwards. */
export class RecordingEmulator<E extends Emulator> implements Emulator {
  readonly exchanges: Exchange[] = []
  constructor(readonly inner: E) {}
  get name() {
    return this.inner.name
  }
  route(req: SandboxRequest) {
    return this.inner.route(req)
  }
  async handle(req: SandboxRequest, route: RouteInfo): Promise<Reply> {
    const reply = await this.inner.handle(req, route)
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v
    let body: unknown
    try {
      body = req.json()
    } catch {
      body = req.text()
    }
    this.exchanges.push({
      method: req.method,
      path: req.path,
      query: Object.fromEntries(req.url.searchParams),
      headers,
      body,
      reply,
    })
    return reply
  }
  errorReply(status: number, message: string) {
    return this.inner.errorReply(status, message)
  }
  commonHeaders(route: RouteInfo | undefined) {
    return this.inner.commonHeaders?.(route) ?? {}
  }
  state() {
    return this.inner.state()
  }
  seed(data: unknown) {
    return this.inner.seed?.(data)
  }
  control(method: string, what: string, input: unknown) {
    return this.inner.control?.(method, what, input)
  }
}
