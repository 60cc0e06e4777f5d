import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Emulator,
  FaultInjector,
  RequestLog,
  Router,
  type Running,
  SandboxClock,
  serve,
  TokenBucket,
} from '../src/kernel/index.js'

const router = new Router<(p: Record<string, string>) => unknown>()
  .on('GET', '/things/{id}', (p) => ({ id: p.id }))
  .on('POST', '/things', () => ({ created: true }))

const echo: Emulator = {
  name: 'echo',
  route(req) {
    const r = router.match(req.method, req.path)
    return r && { id: r.id, mutating: r.mutating, params: r.params }
  },
  handle(req, route) {
    return { status: 200, body: router.match(req.method, req.path)!.handler(route.params) }
  },
  errorReply: (status, message) => ({ status, body: { message } }),
  commonHeaders: () => ({ 'x-echo': '1' }),
  state: () => ({}),
}

describe('sandbox kernel', () => {
  const clock = new SandboxClock()
  const log = new RequestLog()
  const faults = new FaultInjector()
  let running: Running
  beforeAll(async () => {
    running = await serve(echo, { clock, log }, faults)
  })
  afterAll(() => running.close())

  it('routes, logs and adds common headers', async () => {
    const res = await fetch(`${running.url}/things/42`)
    expect(res.headers.get('x-echo')).toBe('1')
    expect(await res.json()).toEqual({ id: '42' })
    const last = log.list().at(-1)!
    expect(last).toMatchObject({ route: 'GET /things/{id}', mutating: false, status: 200 })
  })

  it('answers unknown paths with the emulator error shape', async () => {
    const res = await fetch(`${running.url}/nope`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ message: 'Not Found' })
  })

  it('serves scripted faults exactly `times` times, then the real answer', async () => {
    faults.script({ match: { route: 'POST /things' }, times: 2, respond: { status: 503 } })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${running.url}/things`, { method: 'POST' })).status)
    expect(statuses).toEqual([503, 503, 200])
    expect(log.counters().faults).toBe(2)
  })

  it('resets the connection when asked', async () => {
    faults.script({ match: { path: '^/things/' }, times: 1, reset: true })
    await expect(fetch(`${running.url}/things/1`)).rejects.toThrow()
    expect((await fetch(`${running.url}/things/1`)).status).toBe(200)
  })

  it('is controlled over HTTP under /__sandbox/', async () => {
    await fetch(`${running.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify([
        { match: { method: 'GET' }, times: 1, respond: { status: 429, headers: { 'retry-after': '3' } } },
      ]),
    })
    const res = await fetch(`${running.url}/things/9`)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('3')
    const counters = (await (await fetch(`${running.url}/__sandbox/counters`)).json()) as {
      byRoute: Record<string, number>
    }
    expect(counters.byRoute['GET /things/{id}']).toBeGreaterThan(0)
  })
})

describe('TokenBucket', () => {
  it('refuses past capacity and refills on the scaled clock', () => {
    const clock = new SandboxClock(1, 0)
    const bucket = new TokenBucket(2, 60_000, clock)
    expect(bucket.take().ok).toBe(true)
    expect(bucket.take().ok).toBe(true)
    const refused = bucket.take()
    expect(refused.ok).toBe(false)
    expect(refused.retryAfterMs).toBeGreaterThan(29_000)
    clock.advance(30_000)
    expect(bucket.take().ok).toBe(true)
  })

  it('a fixed window refills all at once at the window end', () => {
    const clock = new SandboxClock(1, 0)
    const bucket = new TokenBucket(1, 3_600_000, clock, 'window')
    expect(bucket.take().ok).toBe(true)
    clock.advance(3_599_000)
    const refused = bucket.take()
    expect(refused.ok).toBe(false)
    expect(refused.resetAt).toBe(3_600_000)
    clock.advance(1_000)
    expect(bucket.take().ok).toBe(true)
  })
})
