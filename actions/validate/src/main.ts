import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  accessIdentifiers,
  COMMON_INPUTS,
  clockFromEnv,
  declarePublicData,
  getInputs,
  INTENT_FILE,
  intentName,
  loadAccess,
  maskPersonalData,
  type Plan,
  parseWake,
  plan,
  publicIds,
  queueOf,
  readEventFile,
  readRunnerEvent,
  setOutputs,
  writeSummary,
} from '@onramp/core'

// The common inputs less the ledger's: validate reads no state.
const { state: _state, 'state-token': _stateToken, 'state-repository': _stateRepository, ...INPUTS } = COMMON_INPUTS

export type Inputs = ReturnType<typeof readInputs>
export const readInputs = () => getInputs(INPUTS)

export type Environment = Record<string, string | undefined>

/** Validates the event and the access files; outputs only ids; the plan (ids and names of groups) goes to the summary. */
export async function run(inputs: Inputs, env: Environment = process.env): Promise<void> {
  const access = loadAccess({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile })
  // Refuses an unsigned, forged, expired or future-dated HR event before anything else. validate calls nothing;
  // its clock is the sandbox's only when the run's GitHub is (the local runner's), like every later step's.
  const clock = clockFromEnv(env, [env.GITHUB_API_URL])
  const wake = env.GITHUB_EVENT_NAME === 'repository_dispatch' ? parseWake(readEventFile(env)) : undefined
  if (wake) {
    setOutputs({
      result: 'unchanged',
      'employee-id': '',
      'event-type': 'drain',
      queue: wake.queue,
      role: '',
      'dry-run': 'false',
      systems: [],
      'intent-name': '',
      'intent-path': '',
    })
    await writeSummary({
      title: `onramp: a wake-up of the ${wake.queue}' drain is valid`,
      note: 'It names nobody: each access job takes the next wave of the people pending.',
      receipts: [],
    })
    return
  }
  const event = readRunnerEvent(access, inputs, env, { now: () => new Date(clock.now()) })
  declarePublicData({ text: [accessIdentifiers(access)], ids: publicIds(event) })
  maskPersonalData([event.email, event.name, event.managerEmail])

  // A rerun names only the person; each step fills the rest from the ledger, so its plan is made there.
  const desired: Plan | undefined =
    event.source === 'repository_dispatch' ? plan(event, access.roles, access.guardrails) : undefined
  const systems = desired ? (['identity', 'github', 'aws', 'slack'] as const).filter((s) => desired[s]) : []
  const intent = event.source === 'repository_dispatch' ? writeIntent(event.employeeId, event.eventId, env) : undefined

  setOutputs({
    result: 'unchanged',
    'employee-id': event.employeeId,
    'event-type': event.type,
    queue: queueOf(event.type),
    role: event.role ?? '',
    'dry-run': String(event.dryRun),
    systems,
    'intent-name': intent?.name ?? '',
    'intent-path': intent?.path ?? '',
  })
  await writeSummary({
    title: `onramp: ${event.type} ${event.employeeId} is valid`,
    note: desired
      ? `Role ${event.role ?? '(none)'}; systems: ${systems.join(', ') || 'none'}.${event.dryRun ? ' Dry run.' : ''}`
      : 'Rerun: each step reads the person from the ledger and plans there.',
    plan: desired,
    receipts: [],
  })
}

/**
 * The verified HR event as received (the event file's `action` and `client_payload`), for the workflow to upload
 * as the intent artifact the access jobs drain (packages/ledger/src/intents.ts verifies it again).
 */
function writeIntent(employeeId: string, eventId: string, env: Environment) {
  const file = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH!, 'utf8')) as Record<string, unknown>
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'onramp-intent')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, INTENT_FILE)
  writeFileSync(path, JSON.stringify({ action: file.action, client_payload: file.client_payload }))
  return { name: intentName(employeeId, eventId), path }
}
