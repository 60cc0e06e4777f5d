// Workflow run artifacts through @octokit/rest, every request and response checked against GitHub's OpenAPI
// description: listing per repository and per run (name filter, pages), one artifact, the 302 download of a zip
// from a one-minute URL, deletion, expiry by retention on the sandbox clock, and the rate accounting.
import { Octokit } from '@octokit/rest'
import { createOctokit } from '@onramp/core/github'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type GitHubEmulator as GH, GitHubEmulator } from '../src/emulators/github/index.js'
import { type Started, startEmulator } from './helpers.js'

const DAY = 86_400_000
const repo = { owner: 'acme', repo: 'people-ops' }

async function start(limits?: { enabled: boolean; primaryPerHour?: number; pointsPerMinute?: number }) {
  const gh = await startEmulator((k) => new GitHubEmulator({ validate: true, limits }, k))
  gh.emulator.seed({ orgs: [{ login: 'acme' }], repos: [{ owner: 'acme', name: 'people-ops', id: 77 }] })
  await gh.emulator.ready()
  return gh
}

const text = (zip: ArrayBuffer) =>
  Object.fromEntries(Object.entries(unzipSync(new Uint8Array(zip))).map(([p, b]) => [p, Buffer.from(b).toString()]))

describe('GitHub artifacts API', () => {
  let gh: Started<GH>
  let octokit: Octokit
  let first: number
  let second: number
  let third: number
  beforeAll(async () => {
    gh = await start()
    octokit = new Octokit({ baseUrl: gh.url, auth: 'sandbox-token' })
    first = gh.emulator.publishArtifact({
      ...repo,
      name: 'onramp-intent-E1',
      runId: 501,
      headSha: 'a'.repeat(40),
      files: { 'intent.json': '{"employee_id":"E1"}' },
      retentionDays: 1,
    }).id
    gh.clock.advance(1000)
    second = gh.emulator.publishArtifact({
      ...repo,
      name: 'onramp-intent-E2',
      runId: 502,
      files: { 'intent.json': '{"employee_id":"E2"}', 'notes/why.txt': 'role change' },
    }).id
    gh.clock.advance(1000)
    third = gh.emulator.publishArtifact({ ...repo, name: 'report', runId: 502, files: { 'r.md': '# report' } }).id
  })
  afterAll(async () => {
    await gh.close()
  })

  it('lists the repository artifacts newest first with GitHub fields, by name and by page', async () => {
    const { data, headers } = await octokit.rest.actions.listArtifactsForRepo({ ...repo, per_page: 2 })
    expect(data.total_count).toBe(3)
    expect(data.artifacts.map((a) => a.id)).toEqual([third, second])
    expect(headers.link).toContain('rel="next"')
    const page2 = await octokit.rest.actions.listArtifactsForRepo({ ...repo, per_page: 2, page: 2 })
    expect(page2.data.artifacts.map((a) => a.id)).toEqual([first])
    const named = await octokit.rest.actions.listArtifactsForRepo({ ...repo, name: 'onramp-intent-E1' })
    const a = named.data.artifacts[0]!
    expect(named.data.total_count).toBe(1)
    expect(a).toMatchObject({
      id: first,
      name: 'onramp-intent-E1',
      expired: false,
      url: `${gh.url}/repos/acme/people-ops/actions/artifacts/${first}`,
      archive_download_url: `${gh.url}/repos/acme/people-ops/actions/artifacts/${first}/zip`,
      workflow_run: { id: 501, repository_id: 77, head_branch: 'main', head_sha: 'a'.repeat(40) },
    })
    expect(a.size_in_bytes).toBeGreaterThan(0)
    expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(Date.parse(a.expires_at!) - Date.parse(a.created_at!)).toBe(DAY)
    expect(typeof a.node_id).toBe('string')
    // The octokit paginator walks every page.
    const all = await octokit.paginate(octokit.rest.actions.listArtifactsForRepo, { ...repo, per_page: 1 })
    expect(all.map((x) => x.name)).toEqual(['report', 'onramp-intent-E2', 'onramp-intent-E1'])
  })

  it("lists a run's artifacts, and gets one", async () => {
    const run = await octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: 502 })
    expect(run.data.artifacts.map((a) => a.name)).toEqual(['report', 'onramp-intent-E2'])
    const asc = await octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: 502, direction: 'asc' })
    expect(asc.data.artifacts.map((a) => a.name)).toEqual(['onramp-intent-E2', 'report'])
    const one = await octokit.rest.actions.getArtifact({ ...repo, artifact_id: second })
    expect(one.data.name).toBe('onramp-intent-E2')
    const missing = await octokit.rest.actions.getArtifact({ ...repo, artifact_id: 999_999 }).catch((e) => e)
    expect(missing.status).toBe(404)
  })

  it('downloads the zip through a 302 to a URL that needs no token and lapses after a minute', async () => {
    const { data, url } = await octokit.rest.actions.downloadArtifact({
      ...repo,
      artifact_id: second,
      archive_format: 'zip',
    })
    expect(text(data as ArrayBuffer)).toEqual({ 'intent.json': '{"employee_id":"E2"}', 'notes/why.txt': 'role change' })
    expect(url).toMatch(/\/_blob\/artifacts\/[0-9a-f]+\.zip$/)
    const location = await fetch(`${gh.url}/repos/acme/people-ops/actions/artifacts/${second}/zip`, {
      headers: { authorization: 'token sandbox-token' },
      redirect: 'manual',
    })
    expect(location.status).toBe(302)
    const blob = location.headers.get('location')!
    expect((await fetch(blob)).status).toBe(200)
    gh.clock.advance(61_000)
    expect((await fetch(blob)).status).toBe(403)
    const tar = await octokit.rest.actions
      .downloadArtifact({ ...repo, artifact_id: second, archive_format: 'tar' })
      .catch((e) => e)
    expect(tar.status).toBe(404)
  })

  it('an artifact past its retention lists as expired and its download is 410 Gone', async () => {
    gh.clock.advance(DAY)
    const { data } = await octokit.rest.actions.getArtifact({ ...repo, artifact_id: first })
    expect(data.expired).toBe(true)
    const gone = await octokit.rest.actions
      .downloadArtifact({ ...repo, artifact_id: first, archive_format: 'zip' })
      .catch((e) => e)
    expect(gone.status).toBe(410)
    expect(gone.response.data.message).toBe('Artifact has expired')
    const listed = await octokit.rest.actions.listArtifactsForRepo(repo)
    expect(listed.data.artifacts.find((a) => a.id === first)?.expired).toBe(true)
    expect(listed.data.artifacts.find((a) => a.id === second)?.expired).toBe(false)
  })

  it('deletes an artifact (204), after which it is gone from every listing', async () => {
    const del = await octokit.rest.actions.deleteArtifact({ ...repo, artifact_id: third })
    expect(del.status).toBe(204)
    const listed = await octokit.rest.actions.listArtifactsForRepo(repo)
    expect(listed.data.artifacts.map((a) => a.id)).not.toContain(third)
    const again = await octokit.rest.actions.deleteArtifact({ ...repo, artifact_id: third }).catch((e) => e)
    expect(again.status).toBe(404)
  })

  it('refuses a name used twice in one run unless overwritten, and a retention outside 1 to 90 days', () => {
    const one = { ...repo, name: 'twice', runId: 600, files: { 'a.txt': 'a' } }
    const id = gh.emulator.publishArtifact(one).id
    expect(() => gh.emulator.publishArtifact(one)).toThrow(/already exists on the workflow run/)
    expect(gh.emulator.publishArtifact({ ...one, overwrite: true }).id).not.toBe(id)
    expect(() => gh.emulator.publishArtifact({ ...one, name: 'long', retentionDays: 91 })).toThrow(/1 to 90/)
  })

  it("a job's GITHUB_TOKEN needs actions: read to list and download, actions: write to delete", async () => {
    gh.emulator.scopeJobToken('ghs_jobContents', { repository: 'acme/people-ops', permissions: { contents: 'read' } })
    gh.emulator.scopeJobToken('ghs_jobActions', { repository: 'acme/people-ops', permissions: { actions: 'read' } })
    const contents = new Octokit({ baseUrl: gh.url, auth: 'ghs_jobContents' })
    const actions = new Octokit({ baseUrl: gh.url, auth: 'ghs_jobActions' })
    const refused = await contents.rest.actions.listArtifactsForRepo(repo).catch((e) => e)
    expect(refused.status).toBe(403)
    expect(refused.response.data.message).toBe('Resource not accessible by integration')
    expect((await actions.rest.actions.listArtifactsForRepo(repo)).status).toBe(200)
    const del = await actions.rest.actions.deleteArtifact({ ...repo, artifact_id: second }).catch((e) => e)
    expect(del.status).toBe(403)
  })

  it('an App installation token needs the actions permission: read to list, write to delete', async () => {
    gh.emulator.scopeToken('ghs_appContents', { repositories: ['acme/people-ops'], contents: 'write' })
    gh.emulator.scopeToken('ghs_appActions', { repositories: ['acme/people-ops'], actions: 'read' })
    const contents = new Octokit({ baseUrl: gh.url, auth: 'ghs_appContents' })
    const actions = new Octokit({ baseUrl: gh.url, auth: 'ghs_appActions' })
    expect((await contents.rest.actions.listArtifactsForRepo(repo).catch((e) => e)).status).toBe(403)
    expect((await actions.rest.actions.listArtifactsForRepo(repo)).status).toBe(200)
    expect((await actions.rest.actions.deleteArtifact({ ...repo, artifact_id: second }).catch((e) => e)).status).toBe(
      403,
    )
  })

  it("onramp's own GitHub client (core, paced by its rate budget) lists every page and downloads a zip", async () => {
    const client = createOctokit({ baseUrl: gh.url, token: 'ghs_onrampDrain' })
    const all = await client.paginate(client.rest.actions.listArtifactsForRepo, { ...repo, per_page: 1 })
    expect(all.map((a) => a.name)).toContain('onramp-intent-E2')
    const zip = await client.rest.actions.downloadArtifact({ ...repo, artifact_id: second, archive_format: 'zip' })
    expect(text(zip.data as ArrayBuffer)['intent.json']).toBe('{"employee_id":"E2"}')
  })

  it("serves a run's review history: each reviewer's answer with the environments it named", async () => {
    expect((await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 501 })).data).toEqual([])
    gh.emulator.reviewDeployment('acme', 'people-ops', 501, { environment: 'onramp-access', state: 'approved' })
    gh.emulator.reviewDeployment('acme', 'people-ops', 502, {
      environment: 'onramp-access',
      state: 'rejected',
      reviewer: 'it-lead',
      comment: 'not this one',
    })
    const [approved] = (await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 501 })).data
    expect(approved).toMatchObject({ state: 'approved', environments: [{ name: 'onramp-access' }] })
    const [rejected] = (await octokit.rest.actions.getReviewsForRun({ ...repo, run_id: 502 })).data
    expect(rejected).toMatchObject({ state: 'rejected', comment: 'not this one', user: { login: 'it-lead' } })
    // The same environment keeps its id across runs.
    expect(rejected!.environments[0]!.id).toBe(approved!.environments[0]!.id)
    gh.emulator.scopeToken('ghs_appNoActions', { repositories: ['acme/people-ops'], contents: 'read' })
    const none = new Octokit({ baseUrl: gh.url, auth: 'ghs_appNoActions' })
    expect((await none.rest.actions.getReviewsForRun({ ...repo, run_id: 501 }).catch((e) => e)).status).toBe(403)
  })

  it('answers every request as GitHub describes it', () => {
    expect(gh.emulator.validationIssues()).toEqual([])
  })
})

describe('GitHub artifacts and the rate limits', () => {
  it('reads draw on the primary limit, a deletion costs a write’s 5 points, the blob download neither', async () => {
    const gh = await start({ enabled: true, primaryPerHour: 3, pointsPerMinute: 6 })
    try {
      const id = gh.emulator.publishArtifact({ ...repo, name: 'x', runId: 1, files: { 'x.txt': 'x' } }).id
      const octokit = new Octokit({ baseUrl: gh.url, auth: 'sandbox-token', retry: { enabled: false } })
      const list = await octokit.rest.actions.listArtifactsForRepo(repo)
      expect(list.headers['x-ratelimit-remaining']).toBe('2')
      // The redirect is one API request; following it to the blob store is not.
      await octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: id, archive_format: 'zip' })
      const del = await octokit.rest.actions.deleteArtifact({ ...repo, artifact_id: id })
      expect(del.headers['x-ratelimit-remaining']).toBe('0')
      const refused = await octokit.rest.actions.listArtifactsForRepo(repo).catch((e) => e)
      expect(refused.status).toBe(403)
      const entries = gh.log.list({ emulator: 'github' })
      expect(
        entries.find((e) => e.route === 'DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}')?.mutating,
      ).toBe(true)
      expect(entries.filter((e) => e.route === 'GET /_blob/artifacts/{key}').map((e) => e.status)).toEqual([200])
    } finally {
      await gh.close()
    }
  })

  it('a deletion is refused past the per-endpoint points: writes cost 5', async () => {
    const gh = await start({ enabled: true, pointsPerMinute: 6 })
    try {
      const ids = ['a', 'b'].map((n) => gh.emulator.publishArtifact({ ...repo, name: n, runId: 1, files: { f: n } }).id)
      const del = (id: number) =>
        fetch(`${gh.url}/repos/acme/people-ops/actions/artifacts/${id}`, {
          method: 'DELETE',
          headers: { authorization: 'token x' },
        })
      expect((await del(ids[0]!)).status).toBe(204)
      const second = await del(ids[1]!)
      expect(second.status).toBe(403)
      expect(second.headers.get('retry-after')).toBeTruthy()
    } finally {
      await gh.close()
    }
  })
})
