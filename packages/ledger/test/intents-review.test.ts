// A drain takes in another run's joiner only once a reviewer approved that run in onramp-review (its review
// history on GitHub); a leaver's intent needs no review, and the run's own event passed its own. Intents are
// artifacts of the sandbox's GitHub, read through onramp's own client.
import { readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INTENT_FILE, intentName, loadAccess } from '@onramp/core'
import { createOctokit } from '@onramp/core/github'
import { editPayload, SANDBOX_EVENT_KEY, signDispatch } from '@onramp/core/testing'
import { FaultInjector, GitHubEmulator, RequestLog, type Running, SandboxClock, serve } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLedger, FileStore, githubIntents, takeIntentsIn } from '../src/index.js'

const root = new URL('../../..', import.meta.url).pathname
type Json = Record<string, unknown>

function hrEvent(type: 'onboard' | 'offboard', id: string): Json {
  const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/events', `${type}.json`), 'utf8')) as Json
  editPayload(sample.client_payload as Json, (p) => {
    p.employee_id = id
    p.event_id = `hr-${type}-${id}`
    p.occurred_at = new Date(Date.now() - 60_000).toISOString()
    if ('email' in p) p.email = `${id.toLowerCase()}@acme.com`
  })
  return signDispatch({ action: sample.action, client_payload: sample.client_payload })
}

describe('a drain and the reviews of other runs', () => {
  const kernel = { clock: new SandboxClock(), log: new RequestLog() }
  const gh = new GitHubEmulator({ validate: true }, kernel)
  let running: Running
  beforeAll(async () => {
    gh.seed({ orgs: [{ login: 'acme' }], repos: [{ owner: 'acme', name: 'people-ops', default_branch: 'main' }] })
    running = await serve(gh, kernel, new FaultInjector())
  })
  afterAll(() => running.close())

  const publish = (event: Json, runId: number) => {
    const p = event.client_payload as Json
    const person = (p.person ?? p) as Json
    gh.publishArtifact({
      owner: 'acme',
      repo: 'people-ops',
      name: intentName(person.employee_id as string, p.event_id as string),
      runId,
      files: { [INTENT_FILE]: JSON.stringify(event) },
    })
  }

  it('takes in approved joiners and leavers; an unreviewed or rejected joiner waits; nothing else is changed', async () => {
    publish(hrEvent('onboard', 'E1'), 701) // approved
    publish(hrEvent('onboard', 'E2'), 702) // no review yet
    publish(hrEvent('onboard', 'E3'), 703) // rejected after an approval
    publish(hrEvent('offboard', 'E4'), 704) // a leaver: no review asked
    gh.reviewDeployment('acme', 'people-ops', 701, { environment: 'onramp-review', state: 'approved' })
    gh.reviewDeployment('acme', 'people-ops', 702, { environment: 'onramp-offboard-now', state: 'approved' })
    gh.reviewDeployment('acme', 'people-ops', 703, { environment: 'onramp-review', state: 'approved' })
    gh.reviewDeployment('acme', 'people-ops', 703, { environment: 'onramp-review', state: 'rejected' })
    const own = hrEvent('onboard', 'E5')
    publish(own, 705)

    const ledger = createLedger(new FileStore(await mkdtemp(join(tmpdir(), 'onramp-review-'))))
    const octokit = createOctokit({ baseUrl: running.url, token: 'ghs_drain', fast: true })
    const report = await takeIntentsIn({
      access: loadAccess({
        rolesFile: join(root, '.github/access/roles.yaml'),
        guardrailsFile: join(root, '.github/access/guardrails.yaml'),
      }),
      ledger,
      source: githubIntents(octokit, 'acme/people-ops'),
      eventKey: SANDBOX_EVENT_KEY,
      ownEvent: JSON.stringify(own),
      runId: '705',
    })
    // E4 is a leaver onramp never onboarded: refused by the ledger's rule, not by a review.
    expect(report.recorded.sort()).toEqual(['E1', 'E5'])
    expect(report.unreviewed.map((name) => name.split('-')[2]).sort()).toEqual(['E2', 'E3'])
    expect(report.refused.map((r) => r.artifact.split('-')[2])).toEqual(['E4'])
    for (const id of ['E2', 'E3']) expect(await ledger.get(id)).toBeUndefined()
    // One read of each other run's review history, none for the run's own event nor the leaver's.
    const reads = kernel.log.list({ emulator: 'github' }).filter((e) => e.path.endsWith('/approvals'))
    expect(reads.map((e) => e.path.split('/').at(-2)).sort()).toEqual(['701', '702', '703'])
  })
})
