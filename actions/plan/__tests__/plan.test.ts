// plan bundle against the sandbox: a pull request that adds a team to one role and drops a policy from another
// is planned from the base map, the head map and the ledger, shown by employee id only, in one comment kept
// current; without a ledger it plans the role diff and says what it could not read; a broken head fails.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADDED_TEAM, changedRoles, DROPPED_POLICY } from '../../../packages/runner/src/role-map-change.js'
import { GUARDRAILS, type Harness, ROLES, repoRoot, startHarness } from '../../../test/support/harness.js'

const PR = 5
const JOB_TOKEN = 'ghs_planTestJobToken00000000000000000000'
const PERSONAL = /Jamie|jamie\.doe|riley\.manager/i
const MARKER = '<!-- onramp:plan -->'

describe('plan bundle', () => {
  let h: Harness
  let headRoles: string
  beforeAll(async () => {
    h = await startHarness()
    const gh = h.sandbox.emulators.github.emulator
    gh.openPullRequest('acme', 'people-ops', { number: PR })
    gh.scopeJobToken(JOB_TOKEN, { repository: 'acme/people-ops', permissions: { 'pull-requests': 'write' } })
    await h.onboarded('E1', 'backend-engineer')
    await h.onboarded('E2', 'backend-engineer')
    await h.onboarded('E3', 'data-analyst')
    await h.onboarded('E4', 'designer')
    const dir = await mkdtemp(join(tmpdir(), 'onramp-head-'))
    headRoles = join(dir, 'roles.yaml')
    await writeFile(headRoles, changedRoles(repoRoot))
  })
  afterAll(() => h.close())

  const plan = (inputs: Record<string, string>) =>
    h.run('plan', {
      event: {},
      eventName: 'pull_request',
      inputs: {
        'roles-file': headRoles,
        'guardrails-file': GUARDRAILS,
        'base-roles-file': ROLES,
        'base-guardrails-file': GUARDRAILS,
        'github-token': JOB_TOKEN,
        'pull-request': String(PR),
        'run-url': 'https://github.com/acme/people-ops/actions/runs/1',
        ...inputs,
      },
    })
  const comments = () => h.sandbox.emulators.github.emulator.issueComments('acme', 'people-ops', PR)

  it('names exactly the affected employee ids per system, in one comment, the summary and the JSON', async () => {
    const r = await plan({})
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.affected).toBe('3')
    expect(r.outputs.guard).toBe('ok')
    const json = JSON.parse(await readFile(r.outputs['plan-file']!, 'utf8'))
    expect(json.version).toBe(1)
    const bySystem = (system: string, item: string, side: 'add' | 'remove') =>
      json.people
        .filter((p: any) => p.systems[system]?.[side]?.includes(item))
        .map((p: any) => p.employee_id)
        .sort()
    expect(bySystem('github', ADDED_TEAM, 'add')).toEqual(['E1', 'E2'])
    expect(bySystem('aws', DROPPED_POLICY, 'remove')).toEqual(['E3'])
    expect(json.people.map((p: any) => p.employee_id)).toEqual(['E1', 'E2', 'E3'])
    expect(json.roles['backend-engineer'].github.add).toEqual([ADDED_TEAM])
    expect(json.unreadable).toBeUndefined()

    const posted = comments()
    expect(posted).toHaveLength(1)
    expect(posted[0]!.login).toBe('github-actions[bot]')
    expect(posted[0]!.body.startsWith(MARKER)).toBe(true)
    for (const id of ['E1', 'E2', 'E3']) expect(posted[0]!.body).toContain(id)
    expect(posted[0]!.body).not.toContain('E4')
    expect(r.outputs['comment-id']).toBe(String(posted[0]!.id))
    expect(r.summary).toContain('E3')

    // The ledger's names and emails: masked before any log line, absent from everything the plan shows.
    expect(r.stdout).toContain('::add-mask::Jamie Doe')
    const shown = [
      posted[0]!.body,
      r.summary,
      JSON.stringify(json),
      JSON.stringify(r.outputs),
      r.stdout.replace(/^::add-mask::.*$/gm, ''),
      r.stderr,
    ]
    for (const text of shown) expect(text).not.toMatch(PERSONAL)
  })

  it('a second push updates the one comment in place', async () => {
    const first = comments()[0]!
    await writeFile(
      headRoles,
      changedRoles(repoRoot).replace('        - platform\n', '        - platform\n        - sre\n'),
    )
    const r = await plan({})
    expect(r.code, r.stdout).toBe(0)
    const after = comments()
    expect(after).toHaveLength(1)
    expect(after[0]!.id).toBe(first.id)
    expect(after[0]!.body).not.toBe(first.body)
    expect(after[0]!.body).toContain('team:sre')
    const before = h.mutations('github').length
    expect((await plan({})).code).toBe(0)
    expect(h.mutations('github').length).toBe(before) // nothing new to say: no write at all
    await writeFile(headRoles, changedRoles(repoRoot))
  })

  it('without a ledger (a fork: no state token) plans the role diff and says what it could not read', async () => {
    const r = await plan({ state: 'none' })
    expect(r.code, r.stdout).toBe(0)
    const json = JSON.parse(await readFile(r.outputs['plan-file']!, 'utf8'))
    expect(json.people).toEqual([])
    expect(json.roles['data-analyst'].aws.remove).toEqual([DROPPED_POLICY])
    expect(json.unreadable).toHaveLength(1)
    expect(json.unreadable[0]).toMatch(/ledger/)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]!.body).toMatch(/ledger/)
  })

  it('a change over the mass-change guard: the verdict in the comment and a warning, the plan still shown', async () => {
    // A fifth person whose name is two words of the guard's own prose ("Raise the limit … allowance").
    await h.onboarded('E5', 'people-ops')
    const file = join(h.stateDir, 'people', 'E5.json')
    const e5 = JSON.parse(await readFile(file, 'utf8'))
    await writeFile(
      file,
      JSON.stringify({ ...e5, person: { name: 'Raise Allowance', email: 'raise.allowance@acme.com' } }),
    )
    // Three of the five managed people lose something (E1, E2 a team, E3 a policy): over the 25% share.
    await writeFile(headRoles, changedRoles(repoRoot).replace('        - engineering\n', ''))
    const r = await plan({})
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.guard).toBe('over')
    expect(r.annotations.some((a) => a.level === 'warning' && /mass-change guard/.test(a.message))).toBe(true)
    const text = await readFile(r.outputs['plan-file']!, 'utf8')
    const json = JSON.parse(text)
    expect(json.guard).toMatchObject({ ok: false, removals: 3, share: 0.6 })
    // Withheld, not failed: the words are replaced in the reason, the plan and the comment are still written.
    expect(text).not.toMatch(/Raise|Allowance/i)
    expect(json.guard.reason).toContain('[personal]')
    expect(comments()[0]!.body).not.toMatch(/Raise|Allowance/i)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]!.body).toMatch(/Guard: over the limit/)
    await writeFile(headRoles, changedRoles(repoRoot))
  })

  it('a head whose files fail the checks: the comment says which rule, the step fails with annotations', async () => {
    await writeFile(headRoles, changedRoles(repoRoot).replace('        - platform\n', '        - Bad_Team!\n'))
    const r = await plan({})
    expect(r.code).toBe(1)
    const errors = r.annotations.filter((a) => a.level === 'error' && a.properties.file)
    expect(errors.map((a) => [a.properties.file, a.properties.line])).toEqual([[headRoles, '11']])
    expect(errors[0]!.message).toContain('not a valid GitHub team slug')
    expect(errors[0]!.message).not.toContain('Bad_Team')
    expect(comments()).toHaveLength(1)
    expect(comments()[0]!.body).toContain('do not pass the checks')
    expect(comments()[0]!.body).toContain('roles.backend-engineer.github.teams[1]')
    await writeFile(headRoles, changedRoles(repoRoot))
  })

  it('without a pull request number or token: refused before any call, naming the inputs', async () => {
    const r = await plan({ 'pull-request': '', 'github-token': '' })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/with\.github-token/)
    expect(r.stdout).toMatch(/with\.pull-request/)
  })
})
