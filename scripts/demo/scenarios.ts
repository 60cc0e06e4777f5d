// `pnpm demo --scenario <name>`: the role map as the truth, shown on the sandbox. Three people of two roles are
// onboarded by signed HR events (lifecycle.yml) first, by the demo itself; then a scenario
//   role-map-change  changes the map (backend engineers gain a team, data analysts lose a policy), prints the
//                    access plan of the ledger's records, and applies it with access-apply.yml;
//   drift            removes a team membership and detaches a policy by hand, runs reconcile.yml in report mode
//                    (drift per person and item, nothing changed), then in repair mode, then reports again.
//   dates            an organization in Los Angeles: a hire announced 10 days before their start date and a
//                    leaver whose last day is 5 days ahead; the sandbox clock jumps to each task's due time and
//                    the quarter-hourly reconcile.yml run does what is due (staged account, welcome to the
//                    personal email, grants on the day; access until the end of the last day, then revoked, then
//                    the post-leave steps). The report lists each task with its due and done times.
// Each returns what it adds to the demo's report.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatLocal, loadAccess, planAccess, renderPlanMarkdown } from '@onramp/core'
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

const ZONE = 'America/Los_Angeles'
const DAY = 86_400_000
const JOINER = { id: 'E2102', login: 'sam-dev', name: 'Sam Rivera', email: 'sam.rivera@acme.com' }
const LEAVER = { id: 'E2101', login: 'lee-dev', name: 'Lee Park', email: 'lee.park@acme.com' }
/** The cron entry of reconcile.yml whose runs act only for people with something due (see reconcile.yml). */
const DUE_RUNS = '2,32,47 * * * *'

/** The repository's access files with the organization in Los Angeles and post-leave steps, in a temporary folder. */
function datedAccessDir(repoRoot: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-demo-dates-'))
  cpSync(join(repoRoot, '.github/access/roles.yaml'), join(dir, 'roles.yaml'))
  const base = readFileSync(join(repoRoot, '.github/access/guardrails.yaml'), 'utf8')
  const dates = [
    'dates:',
    `  time-zone: ${ZONE}`,
    '  joiner: { github-days-before: 2, aws-days-before: 0, welcome-days-before: 3 }',
    '  leaver: { deactivate-after-days: 7, delete-after-days: 30 }',
    '',
  ].join('\n')
  writeFileSync(join(dir, 'guardrails.yaml'), `${base.trimEnd()}\n${dates}`)
  return dir
}

/** The calendar date (YYYY-MM-DD) in the organization's zone at `ms`. */
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(ms))

const dates: Scenario = {
  // The leaver-to-be is onboarded first (no start date: at once); the joiner is announced in the scenario.
  onboardEvents: (sample) =>
    [LEAVER].map((p) => {
      const event = structuredClone(sample)
      editPayload(event.client_payload, (e) => {
        Object.assign(e, { employee_id: p.id, event_id: 'hr-dates-1', name: p.name, email: p.email })
        Object.assign(e, { role: 'backend-engineer', github_username: p.login })
        delete e.start_date
      })
      return { label: `onboard ${p.id} (backend-engineer)`, event }
    }),
  seed: {
    github: {
      users: [
        { login: LEAVER.login, id: 62101 },
        { login: JOINER.login, id: 62102 },
      ],
      members: [{ org: 'acme', login: LEAVER.login }],
    },
    slackUsers: [LEAVER, JOINER].map((p) => ({ email: p.email, name: p.login })),
  },
  async run({ sandbox, repoRoot, run }) {
    const access = datedAccessDir(repoRoot)
    const workspace = withAccessFiles(repoRoot, access)
    const sample = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/events/onboard.json'), 'utf8'))
    const now = sandbox.clock.now()
    const startDate = localDate(now + 10 * DAY)
    const lastDay = localDate(now + 5 * DAY)
    try {
      const hire = structuredClone(sample)
      editPayload(hire.client_payload, (e) => {
        Object.assign(e, { employee_id: JOINER.id, event_id: 'hr-dates-2', name: JOINER.name, email: JOINER.email })
        Object.assign(e, { role: 'data-analyst', github_username: JOINER.login, start_date: startDate })
        e.personal_email = 'sam.rivera@example.net'
      })
      const leave = structuredClone(sample)
      leave.action = 'offboard'
      editPayload(leave.client_payload, (e) => {
        for (const k of Object.keys(e)) if (!['version', 'event_id', 'occurred_at'].includes(k)) delete e[k]
        Object.assign(e, { employee_id: LEAVER.id, event_id: 'hr-dates-3', last_day: lastDay })
      })
      console.log(
        `\nThe organization is in ${ZONE}. ${JOINER.id} starts on ${startDate}; ${LEAVER.id}'s last day is ${lastDay}.`,
      )
      const lifecycle = { workflowFile: '.github/workflows/lifecycle.yml', eventName: 'repository_dispatch' }
      await run(`onboard ${JOINER.id}, starting ${startDate}`, { ...lifecycle, event: hire, repoRoot: workspace })
      await run(`offboard ${LEAVER.id}, last day ${lastDay}`, { ...lifecycle, event: leave, repoRoot: workspace })

      // Jump to each next due task, two minutes past it (a quarter-hourly run), and let reconcile.yml do it.
      const people = [JOINER.id, LEAVER.id]
      const schedules = async () =>
        (await ledgerRecords(sandbox))
          .filter((r) => people.includes(r.employee_id))
          .flatMap((r) => (r.schedule ?? []).map((t) => ({ employee_id: r.employee_id, ...t })))
      let last: string | undefined
      for (let runs = 0; runs < 20; runs++) {
        const next = (await schedules())
          .filter((t) => !t.done_at)
          .map((t) => t.due)
          .sort()[0]
        if (!next) break
        if (next === last) {
          console.log(`\nA task due ${formatLocal(next, ZONE)} was not done by the run after it: stopping.`)
          break
        }
        last = next
        const at = Date.parse(next) + 2 * 60_000
        if (at > sandbox.clock.now()) sandbox.clock.advance(at - sandbox.clock.now())
        await run(`reconcile at ${formatLocal(sandbox.clock.now(), ZONE)}`, {
          workflowFile: '.github/workflows/reconcile.yml',
          eventName: 'schedule',
          event: { schedule: DUE_RUNS },
          repoRoot: workspace,
        })
      }
      const tasks = (await schedules()).map((t) => ({
        employee_id: t.employee_id,
        step: t.step,
        why: t.why,
        due: t.due,
        due_local: formatLocal(t.due, ZONE),
        done_at: t.done_at ?? null,
        done_local: t.done_at ? formatLocal(t.done_at, ZONE) : null,
        late_ms: t.late_ms ?? null,
      }))
      console.log('\nTasks (organization time):')
      for (const t of tasks)
        console.log(
          `  ${t.employee_id} ${t.step.padEnd(8)} ${t.why.padEnd(10)} due ${t.due_local}  ${t.done_local ? `done ${t.done_local}` : 'not done'}`,
        )
      const mail = sandbox.mail.list().map((m) => ({ to: m.envelope?.to ?? [], subject: m.subject ?? '' }))
      return { dates: { time_zone: ZONE, start_date: startDate, last_day: lastDay, tasks, mail } }
    } finally {
      for (const dir of [workspace, access]) rmSync(dir, { recursive: true, force: true })
    }
  },
}

export const SCENARIOS: Record<string, Scenario> = { 'role-map-change': roleMapChange, drift, dates }
