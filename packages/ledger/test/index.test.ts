// The ledger's index on GitHub: each batch commit keeps, beside the records, what a drain needs of each (the
// events it holds, whether a step has work), named by the record's blob sha. A drain then reads one index blob
// instead of every record its intents name; a record written another way is read, as before.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { budgetOfClient, ContentShare, INTENT_FILE, intentName, loadAccess } from '@onramp/core'
import { createOctokit } from '@onramp/core/github'
import { editPayload, fakeClock, SANDBOX_EVENT_KEY, signDispatch } from '@onramp/core/testing'
import { FaultInjector, GitHubEmulator, RequestLog, type Running, SandboxClock, serve } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  githubIntents,
  INDEX_PATH,
  type Ledger,
  type LedgerRecord,
  openLedger,
  type StepName,
  selectPending,
  summarize,
  takeIntentsIn,
} from '../src/index.js'

const root = new URL('../../..', import.meta.url).pathname
type Json = Record<string, unknown>
const STEPS: StepName[] = ['identity', 'github', 'aws', 'notify']

function onboard(id: string): Json {
  const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/events/onboard.json'), 'utf8')) as Json
  editPayload(sample.client_payload as Json, (p) => {
    p.employee_id = id
    p.event_id = `hr-onboard-${id}`
    p.occurred_at = new Date(Date.now() - 60_000).toISOString()
    p.email = `${id.toLowerCase()}@acme.com`
  })
  return signDispatch({ action: sample.action, client_payload: sample.client_payload })
}

describe('the ledger index on GitHub', () => {
  const kernel = { clock: new SandboxClock(), log: new RequestLog() }
  const gh = new GitHubEmulator({ validate: true }, kernel)
  let running: Running
  let ledger: Ledger
  const access = loadAccess({
    rolesFile: join(root, '.github/access/roles.yaml'),
    guardrailsFile: join(root, '.github/access/guardrails.yaml'),
  })
  const ids = Array.from({ length: 12 }, (_, i) => `E${100 + i}`)
  let run = 900
  const publish = (id: string) =>
    gh.publishArtifact({
      owner: 'acme',
      repo: 'people-ops',
      name: intentName(id, `hr-onboard-${id}`),
      runId: ++run,
      files: { [INTENT_FILE]: JSON.stringify(onboard(id)) },
    })
  const octokit = () => createOctokit({ baseUrl: running.url, token: 'ghs_drain', fast: true })
  const source = () => githubIntents(octokit(), 'acme/people-ops')
  const pendingOptions = (intake: boolean) => ({
    access,
    ledger,
    source: source(),
    eventKey: SANDBOX_EVENT_KEY,
    runId: String(run),
    types: ['onboard', 'role-change', 'offboard'] as const,
    intake,
  })
  const blobReads = () => gh.blobReads()
  /** Every step done for each person's newest event: nothing pending. */
  const finish = (who: string[]) =>
    ledger.updateMany(
      who.map((employeeId) => ({
        employeeId,
        mutate: (r: LedgerRecord) => {
          const event = r.unapplied_event!
          for (const step of STEPS)
            r.steps[step] = {
              result: 'changed',
              verified: true,
              at: new Date().toISOString(),
              event_id: event.event_id,
            }
          r.last_event = event
          delete r.unapplied_event
        },
      })),
      { event: 'test', step: 'test' },
    )

  beforeAll(async () => {
    gh.seed({ orgs: [{ login: 'acme' }], repos: [{ owner: 'acme', name: 'people-ops', default_branch: 'main' }] })
    running = await serve(gh, kernel, new FaultInjector())
    ledger = await openLedger('github', { octokit: octokit(), repo: 'acme/people-ops' })
    for (const id of ids) publish(id)
    // Every approved: these runs passed their review.
    for (let r = 901; r <= run; r++)
      gh.reviewDeployment('acme', 'people-ops', r, { environment: 'onramp-review', state: 'approved' })
  })
  afterAll(() => running.close())

  it('a batch keeps each record summary under its blob sha; a drain reads only the records with work', async () => {
    const first = await takeIntentsIn({ ...pendingOptions(false), ledger })
    expect(first.recorded.sort()).toEqual([...ids].sort())
    await finish(ids.slice(2))

    const index = JSON.parse(gh.file('acme', 'people-ops', INDEX_PATH, 'onramp-state')!) as {
      people: Record<string, { record: string; pending: string[]; held: string[] }>
    }
    expect(Object.keys(index.people).sort()).toEqual([...ids].sort())
    for (const id of ids) {
      const record = (await ledger.get(id))!
      expect(index.people[id]).toMatchObject({ ...summarize(record) })
      expect(index.people[id]!.pending).toEqual(ids.indexOf(id) < 2 ? ['identity'] : [])
    }

    // A later drain: all twelve intents are listed, two people have work for identity. Held intents cost no read;
    // the records read are those two, besides the index itself.
    const before = blobReads()
    const { people, intake, busy } = await selectPending('identity', pendingOptions(true))
    expect(intake?.held).toBe(12)
    // By the index, the HR events name people with work for identity only (a due run starts no other job).
    expect(busy).toEqual(['identity'])
    expect(intake?.recorded).toEqual([])
    expect(people.map((p) => p.employeeId)).toEqual(ids.slice(0, 2))
    expect(blobReads() - before).toBe(1 + 2)
    // GitHub has no work for them until identity has run: no record is read at all.
    const again = blobReads()
    expect((await selectPending('github', pendingOptions(false))).people).toEqual([])
    expect(blobReads()).toBe(again)
  })

  it('a record written another way is read: its summary no longer names it', async () => {
    const [id] = ids.slice(-1)
    // A single write goes through the contents API, which leaves the index as it was.
    await ledger.update(
      id!,
      (r) => {
        r.unapplied_event = { ...r.last_event!, event_id: 'hr-role-change-late', type: 'role-change' }
      },
      { event: 'test', step: 'test' },
    )
    const summaries = await ledger.summaries(ids)
    expect(summaries.has(id!)).toBe(false)
    expect(summaries.size).toBe(ids.length - 1)
    const { people } = await selectPending('identity', pendingOptions(false))
    expect(people.map((p) => p.employeeId)).toEqual([ids[0], ids[1], id])
  })

  it('an index of another version, or unreadable, is ignored: every record is read and the answer is the same', async () => {
    const expected = (await selectPending('identity', pendingOptions(false))).people.map((p) => p.employeeId)
    for (const text of ['{"version":1,"people":{}}\n', 'not json']) {
      gh.putFile('acme', 'people-ops', INDEX_PATH, text, 'onramp-state')
      const fresh = await openLedger('github', { octokit: octokit(), repo: 'acme/people-ops' })
      expect(await fresh.summaries(ids)).toEqual(new Map())
      const before = blobReads()
      const { people } = await selectPending('identity', { ...pendingOptions(false), ledger: fresh })
      expect(people.map((p) => p.employeeId)).toEqual(expected)
      // The index was read once above (this process keeps each blob it read); here only the records.
      expect(blobReads() - before).toBe(ids.length)
    }
  })

  it("each batch leaves its group's content share in the index, and the group's next job goes on from it", async () => {
    // Two jobs of one group, one after the other: each its own process, so its own client and budget (on a clock
    // that stands still: nothing refills between them).
    const clock = fakeClock()
    const job = (token: string) =>
      createOctokit({ baseUrl: running.url, token, clock, contentShare: new ContentShare('carry', 0.25) })
    const first = job('ghs_job_one')
    const ledgerOne = await openLedger('github', { octokit: first, repo: 'acme/people-ops', group: 'aws' })
    await ledgerOne.updateMany([{ employeeId: 'E900', mutate: (r) => ({ ...r, status: 'active' }) }], {
      event: 'test',
      step: 'aws',
    })
    // It started with one commit's worth and spent it.
    const index = JSON.parse(gh.file('acme', 'people-ops', INDEX_PATH, 'onramp-state')!) as {
      buckets: Record<string, { tokens: number; at: number }>
    }
    expect(index.buckets.aws!.tokens).toBe(0)
    // The next job reads the index and holds what the first left, not a fresh commit's worth.
    const next = job('ghs_job_two')
    const ledgerTwo = await openLedger('github', { octokit: next, repo: 'acme/people-ops', group: 'aws' })
    expect(budgetOfClient.get(next)!.carry!.save().tokens).toBe(1)
    await ledgerTwo.summaries(['E900'])
    expect(budgetOfClient.get(next)!.carry!.save().tokens).toBe(0)
    // A job of another group is not held to it.
    const other = job('ghs_job_three')
    await (await openLedger('github', { octokit: other, repo: 'acme/people-ops', group: 'identity' })).summaries([])
    expect(budgetOfClient.get(other)!.carry!.save().tokens).toBe(1)
  })
})
