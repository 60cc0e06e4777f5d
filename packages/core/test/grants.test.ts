import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { planAccess } from '../src/access-plan.js'
import { renderPlanMarkdown } from '../src/access-plan-markdown.js'
import { parseAccess, parseGrants } from '../src/config.js'
import { UserError } from '../src/errors.js'
import { roleItems } from '../src/granted.js'
import {
  activeGrantItems,
  durationProblem,
  endGrants,
  type Grant,
  grantEndedLine,
  grantExpiryTasks,
  mergeFileGrants,
  parseGrantItemsInput,
  revokedGrants,
} from '../src/grants.js'
import { plan } from '../src/plan.js'
import type { LifecycleEvent } from '../src/types.js'

const repo = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url))
const rolesText = readFileSync(repo('.github/access/roles.yaml'), 'utf8')
const guardrailsText = readFileSync(repo('.github/access/guardrails.yaml'), 'utf8')
const access = (grants?: string) => parseAccess({ roles: rolesText, guardrails: guardrailsText, grants })
const { roles, guardrails } = access()

const DAY = 86_400_000
const NOW = Date.parse('2026-12-01T10:00:00Z')
const ATHENA = 'arn:aws:iam::aws:policy/AmazonAthenaFullAccess'

const grantsYaml = (until = '2026-12-08', extra = '') => `version: 1
grants:
  - id: analytics-project
    employee_id: E1042
    items:
      github-teams: [analytics]
      slack-channels: ["#data"]
      aws-policies: [${ATHENA}]${extra}
    until: ${until}
    reason: quarterly analytics project
`

const problemsOf = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    if (e instanceof UserError) return e.problems.map((p) => `${p.field}: ${p.rule}`)
    throw e
  }
  return []
}

const event: LifecycleEvent = {
  type: 'onboard',
  eventId: 'hr-1',
  occurredAt: '2026-11-20T09:15:00Z',
  employeeId: 'E1042',
  role: 'backend-engineer',
  source: 'repository_dispatch',
  dryRun: false,
}

const grant = (over: Partial<Grant> = {}): Grant => ({
  id: 'g1',
  items: { github: ['team:analytics'], slack: ['channel:#data'], aws: [`policy:${ATHENA}`] },
  from: new Date(NOW).toISOString(),
  until: new Date(NOW + 7 * DAY).toISOString(),
  requested_by: 'octocat',
  ...over,
})

describe('grants.yaml', () => {
  it('parses entries into item keys, a date meaning 00:00 that day in dates.time-zone', () => {
    const [g] = access(grantsYaml()).grants!
    expect(g).toEqual({
      id: 'analytics-project',
      employeeId: 'E1042',
      items: { github: ['team:analytics'], slack: ['channel:#data'], aws: [`policy:${ATHENA}`] },
      until: '2026-12-08T00:00:00.000Z',
      reason: 'quarterly analytics project',
      index: 0,
    })
  })

  it('refuses an item off the allowlist, a date not on the calendar, a repeated id, naming field and rule', () => {
    const text = `${grantsYaml('2026-02-30', '\n      identity-groups: [admins]')}  - id: analytics-project
    employee_id: E1043
    items: { slack-channels: ["#data"] }
    until: 2026-12-08T18:00:00Z
    reason: again
`
    expect(problemsOf(() => access(text))).toEqual([
      'grants[0].items.identity-groups[0]: not in guardrails grants.allowed.identity-groups',
      'grants[0].until: not a real date or date-time',
      'grants[1].id: grant id listed twice',
    ])
  })

  it('refuses a malformed date, an unknown key and a missing reason through the schema', () => {
    const text =
      'version: 1\ngrants:\n  - { id: x, employee_id: E1, items: { github-teams: [analytics], sudo: [x] }, until: next week }\n'
    const problems = problemsOf(() => access(text)).join('\n')
    expect(problems).toMatch(/grants\[0\]: missing required key 'reason'/)
    expect(problems).toMatch(/grants\[0\]\.items\.sudo: unknown key/)
    expect(problems).toMatch(/grants\[0\]\.until: not a valid end time/)
  })

  it('refuses every grant when guardrails has no grants section', () => {
    const bare = guardrailsText.slice(0, guardrailsText.indexOf('grants:'))
    const g = parseAccess({ roles: rolesText, guardrails: bare }).guardrails
    expect(problemsOf(() => parseGrants(grantsYaml(), g))).toContain(
      'grants: guardrails.yaml has no grants section: no grant may be given',
    )
  })

  it('guardrails: a grantable AWS policy must be one onramp may attach at all', () => {
    const bad = guardrailsText.replace(ATHENA, 'arn:aws:iam::aws:policy/AdministratorAccess')
    expect(problemsOf(() => parseAccess({ roles: rolesText, guardrails: bad }))).toContain(
      'grants.allowed.aws-policies[0]: policy is not in guardrails aws.allowed-policies',
    )
  })
})

describe('a grant in the plan', () => {
  it('adds its items to desired while active: a team as plain member, channels, policies', () => {
    const p = plan(event, roles, guardrails, { grants: { list: [grant()], now: NOW } })
    expect(p.github!.teams).toContainEqual({ slug: 'analytics', role: 'member' })
    expect(p.github!.managedTeams).toContain('analytics')
    expect(p.slack!.channels).toEqual(['#backend', '#eng', '#data'])
    expect(p.aws!.policies).toContain(ATHENA)
    expect(p.identity!.groups).toEqual(['engineering', 'backend'])
  })

  it('drops them at its end, when it ended otherwise, and at an offboard', () => {
    for (const [g, now] of [
      [grant(), NOW + 7 * DAY],
      [grant({ ended: { at: new Date(NOW).toISOString(), why: 'withdrawn' } }), NOW],
    ] as const) {
      const p = plan(event, roles, guardrails, { grants: { list: [g], now } })
      expect(p.github!.teams.map((t) => t.slug)).toEqual(['engineering', 'backend'])
      expect(p.slack!.channels).toEqual(['#backend', '#eng'])
    }
    const off = plan({ ...event, type: 'offboard' }, roles, guardrails, { grants: { list: [grant()], now: NOW } })
    expect(off.github!.teams).toEqual([])
  })

  it('gives a slice, account ensured, in a system the role does not name', () => {
    const p = plan({ ...event, role: 'people-ops' }, roles, guardrails, { grants: { list: [grant()], now: NOW } })
    expect(p.github).toMatchObject({ account: 'ensure', teams: [{ slug: 'analytics', role: 'member' }] })
  })
})

describe('grant bookkeeping', () => {
  it('brings file entries in from now, withdraws one that left the file, keeps workflow grants', () => {
    const [f] = access(grantsYaml()).grants!
    const first = mergeFileGrants([], [f!], NOW, 'review')
    expect(first).toEqual([
      expect.objectContaining({ id: 'analytics-project', from: new Date(NOW).toISOString(), source: 'file' }),
    ])
    // The same inputs later: nothing new (a rerun writes nothing).
    expect(mergeFileGrants(first, [f!], NOW + DAY, 'review')).toEqual(first)
    const workflow = grant({ id: 'run-7', source: 'workflow' })
    const later = mergeFileGrants([...first, workflow], [], NOW + DAY, 'review')
    expect(later[0]!.ended).toEqual({ at: new Date(NOW + DAY).toISOString(), why: 'withdrawn' })
    expect(later[1]).toEqual(workflow)
  })

  it('checks the duration against grants.max-days from when it was first recorded', () => {
    expect(durationProblem(grant(), guardrails, 'f')).toBeUndefined()
    expect(durationProblem(grant({ until: new Date(NOW + 15 * DAY).toISOString() }), guardrails, 'f')).toEqual({
      field: 'f',
      rule: 'more than grants.max-days (14) after the grant starts',
    })
  })

  it('one expiry task per system (notify announces), revoked once every access step did its part', () => {
    const g = grant()
    const tasks = grantExpiryTasks([g])
    expect(tasks.map((t) => [t.step, t.why, t.grant_id])).toEqual([
      ['aws', 'grant-expiry', 'g1'],
      ['github', 'grant-expiry', 'g1'],
      ['notify', 'grant-expiry', 'g1'],
    ])
    const after = NOW + 7 * DAY
    expect(revokedGrants([g], tasks, after)).toEqual([])
    const done = tasks.map((t) => (t.step === 'notify' ? t : { ...t, done_at: new Date(after).toISOString() }))
    expect(revokedGrants([g], done, after - 1)).toEqual([])
    expect(revokedGrants([g], done, after)).toEqual([g])
    expect(grantExpiryTasks(endGrants([g], NOW, 'offboarded'))).toEqual([])
    expect(grantEndedLine('E1042', g)).toBe(`grant g1 for E1042 ended: team:analytics, policy:${ATHENA}, channel:#data`)
    expect(activeGrantItems([g], NOW).github).toEqual(['team:analytics'])
  })

  it('reads grant.yml items as kind:name, ARNs keeping their colons', () => {
    expect(parseGrantItemsInput(`github-team:analytics, aws-policy:${ATHENA}\nslack-channel:#data`)).toEqual({
      kinds: { 'github-teams': ['analytics'], 'aws-policies': [ATHENA], 'slack-channels': ['#data'] },
      problems: [],
    })
    expect(parseGrantItemsInput('root, github-team:').problems.map((p) => p.field)).toEqual([
      'inputs.items[0]',
      'inputs.items[1]',
    ])
  })
})

describe('the access plan with grants', () => {
  const record = (over: Record<string, unknown> = {}) => ({
    employee_id: 'E1042',
    status: 'active',
    role: 'backend-engineer',
    granted: roleItems(roles.roles['backend-engineer']),
    ...over,
  })

  it('a new grants.yaml entry: the person gains its items, listed as new with its end', () => {
    const head = access(grantsYaml())
    const p = planAccess({ base: access(), head, records: [record()], now: NOW })
    expect(p.people).toEqual([
      {
        employee_id: 'E1042',
        role: 'backend-engineer',
        systems: {
          github: { add: ['team:analytics'], remove: [] },
          aws: { add: [`policy:${ATHENA}`], remove: [] },
          slack: { add: ['channel:#data'], remove: [] },
        },
      },
    ])
    expect(p.grants.new).toEqual([
      {
        id: 'analytics-project',
        employee_id: 'E1042',
        items: ['team:analytics', `policy:${ATHENA}`, 'channel:#data'],
        until: '2026-12-08T00:00:00.000Z',
        source: 'file',
      },
    ])
    expect(p.grants.problems).toEqual([])
    const md = renderPlanMarkdown(p)
    expect(md).toContain('### Time-bound grants')
    expect(md).toMatch(
      /\| new \| `analytics-project` \| E1042 \| .*`team:analytics`.* \| 2026-12-08T00:00:00.000Z \| grants.yaml \|/,
    )
  })

  it('recorded and active: listed as active; removed from the file: withdrawn, its items removed', () => {
    const [f] = access(grantsYaml()).grants!
    const grants = mergeFileGrants([], [f!], NOW, 'review')
    const held = { ...roleItems(roles.roles['backend-engineer']) }
    held.github = [...held.github, 'team:analytics']
    const kept = planAccess({
      base: access(),
      head: access(grantsYaml()),
      records: [record({ grants })],
      now: NOW + DAY,
    })
    expect(kept.grants.active.map((l) => l.id)).toEqual(['analytics-project'])
    const gone = planAccess({
      base: access(),
      head: access(),
      records: [record({ grants, granted: held })],
      now: NOW + DAY,
    })
    expect(gone.grants.withdrawn.map((l) => l.id)).toEqual(['analytics-project'])
    expect(gone.people[0]!.systems.github).toEqual({ add: [], remove: ['team:analytics'] })
  })

  it('an unknown or offboarded person, or a grant longer than grants.max-days, is a problem naming the field', () => {
    const head = access(grantsYaml('2026-12-31'))
    expect(planAccess({ base: undefined, head, records: [], now: NOW }).grants.problems).toEqual([
      { field: 'grants[0].employee_id', rule: 'no ledger record for this employee' },
    ])
    expect(
      planAccess({ base: undefined, head, records: [record({ status: 'offboarded' })], now: NOW }).grants.problems,
    ).toEqual([{ field: 'grants[0].employee_id', rule: 'employee is offboarded' }])
    expect(planAccess({ base: undefined, head, records: [record()], now: NOW }).grants.problems).toEqual([
      { field: 'grants[0].until', rule: 'more than grants.max-days (14) after the grant starts' },
    ])
  })
})
