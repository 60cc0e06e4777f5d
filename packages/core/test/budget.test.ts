// The rate budget on a fake clock: bursts up to capacity, then the refill rate; quotas from headers; one budget
// shared by every client of a token; the Octokit and Slack clients drawing from it on every attempt.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  budgetedFetch,
  ContentShare,
  GITHUB_LIMITS,
  GITHUB_QUOTA_HEADERS,
  GRAPHQL_MUTATION,
  githubBudget,
  headerBudget,
  OKTA_QUOTA_HEADERS,
  ServerQuota,
  sharedBudget,
  slackBudget,
  TokenBucket,
} from '../src/budget.js'
import { createOctokit } from '../src/clients/github.js'
import { createSlackClient } from '../src/clients/slack.js'
import { fakeClock, json, startServer, type TestServer } from '../src/testing/index.js'

describe('TokenBucket', () => {
  it('allows a burst up to capacity, then paces to the refill rate', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(80, 60_000, clock)
    for (let i = 0; i < 80; i++) await bucket.take()
    expect(clock.sleeps).toEqual([])
    await bucket.take()
    await bucket.take()
    // One token every 60 000 / 80 = 750 ms.
    expect(clock.sleeps).toEqual([750, 750])
  })

  it('refills while idle, never above capacity', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(10, 10_000, clock)
    for (let i = 0; i < 10; i++) await bucket.take()
    clock.advance(3_000)
    expect(bucket.available()).toBeCloseTo(3)
    clock.advance(60_000)
    expect(bucket.available()).toBe(10)
  })

  it('serves takers in order: a large take is not overtaken by small ones', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(5, 5_000, clock)
    await bucket.take(5)
    const order: string[] = []
    await Promise.all([bucket.take(5).then(() => order.push('big')), bucket.take(1).then(() => order.push('small'))])
    expect(order).toEqual(['big', 'small'])
  })

  it('drain holds every taker off for the time the service asked', async () => {
    const clock = fakeClock()
    const bucket = new TokenBucket(900, 60_000, clock)
    bucket.drain(30_000)
    await bucket.take()
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(30_000)
  })
})

describe('ServerQuota', () => {
  it('calls freely while the headers say calls remain, then waits for the reset', async () => {
    const clock = fakeClock()
    const quota = new ServerQuota(OKTA_QUOTA_HEADERS, clock)
    await quota.take() // nothing known yet
    const reset = Math.floor(clock.now() / 1000) + 20
    quota.observe({ 'x-rate-limit-remaining': '1', 'x-rate-limit-reset': String(reset) })
    await quota.take()
    expect(clock.sleeps).toEqual([])
    await quota.take()
    expect(clock.sleeps).toHaveLength(1)
    expect(clock.now()).toBeGreaterThanOrEqual(reset * 1000)
  })

  it('measures the reset against the server Date, not a skewed local clock', async () => {
    const clock = fakeClock()
    const quota = new ServerQuota(GITHUB_QUOTA_HEADERS, clock)
    const server = clock.now() + 3_600_000 // the runner's clock is an hour behind
    quota.observe({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(server / 1000) + 10),
      date: new Date(server).toUTCString(),
    })
    await quota.take()
    expect(clock.sleeps[0]).toBeLessThanOrEqual(11_000)
  })
})

describe('system budgets', () => {
  it('GitHub: 80 content-creating requests a minute, then one every 750 ms; reads cost 1 point', async () => {
    const clock = fakeClock()
    const budget = githubBudget(clock)
    for (let i = 0; i < 80; i++) await budget.before('PUT', 'https://api.github.com/orgs/acme/memberships/x')
    expect(clock.sleeps).toEqual([])
    await budget.before('POST', 'https://api.github.com/orgs/acme/invitations')
    expect(clock.sleeps).toEqual([750])
    // 81 writes took 405 points; 495 reads fit in the rest of the 900 (plus what refilled) without a wait.
    for (let i = 0; i < 495; i++) await budget.before('GET', 'https://api.github.com/orgs/acme/teams')
    expect(clock.sleeps).toEqual([750])
  })

  const GRAPHQL = 'https://api.github.com/graphql'
  it('GitHub, a share of the minute (a drain job): one commit at once, then the share’s rate', async () => {
    const clock = fakeClock()
    const budget = githubBudget(clock, GITHUB_LIMITS, new ContentShare('test', 0.25)) // 20 a minute: one every 3 s
    await budget.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toEqual([])
    await budget.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toEqual([3_000])
    // Reads and GraphQL queries are not content-creating: the share does not hold them back.
    for (let i = 0; i < 100; i++) await budget.before('GET', 'https://api.github.com/repos/acme/state/git/trees/x')
    for (let i = 0; i < 100; i++) await budget.before('POST', GRAPHQL)
    expect(clock.sleeps).toEqual([3_000])
  })

  it('GitHub, a share changed while the process runs: the bucket takes the new rate from then on', async () => {
    const clock = fakeClock()
    const share = new ContentShare('test', 0.25) // 20 a minute, one commit at the start
    const budget = githubBudget(clock, GITHUB_LIMITS, share)
    await budget.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    share.fraction = 1 // 80 a minute: one every 750 ms
    await budget.before('PUT', 'https://api.github.com/repos/acme/state/contents/x')
    expect(clock.sleeps).toEqual([750])
    share.fraction = 0 // never below one commit a minute
    await budget.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toEqual([750, 60_000])
  })

  it('GitHub, the next job of a group goes on from the share the last one left, refilled since', async () => {
    const clock = fakeClock()
    const first = githubBudget(clock, GITHUB_LIMITS, new ContentShare('test', 0.25)) // 20 a minute: one every 3 s
    for (let i = 0; i < 3; i++) await first.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toEqual([3_000, 3_000])
    const left = first.carry!.save()
    expect(left.tokens).toBeCloseTo(0, 9)
    // A new job a second later: it does not get a free commit; it waits the 2 s its group's bucket still needs.
    clock.advance(1_000)
    const next = githubBudget(clock, GITHUB_LIMITS, new ContentShare('test', 0.25))
    next.carry!.resume(left)
    await next.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toEqual([3_000, 3_000, 2_000])
    // A job after a quiet minute goes on from a full bucket: 20 at once.
    clock.advance(60_000)
    const later = githubBudget(clock, GITHUB_LIMITS, new ContentShare('test', 0.25))
    later.carry!.resume(next.carry!.save())
    for (let i = 0; i < 20; i++) await later.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toHaveLength(3)
    // Only the first word counts: what the job spent since is its own.
    later.carry!.resume({ tokens: 20, at: clock.now() })
    await later.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toEqual([3_000, 3_000, 2_000, 3_000])
  })

  it('GitHub, a prepaid commit: it waits up front, then goes out at once', async () => {
    const clock = fakeClock()
    const budget = githubBudget(clock, GITHUB_LIMITS, new ContentShare('test', 0.25)) // 20 a minute, 1 at the start
    await budget.prepay!(1)
    await budget.prepay!(1)
    // The second commit's token refills in 3 s, before it is sent.
    expect(clock.sleeps).toEqual([3_000])
    for (let i = 0; i < 2; i++) await budget.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toEqual([3_000])
    // Paid for once: the third commit pays again.
    await budget.before('POST', GRAPHQL, GRAPHQL_MUTATION)
    expect(clock.sleeps).toEqual([3_000, 3_000])
  })

  it('GitHub through fetch: a GraphQL mutation is a content-creating request, a query is not', async () => {
    const clock = fakeClock()
    const budget = githubBudget(clock, GITHUB_LIMITS, new ContentShare('test', 0.25))
    const fetch = budgetedFetch(budget, async () => new Response('{}'))
    const post = (query: string) => fetch(GRAPHQL, { method: 'POST', body: JSON.stringify({ query }) })
    await post(
      'mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }',
    )
    for (let i = 0; i < 10; i++) await post('query { viewer { login } }')
    expect(clock.sleeps).toEqual([])
    await post('\n  mutation { createCommitOnBranch(input: {}) { commit { oid } } }')
    expect(clock.sleeps).toEqual([3_000])
  })

  it('GitHub: 500 content-creating requests an hour, whatever the minute allows', async () => {
    const clock = fakeClock()
    const budget = githubBudget(clock, { ...GITHUB_LIMITS, contentPerMinute: 10_000, pointsPerMinute: 100_000 })
    for (let i = 0; i < 500; i++) await budget.before('PUT', 'https://api.github.com/x')
    expect(clock.sleeps).toEqual([])
    await budget.before('PUT', 'https://api.github.com/x')
    expect(clock.sleeps).toEqual([7_200]) // 3 600 000 / 500
  })

  it('GitHub: the primary limit by the headers, per resource', async () => {
    const clock = fakeClock()
    const budget = githubBudget(clock)
    const reset = String(Math.floor(clock.now() / 1000) + 60)
    budget.after('GET', 'https://api.github.com/search/users', 200, {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': reset,
      'x-ratelimit-resource': 'search',
    })
    await budget.before('GET', 'https://api.github.com/orgs/acme')
    expect(clock.sleeps).toEqual([])
    await budget.before('GET', 'https://api.github.com/search/users?q=x')
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(60_000)
  })

  it('Slack: one post a second per channel, channels apart; a method within its tier', async () => {
    const clock = fakeClock()
    const budget = slackBudget(clock)
    await budget.before('chat.postMessage', '', '#a')
    await budget.before('chat.postMessage', '', '#b')
    expect(clock.sleeps).toEqual([])
    await budget.before('chat.postMessage', '', '#a')
    expect(clock.sleeps).toEqual([1000])
    for (let i = 0; i < 20; i++) await budget.before('conversations.list', '')
    await budget.before('conversations.list', '')
    expect(clock.sleeps).toEqual([1000, 3000]) // Tier 2: 20 a minute
  })

  it('Okta: an endpoint whose answers say none remain waits for its reset; another endpoint does not', async () => {
    const clock = fakeClock()
    const budget = headerBudget(OKTA_QUOTA_HEADERS, clock)
    const reset = String(Math.floor(clock.now() / 1000) + 30)
    budget.after('GET', 'https://acme.okta.com/api/v1/users/00u1abc2', 200, {
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': reset,
    })
    await budget.before('GET', 'https://acme.okta.com/api/v1/groups/00g1')
    expect(clock.sleeps).toEqual([])
    await budget.before('GET', 'https://acme.okta.com/api/v1/users/00u9xyz9')
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(30_000)
  })

  it('one budget per system, endpoint and token', () => {
    const make = () => githubBudget(fakeClock())
    const a = sharedBudget('github', 'https://api.github.com/', 't1', make)
    expect(sharedBudget('github', 'https://api.github.com', 't1', make)).toBe(a)
    expect(sharedBudget('github', 'https://api.github.com', 't2', make)).not.toBe(a)
    expect(sharedBudget('slack', 'https://api.github.com', 't1', make)).not.toBe(a)
  })
})

describe('clients draw from the shared budget', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url.startsWith('/api/')) json(res, 200, { ok: true, channel: 'C1', ts: '1.2' })
      else json(res, 200, { login: 'octocat', id: 1 })
    })
  })
  afterAll(() => server.close())
  afterEach(() => {
    server.requests.length = 0
  })

  it('two Octokit clients of one token share the 80 a minute; no fixed gap between writes', async () => {
    const clock = fakeClock()
    const token = `t-${Math.random()}`
    const a = createOctokit({ baseUrl: server.url, token, clock })
    const b = createOctokit({ baseUrl: server.url, token, clock })
    const started = Date.now()
    for (let i = 0; i < 40; i++) {
      await a.request('PUT /orgs/{org}/memberships/{username}', { org: 'acme', username: `u${i}` })
      await b.request('PUT /orgs/{org}/memberships/{username}', { org: 'acme', username: `v${i}` })
    }
    // Forty writes each in real milliseconds: Bottleneck's 1 s spacing is gone.
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(clock.sleeps).toEqual([])
    await b.request('POST /orgs/{org}/invitations', { org: 'acme' })
    expect(clock.sleeps).toEqual([750])
    expect(server.requests).toHaveLength(81)
  })

  it('Slack posts to one channel a second apart through the client', async () => {
    const clock = fakeClock()
    const slack = createSlackClient({ token: `xoxb-${Math.random()}`, slackApiUrl: `${server.url}/api/`, clock })
    await slack.chat.postMessage({ channel: '#a', text: 'one' })
    await slack.chat.postMessage({ channel: '#b', text: 'two' })
    await slack.chat.postMessage({ channel: '#a', text: 'three' })
    expect(clock.sleeps).toEqual([1000])
  })
})
