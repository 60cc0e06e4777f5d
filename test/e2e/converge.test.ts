// The role map is the truth, end to end through the runner and the sandbox: three people onboarded by HR events
// (lifecycle.yml), a merged change to the map converges every affected person (access-apply.yml), a second run
// changes nothing, one person's failure leaves the others converged and alerts; drift made by hand is reported
// by reconcile.yml in report mode and fixed in repair mode; an invitation accepted in the meantime gets its
// team role on the next scheduled run, and a deferred invitation is sent by it once the cap allows.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  detachUserPolicy,
  removeTeamMembership,
  runInSandbox,
  SANDBOX_REPOSITORY,
  type WorkflowResult,
} from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { load } from 'js-yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleEvent } from '../support/harness.js'
import { batchCommits } from '../support/ledger-commits.js'

const onramp = new URL('../..', import.meta.url).pathname
const { owner, name } = SANDBOX_REPOSITORY
const REPOSITORY = { name, full_name: `${owner}/${name}`, owner: { login: owner }, default_branch: 'main' }
const RO = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const ENGINEER = 'arn:aws:iam::123456789012:policy/onramp/role-engineer'

// Two backend engineers who are org members already, and a designer invited by email (their account's email is
// public, so onramp can find who accepted).
const PEOPLE = [
  { id: 'E2001', role: 'backend-engineer', login: 'kim-dev', email: 'kim.lee@acme.com', name: 'Kim Lee' },
  { id: 'E2002', role: 'backend-engineer', login: 'ola-dev', email: 'ola.berg@acme.com', name: 'Ola Berg' },
  { id: 'E2003', role: 'designer', login: 'noor-designs', email: 'noor.haddad@acme.com', name: 'Noor Haddad' },
]
const [kim, ola, noor] = PEOPLE as [(typeof PEOPLE)[0], (typeof PEOPLE)[0], (typeof PEOPLE)[0]]

describe('converge: apply on merge, reconcile on a schedule', () => {
  let sandbox: Sandbox
  let repo: string
  let artifacts: string
  let runs = 0

  const run = async (workflowFile: string, eventName: string, event: Record<string, unknown>) => {
    runs += 1
    const result = await runInSandbox(sandbox, {
      repoRoot: repo,
      workflowFile,
      eventName,
      event: { repository: REPOSITORY, ...event },
      runId: String(9100 + runs),
      artifactsDir: join(artifacts, String(runs)),
    })
    return { result, artifacts: join(artifacts, String(runs)) }
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=onramp-test', '-c', 'user.email=test@example.com', ...args], {
      cwd: repo,
      encoding: 'utf8',
    }).trim()
  let before = ''
  let after = ''
  const push = () =>
    run('.github/workflows/access-apply.yml', 'push', {
      ref: 'refs/heads/main',
      before,
      after,
      commits: [{ id: after, added: [], removed: [], modified: ['.github/access/roles.yaml'] }],
    })
  const dispatch = (inputs: Record<string, string>) =>
    run('.github/workflows/access-apply.yml', 'workflow_dispatch', { inputs })
  const reconcile = (mode: 'report' | 'repair') =>
    run('.github/workflows/reconcile.yml', 'workflow_dispatch', { inputs: { mode } })
  const scheduled = () => run('.github/workflows/reconcile.yml', 'schedule', { schedule: '17 * * * *' })

  const ledger = (id: string) =>
    JSON.parse(sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state') ?? 'null')
  const teamsOf = (login: string) =>
    Object.fromEntries(
      sandbox.emulators.github.emulator
        .state()
        .teams.filter((t) => t.members[login])
        .map((t) => [t.slug, t.members[login]!.role]),
    )
  const policiesOf = (id: string) => sandbox.emulators.iam.emulator.user(ledger(id).ids.aws.user_name)?.policies ?? []
  const jobs = (r: WorkflowResult) => Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]))
  const changing = (from: number) =>
    sandbox.log
      .list({ mutating: true })
      .filter((e) => e.seq > from)
      .map((e) => `${e.emulator} ${e.route}`)
  const lastSeq = () => sandbox.log.list().at(-1)?.seq ?? 0
  const ledgerWrites = (from: number) => changing(from).filter((c) => /contents|POST \/graphql/.test(c))
  const alerts = () =>
    sandbox.emulators.slack.emulator
      .messages('#onramp-alerts')
      .filter((m) => /onramp (reconcile|converge)/.test(m.text))

  beforeAll(async () => {
    // A repository of its own whose access files the test edits as a merged pull request would; onramp's
    // actions (built bundles) are linked in.
    repo = join(mkdtempSync(join(tmpdir(), 'onramp-converge-')), name)
    cpSync(join(onramp, '.github'), join(repo, '.github'), { recursive: true })
    symlinkSync(join(onramp, 'actions'), join(repo, 'actions'), 'dir')
    git('init', '-q', '-b', 'main')
    git('add', '.github')
    git('commit', '-q', '-m', 'access files')
    artifacts = mkdtempSync(join(tmpdir(), 'onramp-converge-artifacts-'))
    sandbox = await startSandbox({
      roles: join(onramp, '.github/access/roles.yaml'),
      guardrails: join(onramp, '.github/access/guardrails.yaml'),
      seed: {
        github: {
          repos: [{ owner, name, default_branch: 'main' }],
          users: [
            { login: kim.login, id: 61001 },
            { login: ola.login, id: 61002 },
            { login: noor.login, id: 61003, email: noor.email },
          ],
          members: [
            { org: 'acme', login: kim.login },
            { org: 'acme', login: ola.login },
          ],
        },
        slack: {
          users: [
            { email: 'riley.manager@acme.com', name: 'riley' },
            ...PEOPLE.map((p) => ({ email: p.email, name: p.login })),
          ],
        },
      },
    })
    for (const [i, p] of PEOPLE.entries()) {
      const event = await sampleEvent('onboard', (e) => {
        e.employee_id = p.id
        e.event_id = `hr-converge-${i}`
        e.name = p.name
        e.email = p.email
        e.role = p.role
        if (p.role === 'designer') delete e.github_username
        else e.github_username = p.login
      })
      const result = await runInSandbox(sandbox, {
        repoRoot: repo,
        eventName: 'repository_dispatch',
        event,
        runId: String(9000 + i),
      })
      expect(result.conclusion, `onboard ${p.id}`).toBe('success')
    }
    expect(teamsOf(kim.login)).toEqual({ backend: 'member', engineering: 'member' })
    expect(ledger(noor.id).steps.github.result).toBe('pending') // invited by email, not accepted yet
  }, 600_000)
  afterAll(() => sandbox?.close())

  it('a merged map change converges the affected people, inside the guard; one failure alerts and stops nobody', async () => {
    // The merged change: designers also join `engineering`; backend engineers lose ReadOnlyAccess.
    const rolesFile = join(repo, '.github/access/roles.yaml')
    const map = load(readFileSync(rolesFile, 'utf8')) as any
    map.roles.designer.github.teams.push('engineering')
    map.roles['backend-engineer'].aws.policies = [ENGINEER]
    writeFileSync(rolesFile, JSON.stringify(map, null, 2))
    before = git('rev-parse', 'HEAD')
    git('commit', '-q', '-am', 'designers join engineering; backend engineers lose ReadOnlyAccess')
    after = git('rev-parse', 'HEAD')
    expect(policiesOf(ola.id)).toContain(RO)

    // Two of three managed people would lose something: over the guard's 25%. Nothing changes; the alert fires.
    let from = lastSeq()
    const refused = await push()
    expect(jobs(refused.result)).toMatchObject({ identity: 'failure', github: 'skipped', aws: 'skipped' })
    expect(refused.result.jobs.identity!.summary).toContain('refused by the mass-change guard')
    expect(refused.result.jobs.identity!.summary).toContain('one-off allowance of 2 removals')
    expect(refused.result.jobs.alert?.result).toBe('success')
    expect(changing(from).filter((c) => !c.startsWith('slack'))).toEqual([])
    expect(policiesOf(ola.id)).toContain(RO)

    // A one-off allowance of 2 removals, approved in onramp-allowance. Ola's identity provider account answers
    // 403 to every call: their identity step fails, nobody else's.
    const olaOkta = ledger(ola.id).ids.identity
    sandbox.emulators.okta.faults.script({ match: { path: olaOkta }, times: 1000, respond: { status: 403 } })
    from = lastSeq()
    const batchesBefore = batchCommits(sandbox).landed
    const first = await dispatch({ allowance: '2' })
    sandbox.emulators.okta.faults.clear()
    // Each converge job records its three people in one ledger commit (a conflict between the parallel jobs is
    // refused and redone), never one per person (a contents PUT): identity, github and aws had results to record,
    // notify none.
    expect(ledgerWrites(from).filter((c) => c.includes('contents'))).toEqual([])
    expect(batchCommits(sandbox).landed - batchesBefore).toBe(3)
    expect(jobs(first.result)).toMatchObject({
      allowance: 'success',
      identity: 'failure',
      github: 'success',
      aws: 'success',
    })
    expect(first.result.conclusion).toBe('failure')
    expect(JSON.parse(first.result.jobs.identity!.outputs.results!)).toEqual({
      [kim.id]: 'pending',
      [ola.id]: 'failed',
      [noor.id]: 'pending',
    })
    expect(first.result.jobs.identity!.summary).toMatch(new RegExp(`\\| ${ola.id} \\| failed \\|`))
    // The others converged: Kim lost the policy, Noor's pending invitation now carries both teams.
    expect(policiesOf(kim.id)).not.toContain(RO)
    expect(policiesOf(kim.id)).toContain(ENGINEER)
    expect(JSON.parse(first.result.jobs.github!.outputs.changes!)).toEqual({ [noor.id]: ['invitation'] })
    const alert = alerts().at(-1)
    expect(alert?.text).toContain(ola.id)
    expect(alert?.text).not.toContain(kim.id)
    for (const p of PEOPLE)
      for (const personal of [p.email, p.name]) expect(JSON.stringify(alerts())).not.toContain(personal)

    // The next apply retries Ola (their event is not applied) and nobody else needs anything.
    const second = await push()
    expect(second.result.conclusion).toBe('success')
    expect(second.result.jobs.identity!.outputs['employee-ids'], second.result.jobs.identity!.summary).toBe(ola.id)
    expect(policiesOf(ola.id)).not.toContain(RO)
    expect(ledger(ola.id).status).toBe('active')

    // Nothing left to do: no POST, PUT, PATCH or DELETE to any system, the ledger included, whether the plan
    // selects nobody or everybody is converged.
    from = lastSeq()
    const third = await push()
    expect(third.result.conclusion).toBe('success')
    expect(third.result.jobs.identity!.outputs['employee-ids'], third.result.jobs.identity!.summary).toBe('')
    const everybody = await dispatch({ 'employee-ids': 'all' })
    expect(everybody.result.conclusion).toBe('success')
    expect(JSON.parse(everybody.result.jobs.aws!.outputs.results!)).toEqual({
      [kim.id]: 'unchanged',
      [ola.id]: 'unchanged',
      [noor.id]: 'unchanged',
    })
    expect(changing(from)).toEqual([])
  }, 900_000)

  it('reports drift made by hand without changing it, then repairs it', async () => {
    await removeTeamMembership(sandbox, 'acme', 'backend', kim.login)
    await detachUserPolicy(sandbox, ledger(ola.id).ids.aws.user_name, ENGINEER)
    expect(teamsOf(kim.login).backend).toBeUndefined()

    const messages = alerts().length
    const report = await reconcile('report')
    expect(report.result.conclusion).toBe('success')
    expect(JSON.parse(report.result.jobs.github!.outputs.changes!)).toEqual({ [kim.id]: ['team:backend'] })
    expect(JSON.parse(report.result.jobs.aws!.outputs.changes!)).toEqual({ [ola.id]: [`policy:${ENGINEER}`] })
    expect(report.result.jobs.github!.summary).toContain('### Drift')
    // Left as found, reported once in Slack with ids and items only, and kept as JSON with the run.
    expect(teamsOf(kim.login).backend).toBeUndefined()
    expect(policiesOf(ola.id)).not.toContain(ENGINEER)
    const drift = alerts().slice(messages)
    expect(drift).toHaveLength(1)
    expect(drift[0]!.text).toContain(kim.id)
    expect(drift[0]!.text).toContain(ola.id)
    const json = JSON.parse(
      readFileSync(join(report.artifacts, 'onramp-aws-report', 'onramp-aws-converge.json'), 'utf8'),
    )
    expect(json.people.find((p: { employee_id: string }) => p.employee_id === ola.id)).toMatchObject({
      dry_run: true,
      changes: [`policy:${ENGINEER}`],
    })

    const from = lastSeq()
    const repair = await reconcile('repair')
    expect(repair.result.conclusion).toBe('success')
    expect(teamsOf(kim.login).backend).toBe('member')
    expect(policiesOf(ola.id)).toContain(ENGINEER)
    // A converge job records no person on their own (a contents PUT): at most one commit each (a ref update).
    expect(ledgerWrites(from).filter((c) => c.includes('contents'))).toEqual([])
    expect(ledgerWrites(from).length).toBeLessThanOrEqual(4)
  }, 900_000)

  it('an invitation accepted since gets its teams and role on the next scheduled run', async () => {
    sandbox.emulators.github.emulator.acceptInvitation(noor.email, { login: noor.login })
    // Accepting grants the teams the invitation carried, as members; the maintainer role follows acceptance.
    expect(teamsOf(noor.login)).toEqual({ 'design-system': 'member', engineering: 'member' })
    const { result } = await scheduled()
    expect(result.conclusion).toBe('success')
    expect(teamsOf(noor.login)).toEqual({ 'design-system': 'maintainer', engineering: 'member' })
    expect(ledger(noor.id).ids.github).toMatchObject({ login: noor.login, id: 61003 })
    expect(ledger(noor.id).steps.github.result).not.toBe('pending')
    // Everybody else was only read: a dry run.
    expect(JSON.parse(result.jobs.github!.outputs.results!)).toMatchObject({ [kim.id]: 'unchanged' })
  }, 600_000)

  it('a deferred invitation waits for the cap, and is sent by the scheduled run once the cap allows', async () => {
    // The org's 24-hour invitation cap is reached (GitHub answers 422): the next hire's invitation is deferred.
    const github = sandbox.emulators.github.emulator
    github.ensureOrg('acme', { invitationCap: 1 })
    const hire = await sampleEvent('onboard', (e) => {
      e.employee_id = 'E2004'
      e.event_id = 'hr-converge-4'
      e.name = 'Sam Okafor'
      e.email = 'sam.okafor@acme.com'
      e.role = 'designer'
      delete e.github_username
    })
    const onboard = await runInSandbox(sandbox, { repoRoot: repo, eventName: 'repository_dispatch', event: hire })
    expect(onboard.conclusion).toBe('success')
    expect(ledger('E2004').steps.github.result).toBe('deferred')
    const sent = () =>
      sandbox.log
        .list({ emulator: 'github', mutating: true })
        .filter((e) => e.route === 'POST /orgs/{org}/invitations' && e.status === 201).length
    const before = sent()

    // Waiting work runs for real on schedule, and the cap still holds: nothing is sent.
    const waiting = await scheduled()
    expect(waiting.result.conclusion).toBe('success')
    expect(JSON.parse(waiting.result.jobs.github!.outputs.results!)).toMatchObject({ E2004: 'deferred' })
    expect(sent()).toBe(before)
    // The run's summary says who waits. Here GitHub counts the accepted invitation it no longer lists, so when
    // the place frees is not known: the summary says so rather than guess.
    expect(waiting.result.jobs.github!.summary).toMatch(
      /### Waiting[\s\S]*- E2004: invitation: GitHub's org invitation cap reached \(422; 0 of the last 24 h's invitations listed\); expected time unknown/,
    )

    // The cap allows again (the window passed, or GitHub raised it): the next scheduled run sends it.
    github.ensureOrg('acme', { invitationCap: 50 })
    const released = await scheduled()
    expect(released.result.conclusion).toBe('success')
    expect(sent()).toBe(before + 1)
    expect(ledger('E2004').steps.github.result).toBe('pending')
  }, 600_000)
})
