// One way for every action test to meet the sandbox: start it seeded from the repo's access files, run an
// action's built bundle under the runner contract against it with a file ledger, and inspect what happened.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { editPayload, type RunBundleResult, runBundle, SANDBOX_EVENT_KEY } from '@onramp/core/testing'
import type { LedgerRecord } from '@onramp/ledger'
import { type Sandbox, type SandboxOptions, startSandbox } from '@onramp/sandbox'

export const repoRoot = new URL('../..', import.meta.url).pathname
export const ROLES = join(repoRoot, '.github/access/roles.yaml')
export const GUARDRAILS = join(repoRoot, '.github/access/guardrails.yaml')

/**
 * Tests run the sandbox 100 times faster than real time, and the actions with it (clockFromEnv): a Retry-After
 * of 60 s or a read-back deadline costs a hundredth. 100 is also the SDK clients' own fast scale (FAST_SCALE).
 * `sandbox.clock.advance(ms)` moves the actions' time too (sandbox.env is read at each run), and events are
 * signed at the sandbox's time.
 */
export const TEST_TIME_SCALE = 100

export type EventType = 'onboard' | 'role-change' | 'offboard'
type Payload = Record<string, unknown>

export interface Harness {
  sandbox: Sandbox
  stateDir: string
  /**
   * The sample event of that type (test/fixtures/events), its client_payload changed by `change`, which sees
   * the payload flat (`p.email`, `p.occurred_at`) whatever its version.
   */
  event(type: EventType, change?: (payload: Payload) => void): Promise<Record<string, unknown>>
  /**
   * Runs actions/<name>/dist/index.js against the sandbox with a file ledger. A repository_dispatch event is
   * signed with the sandbox's event key as it is dispatched, unless `sign` is false or it is signed already.
   */
  run(
    action: string,
    options: {
      event: unknown
      eventName?: string
      inputs?: Record<string, string>
      env?: Record<string, string>
      sign?: boolean
    },
  ): Promise<RunBundleResult>
  /** The sandbox's time (epoch ms): what events are signed at and what the actions decide by. */
  now(): number
  /** Mutating requests one emulator received, in order (route ids only: the log holds no bodies). */
  mutations(emulator: string): string[]
  record(employeeId: string): Promise<LedgerRecord | undefined>
  /** Records the sample onboard as applied, as if the person had been onboarded: what a role-change needs. */
  onboarded(employeeId?: string, role?: string): Promise<void>
  close(): Promise<void>
}

/** Writes a ledger record whose last applied event is the sample onboard (test/fixtures/events/onboard.json). */
export async function recordOnboarded(stateDir: string, employeeId = 'E1042', role = 'backend-engineer') {
  const sample = JSON.parse(await readFile(join(repoRoot, 'test/fixtures/events/onboard.json'), 'utf8'))
  const { event_id, occurred_at } = sample.client_payload
  const { email, name } = sample.client_payload.person ?? sample.client_payload
  const record: LedgerRecord = {
    employee_id: employeeId,
    status: 'active',
    role,
    person: { email, name },
    ids: {},
    steps: {},
    notified: {},
    last_event: { event_id, type: 'onboard', occurred_at, role },
  }
  await mkdir(join(stateDir, 'people'), { recursive: true })
  await writeFile(join(stateDir, 'people', `${employeeId}.json`), JSON.stringify(record))
}

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ roles: ROLES, guardrails: GUARDRAILS, timeScale: TEST_TIME_SCALE, ...options })
  const stateDir = await mkdtemp(join(tmpdir(), 'onramp-state-'))
  return {
    sandbox,
    stateDir,
    async event(type, change) {
      return sampleEvent(type, change)
    },
    run(action, { event, eventName = 'repository_dispatch', inputs = {}, env = {}, sign = true }) {
      return runBundle(join(repoRoot, 'actions', action), {
        event,
        eventName,
        signWith: sign ? SANDBOX_EVENT_KEY : undefined,
        // Signed at the sandbox's time, which the action reads too: a test that advanced the clock by days
        // dispatches an event as HR would then.
        now: () => sandbox.clock.now(),
        inputs: {
          ...sandbox.inputs,
          'roles-file': ROLES,
          'guardrails-file': GUARDRAILS,
          state: `file:${stateDir}`,
          ...inputs,
        },
        env: { ...sandbox.env, ...env },
      })
    },
    now: () => sandbox.clock.now(),
    mutations(emulator) {
      return sandbox.log.list({ emulator, mutating: true }).map((e) => `${e.route ?? e.path} ${e.status}`)
    },
    async record(employeeId) {
      try {
        return JSON.parse(await readFile(join(stateDir, 'people', `${employeeId}.json`), 'utf8'))
      } catch {
        return undefined
      }
    },
    onboarded: (employeeId, role) => recordOnboarded(stateDir, employeeId, role),
    close: () => sandbox.close(),
  }
}

/** The sample event of that type, changed through a flat view of its payload (see Harness.event); unsigned. */
export async function sampleEvent(type: EventType, change?: (payload: Payload) => void) {
  const event = JSON.parse(await readFile(join(repoRoot, 'test/fixtures/events', `${type}.json`), 'utf8'))
  if (change) editPayload(event.client_payload, change)
  return event as Record<string, unknown>
}

/** The common inputs as the action.yml defaults give them, for calling an action's run() in process. */
export function commonInputs(stateDir: string) {
  return {
    rolesFile: ROLES,
    guardrailsFile: GUARDRAILS,
    dryRun: false,
    state: `file:${stateDir}`,
    stateToken: undefined,
    stateRepository: undefined,
    employeeId: undefined,
    eventType: undefined,
    email: undefined,
    name: undefined,
    role: undefined,
    eventKey: SANDBOX_EVENT_KEY,
    employeeIds: undefined,
    repairWaiting: false,
    baseRolesFile: undefined,
    allowance: 0,
    eventTypes: undefined,
    intents: 'github',
    intentsToken: undefined,
    wave: 0,
  }
}
