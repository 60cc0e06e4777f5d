// The per-person ledger record (design.md "The ledger record"). It is the one place personal data is kept
// between runs, so workflow_dispatch reruns need nobody to retype it: the state it lives in must be private.

import type { EventType, StepResult } from '@onramp/core'

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
  person?: { name?: string; email?: string; manager_email?: string }
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
    aws?: { user_name?: string; arn?: string }
    /** `channels`: the role channels onramp invited the person to (only these are ever removed). */
    slack?: { user_id?: string; channels?: string[] }
  }
  last_event?: { event_id: string; type: EventType; occurred_at: string; payload?: Record<string, unknown> }
  /** By step name: `identity`, `github`, `aws`, `notify`. */
  steps: Record<string, StepRecord>
  /** Notification key (`welcome:<event_id>`) → when it was sent: a rerun never sends twice. */
  notified: Record<string, string>
}

export function emptyRecord(employeeId: string): LedgerRecord {
  return { employee_id: employeeId, status: 'new', ids: {}, steps: {}, notified: {} }
}
