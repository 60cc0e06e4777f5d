// The messages notify sends, as pure functions of ids, role keys and ledger step results.
//
// What each channel may see (personal data policy):
// - announce channel (onboard welcome): the new hire's name, role key and description, start date, the manager
//   as a Slack mention (<@U…>, an id) and per-system status. Never an email address.
// - alerts channel (role-change and leaver notices, failure alerts): employee id, role keys, per-system status,
//   failed job names and the run link. Never a name, an email or a manager mention (a mention next to a leaver's
//   id names a person).
// - welcome email (to the new hire only, at their personal email when HR gave one): their name, role, start date
//   and the setup link. Nothing secret.
// - "what is ready" email (to the manager, before a start date): the hire's name, employee id, role and start
//   date, and item keys with the local dates they go live. Never an email address.

import {
  formatLocal,
  type LifecycleEvent,
  type Plan,
  planItems,
  type Role,
  type ScheduledTask,
  type ScheduleStep,
} from '@onramp/core'
import type { LedgerRecord } from '@onramp/ledger'

export interface SlackMessage {
  channel: string
  /** Notification fallback text; follows the same policy as the blocks. */
  text: string
  blocks: Block[]
  /** Slack message metadata: the notification key travels with the post, so a rerun can find it. */
  metadata?: { event_type: string; event_payload: Record<string, string> }
}

export type Block =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' }

/** mrkdwn control characters: a name cannot turn into a mention or a link. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const SYSTEMS = [
  ['identity', 'Identity provider'],
  ['github', 'GitHub'],
  ['aws', 'AWS'],
] as const

export interface SystemStatus {
  system: string
  label: string
  /** A StepResult, or `not-run` when the ledger holds no result of this event for the step. */
  state: string
}

/** What each system step of this event did, from the ledger, for the systems the plan touches. */
export function systemStatuses(plan: Plan, record: LedgerRecord | undefined, eventId: string): SystemStatus[] {
  return SYSTEMS.filter(([s]) => plan[s]).map(([system, label]) => {
    const step = record?.steps[system]
    return { system, label, state: step && step.event_id === eventId ? step.result : 'not-run' }
  })
}

/** Alert mode: whatever system steps the ledger holds, without a plan. */
export function recordStatuses(record: LedgerRecord, eventId: string | undefined): SystemStatus[] {
  return SYSTEMS.filter(([s]) => record.steps?.[s]).map(([system, label]) => {
    const step = record.steps[system]!
    return { system, label, state: eventId && step.event_id === eventId ? step.result : 'not-run' }
  })
}

const ICON: Record<string, string> = {
  changed: '✅',
  unchanged: '✅',
  pending: '⏳',
  deferred: '⏳',
  failed: '❌',
  'not-run': '⚪',
}
const WORD: Record<string, string> = {
  changed: 'done',
  unchanged: 'done',
  pending: 'pending (waiting on an acceptance or a slow service)',
  deferred: 'deferred (will be retried)',
  failed: 'failed',
  'not-run': 'not run for this event',
}

function statusLines(statuses: SystemStatus[]): string {
  if (!statuses.length) return '_No systems for this role._'
  return statuses.map((s) => `${ICON[s.state] ?? '•'} *${s.label}*: ${WORD[s.state] ?? s.state}`).join('\n')
}

function summary(statuses: SystemStatus[]): string {
  const done = statuses.filter((s) => s.state === 'changed' || s.state === 'unchanged').map((s) => s.label)
  const open = statuses.filter((s) => !done.includes(s.label)).map((s) => s.label)
  return `provisioned: ${done.join(', ') || 'none'}; pending: ${open.join(', ') || 'none'}`
}

/** `<@U…>` when the manager is on Slack, else plain words (their email never goes to a channel). */
export const managerText = (managerId: string | undefined, known: boolean) =>
  managerId ? `<@${managerId}>` : known ? 'their manager (not found on Slack)' : 'not given'

const context = (event: LifecycleEvent) => ({
  type: 'context' as const,
  elements: [{ type: 'mrkdwn' as const, text: `onramp · employee ${event.employeeId} · event ${event.eventId}` }],
})

export function welcomeMessage(args: {
  channel: string
  event: LifecycleEvent
  role: Role | undefined
  managerId: string | undefined
  statuses: SystemStatus[]
}): SlackMessage {
  const { event, role, statuses } = args
  const name = escapeMrkdwn(event.name ?? event.employeeId)
  const roleKey = escapeMrkdwn(event.role ?? 'unknown role')
  const lines = [
    `*${name}* joins as *${roleKey}*${role?.description ? `: ${escapeMrkdwn(role.description)}` : ''}.`,
    `Manager: ${managerText(args.managerId, event.managerEmail !== undefined)}`,
  ]
  if (event.startDate) lines.push(`Start date: ${event.startDate}`)
  return {
    channel: args.channel,
    text: `Welcome ${event.name ?? event.employeeId}, joining as ${event.role ?? 'unknown role'}; ${summary(statuses)}`,
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: `Welcome, ${event.name ?? event.employeeId}!`, emoji: true },
      },
      { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
      { type: 'section', text: { type: 'mrkdwn', text: `*Access*\n${statusLines(statuses)}` } },
      context(event),
    ],
  }
}

export function roleChangeMessage(args: {
  channel: string
  event: LifecycleEvent
  fromRole: string | undefined
  statuses: SystemStatus[]
}): SlackMessage {
  const { event, statuses } = args
  const to = escapeMrkdwn(event.role ?? 'unknown role')
  // The earlier role is known only when no other step of this event has recorded the new one yet.
  const from = args.fromRole ? ` from *${escapeMrkdwn(args.fromRole)}*` : ''
  return {
    channel: args.channel,
    text: `Role change: employee ${event.employeeId} moved to ${event.role ?? 'unknown role'}; ${summary(statuses)}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Role change: ${event.employeeId}` } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Employee *${event.employeeId}* moved${from} to *${to}*.`,
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: `*Access*\n${statusLines(statuses)}` } },
      context(event),
    ],
  }
}

export function leaverMessage(args: {
  channel: string
  event: LifecycleEvent
  statuses: SystemStatus[]
}): SlackMessage {
  const { event, statuses } = args
  const revoked = statuses.filter((s) => s.state === 'changed' || s.state === 'unchanged').map((s) => s.label)
  const open = statuses.filter((s) => !revoked.includes(s.label)).map((s) => s.label)
  return {
    channel: args.channel,
    text: `Leaver: employee ${event.employeeId}; access revoked: ${revoked.join(', ') || 'none'}; not verified: ${open.join(', ') || 'none'}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `Leaver: ${event.employeeId}` } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Employee *${event.employeeId}* has left; access is revoked.`,
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: `*Revocation*\n${statusLines(statuses)}` } },
      context(event),
    ],
  }
}

const UNCONFIRMED: Record<string, string> = {
  'welcome-email':
    '⚠️ *The welcome email may not have been sent.* A mail server cannot be asked: check with the new hire, then rerun with `resend-email: true` to send it again.',
}

export function alertMessage(args: {
  channel: string
  employeeId: string
  eventType?: string
  failedJobs: string[]
  runUrl?: string
  /** Step results the ledger holds for the event, when it could be read. */
  steps?: SystemStatus[]
  /** Notification kinds whose send began and recorded no result (`welcome-email`). */
  unconfirmed?: string[]
}): SlackMessage {
  const jobs = args.failedJobs.length ? args.failedJobs.join(', ') : 'unknown (no job results were given)'
  const run = args.runUrl ? `<${args.runUrl}|the workflow run>` : 'the workflow run (no link was given)'
  const what = args.eventType ? `${args.eventType} of employee` : 'employee'
  return {
    channel: args.channel,
    text: `onramp failed for employee ${args.employeeId}: jobs ${jobs} failed. Manual intervention required. ${args.runUrl ?? ''}`.trim(),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `🚨 onramp failed: ${args.employeeId}` } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `The ${what} *${args.employeeId}* did not complete.\n*Failed jobs:* ${escapeMrkdwn(jobs)}\n*Run:* ${run}\n*Manual intervention required.*`,
        },
      },
      ...(args.unconfirmed ?? []).map((kind) => ({
        type: 'section' as const,
        text: { type: 'mrkdwn' as const, text: UNCONFIRMED[kind] ?? `⚠️ ${escapeMrkdwn(kind)} may not have been sent.` },
      })),
      ...(args.steps?.length
        ? [
            {
              type: 'section' as const,
              text: { type: 'mrkdwn' as const, text: `*Ledger*\n${statusLines(args.steps)}` },
            },
          ]
        : []),
    ],
  }
}

/** What a converge run's jobs report per person (their `results` and `changes` outputs), ids and item keys only. */
export interface ConvergeFindings {
  /** Employee id → the failed steps. */
  failed: Record<string, string[]>
  /** Employee id → `<step>: <item key>`; drift in a report, what changed in an apply. */
  changes: Record<string, string[]>
}

/** Longest list an alert spells out; the run's summary and JSON report hold the rest. */
const ALERT_MAX_PEOPLE = 40

/**
 * The one alert of a converge run (access-apply.yml, reconcile.yml): the people whose step failed and, for a
 * report, the drift per person and item. Employee ids, job names and item keys only.
 */
export function convergeAlertMessage(args: {
  channel: string
  kind: 'failures' | 'drift'
  findings: ConvergeFindings
  failedJobs: string[]
  runUrl?: string
}): SlackMessage {
  const { failed, changes } = args.findings
  const failedIds = Object.keys(failed).sort()
  const driftIds = args.kind === 'drift' ? Object.keys(changes).sort() : []
  const run = args.runUrl ? `<${args.runUrl}|the workflow run>` : 'the workflow run (no link was given)'
  const list = (ids: string[], what: Record<string, string[]>) => {
    const shown = ids
      .slice(0, ALERT_MAX_PEOPLE)
      .map((id) => `• *${escapeMrkdwn(id)}*: ${escapeMrkdwn((what[id] ?? []).join(', '))}`)
    if (ids.length > ALERT_MAX_PEOPLE) shown.push(`… and ${ids.length - ALERT_MAX_PEOPLE} more (see the run)`)
    return shown.join('\n')
  }
  const title =
    args.kind === 'drift'
      ? `onramp reconcile: drift for ${driftIds.length}, failed for ${failedIds.length}`
      : `onramp converge failed for ${failedIds.length === 1 ? '1 person' : `${failedIds.length || 'unknown'} people`}`
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: `🚨 ${title}` } }]
  if (driftIds.length)
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Drift* (present state differs from the role map and the ledger):\n${list(driftIds, changes)}`,
      },
    })
  if (failedIds.length)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Failed*:\n${list(failedIds, failed)}` } })
  const jobs = args.failedJobs.length ? args.failedJobs.join(', ') : 'none'
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `*Failed jobs:* ${escapeMrkdwn(jobs)}\n*Run:* ${run}\n${args.kind === 'drift' ? 'Review the drift; reconcile.yml in repair mode converges it.' : 'Manual intervention required.'}`,
    },
  })
  const ids = [...new Set([...driftIds, ...failedIds])]
  return {
    channel: args.channel,
    text: `${title}: ${ids.slice(0, ALERT_MAX_PEOPLE).join(', ')}. ${args.runUrl ?? ''}`.trim(),
    blocks,
  }
}

const READY_SYSTEMS = [
  ['identity', 'Identity provider'],
  ['github', 'GitHub'],
  ['aws', 'AWS'],
  ['slack', 'Slack'],
] as const

/**
 * The manager's "what is ready" email, at the welcome lead time before a joiner's start date: what onramp has
 * prepared and, per system, which items (by key) go live on which local date. It names the hire as the
 * announcement does (name, role, start date), never an email address.
 */
export function readyMessage(args: {
  event: LifecycleEvent
  plan: Plan
  /** The event's schedule (core scheduleFor). */
  schedule: ScheduledTask[]
  zone: string
  /** What the identity step recorded for this event (`changed`/`unchanged`: the STAGED account is there). */
  identity: string | undefined
  /** Whether the welcome went to the hire's personal email now (else it goes to the work email at the start). */
  welcomeSent: boolean
}): { subject: string; text: string } {
  const { event, plan, schedule, zone } = args
  const who = event.name ?? `employee ${event.employeeId}`
  const items = planItems(plan)
  const dueOf = (step: ScheduleStep) => {
    const t = schedule.find((x) => x.step === step && (x.why === 'start' || x.why === 'early'))
    return t ? formatLocal(t.due, zone) : 'at once'
  }
  const start = dueOf('identity')
  const lines: string[] = []
  for (const [system, label] of READY_SYSTEMS) {
    const present = system === 'aws' ? plan.aws || plan.identityCenter : system === 'slack' || plan[system]
    if (!present) continue
    const keys = items[system]
    if (system === 'slack' && !keys.length) continue
    const list = keys.length ? `: ${keys.join(', ')}` : ''
    if (system === 'identity') {
      const ready = args.identity === 'changed' || args.identity === 'unchanged'
      lines.push(
        `- ${label}: ${ready ? 'account prepared (STAGED, no sign-in yet)' : 'account not prepared yet'}; active on ${start}${list}`,
      )
    } else if (system === 'github') {
      lines.push(`- ${label}: invitation on ${dueOf('github')}; after it is accepted${list || ': the organization'}`)
    } else if (system === 'aws') {
      lines.push(`- ${label}: on ${dueOf('aws')}${list}`)
    } else lines.push(`- ${label}: on ${start}${list}`)
  }
  lines.push(
    args.welcomeSent
      ? '- Welcome email with the setup link: sent to the new hire today.'
      : `- Welcome email with the setup link: on ${start}, to the work email.`,
  )
  const role = event.role ?? 'unknown role'
  return {
    subject: `Ready for ${who}: starts ${event.startDate ?? 'soon'}`.replace(/[\r\n]+/g, ' '),
    text: [
      `${who} (employee ${event.employeeId}) joins as ${role} on ${event.startDate ?? 'a date to be confirmed'}.`,
      '',
      `What onramp has prepared, and what goes live when (${zone}):`,
      '',
      ...lines,
      '',
      `This message was sent by onramp (event ${event.eventId}).`,
      '',
    ].join('\n'),
  }
}
