// The frame every action's run() stands in: load the reviewed access files, read and validate the event,
// mask personal data, fill a rerun from the person's ledger record, plan; and at the end record the step,
// set outputs, write the job summary and the audit lines. Actions only add their system's items.

import * as core from '@actions/core'
import {
  type Access,
  accessIdentifiers,
  assertNotStale,
  type CommonInputs,
  completeDue,
  createAuditLog,
  type DatedEvent,
  type DatesPolicy,
  declarePublicData,
  formatLocal,
  type Grant,
  isNewer,
  keepDone,
  type LifecycleEvent,
  loadAccess,
  maskPersonalData,
  notYet,
  type Plan,
  plan as planFor,
  publicIds,
  type Receipt,
  type ReconcileOutcome,
  readRunnerEvent,
  recordGranted,
  type ScheduledTask,
  type StepResult,
  scheduleFor,
  setOutputs,
  systemClock,
  type TaskWhy,
  UserError,
  worst,
  writeSummary,
} from '@onramp/core'
import { grantedAfter, systemOfStep } from './granted.js'
import { personGrants, recordGrants } from './grants.js'
import type { Ledger, Mutation, UpdateContext } from './ledger.js'
import { type OpenLedgerOptions, openStepLedger } from './open.js'
import { keepPersonDetails, type LedgerEvent, type LedgerRecord, ledgerEvent, newestRecorded } from './record.js'

export type StepName = 'identity' | 'github' | 'aws' | 'notify'
/** The steps that change access: only their failure keeps an event from being applied. */
const ACCESS_STEPS: StepName[] = ['identity', 'github', 'aws']

export interface Step {
  name: StepName
  access: Access
  event: LifecycleEvent
  plan: Plan
  /** The person's record as read at the start (undefined for a first event). */
  record: LedgerRecord | undefined
  /** The person's time-bound grants at the start (the ledger's, with grants.yaml's brought in; grants.ts). */
  grants: Grant[]
  /** Absent when the step runs with no state (`state: none`). */
  ledger: Ledger | undefined
  dryRun: boolean
  /** The clock's time when the step began (epoch ms): every date decision of the step takes this. */
  now: number
  /**
   * This step's part of the event is not due yet (a start date, a last day; core dates.ts notYet): the step
   * changes nothing and finishes with scheduled(). `local` is `until` in the organization's time zone.
   */
  waiting: { until: string; why: TaskWhy; local: string } | undefined
  /** Record the outcome (not in a dry run), set outputs, write the summary and audit lines. */
  finish(outcome: ReconcileOutcome, extra?: FinishExtra): Promise<StepResult>
  /** Finish as `scheduled`, without a call: one receipt saying until when and why. Only while `waiting`. */
  scheduled(extra?: FinishExtra): Promise<StepResult>
  /**
   * Finish having done the part of the event due now, the rest due at `next` (a joiner's notify: the welcome
   * before the start date): `scheduled` (or worse) with the outcome's receipts plus one saying until when and
   * why. Unless an item failed, the step's tasks due now are stamped done, so the scheduled run does not repeat it.
   */
  partly(outcome: ReconcileOutcome, next: { until: string; why: TaskWhy }, extra?: FinishExtra): Promise<StepResult>
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
  /** A `scheduled` finish that did the part due now (partly): its due tasks are done. */
  didDue?: boolean
}

export interface BeginOptions extends Pick<OpenLedgerOptions, 'clock' | 'fast' | 'octokit'> {
  /** GitHub API for the `github` state backend; default GITHUB_API_URL. */
  apiUrl?: string
  env?: NodeJS.ProcessEnv
  /** One person of a converge run (converge.ts): access files and ledger shared, the outcome reported to it. */
  batch?: Batch
}

/** What a converge run shares with each person's step. */
export interface Batch {
  access: Access
  ledger: Ledger | undefined
  /**
   * Takes the person's outcome instead of `finish` setting outputs, writing the job summary and failing the
   * step: the run does those once, for everybody (converge.ts).
   */
  report(employeeId: string, outcome: ReconcileOutcome, note?: string): void
  /**
   * Takes the person's ledger change instead of `finish` writing it: the run writes many people's changes in
   * one commit (Ledger.updateMany). `ifThrown` is what to record should the person's step throw after it began.
   */
  record(employeeId: string, change: { mutate: Mutation; ifThrown?: boolean }): void
  /** The person's record as the run read it when it selected them: the step reads it no second time. */
  read(employeeId: string): LedgerRecord | undefined
}

const TITLES: Record<StepName, string> = {
  identity: 'onramp: identity provider',
  github: 'onramp: GitHub',
  aws: 'onramp: AWS IAM',
  notify: 'onramp: notifications',
}

export async function beginStep(name: StepName, inputs: CommonInputs, options: BeginOptions = {}): Promise<Step> {
  const env = options.env ?? process.env
  const batch = options.batch
  const access = batch?.access ?? loadAccess({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile })
  // The event is verified (signature, age) and checked before this step makes any call, at the step's clock's now.
  const clock = options.clock ?? systemClock
  const event = readRunnerEvent(access, inputs, env, { now: () => new Date(clock.now()) })
  // Nothing has logged yet: what is public is declared first, so a name that is also a word of the plan (Dev,
  // Acme, E1042) is not masked out of it. Explicit inputs are personal data too.
  declarePublicData({ text: [accessIdentifiers(access)], ids: publicIds(event) })
  maskPersonalData([inputs.email, inputs.name, event.email, event.name, event.managerEmail, event.personalEmail])

  const ledger = batch ? batch.ledger : inputs.state === 'none' ? undefined : await openStepLedger(inputs, env, options)
  const record = batch ? batch.read(event.employeeId) : ledger ? await ledger.get(event.employeeId) : undefined
  if (record?.person)
    maskPersonalData([
      record.person.email,
      record.person.name,
      record.person.manager_email,
      record.person.personal_email,
    ])

  if (event.source === 'workflow_dispatch') fillFromRecord(event, record)
  else assertNotStale(event, record?.last_event?.occurred_at)
  assertApplicable(event, record)

  // What onramp may take away is what it granted (a record from before `granted` existed: what its role gives).
  // Desired is the role's items and those of the person's grants active now.
  const now = clock.now()
  const grants = personGrants(access, event.employeeId, record?.grants, now, env)
  const plan = planFor(event, access.roles, access.guardrails, {
    lastRole: record?.role,
    granted: recordGranted(record),
    grants: { list: grants, now },
  })
  const dryRun = event.dryRun
  const dates = access.guardrails.dates
  const notDue = notYet(name, event, dates, now)
  const waiting = notDue && { ...notDue, local: formatLocal(notDue.until, dates.timeZone) }
  const audit = createAuditLog()
  const context = { event: event.eventId, step: name, employee_id: event.employeeId }
  // A converge run records a step that throws from here on as failed for this event (so it is not applied, and
  // the next apply retries it); the step's own result replaces this in finish.
  if (batch && ledger && !dryRun)
    batch.record(event.employeeId, {
      mutate: (r) => recordThrown(r, name, event, env),
      ifThrown: true,
    })

  const step: Step = {
    name,
    access,
    event,
    plan,
    record,
    grants,
    ledger,
    dryRun,
    now,
    waiting,
    scheduled(extra) {
      if (!waiting) throw new Error(`onramp ${name}: scheduled() while nothing is waiting`)
      const note = `Not due yet: nothing was read or changed. This step runs ${WHEN[waiting.why]}, ${waiting.local}.`
      return step.finish(
        { result: 'scheduled', receipts: [scheduleReceipt(waiting.local, waiting.why)] },
        { note, ...extra },
      )
    },
    partly(outcome, next, extra) {
      const receipts = [...outcome.receipts, scheduleReceipt(formatLocal(next.until, dates.timeZone), next.why)]
      return step.finish({ result: worst([outcome.result, 'scheduled']), receipts }, { ...extra, didDue: true })
    },
    async finish(outcome, extra = {}) {
      audit.receipts(context, outcome.receipts)
      if (ledger && !dryRun) {
        const update: UpdateContext = { event: `${event.type}/${event.eventId}`, step: name }
        const granted = { plan, access, before: record, now }
        const mutate = (r: LedgerRecord) => recordStep(r, name, event, outcome, env, extra, granted)
        // One person (lifecycle.yml): the step's one commit, now. A converge run writes it with others' later.
        if (batch) batch.record(event.employeeId, { mutate })
        else await ledger.update(event.employeeId, mutate, update)
      }
      if (batch) {
        audit.log({ ...context, result: outcome.result })
        batch.report(event.employeeId, outcome, extra.note)
        return outcome.result
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
        rerun: { employeeId: event.employeeId, eventType: event.type },
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
  return step
}

/** What a task's time is, for a summary's reader. */
const WHEN: Record<TaskWhy, string> = {
  start: 'on the start date',
  early: 'before the start date (guardrails dates.joiner)',
  welcome: 'at the welcome lead time before the start date',
  leave: 'at the end of the last day',
  deactivate: 'after the last day (guardrails dates.leaver)',
  delete: 'after the last day (guardrails dates.leaver)',
  'grant-expiry': 'when the time-bound grant ends',
}

/** The one receipt of a step (or the rest of one) that is not due yet: until when, and why. */
function scheduleReceipt(local: string, why: TaskWhy): Receipt {
  return scheduleItem('scheduled', `until ${local} (${why})`)
}

/** A `schedule` receipt: what waits for a date, made without a call (a waiting step, a STAGED account). */
export function scheduleItem(result: StepResult, reason: string): Receipt {
  return { item: 'schedule', action: 'none', before: null, after: null, verified: true, result, reason }
}

/** A rerun names only the person: the rest is what the ledger holds from their last HR event. */
function fillFromRecord(event: LifecycleEvent, record: LedgerRecord | undefined): void {
  if (event.offboardNow) {
    fillOffboardNow(event, record)
    return
  }
  const last = record && newestRecorded(record)
  if (!record || !last) {
    throw new UserError({ field: 'inputs.employee-id', rule: 'no ledger record for this employee: nothing to rerun' })
  }
  // A rerun repeats the person's last HR event (applied, or newer and not applied yet); it never turns one into
  // another (an offboarded person is never re-granted access by a rerun: only a new HR event can do that).
  if (event.type !== last.type) {
    throw new UserError({
      field: 'inputs.event-type',
      rule: `a rerun repeats the person's last HR event, which was ${last.type}`,
    })
  }
  event.eventId = last.event_id
  event.occurredAt = last.occurred_at
  event.role ??= last.role ?? record.role
  // When it takes effect comes back with it: a rerun at the due time does what is due then.
  if (last.start_date) event.startDate ??= last.start_date
  if (last.last_day) event.lastDay = last.last_day
  if (last.last_hour !== undefined) event.lastHour = last.last_hour
  if (last.urgent) event.urgent = true
  fillPerson(event, record)
}

/**
 * An emergency offboard: whatever HR last said, dated no earlier than the last event recorded, so that no older
 * event can undo it; every job of the run reads the same event (its id is the run's) and the same date.
 */
function fillOffboardNow(event: LifecycleEvent, record: LedgerRecord | undefined): void {
  if (!record) {
    throw new UserError({
      field: 'inputs.employee-id',
      rule: 'no ledger record for this employee: nothing to offboard',
    })
  }
  const same = [record.last_event, record.unapplied_event].find((e) => e?.event_id === event.eventId)
  const latest = newestRecorded(record)?.occurred_at
  if (same) event.occurredAt = same.occurred_at
  else if (latest && isNewer(latest, event.occurredAt)) event.occurredAt = latest
  // Now, whatever last day HR gave.
  event.urgent = true
  event.role ??= record.role
  fillPerson(event, record)
}

/** Everything a first run had from HR's payload: the person's details and the event's dates. */
function fillPerson(event: LifecycleEvent, record: LedgerRecord): void {
  event.name ??= record.person?.name
  event.email ??= record.person?.email
  event.managerEmail ??= record.person?.manager_email
  event.personalEmail ??= record.person?.personal_email
  event.githubUsername ??= record.person?.github_username
}

/** Refuses, before anything is changed or recorded, an event the person's state cannot take. */
export function assertApplicable(event: LifecycleEvent, record: LedgerRecord | undefined): void {
  const field = event.source === 'repository_dispatch' ? 'action' : 'inputs.event-type'
  const by = record?.offboarded_by
  if (by && event.type !== 'offboard' && !isNewer(event.occurredAt, by.occurred_at)) {
    throw new UserError({
      field: 'client_payload.occurred_at',
      rule: 'not newer than the emergency offboard recorded for this person: only a newer HR event can rehire',
    })
  }
  if (event.type === 'role-change' && record?.status !== 'active') {
    throw new UserError({
      field,
      rule:
        record?.status === 'offboarded'
          ? 'role-change for an offboarded employee: a rehire starts with an onboard'
          : 'role-change before an onboard was applied for this employee: send the onboard first',
    })
  }
  // A leaver keeps their access, and their role, until the last day: a role change in between would replace the
  // scheduled offboard as the newest event (and with it the schedule). A newer onboard rescinds the leave.
  if (event.type === 'role-change' && record && scheduledOffboard(record)) {
    throw new UserError({
      field,
      rule: 'role-change for an employee whose offboard is scheduled (last day not over): a newer onboard rescinds the leave first, or offboard-now ends it at once',
    })
  }
  // An offboard after an onboard that failed half-way still runs: whatever was granted is revoked.
  if (event.type === 'offboard' && !record?.last_event && !record?.unapplied_event) {
    throw new UserError({
      field,
      rule: 'offboard before any onboard was recorded for this employee: nothing to revoke',
    })
  }
}

/** The person's offboard is recorded and waits for its last day: every access step recorded `scheduled` for it. */
export function scheduledOffboard(record: LedgerRecord): boolean {
  const pending = record.unapplied_event
  return pending?.type === 'offboard' && waitsForItsDate(record, pending.event_id)
}

/** Every access step that recorded a result for the event recorded `scheduled`: it waits for its date. */
function waitsForItsDate(r: LedgerRecord, eventId: string): boolean {
  const mine = ACCESS_STEPS.map((n) => r.steps[n]).filter((s) => s?.event_id === eventId)
  return mine.length > 0 && mine.every((s) => s?.result === 'scheduled')
}

function recordStep(
  r: LedgerRecord,
  name: StepName,
  event: LifecycleEvent,
  outcome: ReconcileOutcome,
  env: NodeJS.ProcessEnv,
  extra: FinishExtra,
  granted: { plan: Plan; access: Access; before: LedgerRecord | undefined; now: number },
): void {
  // What the step's system holds that onramp granted, from its receipts (before this step's result is in `r`).
  const system = systemOfStep(name)
  if (system) {
    const list = grantedAfter(r, granted.before, system, granted.plan, outcome.receipts, granted.access.roles)
    r.granted = { ...r.granted, [system]: list }
  }
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
  if (
    event.source === 'repository_dispatch' &&
    (!r.last_event || !isNewer(r.last_event.occurred_at, event.occurredAt))
  ) {
    // Applied or not.
    keepPersonDetails(r, event)
  }
  if (event.offboardNow && !r.offboarded_by) {
    r.offboarded_by = {
      actor: env.GITHUB_ACTOR || 'unknown',
      at: new Date().toISOString(),
      ...(env.GITHUB_RUN_ID ? { run: env.GITHUB_RUN_ID } : {}),
      event_id: event.eventId,
      occurred_at: event.occurredAt,
    }
  }
  settle(r, event)
  // The person's time-bound grants (grants.yaml's brought in, ended by an offboard) and their expiry tasks.
  recordGrants(r, {
    access: granted.access,
    eventType: event.type,
    result: outcome.result,
    now: granted.now,
    env,
  })
  r.schedule = scheduleOf(r, granted.access.guardrails.dates)
  // The step did what was due (it ran for real, and neither failed nor waited): its due tasks are done.
  if (outcome.result !== 'failed' && (outcome.result !== 'scheduled' || extra.didDue))
    r.schedule = completeDue(r.schedule, name, granted.now)
  if (!r.schedule.length) delete r.schedule
  extra.ids?.(r.ids)
  extra.mutate?.(r)
}

/** A ledger event as dates.ts reads it. */
export function datedOf(e: LedgerEvent): DatedEvent {
  return {
    type: e.type,
    eventId: e.event_id,
    occurredAt: e.occurred_at,
    ...(e.start_date ? { startDate: e.start_date } : {}),
    ...(e.last_day ? { lastDay: e.last_day } : {}),
    ...(e.last_hour !== undefined ? { lastHour: e.last_hour } : {}),
    ...(e.urgent ? { urgent: true } : {}),
  }
}

/**
 * The person's schedule: the newest event's tasks (an older event's are superseded by it) and every task not of
 * an HR event (a grant's end), each keeping the done stamp it has.
 */
function scheduleOf(r: LedgerRecord, dates: DatesPolicy): ScheduledTask[] {
  const newest = newestRecorded(r)
  const others = (r.schedule ?? []).filter((t) => t.event_id === undefined)
  return keepDone(r.schedule, [...(newest ? scheduleFor(datedOf(newest), dates) : []), ...others])
}

/** A converge run's person whose step threw: a failed result for the event, nothing else touched. */
function recordThrown(r: LedgerRecord, name: StepName, event: LifecycleEvent, env: NodeJS.ProcessEnv): void {
  r.steps[name] = {
    result: 'failed',
    verified: false,
    at: new Date().toISOString(),
    run: env.GITHUB_RUN_ID,
    event_id: event.eventId,
  }
  settle(r, event)
}

/**
 * An event is applied when every access step (identity, github, aws) that recorded a result for it recorded
 * changed, unchanged, pending or deferred. Steps land one by one, so the first success applies it (status,
 * role, last_event) and keeps what was there before; an access step that then fails for it puts that back. A
 * failed notification leaves the access applied (the alert fires; a rerun sends what was not sent). An older
 * event never moves the record back.
 */
function settle(r: LedgerRecord, event: LifecycleEvent): void {
  const entry = ledgerEvent(event)
  // Not applied yet either: an event waiting for its date.
  const failed =
    waitsForItsDate(r, event.eventId) ||
    ACCESS_STEPS.some((n) => r.steps[n]?.event_id === event.eventId && r.steps[n]?.result === 'failed')
  const applied = r.last_event?.event_id === event.eventId
  const older = r.last_event !== undefined && !applied && isNewer(r.last_event.occurred_at, event.occurredAt)
  if (failed) {
    if (applied) {
      const before = r.before_last
      r.last_event = before?.last_event
      r.status = before?.status ?? 'new'
      r.role = before?.role
      delete r.before_last
    }
    if (!older) r.unapplied_event = entry
    return
  }
  if (applied || older) return
  r.before_last = { last_event: r.last_event, status: r.status, role: r.role }
  r.last_event = entry
  if (event.role) r.role = event.role
  r.status = event.type === 'offboard' ? 'offboarded' : 'active'
  if (r.unapplied_event && !isNewer(r.unapplied_event.occurred_at, event.occurredAt)) delete r.unapplied_event
}
