// lifecycle.yml through the local runner, its action processes killed at every step boundary and inside notify
// between a send and its record, then run again: the end state is complete, Slack has one post per event, and
// the welcome email goes once, a second time only when a person asks for it (resend-email) after the alert.
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
    client_payload: { event_id: string; person: Record<string, string> }
  }
const ONBOARD = sample('onboard')
const OFFBOARD = sample('offboard')
const ID = ONBOARD.client_payload.person.employee_id!

let runs = 0
/**
 * One run of lifecycle.yml; `kill` says when to kill it: as a job's action starts (its process is killed while it
 * starts up, the jobs before it done), or when `until()` first holds (polled).
 */
async function lifecycle(
  sandbox: Sandbox,
  event: Record<string, unknown>,
  kill?: { atJob?: string; until?: () => boolean },
  eventName = 'repository_dispatch',
): Promise<WorkflowResult> {
  runs += 1
  const controller = new AbortController()
  const poll = kill?.until
    ? setInterval(() => {
        if (kill.until!()) controller.abort()
      }, 10)
    : undefined
  try {
    return await runInSandbox(sandbox, {
      repoRoot,
      eventName,
      event,
      inputs: (event as { inputs?: Record<string, string> }).inputs,
      runId: String(7000 + runs),
      signal: controller.signal,
      onProgress: (e) => {
        // The action's process is spawned right after its step starts: killed while it starts up.
        if (e.type === 'step-start' && e.job === kill?.atJob && /\/actions\//.test(e.name))
          setTimeout(() => controller.abort(), 30)
      },
    })
  } finally {
    clearInterval(poll)
  }
}

function ledger(sandbox: Sandbox) {
  const { owner, name } = SANDBOX_REPOSITORY
  const text = sandbox.emulators.github.emulator.file(owner, name, `people/${ID}.json`, 'onramp-state')
  return text ? JSON.parse(text) : undefined
}

/** Posts in a channel that carry this notification key in their metadata. */
const posts = (sandbox: Sandbox, channel: string, key: string) =>
  sandbox.emulators.slack.emulator
    .messages(channel)
    .filter((m) => (m.metadata?.event_payload as { key?: string } | undefined)?.key === key)

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

/** A post is applied and its answer held back; `until` below kills the run while it waits. */
const HOLD = { after: true, reset: true, delayMs: 20_000 }

/**
 * Mutating calls that arrived since `since` (sandbox time). A held request is logged when its hold ends, 20 s
 * after it arrived, so counting log entries from an index would charge a later run with an earlier run's call.
 */
const callsSince = (sandbox: Sandbox, since: number) =>
  sandbox.log.list({ mutating: true }).filter((e) => e.at >= since)

describe('onboard killed at every step boundary and between send and record, then rerun', () => {
  let sandbox: Sandbox
  const welcome = `welcome-slack:${ONBOARD.client_payload.event_id}`
  beforeAll(async () => {
    sandbox = await start()
  })
  afterAll(() => sandbox.close())

  for (const job of ['identity', 'github', 'aws', 'notify']) {
    it(`killed as ${job} starts: the run is cancelled, nothing is posted or mailed twice`, async () => {
      const result = await lifecycle(sandbox, ONBOARD, { atJob: job })
      expect(result.conclusion).toBe('cancelled')
      expect(posts(sandbox, '#new-joiners', welcome).length).toBeLessThanOrEqual(1)
      expect(sandbox.mail.list().length).toBeLessThanOrEqual(1)
    })
  }

  it('killed in notify after Slack took the post and before the ledger recorded it', async () => {
    sandbox.emulators.slack.faults.script({ match: { route: 'Slack chat.postMessage' }, times: 1, ...HOLD })
    const result = await lifecycle(sandbox, ONBOARD, {
      until: () => posts(sandbox, '#new-joiners', welcome).length > 0,
    })
    expect(result.conclusion).toBe('cancelled')
    expect(posts(sandbox, '#new-joiners', welcome)).toHaveLength(1)
    expect(ledger(sandbox).notified[welcome]).toMatch(/ intent$/)
    sandbox.emulators.slack.faults.clear()
  })

  it('killed in notify after the mail server took the email and before the ledger recorded it', async () => {
    sandbox.emulators.smtp.faults.script({ match: { route: 'SMTP DATA' }, times: 1, ...HOLD })
    const result = await lifecycle(sandbox, ONBOARD, { until: () => sandbox.mail.list().length > 0 })
    expect(result.conclusion).toBe('cancelled')
    expect(sandbox.mail.list()).toHaveLength(1)
    // The rerun before the kill found the post in the channel's history and did not post again. Its intent still
    // stands: the drain recorded both intents in one commit before the sends, and the kill came before the finish.
    expect(posts(sandbox, '#new-joiners', welcome)).toHaveLength(1)
    expect(ledger(sandbox).notified[welcome]).toMatch(/ intent$/)
    sandbox.emulators.smtp.faults.clear()
  })

  it('the rerun completes every system, posts nothing, and does not resend the email: the alert says so', async () => {
    const result = await lifecycle(sandbox, ONBOARD)
    expect(result.jobs.identity?.result).toBe('success')
    expect(result.jobs.github?.result).toBe('success')
    expect(result.jobs.aws?.result).toBe('success')
    expect(result.jobs.notify?.result).toBe('failure')
    expect(result.jobs.alert?.result).toBe('success')
    const record = ledger(sandbox)
    expect(record).toMatchObject({ status: 'active', role: 'backend-engineer' })
    for (const step of ['identity', 'github', 'aws']) expect(record.steps[step].verified).toBe(true)
    // PROVISIONED: Okta sent the activation email; the hire has not set a password yet.
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toBe('PROVISIONED')
    expect(sandbox.emulators.iam.emulator.user(record.ids.aws.user_name)).toBeDefined()
    expect(posts(sandbox, '#new-joiners', welcome)).toHaveLength(1)
    expect(sandbox.mail.list()).toHaveLength(1)
    const alert = sandbox.emulators.slack.emulator.messages('#onramp-alerts').at(-1)
    expect(JSON.stringify(alert)).toContain('The welcome email may not have been sent')
  })

  it('a deliberate resend (workflow_dispatch, resend-email) sends the email once more and nothing else', async () => {
    const since = sandbox.clock.now()
    const result = await lifecycle(
      sandbox,
      { inputs: { 'employee-id': ID, 'event-type': 'onboard', 'dry-run': 'false', 'resend-email': 'true' } },
      undefined,
      'workflow_dispatch',
    )
    expect(result.conclusion).toBe('success')
    expect(sandbox.mail.list()).toHaveLength(2)
    expect(posts(sandbox, '#new-joiners', welcome)).toHaveLength(1)
    const changes = callsSince(sandbox, since).filter(
      (e) => e.emulator !== 'github' || !e.route?.includes('/contents/'),
    )
    const calls = changes.map((e) => `${e.emulator} ${e.route} ${e.status}`)
    expect(calls, calls.join('\n')).toEqual(['smtp SMTP DATA 250'])
    expect(ledger(sandbox).notified[`welcome-email:${ONBOARD.client_payload.event_id}`]).toMatch(/ email:/)
  })
})

describe('offboard killed at every step boundary and between send and record, then rerun', () => {
  let sandbox: Sandbox
  const leaver = `leaver-slack:${OFFBOARD.client_payload.event_id}`
  beforeAll(async () => {
    sandbox = await start()
    expect((await lifecycle(sandbox, ONBOARD)).conclusion).toBe('success')
  })
  afterAll(() => sandbox.close())

  for (const job of ['identity', 'github', 'aws', 'notify']) {
    it(`killed as ${job} starts: the run is cancelled, the leaver notice is never posted twice`, async () => {
      const result = await lifecycle(sandbox, OFFBOARD, { atJob: job })
      expect(result.conclusion).toBe('cancelled')
      expect(posts(sandbox, '#onramp-alerts', leaver).length).toBeLessThanOrEqual(1)
    })
  }

  it('killed in notify after Slack took the leaver notice and before the ledger recorded it', async () => {
    sandbox.emulators.slack.faults.script({ match: { route: 'Slack chat.postMessage' }, times: 1, ...HOLD })
    const result = await lifecycle(sandbox, OFFBOARD, {
      until: () => posts(sandbox, '#onramp-alerts', leaver).length > 0,
    })
    expect(result.conclusion).toBe('cancelled')
    expect(ledger(sandbox).notified[leaver]).toMatch(/ intent$/)
    sandbox.emulators.slack.faults.clear()
  })

  it('the rerun revokes everything, records the notice it finds, and posts nothing', async () => {
    const result = await lifecycle(sandbox, OFFBOARD)
    expect(result.conclusion).toBe('success')
    const record = ledger(sandbox)
    expect(record.status).toBe('offboarded')
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toMatch(/SUSPENDED|DEPROVISIONED/)
    expect(posts(sandbox, '#onramp-alerts', leaver)).toHaveLength(1)
    expect(record.notified[leaver]).toMatch(/ slack:/)
    const again = sandbox.clock.now()
    expect((await lifecycle(sandbox, OFFBOARD)).conclusion).toBe('success')
    // Only the session revocation is sent again (it cannot be read back, so every offboard run re-sends it), and
    // the identity step records that it did; nothing else changes and nothing is posted.
    const calls = callsSince(sandbox, again).map((e) => `${e.emulator} ${e.route}`)
    // The ledger's commit aside: the contents API for one record, a GraphQL commit for a drain's batch.
    const ledgerWrite = (c: string) =>
      c === 'github PUT /repos/{owner}/{repo}/contents/{path}' || c === 'github POST /graphql'
    expect(calls.filter((c) => !ledgerWrite(c))).toEqual(['okta DELETE /api/v1/users/{userId}/sessions'])
  })
})
