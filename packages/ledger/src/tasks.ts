// The people's scheduled tasks as the scheduled run and `pnpm onramp tasks` list them: by due time, then employee
// id, with the time as the organization reads it (guardrails `dates.time-zone`). Employee ids only, never names.

import { formatLocal, type ScheduledTask, type ScheduleStep, taskKey } from '@onramp/core'
import type { LedgerRecord } from './record.js'

/** How far ahead the scheduled run's summary looks. */
export const UPCOMING_DAYS = 14
const DAY_MS = 86_400_000

/**
 * How often reconcile.yml runs (every 15 minutes): a task that ran later than this after its due time was
 * missed by the schedule (no run in between, or runs failing), and the summary says how late.
 */
export const SCHEDULE_PERIOD_MS = 15 * 60_000

/** One person's task, listed. */
export interface TaskLine {
  employee_id: string
  step: ScheduleStep
  why: ScheduledTask['why']
  /** ISO 8601, UTC. */
  due: string
  /** The due time in the organization's time zone. */
  local: string
  event_id?: string
  grant_id?: string
}

/** A task a run did, and how long after its due time. */
export interface TaskRun {
  step: ScheduleStep
  why: ScheduledTask['why']
  due: string
  late_ms: number
  event_id?: string
  grant_id?: string
}

export interface TaskWindow {
  /** Listed when due in (from, to]; `from` absent: every undone task due by `to` (overdue ones). */
  from?: number
  to: number
  zone: string
  /** One step's tasks only (a converge run's). */
  step?: ScheduleStep
}

/** Undone tasks due in the window, by due time, then employee id, then step. */
export function listTasks(records: Iterable<LedgerRecord>, window: TaskWindow): TaskLine[] {
  const out: TaskLine[] = []
  for (const record of records)
    for (const t of record.schedule ?? []) {
      const due = Date.parse(t.due)
      if (t.done_at || due > window.to || (window.from !== undefined && due <= window.from)) continue
      if (window.step && t.step !== window.step) continue
      out.push({
        employee_id: record.employee_id,
        step: t.step,
        why: t.why,
        due: t.due,
        local: formatLocal(t.due, window.zone),
        ...(t.event_id ? { event_id: t.event_id } : {}),
        ...(t.grant_id ? { grant_id: t.grant_id } : {}),
      })
    }
  return out.sort(
    (a, b) => a.due.localeCompare(b.due) || a.employee_id.localeCompare(b.employee_id) || a.step.localeCompare(b.step),
  )
}

/** Tasks due in the next `days` after `now`. */
export function upcomingTasks(
  records: Iterable<LedgerRecord>,
  now: number,
  zone: string,
  options: { days?: number; step?: ScheduleStep } = {},
): TaskLine[] {
  return listTasks(records, { from: now, to: now + (options.days ?? UPCOMING_DAYS) * DAY_MS, zone, step: options.step })
}

/** The step's tasks a run stamped done: in `after` with done_at, not done in `before`. */
export function tasksRan(
  before: readonly ScheduledTask[] | undefined,
  after: readonly ScheduledTask[] | undefined,
  step: ScheduleStep,
): TaskRun[] {
  const doneBefore = new Set((before ?? []).filter((t) => t.done_at).map(taskKey))
  return (after ?? [])
    .filter((t) => t.step === step && t.done_at && !doneBefore.has(taskKey(t)))
    .map((t) => ({
      step: t.step,
      why: t.why,
      due: t.due,
      late_ms: t.late_ms ?? Math.max(0, Date.parse(t.done_at!) - Date.parse(t.due)),
      ...(t.event_id ? { event_id: t.event_id } : {}),
      ...(t.grant_id ? { grant_id: t.grant_id } : {}),
    }))
}

/** `3 h 5 min`, `2 d 4 h`, `40 s`: how late, for a person to read. */
export function formatLate(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min`
  const h = Math.floor(m / 60)
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`
  const d = Math.floor(h / 24)
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`
}

/** One task run, for the summary: `github early due 2026-12-14 00:00 Europe/Berlin, 3 h 5 min late (missed schedule)`. */
export function describeRun(t: TaskRun, zone: string): string {
  const late = t.late_ms > SCHEDULE_PERIOD_MS ? `, ${formatLate(t.late_ms)} late (missed schedule)` : ', on time'
  return `${t.why} due ${formatLocal(t.due, zone)}${late}`
}
