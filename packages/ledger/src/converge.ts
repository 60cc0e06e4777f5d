// A converge run: one action, many people, one process. Each person's step is exactly the workflow_dispatch
// rerun of their last HR event (beginStep fills it from the ledger and plans it with the current role map), so
// the items, the reconcile loop, the verification and the ledger record are an HR event's. The action builds its
// API clients once and hands them to every person: the run has one rate budget per system, not one per person.
// Each person's outcome is their own: a failure, even a thrown error, never stops the others; the run reports
// everybody once (summary table, `results` and `changes` outputs, audit lines) and fails if anyone failed.
//
// It is also the scheduler: a person with a scheduled task due at the clock's now (record.schedule) is waiting
// work like a pending invitation, run for real even in a report, and the run says which tasks it did and how
// late, and which come next.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import * as core from '@actions/core'
import {
  type Access,
  type AccessPlan,
  type CommonInputs,
  ContentShare,
  createAuditLog,
  dueTasks,
  EMPLOYEE_ID_PATTERN,
  formatProblem,
  GITHUB_LIMITS,
  input,
  LEDGER_COMMIT_WRITES,
  loadAccess,
  mdText,
  type Problem,
  planAccess,
  type Receipt,
  type ReconcileOutcome,
  type RetryPolicy,
  redactPersonalData,
  renderSummary,
  type StepResult,
  setOutputs,
  systemClock,
  UserError,
  worst,
  writeSummaryMarkdown,
} from '@onramp/core'
import { readAllRecords } from './all.js'
import {
  folderIntents,
  githubIntents,
  type IntakeReport,
  type IntentSource,
  ownEmployeeId,
  type PendingOptions,
  parseEventTypes,
  selectPending,
} from './intents.js'
import type { Change, Ledger, Mutation } from './ledger.js'
import { type OpenLedgerOptions, openStepLedger } from './open.js'
import { STEP_NAMES } from './pending.js'
import { type LedgerRecord, newestRecorded } from './record.js'
import type { Batch, StepName } from './step.js'
import {
  describeRun,
  SCHEDULE_PERIOD_MS,
  type TaskLine,
  type TaskRun,
  tasksRan,
  UPCOMING_DAYS,
  upcomingTasks,
} from './tasks.js'

/** Most people one run takes: past that, split the list (or let the scheduled run catch up). */
export const MAX_PEOPLE = 5000

/** The inputs every access action (and notify) adds for a converge run. */
export const CONVERGE_INPUTS = {
  /**
   * Newline- or comma-separated employee ids, `all`, `affected` (the people the access plan of base-roles-file →
   * the role map gives or takes something), or `due` (the people with a scheduled task due or waiting work for
   * this step); empty: one person, from the event (lifecycle.yml).
   */
  'employee-ids': input.optional(),
  /**
   * In a dry run, still run for real each person with waiting work for this step: a last result pending or
   * deferred, or a scheduled task due.
   */
  'repair-waiting': input.boolean(false),
  /** With `affected`: the role map before the change (a push's before commit); absent: the ledger's granted items. */
  'base-roles-file': input.optional(),
  /** With `affected`: a one-off number of removals allowed past the guard, given through a reviewed environment. */
  allowance: input.integer({ default: 0, min: 0, max: 1_000_000 }),
  /** With `pending`: the event types this drain takes (default all; a leavers' drain takes offboard). */
  'event-types': input.optional(),
  /** With `pending`: where the HR events' intents are, `github` (this repository's artifacts) or `file:<dir>`. */
  intents: input.string({ default: 'github', pattern: /^(github|file:.+)$/, rule: 'must be github or file:<dir>' }),
  /** With `pending` and `intents: github`: a token that may read this repository's artifacts (actions: read). */
  'intents-token': input.secret({ required: false }),
  /**
   * With `pending`: run at most this many people (0: everybody): events this step has not run yet, oldest first,
   * before retries of its failures. The new events left out stay pending for the next run, counted in the `left`
   * output (lifecycle.yml's identity job wakes a run for them).
   */
  wave: input.integer({ default: 0, min: 0, max: MAX_PEOPLE }),
}

export interface ConvergeInputs {
  employeeIds?: string
  repairWaiting: boolean
  baseRolesFile?: string
  allowance: number
  eventTypes?: string
  intents?: string
  intentsToken?: string
  wave?: number
}

/** What forEachPerson reads: the common inputs and the converge ones. */
export type CommonInputsFor = CommonInputs & ConvergeInputs

/** The step results that are onramp's own unfinished work: an invitation not accepted yet, or past the cap. */
const WAITING: StepResult[] = ['pending', 'deferred']

export type Selection = { all: true } | { affected: true } | { due: true } | { pending: true } | { ids: string[] }

/**
 * `all`, `affected`, `due` (people with a scheduled task due or waiting work), `pending` (a drain of HR events:
 * intents.ts), or the listed ids (newlines, commas or spaces between them), checked and de-duplicated.
 */
export function parseEmployeeIds(raw: string): Selection {
  const field = 'with.employee-ids'
  const list = raw
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const words = ['all', 'affected', 'due', 'pending'] as const
  for (const word of words) if (list.length === 1 && list[0] === word) return { [word]: true } as Selection
  if (list.length === 0)
    throw new UserError({ field, rule: 'must list employee ids or be all, affected, due or pending' })
  if (words.some((w) => list.includes(w)))
    throw new UserError({ field, rule: 'all, affected, due and pending stand alone, not in a list' })
  const bad = list.filter((id) => !EMPLOYEE_ID_PATTERN.test(id)).length
  if (bad) throw new UserError({ field, rule: `${bad} entries are not employee ids (1-64 of A-Z a-z 0-9 . _ -)` })
  const ids = [...new Set(list)]
  if (ids.length > MAX_PEOPLE) throw new UserError({ field, rule: `at most ${MAX_PEOPLE} people per run` })
  return { ids }
}

/**
 * `all`: every person whose record is active, or holds an event not applied yet (a failed onboard is retried,
 * a failed offboard revoked again), or a scheduled task of this step not done yet (a leaver's post-leave steps
 * run after the offboard). Offboarded people with nothing pending are left alone.
 */
export function isConverged(record: LedgerRecord, step: StepName): boolean {
  return (
    record.status === 'active' ||
    record.unapplied_event !== undefined ||
    Boolean(record.schedule?.some((t) => t.step === step && !t.done_at))
  )
}

/**
 * Whether this step has onramp's own waiting work for the person at `now`: its last result for the current event
 * is pending or deferred (see WAITING), or one of its scheduled tasks is due (a start date, a last day, a grant's
 * end): what a report runs for real (repair-waiting) and what `due` selects.
 */
export function isWaiting(record: LedgerRecord, step: StepName, now: number): boolean {
  const last = newestRecorded(record)
  const s = record.steps[step]
  if (last && s && s.event_id === last.event_id && WAITING.includes(s.result)) return true
  return dueTasks(record.schedule ?? [], now).some((t) => t.step === step)
}

export interface PersonResult {
  employee_id: string
  result: StepResult
  /** This person's step ran as a dry run (report mode, or a dry-run input). */
  dry_run: boolean
  /** Item keys whose receipt action is not `none`: changed, or in a dry run what would change (drift). */
  changes: string[]
  failed: { item: string; reason: string }[]
  /** Items deferred (past a cap), with why and when they are expected to go out. */
  waiting: { item: string; reason: string }[]
  /** Scheduled tasks of this step the run did (stamped done in the ledger), and how late each was. */
  tasks?: TaskRun[]
}

export interface ConvergeResult {
  step: StepName
  result: StepResult
  people: PersonResult[]
  /** The mass-change guard refused the access plan: nobody was touched. */
  refused?: string
  /** With `affected`: the access plan in one line (counts per system). */
  plan?: string
  /** This step's tasks due in the next UPCOMING_DAYS, of the people the run read, by date then employee id. */
  upcoming?: TaskLine[]
  /** The organization's time zone (guardrails dates.time-zone), in which the summary shows times. */
  time_zone?: string
  /** With `pending`, in the identity job: the intents taken in. */
  intake?: IntakeReport
  /** In a drain with a wave: the people pending it left for the next run. */
  left?: number
  /**
   * With `due`: the steps that have no waiting work for anybody at the run's now (idleSteps), so that
   * reconcile.yml's quarter-hourly run starts no job for them.
   */
  idle?: StepName[]
  /** In a drain run by an HR event, that event's person's items (the job summary one event alone would show). */
  own?: { employee_id: string; receipts: Receipt[]; note?: string }
}

export interface ConvergeOptions extends Pick<OpenLedgerOptions, 'clock' | 'fast' | 'octokit'> {
  apiUrl?: string
  env?: NodeJS.ProcessEnv
  /** When the run writes the step results it holds: default LEDGER_CHUNK. */
  chunk?: { people: number; ms: number }
  /**
   * Before each chunk of people runs (chunk.people at a time): what must be durable before their sends, written
   * for the chunk in one commit (notify's notice intents in a drain).
   */
  beforeChunk?: (records: LedgerRecord[], ledger: Ledger) => Promise<void>
  /**
   * The job was cancelled (SIGINT, then SIGTERM, before the runner kills it): what must reach the ledger at once
   * (notify clears the intents of sends it will not begin). The run starts nobody else and writes the results held.
   */
  onStop?: (ledger: Ledger) => Promise<void>
}

/**
 * A converge run writes its people's step results to the ledger in one commit per chunk (Ledger.updateMany), not
 * one per person: every 25 people, or once the oldest unwritten result is 30 seconds old (rate-limit waits make a
 * chunk slow), and at the end. A crash loses at most one chunk's records, never access: the systems hold what
 * was done, and the next run reads it back and records it.
 */
export const LEDGER_CHUNK = { people: 25, ms: 30_000 }

const TITLES: Record<StepName, string> = {
  identity: 'identity provider',
  github: 'GitHub',
  aws: 'AWS IAM',
  notify: 'notifications',
}

/**
 * Runs `runPerson` for each selected person with inputs naming them (their last event's type; `dry-run` per
 * person), and a batch that shares the access files and the ledger and collects the outcome. The action's
 * runPerson closes over its shared clients.
 */
export async function forEachPerson(
  name: StepName,
  inputs: CommonInputsFor,
  runPerson: (inputs: CommonInputs, batch: Batch) => Promise<unknown>,
  options: ConvergeOptions = {},
): Promise<ConvergeResult> {
  const env = options.env ?? process.env
  refuseSinglePersonInputs(inputs)
  const selection = parseEmployeeIds(inputs.employeeIds ?? '')
  if (inputs.state === 'none')
    throw new UserError({ field: 'with.state', rule: 'a converge run (employee-ids) needs the ledger, not none' })
  const access = loadAccess({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile })
  // A drain (see below) writes the ledger while the other systems' drains do: its client spends its share.
  const drains = 'pending' in selection || Boolean(inputs.intentsToken)
  const ledger = await openStepLedger(inputs, env, {
    ...options,
    contentShare: drains ? DRAIN_SHARE.ledger : undefined,
    // The jobs of one group follow one another: each goes on from the share the last one left (GithubStore).
    // Joiners and leavers drain in groups of their own (lifecycle.yml), told apart by the event types they take.
    group: drains ? `${name}/${parseEventTypes(inputs.eventTypes).join('+')}` : undefined,
    policy: drains ? DRAIN_LEDGER_POLICY : undefined,
  })
  let all: LedgerRecord[] | undefined
  const records = async () => {
    all ??= await readAllRecords(ledger)
    return all
  }
  let accessPlan: AccessPlan | undefined
  if ('affected' in selection) {
    const base =
      inputs.baseRolesFile && existsSync(inputs.baseRolesFile)
        ? loadAccess({ rolesFile: inputs.baseRolesFile, guardrailsFile: inputs.guardrailsFile })
        : undefined
    accessPlan = planAccess({
      base,
      head: access,
      records: await records(),
      allowance: inputs.allowance || undefined,
      now: (options.clock ?? systemClock).now(),
    })
    // grants.yaml entries that cannot be applied (an unknown or offboarded person, too long): nobody is touched.
    if (accessPlan.grants.problems.length)
      throw new UserError(accessPlan.grants.problems.map((p) => ({ file: 'grants.yaml', ...p })))
    if (!accessPlan.guard.ok) {
      await refuse(name, accessPlan, env)
      return { step: name, result: 'failed', people: [], refused: accessPlan.guard.reason }
    }
  }
  const clock = options.clock ?? systemClock
  // One now for the run's choices: who is due, who runs for real, what is upcoming.
  const now = clock.now()
  // A drain; or an apply or reconcile given intents-token, which shares the drains' group (lifecycle.yml) and
  // may replace a pending drain job: it drains too, so nobody's HR event waits for the next one.
  const drain = drains ? await drainOptions(name, inputs, access, ledger, env, options) : undefined
  let intake: IntakeReport | undefined
  let people: { employeeId: string; record: LedgerRecord | undefined }[] = []
  /** People whose newest HR event this step has not run yet: run for real, whatever the run's mode. */
  const fresh = new Set<string>()
  /** People pending that a wave left for the next run. */
  let left = 0
  /** The steps the index shows work for, for the people the HR events' intents name (after the intake). */
  let drainBusy: StepName[] = []
  if (drain) {
    const pending = await selectPending(name, drain)
    intake = pending.intake
    drainBusy = pending.busy
    for (const { employeeId, record } of pending.people)
      if (record.steps[name]?.event_id !== newestRecorded(record)?.event_id) fresh.add(employeeId)
    // A wave: waiting work first (queueOrder), then events this step has not run yet, oldest first, then retries
    // of its failures. Only new events left out count as `left`: a failure retried in every wave would otherwise
    // fill each wave and wake runs for ever, while the people behind it waited.
    const rank = (p: { employeeId: string; record: LedgerRecord }) => (fresh.has(p.employeeId) ? 0 : 1)
    people = queueOrder(
      [...pending.people].sort((a, b) => rank(a) - rank(b) || eventTime(a.record) - eventTime(b.record)),
      name,
      now,
    )
    if (inputs.wave && people.length > inputs.wave) {
      left = people.slice(inputs.wave).filter((p) => fresh.has(p.employeeId)).length
      people = people.slice(0, inputs.wave)
    }
    // Once the intake's commit is in (its people are pending now); the intake itself spends a quarter (DRAIN_SHARE).
    await refreshDrainShares(name, ledger, people.length)
  }
  if (!('pending' in selection)) {
    const selected = await selectPeople(ledger, selection, name, now, () => accessPlan!, records)
    // The drain's records are the newer (read after its intake).
    const drained = new Map(people.map((p) => [p.employeeId, p]))
    const ids = new Set(selected.map((x) => x.employeeId))
    people = [...selected.map((x) => drained.get(x.employeeId) ?? x), ...people.filter((p) => !ids.has(p.employeeId))]
  }
  people = queueOrder(people, name, now)
  const idle = 'due' in selection ? idleSteps(await records(), now, drainBusy) : undefined

  const outcomes = new Map<string, ReconcileOutcome>()
  const notes = new Map<string, string>()
  /** People run so far: the rest, and the results held, are this drain's work still to commit. */
  let ran = 0
  const writer = new ChunkWriter(
    ledger,
    name,
    env,
    clock,
    options.chunk ?? LEDGER_CHUNK,
    // A drain's shares are set again before each commit: the work pending has moved.
    drain ? (held) => refreshDrainShares(name, ledger, held + Math.max(0, people.length - ran)) : undefined,
  )
  // Each person's step's change, applied after it to a copy of the record: which tasks it stamped done.
  const recorded = new Map<string, Mutation>()
  const batch: Batch = {
    access,
    ledger,
    report: (id, outcome, note) => {
      outcomes.set(id, outcome)
      if (note) notes.set(id, note)
    },
    record: (id, change) => {
      writer.take(id, change)
      if (!change.ifThrown) recorded.set(id, change.mutate)
    },
    read: (id) => selected.get(id),
  }
  /** The records of the people run, as read when they were selected (Batch.read). */
  const selected = new Map<string, LedgerRecord | undefined>()
  const results: PersonResult[] = []
  const fail = (ids: string[], reason: string) => {
    for (const p of results)
      if (ids.includes(p.employee_id)) {
        p.result = 'failed'
        p.failed.push({ item: 'ledger', reason })
      }
  }
  const size = (options.chunk ?? LEDGER_CHUNK).people
  const stop = onCancel(() => options.onStop?.(ledger))
  const runAll = async (list: typeof people) => {
    for (const [n, { employeeId, record }] of list.entries()) {
      ran++
      if (stop.cancelled) {
        results.push(failedPerson(employeeId, 'not run: the job was cancelled'))
        continue
      }
      selected.set(employeeId, record)
      if (options.beforeChunk && n % size === 0)
        await options.beforeChunk(
          list
            .slice(n, n + size)
            .map((p) => p.record)
            .filter((r): r is LedgerRecord => r !== undefined),
          ledger,
        )
      const last = record && newestRecorded(record)
      if (!record || !last) {
        results.push(failedPerson(employeeId, 'no ledger record with an HR event: nothing to converge'))
        continue
      }
      const dryRun = inputs.dryRun && !(inputs.repairWaiting && isWaiting(record, name, now)) && !fresh.has(employeeId)
      const personInputs: CommonInputs = { ...inputs, employeeId, eventType: last.type, dryRun }
      try {
        await runPerson(personInputs, batch)
        const outcome = outcomes.get(employeeId)
        const result = outcome
          ? personResult(employeeId, dryRun, outcome)
          : failedPerson(employeeId, 'ended without a result')
        const tasks = stampedTasks(record, recorded.get(employeeId), name)
        if (tasks.length) result.tasks = tasks
        results.push(result)
        writer.settled(employeeId, false)
      } catch (error) {
        // This person only: the error is theirs (recorded as their step's failure), the run goes on.
        results.push({ ...failedPerson(employeeId, describe(error)), dry_run: dryRun })
        writer.settled(employeeId, true)
      }
      const lost = await writer.flushIfDue()
      if (lost) fail(...lost)
    }
    const lost = await writer.flush()
    if (lost) fail(...lost)
  }
  try {
    await runAll(people)
  } finally {
    await stop.done()
  }
  // A person's later event that waited for their earlier one (a role change behind the onboard) is taken in
  // once that one ran, in the same run: no other run may come to take it.
  for (let round = 0; drain && intake?.waiting.length && round < 3 && !stop.cancelled; round++) {
    const again = await selectPending(name, drain)
    const taken = again.intake?.recorded ?? []
    intake = mergeIntake(intake, again.intake)
    if (!taken.length) break
    await runAll(
      queueOrder(
        again.people.filter((p) => taken.includes(p.employeeId)),
        name,
        now,
      ),
    )
  }

  const run: ConvergeResult = { step: name, result: worst(results.map((r) => r.result)), people: results }
  // No wake-up after results the ledger lost: they are still new, and the next run would meet the same ledger
  // and wake another, without end. The next HR event or the scheduled reconcile takes them.
  if (drain) run.left = results.some((p) => p.failed.some((f) => f.item === 'ledger')) ? 0 : left
  if (idle) run.idle = idle
  if (accessPlan) run.plan = planLine(accessPlan)
  // Upcoming over everybody the run read: the whole ledger for all, affected and due; the listed people else.
  const read = all ?? people.flatMap((p) => (p.record ? [p.record] : []))
  run.time_zone = access.guardrails.dates.timeZone
  run.upcoming = upcomingTasks(read, now, run.time_zone, { step: name })
  const ownId = ownEmployeeId(drain?.ownEvent)
  const ownOutcome = ownId ? outcomes.get(ownId) : undefined
  if (ownId && ownOutcome) run.own = { employee_id: ownId, receipts: ownOutcome.receipts, note: notes.get(ownId) }
  if (intake) {
    run.intake = intake
    // The run's own event refused (stale, or not for this person's state) fails it, as before drains.
    if (intake.refused.some((r) => r.own)) run.result = 'failed'
  }
  await report(run, inputs.dryRun, env)
  return run
}

/**
 * Watches for the runner's cancellation signals while a run goes through its people (GitHub sends SIGINT, then
 * SIGTERM 7.5 s later, and kills the process 2.5 s after that). On the first, `cancelled` turns true and `stop`
 * runs once; `done()` stops listening and waits for it. A signal listener also keeps Node from exiting at once:
 * the person in flight finishes and the results held are written.
 */
function onCancel(stop: () => Promise<void> | undefined): { readonly cancelled: boolean; done(): Promise<void> } {
  let stopping: Promise<void> | undefined
  const listener = (signal: NodeJS.Signals) => {
    if (stopping) return
    core.warning(`onramp: ${signal}: the job was cancelled; nobody else is started and the results so far are written`)
    stopping = Promise.resolve(stop()).catch((error) =>
      core.warning(`onramp: what a cancelled run writes at once did not land: ${describe(error)}`),
    )
  }
  const signals = ['SIGINT', 'SIGTERM'] as const
  for (const s of signals) process.on(s, listener)
  return {
    get cancelled() {
      return stopping !== undefined
    },
    async done() {
      for (const s of signals) process.off(s, listener)
      await stopping
    },
  }
}

/** The step's tasks the person's recorded change stamps done (step.ts's recording), read off a copy. */
function stampedTasks(record: LedgerRecord, mutate: Mutation | undefined, step: StepName): TaskRun[] {
  if (!mutate || !record.schedule?.length) return []
  const copy = structuredClone(record)
  try {
    const after = mutate(copy) ?? copy
    return tasksRan(record.schedule, after.schedule, step)
  } catch {
    return [] // the write applies it again and reports its own failure
  }
}

/**
 * Holds each person's ledger change (step.finish in batch mode) and writes them with Ledger.updateMany: one commit
 * per chunk, a conflict re-read and re-applied by updateMany, all of a chunk or none. What must reach the ledger
 * before the next call still goes one person at a time, outside this: notify's notice intents are committed
 * (Ledger.update) before each send; a converge run sends no notices (notify's runMany), so it writes none.
 */
class ChunkWriter {
  private readonly held = new Map<string, { change: Change; ifThrown: boolean }>()
  private since: number | undefined
  constructor(
    private readonly ledger: Ledger,
    private readonly step: StepName,
    private readonly env: NodeJS.ProcessEnv,
    private readonly clock: { now(): number },
    private readonly chunk: { people: number; ms: number },
    private readonly beforeCommit?: (held: number) => Promise<void>,
  ) {}

  take(employeeId: string, change: { mutate: Change['mutate']; ifThrown?: boolean }): void {
    this.held.set(employeeId, { change: { employeeId, mutate: change.mutate }, ifThrown: Boolean(change.ifThrown) })
  }

  /** The person's step ended: a failure recorded in case it threw is dropped when it did not. */
  settled(employeeId: string, threw: boolean): void {
    const held = this.held.get(employeeId)
    if (held?.ifThrown && !threw) this.held.delete(employeeId)
    else if (held) this.since ??= this.clock.now()
  }

  async flushIfDue(): Promise<[string[], string] | undefined> {
    const old = this.since !== undefined && this.clock.now() - this.since >= this.chunk.ms
    return this.held.size >= this.chunk.people || old ? this.flush() : undefined
  }

  /** Writes what is held; on a failure past the retries, the people whose result did not land and why. */
  async flush(): Promise<[string[], string] | undefined> {
    const held = [...this.held.values()]
    this.held.clear()
    this.since = undefined
    if (!held.length) return undefined
    const run = `converge/${this.env.GITHUB_RUN_ID ?? 'local'}`
    try {
      await this.beforeCommit?.(held.length)
      await this.ledger.updateMany(
        held.map((h) => h.change),
        { event: run, step: this.step },
      )
      return undefined
    } catch (error) {
      return [held.map((h) => h.change.employeeId), `not recorded in the ledger: ${describe(error)}`]
    }
  }
}

/**
 * GitHub's content-creating requests a minute, shared by the four system jobs that drain at once (one per group):
 * each job's ledger client, and grant-github's client for invitations, spend a share, so their sum stays under
 * GitHub's 80 a minute. A share follows the work: what each step's drain needs for the people the ledger's index
 * shows pending for it (drainNeed), split max-min fair (setDrainShares), set when the drain selects its people and
 * again before each chunk's commit. A step with nothing pending keeps one commit a minute. Until the drain
 * has read the index (its intake), its ledger commits spend a quarter and it sends no invitation.
 */
export const DRAIN_SHARE = {
  ledger: new ContentShare('drain ledger', 0.25),
  system: new ContentShare('drain system', 0),
}

/**
 * What a drain of `step` needs of GitHub's content-creating requests for `n` people: commits and invitations.
 * Nothing for nobody: a job with no work keeps the floor of one commit a minute (githubBudget), taken off the top.
 */
export function drainNeed(step: StepName, n: number): { ledger: number; system: number } {
  if (n === 0) return { ledger: 0, system: 0 }
  // One commit per chunk of results.
  const results = LEDGER_COMMIT_WRITES * Math.ceil(n / LEDGER_CHUNK.people)
  switch (step) {
    case 'identity':
      return { ledger: LEDGER_COMMIT_WRITES + results, system: 0 } // the intake's commit first
    case 'github':
      return { ledger: results, system: n } // an invitation each, at most
    case 'aws':
      return { ledger: results, system: 0 }
    case 'notify':
      return { ledger: 2 * results, system: 0 } // a commit of the notices' intents before each chunk
  }
}

/**
 * Sets this process's shares (DRAIN_SHARE) for `step` from the people pending for each step. The minute is split
 * max-min fair: a step that needs less than an even split gets all it needs, and the rest is split among the
 * others the same way. Proportional shares starved a small need beside a large one: identity's few commits (one
 * per 25 people, and every later step waits on them) beside grant-github's invitation per person came to one
 * commit a minute, so identity went on at 25 people a minute. When all the needs fit in the minute, each gets its
 * need and a part of what is left in proportion to it.
 */
export function setDrainShares(step: StepName, pending: Record<StepName, number>): void {
  const needs = STEP_NAMES.map((s) => drainNeed(s, pending[s]))
  const totals = needs.map((n) => n.ledger + n.system)
  // What the steps without work may still spend: one commit a minute each, of GitHub's 80.
  const idle = totals.filter((t) => t === 0).length
  const minute = GITHUB_LIMITS.contentPerMinute - idle * LEDGER_COMMIT_WRITES
  const i = STEP_NAMES.indexOf(step)
  const own = needs[i]!
  // Within the job too: its chunk commits wait for nothing behind its invitations (a job runs one person at a time).
  const [ledger, system] = fairShares([own.ledger, own.system], fairShares(totals, minute)[i]!)
  DRAIN_SHARE.ledger.fraction = ledger! / GITHUB_LIMITS.contentPerMinute
  DRAIN_SHARE.system.fraction = system! / GITHUB_LIMITS.contentPerMinute
}

/** `capacity` split over `needs`: max-min fair when they exceed it, else each need plus its part of the rest. */
function fairShares(needs: number[], capacity: number): number[] {
  const sum = needs.reduce((a, b) => a + b, 0)
  if (sum <= capacity) return needs.map((n) => (sum ? (n / sum) * capacity : 0))
  const out = needs.map(() => 0)
  let left = capacity
  const order = needs.map((n, i) => [n, i] as const).sort((a, b) => a[0] - b[0])
  order.forEach(([n, i], k) => {
    out[i] = Math.min(n, left / (order.length - k))
    left -= out[i]!
  })
  return out
}

/**
 * Sets this process's drain shares from the ledger's index and `own`, the people this job has still to commit;
 * without an index, the shares stay as they were.
 */
async function refreshDrainShares(step: StepName, ledger: Ledger, own: number): Promise<void> {
  const summaries = await ledger.summaries()
  if (!summaries.size) return
  const pending = { identity: 0, github: 0, aws: 0, notify: 0 }
  for (const { pending: steps } of summaries.values()) for (const s of steps) pending[s]++
  // This job's own work, which the index may not show (a record just written through the contents API).
  pending[step] = Math.max(pending[step], own)
  setDrainShares(step, pending)
}

/**
 * A drain's ledger commits meet the other systems' drains committing to the same branch, each paced by its
 * share: a lost compare-and-swap is re-read and re-applied for longer than one job's write would wait.
 */
export const DRAIN_LEDGER_POLICY: RetryPolicy = { baseMs: 200, capMs: 5000, maxAttempts: 40, deadlineMs: 600_000 }

/** What a drain (`employee-ids: pending`) reads: the intents, the event key, the run's own event, the types. */
async function drainOptions(
  name: StepName,
  inputs: CommonInputsFor,
  access: Access,
  ledger: Ledger,
  env: NodeJS.ProcessEnv,
  options: ConvergeOptions,
): Promise<PendingOptions> {
  const ownEvent =
    env.GITHUB_EVENT_NAME === 'repository_dispatch' && env.GITHUB_EVENT_PATH
      ? readFileSync(env.GITHUB_EVENT_PATH, 'utf8')
      : undefined
  let source: IntentSource
  const where = inputs.intents ?? 'github'
  if (where.startsWith('file:')) source = folderIntents(resolve(where.slice('file:'.length)))
  else {
    if (!inputs.intentsToken)
      throw new UserError({
        field: 'with.intents-token',
        rule: 'required for employee-ids: pending with intents: github',
      })
    if (!env.GITHUB_REPOSITORY) throw new UserError({ field: 'GITHUB_REPOSITORY', rule: 'must name owner/name' })
    const { createOctokit } = await import('@onramp/core/github')
    const octokit = createOctokit({
      token: inputs.intentsToken,
      baseUrl: options.apiUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com',
      clock: options.clock,
      fast: options.fast,
    })
    source = githubIntents(octokit, env.GITHUB_REPOSITORY)
  }
  return {
    access,
    ledger,
    source,
    eventKey: inputs.eventKey,
    ownEvent,
    runId: env.GITHUB_RUN_ID,
    now: () => new Date((options.clock ?? systemClock).now()),
    types: parseEventTypes(inputs.eventTypes),
    intake: name === 'identity',
  }
}

function mergeIntake(a: IntakeReport, b: IntakeReport | undefined): IntakeReport {
  if (!b) return a
  return {
    recorded: [...a.recorded, ...b.recorded],
    refused: [...a.refused, ...b.refused.filter((x) => !a.refused.some((y) => y.artifact === x.artifact))],
    waiting: b.waiting,
    held: a.held,
    unreviewed: b.unreviewed,
  }
}

/**
 * Waiting work first, first come first served: people whose step is deferred (past a cap) go before everybody
 * else, by start date (as HR sent it), then by their event's time, so the cap's free places go to the earliest
 * start. Everybody else keeps the selection's order.
 */
export function queueOrder<T extends { record: LedgerRecord | undefined }>(
  people: T[],
  step: StepName,
  now: number,
): T[] {
  const deferred = (p: T) =>
    p.record !== undefined && isWaiting(p.record, step, now) && p.record.steps[step]?.result === 'deferred'
  // ISO strings: a start date (YYYY-MM-DD) sorts before any time on that day.
  const key = (r: LedgerRecord) => {
    const last = newestRecorded(r)
    const at = last ? new Date(last.occurred_at).toISOString() : ''
    const start = r.person?.start_date ?? last?.payload?.start_date
    return [typeof start === 'string' ? start : at, at]
  }
  const waiting = people.filter(deferred).sort((a, b) => {
    const [x, y] = [key(a.record!), key(b.record!)]
    return x[0]!.localeCompare(y[0]!) || x[1]!.localeCompare(y[1]!)
  })
  return [...waiting, ...people.filter((p) => !deferred(p))]
}

/** When a record's newest HR event happened (ms): a drain's waves go oldest first. */
function eventTime(record: LedgerRecord | undefined): number {
  const last = record && newestRecorded(record)
  return last ? Date.parse(last.occurred_at) || 0 : 0
}

/** Inputs that name one person make no sense for many: refused rather than applied to everybody. */
function refuseSinglePersonInputs(inputs: CommonInputs): void {
  const problems: Problem[] = []
  for (const [key, field] of [
    ['employeeId', 'employee-id'],
    ['eventType', 'event-type'],
    ['email', 'email'],
    ['name', 'name'],
    ['role', 'role'],
  ] as const)
    if (inputs[key]) problems.push({ field: `with.${field}`, rule: 'names one person: not allowed with employee-ids' })
  if (problems.length) throw new UserError(problems)
}

/**
 * The steps with nothing for a `due` run to do: nobody's record has waiting work for them at `now` (isWaiting),
 * and no HR event a drain would take names someone with work for them (`busy`, from the ledger's index).
 * reconcile.yml starts no job for them: each job started is a billed runner minute at least.
 */
export function idleSteps(records: LedgerRecord[], now: number, busy: readonly StepName[] = []): StepName[] {
  return STEP_NAMES.filter((step) => !busy.includes(step) && !records.some((r) => isWaiting(r, step, now)))
}

/**
 * The people to converge, with their records: `all` through readAllRecords (the one way to list the ledger);
 * `affected` the access plan's people, or nobody when its guard refuses (the run then changes nothing); `due`
 * those with waiting work for this step at `now` (a task due, a pending or deferred result): the cheap run,
 * which reads the ledger but calls the systems only for them.
 */
async function selectPeople(
  ledger: Ledger,
  selection: Selection,
  step: StepName,
  now: number,
  plan: () => AccessPlan,
  records: () => Promise<LedgerRecord[]>,
): Promise<{ employeeId: string; record: LedgerRecord | undefined }[]> {
  if ('ids' in selection) {
    const out: { employeeId: string; record: LedgerRecord | undefined }[] = []
    for (const employeeId of selection.ids) out.push({ employeeId, record: await ledger.get(employeeId) })
    return out
  }
  const everybody = await records()
  let chosen =
    'due' in selection
      ? everybody.filter((r) => isWaiting(r, step, now))
      : everybody.filter((r) => isConverged(r, step))
  if ('affected' in selection) {
    // The plan's people, and anyone whose last event is not applied: a failure the last run left is retried.
    const ids = new Set(plan().people.map((p) => p.employee_id))
    chosen = chosen.filter((r) => ids.has(r.employee_id) || r.unapplied_event !== undefined)
  }
  if (chosen.length > MAX_PEOPLE)
    throw new UserError({ field: 'with.employee-ids', rule: `more than ${MAX_PEOPLE} people: list them in parts` })
  return chosen.map((record) => ({ employeeId: record.employee_id, record }))
}

function planLine(plan: AccessPlan): string {
  const systems = Object.entries(plan.counts.by_system)
    .map(([s, c]) => `${s} +${c?.add ?? 0} −${c?.remove ?? 0} (${c?.people ?? 0} people)`)
    .join(', ')
  return `Access plan: ${plan.counts.affected} of ${plan.counts.managed} managed people affected${systems ? `: ${systems}` : ''}; guard ok (${plan.guard.removals} removals).`
}

/** The guard said no: nothing is changed, and the step fails saying what to do. */
async function refuse(name: StepName, plan: AccessPlan, env: NodeJS.ProcessEnv): Promise<void> {
  setOutputs({ result: 'failed', results: {}, changes: {}, 'failed-ids': '', 'employee-ids': '', guard: 'over' })
  const lines = [
    `## onramp: ${TITLES[name]}, refused by the mass-change guard`,
    '',
    `${plan.counts.affected} people would change, with ${plan.guard.removals} removals (${Math.round(plan.guard.share * 100)}% of ${plan.counts.managed} managed people lose something). Nothing was changed.`,
    '',
    mdText(plan.guard.reason ?? ''),
  ]
  await writeSummaryMarkdown(`${lines.join('\n')}\n`)
  createAuditLog().log({
    event: `converge-${env.GITHUB_RUN_ID ?? 'local'}`,
    step: name,
    employee_id: '*',
    result: 'refused',
    removals: plan.guard.removals,
  })
  core.setFailed(`onramp ${name}: refused by the mass-change guard: ${plan.guard.reason ?? ''}`)
}

function personResult(employeeId: string, dryRun: boolean, outcome: ReconcileOutcome): PersonResult {
  return {
    employee_id: employeeId,
    result: outcome.result,
    dry_run: dryRun,
    // A deferred item changed nothing yet: it is waiting, not a change.
    changes: outcome.receipts
      .filter((r) => r.action !== 'none' && r.result !== 'failed' && r.result !== 'deferred')
      .map((r) => r.item),
    failed: outcome.receipts.filter((r) => r.result === 'failed').map(failure),
    // Deferred work, and pending work past its deadline (an invitation unaccepted too long): what a person must chase.
    waiting: outcome.receipts
      .filter((r) => r.result === 'deferred' || (r.result === 'pending' && r.reason?.startsWith('overdue:')))
      .map(failure),
  }
}

const failure = (r: Receipt) => ({ item: r.item, reason: r.reason ?? 'failed' })

function failedPerson(employeeId: string, reason: string): PersonResult {
  return {
    employee_id: employeeId,
    result: 'failed',
    dry_run: false,
    changes: [],
    failed: [{ item: 'step', reason }],
    waiting: [],
  }
}

function describe(error: unknown): string {
  if (error instanceof UserError) return error.problems.map(formatProblem).join('; ')
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return redactPersonalData(`unexpected failure (a bug or an outage): ${message}`)
}

/** Outputs, the JSON report file, the job summary, the audit line, and the step's failure: once per run. */
async function report(run: ConvergeResult, dryRun: boolean, env: NodeJS.ProcessEnv): Promise<void> {
  const failed = run.people.filter((p) => p.result === 'failed')
  const file = join(env.RUNNER_TEMP || tmpdir(), `onramp-${run.step}-converge.json`)
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`)
  setOutputs({
    result: run.result,
    results: Object.fromEntries(run.people.map((p) => [p.employee_id, p.result])),
    changes: Object.fromEntries(run.people.filter((p) => p.changes.length).map((p) => [p.employee_id, p.changes])),
    'failed-ids': failed.map((p) => p.employee_id).join(','),
    // The people this run selected, for the jobs after it (`affected` is planned once, before any change).
    'employee-ids': run.people.map((p) => p.employee_id).join(','),
    guard: 'ok',
    left: run.left ?? 0,
    'idle-steps': run.idle?.join(' ') ?? '',
    report: file,
  })
  await writeSummaryMarkdown(renderConvergeSummary(run, dryRun))
  const audit = createAuditLog()
  audit.log({
    event: `converge-${env.GITHUB_RUN_ID ?? 'local'}`,
    step: run.step,
    employee_id: '*',
    result: run.result,
    people: run.people.length,
    failed: failed.map((p) => p.employee_id),
  })
  for (const r of run.intake?.refused ?? [])
    core.warning(`onramp ${run.step}: HR event ${r.artifact} refused, nothing changed: ${r.rule}`)
  const refusedOwn = run.intake?.refused.filter((r) => r.own) ?? []
  if (failed.length || refusedOwn.length)
    core.setFailed(
      [
        ...refusedOwn.map((r) => `onramp ${run.step}: this run's HR event was refused: ${r.rule}`),
        ...(failed.length
          ? [
              `onramp ${run.step}: ${failed.length} of ${run.people.length} people failed: ${failed.map((p) => p.employee_id).join(', ')}`,
            ]
          : []),
      ].join('\n'),
    )
}

/** The drain's intake: counts, and each refused or waiting HR event by artifact name and rule. */
function intakeLines(intake: IntakeReport): string[] {
  const { recorded, refused, waiting, held, unreviewed } = intake
  const lines = [
    `HR events taken in: ${recorded.length} recorded, ${held} held already, ${waiting.length} waiting for the person's earlier event, ${unreviewed.length} waiting for their run's review, ${refused.length} refused.`,
    '',
  ]
  for (const r of refused)
    lines.push(`- refused ${cell(r.artifact)}${r.own ? " (this run's event)" : ''}: ${cell(r.rule)}`)
  for (const w of waiting) lines.push(`- waiting ${cell(w)}`)
  for (const u of unreviewed) lines.push(`- not reviewed yet ${cell(u)}`)
  if (refused.length || waiting.length || unreviewed.length) lines.push('')
  return lines
}

const cell = (s: string) => mdText(s).replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function renderConvergeSummary(run: ConvergeResult, dryRun: boolean): string {
  const lines = [`## onramp: ${TITLES[run.step]}, ${run.people.length} people`, '']
  if (run.plan) lines.push(mdText(run.plan), '')
  if (run.intake) lines.push(...intakeLines(run.intake))
  if (run.left) lines.push(`A wave: ${run.left} more people pending are left for the next run.`, '')
  if (dryRun)
    lines.push(
      'Report: a dry run. Items with an action are drift (what a repair would change); people whose step was waiting (pending or deferred, or a scheduled task due) were run for real when asked.',
      '',
    )
  if (!run.people.length) lines.push('Nobody to converge.')
  else {
    lines.push('| Employee | Result | Changed items | Failed items | Waiting |', '| --- | --- | --- | --- | --- |')
    const reasons = (list: { item: string; reason: string }[]) =>
      cell(list.map((f) => `${f.item}: ${f.reason}`).join('; '))
    for (const p of run.people) {
      const what = p.dry_run && p.changes.length ? `${p.changes.length} would change` : String(p.changes.length)
      lines.push(
        `| ${cell(p.employee_id)} | ${p.result}${p.dry_run ? ' (dry run)' : ''} | ${what} | ${reasons(p.failed)} | ${reasons(p.waiting)} |`,
      )
    }
  }
  const waiting = run.people.filter((p) => p.waiting.length)
  if (waiting.length) {
    lines.push('', '### Waiting', '', 'Deferred past a cap, in the order they go out (earliest start date first):', '')
    for (const p of waiting)
      lines.push(`- ${cell(p.employee_id)}: ${p.waiting.map((w) => cell(`${w.item}: ${w.reason}`)).join('; ')}`)
  }
  const zone = run.time_zone ?? 'UTC'
  const ran = run.people.filter((p) => p.tasks?.length)
  if (ran.length) {
    lines.push(
      '',
      '### Scheduled tasks',
      '',
      `Due, and run now (a task run more than ${SCHEDULE_PERIOD_MS / 60_000} minutes late was missed by the schedule):`,
      '',
    )
    for (const p of ran)
      lines.push(
        `- ${cell(p.employee_id)}: ${p.tasks!.map((t) => cell(`${t.step} ${describeRun(t, zone)}`)).join('; ')}`,
      )
  }
  if (run.upcoming?.length) {
    lines.push('', '### Upcoming', '', `Scheduled in the next ${UPCOMING_DAYS} days (${zone}):`, '')
    for (const t of run.upcoming) lines.push(`- ${cell(t.local)}: ${cell(t.employee_id)} ${t.step} (${t.why})`)
  }
  const drift = run.people.filter((p) => p.dry_run && p.changes.length)
  if (drift.length) {
    lines.push('', '### Drift', '')
    for (const p of drift) lines.push(`- ${cell(p.employee_id)}: ${p.changes.map(cell).join(', ')}`)
  }
  const failed = run.people.filter((p) => p.result === 'failed').map((p) => p.employee_id)
  if (failed.length)
    lines.push(
      '',
      `Failed: ${failed.map(cell).join(', ')}. Each was left as its step found it; the alert fires. Fix the cause and rerun them with \`employee-ids\`.`,
    )
  if (run.own) {
    const last = run.people.find((p) => p.employee_id === run.own?.employee_id)
    lines.push(
      '',
      renderSummary({
        title: `onramp: ${TITLES[run.step]}, ${run.own.employee_id} (this run's HR event)`,
        note: [last?.dry_run ? 'Dry run: nothing was changed.' : undefined, run.own.note].filter(Boolean).join(' '),
        receipts: run.own.receipts,
      }),
    )
  }
  return `${lines.join('\n')}\n`
}
