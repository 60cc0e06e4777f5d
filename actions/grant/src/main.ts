// grant: records a time-bound grant asked for through grant.yml (workflow_dispatch), in a job of the protected
// `onramp-grant` environment, so a reviewer approved this run before it started. Everything is checked before
// the one ledger write (items on guardrails' allowlist, days within grants.max-days, a known active person); bad
// input changes nothing. The grant is keyed by the run (`run-<run id>`), so a rerun of the run records nothing
// twice. The jobs after it converge the person; the scheduled run revokes the grant at its end (expiry tasks).
import * as core from '@actions/core'
import {
  type Clock,
  COMMON_INPUTS,
  clockFromEnv,
  EMPLOYEE_ID_PATTERN,
  EMPLOYEE_ID_RULE,
  formatLocal,
  type Grant,
  getInputs,
  grantItemProblems,
  grantItems,
  input,
  loadAccess,
  type Problem,
  parseGrantItemsInput,
  SYSTEMS,
  setOutputs,
  shiftDays,
  UserError,
  writeSummaryMarkdown,
} from '@onramp/core'
import { type LedgerRecord, openStepLedger, stateEndpoints, withGrantTasks } from '@onramp/ledger'

const INPUTS = {
  'employee-id': input.string({ pattern: EMPLOYEE_ID_PATTERN, rule: EMPLOYEE_ID_RULE }),
  items: input.string(),
  days: input.integer({ min: 1, max: 365 }),
  reason: input.string(),
  'roles-file': COMMON_INPUTS['roles-file'],
  'guardrails-file': COMMON_INPUTS['guardrails-file'],
  state: COMMON_INPUTS.state,
  'state-token': COMMON_INPUTS['state-token'],
  'state-repository': COMMON_INPUTS['state-repository'],
}

export type Inputs = ReturnType<typeof readInputs>
export const readInputs = () => getInputs(INPUTS)

export interface RunOptions {
  env?: NodeJS.ProcessEnv
  clock?: Clock
}

export async function run(inputs: Inputs, options: RunOptions = {}): Promise<Grant> {
  const env = options.env ?? process.env
  const clock = options.clock ?? clockFromEnv(env, stateEndpoints(inputs.state, env.GITHUB_API_URL))
  const access = loadAccess({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile })
  const { guardrails } = access

  // Everything about the request itself, before the ledger is read.
  const problems: Problem[] = []
  const { kinds, problems: shape } = parseGrantItemsInput(inputs.items, 'with.items')
  problems.push(...shape)
  if (!shape.length) problems.push(...grantItemProblems(kinds, guardrails, 'with.items'))
  const max = guardrails.grants?.maxDays
  if (max !== undefined && inputs.days > max)
    problems.push({ field: 'with.days', rule: `more than guardrails grants.max-days (${max})` })
  const reason = inputs.reason.trim()
  if (!reason || [...reason].length > 500) problems.push({ field: 'with.reason', rule: 'must be 1-500 characters' })
  const runId = env.GITHUB_RUN_ID
  if (!runId) problems.push({ field: 'GITHUB_RUN_ID', rule: 'required: the grant is keyed by its run' })
  if (problems.length) throw new UserError(problems)

  const ledger = await openStepLedger(inputs, env, { clock })
  const employeeId = inputs.employeeId
  const now = clock.now()
  const id = `run-${runId}`
  const grant: Grant = {
    id,
    items: grantItems(kinds),
    from: new Date(now).toISOString(),
    until: new Date(shiftDays(now, inputs.days, guardrails.dates.timeZone)).toISOString(),
    requested_by: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || 'unknown',
    // What the run can know: its jobs in onramp-grant started only once a required reviewer approved them; the
    // run page's review history names the reviewer.
    approved_by: `reviewer of the onramp-grant environment (run ${runId})`,
    reason,
    source: 'workflow',
  }
  let recorded: Grant | undefined
  await ledger.update(
    employeeId,
    (r: LedgerRecord) => {
      // Checked against the record as written: a person offboarded meanwhile gets nothing.
      if (!r.last_event) throw new UserError({ field: 'with.employee-id', rule: 'no ledger record for this employee' })
      if (r.status !== 'active')
        throw new UserError({ field: 'with.employee-id', rule: 'employee is not active (offboarded or not onboarded)' })
      recorded = r.grants?.find((g) => g.id === id)
      if (recorded) return // a rerun of this run: recorded already
      r.grants = [...(r.grants ?? []), grant]
      r.schedule = withGrantTasks(r.schedule, r.grants)
      recorded = grant
    },
    { event: `grant/${id}`, step: 'grant' },
  )
  const g = recorded ?? grant
  const items = SYSTEMS.flatMap((s) => g.items[s] ?? [])
  const line = `grant ${g.id} for ${employeeId} until ${formatLocal(g.until, guardrails.dates.timeZone)}: ${items.join(', ')}`
  core.info(`onramp: ${line}`)
  await writeSummaryMarkdown(
    `## onramp: time-bound grant\n\n${line.replace(/[<>|`*_[\]]/g, (c) => `\\${c}`)}\n\nRequested by ${g.requested_by}; ${g.approved_by ?? ''}. The jobs after this one give it; the scheduled run revokes it at its end.\n`,
  )
  setOutputs({ 'grant-id': g.id, 'employee-id': employeeId, until: g.until })
  return g
}
