// GitHub emulator driven through @octokit/rest 22 with the throttling and retry plugins, every request and
// response checked against GitHub's OpenAPI description (`validate: true`).

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import Bottleneck from 'bottleneck/light.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BLOB_TEXT_LIMIT, differencesFrom, publishedSchema } from '../src/emulators/github/graphql.js'
import { type GitHubEmulator as GH, GitHubEmulator, type GitHubOptions } from '../src/emulators/github/index.js'
import { type Started, startEmulator } from './helpers.js'

const MyOctokit = Octokit.plugin(retry, throttling)
const DAY = 86_400_000

interface Calls {
  primary: number[]
  secondary: number[]
}

// Fast settings from docs/reference/external-apis.md §1.4: waits scaled to 10 ms per "second", no pacing gaps.
function client(
  url: string,
  calls: Calls = { primary: [], secondary: [] },
  handlers: Partial<Record<keyof Calls, (s: number, n: number) => boolean>> = {},
) {
  return new MyOctokit({
    baseUrl: url,
    auth: 'sandbox-token',
    retry: { retryAfterBaseValue: 10 },
    throttle: {
      retryAfterBaseValue: 10,
      onRateLimit: (s: number, _o: unknown, _k: unknown, n: number) => {
        calls.primary.push(s)
        return handlers.primary?.(s, n) ?? false
      },
      onSecondaryRateLimit: (s: number, _o: unknown, _k: unknown, n: number) => {
        calls.secondary.push(s)
        return handlers.secondary?.(s, n) ?? false
      },
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    },
  })
}

const seed = {
  orgs: [{ login: 'acme', id: 500 }],
  users: [
    { login: 'alice', id: 11, email: 'alice@example.com', name: 'Alice' },
    { login: 'bob', id: 12, email: 'bob@example.com' },
    { login: 'carol', id: 13 },
    { login: 'dave', id: 14 },
  ],
  teams: [
    { org: 'acme', slug: 'eng', id: 900, name: 'Eng' },
    { org: 'acme', slug: 'ops', id: 901, name: 'Ops' },
    { org: 'acme', slug: 'idp', id: 902, name: 'IdP group', idpSynced: true },
  ],
  members: [{ org: 'acme', login: 'alice', role: 'admin' as const }],
  repos: [{ owner: 'acme', name: 'access', default_branch: 'main' }],
  files: [{ owner: 'acme', repo: 'access', path: 'ledger/e1.json', content: '{"v":1}' }],
}

async function start(opts: GitHubOptions = {}): Promise<Started<GH>> {
  const s = await startEmulator((k) => new GitHubEmulator({ validate: true, ...opts }, k))
  s.emulator.seed(seed)
  await s.emulator.ready()
  return s
}

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the request to fail')
}

describe('GitHub emulator through Octokit', () => {
  let gh: Started<GH>
  let octokit: ReturnType<typeof client>
  beforeAll(async () => {
    gh = await start()
    octokit = client(gh.url)
  })
  afterAll(() => gh.close())
  afterEach(() => {
    // Every request onramp sends and every answer checked against GitHub's OpenAPI description.
    expect(gh.emulator.validationIssues()).toEqual([])
  })

  it('starts fast without validation', async () => {
    const t0 = performance.now()
    const s = await startEmulator((k) => new GitHubEmulator({}, k))
    s.emulator.seed(seed)
    const ms = performance.now() - t0
    await s.close()
    expect(ms).toBeLessThan(100)
  })

  it('answers 401 Bad credentials without a token', async () => {
    const anon = new Octokit({ baseUrl: gh.url })
    const e = await rejection(anon.rest.users.getByUsername({ username: 'alice' }))
    expect(e.status).toBe(401)
    expect(e.response.data).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    })
  })

  it('a read-only token (a GITHUB_TOKEN under contents: read) reads, and every write is refused 403', async () => {
    gh.emulator.restrictToRead('ghs_readonlyjobtoken')
    const job = new Octokit({ baseUrl: gh.url, auth: 'ghs_readonlyjobtoken' })
    const { data } = await job.rest.repos.getContent({ owner: 'acme', repo: 'access', path: 'ledger/e1.json' })
    expect((data as { sha: string }).sha).toBeTruthy()
    const e = await rejection(
      job.rest.repos.createOrUpdateFileContents({
        owner: 'acme',
        repo: 'access',
        path: 'ledger/e2.json',
        message: 'onramp: e2',
        content: Buffer.from('{}').toString('base64'),
      }),
    )
    expect(e.status).toBe(403)
    expect(e.response.data.message).toBe('Resource not accessible by integration')
    expect(gh.emulator.file('acme', 'access', 'ledger/e2.json')).toBeUndefined()
  })

  it('an installation token reaches only its repositories, and contents only with the contents permission', async () => {
    gh.emulator.scopeToken('ghs_ledgeronly', { repositories: ['acme/access'], contents: 'write' })
    gh.emulator.scopeToken('ghs_membersonly', { repositories: ['acme/access'] })
    gh.emulator.scopeToken('ghs_elsewhere', { repositories: ['acme/other'], contents: 'write' })
    const as = (auth: string) => new Octokit({ baseUrl: gh.url, auth })
    const read = (auth: string) =>
      as(auth).rest.repos.getContent({ owner: 'acme', repo: 'access', path: 'ledger/e1.json' })
    expect((await read('ghs_ledgeronly')).status).toBe(200)
    expect((await rejection(read('ghs_membersonly'))).status).toBe(403)
    expect((await rejection(read('ghs_elsewhere'))).status).toBe(404)
    const write = await as('ghs_ledgeronly').rest.repos.createOrUpdateFileContents({
      owner: 'acme',
      repo: 'access',
      path: 'scoped/e3.json',
      message: 'onramp: e3',
      content: Buffer.from('{}').toString('base64'),
    })
    expect(write.status).toBe(201)
  })

  it('finds users by login and by id; 404 in the basic-error shape', async () => {
    const { data, headers } = await octokit.rest.users.getByUsername({ username: 'alice' })
    expect(data).toMatchObject({ login: 'alice', id: 11, type: 'User', name: 'Alice', email: 'alice@example.com' })
    const byId = await octokit.request('GET /user/{account_id}', { account_id: 11 })
    expect(byId.data.login).toBe('alice')
    // Rate-limit headers on every response (docs "Rate limits for the REST API").
    expect(headers['x-ratelimit-limit']).toBe('5000')
    expect(headers['x-ratelimit-resource']).toBe('core')
    expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000)
    expect(Number(headers['x-ratelimit-reset'])).toBeLessThan(Date.now() / 1000 + 3601)
    expect(headers['x-github-request-id']).toMatch(/^[0-9A-F]+(:[0-9A-F]+){4}$/)
    const e = await rejection(octokit.rest.users.getByUsername({ username: 'nobody' }))
    expect(e.status).toBe(404)
    expect(e.response.data).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/users/users#get-a-user',
      status: '404',
    })
    expect(e.response.headers['x-ratelimit-remaining']).toBeDefined()
    expect((await rejection(octokit.request('GET /user/{account_id}', { account_id: 999 }))).status).toBe(404)
  })

  it('invites through a membership PUT: pending until accepted, then active', async () => {
    const put = await octokit.rest.orgs.setMembershipForUser({ org: 'acme', username: 'bob', role: 'member' })
    expect(put.data).toMatchObject({ state: 'pending', role: 'member', organization: { login: 'acme', id: 500 } })
    expect(put.data.user?.login).toBe('bob')
    const got = await octokit.rest.orgs.getMembershipForUser({ org: 'acme', username: 'bob' })
    expect(got.data.state).toBe('pending')
    expect((await rejection(octokit.rest.orgs.checkMembershipForUser({ org: 'acme', username: 'bob' }))).status).toBe(
      404,
    )
    const pending = await octokit.rest.orgs.listPendingInvitations({ org: 'acme' })
    expect(pending.data.map((i) => [i.login, i.role, i.team_count])).toEqual([['bob', 'direct_member', 0]])

    // Accepted over the black-box control, as a demo or runner test would.
    const res = await fetch(`${gh.url}/__sandbox/accept-invitation`, {
      method: 'POST',
      body: JSON.stringify({ invitation: 'bob' }),
    })
    expect(await res.json()).toEqual({ org: 'acme', login: 'bob', role: 'member' })
    expect((await octokit.rest.orgs.getMembershipForUser({ org: 'acme', username: 'bob' })).data.state).toBe('active')
    expect((await octokit.rest.orgs.checkMembershipForUser({ org: 'acme', username: 'bob' })).status).toBe(204)
    expect((await octokit.rest.orgs.listPendingInvitations({ org: 'acme' })).data).toEqual([])

    const promoted = await octokit.rest.orgs.setMembershipForUser({ org: 'acme', username: 'bob', role: 'admin' })
    expect(promoted.data).toMatchObject({ state: 'active', role: 'admin' })
    expect((await octokit.rest.orgs.removeMembershipForUser({ org: 'acme', username: 'bob' })).status).toBe(204)
    const gone = await rejection(octokit.rest.orgs.getMembershipForUser({ org: 'acme', username: 'bob' }))
    expect(gone.status).toBe(404)
    expect((await rejection(octokit.rest.orgs.removeMembershipForUser({ org: 'acme', username: 'bob' }))).status).toBe(
      404,
    )
  })

  it('creates invitations by id or email with teams, lists, cancels, refuses members', async () => {
    const byId = await octokit.rest.orgs.createInvitation({
      org: 'acme',
      invitee_id: 13,
      role: 'direct_member',
      team_ids: [900, 901],
    })
    expect(byId.status).toBe(201)
    expect(byId.data).toMatchObject({ login: 'carol', email: null, role: 'direct_member', team_count: 2 })
    expect(byId.data.inviter?.login).toBe('onramp-app')
    const byEmail = await octokit.rest.orgs.createInvitation({ org: 'acme', email: 'new.hire@example.com' })
    expect(byEmail.data).toMatchObject({ login: null, email: 'new.hire@example.com', role: 'direct_member' })

    const list = await octokit.rest.orgs.listPendingInvitations({ org: 'acme' })
    expect(list.data.map((i) => i.id)).toEqual([byId.data.id, byEmail.data.id])

    expect((await octokit.rest.orgs.cancelInvitation({ org: 'acme', invitation_id: byEmail.data.id })).status).toBe(204)
    const again = await rejection(octokit.rest.orgs.cancelInvitation({ org: 'acme', invitation_id: byEmail.data.id }))
    expect(again.status).toBe(404)

    // Seen from GitHub when inviting a member (docs/reference/external-apis.md §1.1).
    const member = await rejection(octokit.rest.orgs.createInvitation({ org: 'acme', invitee_id: 11 }))
    expect(member.status).toBe(422)
    expect(member.response.data).toEqual({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'OrganizationInvitation',
          code: 'unprocessable',
          field: 'data',
          message: 'Invitee is already a part of this organization',
        },
      ],
      documentation_url: 'https://docs.github.com/rest/orgs/members#create-an-organization-invitation',
      status: '422',
    })

    // Accepting applies the invitation's teams.
    gh.emulator.acceptInvitation(byId.data.id)
    const eng = await octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'eng', username: 'carol' })
    expect(eng.data).toMatchObject({ role: 'member', state: 'active' })
    const ops = await octokit.rest.teams.listMembersInOrg({ org: 'acme', team_slug: 'ops' })
    expect(ops.data.map((u) => u.login)).toEqual(['carol'])
  })

  it('expires invitations after 7 days into failed_invitations', async () => {
    const inv = await octokit.rest.orgs.createInvitation({ org: 'acme', invitee_id: 14, team_ids: [901] })
    const team = await octokit.rest.teams.addOrUpdateMembershipForUserInOrg({
      org: 'acme',
      team_slug: 'eng',
      username: 'dave',
      role: 'maintainer',
    })
    expect(team.data).toMatchObject({ role: 'maintainer', state: 'pending' })
    gh.clock.advance(7 * DAY + 1000)
    expect((await octokit.rest.orgs.listPendingInvitations({ org: 'acme' })).data).toEqual([])
    const failed = await octokit.rest.orgs.listFailedInvitations({ org: 'acme' })
    const f = failed.data.find((i) => i.id === inv.data.id)
    expect(f).toMatchObject({ login: 'dave', failed_reason: 'Invitation expired' })
    expect(Date.parse(f!.failed_at!) - Date.parse(f!.created_at)).toBe(7 * DAY)
    const m = await rejection(octokit.rest.orgs.getMembershipForUser({ org: 'acme', username: 'dave' }))
    expect(m.status).toBe(404)
    const t = await rejection(
      octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'eng', username: 'dave' }),
    )
    expect(t.status).toBe(404)
  })

  it('teams: list, get by slug, memberships, 403 on IdP-synced teams', async () => {
    const teams = await octokit.rest.teams.list({ org: 'acme' })
    expect(teams.data.map((t) => t.slug)).toEqual(['eng', 'ops', 'idp'])
    const eng = await octokit.rest.teams.getByName({ org: 'acme', team_slug: 'eng' })
    expect(eng.data).toMatchObject({ id: 900, name: 'Eng', slug: 'eng', organization: { login: 'acme' } })
    expect((await rejection(octokit.rest.teams.getByName({ org: 'acme', team_slug: 'nope' }))).status).toBe(404)

    const put = await octokit.rest.teams.addOrUpdateMembershipForUserInOrg({
      org: 'acme',
      team_slug: 'eng',
      username: 'alice',
      role: 'maintainer',
    })
    expect(put.data).toEqual({
      url: `${gh.url}/organizations/500/team/900/memberships/alice`,
      role: 'maintainer',
      state: 'active',
    })
    const got = await octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'eng', username: 'alice' })
    expect(got.data).toEqual(put.data)
    const idp = await rejection(
      octokit.rest.teams.addOrUpdateMembershipForUserInOrg({ org: 'acme', team_slug: 'idp', username: 'alice' }),
    )
    expect(idp.status).toBe(403)
    expect(idp.response.data.message).toBe('You cannot create or update members for an external group backed team')
    expect(
      (await octokit.rest.teams.removeMembershipForUserInOrg({ org: 'acme', team_slug: 'eng', username: 'alice' }))
        .status,
    ).toBe(204)
    const after = await rejection(
      octokit.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'eng', username: 'alice' }),
    )
    expect(after.status).toBe(404)
  })

  it('paginates members with Link headers', async () => {
    for (let i = 0; i < 7; i++) gh.emulator.addMember('acme', `member-${i}`)
    const first = await octokit.rest.orgs.listMembers({ org: 'acme', per_page: 3 })
    expect(first.data).toHaveLength(3)
    expect(first.headers.link).toMatch(
      /<http:\/\/127\.0\.0\.1:\d+\/orgs\/acme\/members\?per_page=3&page=2>; rel="next"/,
    )
    const all = await octokit.paginate(octokit.rest.orgs.listMembers, { org: 'acme', per_page: 3 })
    const logins = all.map((u) => u.login)
    expect(logins).toHaveLength(new Set(logins).size)
    expect(logins).toEqual(expect.arrayContaining(['alice', 'carol', 'member-0', 'member-6']))
    const seeded = gh.emulator.state().orgs.find((o) => o.login === 'acme')!.members
    expect([...logins].sort()).toEqual(Object.keys(seeded).sort())
    for (let i = 0; i < 4; i++) gh.emulator.addTeamMember('acme', 'ops', `member-${i}`)
    const teamMembers = await octokit.paginate(octokit.rest.teams.listMembersInOrg, {
      org: 'acme',
      team_slug: 'ops',
      per_page: 2,
    })
    expect(teamMembers.map((u) => u.login)).toEqual(['carol', 'member-0', 'member-1', 'member-2', 'member-3'])
  })

  it('contents: read, create 201, update 200, stale sha 409, missing sha 422, state branch', async () => {
    const repo = await octokit.rest.repos.get({ owner: 'acme', repo: 'access' })
    expect(repo.data).toMatchObject({
      full_name: 'acme/access',
      default_branch: 'main',
      owner: { login: 'acme', type: 'Organization' },
    })
    const main = await octokit.rest.repos.getBranch({ owner: 'acme', repo: 'access', branch: 'main' })
    const ref = await octokit.rest.git.createRef({
      owner: 'acme',
      repo: 'access',
      ref: 'refs/heads/onramp-state',
      sha: main.data.commit.sha,
    })
    expect(ref.status).toBe(201)
    expect(ref.data).toMatchObject({
      ref: 'refs/heads/onramp-state',
      object: { type: 'commit', sha: main.data.commit.sha },
    })
    const dup = await rejection(
      octokit.rest.git.createRef({
        owner: 'acme',
        repo: 'access',
        ref: 'refs/heads/onramp-state',
        sha: main.data.commit.sha,
      }),
    )
    expect(dup.status).toBe(422)
    expect(dup.response.data.message).toBe('Reference already exists')
    expect(dup.response.data.documentation_url).toBe('https://docs.github.com/rest/git/refs#create-a-reference')

    const read = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'access',
      path: 'ledger/e1.json',
      ref: 'onramp-state',
    })
    const file = read.data as { type: string; encoding: string; content: string; sha: string; path: string }
    expect(file.type).toBe('file')
    expect(file.encoding).toBe('base64')
    expect(Buffer.from(file.content, 'base64').toString()).toBe('{"v":1}')
    // A git blob id: sha1("blob <len>\0<content>") (`git hash-object`).
    const blob = Buffer.from('{"v":1}')
    const gitSha = createHash('sha1').update(`blob ${blob.length}\0`).update(blob).digest('hex')
    expect(file.sha).toBe(gitSha)

    const content = (s: string) => Buffer.from(s).toString('base64')
    const created = await octokit.rest.repos.createOrUpdateFileContents({
      owner: 'acme',
      repo: 'access',
      path: 'ledger/e2.json',
      message: 'e2',
      content: content('{"v":2}'),
      branch: 'onramp-state',
    })
    expect(created.status).toBe(201)
    expect(created.data.content?.path).toBe('ledger/e2.json')
    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      owner: 'acme',
      repo: 'access',
      path: 'ledger/e1.json',
      message: 'e1',
      content: content('{"v":3}'),
      sha: file.sha,
      branch: 'onramp-state',
    })
    expect(updated.status).toBe(200)
    expect(updated.data.commit.parents?.[0]?.sha).toBe(created.data.commit.sha)
    const stale = await rejection(
      octokit.rest.repos.createOrUpdateFileContents({
        owner: 'acme',
        repo: 'access',
        path: 'ledger/e1.json',
        message: 'e1',
        content: content('{"v":4}'),
        sha: file.sha,
        branch: 'onramp-state',
      }),
    )
    // GitHub: 409 "<path> does not match <sha>" (octokit/octokit.rb#581, prose/prose#756); a missing sha is 422
    // 'Invalid request.\n\n"sha" wasn\'t supplied.' (octokit/octokit.rb#992).
    expect(stale.status).toBe(409)
    expect(stale.response.data).toEqual({
      message: `ledger/e1.json does not match ${file.sha}`,
      documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
      status: '409',
    })
    const missing = await rejection(
      octokit.rest.repos.createOrUpdateFileContents({
        owner: 'acme',
        repo: 'access',
        path: 'ledger/e1.json',
        message: 'e1',
        content: content('{}'),
        branch: 'onramp-state',
      }),
    )
    expect(missing.status).toBe(422)
    expect(missing.response.data.message).toBe('Invalid request.\n\n"sha" wasn\'t supplied.')

    expect(gh.emulator.file('acme', 'access', 'ledger/e1.json', 'onramp-state')).toBe('{"v":3}')
    expect(gh.emulator.file('acme', 'access', 'ledger/e1.json')).toBe('{"v":1}')
    const dir = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'access',
      path: 'ledger',
      ref: 'onramp-state',
    })
    expect((dir.data as { name: string; type: string }[]).map((d) => [d.name, d.type])).toEqual([
      ['e1.json', 'file'],
      ['e2.json', 'file'],
    ])
    const raw = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'access',
      path: 'ledger/e2.json',
      ref: 'onramp-state',
      mediaType: { format: 'raw' },
    })
    expect(raw.data).toBe('{"v":2}')
    expect(
      (await rejection(octokit.rest.repos.getContent({ owner: 'acme', repo: 'access', path: 'nope.json' }))).status,
    ).toBe(404)
    expect(
      (await rejection(octokit.rest.repos.getBranch({ owner: 'acme', repo: 'access', branch: 'nope' }))).status,
    ).toBe(404)
  })

  it('contents: an ETag, and 304 to a conditional read while the file is unchanged', async () => {
    const path = { owner: 'acme', repo: 'access', path: 'ledger/e1.json' }
    const first = await octokit.rest.repos.getContent(path)
    const etag = first.headers.etag!
    expect(etag).toMatch(/^W\/".+"$/)
    const again = await rejection(octokit.rest.repos.getContent({ ...path, headers: { 'if-none-match': etag } }))
    expect(again.status).toBe(304)
    await octokit.rest.repos.createOrUpdateFileContents({
      ...path,
      message: 'change',
      content: Buffer.from('{"v":9}').toString('base64'),
      sha: (first.data as { sha: string }).sha,
    })
    const changed = await octokit.rest.repos.getContent({ ...path, headers: { 'if-none-match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
  })

  it('git data: tree with files, commit, fast-forward ref update; a stale one refused 422; trees and blobs read back', async () => {
    const repo = { owner: 'acme', repo: 'access' }
    const main = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha
    const head = await octokit.rest.git.getCommit({ ...repo, commit_sha: main })
    expect(head.data.sha).toBe(main)
    const tree = await octokit.rest.git.createTree({
      ...repo,
      base_tree: head.data.tree.sha,
      tree: ['a', 'b', 'c'].map((n) => ({
        path: `people/${n}.json`,
        mode: '100644' as const,
        type: 'blob' as const,
        content: `{"id":"${n}"}\n`,
      })),
    })
    expect(tree.status).toBe(201)
    const commit = await octokit.rest.git.createCommit({
      ...repo,
      message: 'three records',
      tree: tree.data.sha,
      parents: [main],
    })
    expect(commit.status).toBe(201)
    expect(commit.data.parents.map((p) => p.sha)).toEqual([main])
    // A commit from the same parent, made before the first lands: not a fast-forward once it has.
    const rival = await octokit.rest.git.createCommit({
      ...repo,
      message: 'rival',
      tree: tree.data.sha,
      parents: [main],
    })
    const moved = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: commit.data.sha, force: false })
    expect(moved.data.object.sha).toBe(commit.data.sha)
    const refused = await rejection(
      octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: rival.data.sha, force: false }),
    )
    expect(refused.status).toBe(422)
    expect(refused.response.data.message).toBe('Update is not a fast forward')

    const listed = await octokit.rest.git.getTree({ ...repo, tree_sha: 'main', recursive: 'true' })
    const paths = listed.data.tree.map((e) => `${e.type} ${e.path}`)
    expect(paths).toEqual(
      expect.arrayContaining(['tree people', 'blob people/a.json', 'blob people/c.json', 'blob ledger/e1.json']),
    )
    expect(listed.data.truncated).toBe(false)
    const top = await octokit.rest.git.getTree({ ...repo, tree_sha: listed.data.sha })
    expect(top.data.tree.map((e) => e.path)).toEqual(expect.arrayContaining(['ledger', 'people']))
    expect(top.data.tree.every((e) => !e.path!.includes('/'))).toBe(true)
    const people = top.data.tree.find((e) => e.path === 'people')!
    const sub = await octokit.rest.git.getTree({ ...repo, tree_sha: people.sha! })
    expect(sub.data.tree.map((e) => e.path)).toEqual(['a.json', 'b.json', 'c.json'])
    const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: sub.data.tree[1]!.sha! })
    expect(Buffer.from(blob.data.content, 'base64').toString()).toBe('{"id":"b"}\n')
    const file = await octokit.rest.repos.getContent({ ...repo, path: 'people/b.json' })
    expect((file.data as { sha: string }).sha).toBe(blob.data.sha)
    expect((await rejection(octokit.rest.git.getTree({ ...repo, tree_sha: 'f'.repeat(40) }))).status).toBe(404)
  })

  it('rejects requests that break the OpenAPI description with 422, and records them', async () => {
    const res = await fetch(`${gh.url}/orgs/acme/memberships/alice`, {
      method: 'PUT',
      headers: { authorization: 'token x', 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'owner' }),
    })
    expect(res.status).toBe(422)
    const body = (await res.json()) as { message: string; status: string }
    expect(body.message).toMatch(/^Invalid request\.\n\n.*role/s)
    expect(body.status).toBe('422')
    expect(gh.emulator.validationIssues()).toMatchObject([
      { kind: 'request', operationId: 'orgs/set-membership-for-user' },
    ])
    gh.emulator.clearValidationIssues()
    // The membership is untouched.
    expect((await octokit.rest.orgs.getMembershipForUser({ org: 'acme', username: 'alice' })).data.role).toBe('admin')
  })

  it("reads GitHub's description from inside the repository, trimmed to the emulator's paths", async () => {
    const { GITHUB_SPEC_PATH } = await import('../src/emulators/github/validation.js')
    expect(GITHUB_SPEC_PATH.startsWith(fileURLToPath(new URL('../../../', import.meta.url)))).toBe(true)
    const doc = JSON.parse(readFileSync(GITHUB_SPEC_PATH, 'utf8')) as { paths: Record<string, unknown> }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(gh.emulator.documentedPaths()))
  })

  it('the OpenAPI check catches a wrong response body', async () => {
    const { loadOpenApiCheck } = await import('../src/emulators/github/validation.js')
    const check = await loadOpenApiCheck(['/users/{username}'])
    const ok = (await octokit.rest.users.getByUsername({ username: 'alice' })).data
    expect(check.response('users/get-by-username', 200, ok)).toEqual([])
    const { login: _dropped, ...noLogin } = ok
    expect(check.response('users/get-by-username', 200, noLogin).join()).toMatch(/login/)
    expect(check.response('users/get-by-username', 200, { ...ok, created_at: 'yesterday' }).join()).toMatch(/date-time/)
    expect(check.response('users/get-by-username', 404, { message: 7 }).join()).toMatch(/string/)
  })

  it('seeds, reports state and takes controls over /__sandbox/', async () => {
    const post = (what: string, body: unknown) =>
      fetch(`${gh.url}/__sandbox/${what}`, { method: 'POST', body: JSON.stringify(body) })
    expect(
      (await post('seed', { users: [{ login: 'erin', id: 77 }], teams: [{ org: 'acme', slug: 'sec' }] })).status,
    ).toBe(200)
    expect((await octokit.rest.teams.getByName({ org: 'acme', team_slug: 'sec' })).data.name).toBe('sec')
    await octokit.rest.orgs.createInvitation({ org: 'acme', invitee_id: 77 })
    const unknown = await post('accept-invitation', { invitation: 'nobody' })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toEqual({ error: 'no pending invitation nobody' })
    expect((await post('accept-invitation', { invitation: 'erin' })).status).toBe(200)
    // An email invitation for someone without an account yet: accepting creates the user.
    await octokit.rest.orgs.createInvitation({ org: 'acme', email: 'frank@example.com' })
    const frank = await post('accept-invitation', { invitation: 'frank@example.com', login: 'frank-gh' })
    expect(await frank.json()).toEqual({ org: 'acme', login: 'frank-gh', role: 'member' })
    // The account keeps its own email settings: the invited address is never shown on it.
    const user = await octokit.rest.users.getByUsername({ username: 'frank-gh' })
    expect(user.data.email).toBeNull()
    expect((await octokit.rest.orgs.checkMembershipForUser({ org: 'acme', username: 'frank-gh' })).status).toBe(204)
    const state = (await (await fetch(`${gh.url}/__sandbox/state`)).json()) as ReturnType<GH['state']>
    expect(state.orgs.find((o) => o.login === 'acme')?.members.erin).toBe('member')
    expect(state.invitations.find((i) => i.login === 'erin')?.status).toBe('accepted')
  })

  it('recovers from an injected 502 and 429 through plugin-retry', async () => {
    gh.faults.script(
      { match: { route: 'GET /users/{username}' }, times: 1, respond: { status: 502 } },
      { match: { route: 'GET /users/{username}' }, times: 1, respond: { status: 429 } },
    )
    const { data } = await octokit.rest.users.getByUsername({ username: 'carol' })
    expect(data.login).toBe('carol')
    const statuses = gh.log
      .list({ route: 'GET /users/{username}' })
      .slice(-3)
      .map((e) => e.status)
    expect(statuses).toEqual([502, 429, 200])
  })
})

describe('GitHub rate limits through the throttling plugin', () => {
  let gh: Started<GH> | undefined
  afterEach(async () => {
    await gh?.close()
  })

  it('primary: 403, remaining 0, the documented message, onRateLimit with the seconds to reset', async () => {
    gh = await start({ limits: { enabled: true, primaryPerHour: 3 } })
    const calls: Calls = { primary: [], secondary: [] }
    const o = client(gh.url, calls)
    for (let i = 0; i < 3; i++) await o.rest.users.getByUsername({ username: 'alice' })
    const e = await rejection(o.rest.users.getByUsername({ username: 'alice' }))
    expect(e.status).toBe(403)
    expect(e.response.headers['x-ratelimit-remaining']).toBe('0')
    expect(e.response.data).toEqual({
      message: 'API rate limit exceeded for user ID 1.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
    })
    // plugin-throttling: wait = ceil(reset - now) + 1 seconds.
    const reset = Number(e.response.headers['x-ratelimit-reset'])
    expect(calls.primary).toHaveLength(1)
    expect(Math.abs(calls.primary[0]! - (reset - Math.ceil(Date.now() / 1000) + 1))).toBeLessThanOrEqual(1)
    expect(calls.primary[0]).toBeGreaterThan(3500)
    expect(gh.log.counters().limited).toBe(1)
    // GET /rate_limit still answers and reports the exhaustion.
    const rl = await o.rest.rateLimit.get()
    expect(rl.data.resources.core).toMatchObject({ limit: 3, remaining: 0, used: 3 })
  })

  it('GraphQL primary: its own budget; exhausted, 200 with a RATE_LIMITED error that reaches onRateLimit', async () => {
    gh = await start({ limits: { enabled: true, primaryPerHour: 2 } })
    const calls: Calls = { primary: [], secondary: [] }
    const o = client(gh.url, calls)
    await o.rest.users.getByUsername({ username: 'alice' })
    await o.rest.users.getByUsername({ username: 'alice' })
    const q = 'query { user(login: "alice") { login } }'
    expect(await o.graphql(q)).toEqual({ user: { login: 'alice' } })
    expect(await o.graphql(q)).toEqual({ user: { login: 'alice' } })
    const e = await rejection(o.graphql(q))
    expect(e.response.status).toBe(200)
    expect(e.response.headers['x-ratelimit-resource']).toBe('graphql')
    expect(e.response.data.errors).toEqual([
      { type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' },
    ])
    expect(calls.primary).toHaveLength(1)
  })

  it('secondary: 403 with retry-after reaches onSecondaryRateLimit, and the retry succeeds', async () => {
    gh = await start({ limits: { enabled: true, contentPerMinute: 2 } })
    const g = gh
    const calls: Calls = { primary: [], secondary: [] }
    const o = client(g.url, calls, {
      secondary: (_s, n) => {
        g.clock.advance(60_000)
        return n === 0
      },
    })
    await o.rest.orgs.setMembershipForUser({ org: 'acme', username: 'bob' })
    await o.rest.orgs.setMembershipForUser({ org: 'acme', username: 'carol' })
    const third = await o.rest.orgs.setMembershipForUser({ org: 'acme', username: 'dave' })
    expect(third.data.state).toBe('pending')
    // 2 per minute: one more token after 30 s.
    expect(calls.secondary).toEqual([30])
    const refused = g.log.list({ route: 'PUT /orgs/{org}/memberships/{username}' }).map((e) => [e.status, e.limited])
    expect(refused).toEqual([
      [200, false],
      [200, false],
      [403, true],
      [200, false],
    ])
  })

  it('secondary, contentWindow sliding: at most the limit in any minute, where the default bucket refills', async () => {
    const third = async (contentWindow: 'rolling' | 'sliding') => {
      gh = await start({ limits: { enabled: true, contentPerMinute: 2, contentWindow } })
      const calls: Calls = { primary: [], secondary: [] }
      const o = client(gh.url, calls)
      await o.rest.orgs.setMembershipForUser({ org: 'acme', username: 'bob' })
      gh.clock.advance(20_000)
      await o.rest.orgs.setMembershipForUser({ org: 'acme', username: 'carol' })
      gh.clock.advance(20_000)
      const outcome = await o.rest.orgs.setMembershipForUser({ org: 'acme', username: 'dave' }).then(
        () => 'sent',
        (e) => `refused ${e.status}`,
      )
      await gh.close()
      return { outcome, waits: calls.secondary }
    }
    // Rolling: 40 s refill a token of the 2 a minute. Sliding: the first stays in the window for 20 s more.
    expect(await third('rolling')).toEqual({ outcome: 'sent', waits: [] })
    expect(await third('sliding')).toEqual({ outcome: 'refused 403', waits: [20] })
  })

  it('secondary: a GraphQL mutation is content-creating, a query is not', async () => {
    gh = await start({ limits: { enabled: true, contentPerMinute: 1 } })
    const o = client(gh.url, { primary: [], secondary: [] }, { secondary: () => false })
    const head = (await o.rest.git.getRef({ owner: 'acme', repo: 'access', ref: 'heads/main' })).data.object.sha
    const commit = (expectedHeadOid: string) =>
      o.graphql<{ createCommitOnBranch: { commit: { oid: string } } }>(
        'mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }',
        {
          input: {
            branch: { repositoryNameWithOwner: 'acme/access', branchName: 'main' },
            expectedHeadOid,
            message: { headline: 'one' },
          },
        },
      )
    const first = await commit(head)
    for (let i = 0; i < 3; i++) await o.graphql('query { user(login: "alice") { login } }')
    expect((await rejection(commit(first.createCommitOnBranch.commit.oid))).status).toBe(403)
    expect(gh.log.list({ route: 'POST /graphql' }).map((e) => [e.mutating, e.limited])).toEqual([
      [true, false],
      [false, false],
      [false, false],
      [false, false],
      [true, true],
    ])
  })

  it('secondary: 900 points per minute per endpoint, writes cost 5', async () => {
    gh = await start({ limits: { enabled: true, pointsPerMinute: 10 } })
    const res = []
    for (let i = 0; i < 3; i++)
      res.push(
        await fetch(`${gh.url}/orgs/acme/memberships/bob`, {
          method: 'PUT',
          headers: { authorization: 'token x', 'content-type': 'application/json' },
          body: '{"role":"member"}',
        }),
      )
    expect(res.map((r) => r.status)).toEqual([200, 200, 403])
    expect(res[2]!.headers.get('retry-after')).toBe('30')
    expect(await res[2]!.json()).toEqual({
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    })
    // Another endpoint has its own budget.
    expect((await fetch(`${gh.url}/users/bob`, { headers: { authorization: 'token x' } })).status).toBe(200)
  })

  it('counts every request but GET /rate_limit against the primary limit, in the headers too', async () => {
    gh = await start({ limits: { enabled: true } })
    const o = client(gh.url)
    const a = await o.rest.rateLimit.get()
    const user = await o.rest.users.getByUsername({ username: 'alice' })
    const b = await o.rest.rateLimit.get()
    expect(a.data.resources.core).toMatchObject({ limit: 5000, remaining: 5000, used: 0 })
    expect(user.headers['x-ratelimit-remaining']).toBe('4999')
    expect(user.headers['x-ratelimit-used']).toBe('1')
    expect(b.data.resources.core).toMatchObject({ limit: 5000, remaining: 4999, used: 1 })
    expect(b.data.rate).toEqual(b.data.resources.core)
    expect(b.headers['x-ratelimit-remaining']).toBe('4999')
  })

  it('secondary: more than the allowed concurrent requests are refused with retry-after 60', async () => {
    gh = await start({ limits: { enabled: true, concurrent: 2 } })
    gh.faults.latency = { minMs: 80, maxMs: 80 }
    const get = () => fetch(`${gh!.url}/users/alice`, { headers: { authorization: 'token x' } })
    const res = await Promise.all([get(), get(), get()])
    const statuses = res.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 403])
    const refused = res.find((r) => r.status === 403)!
    expect(refused.headers.get('retry-after')).toBe('60')
    gh.faults.latency = undefined
    // Released once answered.
    expect((await get()).status).toBe(200)
  })

  it('refuses with 429 when configured, still reaching the throttling plugin', async () => {
    gh = await start({ limits: { enabled: true, primaryPerHour: 1, refusalStatus: 429 } })
    const calls: Calls = { primary: [], secondary: [] }
    const o = client(gh.url, calls)
    await o.rest.users.getByUsername({ username: 'alice' })
    const e = await rejection(o.rest.users.getByUsername({ username: 'alice' }))
    expect(e.status).toBe(429)
    expect(calls.primary).toHaveLength(1)
  })

  it('optionally accepts invitations on its own after a delay, and works without auth when asked', async () => {
    gh = await start({ autoAcceptAfterMs: 3_600_000, requireAuth: false })
    const o = new MyOctokit({
      baseUrl: gh.url,
      throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
    })
    await o.rest.teams.addOrUpdateMembershipForUserInOrg({ org: 'acme', team_slug: 'eng', username: 'bob' })
    expect((await o.rest.orgs.getMembershipForUser({ org: 'acme', username: 'bob' })).data.state).toBe('pending')
    gh.clock.advance(3_600_000)
    expect((await o.rest.orgs.getMembershipForUser({ org: 'acme', username: 'bob' })).data.state).toBe('active')
    const team = await o.rest.teams.getMembershipForUserInOrg({ org: 'acme', team_slug: 'eng', username: 'bob' })
    expect(team.data.state).toBe('active')
    expect(gh.emulator.validationIssues()).toEqual([])
  })

  it('caps invitations at 50 per 24 h (500 when configured), 422 like GitHub', async () => {
    gh = await start()
    gh.emulator.ensureOrg('small', { invitationCap: 2 })
    gh.emulator.ensureOrg('big', { invitationCap: 500 })
    const o = client(gh.url)
    for (let i = 0; i < 3; i++) gh.emulator.ensureUser(`hire-${i}`, { id: 100 + i })
    await o.rest.orgs.createInvitation({ org: 'small', invitee_id: 100 })
    await o.rest.orgs.createInvitation({ org: 'small', invitee_id: 101 })
    const e = await rejection(o.rest.orgs.createInvitation({ org: 'small', invitee_id: 102 }))
    // Caps: operation description of orgs/create-invitation; the 422 body is what GitHub answers at the cap.
    expect(e.status).toBe(422)
    expect(e.response.data.errors).toEqual([
      {
        resource: 'OrganizationInvitation',
        code: 'unprocessable',
        field: 'data',
        message: 'Over invitation rate limit',
      },
    ])
    expect((await o.rest.orgs.createInvitation({ org: 'big', invitee_id: 102 })).status).toBe(201)
    gh.clock.advance(DAY)
    expect((await o.rest.orgs.createInvitation({ org: 'small', invitee_id: 102 })).status).toBe(201)
    expect(gh.emulator.state().orgs.find((x) => x.login === 'acme')?.invitationCap).toBe(50)
    expect(gh.emulator.validationIssues()).toEqual([])
  })
})

// GraphQL: what onramp reads to prove who accepted an email invitation. Every query is validated against GitHub's
// published GraphQL schema (`@octokit/graphql-schema`) in `validate` mode; answers come from a slice of that schema.
describe('GitHub GraphQL emulator through Octokit', () => {
  let gh: Started<GH>
  let octokit: ReturnType<typeof client>
  beforeAll(async () => {
    gh = await start()
    octokit = client(gh.url)
  })
  afterAll(() => gh.close())
  afterEach(() => {
    expect(gh.emulator.validationIssues()).toEqual([])
  })

  const SAML = `query($org: String!, $first: Int!, $after: String) {
    organization(login: $org) {
      samlIdentityProvider {
        externalIdentities(first: $first, after: $after) {
          edges { node { samlIdentity { nameId } user { login databaseId } } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }`
  type SamlPage = {
    organization: {
      samlIdentityProvider: null | {
        externalIdentities: {
          edges: {
            node: { samlIdentity: { nameId: string } | null; user: { login: string; databaseId: number } | null }
          }[]
          pageInfo: { hasNextPage: boolean; endCursor: string | null }
        }
      }
    }
  }

  it("serves only fields and arguments GitHub's schema has, with the same types", async () => {
    expect(differencesFrom(await publishedSchema())).toEqual([])
  })

  it("a branch's head and blobs by oid answer what REST does; what is not there is null; Blob.text stops at 512,000 bytes", async () => {
    const repo = { owner: 'acme', repo: 'access' }
    gh.emulator.putFile('acme', 'access', 'small.txt', 'héllo\n', 'main')
    gh.emulator.putFile('acme', 'access', 'big.txt', 'x'.repeat(BLOB_TEXT_LIMIT + 10), 'main')
    const head = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha
    const commit = (await octokit.rest.git.getCommit({ ...repo, commit_sha: head })).data
    const tree = (await octokit.rest.git.getTree({ ...repo, tree_sha: commit.tree.sha })).data.tree
    const sha = (path: string) => tree.find((e) => e.path === path)!.sha!
    type Blob = { oid?: string; text: string | null; isTruncated: boolean; byteSize: number }
    const r = await octokit.graphql<{
      repository: { main: unknown; other: unknown; small: Blob; big: Blob; none: unknown }
    }>(
      `query($owner: String!, $name: String!, $small: GitObjectID!, $big: GitObjectID!, $none: GitObjectID!) {
        repository(owner: $owner, name: $name) {
          main: ref(qualifiedName: "refs/heads/main") { target { oid ... on Commit { tree { oid } } } }
          other: ref(qualifiedName: "refs/heads/nope") { name }
          small: object(oid: $small) { oid ... on Blob { text isTruncated byteSize } }
          big: object(oid: $big) { ... on Blob { text isTruncated byteSize } }
          none: object(oid: $none) { oid }
        }
      }`,
      { owner: 'acme', name: 'access', small: sha('small.txt'), big: sha('big.txt'), none: '0'.repeat(40) },
    )
    expect(r.repository.main).toEqual({ target: { oid: head, tree: { oid: commit.tree.sha } } })
    expect(r.repository.other).toBeNull()
    expect(r.repository.small).toEqual({ oid: sha('small.txt'), text: 'héllo\n', isTruncated: false, byteSize: 7 })
    expect(r.repository.big).toMatchObject({ isTruncated: true, byteSize: BLOB_TEXT_LIMIT + 10 })
    expect(r.repository.big.text).toHaveLength(BLOB_TEXT_LIMIT)
    expect(r.repository.none).toBeNull()
    // REST has the whole blob.
    const big = (await octokit.rest.git.getBlob({ ...repo, file_sha: sha('big.txt') })).data
    expect(Buffer.from(big.content, 'base64')).toHaveLength(BLOB_TEXT_LIMIT + 10)
    const missing = await rejection(
      octokit.graphql('query { repository(owner: "acme", name: "nope") { ref(qualifiedName: "main") { name } } }'),
    )
    expect(missing.errors).toEqual([expect.objectContaining({ type: 'NOT_FOUND', path: ['repository'] })])
  })

  it('samlIdentityProvider is null where the org has no SAML SSO', async () => {
    const r = await octokit.graphql<SamlPage>(SAML, { org: 'acme', first: 100 })
    expect(r).toEqual({ organization: { samlIdentityProvider: null } })
  })

  it("pages through the org's SAML identities: name id, linked login and database id", async () => {
    gh.emulator.setSaml('acme', [
      { nameId: 'bob@example.com', login: 'bob' },
      { nameId: 'not-linked@example.com' },
      { nameId: 'carol@example.com', login: 'carol' },
    ])
    const seen: unknown[] = []
    let after: string | null = null
    for (let page = 0; page < 5; page++) {
      const r: SamlPage = await octokit.graphql<SamlPage>(SAML, { org: 'acme', first: 2, after })
      const ids = r.organization.samlIdentityProvider!.externalIdentities
      seen.push(
        ...ids.edges.map((e) => [
          e.node.samlIdentity?.nameId,
          e.node.user?.login ?? null,
          e.node.user?.databaseId ?? null,
        ]),
      )
      if (!ids.pageInfo.hasNextPage) break
      after = ids.pageInfo.endCursor
    }
    expect(seen).toEqual([
      ['bob@example.com', 'bob', 12],
      ['not-linked@example.com', null, null],
      ['carol@example.com', 'carol', 13],
    ])
    gh.emulator.setSaml('acme', undefined)
  })

  it('answers GraphQL errors like GitHub: HTTP 200, a type, the path; Octokit throws', async () => {
    const e = await rejection(octokit.graphql(SAML, { org: 'nope', first: 1 }))
    expect(e.name).toBe('GraphqlResponseError')
    expect(e.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        path: ['organization'],
        message: "Could not resolve to an Organization with the login of 'nope'.",
      }),
    ])
    gh.emulator.setSaml('acme', [])
    const unbounded = await rejection(
      octokit.graphql(
        'query { organization(login: "acme") { samlIdentityProvider { externalIdentities { totalCount } } } }',
      ),
    )
    expect(unbounded.errors[0].type).toBe('MISSING_PAGINATION_BOUNDARIES')
    const big = await rejection(octokit.graphql(SAML, { org: 'acme', first: 101 }))
    expect(big.errors[0].message).toMatch(/exceeds the `first` limit of 100 records/)
    gh.emulator.setSaml('acme', undefined)
    const res = await fetch(`${gh.url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'token x' },
      body: JSON.stringify({ query: '{ user(login: "bob") { login } }' }),
    })
    expect(res.headers.get('x-ratelimit-resource')).toBe('graphql')
  })

  it("records a query GitHub's schema refuses as a validation issue", async () => {
    const e = await rejection(octokit.graphql('query { user(login: "bob") { favouriteColour } }'))
    expect(e.errors[0].message).toMatch(/favouriteColour/)
    expect(gh.emulator.validationIssues()).toEqual([
      { kind: 'request', operationId: 'graphql', errors: [expect.stringMatching(/favouriteColour/)] },
    ])
    gh.emulator.clearValidationIssues()
  })

  it("shows a member's emails on the org's verified domains, several users in one aliased query", async () => {
    gh.emulator.addMember('acme', 'bob')
    const post = (what: string, body: unknown) =>
      fetch(`${gh.url}/__sandbox/${what}`, { method: 'POST', body: JSON.stringify(body) })
    expect((await post('verified-domain-emails', { org: 'acme', login: 'bob', emails: ['bob@acme.com'] })).status).toBe(
      200,
    )
    gh.emulator.setVerifiedDomainEmails('acme', 'dave', ['dave@acme.com'])
    const r = await octokit.graphql<Record<string, { login: string; organizationVerifiedDomainEmails: string[] }>>(
      `query($org: String!, $u0: String!, $u1: String!) {
        u0: user(login: $u0) { login organizationVerifiedDomainEmails(login: $org) }
        u1: user(login: $u1) { login organizationVerifiedDomainEmails(login: $org) }
      }`,
      { org: 'acme', u0: 'bob', u1: 'dave' },
    )
    // Dave is not a member: GitHub shows verified-domain emails only for the org's members.
    expect(r).toEqual({
      u0: { login: 'bob', organizationVerifiedDomainEmails: ['bob@acme.com'] },
      u1: { login: 'dave', organizationVerifiedDomainEmails: [] },
    })
    await octokit.rest.orgs.removeMembershipForUser({ org: 'acme', username: 'bob' })
  })

  it('accepting an email invitation: the account keeps its private email, the invitation leaves the lists, SAML SSO links the IdP identity', async () => {
    gh.emulator.setSaml('acme', [])
    const inv = await octokit.rest.orgs.createInvitation({ org: 'acme', email: 'gina@acme.com', team_ids: [900] })
    const accepted = gh.emulator.acceptInvitation('gina@acme.com', { login: 'gina-codes' })
    expect(accepted).toEqual({ org: 'acme', login: 'gina-codes', role: 'member' })
    expect((await octokit.rest.users.getByUsername({ username: 'gina-codes' })).data.email).toBeNull()
    const pending = await octokit.rest.orgs.listPendingInvitations({ org: 'acme' })
    const failed = await octokit.rest.orgs.listFailedInvitations({ org: 'acme' })
    expect([...pending.data, ...failed.data].some((i) => i.id === inv.data.id)).toBe(false)
    expect((await octokit.rest.orgs.checkMembershipForUser({ org: 'acme', username: 'gina-codes' })).status).toBe(204)
    const r = await octokit.graphql<SamlPage>(SAML, { org: 'acme', first: 100 })
    const gina = (await octokit.rest.users.getByUsername({ username: 'gina-codes' })).data.id
    expect(r.organization.samlIdentityProvider!.externalIdentities.edges.map((e) => e.node)).toEqual([
      { samlIdentity: { nameId: 'gina@acme.com' }, user: { login: 'gina-codes', databaseId: gina } },
    ])
    gh.emulator.setSaml('acme', undefined)
  })

  const COMMIT = `mutation($input: CreateCommitOnBranchInput!) {
    createCommitOnBranch(input: $input) { commit { oid url } ref { name prefix } }
  }`
  type Committed = {
    createCommitOnBranch: { commit: { oid: string; url: string }; ref: { name: string; prefix: string } }
  }
  const b64 = (s: string) => Buffer.from(s).toString('base64')

  it('createCommitOnBranch: files added and deleted in one commit on the expected head; a moved head is STALE_DATA', async () => {
    const repo = { owner: 'acme', repo: 'access' }
    await octokit.rest.git.createRef({
      ...repo,
      ref: 'refs/heads/state',
      sha: (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha,
    })
    const head = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/state' })).data.object.sha
    const input = (expectedHeadOid: string, fileChanges: unknown) => ({
      branch: { repositoryNameWithOwner: 'acme/access', branchName: 'state' },
      expectedHeadOid,
      message: { headline: 'onramp: 2 records', body: 'E1\nE2' },
      fileChanges,
    })
    const seq = gh.log.list().at(-1)?.seq ?? 0
    const r = await octokit.graphql<Committed>(COMMIT, {
      input: input(head, {
        additions: ['E1', 'E2'].map((id) => ({ path: `people/${id}.json`, contents: b64(`{"id":"${id}"}\n`) })),
      }),
    })
    expect(r.createCommitOnBranch.ref).toEqual({ name: 'state', prefix: 'refs/heads/' })
    expect((await octokit.rest.git.getRef({ ...repo, ref: 'heads/state' })).data.object.sha).toBe(
      r.createCommitOnBranch.commit.oid,
    )
    expect(gh.emulator.file('acme', 'access', 'people/E2.json', 'state')).toBe('{"id":"E2"}\n')
    expect(gh.emulator.history('acme', 'access', 'state')[0]).toBe('onramp: 2 records\n\nE1\nE2')
    // A mutation is a changing request in the log (and a content-creating one for the limits); a query is not.
    expect(
      gh.log
        .list()
        .filter((e) => e.seq > seq)
        .map((e) => `${e.route} ${e.mutating}`),
    ).toContain('POST /graphql true')

    // The same expected head again: the branch has moved since.
    const stale = await rejection(
      octokit.graphql(COMMIT, { input: input(head, { deletions: [{ path: 'people/E1.json' }] }) }),
    )
    expect(stale.errors).toEqual([
      expect.objectContaining({
        type: 'STALE_DATA',
        path: ['createCommitOnBranch'],
        message: `Expected branch to point to "${head}" but it did not. Pull and try again.`,
      }),
    ])
    expect(stale.data).toEqual({ createCommitOnBranch: null })
    const now = r.createCommitOnBranch.commit.oid
    await octokit.graphql(COMMIT, { input: input(now, { deletions: [{ path: 'people/E1.json' }] }) })
    expect(gh.emulator.file('acme', 'access', 'people/E1.json', 'state')).toBeUndefined()
    // A path that is not there, contents that are not base64, a branch that does not exist: refused, nothing changes.
    const at = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/state' })).data.object.sha
    for (const [bad, branch] of [
      [{ deletions: [{ path: 'people/nobody.json' }] }, 'state'],
      [{ additions: [{ path: 'people/E3.json', contents: 'not base64!' }] }, 'state'],
      [{ additions: [{ path: 'people/E3.json', contents: b64('{}') }] }, 'nowhere'],
    ] as const) {
      const e = await rejection(
        octokit.graphql(COMMIT, {
          input: { ...input(at, bad), branch: { repositoryNameWithOwner: 'acme/access', branchName: branch } },
        }),
      )
      expect(e.name).toBe('GraphqlResponseError')
    }
    expect((await octokit.rest.git.getRef({ ...repo, ref: 'heads/state' })).data.object.sha).toBe(at)
  })
})
