// The github ledger backend against the sandbox's GitHub emulator: the contents API as GitHub serves it
// (blob shas, 409 on a stale sha, the state branch created from the default branch).
import type { RetryPolicy } from '@onramp/core'
import { createOctokit } from '@onramp/core/github'
import { FaultInjector, GitHubEmulator, RequestLog, type Running, SandboxClock, serve } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openLedger, readAllRecords, stateBranchIds } from '../src/index.js'

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

  it('readAllRecords reads every record of the state branch, listed in one call by stateBranchIds', async () => {
    const octokit = createOctokit({ token: 'ghs_test', baseUrl: running.url, fast: true })
    const ledger = await openLedger('github', { repo: 'acme/people-ops', octokit })
    const before = log.list().length
    const ids = await stateBranchIds(octokit, 'acme/people-ops')
    expect(log.list().length - before).toBe(1)
    expect(ids.sort()).toEqual(['E1', 'E2'])
    const records = await readAllRecords(ledger, { listIds: () => stateBranchIds(octokit, 'acme/people-ops') })
    expect(records.map((r) => r.employee_id)).toEqual(['E1', 'E2'])
    expect(await stateBranchIds(octokit, 'acme/people-ops', 'no-such-branch')).toEqual([])
  })
})
