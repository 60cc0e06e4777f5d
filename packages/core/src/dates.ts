// When a dated HR event takes effect. A joiner's start date and a leaver's last day are calendar dates in the
// organization's time zone (guardrails `dates.time-zone`); every decision here takes `now` from the caller's
// clock (clockFromEnv), so tests and the demo move time. Days are calendar days in that zone: "3 days before a
// start date" keeps the local time of day across a daylight-saving change (the interval is then 71 or 73 hours).
//
// A step asks notYet() whether its part of the event is due; scheduleFor() lists every moment the event's
// desired state changes, which the ledger keeps as the person's scheduled tasks and the scheduled run executes.

import type { TZDate as ZonedDate } from '@date-fns/tz/date'
// The minimal class: the getters and setters in a zone, without string formatting (tzName).
import { TZDateMini as TZDate } from '@date-fns/tz/date/mini'
import type { DatesPolicy, EventType } from './types.js'

/** The steps a scheduled task runs in (the ledger's step names). */
export type ScheduleStep = 'identity' | 'github' | 'aws' | 'notify'

/**
 * Why a task is due then: `start` (a start date: activation, grants, announcement), `early` (a grant configured
 * to go out days before the start date), `welcome` (the welcome email to the personal email and the manager's
 * "what is ready" message), `leave` (the end of a last day), `deactivate` and `delete` (post-leave steps),
 * `grant-expiry` (a time-bound grant ends).
 */
export type TaskWhy = 'start' | 'early' | 'welcome' | 'leave' | 'deactivate' | 'delete' | 'grant-expiry'

/** One scheduled task of a person, as the ledger record keeps it. */
export interface ScheduledTask {
  step: ScheduleStep
  why: TaskWhy
  /** ISO 8601, UTC. */
  due: string
  /** The HR event it belongs to, or the time-bound grant. */
  event_id?: string
  grant_id?: string
  /** When a run did it, and how long after `due` that was (a missed schedule shows here). */
  done_at?: string
  late_ms?: number
}

/** What of an event decides when it takes effect (a LifecycleEvent, or a ledger event read back). */
export interface DatedEvent {
  type: EventType
  eventId: string
  occurredAt: string
  startDate?: string
  lastDay?: string
  lastHour?: number
  urgent?: boolean
}

/**
 * The start of a calendar date (YYYY-MM-DD) in `zone` as epoch ms: 00:00, or the first minute after it where a
 * daylight-saving change skips midnight. Undefined when the date is not on the calendar (2026-02-30), which
 * Date and TZDate would roll over into the next month.
 */
export function calendarDayStart(date: string, zone: string): number | undefined {
  if (!isCalendarDate(date)) return undefined
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return firstReading(new TZDate(year, month - 1, day, zone))
}

/** Whether `s` is YYYY-MM-DD and a day on the calendar (not 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * The first instant that reads as `d`'s local time: where a daylight-saving change repeats an hour (or half hour),
 * its first pass, so that a day starts, and a last day's hour ends access, at the earlier of the two.
 */
function firstReading(d: ZonedDate): number {
  const wall = (x: ZonedDate) => [x.getFullYear(), x.getMonth(), x.getDate(), x.getHours(), x.getMinutes()].join()
  for (const back of [3_600_000, 1_800_000]) {
    const earlier = new TZDate(d.getTime() - back, d.timeZone)
    if (wall(earlier) === wall(d)) return earlier.getTime()
  }
  return d.getTime()
}

/** 00:00 of a calendar date (YYYY-MM-DD) in `zone`, as epoch ms. */
export function startOfDate(date: string, zone: string): number {
  const ms = calendarDayStart(date, zone)
  if (ms === undefined) throw new Error(`not a calendar date (YYYY-MM-DD) in ${zone}`)
  return ms
}

/** `ms` moved by whole calendar days in `zone`, keeping the local time of day (DST-correct). */
export function shiftDays(ms: number, days: number, zone: string): number {
  const d = new TZDate(ms, zone)
  d.setDate(d.getDate() + days)
  return firstReading(d)
}

/** `ms` (a local midnight) at `hour`:00 the same day in `zone`. */
function atHour(ms: number, hour: number, zone: string): number {
  const d = new TZDate(ms, zone)
  d.setHours(hour)
  return firstReading(d)
}

/** An onboard with a start date: when access starts (00:00 local on the start date). */
export function accessStartsAt(event: DatedEvent, policy: DatesPolicy): number | undefined {
  if (event.type !== 'onboard' || !event.startDate) return undefined
  return startOfDate(event.startDate, policy.timeZone)
}

/**
 * An offboard: when access ends. At once when it is urgent or names no last day; else at `lastHour`:00 on the last
 * day, or at the end of that day (00:00 local the day after). Never before the event itself.
 */
export function accessEndsAt(event: DatedEvent, policy: DatesPolicy): number | undefined {
  if (event.type !== 'offboard') return undefined
  const occurred = Date.parse(event.occurredAt)
  if (event.urgent || !event.lastDay) return occurred
  const day = startOfDate(event.lastDay, policy.timeZone)
  const end =
    event.lastHour !== undefined ? atHour(day, event.lastHour, policy.timeZone) : shiftDays(day, 1, policy.timeZone)
  return Math.max(end, occurred)
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * Every moment the event's desired state changes, per step, in order. An onboard without a start date, a role
 * change, and an offboard without a last day and without post-leave steps have none: they take effect at once.
 */
export function scheduleFor(event: DatedEvent, policy: DatesPolicy): ScheduledTask[] {
  const tasks: ScheduledTask[] = []
  const add = (step: ScheduleStep, why: TaskWhy, ms: number) =>
    tasks.push({ step, why, due: iso(ms), event_id: event.eventId })
  const zone = policy.timeZone
  const start = accessStartsAt(event, policy)
  if (start !== undefined) {
    const { githubDaysBefore, awsDaysBefore, welcomeDaysBefore } = policy.joiner
    add('identity', 'start', start)
    add('github', githubDaysBefore ? 'early' : 'start', shiftDays(start, -githubDaysBefore, zone))
    add('aws', awsDaysBefore ? 'early' : 'start', shiftDays(start, -awsDaysBefore, zone))
    add('notify', 'welcome', shiftDays(start, -welcomeDaysBefore, zone))
    add('notify', 'start', start)
  }
  const end = accessEndsAt(event, policy)
  if (end !== undefined) {
    if (event.lastDay && !event.urgent)
      for (const step of ['identity', 'github', 'aws', 'notify'] as const) add(step, 'leave', end)
    const { deactivateAfterDays, deleteAfterDays } = policy.leaver
    if (deactivateAfterDays) add('identity', 'deactivate', shiftDays(end, deactivateAfterDays, zone))
    if (deleteAfterDays) add('aws', 'delete', shiftDays(end, deleteAfterDays, zone))
  }
  return tasks.sort((a, b) => a.due.localeCompare(b.due))
}

/**
 * Whether `step` must wait before doing anything for the event: the step's first task is later than `now`. The
 * identity step never waits for a joiner (the account is prepared STAGED before the start date: identityStage).
 */
export function notYet(
  step: ScheduleStep,
  event: DatedEvent,
  policy: DatesPolicy,
  now: number,
): { until: string; why: TaskWhy } | undefined {
  if (event.type === 'onboard' && step === 'identity') return undefined
  const first = scheduleFor(event, policy).find((t) => t.step === step)
  if (!first || first.why === 'deactivate' || first.why === 'delete') return undefined
  return Date.parse(first.due) > now ? { until: first.due, why: first.why } : undefined
}

/** A joiner's identity provider account: STAGED (created, not activated) before the start date, then active. */
export function identityStage(event: DatedEvent, policy: DatesPolicy, now: number): 'staged' | 'active' {
  const start = accessStartsAt(event, policy)
  return start !== undefined && now < start ? 'staged' : 'active'
}

/** A leaver's post-leave steps that are due at `now`. */
export function postLeave(
  event: DatedEvent,
  policy: DatesPolicy,
  now: number,
): { deactivate: boolean; delete: boolean } {
  const due = (why: TaskWhy) => scheduleFor(event, policy).some((t) => t.why === why && Date.parse(t.due) <= now)
  return { deactivate: due('deactivate'), delete: due('delete') }
}

/** What makes a task the same task from one run to the next (its step, why, due time and owner). */
export function taskKey(t: ScheduledTask): string {
  return `${t.step}|${t.why}|${t.due}|${t.event_id ?? ''}|${t.grant_id ?? ''}`
}

/** `fresh` tasks, each replaced by the same task in `previous` (which keeps its done stamp), by due time. */
export function keepDone(
  previous: readonly ScheduledTask[] | undefined,
  fresh: readonly ScheduledTask[],
): ScheduledTask[] {
  const had = new Map((previous ?? []).map((t) => [taskKey(t), t]))
  return fresh.map((t) => had.get(taskKey(t)) ?? t).sort((a, b) => a.due.localeCompare(b.due))
}

/** Tasks due at `now` and not done yet. */
export function dueTasks(tasks: readonly ScheduledTask[], now: number): ScheduledTask[] {
  return tasks.filter((t) => !t.done_at && Date.parse(t.due) <= now)
}

/** The step's tasks that are due at `now`, stamped done (when, and how late): what a step that ran records. */
export function completeDue(tasks: readonly ScheduledTask[], step: ScheduleStep, now: number): ScheduledTask[] {
  return tasks.map((t) =>
    t.step === step && !t.done_at && Date.parse(t.due) <= now
      ? { ...t, done_at: iso(now), late_ms: now - Date.parse(t.due) }
      : t,
  )
}

/** `2026-12-14 00:00 Asia/Tokyo`: a due time as the organization reads it. */
export function formatLocal(at: number | string, zone: string): string {
  const ms = typeof at === 'number' ? at : Date.parse(at)
  const d = new TZDate(ms, zone)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())} ${zone}`
}
