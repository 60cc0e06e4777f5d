// Time-bound grants end to end, through the runner and the sandbox. A backend engineer onboarded by an HR event
// (lifecycle.yml) gets a 7-day grant by a pull request to .github/access/grants.yaml: the plan on the pull request
// (access-plan.yml) lists it, with its end, by employee id; the merge applies it (access-apply.yml); a day before
// its end the reconcile run leaves it; on day 7 it revokes it (identity group, GitHub team, Slack channel), reads
// the removal back, records the grant ended `expired` and announces it in the alerts channel. grant.yml gives one
// through the protected onramp-grant environment; bad input, or a reviewer who rejects, changes nothing.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleEvent, TEST_TIME_SCALE } from '../support/harness.js'

const onramp = new URL('../..', import.meta.url).pathname
const { owner, name } = SANDBOX_REPOSITORY
const REPOSITORY = { name, full_name: `${owner}/${name}`, owner: { login: owner }, default_branch: 'main' }
const DAY = 86_400_000
const PR = 31
const KIM = { id: 'E2101', login: 'kim-dev', email: 'kim.lee@acme.com', name: 'Kim Lee' }

describe('time-bound grants', () => {
  let sandbox: Sandbox
  let repo: string
  let runs = 0
  let grantedUntil = ''

  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=onramp-test', '-c', 'user.email=test@example.com', ...args], {
      cwd: repo,
      encoding: 'utf8',
    }).trim()
  const run = (workflowFile: string, eventName: string, event: Record<string, unknown>, extra = {}) => {
    runs += 1
    return runInSandbox(sandbox, {
      repoRoot: repo,
      workflowFile,
      eventName,
      event: { repository: REPOSITORY, ...event },
      runId: String(9300 + runs),
      ...extra,
    })
  }
  const ledger = (id: string) =>
    JSON.parse(sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state') ?? 'null')
  const teamsOf = (login: string) =>
    sandbox.emulators.github.emulator
      .state()
      .teams.filter((t) => t.members[login])
      .map((t) => t.slug)
      .sort()
  const inChannel = (channel: string) =>
    sandbox.emulators.slack.emulator.members(channel).includes(ledger(KIM.id).ids.slack.user_id)
  const inGroup = (group: string) => sandbox.emulators.okta.emulator.groupMembers(group).includes(KIM.email)
  const alerts = () => sandbox.emulators.slack.emulator.messages('#onramp-alerts').map((m) => m.text)
  const changing = (from: number) =>
    sandbox.log
      .list({ mutating: true })
      .filter((e) => e.seq > from)
      .map((e) => `${e.emulator} ${e.route}`)
  const lastSeq = () => sandbox.log.list().at(-1)?.seq ?? 0
  const reconcile = () =>
    run('.github/workflows/reconcile.yml', 'workflow_dispatch', { inputs: { mode: 'repair', 'employee-ids': KIM.id } })

  beforeAll(async () => {
    repo = join(mkdtempSync(join(tmpdir(), 'onramp-grants-')), name)
    cpSync(join(onramp, '.github'), join(repo, '.github'), { recursive: true })
    symlinkSync(join(onramp, 'actions'), join(repo, 'actions'), 'dir')
    git('init', '-q', '-b', 'main')
    git('add', '.github')
    git('commit', '-q', '-m', 'access files')
    sandbox = await startSandbox({
      roles: join(onramp, '.github/access/roles.yaml'),
      guardrails: join(onramp, '.github/access/guardrails.yaml'),
      timeScale: TEST_TIME_SCALE,
      seed: {
        github: {
          repos: [{ owner, name, default_branch: 'main' }],
          pullRequests: [{ owner, repo: name, number: PR, head: 'grant', base: 'main' }],
          users: [{ login: KIM.login, id: 62001 }],
          members: [{ org: 'acme', login: KIM.login }],
        },
        slack: {
          users: [
            { email: 'riley.manager@acme.com', name: 'riley' },
            { email: KIM.email, name: KIM.login },
          ],
        },
      },
    })
    const event = await sampleEvent('onboard', (e) => {
      e.employee_id = KIM.id
      e.event_id = 'hr-grants-1'
      // Dated in real time: the sandbox's scaled clock runs ahead of the runner's.
      e.occurred_at = new Date().toISOString()
      e.name = KIM.name
      e.email = KIM.email
      e.role = 'backend-engineer'
      e.github_username = KIM.login
    })
    const onboard = await runInSandbox(sandbox, {
      repoRoot: repo,
      eventName: 'repository_dispatch',
      event,
      runId: '9301',
    })
    const failed = Object.values(onboard.jobs).filter((j) => j.result === 'failure')
    expect(onboard.conclusion, JSON.stringify(failed.map((j) => [j.name, j.error, j.annotations]))).toBe('success')
    expect(teamsOf(KIM.login)).toEqual(['backend', 'engineering'])
  }, 600_000)
  afterAll(() => sandbox?.close())

  it('a 7-day grant by pull request: planned, applied on merge, kept on day 6, revoked and announced on day 7', async () => {
    // The pull request: a grants.yaml entry for Kim, ending 7 days from now (sandbox time).
    const base = git('rev-parse', 'HEAD')
    grantedUntil = new Date(sandbox.clock.now() + 7 * DAY).toISOString()
    git('checkout', '-q', '-b', 'grant')
    writeFileSync(
      join(repo, '.github/access/grants.yaml'),
      [
        'version: 1',
        'grants:',
        '  - id: analytics-q4',
        `    employee_id: ${KIM.id}`,
        '    items:',
        '      identity-groups: [analytics]',
        '      github-teams: [analytics]',
        '      slack-channels: ["#data"]',
        `    until: ${grantedUntil}`,
        '    reason: helps the analytics team with the quarter-end dashboards',
        '',
      ].join('\n'),
    )
    // First pushed for an employee id the ledger does not know: the check fails naming the field and rule.
    const grantsFile = join(repo, '.github/access/grants.yaml')
    const text = readFileSync(grantsFile, 'utf8')
    writeFileSync(grantsFile, text.replace(KIM.id, 'E2999'))
    git('add', '.github')
    git('commit', '-q', '-m', 'grant analytics access for a week')
    const wrong = git('rev-parse', 'HEAD')
    writeFileSync(grantsFile, text)
    git('commit', '-q', '-am', 'the right person')
    const head = git('rev-parse', 'HEAD')
    git('checkout', '-q', 'main') // the workspace holds the base: the code that runs
    const plan = (sha: string, action: string) =>
      run('.github/workflows/access-plan.yml', 'pull_request', {
        action,
        number: PR,
        pull_request: {
          number: PR,
          base: { ref: 'main', sha: base, repo: { full_name: `${owner}/${name}` } },
          head: { ref: 'grant', sha, repo: { full_name: `${owner}/${name}` } },
        },
      })
    const refused = await plan(wrong, 'opened')
    expect(refused.conclusion).toBe('failure')
    expect(JSON.stringify(refused.jobs.plan!.annotations)).toContain(
      'grants.yaml grants[0].employee_id: no ledger record for this employee',
    )

    const planned = await plan(head, 'synchronize')
    expect(planned.conclusion, planned.jobs.plan?.summary).toBe('success')
    const comment = sandbox.emulators.github.emulator.issueComments(owner, name, PR)[0]!.body
    expect(comment).toContain('### Time-bound grants')
    expect(comment).toContain(`| new | \`analytics-q4\` | ${KIM.id} |`)
    expect(comment).toContain(grantedUntil)
    for (const personal of [KIM.name, KIM.email, 'quarter-end']) expect(comment).not.toContain(personal)
    expect(teamsOf(KIM.login)).not.toContain('analytics') // planned, not applied

    // Merged: access-apply.yml gives it to the affected person.
    git('merge', '-q', '--ff-only', 'grant')
    const applied = await run('.github/workflows/access-apply.yml', 'push', {
      ref: 'refs/heads/main',
      before: base,
      after: head,
      commits: [{ id: head, added: ['.github/access/grants.yaml'], removed: [], modified: [] }],
    })
    expect(applied.conclusion, applied.jobs.identity?.summary).toBe('success')
    expect(applied.jobs.identity!.outputs['employee-ids']).toBe(KIM.id)
    expect(teamsOf(KIM.login)).toEqual(['analytics', 'backend', 'engineering'])
    expect(inChannel('#data')).toBe(true)
    expect(inGroup('analytics')).toBe(true)
    const record = ledger(KIM.id)
    expect(record.grants).toEqual([
      expect.objectContaining({
        id: 'analytics-q4',
        until: grantedUntil,
        source: 'file',
        items: { identity: ['group:analytics'], github: ['team:analytics'], slack: ['channel:#data'] },
      }),
    ])
    expect(
      record.schedule.filter((t: any) => t.grant_id === 'analytics-q4').map((t: any) => [t.step, t.due, t.done_at]),
    ).toEqual([
      ['github', grantedUntil, undefined],
      ['identity', grantedUntil, undefined],
      ['notify', grantedUntil, undefined],
    ])

    // Day 6: still in force; the reconcile run changes nothing.
    sandbox.clock.advance(6 * DAY)
    let from = lastSeq()
    const day6 = await reconcile()
    expect(day6.conclusion).toBe('success')
    expect(teamsOf(KIM.login)).toContain('analytics')
    expect(changing(from).filter((c) => !c.startsWith('github GET'))).toEqual([])

    // Day 7: past its end. Revoked in every system, read back, recorded and announced, ids only.
    sandbox.clock.advance(DAY)
    from = lastSeq()
    const day7 = await reconcile()
    expect(day7.conclusion, day7.jobs.github?.summary).toBe('success')
    expect(teamsOf(KIM.login)).toEqual(['backend', 'engineering'])
    expect(inChannel('#data')).toBe(false)
    expect(inGroup('analytics')).toBe(false)
    expect(inChannel('#backend')).toBe(true) // the role's access stays
    const after = ledger(KIM.id)
    expect(after.grants[0].ended).toMatchObject({ why: 'expired' })
    expect(after.granted.github).not.toContain('team:analytics')
    expect(after.schedule.filter((t: any) => t.grant_id === 'analytics-q4').every((t: any) => t.done_at)).toBe(true)
    const line = `grant analytics-q4 for ${KIM.id} ended: group:analytics, team:analytics, channel:#data`
    expect(alerts().filter((t) => t === line)).toHaveLength(1)
    expect(day7.jobs.notify!.summary).toContain(`- ${line}`)
    expect(changing(from)).toContain('github DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}')

    // Again: nothing to do, nothing announced twice.
    const again = await reconcile()
    expect(again.conclusion).toBe('success')
    expect(alerts().filter((t) => t === line)).toHaveLength(1)
  }, 1_200_000)

  it('grant.yml: a reviewed request gives a grant for some days; bad input or a rejection changes nothing', async () => {
    const dispatch = (inputs: Record<string, string>, extra = {}) =>
      run(
        '.github/workflows/grant.yml',
        'workflow_dispatch',
        { inputs, ref: 'refs/heads/main' },
        {
          actor: 'ana-lead',
          ...extra,
        },
      )
    const ask = { 'employee-id': KIM.id, items: 'github-team:analytics', days: '3', reason: 'migration on-call' }

    // Off the allowlist, too long, unknown person: the grant job fails naming the field and rule; nothing written.
    const from = lastSeq()
    const bad = await dispatch({ ...ask, items: 'github-team:security', days: '30' })
    expect(bad.jobs.grant!.result).toBe('failure')
    expect(JSON.stringify(bad.jobs.grant)).toContain(
      'with.items.github-teams[0]: not in guardrails grants.allowed.github-teams',
    )
    expect(JSON.stringify(bad.jobs.grant)).toContain('with.days: more than guardrails grants.max-days (14)')
    const unknown = await dispatch({ ...ask, 'employee-id': 'E9999' })
    expect(JSON.stringify(unknown.jobs.grant)).toContain('with.employee-id: no ledger record for this employee')
    // A reviewer of onramp-grant rejects: the job never starts.
    const rejected = await dispatch(ask, { approve: () => false })
    expect(rejected.jobs.grant!.result).not.toBe('success')
    expect(changing(from).filter((c) => !c.startsWith('slack'))).toEqual([])

    const given = await dispatch(ask)
    const failed = Object.values(given.jobs).filter((j) => j.result === 'failure')
    expect(given.conclusion, JSON.stringify(failed.map((j) => [j.name, j.error, j.annotations, j.summary]))).toBe(
      'success',
    )
    const id = given.jobs.grant!.outputs['grant-id']!
    expect(teamsOf(KIM.login)).toContain('analytics')
    const grant = ledger(KIM.id).grants.find((g: any) => g.id === id)
    expect(grant).toMatchObject({
      source: 'workflow',
      requested_by: 'ana-lead',
      items: { github: ['team:analytics'] },
      reason: 'migration on-call',
    })
    expect(grant.approved_by).toContain('onramp-grant')
    expect(Date.parse(grant.until) - Date.parse(grant.from)).toBe(3 * DAY)

    // Kim leaves before it ends: the offboard revokes everything and ends every grant still in force.
    const leave = await sampleEvent('offboard', (e) => {
      e.employee_id = KIM.id
      e.event_id = 'hr-grants-2'
      e.occurred_at = new Date().toISOString()
    })
    const off = await runInSandbox(sandbox, {
      repoRoot: repo,
      eventName: 'repository_dispatch',
      event: leave,
      runId: '9399',
    })
    expect(off.conclusion).toBe('success')
    expect(teamsOf(KIM.login)).toEqual([])
    const after = ledger(KIM.id).grants
    expect(after.find((g: any) => g.id === id).ended).toMatchObject({ why: 'offboarded' })
    expect(after.find((g: any) => g.id === 'analytics-q4').ended.why).toBe('expired')
    expect(ledger(KIM.id).schedule.filter((t: any) => t.grant_id === id)).toEqual([])
  }, 900_000)
})
