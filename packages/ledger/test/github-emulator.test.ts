// The github ledger backend against the sandbox's GitHub emulator: the contents API as GitHub serves it
// (blob shas, 409 on a stale sha, ETags, the state branch created from the default branch), batches of records
// as one GraphQL createCommitOnBranch (a commit refused for a moved head is re-read and re-applied), and reads
// of many records in one GraphQL query.
import type { RetryPolicy } from '@onramp/core'
import { createOctokit } from '@onramp/core/github'
import { FaultInjector, GitHubEmulator, RequestLog, type Running, SandboxClock, serve } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLedger, GithubStore, type LedgerStore, openLedger, readAllRecords } from '../src/index.js'

const fastPolicy: RetryPolicy = { baseMs: 5, capMs: 50, maxAttempts: 50, deadlineMs: 30_000 }
const stepRecord = (run: string) => ({ result: 'changed' as const, verified: true, at: '2026-11-26T04:00:00Z', run })

describe('github ledger backend against the GitHub emulator', () => {
  const log = new RequestLog()
  const kernel = { clock: new SandboxClock(), log }
  const github = new GitHubEmulator({}, kernel)
  let running: Running
  const open = () =>
    openLedger('github', {
      token: 'ghs_test',
      repo: 'acme/people-ops',
      apiUrl: running.url,
      fast: true,
      policy: fastPolicy,
    })

  beforeAll(async () => {
    github.seed({ orgs: [{ login: 'acme' }], repos: [{ owner: 'acme', name: 'people-ops', default_branch: 'main' }] })
    running = await serve(github, kernel, new FaultInjector())
  })
  afterAll(() => running.close())

  it('creates a record on the state branch, then updates it with the blob sha it read', async () => {
    const ledger = await open()
    await ledger.update(
      'E1',
      (r) => {
        r.status = 'active'
      },
      { event: 'onboard/evt-1', step: 'identity' },
    )
    await ledger.update(
      'E1',
      (r) => {
        r.role = 'designer'
      },
      { event: 'onboard/evt-1', step: 'github' },
    )
    const stored = JSON.parse(github.file('acme', 'people-ops', 'people/E1.json', 'onramp-state')!)
    expect(stored).toMatchObject({ employee_id: 'E1', status: 'active', role: 'designer' })
    expect(github.file('acme', 'people-ops', 'people/E1.json', 'main')).toBeUndefined()
    expect(await ledger.get('E1')).toEqual(stored)
  })

  it('two writers updating different steps of one record at once lose nothing', async () => {
    const steps = ['identity', 'github', 'aws', 'notify']
    const writers = await Promise.all(steps.map(() => open()))
    await Promise.all(
      writers.map((ledger, i) =>
        ledger.update(
          'E2',
          (r) => {
            r.steps[steps[i]!] = stepRecord(String(i))
          },
          {
            event: 'onboard/evt-2',
            step: steps[i]!,
          },
        ),
      ),
    )
    const stored = JSON.parse(github.file('acme', 'people-ops', 'people/E2.json', 'onramp-state')!)
    expect(Object.keys(stored.steps).sort()).toEqual([...steps].sort())
    // A writer that lost a race was refused (409: stale sha; 422: a create that lost), re-read and retried.
    const puts = log
      .list({ route: 'PUT /repos/{owner}/{repo}/contents/{path}' })
      .filter((e) => e.path.endsWith('E2.json'))
    expect(puts.filter((e) => e.status === 409 || e.status === 422).length).toBeGreaterThan(0)
    expect(puts.filter((e) => e.status === 200 || e.status === 201)).toHaveLength(steps.length)
  })

  it('a record that does not change makes no commit', async () => {
    const ledger = await open()
    const before = log.list({ mutating: true }).length
    await ledger.update(
      'E1',
      (r) => {
        r.status = 'active'
      },
      { event: 'onboard/evt-1', step: 'identity' },
    )
    expect(log.list({ mutating: true }).length).toBe(before)
  })

  it('re-reads a record it has read with a conditional request: 304 when unchanged, then one commit', async () => {
    const ledger = await open()
    await ledger.get('E1')
    const seq = log.list().at(-1)!.seq
    await ledger.update(
      'E1',
      (r) => {
        r.role = 'engineer'
      },
      { event: 'role-change/evt-4', step: 'github' },
    )
    const after = log.list().filter((e) => e.seq > seq)
    expect(after.map((e) => `${e.method} ${e.status}`)).toEqual(['GET 304', 'PUT 200'])
  })

  it('a batch of 3 records is one commit; list gives every id with its blob sha', async () => {
    const ledger = await open()
    const seq = log.list().at(-1)!.seq
    const stored = await ledger.updateMany(
      ['B1', 'B2', 'E1'].map((id) => ({
        employeeId: id,
        mutate: (r) => {
          r.status = 'active'
          r.steps.github = stepRecord('batch')
        },
      })),
      { event: 'converge/run-1', step: 'github' },
    )
    expect([...stored.keys()]).toEqual(['B1', 'B2', 'E1'])
    const writes = log.list({ mutating: true }).filter((e) => e.seq > seq)
    // One content-creating request: GraphQL createCommitOnBranch.
    expect(writes.map((e) => `${e.route} ${e.status}`)).toEqual(['POST /graphql 200'])
    expect(github.history('acme', 'people-ops', 'onramp-state')[0]).toMatch(/\nB1\nB2\nE1$/)
    for (const id of ['B1', 'B2', 'E1']) {
      const rec = JSON.parse(github.file('acme', 'people-ops', `people/${id}.json`, 'onramp-state')!)
      expect(rec).toMatchObject({ employee_id: id, status: 'active', steps: { github: { run: 'batch' } } })
    }
    // E1 kept what it had.
    expect(JSON.parse(github.file('acme', 'people-ops', 'people/E1.json', 'onramp-state')!).role).toBe('engineer')

    const listed = await ledger.list()
    expect(listed.map((e) => e.employee_id)).toEqual(['B1', 'B2', 'E1', 'E2'])
    const reads = log.list().filter((e) => e.seq > writes.at(-1)!.seq)
    expect(reads.map((e) => e.route)).toContain('GET /repos/{owner}/{repo}/git/trees/{tree_sha}')
    const many = await ledger.getMany(['B1', 'B2', 'nobody'])
    expect([...many.keys()]).toEqual(['B1', 'B2'])
    expect(many.get('B2')).toMatchObject({ employee_id: 'B2', status: 'active' })
  })

  it('a commit landing during a batch makes GitHub refuse it (STALE_DATA); the batch re-reads, re-applies, loses nothing', async () => {
    const octokit = createOctokit({ baseUrl: running.url, token: 'ghs_test', fast: true })
    const store = new GithubStore(octokit, 'acme', 'people-ops')
    const other = await open()
    let first = true
    const racing: LedgerStore = {
      description: store.description,
      read: (id, known) => store.read(id, known),
      write: (r, v, c) => store.write(r, v, c),
      list: () => store.list(),
      writeMany: (r, v, c) => store.writeMany(r, v, c),
      async readMany(ids) {
        const got = await store.readMany(ids)
        if (first) {
          first = false
          // Another job records a step of one of the batch's people between the batch's read and its write.
          await other.update(
            'B2',
            (r) => {
              r.steps.aws = stepRecord('aws')
            },
            { event: 'onboard/evt-9', step: 'aws' },
          )
        }
        return got
      },
    }
    const ledger = createLedger(racing, { policy: fastPolicy })
    const seq = log.list().at(-1)!.seq
    let applied = 0
    await ledger.updateMany(
      ['B1', 'B2', 'B3'].map((id) => ({
        employeeId: id,
        mutate: (r) => {
          applied++
          r.steps.identity = stepRecord('batch-2')
        },
      })),
      { event: 'converge/run-2', step: 'identity' },
    )
    expect(applied).toBe(6) // three mutations, applied twice
    // Two commits were asked for; one landed, on top of the other job's.
    const commits = log.list({ route: 'POST /graphql', mutating: true }).filter((e) => e.seq > seq)
    expect(commits.map((e) => e.status)).toEqual([200, 200])
    const history = github.history('acme', 'people-ops', 'onramp-state')
    expect(history[0]).toMatch(/\nB1\nB2\nB3$/)
    expect(history[1]).toMatch(/B2/)
    const b2 = JSON.parse(github.file('acme', 'people-ops', 'people/B2.json', 'onramp-state')!)
    expect(Object.keys(b2.steps).sort()).toEqual(['aws', 'github', 'identity'])
    const b3 = JSON.parse(github.file('acme', 'people-ops', 'people/B3.json', 'onramp-state')!)
    expect(b3.steps.identity.run).toBe('batch-2')
  })

  it('readAllRecords reads every record of the state branch: one listing of its tree, then the blobs, each once, in one query', async () => {
    const ledger = await open()
    const seq = log.list().at(-1)!.seq
    const blobs = github.blobReads()
    const listed = (await ledger.list()).map((e) => e.employee_id)
    const records = await readAllRecords(ledger)
    expect(records.map((r) => r.employee_id)).toEqual(listed)
    const reads = log.list().filter((e) => e.seq > seq)
    // The listing's tree is the one the read at that version needs: git objects never change, so it is read once.
    expect(reads.filter((e) => e.route?.includes('/git/trees/'))).toHaveLength(1)
    expect(github.blobReads() - blobs).toBe(listed.length)
    // GraphQL queries: the head for each listing (this test's, readAllRecords') and the read, one for all the blobs.
    expect(reads.filter((e) => e.route === 'POST /graphql').map((e) => e.mutating)).toEqual([
      false,
      false,
      false,
      false,
    ])
    expect(reads.filter((e) => /\/(git\/blobs|contents)\//.test(e.route ?? ''))).toHaveLength(0)
    // Read again at the same head: only the head is asked for.
    const again = log.list().at(-1)!.seq
    expect((await readAllRecords(ledger)).map((r) => r.employee_id)).toEqual(listed)
    const second = log.list().filter((e) => e.seq > again)
    expect(second.map((e) => e.route)).toEqual(['POST /graphql', 'POST /graphql'])
    expect(github.blobReads() - blobs).toBe(listed.length)
  })

  it('a record GraphQL cuts short (over 512,000 bytes of text) is read whole through REST', async () => {
    const big = { employee_id: 'BIG', note: 'x'.repeat(600_000) }
    github.putFile('acme', 'people-ops', 'people/BIG.json', JSON.stringify(big), 'onramp-state')
    const store = new GithubStore(
      createOctokit({ baseUrl: running.url, token: 'ghs_test', fast: true }),
      'acme',
      'people-ops',
    )
    const seq = log.list().at(-1)!.seq
    const { records } = await store.readMany(['BIG', 'E1'])
    expect(records.get('BIG')!.record).toEqual(big)
    expect(records.get('E1')!.record).toMatchObject({ employee_id: 'E1' })
    const blobs = log.list().filter((e) => e.seq > seq && e.route?.includes('/git/blobs/'))
    expect(blobs).toHaveLength(1)
  })
})
