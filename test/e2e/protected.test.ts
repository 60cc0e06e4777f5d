// lifecycle.yml through the local runner where access is protected: the emergency offboard in its reviewed
// environment, the ledger in a state repository of its own written with an App token (GITHUB_TOKEN is
// read-only), and the alert jobs' secrets living in their own environment.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { editPayload } from '@onramp/core/testing'
import { runInSandbox, SANDBOX_REPOSITORY, type SandboxRunOptions, sandboxEnvironments } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_TIME_SCALE } from '../support/harness.js'

const repoRoot = new URL('../..', import.meta.url).pathname
const STATE_REPO = 'people-state'
const sample = (type: string) =>
  JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/events', `${type}.json`), 'utf8')) as {
    action: string
    client_payload: Record<string, string>
  }

let runs = 0
function lifecycle(sandbox: Sandbox, o: Partial<SandboxRunOptions> & Pick<SandboxRunOptions, 'event'>) {
  runs += 1
  return runInSandbox(sandbox, {
    repoRoot,
    eventName: 'repository_dispatch',
    runId: String(7000 + runs),
    vars: { ONRAMP_STATE_REPOSITORY: STATE_REPO },
    ...o,
  })
}
const offboardNow = (dryRun = false) => ({
  eventName: 'workflow_dispatch',
  event: {},
  inputs: { 'employee-id': 'E1042', 'event-type': 'offboard-now', 'dry-run': dryRun },
})
const jobResults = (r: { jobs: Record<string, { result: string }> }) =>
  Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]))

function ledger(sandbox: Sandbox, repo: string, id = 'E1042') {
  const text = sandbox.emulators.github.emulator.file(
    SANDBOX_REPOSITORY.owner,
    repo,
    `people/${id}.json`,
    'onramp-state',
  )
  return text ? JSON.parse(text) : undefined
}

describe('lifecycle.yml with protected access', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({
      roles: join(repoRoot, '.github/access/roles.yaml'),
      guardrails: join(repoRoot, '.github/access/guardrails.yaml'),
      timeScale: TEST_TIME_SCALE,
      seed: {
        github: {
          repos: [
            { owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' },
            { owner: SANDBOX_REPOSITORY.owner, name: STATE_REPO, default_branch: 'main' },
          ],
          users: [{ login: 'jamie-doe-dev', id: 583231 }],
        },
        slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
      },
    })
  })
  afterAll(() => sandbox.close())

  it('onboards with a read-only GITHUB_TOKEN: the ledger lands in the state repository through the App token', async () => {
    const result = await lifecycle(sandbox, { event: sample('onboard') })
    expect(jobResults(result)).toMatchObject({
      identity: 'success',
      github: 'success',
      aws: 'success',
      notify: 'success',
    })
    for (const job of ['identity', 'github', 'aws', 'notify', 'validate'])
      expect(result.jobs[job]?.permissions, job).toMatchObject({ contents: 'read' })
    expect(ledger(sandbox, STATE_REPO)).toMatchObject({ status: 'active', last_event: { type: 'onboard' } })
    expect(ledger(sandbox, SANDBOX_REPOSITORY.name)).toBeUndefined()
    expect(result.jobs.notify?.environment).toEqual({ name: 'onramp-notify' })
  })

  it('offboard now: refused by the reviewer, nothing changes', async () => {
    // The hire has set a password since onboarding (PROVISIONED until then): ACTIVE, so offboarding suspends.
    sandbox.emulators.okta.emulator.setStatus('jamie.doe@acme.com', 'ACTIVE')
    const before = sandbox.log.list({ mutating: true }).length
    const asked: string[] = []
    const result = await lifecycle(sandbox, {
      ...offboardNow(),
      approve: ({ job, environment }) => {
        asked.push(`${job}@${environment}`)
        return environment !== 'onramp-offboard-now'
      },
    })
    expect(result.conclusion).toBe('failure')
    expect(asked).toEqual(expect.arrayContaining(['identity@onramp-offboard-now']))
    expect(result.jobs.identity?.error).toMatch(/environment onramp-offboard-now: the deployment was rejected/)
    const changed = sandbox.log
      .list({ mutating: true })
      .slice(before)
      .filter((e) => e.emulator !== 'slack')
    expect(changed).toEqual([])
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toBe('ACTIVE')
  })

  it('offboard now, approved: revokes everything, records who asked, and no older HR event undoes it', async () => {
    const asked: string[] = []
    const result = await lifecycle(sandbox, {
      ...offboardNow(),
      actor: 'sec-oncall',
      approve: ({ job, environment }) => {
        asked.push(`${job}@${environment}`)
        return true
      },
    })
    expect(jobResults(result)).toMatchObject({ identity: 'success', github: 'success', aws: 'success' })
    expect(asked.sort()).toEqual([
      'aws@onramp-offboard-now',
      'github@onramp-offboard-now',
      'identity@onramp-offboard-now',
    ])
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toBe('SUSPENDED')
    const record = ledger(sandbox, STATE_REPO)
    expect(record).toMatchObject({
      status: 'offboarded',
      offboarded_by: { actor: 'sec-oncall', event_id: `offboard-now-${7000 + runs}` },
      last_event: { type: 'offboard', event_id: `offboard-now-${7000 + runs}` },
    })

    // HR's onboard arrives late (a new event id, dated before the emergency offboard): refused, nothing granted.
    const before = sandbox.log.list({ mutating: true }).length
    const late = sample('onboard')
    late.client_payload.event_id = 'hr-late-0001'
    const again = await lifecycle(sandbox, { event: late })
    expect(again.jobs.identity?.result).toBe('failure')
    const granted = sandbox.log
      .list({ mutating: true })
      .slice(before)
      .filter((e) => e.emulator !== 'slack')
    expect(granted).toEqual([])
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toBe('SUSPENDED')
    expect(ledger(sandbox, STATE_REPO).status).toBe('offboarded')
  })

  it('the alert needs the Slack token of its own environment: without it the run fails red with the reason', async () => {
    const environments = sandboxEnvironments(sandbox)
    const notify = environments['onramp-notify']!
    const { SLACK_BOT_TOKEN: _slack, ...rest } = notify.secrets ?? {}
    // The token exists, but only where the identity jobs run: the alert job cannot see it.
    environments['onramp-access']!.secrets = { ...environments['onramp-access']!.secrets, SLACK_BOT_TOKEN: _slack! }
    environments['onramp-notify'] = { ...notify, secrets: rest }
    const bad = sample('onboard')
    bad.client_payload.event_id = 'hr-bad-0001'
    bad.client_payload.role = 'no-such-role'
    const result = await lifecycle(sandbox, { event: bad, environments })
    expect(result.jobs.validate?.result).toBe('failure')
    expect(result.jobs.alert?.result).toBe('failure')
    const reasons = result.jobs.alert?.annotations.filter((a) => a.level === 'error').map((a) => a.message)
    expect(reasons?.join('\n')).toMatch(/with\.slack-token: required in alert mode/)
    expect(result.conclusion).toBe('failure')
  })

  it("a hire whose review is rejected is never drained by another hire's run", async () => {
    const hire = (id: string) => {
      const event = sample('onboard') as unknown as { action: string; client_payload: Record<string, unknown> }
      editPayload(event.client_payload, (p) => {
        p.employee_id = id
        p.event_id = `hr-review-${id}`
        p.email = `${id.toLowerCase()}@acme.com`
        delete p.github_username
      })
      return event
    }
    const asked: string[] = []
    const rejected = await lifecycle(sandbox, {
      event: hire('E3001'),
      approve: ({ job, environment }) => {
        asked.push(`${job}@${environment}`)
        return false
      },
    })
    // One approval asked, in the review job: nothing after it ran.
    expect(asked).toEqual(['review@onramp-review'])
    expect(jobResults(rejected)).toMatchObject({ validate: 'success', review: 'failure', identity: 'skipped' })

    const approved = await lifecycle(sandbox, { event: hire('E3002') })
    expect(jobResults(approved)).toMatchObject({ review: 'success', identity: 'success', github: 'success' })
    expect(approved.jobs.identity?.summary).toMatch(/1 waiting for their run's review/)
    expect(approved.jobs.identity?.summary).toMatch(/not reviewed yet `?onramp-intent-E3001-/)
    expect(sandbox.emulators.okta.emulator.user('e3002@acme.com')).toBeDefined()
    expect(sandbox.emulators.okta.emulator.user('e3001@acme.com')).toBeUndefined()
    expect(ledger(sandbox, STATE_REPO, 'E3001')).toBeUndefined()
  })
})
