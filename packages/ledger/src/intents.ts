// HR events waiting to be drained. lifecycle.yml's validate job verifies each repository_dispatch event and
// uploads it, exactly as received, as a workflow artifact (onramp-intent-<employee id>-<event hash>): an artifact
// costs no content-creating request, where a ledger commit per event would spend GitHub's 80 a minute. Each
// access job then runs once per system for everybody pending (`employee-ids: pending`): the identity job takes
// the new intents in (verified again, exactly as validate does, then recorded in the ledger one commit per
// chunk), and every job selects the people whose newest recorded event its step has not done yet.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type Access,
  assertNotStale,
  EVENT_TYPES,
  type EventType,
  eventHash,
  formatProblem,
  INTENT_FILE,
  INTENT_PREFIX,
  intentName,
  isNewer,
  type LifecycleEvent,
  parseEvent,
  parseEventKeys,
  redactPersonalData,
  UserError,
} from '@onramp/core'
import type { GithubClient } from '@onramp/core/github'
import { unzipSync } from 'fflate'
import type { Ledger } from './ledger.js'
import { heldHashes, isPendingFor, type RecordSummary, STEP_NAMES, stepsBeforeDone } from './pending.js'
import { keepPersonDetails, type LedgerRecord, ledgerEvent, newestRecorded } from './record.js'
import { assertApplicable, type StepName } from './step.js'

/** How many taken-in event hashes a record keeps (`received`): enough to skip every artifact still retained. */
const RECEIVED_KEPT = 20
/** People per ledger commit when intents are recorded (as a converge run's LEDGER_CHUNK). */
const INTAKE_CHUNK = 25
const HASH = /^[0-9a-f]{16}$/

/** The employee id and event hash an intent artifact's name carries, or undefined for any other name. */
export function parseIntentName(name: string): { employeeId: string; hash: string } | undefined {
  if (!name.startsWith(INTENT_PREFIX)) return undefined
  const rest = name.slice(INTENT_PREFIX.length)
  const employeeId = rest.slice(0, -17)
  const hash = rest.slice(-16)
  if (rest.at(-17) !== '-' || !HASH.test(hash) || !/^[A-Za-z0-9._-]{1,64}$/.test(employeeId)) return undefined
  return { employeeId, hash }
}

export interface IntentArtifact {
  name: string
  id: number
  /** The workflow run that uploaded it (its validate job). */
  runId?: number
}

/**
 * HR events whose runs wait for a reviewer in REVIEWED_ENVIRONMENT (lifecycle.yml's review job): another run's
 * drain takes one in only once a reviewer approved its own run there, so draining never skips a review.
 */
export const REVIEWED_TYPES: readonly EventType[] = ['onboard', 'role-change']
export const REVIEWED_ENVIRONMENT = 'onramp-review'

/** Where intents are kept: the repository's artifacts (github), or a folder laid out as the runner keeps them. */
export interface IntentSource {
  readonly description: string
  /** Intent artifacts not expired, newest first, one per name. */
  list(): Promise<IntentArtifact[]>
  /** The intent file's text. */
  read(artifact: IntentArtifact): Promise<string>
  /** Whether a reviewer approved the uploading run's REVIEWED_ENVIRONMENT deployment, and nobody rejected it. */
  approved(artifact: IntentArtifact): Promise<boolean>
}

/** Intents as the repository's workflow artifacts: listed (paged) and downloaded with the job's token (actions: read). */
export function githubIntents(octokit: GithubClient, repository: string): IntentSource {
  const [owner = '', repo = ''] = repository.split('/')
  const reviews = new Map<number, Promise<boolean>>()
  return {
    description: `artifacts of ${repository}`,
    async list() {
      const all = await octokit.paginate(octokit.rest.actions.listArtifactsForRepo, { owner, repo, per_page: 100 })
      const seen = new Set<string>()
      const out: IntentArtifact[] = []
      // GitHub lists newest first; a re-sent event's second artifact has the same name.
      for (const a of all)
        if (a.name.startsWith(INTENT_PREFIX) && !a.expired && !seen.has(a.name)) {
          seen.add(a.name)
          out.push({ name: a.name, id: a.id, runId: a.workflow_run?.id ?? undefined })
        }
      return out
    },
    async read(artifact) {
      const res = await octokit.rest.actions.downloadArtifact({
        owner,
        repo,
        artifact_id: artifact.id,
        archive_format: 'zip',
      })
      return fileInZip(new Uint8Array(res.data as ArrayBuffer))
    },
    approved(artifact) {
      const runId = artifact.runId
      if (runId === undefined) return Promise.resolve(false)
      let answer = reviews.get(runId)
      if (!answer) {
        // The run's review history (actions: read): one read per run, however many of its intents are listed.
        answer = octokit.rest.actions.getReviewsForRun({ owner, repo, run_id: runId }).then(({ data }) => {
          const here = data.filter((r) => r.environments.some((e) => e.name === REVIEWED_ENVIRONMENT))
          return here.some((r) => r.state === 'approved') && !here.some((r) => r.state === 'rejected')
        })
        reviews.set(runId, answer)
      }
      return answer
    },
  }
}

/** Intents in a folder, one sub-folder per artifact name holding intent.json (the local runner's artifact layout). */
export function folderIntents(dir: string): IntentSource {
  return {
    description: `folder ${dir}`,
    async list() {
      if (!existsSync(dir)) return []
      return readdirSync(dir)
        .filter((name) => name.startsWith(INTENT_PREFIX) && existsSync(join(dir, name, INTENT_FILE)))
        .map((name, id) => ({ name, id }))
    },
    async read(artifact) {
      return readFileSync(join(dir, artifact.name, INTENT_FILE), 'utf8')
    },
    // A folder is the operator's own copy, outside any workflow run: there is no review to look up.
    async approved() {
      return true
    },
  }
}

const MAX_INTENT_BYTES = 1_048_576

function fileInZip(zip: Uint8Array): string {
  const files = unzipSync(zip, { filter: (f) => f.name === INTENT_FILE && f.originalSize <= MAX_INTENT_BYTES })
  const file = files[INTENT_FILE]
  if (!file) throw new UserError({ field: 'artifact', rule: `holds no ${INTENT_FILE} of at most 1 MB` })
  return new TextDecoder().decode(file)
}

/** What an intake did, for the run's report: by artifact name, never the event's contents. */
export interface IntakeReport {
  /** Recorded in the ledger this run (employee ids). */
  recorded: string[]
  /** Failed verification or a ledger rule: changed nothing. `own`: the event that triggered this run. */
  refused: { artifact: string; rule: string; own: boolean }[]
  /** Left for a later drain: the person's earlier event has not been applied yet. */
  waiting: string[]
  /** Intents listed that the ledger already held (skipped without downloading). */
  held: number
  /** A joiner's or role change's intent whose own run no reviewer has approved yet: left for that run. */
  unreviewed: string[]
}

export interface IntakeOptions {
  access: Access
  ledger: Ledger
  source: IntentSource
  /** The `event-key` input: the same keys validate checks. */
  eventKey: string | undefined
  /** The triggering repository_dispatch event file's text, taken in even before its artifact is listed. */
  ownEvent?: string
  runId?: string
  now?: () => Date
}

interface Received {
  artifact: string
  hash: string
  event: LifecycleEvent
}

/**
 * Takes new intents in: skips those the ledger holds (by the name's employee id and event hash, nothing
 * downloaded), reads and verifies the rest as validate does, and records each accepted event as the person's
 * newest, not yet applied (`unapplied_event`), with the details a rerun needs, in one commit per chunk. The
 * stale rule and the event's applicability are checked against the record as the commit finds it.
 * The intake is its own commit, though it could ride with the identity job's first results: a drain job
 * without it is quicker, so fewer HR events wait to share the next one, and the later steps' jobs each get
 * fewer people (README, "Where the code departs from the shared design": measured slower at 200 hires).
 */
export async function takeIntentsIn(o: IntakeOptions): Promise<IntakeReport> {
  const report: IntakeReport = { recorded: [], refused: [], waiting: [], held: 0, unreviewed: [] }
  const listed = await o.source.list()
  const named = listed
    .map((a) => ({ artifact: a, parsed: parseIntentName(a.name) }))
    .filter((x): x is { artifact: IntentArtifact; parsed: { employeeId: string; hash: string } } => !!x.parsed)
  const own = ownIntentName(o.ownEvent)
  const ownParsed = own ? parseIntentName(own) : undefined
  const ids = [...new Set([...named.map((x) => x.parsed.employeeId), ...(ownParsed ? [ownParsed.employeeId] : [])])]
  // Which events the ledger holds: from its index where current, else from the record.
  const summaries = ids.length ? await o.ledger.summaries(ids) : new Map<string, RecordSummary>()
  const unindexed = ids.filter((id) => !summaries.has(id))
  const records = unindexed.length ? await o.ledger.getMany(unindexed) : new Map<string, LedgerRecord>()
  const holdsFor = (id: string, hash: string) => summaries.get(id)?.held.includes(hash) ?? holds(records.get(id), hash)
  const received: Received[] = []
  const verify = (artifact: string, text: string): LifecycleEvent | undefined => {
    try {
      return verifyIntent(text, artifact, o)
    } catch (error) {
      report.refused.push({ artifact, rule: ruleOf(error), own: artifact === own })
      return undefined
    }
  }
  const receive = (artifact: string, event: LifecycleEvent) =>
    received.push({ artifact, hash: eventHash(event.eventId), event })
  if (own && ownParsed) {
    if (holdsFor(ownParsed.employeeId, ownParsed.hash)) report.held++
    else {
      const event = verify(own, o.ownEvent!)
      if (event) receive(own, event)
    }
  }
  for (const { artifact, parsed } of named) {
    if (artifact.name === own) continue
    if (holdsFor(parsed.employeeId, parsed.hash)) {
      report.held++
      continue
    }
    let text: string
    try {
      text = await o.source.read(artifact)
    } catch (error) {
      report.refused.push({ artifact: artifact.name, rule: `could not be read: ${ruleOf(error)}`, own: false })
      continue
    }
    const event = verify(artifact.name, text)
    if (!event) continue
    // The run's own event passed its review (this job runs); another run's joiner waits for its reviewer.
    if (REVIEWED_TYPES.includes(event.type) && !(await o.source.approved(artifact))) {
      report.unreviewed.push(artifact.name)
      continue
    }
    receive(artifact.name, event)
  }
  // Oldest first, so each person's events are recorded in the order HR sent them; at the same instant an onboard
  // before a role change before an offboard.
  const order = (x: Received) => EVENT_TYPES.indexOf(x.event.type)
  received.sort((a, b) =>
    isNewer(a.event.occurredAt, b.event.occurredAt)
      ? 1
      : isNewer(b.event.occurredAt, a.event.occurredAt)
        ? -1
        : order(a) - order(b),
  )
  const byPerson = new Map<string, Received[]>()
  for (const r of received) byPerson.set(r.event.employeeId, [...(byPerson.get(r.event.employeeId) ?? []), r])
  const people = [...byPerson.keys()]
  for (let i = 0; i < people.length; i += INTAKE_CHUNK) {
    const chunk = people.slice(i, i + INTAKE_CHUNK)
    // Outcomes of the last attempt only: updateMany re-applies every mutation after a conflict.
    let outcome = new Map<string, Outcome[]>()
    await o.ledger.updateMany(
      chunk.map((employeeId) => ({
        employeeId,
        mutate: (r: LedgerRecord) => {
          const list = byPerson.get(employeeId)!.map((x) => takeIn(r, x))
          outcome.set(employeeId, list)
        },
      })),
      { event: `intents/${o.runId ?? 'local'}`, step: 'intake' },
    )
    for (const employeeId of chunk)
      byPerson.get(employeeId)!.forEach((x, n) => {
        const result = outcome.get(employeeId)?.[n]
        if (result === 'recorded') report.recorded.push(employeeId)
        else if (result === 'waiting') report.waiting.push(x.artifact)
        else if (result && result !== 'held')
          report.refused.push({ artifact: x.artifact, rule: result.refused, own: x.artifact === own })
      })
    outcome = new Map()
  }
  return report
}

type Outcome = 'recorded' | 'held' | 'waiting' | { refused: string }

/** Whether the record already holds the event with this hash: taken in before, or its last or newest event. */
const holds = (record: LedgerRecord | undefined, hash: string) => !!record && heldHashes(record).includes(hash)

/** The intent's event, verified exactly as validate verifies a repository_dispatch event, and true to its name. */
export function verifyIntent(
  text: string,
  artifact: string,
  o: Pick<IntakeOptions, 'access' | 'eventKey' | 'now' | 'runId'>,
) {
  let file: unknown
  try {
    if (text.length > MAX_INTENT_BYTES) throw new Error('too large')
    file = JSON.parse(text)
  } catch {
    throw new UserError({ field: INTENT_FILE, rule: 'must be a JSON event file of at most 1 MB' })
  }
  const event = parseEvent(
    file,
    'repository_dispatch',
    o.access,
    {},
    {
      eventKeys: parseEventKeys(o.eventKey),
      runId: o.runId,
      now: o.now,
    },
  )
  const name = parseIntentName(artifact)
  if (!name || name.employeeId !== event.employeeId || name.hash !== eventHash(event.eventId))
    throw new UserError({
      field: 'artifact name',
      rule: "must be onramp-intent-<the event's employee id>-<its event hash>",
    })
  return event
}

/** The employee id the run's own event file names, if any. */
export const ownEmployeeId = (text: string | undefined) => ownEventIds(text)?.employeeId

/** The artifact name of the run's own event file, when it is a repository_dispatch event naming a person. */
function ownIntentName(text: string | undefined): string | undefined {
  const ids = ownEventIds(text)
  return ids && intentName(ids.employeeId, ids.eventId)
}

/**
 * Records one verified event in the person's record (a mutation: re-applied after a ledger conflict). A stale
 * or inapplicable event is refused; an event that waits for the person's earlier one (a role change before the
 * onboard was applied) is left as it is.
 */
function takeIn(r: LedgerRecord, x: Received): Outcome {
  const { event } = x
  if (holds(r, x.hash)) return 'held'
  const mark = () => {
    r.received = [...(r.received ?? []).filter((h) => h !== x.hash), x.hash].slice(-RECEIVED_KEPT)
  }
  // The person's newest event, recorded and not yet run by any step.
  const inFlight = r.unapplied_event && !ranFor(r, r.unapplied_event.event_id) ? r.unapplied_event : undefined
  try {
    assertNotStale(event, r.last_event?.occurred_at)
    if (inFlight && isNewer(inFlight.occurred_at, event.occurredAt))
      throw new UserError({
        field: 'client_payload.occurred_at',
        rule: 'older than the event recorded for this person and not yet applied',
      })
    assertApplicable(event, r)
  } catch (error) {
    // A role change that arrives before the onboard was run waits for it; a stale event is refused. A refusal
    // writes nothing (a refused event changes nothing, the ledger included): a later drain refuses it again,
    // as a warning, until its artifact expires.
    const stale = error instanceof UserError && error.problems.some((p) => p.field?.endsWith('occurred_at'))
    if (inFlight && !stale) return 'waiting'
    return { refused: ruleOf(error) }
  }
  mark()
  r.unapplied_event = ledgerEvent(event)
  keepPersonDetails(r, event)
  return 'recorded'
}

/** Whether any step recorded a result for this event. */
function ranFor(r: LedgerRecord, eventId: string): boolean {
  return Object.values(r.steps).some((s) => s.event_id === eventId)
}

/** The employee id and event id the run's own event file names, if any (not verified: only for selection). */
function ownEventIds(text: string | undefined): { employeeId: string; eventId: string } | undefined {
  if (text === undefined) return undefined
  try {
    const p = (JSON.parse(text) as { client_payload?: Record<string, unknown> }).client_payload
    const person = (p?.person ?? p) as Record<string, unknown> | undefined
    const employeeId = person?.employee_id
    const eventId = p?.event_id
    return typeof employeeId === 'string' && typeof eventId === 'string' ? { employeeId, eventId } : undefined
  } catch {
    return undefined
  }
}

/** Whether the person's newest event is this one, and the steps before this step have done their part for it. */
function isSentAgain(record: LedgerRecord, step: StepName, types: readonly EventType[], eventId: string): boolean {
  const last = newestRecorded(record)
  return last?.event_id === eventId && types.includes(last.type) && stepsBeforeDone(record, step, last)
}

/** The event types a drain takes (`event-types` input): all, or a list. */
export function parseEventTypes(raw: string | undefined): EventType[] {
  const list = (raw ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  if (!list.length) return [...EVENT_TYPES]
  const bad = list.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t))
  if (bad.length) throw new UserError({ field: 'with.event-types', rule: `must list ${EVENT_TYPES.join(', ')}` })
  return list as EventType[]
}

function ruleOf(error: unknown): string {
  if (error instanceof UserError) return error.problems.map(formatProblem).join('; ')
  return redactPersonalData(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
}

export interface PendingOptions extends Omit<IntakeOptions, 'ledger'> {
  ledger: Ledger
  /** The event types this drain takes (a leavers' drain runs in its own environment). */
  types: readonly EventType[]
  /** Take intents in (the identity job, first in lifecycle.yml); later jobs only select. */
  intake: boolean
  /** Leave out people already run by this process (a second round). */
  skip?: ReadonlySet<string>
}

/**
 * A drain's people: the identity job first takes new intents in; then, among the people the retained intent
 * artifacts (and the run's own event) name, everybody this step has work for (isPendingFor). Only those
 * records are read: the candidates are the last days' HR events, not the whole ledger.
 */
export async function selectPending(
  step: StepName,
  o: PendingOptions,
): Promise<{ people: { employeeId: string; record: LedgerRecord }[]; intake?: IntakeReport; busy: StepName[] }> {
  const intake = o.intake ? await takeIntentsIn(o) : undefined
  const names = (await o.source.list()).map((a) => parseIntentName(a.name)?.employeeId)
  const own = ownIntentName(o.ownEvent)
  const ownId = own && parseIntentName(own)?.employeeId
  const ids = [...new Set([...names, ownId])].filter((id): id is string => !!id && !o.skip?.has(id)).sort()
  // The index tells who has work without reading the record; the run's own person is read (sent again, below).
  const summaries = ids.length ? await o.ledger.summaries(ids) : new Map<string, RecordSummary>()
  // By the index; a person it does not show yet has work for every step.
  const hasWork = (id: string, s: StepName) => summaries.get(id)?.pending.includes(s) ?? true
  const read = ids.filter((id) => id === ownId || hasWork(id, step))
  // Every step these people have work for.
  const busy = STEP_NAMES.filter((s) => ids.some((id) => hasWork(id, s)))
  const records = read.length ? await o.ledger.getMany(read) : new Map<string, LedgerRecord>()
  // The run's own event, sent again while the ledger holds it done, is run again by every step (as one event's
  // run would): a rerun with nothing to do changes nothing, and an offboard re-sends what cannot be read back.
  const again = ownEventIds(o.ownEvent)
  // Another run's joiner got here through the intake, which checked its run's review: its one review job was
  // approved before any access job, and nothing later in that run asks a reviewer again.
  const people = [...records.values()]
    .filter(
      (r) =>
        isPendingFor(r, step, o.types) ||
        (again?.employeeId === r.employee_id && isSentAgain(r, step, o.types, again.eventId)),
    )
    .map((record) => ({ employeeId: record.employee_id, record }))
  return { people, intake, busy }
}
