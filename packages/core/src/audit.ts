// The structured audit log: one JSON object per line on stdout, so a log search can rebuild what each run did
// to each person. Only the employee_id and identifiers appear; personal data is redacted, or correlated
// through a keyed hash when a value must be matched across runs without being readable.

import { createHmac } from 'node:crypto'
import * as core from '@actions/core'
import { redactPersonalData } from './io.js'
import type { Receipt } from './reconcile.js'

export interface AuditEntry {
  /** The HR event id, or a label such as `rerun` for a workflow_dispatch. */
  event: string
  /** The action's step: `identity`, `github`, `aws`, `notify`, `validate`. */
  step: string
  employee_id: string
  item?: string
  action?: string
  result?: string
  reason?: string
  [field: string]: unknown
}

export interface AuditOptions {
  /** Defaults to core.info (stdout). */
  write?: (line: string) => void
  /** Defaults to GITHUB_RUN_ID / GITHUB_RUN_ATTEMPT. */
  runId?: string
  runAttempt?: string
  now?: () => Date
}

export interface AuditLog {
  log(entry: AuditEntry): void
  /** One line per receipt. */
  receipts(context: { event: string; step: string; employee_id: string }, receipts: Receipt[]): void
}

export function createAuditLog(options: AuditOptions = {}): AuditLog {
  const write = options.write ?? ((line: string) => core.info(line))
  const run_id = options.runId ?? process.env.GITHUB_RUN_ID
  const run_attempt = options.runAttempt ?? process.env.GITHUB_RUN_ATTEMPT
  const now = options.now ?? (() => new Date())
  const log = (entry: AuditEntry) => {
    const line = JSON.stringify({ audit: 'onramp/1', at: now().toISOString(), run_id, run_attempt, ...entry })
    // Belt and braces: masks only apply in the runner's log; a captured stdout must be clean too.
    write(redactPersonalData(line))
  }
  return {
    log,
    receipts(context, receipts) {
      for (const r of receipts) {
        log({ ...context, item: r.item, action: r.action, result: r.result, verified: r.verified, reason: r.reason })
      }
    },
  }
}

/**
 * A keyed hash (HMAC-SHA-256, hex, first 32 chars) to correlate a personal value across log lines and runs
 * without revealing it. Unkeyed hashes of emails are reversible by guessing, hence the key (a secret input).
 * Emails are compared case-insensitively, so the value is trimmed and lower-cased first.
 */
export function keyedHash(value: string, key: string): string {
  if (!key) throw new Error('keyedHash needs a non-empty key')
  return createHmac('sha256', key).update(value.trim().toLowerCase()).digest('hex').slice(0, 32)
}
