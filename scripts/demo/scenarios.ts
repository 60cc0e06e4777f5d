// `pnpm demo --scenario <name>`: the role map as the truth, shown on the sandbox. Three people of two roles are
// onboarded by signed HR events (lifecycle.yml) first, by the demo itself; then a scenario
//   role-map-change  changes the map (backend engineers gain a team, data analysts lose a policy), prints the
//                    access plan of the ledger's records, and applies it with access-apply.yml;
//   drift            removes a team membership and detaches a policy by hand, runs reconcile.yml in report mode
//                    (drift per person and item, nothing changed), then in repair mode, then reports again.
// Each returns what it adds to the demo's report.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadAccess, planAccess, renderPlanMarkdown } from '@onramp/core'
import { createOctokit } from '@onramp/core/github'
import { editPayload } from '@onramp/core/testing'
import { openLedger, readAllRecords } from '@onramp/ledger'
import {
  ADDED_TEAM,
  changedRoles,
  detachUserPolicy,
  removeTeamMembership,
  SANDBOX_REPOSITORY,
  type WorkflowResult,
  withAccessFiles,
} from '@onramp/runner'
import type { Sandbox } from '@onramp/sandbox'

export interface ScenarioRun {
  workflowFile: string
  eventName: string
  event: Record<string, any>
  /** The repository the workflow runs in; the demo's own by default. */
  repoRoot?: string
}

export interface ScenarioContext {
  sandbox: Sandbox
  repoRoot: string
  /** Runs one workflow through the runner, printed as the demo prints HR events and listed in the report's runs. */
  run(label: string, run: ScenarioRun): Promise<WorkflowResult>
}

export interface Scenario {
  /** The people to onboard first: their HR events, made from the sample onboard. */
  onboardEvents(sample: Record<string, any>): { label: string; event: Record<string, any> }[]
  /** What the sandbox holds before anyone is onboarded: the people's GitHub accounts (org members), Slack users. */
  seed: {
    github: {
      users: { login: string; id: number }[]
      members: { org: string; login: string }[]
      teams?: { org: string; slug: string }[]
    }
    slackUsers: { email: string; name: string }[]
  }
  run(ctx: ScenarioContext): Promise<Record<string, unknown>>
}

const PEOPLE = [
  { id: 'E2001', role: 'backend-engineer', login: 'kim-dev', name: 'Kim Lee', email: 'kim.lee@acme.com' },
  { id: 'E2002', role: 'backend-engineer', login: 'ola-dev', name: 'Ola Berg', email: 'ola.berg@acme.com' },
  { id: 'E2003', role: 'data-analyst', login: 'noor-data', name: 'Noor Haddad', email: 'noor.haddad@acme.com' },
]
const ANALYST_POLICY = 'arn:aws:iam::123456789012:policy/onramp/role-analyst'
const { owner, name } = SANDBOX_REPOSITORY
// A dispatch names the repository and its default branch (access-apply.yml applies on the default branch only).
const REPOSITORY = { name, full_name: `${owner}/${name}`, owner: { login: owner }, default_branch: 'main' }

function onboardEvents(sample: Record<string, any>) {
  return PEOPLE.map((p, i) => {
    const event = structuredClone(sample)
    editPayload(event.client_payload, (e) => {
      Object.assign(e, { employee_id: p.id, event_id: `hr-demo-${i + 1}`, name: p.name, email: p.email })
      Object.assign(e, { role: p.role, github_username: p.login })
    })
    return { label: `onboard ${p.id} (${p.role})`, event }
  })
}

const seed: Scenario['seed'] = {
  github: {
    users: PEOPLE.map((p, i) => ({ login: p.login, id: 62001 + i })),
    members: PEOPLE.map((p) => ({ org: 'acme', login: p.login })),
  },
  slackUsers: PEOPLE.map((p) => ({ email: p.email, name: p.login })),
}

/** Every person's ledger record, read as the workflows read it: through the GitHub API of the sandbox. */
async function ledgerRecords(sandbox: Sandbox) {
  const apiUrl = sandbox.inputs['github-api-url']!
  const octokit = createOctokit({ token: sandbox.inputs['github-token']!, baseUrl: apiUrl.replace(/\/+$/, '') })
  return readAllRecords(await openLedger('github', { repo: `${owner}/${name}`, octokit, apiUrl }))
}

const roleMapChange: Scenario = {
  onboardEvents,
  // The organization made the new team before the change merged.
  seed: { ...seed, github: { ...seed.github, teams: [{ org: 'acme', slug: ADDED_TEAM.replace(/^team:/, '') }] } },
  async run({ sandbox, repoRoot, run }) {
    const changed = changedAccessDir(repoRoot)
    const workspace = withAccessFiles(repoRoot, changed)
    try {
      const base = loadAccess({
        rolesFile: join(repoRoot, '.github/access/roles.yaml'),
        guardrailsFile: join(repoRoot, '.github/access/guardrails.yaml'),
      })
      const head = loadAccess({
        rolesFile: join(changed, 'roles.yaml'),
        guardrailsFile: join(changed, 'guardrails.yaml'),
      })
      const plan = planAccess({ base, head, records: await ledgerRecords(sandbox) })
      console.log(
        '\nThe role map changes: backend-engineer gains team platform, data-analyst loses AmazonAthenaFullAccess.',
      )
      console.log(`\n${renderPlanMarkdown(plan)}`)
      // Over the guard, the merge alone changes nothing: a reviewer of onramp-allowance approves this many removals.
      const allowance = plan.guard.ok ? '0' : String(plan.guard.removals)
      if (!plan.guard.ok)
        console.log(`A one-off allowance of ${allowance} removals is given (approved in onramp-allowance).`)
      await run('access-apply (workflow_dispatch)', {
        workflowFile: '.github/workflows/access-apply.yml',
        eventName: 'workflow_dispatch',
        event: { repository: REPOSITORY, inputs: { allowance } },
        repoRoot: workspace,
      })
      return { plan: plan.people }
    } finally {
      for (const dir of [workspace, changed]) rmSync(dir, { recursive: true, force: true })
    }
  },
}

/** roles.yaml with the change made, next to the repository's guardrails.yaml, in a temporary folder. */
function changedAccessDir(repoRoot: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-demo-access-'))
  writeFileSync(join(dir, 'roles.yaml'), changedRoles(repoRoot))
  cpSync(join(repoRoot, '.github/access/guardrails.yaml'), join(dir, 'guardrails.yaml'))
  return dir
}

/** Per person, per system, the items a reconcile run found different from what onramp granted. */
function driftOf(result: WorkflowResult): Record<string, Record<string, string[]>> {
  const drift: Record<string, Record<string, string[]>> = {}
  for (const system of ['identity', 'github', 'aws', 'notify']) {
    const changes = result.jobs[system]?.outputs.changes
    for (const [id, items] of Object.entries(JSON.parse(changes || '{}') as Record<string, string[]>))
      if (items.length) drift[id] = { ...drift[id], [system]: items }
  }
  return drift
}

const drift: Scenario = {
  onboardEvents,
  seed,
  async run({ sandbox, run }) {
    const [kim, , noor] = PEOPLE as [(typeof PEOPLE)[0], unknown, (typeof PEOPLE)[0]]
    const records = await ledgerRecords(sandbox)
    const analyst = records.find((r) => r.employee_id === noor.id)?.ids?.aws?.user_name
    if (!analyst) throw new Error(`${noor.id}: no IAM user recorded`)
    console.log(`\nBy hand: ${kim.id} is removed from team backend; ${ANALYST_POLICY} is detached from ${noor.id}.`)
    await removeTeamMembership(sandbox, 'acme', 'backend', kim.login)
    await detachUserPolicy(sandbox, analyst, ANALYST_POLICY)
    const reconcile = (mode: 'report' | 'repair') =>
      run(`reconcile (${mode})`, {
        workflowFile: '.github/workflows/reconcile.yml',
        eventName: 'workflow_dispatch',
        event: { repository: REPOSITORY, inputs: { mode } },
      })
    const found = driftOf(await reconcile('report'))
    for (const [id, systems] of Object.entries(found))
      for (const [system, items] of Object.entries(systems)) console.log(`drift  ${id} ${system}: ${items.join(', ')}`)
    await reconcile('repair')
    const remaining = driftOf(await reconcile('report'))
    console.log(Object.keys(remaining).length ? `drift left: ${JSON.stringify(remaining)}` : 'no drift left')
    return { drift: found, driftAfterRepair: remaining }
  },
}

export const SCENARIOS: Record<string, Scenario> = { 'role-map-change': roleMapChange, drift }
