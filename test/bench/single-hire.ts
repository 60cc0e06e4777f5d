// One hire through lifecycle.yml against the sandbox (the built bundles, as `npm run demo` runs them): prints the
// whole workflow's wall time, each job's time, and per system the requests it took; for GitHub the
// content-creating requests, the ledger's commits and its refused writes (409, or 422 on a ref update).
// Also, per ledger write, the ms since the same record was last read (the window a parallel job can commit in).
//   pnpm build && node --import ./scripts/register-ts.mjs test/bench/single-hire.ts      RUNS=3
// ONRAMP_ROOT=<dir> runs the workflow and bundles of another checkout (e.g. `git archive` of an older commit).
import { join, resolve } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { startSandbox } from '@onramp/sandbox'
import { batchCommits } from '../support/ledger-commits.js'

const repoRoot = resolve(process.env.ONRAMP_ROOT ?? new URL('../..', import.meta.url).pathname)
const event = JSON.parse(
  (await import('node:fs')).readFileSync(join(repoRoot, 'test/fixtures/events/onboard.json'), 'utf8'),
)
const runs = Number(process.env.RUNS ?? 3)
const { owner, name } = SANDBOX_REPOSITORY
const contents = `/repos/${owner}/${name}/contents/`

for (let i = 0; i < runs; i++) {
  const sandbox = await startSandbox({
    roles: join(repoRoot, '.github/access/roles.yaml'),
    guardrails: join(repoRoot, '.github/access/guardrails.yaml'),
    seed: {
      github: {
        repos: [{ owner, name, default_branch: 'main' }],
        users: [{ login: 'jamie-doe-dev', id: 583231 }],
      },
      slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
    },
  })
  try {
    const result = await runInSandbox(sandbox, {
      repoRoot,
      eventName: 'repository_dispatch',
      event,
      runId: String(1000 + i),
    })
    const gh = sandbox.log.list({ emulator: 'github' })
    const ledgerWrites = gh.filter((e) => e.method === 'PUT' && e.path.startsWith(contents))
    const batches = batchCommits(sandbox)
    const readToWrite = ledgerWrites
      .filter((w) => w.method === 'PUT')
      .map((w) => {
        const read = gh.filter((e) => e.method === 'GET' && e.path === w.path && e.seq < w.seq).at(-1)
        return read ? w.at - read.at : null
      })
    const perSystem = Object.fromEntries(
      Object.entries(sandbox.counters().byEmulator)
        .filter(([, c]) => c.total > 0)
        .map(([k, c]) => [k, { reads: c.reads, changes: c.mutating, limited: c.limited }]),
    )
    console.log(
      JSON.stringify({
        conclusion: result.conclusion,
        wall_ms: result.durationMs,
        jobs_ms: Object.fromEntries(Object.entries(result.jobs).map(([k, j]) => [k, j.durationMs])),
        github_content_creating: gh.filter((e) => e.mutating).length,
        ledger_commits: ledgerWrites.filter((e) => e.status >= 200 && e.status < 300).length + batches.landed,
        ledger_conflicts:
          ledgerWrites.filter((e) => e.status === 409 || e.status === 422).length + batches.made - batches.landed,
        ledger_read_to_write_ms: readToWrite,
        ledger_reads: gh.filter((e) => !e.mutating && (e.path.startsWith(contents) || e.path.includes('/git/'))).length,
        per_system: perSystem,
      }),
    )
  } finally {
    await sandbox.close()
  }
}
