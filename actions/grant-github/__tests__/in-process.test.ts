// grant-github in process, where timing and the order of faults need control: a fake clock makes the read-back
// deadline instant, and an Octokit hook scripts what the emulator reports right after a write.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Receipt, resetPersonalData } from '@onramp/core'
import { createOctokit, type GithubClient } from '@onramp/core/github'
import { fakeClock, signDispatch } from '@onramp/core/testing'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  commonInputs,
  type EventType,
  GUARDRAILS,
  ROLES,
  recordOnboarded,
  sampleEvent,
} from '../../../test/support/harness.js'
import { type Inputs, run } from '../src/main.js'

const ORG = 'acme'
const LOGIN = 'jamie-doe-dev'
const MEMBERSHIP = 'GET /orgs/{org}/memberships/{username}'
const TEAM_MEMBERSHIP = 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}'

let sandbox: Sandbox
let dir: string
const saved = { ...process.env }

beforeEach(async () => {
  sandbox = await startSandbox({
    roles: ROLES,
    guardrails: GUARDRAILS,
    seed: { github: { users: [{ login: LOGIN, id: 583231 }], members: [{ org: ORG, login: LOGIN }] } },
  })
  dir = await mkdtemp(join(tmpdir(), 'onramp-gh-in-'))
  for (const f of ['output', 'summary']) await writeFile(join(dir, f), '')
  Object.assign(process.env, {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_EVENT_NAME: 'repository_dispatch',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_RUN_ID: '7',
  })
})

afterEach(async () => {
  await sandbox.close()
  process.env = { ...saved }
  process.exitCode = 0
  resetPersonalData()
})

async function event(type: EventType, change: (p: Record<string, unknown>) => void) {
  await writeFile(join(dir, 'event.json'), JSON.stringify(signDispatch(await sampleEvent(type, change))))
}

/** A fake clock at the real now: the event is signed in real time, and the step checks its age by this clock. */
const nowClock = () => fakeClock({ start: Date.now() })

function inputs(): Inputs {
  return {
    ...commonInputs(join(dir, 'state')),
    githubToken: sandbox.inputs['github-token']!,
    githubApiUrl: sandbox.inputs['github-api-url']!,
    org: undefined,
  }
}

function client(): GithubClient {
  return createOctokit({ token: sandbox.inputs['github-token'], baseUrl: sandbox.inputs['github-api-url'], fast: true })
}

async function receipts(): Promise<Record<string, Receipt>> {
  const out = await readFile(join(dir, 'output'), 'utf8')
  const m = /receipt<<(.+)\n([\s\S]*?)\n\1/.exec(out)
  const list = JSON.parse(m![2]!) as Receipt[]
  return Object.fromEntries(list.map((r) => [r.item, r]))
}

const mutations = () => sandbox.log.list({ emulator: 'github', mutating: true }).map((e) => e.route)

describe('grant-github in process', () => {
  it('a team membership read back active with the wrong role fails verification at the deadline', async () => {
    await recordOnboarded(join(dir, 'state'), 'E1042', 'designer')
    await event('role-change', (p) => {
      p.role = 'designer'
      p.github_username = LOGIN
    })
    const octokit = client()
    // Right after the write, GitHub reports the membership active but as plain member.
    octokit.hook.after('request', (_res, opts) => {
      if (opts.method === 'PUT' && String(opts.url).includes('/teams/'))
        sandbox.emulators.github.faults.script({
          match: { route: TEAM_MEMBERSHIP, path: '/teams/design-system/' },
          times: 50,
          respond: { status: 200, body: { url: 'x', role: 'member', state: 'active' } },
        })
    })
    const clock = nowClock()
    const started = clock.now()
    const result = await run(inputs(), { octokit, clock })
    expect(result).toBe('failed')
    const r = await receipts()
    expect(r['team:design-system']).toMatchObject({
      action: 'create',
      verified: false,
      result: 'failed',
      after: { role: 'member', state: 'active' },
    })
    expect(r['team:design-system']!.reason).toMatch(/verification failed: wanted .*maintainer/)
    // The read-back polled with backoff on the fake clock, within the policy, then gave up.
    expect(clock.sleeps.length).toBeGreaterThan(0)
    expect(clock.sleeps.length).toBeLessThan(8)
    expect(clock.now() - started).toBeLessThanOrEqual(30_000)
    // A team onramp never granted the person (another role's) is not theirs to take away: no item at all.
    expect(r['team:backend']).toBeUndefined()
    expect(process.exitCode).toBe(1)
  })

  it('an org membership reported active as owner fails and is never demoted', async () => {
    await event('onboard', (p) => {
      p.github_username = LOGIN
    })
    sandbox.emulators.github.faults.script({
      match: { route: MEMBERSHIP },
      times: 50,
      respond: { status: 200, body: { url: 'x', role: 'admin', state: 'active' } },
    })
    const result = await run(inputs(), { octokit: client(), clock: nowClock() })
    expect(result).toBe('failed')
    const r = await receipts()
    expect(r['org-membership']).toMatchObject({ result: 'failed', action: 'none' })
    expect(r['org-membership']!.reason).toMatch(/org owner/)
    // Refused before any item: no team is touched; nothing was written.
    expect(r['team:backend']).toBeUndefined()
    expect(mutations()).toEqual([])
  })

  it('offboard: an account that turns owner after the first read is refused before the DELETE', async () => {
    await recordOnboarded(join(dir, 'state'))
    await event('offboard', (p) => {
      p.github_username = LOGIN
    })
    const octokit = client()
    // The plan's read sees a plain member; every read after it (the item's own) sees an owner.
    octokit.hook.after('request', (_res, opts) => {
      if (opts.method === 'GET' && String(opts.url).includes('/memberships/'))
        sandbox.emulators.github.faults.script({
          match: { route: MEMBERSHIP },
          times: 50,
          respond: { status: 200, body: { url: 'x', role: 'admin', state: 'active' } },
        })
    })
    const result = await run(inputs(), { octokit, clock: nowClock() })
    expect(result).toBe('failed')
    const r = await receipts()
    expect(r['org-membership']).toMatchObject({
      result: 'failed',
      action: 'remove',
      before: { role: 'admin', state: 'active' },
    })
    expect(r['org-membership']!.reason).toMatch(/org owner/)
    expect(mutations()).toEqual([])
  })

  it('a refused token while finding the person fails the step with a receipt, not a crash', async () => {
    await event('onboard', (p) => {
      p.github_username = LOGIN
    })
    sandbox.emulators.github.faults.script({
      match: { route: 'GET /users/{username}' },
      times: 1,
      respond: { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } },
    })
    const result = await run(inputs(), { octokit: client(), clock: nowClock() })
    expect(result).toBe('failed')
    const r = await receipts()
    expect(r.account!.reason).toBe('GET user by login: GitHub 401: Bad credentials')
    const record = JSON.parse(await readFile(join(dir, 'state', 'people', 'E1042.json'), 'utf8'))
    expect(record.steps.github).toMatchObject({ result: 'failed', verified: false })
    expect(mutations()).toEqual([])
  })

  it('a 5xx that outlasts the retries fails the item with the status, and the rest still run', async () => {
    await event('onboard', (p) => {
      p.github_username = LOGIN
    })
    sandbox.emulators.github.faults.script({
      match: { route: 'PUT /orgs/{org}/teams/{team_slug}/memberships/{username}', path: '/teams/engineering/' },
      times: 10,
      respond: { status: 503, body: { message: 'Service Unavailable' } },
    })
    const result = await run(inputs(), { octokit: client(), clock: nowClock() })
    expect(result).toBe('failed')
    const r = await receipts()
    expect(r['team:engineering']!.reason).toMatch(/PUT team engineering membership: GitHub 503/)
    expect(r['team:backend']).toMatchObject({ result: 'changed', verified: true })
    const puts = sandbox.log.list({
      emulator: 'github',
      route: 'PUT /orgs/{org}/teams/{team_slug}/memberships/{username}',
    })
    // The policy's 5 attempts for engineering, one for backend.
    expect(puts.filter((e) => e.path.includes('/engineering/'))).toHaveLength(5)
    expect(puts.filter((e) => e.path.includes('/backend/'))).toHaveLength(1)
  })
})
