// lifecycle.yml end to end against the sandbox: only an HR event signed with the event key changes access.
// Every refusal (unsigned, wrong key, another event type, too old, signed in the future, occurred in the future)
// fails validate, calls no system but the alert's Slack post, and raises the alert; the forged offboard is the
// attack from the issue ("Only HR can move access"). A hire whose name is a word of the plan is onboarded.
import { signEvent } from '@onramp/core'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { SANDBOX_CREDENTIALS, type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  GUARDRAILS,
  type Harness,
  ROLES,
  repoRoot,
  sampleEvent,
  startHarness,
  TEST_TIME_SCALE,
} from '../support/harness.js'

type Event = Record<string, any>
let runs = 0

async function lifecycle(sandbox: Sandbox, event: Event, options: { sign?: boolean } = {}) {
  runs += 1
  const lines: string[] = []
  const result = await runInSandbox(sandbox, {
    repoRoot,
    eventName: 'repository_dispatch',
    event,
    sign: options.sign,
    runId: String(9000 + runs),
    onProgress: (e) => lines.push(JSON.stringify(e)),
  })
  return { result, output: lines.join('\n') + JSON.stringify(result) }
}

function ledger(sandbox: Sandbox, id: string) {
  const { owner, name } = SANDBOX_REPOSITORY
  const text = sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state')
  return text ? JSON.parse(text) : undefined
}

const alerts = (sandbox: Sandbox) =>
  sandbox.emulators.slack.emulator.state().channels.find((c) => c.name === 'onramp-alerts')?.messages ?? []

/** Signs `event` as `type` with `key` at `at` (the harness would sign it with the sandbox key, now). */
function signed(event: Event, key: string, at: Date, type: string = event.action): Event {
  const e = structuredClone(event)
  e.client_payload.signature = signEvent(key, type, e.client_payload, at)
  return e
}

const HOUR = 3600_000
const WRONG_KEY = 'an-attacker-guess-at-the-key-000000000000'

describe('lifecycle.yml accepts only signed HR events', () => {
  let sandbox: Sandbox
  // The sandbox's time, which the actions check signatures and dates against (it runs ahead of real time).
  const now = (plusMs = 0) => new Date(sandbox.clock.now() + plusMs)
  const futureIso = () =>
    now(10 * 60_000)
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
  beforeAll(async () => {
    sandbox = await startSandbox({
      roles: ROLES,
      guardrails: GUARDRAILS,
      timeScale: TEST_TIME_SCALE,
      seed: {
        github: {
          repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
          users: [
            { login: 'jamie-doe-dev', id: 583231 },
            { login: 'acme-admin', id: 100 },
          ],
          members: [{ org: 'acme', login: 'acme-admin', role: 'admin' }],
        },
        slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
      },
    })
    // A person with access to lose: the sample hire, onboarded by a valid signed event.
    const { result } = await lifecycle(sandbox, await sampleEvent('onboard'))
    expect(result.conclusion).toBe('success')
  })
  afterAll(() => sandbox.close())

  const offboard = () => sampleEvent('offboard')
  // `signedByHr`: the signature holds (only the date is refused), so the alert may name the person.
  const cases: [string, () => Promise<{ event: Event; sign?: boolean; signedByHr?: boolean }>][] = [
    ['unsigned', async () => ({ event: await offboard(), sign: false })],
    ['signed with a wrong key', async () => ({ event: signed(await offboard(), WRONG_KEY, now()) })],
    [
      'a valid signature for another event type (a captured role-change replayed as an offboard)',
      async () => {
        const e = signed(await offboard(), SANDBOX_CREDENTIALS.eventKey, now(), 'role-change')
        return { event: e }
      },
    ],
    [
      'signed longer ago than events.max-age',
      async () => ({ event: signed(await offboard(), SANDBOX_CREDENTIALS.eventKey, now(-25 * HOUR)) }),
    ],
    [
      'signed more than 5 minutes in the future',
      async () => ({ event: signed(await offboard(), SANDBOX_CREDENTIALS.eventKey, now(HOUR)) }),
    ],
    [
      'validly signed but occurring more than 5 minutes in the future',
      async () => ({
        event: await sampleEvent('offboard', (p) => (p.occurred_at = futureIso())),
        signedByHr: true,
      }),
    ],
    [
      'the forged offboard: unsigned, naming an arbitrary GitHub login',
      async () => ({
        event: await sampleEvent('offboard', (p) => (p.github_username = 'acme-admin')),
        sign: false,
      }),
    ],
    [
      'the forged offboard: wrongly signed, naming an arbitrary GitHub login',
      async () => ({
        event: signed(await sampleEvent('offboard', (p) => (p.github_username = 'jamie-doe-dev')), WRONG_KEY, now()),
      }),
    ],
  ]

  for (const [label, make] of cases) {
    it(`refuses an offboard ${label}: nothing changes and the alert fires`, async () => {
      const { event, sign, signedByHr } = await make()
      const before = sandbox.log.list().length
      const alertsBefore = alerts(sandbox).length
      const recordBefore = JSON.stringify(ledger(sandbox, 'E1042'))
      const oktaBefore = sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status
      const { result, output } = await lifecycle(sandbox, event, { sign })
      expect(result.conclusion).toBe('failure')
      expect(result.jobs.validate?.result).toBe('failure')
      for (const job of ['identity', 'github', 'aws', 'notify']) expect(result.jobs[job]?.result).toBe('skipped')
      expect(result.jobs.alert?.result).toBe('success')
      // No changing call to any system but the alert's one Slack post.
      const changes = sandbox.log
        .list({ mutating: true })
        .filter((e) => e.seq > before)
        .map((e) => `${e.emulator} ${e.route}`)
      expect(changes).toEqual(['slack Slack chat.postMessage'])
      expect(alerts(sandbox)).toHaveLength(alertsBefore + 1)
      // The alert does not name the person a forged event points at.
      if (!signedByHr) expect(JSON.stringify(alerts(sandbox).at(-1))).not.toContain('E1042')
      expect(JSON.stringify(ledger(sandbox, 'E1042'))).toBe(recordBefore)
      expect(ledger(sandbox, 'E1042').status).toBe('active')
      expect(oktaBefore).toBeDefined()
      expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toBe(oktaBefore)
      // The refusal names the rule, never the key or the signature.
      expect(output).toMatch(/client_payload\.(signature|occurred_at)/)
      expect(output).not.toContain(SANDBOX_CREDENTIALS.eventKey)
      expect(output).not.toContain(WRONG_KEY)
      expect(output).not.toMatch(/v1=[0-9a-f]{64}/)
    })
  }

  it('a valid signed offboard still goes through', async () => {
    const { result } = await lifecycle(sandbox, await offboard())
    expect(result.conclusion).toBe('success')
    expect(ledger(sandbox, 'E1042').status).toBe('offboarded')
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toMatch(/SUSPENDED|DEPROVISIONED/)
  })

  const hires: [string, string, string][] = [
    ['E2001', 'Dev', 'dev@acme.com'],
    ['E2002', 'E2002', 'sam.e2002@acme.com'],
  ]
  for (const [id, name, email] of hires)
    it(`onboards a hire named ${name}, a word of the plan and of the outputs`, async () => {
      const event = await sampleEvent('onboard', (p) => {
        Object.assign(p, { employee_id: id, event_id: `hr-${id}`, name, email })
        delete p.github_username
      })
      const { result } = await lifecycle(sandbox, event)
      expect(result.jobs.validate?.outputs?.['employee-id']).toBe(id)
      expect(result.conclusion, JSON.stringify(result.jobs)).toBe('success')
      expect(ledger(sandbox, id)).toMatchObject({ status: 'active', role: 'backend-engineer' })
    })
})

// Each action verifies the event itself before its first change: a run that bypassed validate changes nothing.
describe('every action refuses an HR event it cannot verify', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ seed: { github: { users: [{ login: 'jamie-doe-dev', id: 583231 }] } } })
  })
  afterAll(() => h.close())

  const actions = ['provision-identity', 'grant-github', 'grant-aws', 'notify']
  for (const action of actions) {
    it(`${action}: unsigned, wrongly signed, or with no event key configured, it calls no system`, async () => {
      const before = h.sandbox.log.list().length
      const event = await h.event('offboard', (p) => (p.github_username = 'acme-admin'))
      const unsigned = await h.run(action, { event, sign: false })
      const forged = await h.run(action, { event: signed(event, WRONG_KEY, new Date(h.now())) })
      const noKey = await h.run(action, { event, inputs: { 'event-key': '' } })
      for (const r of [unsigned, forged, noKey]) expect(r.code, r.stdout).toBe(1)
      const messages = (r: typeof unsigned) => r.annotations.map((a) => a.message).join('\n')
      expect(messages(unsigned)).toMatch(/client_payload\.signature: required/)
      expect(messages(forged)).toMatch(/client_payload\.signature: does not match/)
      expect(messages(noKey)).toMatch(/with\.event-key: not set.*ONRAMP_EVENT_KEY/)
      expect(h.sandbox.log.list().slice(before)).toEqual([])
      expect(await h.record('E1042')).toBeUndefined()
    })
  }
})
