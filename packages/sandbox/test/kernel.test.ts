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

  it('moves the clock over HTTP and answers with the offset the actions need from then on', async () => {
    const before = clock.now()
    const res = await fetch(`${running.url}/__sandbox/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 86_400_000 }),
    })
    const body = (await res.json()) as { now: number; offset: number }
    expect(body.now - before).toBeGreaterThanOrEqual(86_400_000)
    expect(body.offset).toBe(clock.actionTime().offset)
    expect(body.offset).toBeGreaterThanOrEqual(86_400_000)
  })
})

describe('sandbox kernel: faults after the write', () => {
  // A store of things: POST adds one, GET lists them. Snapshots make lies possible.
  let things: string[] = []
  const store: Emulator = {
    name: 'store',
    route: (req) =>
      req.path === '/things' ? { id: `${req.method} /things`, mutating: req.method === 'POST', params: {} } : undefined,
    handle(req) {
      if (req.method === 'POST') {
        things.push(req.text())
        return { status: 201, body: { count: things.length } }
      }
      return { status: 200, body: things }
    },
    errorReply: (status, message) => ({ status, body: { message } }),
    state: () => things,
    snapshot() {
      const saved = [...things]
      return () => {
        things = saved
      }
    },
  }
  const log = new RequestLog()
  const faults = new FaultInjector()
  let running: Running
  beforeAll(async () => {
    running = await serve(store, { clock: new SandboxClock(), log }, faults)
  })
  afterAll(() => running.close())
  const post = (body: string) => fetch(`${running.url}/things`, { method: 'POST', body })

  it('after + reset: the request is applied, then the connection drops without an answer', async () => {
    things = []
    faults.script({ match: { route: 'POST /things' }, times: 1, after: true, reset: true })
    await expect(post('a')).rejects.toThrow()
    expect(things).toEqual(['a'])
    expect(log.list().at(-1)).toMatchObject({ status: 0, fault: 'scripted', faultMode: 'after' })
  })

  it('after + delayMs: applied at once, the caller left waiting, then the answer lost', async () => {
    things = []
    faults.script({ match: { route: 'POST /things' }, times: 1, after: true, reset: true, delayMs: 300 })
    const pending = post('slow')
    await new Promise((r) => setTimeout(r, 100))
    expect(things).toEqual(['slow'])
    await expect(pending).rejects.toThrow()
  })

  it('after + respond: the request is applied, then answered with the scripted 5xx', async () => {
    things = []
    faults.script({ match: { route: 'POST /things' }, times: 1, after: true, respond: { status: 502 } })
    const res = await post('b')
    expect(res.status).toBe(502)
    expect(await res.json()).toEqual({ message: 'sandbox: injected 502' })
    expect(things).toEqual(['b'])
    // A plain fault still answers instead of the emulator.
    faults.script({ match: { route: 'POST /things' }, times: 1, respond: { status: 502 } })
    expect((await post('c')).status).toBe(502)
    expect(things).toEqual(['b'])
    expect(log.list().at(-1)).toMatchObject({ faultMode: 'before' })
  })

  it('lie: the real success answer, nothing kept', async () => {
    things = ['x']
    faults.script({ match: { route: 'POST /things' }, times: 1, lie: true })
    const res = await post('d')
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ count: 2 })
    expect(things).toEqual(['x'])
    expect(log.list().at(-1)).toMatchObject({ status: 201, fault: 'scripted', faultMode: 'lie' })
  })

  it('random lies at a seeded rate, scriptable over HTTP', async () => {
    things = []
    await fetch(`${running.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ random: { rate: 0.5, seed: 7, lie: true, match: { mutating: true } } }),
    })
    for (let i = 0; i < 20; i++) expect((await post(String(i))).status).toBe(201)
    // Reads never lie: only changing calls match.
    for (let i = 0; i < 5; i++) await fetch(`${running.url}/things`)
    expect(log.list().filter((e) => e.method === 'GET' && e.faultMode)).toEqual([])
    const lies = log.list().filter((e) => e.faultMode === 'lie' && e.fault === 'random').length
    expect(lies).toBeGreaterThan(3)
    expect(things).toHaveLength(20 - lies)
    faults.clear()
  })

  it('refuses modes that make no sense, and lies on an emulator that cannot take back', async () => {
    expect(() => faults.script({ match: {}, times: 1, after: true })).toThrow('fault.after needs reset or respond')
    expect(() => faults.script({ match: {}, times: 1, lie: true, reset: true })).toThrow('fault.lie takes no')
    const noSnapshot = new FaultInjector()
    const plain = await serve(
      { ...store, name: 'plain', snapshot: undefined },
      { clock: new SandboxClock(), log },
      noSnapshot,
    )
    noSnapshot.script({ match: {}, times: 1, lie: true })
    things = []
    const res = await fetch(`${plain.url}/things`, { method: 'POST', body: 'e' })
    expect(res.status).toBe(500)
    expect(things).toEqual([])
    await plain.close()
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

  it('a sliding window gives each token back a period after it was taken, never sooner', () => {
    const clock = new SandboxClock(1, 0)
    const bucket = new TokenBucket(3, 60_000, clock, 'sliding')
    expect(bucket.take(2).ok).toBe(true)
    clock.advance(40_000)
    expect(bucket.take().ok).toBe(true)
    clock.advance(10_000)
    // Three in the last 50 s: one more waits for the oldest two to leave at 60 s, three more for the last at 100 s
    // (the clock runs on real time too: a millisecond or two may have passed).
    const one = bucket.take()
    expect(one).toMatchObject({ ok: false, remaining: 0 })
    expect(one.retryAfterMs).toBeGreaterThan(9_990)
    expect(one.retryAfterMs).toBeLessThanOrEqual(10_000)
    expect(one.resetAt).toBeGreaterThanOrEqual(100_000)
    expect(bucket.take(3).retryAfterMs).toBeGreaterThan(49_990)
    clock.advance(10_000)
    expect(bucket.take(2)).toMatchObject({ ok: true, remaining: 0 })
    expect(bucket.take().ok).toBe(false)
  })
})
