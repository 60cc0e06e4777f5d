// notify: the last step of every lifecycle event (welcome, role-change and leaver messages, the welcome email)
// and, in alert mode, the alarm when a job failed. Every message is a reconcile item keyed by kind and event id.
// The ledger's `notified` map records the intent before a send and the result after it. Slack is exactly once:
// the key travels in the post's metadata, and the channel's history (not the ledger) says whether an intent
// without a result was posted. Email is at most once: SMTP cannot be asked, so an intent without a result is
// reported ("may not have been sent") and resent only when a rerun says `resend-email: true`.
// Ledger commits: one per notice sent, its intent before the send (what exactly-once and at-most-once rest on,
// carrying the results found or made since), and the step's finish commit with the remaining results. A drain
// records the intents of a chunk of people in one commit (DrainNotices).

import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import {
  accessStartsAt,
  type Clock,
  COMMON_INPUTS,
  clockFromEnv,
  declarePublicData,
  dueTasks,
  EMPLOYEE_ID_PATTERN,
  eventShapeRule,
  getInputs,
  grantEndedLine,
  type Inputs as InputsOf,
  ITEM_KEY_PREFIX,
  type Item,
  input,
  loadGuardrails,
  maskPersonalData,
  namesOf,
  type Plan,
  parseEventKeys,
  type Receipt,
  type ReconcileOutcome,
  type RetryPolicy,
  reconcile,
  recordGranted,
  redactPersonalData,
  revokedGrants,
  runsFast,
  scheduleFor,
  setOutputs,
  systemClock,
  UserError,
  verifyEventSignature,
  worst,
  writeSummary,
  writeSummaryMarkdown,
} from '@onramp/core'
import {
  type Batch,
  beginStep,
  CONVERGE_INPUTS,
  type FinishExtra,
  forEachPerson,
  type Ledger,
  type LedgerRecord,
  newestRecorded,
  openLedger,
  type Step,
  stateEndpoints,
} from '@onramp/ledger'
import { channelWork } from './channels.js'
import {
  type Email,
  loadTemplate,
  type MailTransport,
  renderTemplate,
  sendEmail,
  setupArgs,
  setupLink,
} from './email.js'
import {
  alertMessage,
  type ConvergeFindings,
  convergeAlertMessage,
  leaverMessage,
  readyMessage,
  recordStatuses,
  roleChangeMessage,
  type SlackMessage,
  type SystemStatus,
  systemStatuses,
  welcomeMessage,
} from './messages.js'
import { createSlack, METADATA_EVENT_TYPE } from './slack.js'

/** A post is in the channel's history as soon as Slack answers; a few seconds cover a slow read. */
const POST_READ_BACK: RetryPolicy = { baseMs: 250, capMs: 2000, maxAttempts: 5, deadlineMs: 10_000 }

const URL_PATTERN = /^https?:\/\/[^\s<>|"]+$/
const url = (rule: string) => ({ pattern: URL_PATTERN, rule })
const SLACK_INPUTS = {
  'slack-token': input.secret({ required: false }),
  'slack-api-url': input.string({
    default: 'https://slack.com/api/',
    pattern: /^https?:\/\/[^\s]+\/$/,
    rule: 'must be an http(s) URL ending in /',
  }),
}

const EVENT_INPUTS = {
  ...COMMON_INPUTS,
  ...CONVERGE_INPUTS,
  ...SLACK_INPUTS,
  'mail-transport': input.enum(['smtp', 'sendgrid', 'none'] as const, { default: 'none' }),
  'smtp-host': input.optional({ pattern: /^[A-Za-z0-9.:-]+$/, rule: 'must be a host name or address' }),
  'smtp-port': input.integer({ default: 587, min: 1, max: 65535 }),
  'smtp-user': input.secret({ required: false }),
  'smtp-password': input.secret({ required: false }),
  'sendgrid-api-key': input.secret({ required: false }),
  'sendgrid-api-url': input.string({ default: 'https://api.sendgrid.com', ...url('must be an http(s) URL') }),
  'mail-from': input.optional({ pattern: /^[^\s@<>]+@[^\s@<>]+$/, rule: 'must be a plain email address' }),
  'setup-url': input.optional(url('must be an http(s) URL')),
  'welcome-template': input.optional(),
  'resend-email': input.boolean(false),
}

// Alert mode reads as little as it can and validates leniently in run(): it is the alarm when things failed,
// so a bad event, ledger or optional input degrades the message instead of silencing it.
const ALERT_INPUTS = {
  ...SLACK_INPUTS,
  'dry-run': input.boolean(false),
  'guardrails-file': input.string({ default: '.github/access/guardrails.yaml' }),
  'alerts-channel': input.optional(),
  'employee-id': input.optional(),
  'event-type': input.optional(),
  'failed-jobs': input.optional(),
  needs: input.optional(),
  'run-url': input.optional(),
  state: input.optional(),
  'state-token': input.secret({ required: false }),
  'state-repository': input.optional(),
  'event-key': input.secret({ required: false }),
  /** A converge run's alert: the people in the jobs' `results`/`changes` outputs; `drift` lists changes too. */
  converge: input.enum(['failures', 'drift'] as const, { optional: true }),
}

type EventInputs = InputsOf<typeof EVENT_INPUTS> & { mode: 'event' }
type AlertInputs = InputsOf<typeof ALERT_INPUTS> & { mode: 'alert' }
export type Inputs = EventInputs | AlertInputs

export function readInputs(): Inputs {
  const mode = core.getInput('mode') || 'event'
  if (mode === 'alert') return { mode, ...getInputs(ALERT_INPUTS) }
  if (mode !== 'event') throw new UserError({ field: 'with.mode', rule: 'must be event or alert' })
  return { mode, ...getInputs(EVENT_INPUTS) }
}

export interface Deps {
  /** Default the sandbox's time scale when every endpoint is loopback (clockFromEnv), else real time. */
  clock?: Clock
  /** Tests in process: fast retries in the Slack client and the ledger; default when the clock runs fast. */
  fast?: boolean
  env?: NodeJS.ProcessEnv
  /** The Slack client, shared by a converge run (runMany). */
  slack?: ReturnType<typeof createSlack>
  /** One person of a converge run (runMany). */
  batch?: Batch
  /** A converge run's lines for the time-bound grants that ended (announced), for its summary. */
  endedGrants?: string[]
  /** A drain of HR events (runMany with employee-ids pending): the notices it sends, intents written per chunk. */
  notices?: DrainNotices
}

/** Event mode for one person, or (with `employee-ids`) a converge run over many; or alert mode. */
export const main = (inputs: Inputs, deps: Deps = {}) =>
  inputs.mode === 'event' && inputs.employeeIds ? runMany(inputs, deps) : run(inputs, deps)

/**
 * A converge run: each person's role channels, through runEvent with one Slack client (one rate budget). It
 * sends an event's messages and emails only while a notify task of that event is due (a joiner's welcome time or
 * start date, from the ledger's schedule): otherwise they belong to the HR event, and an intent a crash left
 * unresolved would fail every scheduled run for that person. The run's own message is the alert.
 */
export async function runMany(inputs: EventInputs, deps: Deps = {}) {
  const env = deps.env ?? process.env
  const clock = deps.clock ?? clockFromEnv(env, notifyEndpoints(inputs, env))
  const fast = deps.fast ?? runsFast(clock)
  const slack =
    deps.slack ??
    (inputs.slackToken
      ? createSlack({
          token: inputs.slackToken,
          apiUrl: inputs.slackApiUrl,
          clock,
          fast,
          warn: (line) => core.warning(line),
        })
      : undefined)
  const endedGrants: string[] = []
  // A drain (employee-ids pending, or any run given intents-token) is each new HR event's own notify step: its
  // notices are sent, once (a dated one's when its tasks are due: dueParts).
  const notices =
    inputs.employeeIds?.trim() === 'pending' || inputs.intentsToken
      ? drainNotices(inputs, Boolean(slack), clock, env)
      : undefined
  const result = await forEachPerson(
    'notify',
    inputs,
    (one, batch) => {
      const own = one.employeeId && notices?.enabled.has(one.employeeId) ? notices : undefined
      return runEvent({ ...inputs, ...one }, { ...deps, clock, fast, slack, batch, notices: own, endedGrants })
    },
    { env: deps.env, clock, fast, beforeChunk: notices?.intend, onStop: notices?.stop },
  )
  await notices?.release()
  if (endedGrants.length)
    await writeSummaryMarkdown(`\n### Time-bound grants ended\n\n${endedGrants.map((l) => `- ${l}`).join('\n')}\n`)
  return result
}

/**
 * A drain's notices, at most once each: before a chunk of people runs, the intent of every notice their newest
 * event still needs (Slack and email) is recorded for the whole chunk in one commit (notice-intent-before-send,
 * without a commit per person: at one commit per hire, welcome emails alone would take GitHub's 500
 * content-creating requests an hour). An intent this process wrote and has not begun sending reads as not sent;
 * one it never got to (the person's step ended before the send) is cleared in the step's record, and a cancelled
 * job clears the rest at once (stop). Only a process killed outright leaves them: the next run asks Slack's
 * history before posting, and reports an email intent without a result as "may not have been sent".
 */
export interface DrainNotices {
  /** The people whose newest HR event's notify step has not run, or failed: their notices are sent. */
  enabled: Set<string>
  /** Per employee id, the notice keys this process recorded as intents and has not begun sending. */
  fresh: Map<string, Set<string>>
  /** Set by stop: no recorded send may begin any more. */
  stopped: boolean
  intend(records: LedgerRecord[], ledger: Ledger): Promise<void>
  /**
   * Clears, in one commit, the intents still recorded for sends that never began and that no step's finish
   * cleared (a step that threw before its sends): at the end of the run, or at once when the job is cancelled.
   */
  release(ledger?: Ledger): Promise<void>
  /** The job was cancelled: no send begins any more, and release. */
  stop(ledger: Ledger): Promise<void>
}

function drainNotices(inputs: EventInputs, hasSlack: boolean, clock: Clock, env: NodeJS.ProcessEnv): DrainNotices {
  const guardrails = loadGuardrails(inputs.guardrailsFile)
  const slack = hasSlack && Boolean(guardrails.slack)
  const mail = inputs.mailTransport !== 'none'
  // The notices runEvent may send for each event type (the same kinds and keys); those a step does not send (an
  // email before its time) are cleared in its record.
  const kinds: Record<string, string[]> = {
    onboard: [...(slack ? ['welcome-slack'] : []), ...(mail ? ['welcome-email', 'manager-ready-email'] : [])],
    'role-change': slack ? ['role-change-slack'] : [],
    offboard: slack ? ['leaver-slack'] : [],
  }
  const fresh = new Map<string, Set<string>>()
  const enabled = new Set<string>()
  let drained: Ledger | undefined
  const notices: DrainNotices = {
    enabled,
    fresh,
    stopped: false,
    async stop(ledger) {
      notices.stopped = true
      await notices.release(ledger)
    },
    async release(ledger = drained) {
      // A copy: the sets stay as they are, so a send a cancelled job has not begun finds its intent and stops.
      const left = [...fresh].filter(([, keys]) => keys.size).map(([id, keys]) => [id, [...keys]] as const)
      if (!left.length || !ledger) return
      await ledger.updateMany(
        left.map(([employeeId, keys]) => ({
          employeeId,
          mutate: (r: LedgerRecord) => {
            r.notified = { ...r.notified }
            for (const k of keys) if (isIntent(r.notified[k])) delete r.notified[k]
          },
        })),
        { event: `notices/${env.GITHUB_RUN_ID ?? 'local'}`, step: 'notify' },
      )
    },
    async intend(records, ledger) {
      drained = ledger
      const stamp = `${new Date(clock.now()).toISOString()} intent`
      const wanted = new Map<string, string[]>()
      for (const r of records) {
        const last = newestRecorded(r)
        const done = r.steps.notify?.event_id === last?.event_id && r.steps.notify?.result !== 'failed'
        // A failed notify step is retried for real only outside a dry run (a report run previews it).
        if (!last || done || (inputs.dryRun && r.steps.notify?.event_id === last.event_id)) continue
        enabled.add(r.employee_id)
        const keys = (kinds[last.type] ?? []).map((k) => `${k}:${last.event_id}`).filter((k) => !(k in r.notified))
        if (keys.length) wanted.set(r.employee_id, keys)
      }
      if (!wanted.size) return
      // What the last attempt wrote: updateMany re-applies after a conflict, and another run may have begun.
      let written = new Map<string, Set<string>>()
      await ledger.updateMany(
        [...wanted].map(([employeeId, keys]) => ({
          employeeId,
          mutate: (r: LedgerRecord) => {
            const mine = new Set(keys.filter((k) => !(k in r.notified)))
            for (const k of mine) r.notified[k] = stamp
            written.set(employeeId, mine)
          },
        })),
        { event: `notices/${env.GITHUB_RUN_ID ?? 'local'}`, step: 'notify' },
      )
      for (const [id, keys] of written) if (keys.size) fresh.set(id, keys)
      written = new Map()
    },
  }
  return notices
}

export async function run(inputs: Inputs, deps: Deps = {}): Promise<void> {
  const env = deps.env ?? process.env
  const clock = deps.clock ?? clockFromEnv(env, notifyEndpoints(inputs, env))
  const resolved = { ...deps, clock, fast: deps.fast ?? runsFast(clock) }
  if (inputs.mode === 'alert') return runAlert(inputs, resolved)
  return runEvent(inputs, resolved)
}

/** Every service this run may call: Slack, the mail transport, the ledger. */
function notifyEndpoints(inputs: Inputs, env: NodeJS.ProcessEnv): (string | undefined)[] {
  const mail =
    inputs.mode === 'alert' || inputs.mailTransport === 'none'
      ? []
      : [inputs.mailTransport === 'smtp' ? inputs.smtpHost : inputs.sendgridApiUrl]
  return [inputs.slackApiUrl, ...mail, ...stateEndpoints(inputs.state, env.GITHUB_API_URL)]
}

// ------------------------------------------------------------------------------------------- event mode

/** Where `notified` lives: the ledger, or this process only when the action runs with `state: none`. */
interface Notified {
  get(key: string): Promise<string | undefined>
  /** An intent (`<time> intent`) is durable when this resolves; a result may wait for the step's finish. */
  set(key: string, value: string): Promise<void>
  /** Forgets an intent whose send the service refused outright. */
  clear(key: string): Promise<void>
}

const isIntent = (v: string | undefined) => v?.endsWith(' intent') ?? false

interface LedgerNotified extends Notified {
  /** For the finish commit: the results and cleared intents not written yet. */
  fold(record: LedgerRecord): void
}

/**
 * The `notified` map as read at the step's start, kept in this process. An intent is written at once (a notice
 * is recorded as begun before it is sent), in one commit with the results found or made since the last write;
 * the rest is folded into the step's finish commit. A run that stops before leaves the intent, which makes
 * the next run ask Slack's history (or, for email, report it).
 */
function notifiedStore(ledger: Ledger | undefined, step: Step, notices?: DrainNotices): LedgerNotified {
  const view = new Map(Object.entries(step.record?.notified ?? {}))
  const pending = new Map<string, string | undefined>()
  const { employeeId, type, eventId } = step.event
  // The drain's own set: a send begun leaves it, so a cancelled job clears only the intents of the others.
  const fresh = notices?.fresh.get(employeeId) ?? new Set<string>()
  let unsent: string[] | undefined
  const apply = (r: LedgerRecord, changes: Map<string, string | undefined>) => {
    r.notified = { ...r.notified }
    for (const [k, v] of changes) {
      if (v === undefined) delete r.notified[k]
      else r.notified[k] = v
    }
  }
  return {
    // A drain's own intent, not yet acted on (DrainNotices): not sent.
    get: async (k) => (fresh.has(k) ? undefined : view.get(k)),
    async set(k, v) {
      view.set(k, v)
      // The drain recorded this intent before the chunk began: it is durable already. Once the job is cancelled,
      // that intent is being cleared: the send must not begin (the next run sends it).
      if (isIntent(v) && fresh.has(k)) {
        if (notices?.stopped) throw new Error('not sent: the job was cancelled before this send began')
        fresh.delete(k)
        return
      }
      pending.set(k, v)
      if (!isIntent(v) || !ledger) return
      const changes = new Map(pending)
      await ledger.update(employeeId, (r) => apply(r, changes), { event: `${type}/${eventId}`, step: 'notify' })
      for (const [x, written] of changes) if (pending.get(x) === written) pending.delete(x)
    },
    async clear(k) {
      view.delete(k)
      pending.set(k, undefined)
    },
    fold: (r) => {
      // Intents recorded for sends this step never began: nothing went out. Taken out of the drain's set once (the
      // finish commit clears them; a conflict applies this again with the same keys).
      unsent ??= [...fresh]
      fresh.clear()
      for (const k of unsent) pending.set(k, undefined)
      apply(r, pending)
    },
  }
}

interface Sent {
  /** `unknown`: an intent without a result, for a service that cannot be asked (email). */
  sent: boolean | 'unknown'
  /** Ids only: `slack:<channel id>/<ts>` or `email:<message id>`; for the desired state, the destination. */
  ref?: string
  /** Whether the ledger holds the result (a post found in history may not be recorded yet). */
  recorded?: boolean
}

export interface Notification {
  /** `welcome-slack`, `welcome-email`, `role-change-slack`, `leaver-slack`. */
  kind: string
  /** PII-free destination for receipts and the dry-run report. */
  to: string
  /** What a dry run prints; personal values are redacted before printing. */
  preview(): Promise<string>
  /** Sends; resolves to the PII-free reference. Sends carry the notification key where the service keeps it. */
  send(key: string): Promise<string>
  /**
   * Asks the service whether the message with this key went out since `sinceMs` (its reference, or undefined).
   * Absent when the service cannot be asked (SMTP): then the ledger's record is the only evidence.
   */
  find?(key: string, sinceMs: number): Promise<string | undefined>
  /** For a service that cannot be asked: an intent without a result may be sent again (an explicit rerun input). */
  resend?: boolean
  /** What to do about an intent without a result when `resend` is not set. */
  unknownHelp?: string
}

/** A `notified` value: `<time> <ref>` once sent, `<time> intent` while a send is under way. */
function parseEntry(v: string | undefined): { at: number; ref?: string } | undefined {
  if (v === undefined) return undefined
  const [time, ref] = v.split(' ')
  const at = Date.parse(time ?? '')
  return { at: Number.isNaN(at) ? 0 : at, ref: ref && ref !== 'intent' ? ref : undefined }
}

export interface NotificationItem {
  item: Item<Sent>
  /** Writes a result the read-back found in the service but the ledger lacks; call once the item verified. */
  recordFound(): Promise<void>
}

/**
 * One notification as a reconcile item. apply(): record the intent, send, and (for a service that cannot be
 * asked) record the result. read(): the recorded result; else, for an intent, the service's own answer (Slack
 * history by key) or `unknown`. A result found in the service is recorded by `recordFound` once verified.
 */
export function notificationItem(n: Notification, eventId: string, store: Notified, clock: Clock): NotificationItem {
  const key = `${n.kind}:${eventId}`
  const stamp = () => new Date(clock.now()).toISOString()
  let found: Sent | undefined
  const item: Item<Sent> = {
    key,
    desired: { sent: true, ref: n.to },
    async read() {
      const entry = parseEntry(await store.get(key))
      found = undefined
      if (entry?.ref) found = { sent: true, ref: entry.ref, recorded: true }
      else if (entry && n.find) {
        const ref = await n.find(key, entry.at)
        if (ref) found = { sent: true, ref, recorded: false }
      } else if (entry) found = { sent: 'unknown' }
      return found
    },
    same: (_d, f) => f?.sent === true,
    verb: (f) => (f?.sent === 'unknown' ? 'resend' : 'send'),
    async apply(before) {
      if (before?.sent === 'unknown' && !n.resend)
        throw new Error(
          `${n.kind} may not have been sent: an earlier run began sending and recorded no result. ${n.unknownHelp ?? ''}`.trim(),
        )
      // The intent comes first: a crash after the send leaves it, and the next run asks before sending again.
      await store.set(key, `${stamp()} intent`)
      let ref: string
      try {
        ref = await n.send(key)
      } catch (error) {
        // A lost answer from a service that can be asked: the read-back decides whether it went through.
        if (n.find && (error as { maybeSent?: boolean }).maybeSent) return
        // Refused outright: nothing went out, so the next run need not ask (or, for email, warn).
        if ((error as { notSent?: boolean }).notSent) await store.clear(key)
        throw error
      }
      // No one to ask: the accepted send is the evidence.
      if (!n.find) await store.set(key, `${stamp()} ${ref}`)
    },
    show: (s) => (s ? { sent: s.sent, ref: s.ref } : undefined),
  }
  return {
    item,
    async recordFound() {
      if (found?.sent === true && found.recorded === false && found.ref) await store.set(key, `${stamp()} ${found.ref}`)
    },
  }
}

async function runEvent(inputs: EventInputs, deps: Deps): Promise<void> {
  const clock = deps.clock ?? systemClock
  const step = await beginStep('notify', inputs, {
    clock: deps.clock,
    fast: deps.fast,
    env: deps.env,
    batch: deps.batch,
  })
  const store = notifiedStore(step.dryRun ? undefined : step.ledger, step, deps.notices)
  // Not due yet (a last day, a start date): nothing is read or changed; the scheduled run comes back then. A
  // drain's intents for this person are cleared in the same commit: nothing was sent.
  if (step.waiting) {
    await step.scheduled({ mutate: (r) => store.fold(r) })
    return
  }
  const { event, access, record } = step
  const channels = access.guardrails.slack
  const when = dueParts(step, deps.batch !== undefined && !deps.notices)
  // The welcome goes to the personal email when HR gave one (at the welcome lead time), else to the work email
  // at the start date.
  const welcomeTo = event.personalEmail ?? event.email
  const welcomeNow = when.eventMessages && (!when.beforeStart || event.personalEmail !== undefined)

  const problems: { field: string; rule: string }[] = []
  if (channels && !inputs.slackToken)
    problems.push({ field: 'with.slack-token', rule: 'required when guardrails.yaml names Slack channels' })
  const wantsEmail = event.type === 'onboard' && inputs.mailTransport !== 'none' && when.eventMessages
  let transport: MailTransport | undefined
  if (wantsEmail) {
    if (!inputs.mailFrom) problems.push({ field: 'with.mail-from', rule: 'required to send the welcome email' })
    if (!inputs.setupUrl) problems.push({ field: 'with.setup-url', rule: 'required to send the welcome email' })
    if (!welcomeTo) problems.push({ field: 'client_payload.email', rule: 'required to send the welcome email' })
    if (inputs.mailTransport === 'smtp') {
      if (!inputs.smtpHost) problems.push({ field: 'with.smtp-host', rule: 'required when mail-transport is smtp' })
      else
        transport = {
          kind: 'smtp',
          host: inputs.smtpHost,
          port: inputs.smtpPort,
          user: inputs.smtpUser,
          password: inputs.smtpPassword,
        }
    } else if (inputs.mailTransport === 'sendgrid') {
      if (!inputs.sendgridApiKey)
        problems.push({ field: 'with.sendgrid-api-key', rule: 'required when mail-transport is sendgrid' })
      else transport = { kind: 'sendgrid', apiKey: inputs.sendgridApiKey, apiUrl: inputs.sendgridApiUrl }
    }
  }
  if (problems.length) throw new UserError(problems)

  const slack =
    channels && inputs.slackToken
      ? (deps.slack ??
        createSlack({
          token: inputs.slackToken,
          apiUrl: inputs.slackApiUrl,
          clock,
          fast: deps.fast,
          warn: (line) => core.warning(line),
        }))
      : undefined
  const role = event.role ? access.roles.roles[event.role] : undefined
  const statuses = systemStatuses(step.plan, record, event.eventId)
  let manager: Promise<string | undefined> | undefined
  const managerId = () => {
    const email = event.managerEmail
    manager ??= slack && email ? slack.lookupUserId(email) : Promise.resolve(undefined)
    return manager
  }

  const notifications: Notification[] = []
  // A converge run (deps.batch) sends the event's messages only when a notify task of the event is due, or when it
  // drains the HR event (see dueParts); the announcement waits for the start date.
  if (slack && channels && when.eventMessages && !when.beforeStart) {
    const build = async (): Promise<{ kind: string; message: SlackMessage }> => {
      // Only the welcome names the manager: in the alerts channel a mention would tie the id to a person.
      if (event.type === 'onboard')
        return {
          kind: 'welcome-slack',
          message: welcomeMessage({
            channel: channels.announceChannel,
            event,
            role,
            managerId: await managerId(),
            statuses,
          }),
        }
      if (event.type === 'role-change') {
        const fromRole = record?.role !== event.role ? record?.role : undefined
        return {
          kind: 'role-change-slack',
          message: roleChangeMessage({ channel: channels.alertsChannel, event, fromRole, statuses }),
        }
      }
      return {
        kind: 'leaver-slack',
        message: leaverMessage({ channel: channels.alertsChannel, event, statuses }),
      }
    }
    const kind = { onboard: 'welcome-slack', 'role-change': 'role-change-slack', offboard: 'leaver-slack' }[event.type]
    const channel = event.type === 'onboard' ? channels.announceChannel : channels.alertsChannel
    notifications.push({
      kind,
      to: `slack ${channel}`,
      preview: async () => {
        const { message } = await build()
        return `${message.channel}: ${message.text}\n${JSON.stringify(message.blocks)}`
      },
      send: async (key) => {
        const { message } = await build()
        const res = await slack.post({
          ...message,
          metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { key } },
        })
        return `slack:${res.channel}/${res.ts}`
      },
      find: (key, sinceMs) => slack.findPosted(channel, key, sinceMs),
    })
  }
  if (wantsEmail && transport && welcomeNow) {
    const mailTransport = transport
    const compose = (): Email => {
      const template = loadTemplate(inputs.welcomeTemplate)
      const roleKey = event.role ?? ''
      const { subject, text } = renderTemplate(template, {
        name: event.name ?? '',
        role: roleKey,
        role_description: role?.description ?? '',
        start_date: event.startDate ?? 'to be confirmed',
        setup_link: setupLink(inputs.setupUrl!, roleKey),
        setup_url: inputs.setupUrl!,
        setup_args: setupArgs(roleKey, step.plan.setup?.repos ?? [], Boolean(role?.aws), ssoSetup(step.plan)),
      })
      const domain = inputs.mailFrom!.split('@')[1]
      return {
        from: inputs.mailFrom!,
        to: welcomeTo!,
        subject,
        text,
        messageId: `<welcome.${event.eventId.replace(/[^A-Za-z0-9._-]/g, '_')}.${event.employeeId}@${domain}>`,
      }
    }
    notifications.push({
      kind: 'welcome-email',
      to: `email (${mailTransport.kind}) to the new hire`,
      preview: async () => {
        const e = compose()
        return `email to the new hire: ${e.subject}\n${e.text}`
      },
      send: async () => `email:${await sendEmail(mailTransport, compose(), { clock })}`,
      resend: inputs.resendEmail,
      unknownHelp:
        'A mail server cannot be asked whether it took a message: check with the new hire, then rerun with resend-email: true to send it again.',
    })
  }
  // Before the start date, at the welcome lead time: the manager learns what is ready and what goes live when.
  if (wantsEmail && transport && when.beforeStart && event.managerEmail) {
    const mailTransport = transport
    const compose = (): Email => {
      const { subject, text } = readyMessage({
        event,
        plan: step.plan,
        schedule: scheduleFor(event, access.guardrails.dates),
        zone: access.guardrails.dates.timeZone,
        identity: systemStatuses(step.plan, record, event.eventId).find((x) => x.system === 'identity')?.state,
        welcomeSent: event.personalEmail !== undefined,
      })
      const domain = inputs.mailFrom!.split('@')[1]
      return {
        from: inputs.mailFrom!,
        to: event.managerEmail!,
        subject,
        text,
        messageId: `<ready.${event.eventId.replace(/[^A-Za-z0-9._-]/g, '_')}.${event.employeeId}@${domain}>`,
      }
    }
    notifications.push({
      kind: 'manager-ready-email',
      to: `email (${mailTransport.kind}) to the manager`,
      preview: async () => {
        const e = compose()
        return `email to the manager: ${e.subject}\n${e.text}`
      },
      send: async () => `email:${await sendEmail(mailTransport, compose(), { clock })}`,
      resend: inputs.resendEmail,
      unknownHelp:
        'A mail server cannot be asked whether it took a message: check with the manager, then rerun with resend-email: true to send it again.',
    })
  }

  // The role's channels first: access, under the same loop, ledger and read-back as every other system.
  const previousRole = record?.role && record.role !== event.role ? access.roles.roles[record.role] : undefined
  const channelsWork =
    slack && step.plan.slack && !when.beforeStart
      ? await channelWork({
          slack,
          email: event.email ?? record?.person?.email,
          knownUserId: record?.ids.slack?.user_id,
          desired: step.plan.slack.channels,
          // What onramp recorded inviting the person to (granted.slack, else the older ids.slack.channels).
          added: namesOf(recordGranted(record).slack ?? [], ITEM_KEY_PREFIX.slackChannel),
          previous: previousRole?.slack?.channels ?? [],
          offboard: event.type === 'offboard',
        })
      : undefined
  const channelOutcome = channelsWork?.items.length
    ? await reconcile(channelsWork.items, {
        dryRun: step.dryRun,
        clock: deps.clock,
        readBack: deps.fast ? { ...POST_READ_BACK, baseMs: 1, capMs: 1 } : POST_READ_BACK,
        describeError: (e) => redactPersonalData(e instanceof Error ? e.message : String(e)),
      })
    : undefined

  // Time-bound grants past their end that every access step has revoked and verified: announced in the alerts
  // channel (ids and item keys only), once each, then marked ended. They belong to the grant, not the HR event,
  // so a converge run (the scheduled run at the grant's end) announces them too.
  const ended = step.dryRun ? [] : revokedGrants(step.grants, record?.schedule, clock.now())
  const grantNotices: { notification: Notification; grantId: string }[] = []
  if (slack && channels)
    for (const g of ended) {
      const text = grantEndedLine(event.employeeId, g)
      grantNotices.push({
        grantId: g.id,
        notification: {
          kind: 'grant-ended',
          to: `slack ${channels.alertsChannel}`,
          preview: async () => `${channels.alertsChannel}: ${text}`,
          send: async (key) => {
            const res = await slack.post({
              channel: channels.alertsChannel,
              text,
              blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:hourglass: ${text}` } }],
              metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { key } },
            })
            return `slack:${res.channel}/${res.ts}`
          },
          find: (key, sinceMs) => slack.findPosted(channels.alertsChannel, key, sinceMs),
        },
      })
    }

  const items = [
    ...notifications.map((n) => notificationItem(n, event.eventId, store, clock)),
    ...grantNotices.map((g) => notificationItem(g.notification, g.grantId, store, clock)),
  ]
  // One item at a time, so a result found in the service is recorded before the next send begins.
  const receipts: Receipt[] = [...(channelOutcome?.receipts ?? [])]
  for (const i of items) {
    const one = await reconcile([i.item], {
      dryRun: step.dryRun,
      clock: deps.clock,
      readBack: deps.fast ? { ...POST_READ_BACK, baseMs: 1, capMs: 1 } : POST_READ_BACK,
      describeError: (e) => redactPersonalData(e instanceof Error ? e.message : String(e)),
    })
    if (!step.dryRun && one.receipts[0]?.verified) await i.recordFound()
    receipts.push(...one.receipts)
  }
  const outcome: ReconcileOutcome = { result: worst(receipts.map((r) => r.result)), receipts }

  if (step.dryRun) await printPreviews(outcome, notifications, event.eventId)
  const ts = messageTs(outcome, notifications, event.eventId)
  // A grant is ended once announced (without Slack: once the summary says so).
  const announced = ended.filter(
    (g) => !slack || receipts.some((r) => r.item === `grant-ended:${g.id}` && r.verified && r.result !== 'failed'),
  )
  deps.endedGrants?.push(...announced.map((g) => grantEndedLine(event.employeeId, g)))
  const skipped = [
    ...announced.map((g) => grantEndedLine(event.employeeId, g)),
    channels ? undefined : 'guardrails.yaml names no Slack channels',
    event.type === 'onboard' && when.eventMessages && inputs.mailTransport === 'none'
      ? 'mail-transport is none: no welcome email'
      : undefined,
    when.beforeStart
      ? `before the start date: the announcement, role channels${event.personalEmail ? '' : ' and the welcome email (no personal email given)'} wait for it`
      : undefined,
    ...(channelsWork?.notes ?? []),
  ].filter(Boolean)
  const slackIds = (() => {
    if (!channelsWork || step.dryRun) return undefined
    const next = { user_id: channelsWork.userId, channels: channelsWork.added(channelOutcome?.receipts ?? []) }
    const was = record?.ids.slack
    // Nothing new: no ledger write (a rerun with nothing to do changes nothing).
    const same =
      (next.user_id ?? was?.user_id) === was?.user_id &&
      JSON.stringify(next.channels) === JSON.stringify(was?.channels ?? [])
    return same ? undefined : next
  })()
  const finish = (extra: FinishExtra) =>
    when.beforeStart && when.start !== undefined
      ? step.partly(outcome, { until: new Date(when.start).toISOString(), why: 'start' }, extra)
      : step.finish(outcome, extra)
  await finish({
    outputs: { 'message-ts': ts ?? '' },
    note: skipped.join('; ') || undefined,
    mutate: (r) => {
      store.fold(r)
      const at = new Date(clock.now()).toISOString()
      for (const g of r.grants ?? [])
        if (!g.ended && announced.some((a) => a.id === g.id)) g.ended = { at, why: 'expired' }
    },
    ids: slackIds
      ? (ids) => {
          ids.slack = {
            ...ids.slack,
            ...(slackIds.user_id ? { user_id: slackIds.user_id } : {}),
            channels: slackIds.channels,
          }
        }
      : undefined,
  })
}

/**
 * Which of an event's notices are due at the step's time. A joiner with a start date still ahead gets only the
 * welcome part (the welcome to a personal email, the manager's "what is ready" message); the announcement, the
 * role channels and a welcome to the work email wait for the start. A converge run sends the event's messages
 * only while a notify task of the event is due (the scheduled run at the welcome time or the start): otherwise it
 * converges role channels alone, and never repeats a notice.
 */
function dueParts(step: Step, converge: boolean) {
  const { event, record, now } = step
  const start = event.type === 'onboard' ? accessStartsAt(event, step.access.guardrails.dates) : undefined
  const due = dueTasks(record?.schedule ?? [], now).some((t) => t.step === 'notify' && t.event_id === event.eventId)
  return { start, beforeStart: start !== undefined && now < start, eventMessages: !converge || due }
}

async function printPreviews(outcome: ReconcileOutcome, notifications: Notification[], eventId: string) {
  for (const n of notifications) {
    const r = outcome.receipts.find((x) => x.item === `${n.kind}:${eventId}`)
    if (r?.action !== 'send') continue
    core.info(`dry run: would send ${n.kind} to ${n.to}:`)
    core.info(redactPersonalData(await n.preview()))
  }
}

/** The Slack message of this event, whether posted now or by an earlier run (its receipt holds the ref). */
function messageTs(outcome: ReconcileOutcome, notifications: Notification[], eventId: string): string | undefined {
  const slackKind = notifications.find((n) => n.kind.endsWith('-slack'))?.kind
  const r = outcome.receipts.find((x) => x.item === `${slackKind}:${eventId}`)
  if (!r || r.result === 'failed' || !r.verified) return undefined
  const ref = (r.after as Sent | null)?.ref
  return ref ? /^slack:[^/]+\/([0-9.]+)$/.exec(ref)?.[1] : undefined
}

// ------------------------------------------------------------------------------------------- alert mode

const JOB_NAME = /^[A-Za-z0-9_.-]{1,100}$/

/** Failed jobs from `failed-jobs` (comma-separated) or from `${{ toJSON(needs) }}` (results failure/cancelled). */
export function failedJobs(list: string | undefined, needs: string | undefined): string[] {
  const names: string[] = []
  if (list) names.push(...list.split(',').map((s) => s.trim()))
  if (needs) {
    try {
      const parsed = JSON.parse(needs) as Record<string, { result?: unknown }>
      for (const [job, v] of Object.entries(parsed ?? {}))
        if (v && (v.result === 'failure' || v.result === 'cancelled')) names.push(job)
    } catch {
      core.warning('notify: needs is not JSON; failed jobs unknown')
    }
  }
  return [...new Set(names.filter(Boolean).map((n) => (JOB_NAME.test(n) ? n : '(unnamed job)')))]
}

/**
 * The employee id from the input, the validate job's output, or the raw event when its signature holds; never
 * anything else from it. A forged event must not point the alert (and the person who acts on it) at someone.
 */
export function alertEmployeeId(inputs: AlertInputs, env: NodeJS.ProcessEnv, now = Date.now()): string {
  const candidates: unknown[] = [inputs.employeeId]
  try {
    const needs = JSON.parse(inputs.needs ?? '{}') as Record<string, { outputs?: Record<string, unknown> }>
    for (const v of Object.values(needs ?? {})) candidates.push(v?.outputs?.['employee-id'])
  } catch {}
  const payload = signedPayload(inputs, env, now)
  const person = payload?.version === 2 ? (payload.person as Record<string, unknown> | undefined) : payload
  candidates.push(person?.employee_id)
  const raw = rawEvent(env) as { inputs?: Record<string, unknown> }
  candidates.push(raw.inputs?.['employee-id'])
  const id = candidates.find((c): c is string => typeof c === 'string' && EMPLOYEE_ID_PATTERN.test(c))
  return id ?? 'unknown'
}

function rawEvent(env: NodeJS.ProcessEnv): { action?: unknown; client_payload?: unknown } {
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'))
    return event && typeof event === 'object' && !eventShapeRule(event) ? event : {}
  } catch {
    return {}
  }
}

/**
 * The raw event's client_payload if it is signed with an event key; undefined otherwise. Its age is judged at
 * `now`, the action's clock (the sandbox's when every endpoint is), as every step judges it.
 */
function signedPayload(inputs: AlertInputs, env: NodeJS.ProcessEnv, now: number): Record<string, any> | undefined {
  const { action, client_payload: payload } = rawEvent(env)
  if (typeof action !== 'string' || !payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined
  let maxAgeSeconds = 86_400
  try {
    maxAgeSeconds = loadGuardrails(inputs.guardrailsFile).events.maxAgeSeconds
  } catch {}
  const keys = parseEventKeys(inputs.eventKey)
  const check = verifyEventSignature(action, payload as Record<string, unknown>, {
    keys,
    maxAgeSeconds,
    now: new Date(now),
  })
  return check.ok ? (payload as Record<string, any>) : undefined
}

/** repository_dispatch names the event type in `action`; a known value or nothing. */
function rawEventType(env: NodeJS.ProcessEnv): string | undefined {
  const action = rawEvent(env).action
  return typeof action === 'string' ? action : undefined
}

const LEDGER_READ_LIMIT_MS = 15_000

/** What the ledger says each system step did for this event; undefined when it cannot tell (never fatal). */
async function ledgerSteps(
  inputs: AlertInputs,
  employeeId: string,
  env: NodeJS.ProcessEnv,
  deps: Deps,
): Promise<{ steps: SystemStatus[]; unconfirmed: string[] } | undefined> {
  if (employeeId === 'unknown' || !inputs.state || inputs.state === 'none') return undefined
  let timer: NodeJS.Timeout | undefined
  try {
    const read = (async () => {
      const ledger = await openLedger(inputs.state!, {
        token: inputs.stateToken,
        apiUrl: env.GITHUB_API_URL,
        repo: inputs.stateRepository || env.GITHUB_REPOSITORY,
        clock: deps.clock,
        fast: deps.fast,
      })
      return ledger.get(employeeId)
    })()
    // An alarm must not wait out a ledger outage.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), LEDGER_READ_LIMIT_MS)
    })
    const record = await Promise.race([read, timeout])
    if (!record) return undefined
    // The ids the alert names are public: a person named like their id ("E2002") must not mask it away.
    declarePublicData({ ids: [employeeId, record.role, record.last_event?.event_id, record.last_event?.type] })
    maskPersonalData([record.person?.email, record.person?.name, record.person?.manager_email])
    const signedId = signedPayload(inputs, env, (deps.clock ?? systemClock).now())?.event_id
    const eventId = typeof signedId === 'string' ? signedId : record.last_event?.event_id
    // Sends of this event that began and recorded no result: the alert says which may not have gone out.
    const unconfirmed = Object.entries(record.notified ?? {})
      .filter(([k, v]) => k.endsWith(`:${eventId}`) && / intent$/.test(v))
      .map(([k]) => k.slice(0, k.length - eventId!.length - 1))
    return { steps: recordStatuses(record, eventId), unconfirmed }
  } catch {
    core.warning('notify: the ledger could not be read; alerting without it')
    return undefined
  } finally {
    clearTimeout(timer)
  }
}

const ITEM_KEY = /^[\w:./@#+=,-]{1,300}$/

/** The converge jobs' per-person outputs (`results`, `changes`) from `needs`; anything malformed is skipped. */
export function convergeFindings(needs: string | undefined): ConvergeFindings {
  const findings: ConvergeFindings = { failed: {}, changes: {} }
  let parsed: Record<string, { outputs?: Record<string, unknown> }> = {}
  try {
    parsed = JSON.parse(needs ?? '{}') ?? {}
  } catch {}
  const json = (v: unknown): Record<string, unknown> => {
    try {
      const o = typeof v === 'string' && v ? JSON.parse(v) : {}
      return o && typeof o === 'object' && !Array.isArray(o) ? o : {}
    } catch {
      return {}
    }
  }
  for (const [job, v] of Object.entries(parsed)) {
    if (!JOB_NAME.test(job)) continue
    for (const [id, result] of Object.entries(json(v?.outputs?.results)))
      if (EMPLOYEE_ID_PATTERN.test(id) && result === 'failed')
        findings.failed[id] = [...(findings.failed[id] ?? []), job]
    for (const [id, items] of Object.entries(json(v?.outputs?.changes))) {
      if (!EMPLOYEE_ID_PATTERN.test(id) || !Array.isArray(items)) continue
      const keys = items.filter((k): k is string => typeof k === 'string' && ITEM_KEY.test(k))
      if (keys.length) findings.changes[id] = [...(findings.changes[id] ?? []), ...keys.map((k) => `${job}: ${k}`)]
    }
  }
  return findings
}

async function runAlert(inputs: AlertInputs, deps: Deps): Promise<void> {
  const env = deps.env ?? process.env
  const clock = deps.clock ?? systemClock
  const employeeId = inputs.converge ? 'converge' : alertEmployeeId(inputs, env, clock.now())
  const jobs = failedJobs(inputs.failedJobs, inputs.needs)
  const fallbackRun =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined
  const runUrl = [inputs.runUrl, fallbackRun].find((u) => u && URL_PATTERN.test(u))
  let channel = inputs.alertsChannel
  if (!channel) {
    try {
      channel = loadGuardrails(inputs.guardrailsFile).slack?.alertsChannel
    } catch {
      core.warning('notify: the guardrails could not be read; set alerts-channel to alert without them')
    }
  }
  if (!channel) throw new UserError({ field: 'with.alerts-channel', rule: 'required: guardrails.yaml gives none' })
  if (!inputs.slackToken) throw new UserError({ field: 'with.slack-token', rule: 'required in alert mode' })
  const eventType = [inputs.eventType, rawEventType(env)].find((t) =>
    ['onboard', 'role-change', 'offboard'].includes(t ?? ''),
  )
  const findings = inputs.converge ? convergeFindings(inputs.needs) : undefined
  if (
    inputs.converge &&
    !jobs.length &&
    !Object.keys(findings!.failed).length &&
    !(inputs.converge === 'drift' && Object.keys(findings!.changes).length)
  ) {
    core.info('notify: the converge run found nothing to alert')
    setOutputs({ result: 'unchanged', receipt: [], 'employee-id': employeeId, 'message-ts': '' })
    return
  }
  const ledger = inputs.converge ? undefined : await ledgerSteps(inputs, employeeId, env, deps)
  const message = inputs.converge
    ? convergeAlertMessage({ channel, kind: inputs.converge, findings: findings!, failedJobs: jobs, runUrl })
    : alertMessage({
        channel,
        employeeId,
        eventType,
        failedJobs: jobs,
        runUrl,
        steps: ledger?.steps,
        unconfirmed: ledger?.unconfirmed,
      })
  const slack = createSlack({
    token: inputs.slackToken,
    apiUrl: inputs.slackApiUrl,
    clock,
    fast: deps.fast,
    warn: (l) => core.warning(l),
  })

  // One alarm per run attempt: the key travels in the post's metadata, and the read-back is the channel's history,
  // so a post whose answer was lost is not repeated and an ok:true that posted nothing fails the job.
  const runKey = `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`
  const key = `alert:${employeeId}:${runKey}`
  const startedAt = clock.now()
  let attempted = false
  let ref: string | undefined
  const item: Item<Sent> = {
    key: `alert:${employeeId}`,
    desired: { sent: true, ref: `slack ${channel}` },
    async read() {
      // Nothing to look for before this run posted.
      if (!attempted) return undefined
      ref = await slack.findPosted(channel, key, startedAt)
      return ref ? { sent: true, ref } : undefined
    },
    same: (_d, f) => f?.sent === true,
    verb: () => 'send',
    async apply() {
      attempted = true
      try {
        await slack.post({ ...message, metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { key } } })
      } catch (error) {
        if (!(error as { maybeSent?: boolean }).maybeSent) throw error
      }
    },
  }
  const outcome = await reconcile([item], {
    dryRun: inputs.dryRun,
    clock: deps.clock,
    readBack: deps.fast ? { ...POST_READ_BACK, baseMs: 1, capMs: 1 } : POST_READ_BACK,
  })
  if (inputs.dryRun) core.info(`dry run: would send to ${channel}: ${message.text}\n${JSON.stringify(message.blocks)}`)
  setOutputs({
    result: outcome.result,
    receipt: outcome.receipts,
    'employee-id': employeeId,
    'message-ts': ref ? /\/([0-9.]+)$/.exec(ref)?.[1] : '',
  })
  await writeSummary({
    title: 'onramp: failure alert',
    note: `${inputs.dryRun ? 'Dry run: nothing was sent. ' : ''}${inputs.converge ? `Converge run (${inputs.converge})` : `Employee ${employeeId}`}; failed jobs: ${jobs.join(', ') || 'unknown'}.`,
    receipts: outcome.receipts,
  })
  if (outcome.result === 'failed')
    core.setFailed(`onramp notify: the alert could not be sent: ${outcome.receipts[0]?.reason ?? 'unknown error'}`)
}

/** The access portal and the role's accounts for dev-setup, in Identity Center mode. */
function ssoSetup(plan: Plan) {
  const ic = plan.identityCenter
  if (ic?.presence !== 'active') return undefined
  return {
    startUrl: ic.startUrl,
    region: ic.region,
    accounts: [...new Set(ic.assignments.map((a) => a.account))].sort(),
  }
}
