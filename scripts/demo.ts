// `pnpm demo`: the whole product on a laptop. Starts the sandbox seeded from the repo's access files, runs
// .github/workflows/lifecycle.yml for an HR event through the local runner, then shows what every system
// now holds and the person's ledger record. No credentials; nothing leaves 127.0.0.1. HR events are signed
// with the sandbox's event key as they are dispatched, as the HR relay signs them (runInSandbox).
//
//   pnpm demo                                  sample onboard (test/fixtures/events/onboard.json)
//   pnpm demo -- --event <file> [--event ...]  any event files, run in order against one sandbox
//   pnpm demo -- --report <file>               also write the final state of every system as JSON
//   ONRAMP_SANDBOX_TIME_SCALE=100 pnpm demo    the sandbox (and the actions) 100 times faster than real time
//   pnpm demo -- --scenario <name>             role-map-change or drift: three people onboarded, then the role
//                                              map changed and applied, or drift made and reconciled
//                                              (scripts/demo/scenarios.ts)
//   pnpm demo -- --access <dir>                another roles.yaml and guardrails.yaml, e.g. the Identity Center
//                                              example test/fixtures/access-identity-center
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadGuardrails, SANDBOX_TIME_SCALE_ENV } from '@onramp/core'
import { createPrettyPrinter, printSummaries, runInSandbox, SANDBOX_REPOSITORY, withAccessFiles } from '@onramp/runner'
import { identityCenterAccessOf, type Sandbox, startSandbox } from '@onramp/sandbox'
import { SCENARIOS, type Scenario, type ScenarioRun } from './demo/scenarios.js'

const repoRoot = resolve(new URL('..', import.meta.url).pathname)
const SAMPLE_ONBOARD = relative(process.cwd(), join(repoRoot, 'test/fixtures/events/onboard.json'))
const EVENT_TYPES = ['onboard', 'role-change', 'offboard']
const USAGE = 'usage: npm run demo [-- --event <file> ... --scenario <name> --report <file> --access <dir> --verbose]'

/** Bad command-line input: reported as one line, exit code 1, no stack trace. */
class DemoInputError extends Error {}

function parseDemoArgs() {
  // `pnpm demo -- --event x` passes the `--` through; `npm run demo -- --event x` does not.
  const argv = process.argv.slice(2)
  try {
    return parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: {
        event: { type: 'string', multiple: true },
        scenario: { type: 'string' },
        report: { type: 'string' },
        access: { type: 'string' },
        verbose: { type: 'boolean', default: false },
      },
    }).values
  } catch (error) {
    throw new DemoInputError(`${(error as Error).message.split('.')[0]}; ${USAGE}`)
  }
}

interface DemoEvent {
  file: string
  event: Record<string, any>
  type: string
  employeeId?: string
}

/** Reads and checks one --event file before anything starts; names the file and the rule, never a value. */
function readEvent(file: string): DemoEvent {
  const path = resolve(file)
  if (!existsSync(path)) throw new DemoInputError(`--event ${file}: no such file`)
  let event: unknown
  try {
    event = JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    throw new DemoInputError(`--event ${file}: not valid JSON`)
  }
  if (!event || typeof event !== 'object' || Array.isArray(event)) {
    throw new DemoInputError(
      `--event ${file}: must be a JSON object (a repository_dispatch or workflow_dispatch event)`,
    )
  }
  const e = event as Record<string, any>
  const [field, type] = e.client_payload ? ['action', e.action] : ['inputs.event-type', e.inputs?.['event-type']]
  if (!EVENT_TYPES.includes(type)) {
    throw new DemoInputError(`--event ${file}: ${field} must be one of ${EVENT_TYPES.join(', ')}`)
  }
  const id = e.client_payload?.employee_id ?? e.inputs?.['employee-id']
  return { file, event: e, type, employeeId: typeof id === 'string' ? id : undefined }
}

/**
 * A fresh sandbox knows nobody: a role change or offboard of the sample hire needs the hire first. The demo then
 * runs the sample onboard before it, and says so; any other person's events run as given.
 */
function withPrerequisites(events: DemoEvent[]): DemoEvent[] {
  const sample = readEvent(SAMPLE_ONBOARD)
  const first = events.find((e) => e.employeeId === sample.employeeId)
  if (!first || first.type === 'onboard') return events
  console.log(
    `${first.employeeId} is not onboarded in a fresh sandbox: running ${SAMPLE_ONBOARD} first, as HR would have`,
  )
  return [sample, ...events]
}

export interface DemoReport {
  runs: { event: string; conclusion: string; jobs: Record<string, string> }[]
  systems: Record<string, unknown>
  ledger: Record<string, unknown>
  /** A scenario's own findings: the access plan's people, or the drift found. */
  [scenarioKey: string]: unknown
}

/**
 * Seeds what an HR event refers to but roles.yaml cannot: the repo holding the ledger, people's accounts; with
 * Identity Center, the sample hire as the IdP's SCIM app pushes them (userName the login, employeeNumber mapped).
 */
function demoSeed(scenario?: Scenario) {
  return {
    identityStore: {
      users: [
        {
          userName: 'jamie.doe@acme.com',
          displayName: 'Jamie Doe',
          email: 'jamie.doe@acme.com',
          enterprise: { employeeNumber: 'E1042' },
        },
      ],
    },
    github: {
      repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
      users: [{ login: 'jamie-doe-dev', id: 583231 }, ...(scenario?.seed.github.users ?? [])],
      members: scenario?.seed.github.members ?? [],
      teams: scenario?.seed.github.teams ?? [],
    },
    slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }, ...(scenario?.seed.slackUsers ?? [])] },
  }
}

function ledgerRecords(sandbox: Sandbox, ids: string[]): Record<string, unknown> {
  const { owner, name } = SANDBOX_REPOSITORY
  const out: Record<string, unknown> = {}
  for (const id of ids) {
    const text = sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state')
    out[id] = text ? JSON.parse(text) : null
  }
  return out
}

function systems(sandbox: Sandbox): Record<string, unknown> {
  const e = sandbox.emulators
  return {
    okta: e.okta.emulator.state(),
    scim: e.scim.emulator.state(),
    github: e.github.emulator.state(),
    iam: e.iam.emulator.state(),
    ssoAdmin: e.ssoAdmin.emulator.state(),
    identityStore: e.identityStore.emulator.state(),
    slack: e.slack.emulator.state(),
    mail: sandbox.mail.list(),
  }
}

/** A person-sized view of what each system holds for one employee, with personal data left out. */
function show(sandbox: Sandbox, record: any): string[] {
  const lines: string[] = []
  const e = sandbox.emulators
  const ids = record?.ids ?? {}
  const okta = e.okta.emulator.state()
  const user = okta.users.find((u: any) => u.id === ids.identity)
  if (user) {
    const groups = okta.groups.filter((g) => g.members.includes(user.profile.login)).map((g) => g.name)
    const waiting = user.status === 'PROVISIONED' ? ' (activation email sent: ACTIVE once they set a password)' : ''
    lines.push(`identity  okta user ${user.id}: ${user.status}${waiting}; groups ${groups.join(', ') || '(none)'}`)
  } else lines.push('identity  no identity-provider user recorded')
  const gh = e.github.emulator.state() as any
  const login = ids.github?.login
  const org = gh.orgs.find((o: any) => o.login === 'acme')
  const invitation = gh.invitations.find((i: any) => i.id === ids.github?.invitation_id)
  const teams = gh.teams
    .filter((t: any) => login && t.members[login])
    .map((t: any) => `${t.slug}(${t.members[login].role ?? t.members[login]})`)
  lines.push(
    `github    ${login ?? '(no login)'}: ${login && org?.members[login] ? `member (${JSON.stringify(org.members[login])})` : 'not a member'}` +
      `${invitation ? `; invitation ${invitation.id} ${invitation.status}` : ''}; teams ${teams.join(', ') || '(none)'}`,
  )
  const iamUser = ids.aws?.user_name ? e.iam.emulator.user(ids.aws.user_name) : undefined
  if (iamUser) {
    const tags = iamUser.tags.map((t) => `${t.Key}=${t.Value}`).join(', ')
    lines.push(`aws       ${iamUser.arn}`)
    lines.push(`          boundary ${iamUser.boundary ?? '(none)'}; groups ${iamUser.groups.join(', ') || '(none)'}`)
    lines.push(`          policies ${iamUser.policies.join(', ') || '(none)'}; tags ${tags}`)
    lines.push(
      `          access keys ${iamUser.accessKeys.map((k) => k.status).join(', ') || '(none)'}; console ${iamUser.loginProfile ? 'on' : 'off'}`,
    )
  } else if (ids.aws?.identity_store_user_id)
    lines.push(...identityCenterAccess(sandbox, ids.aws.identity_store_user_id, record?.person?.email))
  else lines.push('aws       no IAM user recorded')
  for (const ch of e.slack.emulator.state().channels) {
    for (const m of ch.messages as any[]) lines.push(`slack     ${ch.name}: ${String(m.text ?? '').split('\n')[0]}`)
  }
  for (const m of sandbox.mail.list())
    lines.push(`email     "${m.subject}" to ${m.envelope.to.length} recipient(s) via ${m.via}`)
  return lines
}

function demoTimeScale(raw: string | undefined): number {
  const scale = Number(raw ?? 1)
  if (!(scale > 0 && Number.isFinite(scale)))
    throw new DemoInputError(`${SANDBOX_TIME_SCALE_ENV} must be a positive number`)
  return scale
}

/** Per account and permission set, what the person can use in IAM Identity Center and through what. */
function identityCenterAccess(sandbox: Sandbox, userId: string, login: string | undefined): string[] {
  const e = { ssoAdmin: sandbox.emulators.ssoAdmin.emulator, identityStore: sandbox.emulators.identityStore.emulator }
  if (!login || e.identityStore.userIdOf(login) !== userId) return [`aws       Identity Store user ${userId}: deleted`]
  const access = new Map<string, string[]>()
  for (const a of identityCenterAccessOf(e, login)) {
    const key = `account ${a.account}, permission set ${a.permissionSet}`
    access.set(key, [...(access.get(key) ?? []), a.via === 'user' ? 'onramp’s assignment' : a.via.replace(':', ' ')])
  }
  const groups = e.identityStore.groupsOfUser(userId).map((g) => g.displayName)
  const lines = [`aws       Identity Store user ${userId}; groups ${groups.join(', ') || '(none)'}`]
  for (const [key, via] of access) lines.push(`          ${key}: through ${via.join(' and ')}`)
  if (!access.size) lines.push('          no account access')
  return lines
}

/**
 * In Identity Center mode, what an administrator assigned to the groups in Identity Center itself (not onramp):
 * each allowlisted group gets the first allowlisted permission set in the first allowlisted account, so the final
 * state shows access through a group next to onramp's own assignments.
 */
function seedGroupAssignments(sandbox: Sandbox, guardrailsFile: string) {
  const ic = loadGuardrails(guardrailsFile).identityCenter
  if (!ic) return
  const assignments = ic.groups.flatMap((name) => {
    const groupId = sandbox.emulators.identityStore.emulator.groupIdOf(name)
    return groupId
      ? [
          {
            accountId: ic.accounts[0]!,
            permissionSetArn: ic.permissionSets[0]!,
            principalType: 'GROUP' as const,
            principalId: groupId,
          },
        ]
      : []
  })
  sandbox.emulators.ssoAdmin.emulator.seed({ assignments })
}

/** The --scenario asked for, checked before anything starts; --event does not go with it. */
function scenarioOf(values: ReturnType<typeof parseDemoArgs>): Scenario | undefined {
  if (values.scenario === undefined) return undefined
  const scenario = SCENARIOS[values.scenario]
  if (!scenario) throw new DemoInputError(`--scenario: must be one of ${Object.keys(SCENARIOS).join(', ')}`)
  if (values.event?.length) throw new DemoInputError('--scenario: onboards its own people; not with --event')
  return scenario
}

async function main(): Promise<number> {
  const values = parseDemoArgs()
  const scenario = scenarioOf(values)
  const events = scenario
    ? scenario.onboardEvents(readEvent(SAMPLE_ONBOARD).event).map(({ label, event }) => ({ file: label, event }))
    : withPrerequisites((values.event?.length ? values.event : [SAMPLE_ONBOARD]).map(readEvent))
  const started = Date.now()
  const accessDir = values.access ? resolve(values.access) : join(repoRoot, '.github/access')
  for (const file of ['roles.yaml', 'guardrails.yaml'])
    if (!existsSync(join(accessDir, file))) throw new DemoInputError(`--access ${values.access}: no ${file} there`)
  // lifecycle.yml reads .github/access/: other access files run in a linked copy of the repository.
  const workspace = values.access ? withAccessFiles(repoRoot, accessDir) : repoRoot
  const sandbox = await startSandbox({
    roles: join(accessDir, 'roles.yaml'),
    guardrails: join(accessDir, 'guardrails.yaml'),
    // Real time unless asked (the tests run the README's commands 100 times faster); the actions keep it.
    timeScale: demoTimeScale(process.env[SANDBOX_TIME_SCALE_ENV]),
    seed: demoSeed(scenario),
  })
  seedGroupAssignments(sandbox, join(accessDir, 'guardrails.yaml'))
  console.log(`sandbox up in ${Date.now() - started} ms on 127.0.0.1`)
  const report: DemoReport = { runs: [], systems: {}, ledger: {} }
  const employees = new Set<string>()
  let ok = true
  let runs = 0
  /** One workflow run through the runner against the sandbox, printed and kept in the report. */
  const run = async (label: string, r: ScenarioRun) => {
    const { event, eventName } = r
    const id =
      event.client_payload?.person?.employee_id ?? event.client_payload?.employee_id ?? event.inputs?.['employee-id']
    if (typeof id === 'string') employees.add(id)
    console.log(`\n▶ ${eventName} ${event.action ?? event.inputs?.['event-type'] ?? ''} (${label})`)
    const result = await runInSandbox(sandbox, {
      repoRoot: r.repoRoot ?? workspace,
      workflowFile: r.workflowFile,
      eventName,
      event,
      inputs: event.inputs,
      runId: String(1000 + runs++),
      onProgress: createPrettyPrinter({ verbose: values.verbose }),
    })
    printSummaries(result)
    report.runs.push({
      event: label,
      conclusion: result.conclusion,
      jobs: Object.fromEntries(Object.entries(result.jobs).map(([k, j]) => [k, j.result])),
    })
    ok &&= result.conclusion === 'success'
    console.log(`◀ ${result.conclusion} in ${Date.now() - started} ms`)
    return result
  }
  try {
    for (const { file, event } of events)
      await run(file, {
        workflowFile: '.github/workflows/lifecycle.yml',
        eventName: event.client_payload ? 'repository_dispatch' : 'workflow_dispatch',
        event,
      })
    if (scenario) Object.assign(report, await scenario.run({ sandbox, repoRoot, run }))
    report.ledger = ledgerRecords(sandbox, [...employees])
    report.systems = systems(sandbox)
    for (const [id, record] of Object.entries(report.ledger)) {
      console.log(`\nWhat the systems now hold for ${id}:`)
      for (const line of show(sandbox, record)) console.log(`  ${line}`)
      const r = record as any
      if (r) {
        const steps = Object.entries(r.steps ?? {}).map(
          ([k, s]: [string, any]) => `${k}=${s.result}${s.verified ? '✓' : ''}`,
        )
        console.log(`\nLedger ${SANDBOX_REPOSITORY.owner}/${SANDBOX_REPOSITORY.name}@onramp-state people/${id}.json:`)
        console.log(`  status ${r.status}; role ${r.role}; last event ${r.last_event?.type} ${r.last_event?.event_id}`)
        console.log(`  ids ${JSON.stringify(r.ids)}`)
        console.log(`  steps ${steps.join(' ')}; notified ${Object.keys(r.notified ?? {}).join(', ') || '(nothing)'}`)
        console.log("  (the record also keeps the person's name and email, for reruns; not printed)")
      }
    }
    const c = sandbox.counters().all
    console.log(
      `\n${c.total} API calls (${c.mutating} changing, ${c.reads} reading), ${c.limited} refused by rate limits`,
    )
    if (values.report) {
      writeFileSync(resolve(values.report), `${JSON.stringify(report, null, 2)}\n`)
      console.log(`report written to ${values.report}`)
    }
  } finally {
    await sandbox.close()
    if (workspace !== repoRoot) rmSync(workspace, { recursive: true, force: true })
  }
  return ok ? 0 : 1
}

try {
  process.exitCode = await main()
} catch (error) {
  if (!(error instanceof DemoInputError)) throw error
  console.error(`demo: ${error.message}`)
  process.exitCode = 1
}
