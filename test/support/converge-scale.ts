// A converged organization of any size, seeded straight into the sandbox (no onboard workflow per person), and
// the calls a report-mode converge run makes over it. Shared by the converge-scale benchmark and the test that
// bounds the calls of a small run.
//
// The fixture: `teams` GitHub teams dealt round-robin over `roles` roles (role r gets every team i with
// i % roles == r), each role one IAM group and one policy; `people` people dealt round-robin over the roles, each
// an org member in exactly their role's teams, an IAM user of onramp's with their role's group and policy, and a
// ledger record (file: backend) that granted exactly that. A share of them last had a role change (the rerun
// then also reports teams outside their managed set). Nothing drifts: every call the run makes is a read.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadAccess, planAccess } from '@onramp/core'
import { type LedgerRecord, openLedger, readAllRecords } from '@onramp/ledger'
import { type Sandbox, type SandboxSeed, startSandbox } from '@onramp/sandbox'
import { dump } from 'js-yaml'
import { runMany as convergeAws } from '../../actions/grant-aws/src/main.js'
import { runMany as convergeGithub } from '../../actions/grant-github/src/main.js'
import { commonInputs } from './harness.js'

export interface ScaleShape {
  people: number
  teams: number
  roles: number
  /** Share of people (0..1) whose last HR event was a role change; the others' was an onboard. */
  roleChangeShare: number
}

const ORG = 'acme'
const ACCOUNT = '123456789012'
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/onramp/OnrampUserBoundary`
const pad = (n: number, w: number) => String(n).padStart(w, '0')
export const teamSlug = (i: number) => `t-${pad(i, 4)}`
const roleKey = (r: number) => `role-${pad(r, 3)}`
const groupName = (r: number) => `bench-${pad(r, 3)}`
const policyArn = (r: number) => `arn:aws:iam::${ACCOUNT}:policy/onramp/bench-${pad(r, 3)}`
export const employeeId = (p: number) => `E${pad(p, 6)}`
export const login = (p: number) => `bench-user-${pad(p, 6)}`
const email = (p: number) => `bench.user${pad(p, 6)}@acme.com`
const userName = (p: number) => `bench.user${pad(p, 6)}+${employeeId(p).toLowerCase()}`

export function roleTeams(shape: ScaleShape, r: number): string[] {
  const out: string[] = []
  for (let i = r; i < shape.teams; i += shape.roles) out.push(teamSlug(i))
  return out
}

/** roles.yaml and guardrails.yaml for the shape, written to `dir`; `extraTeam` adds one team to every role. */
export function writeAccessFiles(dir: string, shape: ScaleShape, extraTeam?: string) {
  const roles: Record<string, unknown> = {}
  for (let r = 0; r < shape.roles; r++)
    roles[roleKey(r)] = {
      description: `Benchmark role ${r}`,
      github: { teams: [...roleTeams(shape, r), ...(extraTeam ? [extraTeam] : [])] },
      aws: { groups: [groupName(r)], policies: [policyArn(r)] },
    }
  const guardrails = {
    version: 1,
    'email-domains': ['acme.com'],
    github: { org: ORG, 'protected-logins': ['acme-admin'], 'max-invitation-resends': 3, 'invitation-cap': 50 },
    aws: {
      'user-path': '/onramp/',
      'permissions-boundary': BOUNDARY,
      'allowed-policies': Array.from({ length: shape.roles }, (_, r) => policyArn(r)),
    },
    guard: { 'max-removals': 100, 'max-share': 25 },
  }
  const rolesFile = join(dir, extraTeam ? 'roles-head.yaml' : 'roles.yaml')
  const guardrailsFile = join(dir, 'guardrails.yaml')
  writeFileSync(rolesFile, dump({ version: 1, roles }))
  writeFileSync(guardrailsFile, dump(guardrails))
  return { rolesFile, guardrailsFile }
}

function seedFor(shape: ScaleShape): SandboxSeed {
  const github: Required<Pick<NonNullable<SandboxSeed['github']>, 'users' | 'members' | 'teamMembers'>> = {
    users: [],
    members: [],
    teamMembers: [],
  }
  const users: NonNullable<NonNullable<SandboxSeed['iam']>['users']> = []
  for (let p = 0; p < shape.people; p++) {
    const r = p % shape.roles
    github.users.push({ login: login(p), id: 10_000_000 + p })
    github.members.push({ org: ORG, login: login(p) })
    for (const team of roleTeams(shape, r)) github.teamMembers.push({ org: ORG, team, login: login(p) })
    users.push({
      userName: userName(p),
      path: '/onramp/',
      boundary: BOUNDARY,
      tags: { 'managed-by': 'onramp', 'employee-id': employeeId(p), role: roleKey(r) },
      groups: [groupName(r)],
      policies: [policyArn(r)],
    })
  }
  return { github, iam: { users } }
}

function recordFor(shape: ScaleShape, p: number): LedgerRecord {
  const r = p % shape.roles
  const changed = p < Math.round(shape.people * shape.roleChangeShare)
  const event = {
    event_id: `hr-${employeeId(p)}`,
    type: changed ? ('role-change' as const) : ('onboard' as const),
    occurred_at: '2026-11-02T09:00:00Z',
    role: roleKey(r),
  }
  return {
    employee_id: employeeId(p),
    status: 'active',
    role: roleKey(r),
    person: { email: email(p) },
    ids: { github: { login: login(p), id: 10_000_000 + p }, aws: { user_name: userName(p) } },
    last_event: event,
    granted: {
      github: roleTeams(shape, r)
        .map((t) => `team:${t}`)
        .sort(),
      aws: [`group:${groupName(r)}`, `policy:${policyArn(r)}`].sort(),
    },
    steps: {},
    notified: {},
  }
}

export interface ScaleFixture {
  shape: ScaleShape
  sandbox: Sandbox
  dir: string
  stateDir: string
  rolesFile: string
  guardrailsFile: string
  /** The map with one more team on every role: the head of a role-map change, for the plan. */
  headRolesFile: string
  close(): Promise<void>
}

/** Starts a sandbox (rate limits on, `timeScale` times real time) holding the converged organization. */
export async function startScaleFixture(shape: ScaleShape, timeScale: number): Promise<ScaleFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-scale-'))
  const files = writeAccessFiles(dir, shape)
  const head = writeAccessFiles(dir, shape, 'bench-new-team')
  const sandbox = await startSandbox({
    roles: files.rolesFile,
    guardrails: files.guardrailsFile,
    timeScale,
    limits: true,
    seed: seedFor(shape),
  })
  sandbox.emulators.github.emulator.ensureTeam(ORG, 'bench-new-team')
  const stateDir = join(dir, 'state')
  mkdirSync(join(stateDir, 'people'), { recursive: true })
  for (let p = 0; p < shape.people; p++) {
    const record = recordFor(shape, p)
    writeFileSync(join(stateDir, 'people', `${record.employee_id}.json`), JSON.stringify(record))
  }
  return {
    shape,
    sandbox,
    dir,
    stateDir,
    ...files,
    headRolesFile: head.rolesFile,
    close: () => sandbox.close(),
  }
}

export interface PlanMeasure {
  records: number
  /** Reading every record from the file ledger. */
  read_ms: number
  /** planAccess over them (pure). */
  plan_ms: number
  affected: number
}

/** The access plan of base map → head map (one team more per role) over every ledger record. */
export async function measurePlan(f: ScaleFixture): Promise<PlanMeasure> {
  const t0 = performance.now()
  const records = await readAllRecords(await openLedger(`file:${f.stateDir}`))
  const t1 = performance.now()
  const base = loadAccess({ rolesFile: f.rolesFile, guardrailsFile: f.guardrailsFile })
  const head = loadAccess({ rolesFile: f.headRolesFile, guardrailsFile: f.guardrailsFile })
  const t2 = performance.now()
  const plan = planAccess({ base, head, records })
  const t3 = performance.now()
  return { records: records.length, read_ms: t1 - t0, plan_ms: t3 - t2, affected: plan.counts.affected }
}

export type ScaleSystem = 'github' | 'aws'

export interface ConvergeMeasure {
  system: ScaleSystem
  people: number
  /** Items per person the role map names in this system (teams; groups and policies). */
  items_per_person: number
  /** Items the map manages in this system (every team; every group and policy). */
  items: number
  calls: number
  reads: number
  writes: number
  /** Requests the emulator refused for a rate limit (each retried). */
  limited: number
  by_route: Record<string, number>
  results: Record<string, number>
  wall_ms: number
  sandbox_ms: number
}

const EMULATOR: Record<ScaleSystem, string> = { github: 'github', aws: 'iam' }

/**
 * One converge run (`employee-ids: all`; by default report mode, a dry run) of grant-github or grant-aws in
 * process, through its runMany with the sandbox's clients, and the requests it made to that system.
 */
export async function measureConverge(
  f: ScaleFixture,
  system: ScaleSystem,
  options: { dryRun?: boolean; employeeIds?: 'all' | 'due' } = {},
): Promise<ConvergeMeasure & { changes: Record<string, string[]> }> {
  const { sandbox, shape } = f
  const runDir = mkdtempSync(join(f.dir, `run-${system}-`))
  for (const name of ['output', 'summary']) writeFileSync(join(runDir, name), '')
  const env = {
    ...process.env,
    ...sandbox.env,
    GITHUB_OUTPUT: join(runDir, 'output'),
    GITHUB_STEP_SUMMARY: join(runDir, 'summary'),
    RUNNER_TEMP: runDir,
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_RUN_ID: '17',
  }
  const saved = process.env
  process.env = env
  const inputs = {
    ...commonInputs(f.stateDir),
    rolesFile: f.rolesFile,
    guardrailsFile: f.guardrailsFile,
    dryRun: options.dryRun ?? true,
    employeeIds: options.employeeIds ?? 'all',
  }
  sandbox.log.clear()
  // Every person's audit lines go to stdout (the job log): not this report's.
  const write = process.stdout.write
  process.stdout.write = () => true
  const sandbox0 = sandbox.clock.now()
  const t0 = performance.now()
  let run: Awaited<ReturnType<typeof convergeGithub>>
  try {
    run =
      system === 'github'
        ? await convergeGithub(
            {
              ...inputs,
              githubToken: sandbox.inputs['github-token']!,
              githubApiUrl: sandbox.inputs['github-api-url']!,
              org: undefined,
            },
            { env },
          )
        : await convergeAws({ ...inputs, awsRegion: sandbox.inputs['aws-region']!, deleteUser: false }, { env })
  } finally {
    process.stdout.write = write
    process.env = saved
    process.exitCode = 0
  }
  const wall = performance.now() - t0
  const sandboxMs = sandbox.clock.now() - sandbox0
  const entries = sandbox.log.list({ emulator: EMULATOR[system] })
  const byRoute: Record<string, number> = {}
  for (const e of entries) byRoute[e.route ?? `${e.method} ?`] = (byRoute[e.route ?? `${e.method} ?`] ?? 0) + 1
  const results: Record<string, number> = {}
  const changes: Record<string, string[]> = {}
  for (const p of run.people) {
    results[p.result] = (results[p.result] ?? 0) + 1
    if (p.changes.length) changes[p.employee_id] = p.changes
  }
  const perRole = system === 'github' ? Math.ceil(shape.teams / shape.roles) : 2
  return {
    system,
    people: run.people.length,
    items_per_person: perRole,
    items: system === 'github' ? shape.teams : 2 * shape.roles,
    calls: entries.length,
    reads: entries.filter((e) => !e.mutating).length,
    writes: entries.filter((e) => e.mutating).length,
    limited: entries.filter((e) => e.limited).length,
    by_route: Object.fromEntries(Object.entries(byRoute).sort((a, b) => b[1] - a[1])),
    results,
    changes,
    wall_ms: wall,
    sandbox_ms: sandboxMs,
  }
}
