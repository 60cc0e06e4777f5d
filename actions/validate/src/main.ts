import { readFileSync } from 'node:fs'
import {
  getInputs,
  input,
  loadAccess,
  maskPersonalData,
  type Plan,
  parseEvent,
  plan,
  setOutputs,
  UserError,
  writeSummary,
} from '@onramp/core'

const INPUTS = {
  'roles-file': input.string({ default: '.github/access/roles.yaml' }),
  'guardrails-file': input.string({ default: '.github/access/guardrails.yaml' }),
  'employee-id': input.optional(),
  'event-type': input.optional(),
  email: input.personal(),
  name: input.personal(),
  role: input.optional(),
  'dry-run': input.boolean(false),
}

export type Inputs = ReturnType<typeof readInputs>
export const readInputs = () => getInputs(INPUTS)

export type Environment = Record<string, string | undefined>

/** Validates the event and the access files; outputs only ids; the plan (ids and names of groups) goes to the summary. */
export async function run(inputs: Inputs, env: Environment = process.env): Promise<void> {
  const access = loadAccess({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile })
  const event = parseEvent(
    readEvent(env.GITHUB_EVENT_PATH),
    env.GITHUB_EVENT_NAME ?? '',
    access,
    {
      employeeId: inputs.employeeId,
      eventType: inputs.eventType,
      email: inputs.email,
      name: inputs.name,
      role: inputs.role,
      dryRun: inputs.dryRun ? true : undefined,
    },
    { runId: env.GITHUB_RUN_ID },
  )
  maskPersonalData([event.email, event.name, event.managerEmail])

  // A rerun names only the person; each step fills the rest from the ledger, so its plan is made there.
  const desired: Plan | undefined =
    event.source === 'repository_dispatch' ? plan(event, access.roles, access.guardrails) : undefined
  const systems = desired ? (['identity', 'github', 'aws', 'slack'] as const).filter((s) => desired[s]) : []

  setOutputs({
    result: 'unchanged',
    'employee-id': event.employeeId,
    'event-type': event.type,
    role: event.role ?? '',
    'dry-run': String(event.dryRun),
    systems,
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

function readEvent(path: string | undefined): unknown {
  if (!path) throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'required: the runner names the event file' })
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new UserError({ field: 'GITHUB_EVENT_PATH', rule: 'must name a readable JSON event file' })
  }
}
