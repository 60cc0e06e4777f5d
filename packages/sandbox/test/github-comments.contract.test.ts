// The pull request conversation onramp's plan writes to: issue comments listed (paginated), created and
// updated through @octokit/rest, every request and response checked against GitHub's OpenAPI description;
// a job's GITHUB_TOKEN may comment only under `pull-requests: write` (or `issues: write`).
import { Octokit } from '@octokit/rest'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type GitHubEmulator as GH, GitHubEmulator } from '../src/emulators/github/index.js'
import { type Started, startEmulator } from './helpers.js'

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the request to fail')
}

describe('GitHub emulator: pull request comments through Octokit', () => {
  let gh: Started<GH>
  const as = (auth: string) => new Octokit({ baseUrl: gh.url, auth })
  const repo = { owner: 'acme', repo: 'people-ops' }
  beforeAll(async () => {
    gh = await startEmulator((k) => new GitHubEmulator({ validate: true }, k))
    gh.emulator.seed({
      orgs: [{ login: 'acme' }],
      repos: [{ owner: 'acme', name: 'people-ops', default_branch: 'main' }],
      pullRequests: [
        { owner: 'acme', repo: 'people-ops', number: 7 },
        { owner: 'acme', repo: 'people-ops', number: 8 },
      ],
    })
    gh.emulator.scopeJobToken('ghs_jobwrite', {
      repository: 'acme/people-ops',
      permissions: { contents: 'read', 'pull-requests': 'write' },
    })
    gh.emulator.scopeJobToken('ghs_jobread', { repository: 'acme/people-ops', permissions: { contents: 'read' } })
    gh.emulator.scopeJobToken('ghs_jobcontents', {
      repository: 'acme/people-ops',
      permissions: { contents: 'write' },
    })
    gh.emulator.scopeJobToken('ghs_jobother', {
      repository: 'acme/other',
      permissions: { 'pull-requests': 'write' },
    })
    await gh.emulator.ready()
  })
  afterAll(() => gh.close())
  afterEach(() => {
    expect(gh.emulator.validationIssues()).toEqual([])
  })

  it('creates a comment as github-actions[bot], lists it, and updates it in place', async () => {
    const job = as('ghs_jobwrite')
    const created = await job.rest.issues.createComment({ ...repo, issue_number: 7, body: 'first' })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({ body: 'first', user: { login: 'github-actions[bot]', type: 'Bot' } })
    expect(created.data.issue_url).toMatch(/\/repos\/acme\/people-ops\/issues\/7$/)
    const updated = await job.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: 'second' })
    expect(updated.data).toMatchObject({ id: created.data.id, body: 'second' })
    const { data } = await job.rest.issues.listComments({ ...repo, issue_number: 7 })
    expect(data.map((c) => [c.id, c.body])).toEqual([[created.data.id, 'second']])
    expect(gh.emulator.issueComments('acme', 'people-ops', 8)).toEqual([])
  })

  it('pages a long conversation with Link headers; octokit.paginate reads every page in order', async () => {
    const job = as('ghs_jobwrite')
    for (let i = 0; i < 5; i++) await job.rest.issues.createComment({ ...repo, issue_number: 8, body: `c${i}` })
    const first = await job.rest.issues.listComments({ ...repo, issue_number: 8, per_page: 2 })
    expect(first.data.map((c) => c.body)).toEqual(['c0', 'c1'])
    expect(first.headers.link).toContain('rel="next"')
    const all = await job.paginate(job.rest.issues.listComments, { ...repo, issue_number: 8, per_page: 2 })
    expect(all.map((c) => c.body)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4'])
  })

  it('refuses what GitHub refuses: no such pull request, a missing or too long body, another author’s comment', async () => {
    const job = as('ghs_jobwrite')
    expect((await rejection(job.rest.issues.listComments({ ...repo, issue_number: 99 }))).status).toBe(404)
    expect((await rejection(job.rest.issues.createComment({ ...repo, issue_number: 99, body: 'x' }))).status).toBe(404)
    const long = await rejection(job.rest.issues.createComment({ ...repo, issue_number: 7, body: 'x'.repeat(65_537) }))
    expect(long.status).toBe(422)
    expect(long.response.data.errors[0].message).toBe('Body is too long (maximum is 65536 characters)')
    const human = await as('ghs_someone').rest.issues.createComment({ ...repo, issue_number: 7, body: 'mine' })
    const e = await rejection(job.rest.issues.updateComment({ ...repo, comment_id: human.data.id, body: 'edited' }))
    expect(e.status).toBe(403)
  })

  it('a job token comments only with pull-requests (or issues) write, and only on its own repository', async () => {
    const read = await rejection(as('ghs_jobread').rest.issues.createComment({ ...repo, issue_number: 7, body: 'x' }))
    expect(read.status).toBe(403)
    expect(read.response.data.message).toBe('Resource not accessible by integration')
    expect((await rejection(as('ghs_jobread').rest.issues.listComments({ ...repo, issue_number: 7 }))).status).toBe(403)
    const other = await rejection(as('ghs_jobother').rest.issues.createComment({ ...repo, issue_number: 7, body: 'x' }))
    expect(other.status).toBe(403)
    // Other writes stay refused: a GITHUB_TOKEN with pull-requests: write cannot change the organization.
    const org = await rejection(
      as('ghs_jobwrite').rest.orgs.setMembershipForUser({ org: 'acme', username: 'someone', role: 'member' }),
    )
    expect(org.status).toBe(403)
  })

  it('a job token sends a repository_dispatch to its own repository only under contents: write', async () => {
    const wake = { ...repo, event_type: 'drain', client_payload: { queue: 'joiners' } }
    for (const token of ['ghs_jobread', 'ghs_jobwrite']) {
      const refused = await rejection(as(token).rest.repos.createDispatchEvent(wake))
      expect(refused.status, token).toBe(403)
    }
    const before = gh.emulator.dispatches('acme', 'people-ops').length
    const sent = await as('ghs_jobcontents').rest.repos.createDispatchEvent(wake)
    expect(sent.status).toBe(204)
    const [d] = gh.emulator.dispatches('acme', 'people-ops').slice(before)
    expect(d?.event).toMatchObject({ action: 'drain', client_payload: { queue: 'joiners' } })
    expect(d?.event.sender).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' })
  })
})
