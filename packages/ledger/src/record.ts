// The per-person ledger record (design.md "The ledger record"). It is the one place personal data is kept
// between runs, so workflow_dispatch reruns need nobody to retype it: the state it lives in must be private.

import {
  type EventType,
  isNewer,
  type LifecycleEvent,
  type ScheduledTask,
  type StepResult,
  type System,
} from '@onramp/core'

export type PersonStatus = 'new' | 'active' | 'offboarded'

export interface StepRecord {
  result: StepResult
  verified: boolean
  /** ISO 8601. */
  at: string
  /** The workflow run that wrote it (GITHUB_RUN_ID). */
  run?: string
  /** The roles.yaml blob sha the step applied. */
  roles_sha?: string
  event_id?: string
}

export interface LedgerRecord {
  employee_id: string
  status: PersonStatus
  role?: string
  person?: {
    name?: string
    email?: string
    manager_email?: string
    start_date?: string
    personal_email?: string
    /** The GitHub login HR named: a rerun's invitation goes to the same account. */
    github_username?: string
  }
  ids: {
    identity?: string
    github?: {
      login?: string
      id?: number
      invitation_id?: number
      /** Re-sends of a failed or expired invitation, bounded by guardrails github.max-invitation-resends. */
      invitation_resends?: number
      /** The team ids the invitation carries (GitHub lists only their count). */
      invitation_team_ids?: number[]
    }
    aws?: {
      user_name?: string
      arn?: string
      /** Identity Center mode: the person's Identity Store user (found or created). */
      identity_store_user_id?: string
      /** Set when onramp created that user (`users: onramp`): only then may `on-offboard: delete` delete it. */
      identity_store_user_created?: boolean
    }
    /** `channels`: the role channels onramp invited the person to (only these are ever removed). */
    slack?: { user_id?: string; channels?: string[] }
  }
  /**
   * The last event applied: every access step (identity, github, aws) that recorded a result for it recorded
   * changed, unchanged, pending or deferred. `status` and `role` are this event's. The stale-event rule
   * compares with it alone.
   */
  last_event?: LedgerEvent
  /** What `status`, `role` and `last_event` were before `last_event` was applied: restored if an access step fails. */
  before_last?: { last_event?: LedgerEvent; status: PersonStatus; role?: string }
  /** The newest event a step recorded that is not applied (a step failed for it): what a rerun repeats. */
  unapplied_event?: LedgerEvent
  /** Set by an emergency offboard (`offboard-now`): who asked, when. No older HR event is applied after it. */
  offboarded_by?: { actor: string; at: string; run?: string; event_id: string; occurred_at: string }
  /**
   * Per system, the item keys onramp granted the person and verified present: what it may take away. Keys are the
   * receipts' item keys (`group:backend`, `team:backend`, `policy:<arn>`, `channel:#eng`, ...), sorted. Absent
   * for records written before this existed (read as what the map gives the record's role; see core's
   * `grantedOrRole`).
   */
  granted?: Partial<Record<System, string[]>>
  /**
   * The person's scheduled tasks (dates.ts): when each step's part of the newest event, a post-leave step or a
   * grant's end is due, and when a run did it. The scheduled run executes what is due; `pnpm onramp tasks` lists it.
   */
  schedule?: ScheduledTask[]
  /** Time-bound grants: extra items from the guardrails' allowlist until `until` (see TimeBoundGrant). */
  grants?: TimeBoundGrant[]
  /**
   * Hashes (eventHash) of the newest HR events taken in from intent artifacts: a drain skips their artifacts
   * without downloading them.
   */
  received?: string[]
  /** By step name: `identity`, `github`, `aws`, `notify`. */
  steps: Record<string, StepRecord>
  /** Notification key (`welcome:<event_id>`) → when it was sent: a rerun never sends twice. */
  notified: Record<string, string>
}

export interface LedgerEvent {
  event_id: string
  type: EventType
  occurred_at: string
  /** The role the event names (onboard, role-change). */
  role?: string
  /** When it takes effect (dates.ts): an onboard's start date; an offboard's last day, hour, urgency. */
  start_date?: string
  last_day?: string
  last_hour?: number
  urgent?: boolean
  payload?: Record<string, unknown>
}

/**
 * Extra access for one person for a limited time, given by a reviewed request: item keys as receipts name them
 * (`group:<name>`, `team:<slug>`, `policy:<arn>`, `channel:#name`), each from guardrails `grants.allowed`.
 * Desired while `until` is in the future; ended at `until`, or by the person's offboarding.
 */
export interface TimeBoundGrant {
  id: string
  items: Partial<Record<System, string[]>>
  /** ISO 8601. */
  from: string
  until: string
  /** Who asked and who approved (GitHub logins, or the grants file's pull request). */
  requested_by: string
  approved_by?: string
  reason?: string
  /** `file`: an entry of grants.yaml (ended `withdrawn` when it leaves the file); `workflow`: grant.yml. */
  source?: 'file' | 'workflow'
  /** Set when it ended: expired, offboarded, or withdrawn (removed from the grants file). */
  ended?: { at: string; why: 'expired' | 'offboarded' | 'withdrawn' }
}

export function emptyRecord(employeeId: string): LedgerRecord {
  return { employee_id: employeeId, status: 'new', ids: {}, steps: {}, notified: {} }
}

/** Keeps the newest details HR sent for the person: what each step's rerun of the event needs nobody to retype. */
export function keepPersonDetails(r: LedgerRecord, event: LifecycleEvent): void {
  const person = { ...r.person }
  if (event.name) person.name = event.name
  if (event.email) person.email = event.email
  if (event.managerEmail) person.manager_email = event.managerEmail
  if (event.startDate) person.start_date = event.startDate
  if (event.personalEmail) person.personal_email = event.personalEmail
  if (event.githubUsername) person.github_username = event.githubUsername
  r.person = person
}

/** The ledger's entry for an event: its identity, role and dates (what a rerun of it needs besides the person). */
export function ledgerEvent(event: LifecycleEvent): LedgerEvent {
  return {
    event_id: event.eventId,
    type: event.type,
    occurred_at: event.occurredAt,
    ...(event.role ? { role: event.role } : {}),
    ...(event.startDate ? { start_date: event.startDate } : {}),
    ...(event.lastDay ? { last_day: event.lastDay } : {}),
    ...(event.lastHour !== undefined ? { last_hour: event.lastHour } : {}),
    ...(event.urgent ? { urgent: true } : {}),
  }
}

/** The newest event a step recorded: the last applied one, or a newer one a step failed for. */
export function newestRecorded(record: LedgerRecord): LedgerEvent | undefined {
  const { last_event: last, unapplied_event: next } = record
  if (!next) return last
  return last && isNewer(last.occurred_at, next.occurred_at) ? last : next
}
