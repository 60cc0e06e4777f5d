// The ledger's batch commits as the sandbox saw them. Each is one GraphQL createCommitOnBranch, answered HTTP 200
// whether it landed or was refused (STALE_DATA: another commit landed since its read), so the state branch's
// history tells the two apart. Take the counts before and after what is measured, and subtract.
import { SANDBOX_REPOSITORY } from '@onramp/runner'
import type { Sandbox } from '@onramp/sandbox'

export function batchCommits(sandbox: Sandbox): { made: number; landed: number } {
  const made = sandbox.log.list({ route: 'POST /graphql', mutating: true }).filter((e) => e.status === 200).length
  const { owner, name } = SANDBOX_REPOSITORY
  // A batch's message starts `onramp: N records` (Ledger.updateMany).
  const landed = sandbox.emulators.github.emulator
    .history(owner, name, 'onramp-state')
    .filter((m) => /^onramp: \d+ records /.test(m)).length
  return { made, landed }
}
