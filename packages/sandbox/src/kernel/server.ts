// The HTTP shell shared by every emulator: binds 127.0.0.1 on an ephemeral port, reads the request,
// applies faults, hands it to the emulator, logs it, and serves `/__sandbox/*` for black-box tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SandboxClock } from './clock.js'
import type { FaultInjector, FaultResponse, RandomFaults, ScriptedFault } from './faults.js'
import type { RequestLog } from './log.js'

export interface SandboxRequest {
  method: string
  url: URL
  path: string
  headers: IncomingMessage['headers']
  body: Buffer
  text(): string
  /** Parsed JSON body; undefined when empty; throws SyntaxError when malformed. */
  json(): any
  form(): URLSearchParams
}

export interface RouteInfo {
  id: string
  mutating: boolean
  params: Record<string, string>
  /** Anything the emulator wants to carry from route() to handle(). */
  data?: unknown
}

export interface Reply {
  status: number
  headers?: Record<string, string | string[]>
  /** An object or array is sent as JSON; a string or Buffer as is. */
  body?: unknown
  /** Set when an enforced rate limit refused the request. */
  limited?: boolean
}

export interface Emulator {
  readonly name: string
  /** Which documented operation this is; undefined for an unknown path (answered with errorReply 404). */
  route(req: SandboxRequest): RouteInfo | undefined
  handle(req: SandboxRequest, route: RouteInfo): Promise<Reply> | Reply
  /** The service's own error shape, for injected faults given only a status and for unknown routes. */
  errorReply(status: number, message: string): Reply
  /** Headers every response carries, such as rate-limit headers. */
  commonHeaders?(route: RouteInfo | undefined): Record<string, string>
  /** A JSON-able view of the whole state, for tests, the demo and `/__sandbox/state`. */
  state(): unknown
  /**
   * Captures the whole state and returns what puts it back: the kernel's `lie` fault runs a request and then
   * restores, so the caller sees a real success and nothing changed. Emulators without it refuse lies.
   */
  snapshot?(): () => void
  /** Adds objects to the state; the shape is the emulator's. */
  seed?(data: unknown): void | Promise<void>
  /**
   * Emulator-specific `/__sandbox/<what>` controls (e.g. accepting an invitation); undefined when unknown.
   * A thrown error is answered 400 with its message.
   */
  control?(method: string, what: string, input: unknown): unknown | Promise<unknown>
  /**
   * For emulators built on a framework that wants the raw request (the body is not read first). `route()`
   * is still asked (with an empty body) so the log and faults use route ids; mark refusals with `markLimited`.
   */
  raw?(req: IncomingMessage, res: ServerResponse): void
}

export interface Kernel {
  clock: SandboxClock
  log: RequestLog
}

export interface Running {
  name: string
  url: string
  port: number
  faults: FaultInjector
  close(): Promise<void>
}

const limitedResponses = new WeakSet<ServerResponse>()

/** For `raw` emulators: records that an enforced rate limit refused this response, so the log counts it. */
export function markLimited(res: ServerResponse): void {
  limitedResponses.add(res)
}

const isReadMethod = (m: string) => ['GET', 'HEAD', 'OPTIONS'].includes(m)

function send(res: ServerResponse, reply: Reply, extra: Record<string, string> = {}): void {
  const headers: Record<string, string | string[]> = { ...extra, ...reply.headers }
  let payload: string | Buffer | undefined
  if (reply.body === undefined || reply.body === null) payload = undefined
  else if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) payload = reply.body
  else {
    payload = JSON.stringify(reply.body)
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json; charset=utf-8'
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload))
  res.writeHead(reply.status, headers)
  res.end(payload)
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function toRequest(req: IncomingMessage, body: Buffer): SandboxRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    url,
    path: url.pathname,
    headers: req.headers,
    body,
    text: () => body.toString('utf8'),
    json: () => (body.length ? JSON.parse(body.toString('utf8')) : undefined),
    form: () => new URLSearchParams(body.toString('utf8')),
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Starts one emulator on 127.0.0.1:0 (or the given port). */
export async function serve(emulator: Emulator, kernel: Kernel, faults: FaultInjector, port = 0): Promise<Running> {
  const server: Server = createServer((req, res) => {
    handleRequest(emulator, kernel, faults, req, res).catch((error) => {
      if (!res.headersSent) send(res, emulator.errorReply(500, 'sandbox: internal error'))
      else res.destroy()
      console.error(`[sandbox:${emulator.name}]`, error)
    })
  })
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const { port: bound } = server.address() as AddressInfo
  return {
    name: emulator.name,
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function handleRequest(
  emulator: Emulator,
  kernel: Kernel,
  faults: FaultInjector,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase()
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
  if (pathname.startsWith('/__sandbox/')) return admin(emulator, kernel, faults, req, res, pathname)

  const raw = emulator.raw
  const sreq = toRequest(req, raw ? Buffer.alloc(0) : await readBody(req))
  const route = emulator.route(sreq)
  const entry = {
    at: kernel.clock.now(),
    emulator: emulator.name,
    method,
    path: pathname,
    route: route?.id ?? (raw ? `${method} ${pathname}` : undefined),
    mutating: route?.mutating ?? !isReadMethod(method),
    status: 0,
    limited: false,
  }

  const latency = faults.latencyMs()
  if (latency) await sleep(latency)
  const fault = faults.take(method, entry.route, pathname, entry.mutating)
  // An after-fault waits once the request is applied: the caller hangs with the change made and no answer.
  if (fault?.delayMs && !fault.after) await sleep(fault.delayMs)
  if (fault && (fault.after || fault.lie) && (raw || !route || (fault.lie && !emulator.snapshot))) {
    // Nothing to apply first, or no way to take it back: refuse loudly rather than pretend the fault happened.
    kernel.log.add({ ...entry, status: 500, fault: fault.origin })
    send(res, emulator.errorReply(500, `sandbox: ${emulator.name} cannot serve an after or lie fault here`))
    return
  }
  if (fault?.after && route) {
    // Applied for real; only the answer is lost (reset) or replaced (a 5xx, say) on the way back.
    await emulator.handle(sreq, route)
    if (fault.delayMs) await sleep(fault.delayMs)
    if (fault.reset) {
      kernel.log.add({ ...entry, status: 0, fault: fault.origin, faultMode: 'after' })
      req.socket.destroy()
      return
    }
    const reply = faultReply(emulator, fault.respond!, route)
    kernel.log.add({ ...entry, status: reply.status, fault: fault.origin, faultMode: 'after' })
    send(res, reply, emulator.commonHeaders?.(route))
    return
  }
  if (fault?.lie && route && emulator.snapshot) {
    // The emulator's own answer, its effect taken back: a success that did nothing.
    const restore = emulator.snapshot()
    const reply = await emulator.handle(sreq, route)
    restore()
    kernel.log.add({ ...entry, status: reply.status, fault: fault.origin, faultMode: 'lie' })
    send(res, reply, emulator.commonHeaders?.(route))
    return
  }
  if (fault?.reset) {
    kernel.log.add({ ...entry, status: 0, fault: fault.origin, faultMode: 'before' })
    req.socket.destroy()
    return
  }
  if (fault?.respond) {
    const reply = faultReply(emulator, fault.respond, route)
    kernel.log.add({ ...entry, status: reply.status, fault: fault.origin, faultMode: 'before' })
    send(res, reply, emulator.commonHeaders?.(route))
    return
  }

  if (raw) {
    res.on('finish', () => kernel.log.add({ ...entry, status: res.statusCode, limited: limitedResponses.has(res) }))
    raw.call(emulator, req, res)
    return
  }
  const reply = route ? await emulator.handle(sreq, route) : emulator.errorReply(404, 'Not Found')
  kernel.log.add({ ...entry, status: reply.status, limited: Boolean(reply.limited) })
  send(res, reply, emulator.commonHeaders?.(route))
}

function faultReply(emulator: Emulator, r: FaultResponse, _route: RouteInfo | undefined): Reply {
  if (r.body !== undefined) return { status: r.status, headers: r.headers, body: r.body }
  const base = emulator.errorReply(r.status, `sandbox: injected ${r.status}`)
  return { ...base, headers: { ...base.headers, ...r.headers } }
}

/**
 * Black-box control, one set per emulator: GET log|counters|state; POST faults (scripted list or
 * {random}|{latency}), seed, clock {advanceMs}; DELETE log|faults.
 */
async function admin(
  emulator: Emulator,
  kernel: Kernel,
  faults: FaultInjector,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const what = pathname.slice('/__sandbox/'.length)
  const method = req.method ?? 'GET'
  const body = await readBody(req)
  const input = body.length ? JSON.parse(body.toString('utf8')) : undefined
  const ok = (b: unknown = { ok: true }) => send(res, { status: 200, body: b })
  if (method === 'GET' && what === 'log') return ok(kernel.log.list({ emulator: emulator.name }))
  if (method === 'GET' && what === 'counters') return ok(kernel.log.counters({ emulator: emulator.name }))
  if (method === 'GET' && what === 'state') return ok(emulator.state())
  if (method === 'DELETE' && what === 'log') {
    kernel.log.clear()
    return ok()
  }
  if (method === 'DELETE' && what === 'faults') {
    faults.clear()
    return ok()
  }
  if (method === 'POST' && what === 'faults') {
    if (Array.isArray(input)) faults.script(...(input as ScriptedFault[]))
    else if (input?.random !== undefined) faults.setRandom(input.random as RandomFaults)
    else if (input?.latency !== undefined) faults.latency = input.latency
    else return send(res, { status: 400, body: { error: 'expected a list of faults, {random} or {latency}' } })
    return ok()
  }
  if (method === 'POST' && what === 'seed' && emulator.seed) {
    await emulator.seed(input)
    return ok()
  }
  if (method === 'POST' && what === 'clock') {
    kernel.clock.advance(Number(input?.advanceMs ?? 0))
    // The actions' ONRAMP_SANDBOX_TIME_OFFSET from now on (core's clockFromEnv): an action started with the old
    // one runs on the clock as it was.
    return ok({ now: kernel.clock.now(), offset: kernel.clock.actionTime().offset })
  }
  if (emulator.control) {
    let result: unknown
    try {
      result = await emulator.control(method, what, input)
    } catch (error) {
      return send(res, { status: 400, body: { error: (error as Error).message } })
    }
    if (result !== undefined) return ok(result)
  }
  send(res, { status: 404, body: { error: `unknown sandbox control ${method} ${what}` } })
}
