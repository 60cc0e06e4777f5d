// A converge run records its people's step results in as few commits as its chunks allow (the github backend
// against the GitHub emulator, counting ref updates in the request log): a commit landing meanwhile loses
// nothing, and a person whose step threw has that failure recorded with the others.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createOctokit } from '@onramp/core/github'
import { FaultInjector, GitHubEmulator, RequestLog, type Running, SandboxClock, serve } from '@onramp/sandbox'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type Batch,
  beginStep,
  type CommonInputsFor,
  forEachPerson,
  type LedgerRecord,
  openLedger,
} from '../src/index.js'

const root = new URL('../../..', import.meta.url).pathname
const record = (id: string): LedgerRecord => ({
  employee_id: id,
  status: 'active',
  role: 'backend-engineer',
  ids: {},
  steps: {},
  notified: {},
  last_event: { event_id: `hr-${id}`, type: 'onboard', occurred_at: '2026-11-20T09:00:00Z', role: 'backend-engineer' },
})
const outcome = (result: 'changed' | 'pending') => ({
  result,
  receipts: [{ item: 'team:backend', action: 'create' as const, before: null, after: {}, verified: true, result }],
})

describe('a converge run writes the ledger in chunks', () => {
  const log = new RequestLog()
  const kernel = { clock: new SandboxClock(), log }
  const github = new GitHubEmulator({}, kernel)
  let running: Running
  let dir: string
  const saved = { ...process.env }
  const env = () => ({ GITHUB_EVENT_NAME: 'schedule', GITHUB_RUN_ID: '88', RUNNER_TEMP: dir })
  const stored = (id: string) => JSON.parse(github.file('acme', 'people-ops', `people/${id}.json`, 'onramp-state')!)
  const open = () =>
    openLedger('github', { token: 'ghs_test', repo: 'acme/people-ops', apiUrl: running.url, fast: true })
  const inputs = (): CommonInputsFor => ({
    rolesFile: join(root, '.github/access/roles.yaml'),
    guardrailsFile: join(root, '.github/access/guardrails.yaml'),
    dryRun: false,
    state: 'github',
    stateToken: 'ghs_test',
    stateRepository: 'acme/people-ops',
    employeeId: undefined,
    eventType: undefined,
    email: undefined,
    name: undefined,
    role: undefined,
    eventKey: undefined,
    employeeIds: 'C1,C2,C3',
    repairWaiting: false,
    baseRolesFile: undefined,
    allowance: 0,
  })
  // A batch is one GraphQL createCommitOnBranch (a mutation): answered 200, refused (STALE_DATA) or not.
  const batchCommits = (from: number) =>
    log.list({ route: 'POST /graphql' }).filter((e) => e.mutating && e.seq > from && e.status === 200)
  const lastSeq = () => log.list().at(-1)?.seq ?? 0

  beforeAll(async () => {
    github.seed({ orgs: [{ login: 'acme' }], repos: [{ owner: 'acme', name: 'people-ops', default_branch: 'main' }] })
    running = await serve(github, kernel, new FaultInjector())
    const ledger = await open()
    await ledger.updateMany(
      ['C1', 'C2', 'C3'].map((id) => ({ employeeId: id, mutate: () => record(id) })),
      { event: 'seed/1', step: 'seed' },
    )
  })
  afterAll(() => running.close())
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onramp-converge-batch-'))
    process.env.GITHUB_OUTPUT = join(dir, 'output')
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary')
    await writeFile(process.env.GITHUB_OUTPUT, '')
    await writeFile(process.env.GITHUB_STEP_SUMMARY, '')
  })
  afterEach(() => {
    process.env = { ...saved }
    process.exitCode = 0
  })

  it('three people in chunks of two: two commits, not three; one chunk: one commit', async () => {
    let from = lastSeq()
    const octokit = createOctokit({ baseUrl: running.url, token: 'ghs_test', fast: true })
    const step = async (one: Parameters<Parameters<typeof forEachPerson>[2]>[0], batch: Batch, run: string) => {
      const s = await beginStep('github', one, { batch, env: { ...env(), GITHUB_RUN_ID: run } })
      await s.finish(outcome(run === '88' ? 'changed' : 'pending'))
    }
    const first = await forEachPerson('github', inputs(), (one, batch) => step(one, batch, '88'), {
      env: env(),
      apiUrl: running.url,
      octokit,
      chunk: { people: 2, ms: 3_600_000 },
    })
    expect(first.people.map((p) => p.result)).toEqual(['changed', 'changed', 'changed'])
    expect(batchCommits(from)).toHaveLength(2)
    for (const id of ['C1', 'C2', 'C3']) expect(stored(id).steps.github).toMatchObject({ result: 'changed', run: '88' })

    // The default chunk (25 people) takes all three: one commit. (A result the record already holds is no change.)
    from = lastSeq()
    await forEachPerson('github', inputs(), (one, batch) => step(one, batch, '89'), {
      env: env(),
      apiUrl: running.url,
      octokit,
    })
    expect(batchCommits(from)).toHaveLength(1)
    for (const id of ['C1', 'C2', 'C3']) expect(stored(id).steps.github).toMatchObject({ result: 'pending', run: '89' })
  })

  it('a slow chunk is written once its oldest result is older than the chunk time', async () => {
    const from = lastSeq()
    // Each person takes 40 s of this clock (rate-limit waits, say): with 30 s chunks, the first two people's
    // results go when the second is done (the first's is then 40 s old), the third's at the end.
    let offset = 0
    const clock = { now: () => Date.now() + offset, sleep: async () => {}, random: () => Math.random() }
    await forEachPerson(
      'github',
      inputs(),
      async (one, batch) => {
        const s = await beginStep('github', one, { batch, env: { ...env(), GITHUB_RUN_ID: '91' } })
        offset += 40_000
        await s.finish(outcome('changed'))
      },
      {
        env: env(),
        apiUrl: running.url,
        octokit: createOctokit({ baseUrl: running.url, token: 'ghs_test', fast: true }),
        clock,
        chunk: { people: 25, ms: 30_000 },
      },
    )
    expect(batchCommits(from)).toHaveLength(2)
    for (const id of ['C1', 'C2', 'C3']) expect(stored(id).steps.github).toMatchObject({ result: 'changed', run: '91' })
  })

  it('a commit landing during the batch write is re-read and re-applied; a step that threw records its failure', async () => {
    const from = lastSeq()
    const octokit = createOctokit({ baseUrl: running.url, token: 'ghs_test', fast: true })
    const other = await open()
    let raced = false
    // Another job records C2's aws step between the batch's read and its commit.
    octokit.hook.before('request', async (options) => {
      // Just before the batch's commit, after its reads.
      if (!raced && options.method === 'POST' && /^\s*mutation/.test(String(options.query))) {
        raced = true
        await other.update(
          'C2',
          (r) => {
            r.steps.aws = { result: 'changed', verified: true, at: '2026-11-30T10:00:00Z', run: 'other' }
          },
          { event: 'onboard/hr-C2', step: 'aws' },
        )
      }
    })
    const run = await forEachPerson(
      'github',
      inputs(),
      async (one, batch) => {
        const s = await beginStep('github', one, { batch, env: { ...env(), GITHUB_RUN_ID: '90' } })
        if (s.event.employeeId === 'C3') throw new Error('socket hang up')
        await s.finish(outcome('pending'))
      },
      { env: env(), apiUrl: running.url, octokit },
    )
    expect(raced).toBe(true)
    expect(run.people.map((p) => [p.employee_id, p.result])).toEqual([
      ['C1', 'pending'],
      ['C2', 'pending'],
      ['C3', 'failed'],
    ])
    // Refused once (the head had moved), then one commit with all three, on top of the other job's.
    expect(batchCommits(from)).toHaveLength(2)
    const history = github.history('acme', 'people-ops', 'onramp-state')
    expect(history[0]).toMatch(/C1/)
    expect(history[1]).toMatch(/C2/)
    expect(history[1]).not.toMatch(/C1/)
    expect(stored('C1').steps.github).toMatchObject({ result: 'pending', run: '90' })
    expect(stored('C2').steps).toMatchObject({ github: { run: '90' }, aws: { run: 'other' } })
    // The thrown step is recorded as failed for the event, which is then not applied: the next apply retries it.
    expect(stored('C3').steps.github).toMatchObject({ result: 'failed', run: '90', event_id: 'hr-C3' })
    expect(stored('C3').unapplied_event).toMatchObject({ event_id: 'hr-C3' })
  })
})
