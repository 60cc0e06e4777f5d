import { GetUserCommand } from '@aws-sdk/client-iam'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createIamClient, type IamRetryNotice } from '../src/clients/aws.js'
import { createOctokit, type RetryNotice } from '../src/clients/github.js'
import { createSlackClient } from '../src/clients/slack.js'
import type { RetryPolicy } from '../src/retry.js'
import { fakeClock, json, type RecordedRequest, startServer, type TestServer } from '../src/testing/index.js'

const policy: RetryPolicy = { baseMs: 1000, capMs: 30_000, maxAttempts: 4, deadlineMs: 120_000 }
const half = () => 0.5
const gaps = (reqs: RecordedRequest[]) => reqs.slice(1).map((r, i) => r.at - reqs[i]!.at)

// Each test scripts the next responses; anything unscripted is a 200.
type Reply = (req: RecordedRequest, res: import('node:http').ServerResponse) => void
let script: Reply[] = []
let server: TestServer
beforeAll(async () => {
  server = await startServer((req, res) => {
    const next = script.shift()
    if (next) next(req, res)
    else if (req.url.startsWith('/api/')) json(res, 200, { ok: true, channel: 'C1', ts: '1.2' })
    else if (req.headers['content-type']?.includes('x-www-form-urlencoded')) iamUser(res)
    else json(res, 200, { login: 'octocat', id: 1 })
  })
})
afterAll(() => server.close())
afterEach(() => {
  script = []
  server.requests.length = 0
})

describe('GitHub client', () => {
  const octokit = (notices: RetryNotice[], p = policy) =>
    createOctokit({
      baseUrl: server.url,
      token: 't',
      policy: p,
      fast: true,
      clock: fakeClock({ random: half }),
      onRetry: (n) => notices.push(n),
    })

  it('retries 5xx with full-jitter backoff from the policy', async () => {
    script = [(_q, r) => json(r, 503, { message: 'unavailable' }), (_q, r) => json(r, 502, { message: 'bad gateway' })]
    const notices: RetryNotice[] = []
    const res = await octokit(notices).request('GET /users/{username}', { username: 'octocat' })
    expect(res.data).toEqual({ login: 'octocat', id: 1 })
    expect(server.requests).toHaveLength(3)
    // random 0.5: half of min(cap, base·2ⁿ)
    expect(notices.map((n) => [n.kind, n.waitMs, n.status])).toEqual([
      ['retry', 500, 503],
      ['retry', 1000, 502],
    ])
    expect(notices[0]!.route).toBe('/users/octocat')
    const [g1, g2] = gaps(server.requests)
    expect(g1).toBeGreaterThanOrEqual(4) // 500 ms × 0.01, timer slack 1 ms
    expect(g2).toBeGreaterThanOrEqual(9)
  })

  it('retries a connection reset', async () => {
    script = [(_q, r) => r.socket?.destroy()]
    const notices: RetryNotice[] = []
    const res = await octokit(notices).request('GET /users/{username}', { username: 'octocat' })
    expect(res.status).toBe(200)
    expect(server.requests).toHaveLength(2)
    expect(notices).toHaveLength(1)
  })

  it('a hung request times out and is retried', async () => {
    script = [() => {}] // never answers
    const o = createOctokit({
      baseUrl: server.url,
      policy,
      fast: true,
      clock: fakeClock({ random: half }),
      timeoutMs: 200,
    })
    const res = await o.request('GET /users/{username}', { username: 'octocat' })
    expect(res.status).toBe(200)
    expect(server.requests).toHaveLength(2)
  })

  it('honours Retry-After on a 429 without a rate-limit signal', async () => {
    script = [(_q, r) => json(r, 429, { message: 'Too Many Requests' }, { 'retry-after': '7' })]
    const notices: RetryNotice[] = []
    await octokit(notices).request('GET /users/{username}', { username: 'octocat' })
    expect(notices.map((n) => n.waitMs)).toEqual([7000])
    expect(gaps(server.requests)[0]).toBeGreaterThanOrEqual(69)
  })

  it('waits at least 60 s for a secondary rate limit without retry-after', async () => {
    script = [
      (_q, r) =>
        json(r, 403, {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        }),
    ]
    const notices: RetryNotice[] = []
    await octokit(notices).request('PUT /orgs/{org}/memberships/{username}', { org: 'acme', username: 'octocat' })
    expect(notices).toEqual([
      {
        kind: 'secondary-rate-limit',
        retry: 1,
        waitMs: 60_000,
        method: 'PUT',
        route: '/orgs/{org}/memberships/{username}',
      },
    ])
    expect(server.requests).toHaveLength(2)
    expect(gaps(server.requests)[0]).toBeGreaterThanOrEqual(599)
  })

  it('waits for the reset of a primary rate limit', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3
    script = [
      (_q, r) =>
        json(
          r,
          403,
          { message: 'API rate limit exceeded for user ID 1.' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-limit': '5000' },
        ),
    ]
    const notices: RetryNotice[] = []
    await octokit(notices).request('GET /users/{username}', { username: 'octocat' })
    expect(notices[0]!.kind).toBe('rate-limit')
    expect(notices[0]!.waitMs).toBeGreaterThanOrEqual(3000)
    expect(server.requests).toHaveLength(2)
  })

  // GraphQL goes through the same client: the same retries and the same wait for a primary limit's reset.
  it('retries a GraphQL 5xx with the policy backoff', async () => {
    script = [(_q, r) => json(r, 502, { message: 'bad gateway' })]
    const notices: RetryNotice[] = []
    script.push((_q, r) => json(r, 200, { data: { user: { login: 'octocat' } } }))
    const data = await octokit(notices).graphql('query { user(login: "octocat") { login } }')
    expect(data).toEqual({ user: { login: 'octocat' } })
    expect(notices.map((n) => [n.kind, n.waitMs, n.status, n.route])).toEqual([['retry', 500, 502, '/graphql']])
  })

  it('waits for the reset of a GraphQL primary limit (200 with a RATE_LIMITED error)', async () => {
    const reset = Math.floor(Date.now() / 1000) + 2
    script = [
      (_q, r) =>
        json(
          r,
          200,
          { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'graphql' },
        ),
      (_q, r) => json(r, 200, { data: { user: { login: 'octocat' } } }),
    ]
    const notices: RetryNotice[] = []
    const data = await octokit(notices).graphql('query { user(login: "octocat") { login } }')
    expect(data).toEqual({ user: { login: 'octocat' } })
    expect(notices.map((n) => n.kind)).toEqual(['rate-limit'])
    expect(notices[0]!.waitMs).toBeGreaterThanOrEqual(2000)
    expect(server.requests).toHaveLength(2)
  })

  it.each([400, 401, 403, 404, 409, 422])('does not retry %i', async (status) => {
    script = [(_q, r) => json(r, status, { message: 'no' })]
    const notices: RetryNotice[] = []
    await expect(octokit(notices).request('GET /users/{username}', { username: 'octocat' })).rejects.toMatchObject({
      status,
    })
    expect(server.requests).toHaveLength(1)
    expect(notices).toEqual([])
  })

  it('stops at maxAttempts for 5xx and for rate limits', async () => {
    const p = { ...policy, maxAttempts: 3 }
    script = Array.from(
      { length: 5 },
      () => (_q: RecordedRequest, r: import('node:http').ServerResponse) => json(r, 500, {}),
    )
    await expect(octokit([], p).request('GET /users/{username}', { username: 'o' })).rejects.toMatchObject({
      status: 500,
    })
    expect(server.requests).toHaveLength(3)

    server.requests.length = 0
    script = Array.from(
      { length: 5 },
      () => (_q: RecordedRequest, r: import('node:http').ServerResponse) =>
        json(r, 429, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '1' }),
    )
    await expect(octokit([], p).request('GET /users/{username}', { username: 'o' })).rejects.toMatchObject({
      status: 429,
    })
    expect(server.requests).toHaveLength(3)
  })

  it('gives up when the server asks for a wait past the deadline', async () => {
    script = [(_q, r) => json(r, 503, {}, { 'retry-after': '600' })]
    await expect(octokit([]).request('GET /users/{username}', { username: 'o' })).rejects.toMatchObject({ status: 503 })
    expect(server.requests).toHaveLength(1)
  })
})

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/'
function iamUser(res: import('node:http').ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': 'r1' })
  res.end(
    `<GetUserResponse xmlns="${IAM_NS}"><GetUserResult><User><Path>/hr-managed/</Path><UserName>e1042</UserName>` +
      '<UserId>AIDAEXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/hr-managed/e1042</Arn>' +
      '<CreateDate>2026-11-26T00:00:00Z</CreateDate></User></GetUserResult>' +
      '<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetUserResponse>',
  )
}
const iamError =
  (status: number, code: string, headers: Record<string, string> = {}): Reply =>
  (_q, res) => {
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'r2', ...headers })
    res.end(
      `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
        `<Message>${code} happened</Message></Error><RequestId>r2</RequestId></ErrorResponse>`,
    )
  }

describe('IAM client', () => {
  const iam = (notices: IamRetryNotice[] = [], clock = fakeClock({ random: half })) => ({
    clock,
    client: createIamClient({ endpoint: server.url, policy, clock, fast: true, onRetry: (n) => notices.push(n) }),
  })

  it('retries Throttling, 5xx and a connection reset with the policy backoff', async () => {
    script = [
      iamError(400, 'Throttling'),
      iamError(503, 'ServiceUnavailable'),
      (_q, res) => {
        res.socket?.destroy()
      },
    ]
    const notices: IamRetryNotice[] = []
    const { client, clock } = iam(notices)
    const out = await client.send(new GetUserCommand({ UserName: 'e1042' }))
    expect(out.User?.Arn).toBe('arn:aws:iam::123456789012:user/hr-managed/e1042')
    expect(server.requests).toHaveLength(4)
    expect(notices.map((n) => n.waitMs)).toEqual([500, 1000, 2000])
    expect(notices.map((n) => n.errorName).slice(0, 2)).toEqual(['Throttling', 'ServiceUnavailable'])
    expect(clock.sleeps).toEqual([5, 10, 20]) // fast: × 0.01
    client.destroy()
  })

  it('a hung request times out and is retried', async () => {
    script = [() => {}]
    const clock = fakeClock({ random: half })
    const client = createIamClient({ endpoint: server.url, policy, clock, fast: true, timeoutMs: 200 })
    const out = await client.send(new GetUserCommand({ UserName: 'e1042' }))
    expect(out.User?.UserName).toBe('e1042')
    expect(server.requests).toHaveLength(2)
    client.destroy()
  })

  it('does not retry LimitExceeded (a quota), nor client errors', async () => {
    for (const [status, code] of [
      [409, 'LimitExceeded'],
      [404, 'NoSuchEntity'],
      [409, 'EntityAlreadyExists'],
      [400, 'InvalidInput'],
    ] as const) {
      server.requests.length = 0
      script = [iamError(status, code)]
      const { client } = iam()
      await expect(client.send(new GetUserCommand({ UserName: 'e1042' }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: status, attempts: 1 },
      })
      expect(server.requests).toHaveLength(1)
      client.destroy()
    }
  })

  it('lets Retry-After win over the backoff', async () => {
    script = [iamError(400, 'Throttling', { 'retry-after': '7' })]
    const notices: IamRetryNotice[] = []
    const { client } = iam(notices)
    await client.send(new GetUserCommand({ UserName: 'e1042' }))
    expect(notices.map((n) => n.waitMs)).toEqual([7000])
    client.destroy()
  })

  it('stops at maxAttempts', async () => {
    script = Array.from({ length: 6 }, () => iamError(500, 'ServiceFailure'))
    const { client } = iam()
    await expect(client.send(new GetUserCommand({ UserName: 'e1042' }))).rejects.toMatchObject({
      $metadata: { attempts: 4 },
    })
    expect(server.requests).toHaveLength(4)
    client.destroy()
  })
})

describe('Slack client', () => {
  const slack = (limited: unknown[] = []) =>
    createSlackClient({
      token: 'xoxb-test',
      slackApiUrl: `${server.url}/api/`,
      policy,
      fast: true,
      onRateLimited: (n) => limited.push(n),
    })

  it('honours Retry-After on 429', async () => {
    script = [(_q, r) => json(r, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' })]
    const limited: unknown[] = []
    const res = await slack(limited).chat.postMessage({ channel: 'C1', text: 'hello' })
    expect(res.ok).toBe(true)
    expect(server.requests).toHaveLength(2)
    expect(gaps(server.requests)[0]).toBeGreaterThanOrEqual(999)
    expect(limited).toEqual([{ method: 'chat.postMessage', retryAfterSeconds: 1 }])
  })

  it('retries 5xx up to the policy and not platform errors', async () => {
    script = [(_q, r) => json(r, 500, {}), (_q, r) => json(r, 503, {})]
    const res = await slack().chat.postMessage({ channel: 'C1', text: 'hello' })
    expect(res.ok).toBe(true)
    expect(server.requests).toHaveLength(3)

    server.requests.length = 0
    script = [(_q, r) => json(r, 200, { ok: false, error: 'channel_not_found' })]
    await expect(slack().chat.postMessage({ channel: 'C9', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'channel_not_found' },
    })
    expect(server.requests).toHaveLength(1)

    server.requests.length = 0
    script = Array.from(
      { length: 6 },
      () => (_q: RecordedRequest, r: import('node:http').ServerResponse) => json(r, 500, {}),
    )
    await expect(slack().chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
    })
    expect(server.requests).toHaveLength(4)
  })
})
