// The frame every action's run() stands in: load the reviewed access files, read and validate the event,
// mask personal data, fill a rerun from the person's ledger record, plan; and at the end record the step,
// set outputs, write the job summary and the audit lines. Actions only add their system's items.

import * as core from '@actions/core'
import {
  type Access,
  accessIdentifiers,
  assertNotStale,
  type CommonInputs,
  createAuditLog,
  declarePublicData,
  isNewer,
  type LifecycleEvent,
  loadAccess,
  maskPersonalData,
  type Plan,
  plan as planFor,
  publicIds,
  type ReconcileOutcome,
  readRunnerEvent,
  type StepResult,
  setOutputs,
  UserError,
  writeSummary,
} from '@onramp/core'
import type { Ledger, UpdateContext } from './ledger.js'
import { type OpenLedgerOptions, openLedger } from './open.js'
import type { LedgerRecord } from './record.js'

export type StepName = 'identity' | 'github' | 'aws' | 'notify'

export interface Step {
  name: StepName
  access: Access
  event: LifecycleEvent
  plan: Plan
  /** The person's record as read at the start (undefined for a first event). */
  record: LedgerRecord | undefined
  /** Absent when the step runs with no state (`state: none`). */
  ledger: Ledger | undefined
  dryRun: boolean
  /** Record the outcome (not in a dry run), set outputs, write the summary and audit lines. */
  finish(outcome: ReconcileOutcome, extra?: FinishExtra): Promise<StepResult>
}

export interface FinishExtra {
  /** Identifiers to keep in the record (merged into `ids`). */
  ids?: (ids: LedgerRecord['ids']) => void
  /** Further outputs; PII is refused by setOutputs. */
  outputs?: Record<string, string | undefined>
  /** Other changes to the record, e.g. the `notified` map. */
  mutate?: (record: LedgerRecord) => void
  /** A line under the summary title. */
  note?: string
}

export interface BeginOptions extends Pick<OpenLedgerOptions, 'clock' | 'fast' | 'octokit'> {
  /** GitHub API for the `github` state backend; default GITHUB_API_URL. */
  apiUrl?: string
  env?: NodeJS.ProcessEnv
}

const TITLES: Record<StepName, string> = {
  identity: 'onramp: identity provider',
  github: 'onramp: GitHub',
  aws: 'onramp: AWS IAM',
  notify: 'onramp: notifications',
}

export async function beginStep(name: StepName, inputs: CommonInputs, options: BeginOptions = {}): Promise<Step> {
  const env = options.env ?? process.env
  const access = loadAccess({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile })
  // The event is verified (signature, age) and checked before this step makes any call.
  const event = readRunnerEvent(access, inputs, env)
  // Nothing has logged yet: what is public is declared first, so a name that is also a word of the plan (Dev,
  // Acme, E1042) is not masked out of it. Explicit inputs are personal data too.
  declarePublicData({ text: [accessIdentifiers(access)], ids: publicIds(event) })
  maskPersonalData([inputs.email, inputs.name, event.email, event.name, event.managerEmail])

  const ledger =
    inputs.state === 'none'
      ? undefined
      : await openLedger(inputs.state, {
          token: inputs.stateToken,
          apiUrl: options.apiUrl ?? env.GITHUB_API_URL,
          repo: env.GITHUB_REPOSITORY,
          clock: options.clock,
          fast: options.fast,
          octokit: options.octokit,
        })
  const record = ledger ? await ledger.get(event.employeeId) : undefined
  if (record?.person) maskPersonalData([record.person.email, record.person.name, record.person.manager_email])

  if (event.source === 'workflow_dispatch') fillFromRecord(event, record)
  else assertNotStale(event, record?.last_event?.occurred_at)

  const plan = planFor(event, access.roles, access.guardrails, { lastRole: record?.role })
  const dryRun = event.dryRun
  const audit = createAuditLog()
  const context = { event: event.eventId, step: name, employee_id: event.employeeId }

  return {
    name,
    access,
    event,
    plan,
    record,
    ledger,
    dryRun,
    async finish(outcome, extra = {}) {
      audit.receipts(context, outcome.receipts)
      if (ledger && !dryRun) {
        const update: UpdateContext = { event: `${event.type}/${event.eventId}`, step: name }
        await ledger.update(event.employeeId, (r) => recordStep(r, name, event, outcome, env, extra), update)
      }
      setOutputs({
        result: outcome.result,
        receipt: outcome.receipts,
        'employee-id': event.employeeId,
        ...extra.outputs,
      })
      await writeSummary({
        title: TITLES[name],
        note: [dryRun ? 'Dry run: nothing was changed.' : undefined, extra.note].filter(Boolean).join(' '),
        receipts: outcome.receipts,
      })
      audit.log({ ...context, result: outcome.result })
      // A failed item fails the step, so the workflow's alert job runs; pending and deferred are not failures.
      if (outcome.result === 'failed') {
        const failed = outcome.receipts.filter((r) => r.result === 'failed')
        core.setFailed(`onramp ${name}: ${failed.map((r) => `${r.item}: ${r.reason ?? 'failed'}`).join('; ')}`)
      }
      return outcome.result
    },
  }
}

/** A rerun names only the person: the rest is what the ledger holds from their last HR event. */
function fillFromRecord(event: LifecycleEvent, record: LedgerRecord | undefined): void {
  if (!record?.last_event) {
    throw new UserError({ field: 'inputs.employee-id', rule: 'no ledger record for this employee: nothing to rerun' })
  }
  // A rerun repeats the person's last HR event; it never turns one into another (an offboarded person is never
  // re-granted access by a rerun: only a new HR event can do that).
  if (event.type !== record.last_event.type) {
    throw new UserError({
      field: 'inputs.event-type',
      rule: `a rerun repeats the person's last HR event, which was ${record.last_event.type}`,
    })
  }
  event.eventId = record.last_event.event_id
  event.occurredAt = record.last_event.occurred_at
  event.role ??= record.role
  event.name ??= record.person?.name
  event.email ??= record.person?.email
  event.managerEmail ??= record.person?.manager_email
}

function recordStep(
  r: LedgerRecord,
  name: StepName,
  event: LifecycleEvent,
  outcome: ReconcileOutcome,
  env: NodeJS.ProcessEnv,
  extra: FinishExtra,
): void {
  // A rerun that finds this event's step already done and verified leaves the record as it is: a rerun with
  // nothing to do makes no changing call, the ledger's commit included.
  const prev = r.steps[name]
  const verified = outcome.receipts.every((x) => x.verified)
  const confirms =
    prev?.event_id === event.eventId &&
    prev.verified === verified &&
    (prev.result === outcome.result || (prev.result === 'changed' && outcome.result === 'unchanged'))
  if (!confirms) {
    r.steps[name] = {
      result: outcome.result,
      verified,
      at: new Date().toISOString(),
      run: env.GITHUB_RUN_ID,
      event_id: event.eventId,
    }
  }
  if (event.source === 'repository_dispatch') {
    const last = r.last_event?.occurred_at
    // Steps of one event land in any order; an older HR event never moves the record back.
    if (!last || !isNewer(last, event.occurredAt)) {
      r.last_event = { event_id: event.eventId, type: event.type, occurred_at: event.occurredAt }
      if (event.role) r.role = event.role
      r.status = event.type === 'offboard' ? 'offboarded' : 'active'
      const person = { ...r.person }
      if (event.name) person.name = event.name
      if (event.email) person.email = event.email
      if (event.managerEmail) person.manager_email = event.managerEmail
      r.person = person
    }
  }
  extra.ids?.(r.ids)
  extra.mutate?.(r)
}
