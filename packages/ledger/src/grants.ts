// A person's time-bound grants as every step sees and records them: the ledger's, with grants.yaml's entries
// for the person brought in (core's mergeFileGrants), checked against guardrails `grants.max-days`; recorded
// back with the step, with one grant-expiry task per system in the schedule. An offboard that takes effect ends
// every grant. The scheduled run revokes at the end (the items leave desired); notify announces and marks it
// ended once every access step has done its part.

import {
  type Access,
  durationProblem,
  endGrants,
  type FileGrant,
  type Grant,
  grantExpiryTasks,
  keepDone,
  mergeFileGrants,
  type Problem,
  type ScheduledTask,
  type StepResult,
  UserError,
} from '@onramp/core'
import type { LedgerRecord } from './record.js'

/** Who approved a file grant, as the run can know it: the reviewed change that put it on the default branch. */
export function fileApproval(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_SHA ? `reviewed change to grants.yaml (commit ${env.GITHUB_SHA.slice(0, 12)})` : 'grants.yaml'
}

function fileGrantsOf(access: Access, employeeId: string): FileGrant[] {
  return (access.grants ?? []).filter((g) => g.employeeId === employeeId)
}

/**
 * The person's grants at `now`: recorded ones, and grants.yaml's for them. A file grant lasting longer than
 * `grants.max-days` from when it was first recorded is refused before any call (`grants[i].until`).
 */
export function personGrants(
  access: Access,
  employeeId: string,
  recorded: readonly Grant[] | undefined,
  now: number,
  env: NodeJS.ProcessEnv,
): Grant[] {
  const file = fileGrantsOf(access, employeeId)
  const merged = mergeFileGrants(recorded, file, now, fileApproval(env))
  const problems: Problem[] = []
  for (const f of file) {
    const g = merged.find((x) => x.id === f.id && x.source === 'file' && !x.ended)
    const p = g && durationProblem(g, access.guardrails, `grants[${f.index}].until`)
    if (p) problems.push({ file: 'grants.yaml', ...p })
  }
  if (problems.length) throw new UserError(problems)
  return merged
}

/** The schedule with the grants' expiry tasks current: other tasks kept, a task's done stamp kept. */
export function withGrantTasks(
  schedule: readonly ScheduledTask[] | undefined,
  grants: readonly Grant[],
): ScheduledTask[] {
  const others = (schedule ?? []).filter((t) => t.why !== 'grant-expiry')
  return keepDone(schedule, [...others, ...grantExpiryTasks(grants)])
}

/**
 * Records the person's grants with a step's result: grants.yaml's brought in, every grant ended when an offboard
 * took effect, the expiry tasks in the schedule (their done stamps kept). The step's due tasks, these included,
 * are stamped done by recordStep when it ran for real and did not fail: its read-back verified the items gone.
 */
export function recordGrants(
  r: LedgerRecord,
  context: { access: Access; eventType: string; result: StepResult; now: number; env: NodeJS.ProcessEnv },
): void {
  const { access, now } = context
  let grants = mergeFileGrants(r.grants, fileGrantsOf(access, r.employee_id), now, fileApproval(context.env))
  if (context.eventType === 'offboard' && context.result !== 'scheduled') grants = endGrants(grants, now, 'offboarded')
  if (!grants.length && !r.grants) return
  r.grants = grants
  r.schedule = withGrantTasks(r.schedule, grants)
}
