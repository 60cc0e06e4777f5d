import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type PlanRecord, planAccess } from '../src/access-plan.js'
import { renderPlanMarkdown } from '../src/access-plan-markdown.js'
import { type Access, parseAccess } from '../src/config.js'
import { roleItems } from '../src/granted.js'

const repo = (p: string) => new URL(`../../../${p}`, import.meta.url).pathname
const ROLES = readFileSync(repo('.github/access/roles.yaml'), 'utf8')
const GUARDRAILS = readFileSync(repo('.github/access/guardrails.yaml'), 'utf8')
const head0 = parseAccess({ roles: ROLES, guardrails: GUARDRAILS })

const ENGINEER_POLICY = 'arn:aws:iam::123456789012:policy/onramp/role-engineer'

/** The repository's map with edits (the YAML text, as a pull request would change it). */
function edited(edit: (roles: string) => string, guardrails = GUARDRAILS): Access {
  const roles = edit(ROLES)
  expect(roles).not.toBe(ROLES)
  return parseAccess({ roles, guardrails })
}

/** A record whose granted equals what `access` gives its role. */
function person(id: string, role: string, access: Access = head0, extra: Partial<PlanRecord> = {}): PlanRecord {
  return { employee_id: id, status: 'active', role, granted: roleItems(access.roles.roles[role]), ...extra }
}

// backend-engineer gains the team `platform`; data-analyst loses the Athena policy.
const addTeamDropPolicy = () =>
  edited((r) =>
    r
      .replace(
        '        - { slug: backend, role: member }',
        '        - { slug: backend, role: member }\n        - platform',
      )
      .replace('        - arn:aws:iam::aws:policy/AmazonAthenaFullAccess\n', ''),
  )

describe('planAccess', () => {
  it('per role and per person: the team gained, the policy lost, ids only, sorted', () => {
    const head = addTeamDropPolicy()
    const plan = planAccess({
      base: head0,
      head,
      records: [
        person('E2', 'data-analyst'),
        person('E1', 'backend-engineer'),
        person('E3', 'designer'),
        { ...person('E4', 'backend-engineer'), status: 'offboarded' },
      ],
    })
    expect(plan.roles['backend-engineer']).toEqual({ github: { add: ['team:platform'], remove: [] } })
    expect(plan.roles['data-analyst']).toEqual({
      aws: { add: [], remove: ['policy:arn:aws:iam::aws:policy/AmazonAthenaFullAccess'] },
    })
    expect(plan.roles.designer).toEqual({})
    expect(plan.people).toEqual([
      { employee_id: 'E1', role: 'backend-engineer', systems: { github: { add: ['team:platform'], remove: [] } } },
      {
        employee_id: 'E2',
        role: 'data-analyst',
        systems: { aws: { add: [], remove: ['policy:arn:aws:iam::aws:policy/AmazonAthenaFullAccess'] } },
      },
    ])
    expect(plan.counts).toEqual({
      managed: 3,
      affected: 2,
      add: 1,
      remove: 1,
      by_system: { github: { add: 1, remove: 0, people: 1 }, aws: { add: 0, remove: 1, people: 1 } },
    })
    expect(plan.guard).toMatchObject({ ok: false, removals: 1, share: 1 / 3, limits: { removals: 100, share: 0.25 } })
    expect(plan.guard.reason).toMatch(/^33.3% of the managed people lose access/)
  })

  it('a leaver whose offboard waits for the last day is still managed: not counted as revoked already', () => {
    // The offboard is held, not applied (every access step `scheduled`): the record stays active with its grants.
    const leaving = {
      ...person('E5', 'data-analyst'),
      unapplied_event: {
        event_id: 'hr-leave',
        type: 'offboard',
        occurred_at: '2026-11-30T09:00:00Z',
        last_day: '2026-12-18',
      },
    } as PlanRecord
    const plan = planAccess({
      base: head0,
      head: addTeamDropPolicy(),
      records: [person('E1', 'backend-engineer'), leaving],
    })
    expect(plan.counts.managed).toBe(2)
    expect(plan.people.map((p) => p.employee_id)).toEqual(['E1', 'E5'])
    expect(plan.guard).toMatchObject({ removals: 1, share: 0.5 })
  })

  it('removes what onramp granted and no role names any more; keeps what it never granted', () => {
    // The engineer policy leaves every role (and the allowlist may keep it): people it was granted to lose it.
    const head = edited((r) => r.replace(`        - ${ENGINEER_POLICY}\n`, ''))
    const granted = roleItems(head0.roles.roles['backend-engineer'])
    const plan = planAccess({
      base: head0,
      head,
      records: [
        person('E1', 'backend-engineer'),
        // Granted before the policy was in the role: never granted it, so nothing to take away.
        {
          ...person('E2', 'backend-engineer'),
          granted: { ...granted, aws: ['group:developers', 'policy:arn:aws:iam::aws:policy/ReadOnlyAccess'] },
        },
      ],
    })
    expect(plan.people).toEqual([
      {
        employee_id: 'E1',
        role: 'backend-engineer',
        systems: { aws: { add: [], remove: [`policy:${ENGINEER_POLICY}`] } },
      },
    ])
  })

  it('a record without granted reads as what the base map gives its role, never as "revoke everything"', () => {
    const head = addTeamDropPolicy()
    const steps = { identity: {}, github: {}, aws: {}, notify: {} }
    const legacy: PlanRecord = {
      employee_id: 'E9',
      status: 'active',
      role: 'data-analyst',
      steps,
      // Slack's record of its own: the channels notify recorded inviting the person to.
      ids: { slack: { channels: ['#data', '#analytics-help'] } },
    }
    const plan = planAccess({ base: head0, head, records: [legacy] })
    expect(plan.people).toEqual([
      {
        employee_id: 'E9',
        role: 'data-analyst',
        systems: { aws: { add: [], remove: ['policy:arn:aws:iam::aws:policy/AmazonAthenaFullAccess'] } },
      },
    ])
    // Unchanged map: nothing at all.
    expect(planAccess({ base: head0, head: head0, records: [legacy] }).people).toEqual([])
    // A step that never recorded a result for the person granted nothing there; Slack without notify's record
    // of channels is the same (onramp removes only channels it recorded inviting to).
    const partial = planAccess({
      base: head0,
      head: head0,
      records: [{ ...legacy, steps: { identity: {}, aws: {} }, ids: {} }],
    })
    // A record-like object without steps (only employee_id, status, role): every system reads as its role.
    const bare = planAccess({
      base: head0,
      head: head0,
      records: [{ employee_id: 'E9', status: 'active', role: 'designer' }],
    })
    expect(bare.people).toEqual([])
    expect(partial.people[0]?.systems).toEqual({
      github: { add: ['team:analytics'], remove: [] },
      slack: { add: ['channel:#analytics-help', 'channel:#data'], remove: [] },
    })
  })

  it('a role dropped from the map: the plan shows its people losing all it gave them (the guard weighs it)', () => {
    const head = edited((r) => r.replace(/ {2}people-ops:[\s\S]*$/, ''))
    const plan = planAccess({ base: head0, head, records: [person('E5', 'people-ops')] })
    expect(plan.roles['people-ops']).toEqual({
      identity: { add: [], remove: ['group:hr-tools', 'group:people'] },
      slack: { add: [], remove: ['channel:#people-ops'] },
    })
    expect(plan.people[0]?.systems.identity?.remove).toEqual(['group:hr-tools', 'group:people'])
  })

  it('never counts a protected account as touchable', () => {
    const head = edited((r) => r.replace('      teams: [analytics]', '      teams: [analytics, platform]'))
    const plan = planAccess({
      base: head0,
      head,
      records: [
        person('E1', 'data-analyst', head0, { ids: { github: { login: 'ACME-Admin' } } }),
        person('E2', 'data-analyst', head0, { ids: { github: { login: 'jdoe' } } }),
      ],
    })
    expect(plan.people.map((p) => p.employee_id)).toEqual(['E2'])
  })

  it('no base map (the first commit): every role item is an addition', () => {
    const plan = planAccess({ base: undefined, head: head0, records: [] })
    expect(plan.roles.designer).toEqual({
      identity: { add: ['group:design'], remove: [] },
      github: { add: ['team:design-system'], remove: [] },
      slack: { add: ['channel:#design', 'channel:#product'], remove: [] },
    })
    expect(plan.guard.ok).toBe(true)
    expect(plan.counts.managed).toBe(0)
  })

  it('passes on what could not be read', () => {
    const plan = planAccess({ base: head0, head: head0, records: [], unreadable: ['ledger: no state token'] })
    expect(plan.unreadable).toEqual(['ledger: no state token'])
  })
})

describe('the mass-change guard', () => {
  const head = addTeamDropPolicy()
  const analysts = (n: number) => Array.from({ length: n }, (_, i) => person(`A${i + 10}`, 'data-analyst'))
  const designers = (n: number) => Array.from({ length: n }, (_, i) => person(`D${i + 10}`, 'designer'))

  it('share: at the limit passes, above it fails and says what to do', () => {
    expect(planAccess({ base: head0, head, records: [...analysts(1), ...designers(3)] }).guard).toEqual({
      ok: true,
      removals: 1,
      share: 0.25,
      limits: { removals: 100, share: 0.25 },
    })
    const over = planAccess({ base: head0, head, records: [...analysts(2), ...designers(3)] }).guard
    expect(over.ok).toBe(false)
    expect(over.reason).toMatch(/40% of the managed people lose access, more than guard.max-share \(25%\)/)
    expect(over.reason).toMatch(/reviewed change to guardrails.yaml|one-off allowance of 2 removals/)
  })

  it('counts removals over every system, against guard.max-removals', () => {
    const strict = edited(
      (r) => r.replace('        - arn:aws:iam::aws:policy/AmazonAthenaFullAccess\n', '').replace('[analytics]', '[]'),
      GUARDRAILS.replace('max-removals: 100', 'max-removals: 3').replace('max-share: 25', 'max-share: 100'),
    )
    const fine = planAccess({ base: head0, head: strict, records: analysts(1) }).guard
    expect(fine).toMatchObject({ ok: true, removals: 2, limits: { removals: 3, share: 1 } })
    const over = planAccess({ base: head0, head: strict, records: analysts(2) }).guard
    expect(over).toMatchObject({ ok: false, removals: 4 })
    expect(over.reason).toMatch(/^4 removals, more than guard.max-removals \(3\)/)
  })

  it('a one-off allowance passes a plan with at most that many removals, no more', () => {
    const records = [...analysts(2), ...designers(1)]
    expect(planAccess({ base: head0, head, records, allowance: 2 }).guard.ok).toBe(true)
    expect(planAccess({ base: head0, head, records, allowance: 1 }).guard.ok).toBe(false)
  })

  it('additions alone never trip it', () => {
    const gain = edited((r) => r.replace('      teams: [analytics]', '      teams: [analytics, platform]'))
    expect(planAccess({ base: head0, head: gain, records: analysts(5) }).guard.ok).toBe(true)
  })
})

describe('planAccess, property', () => {
  it('base = head and granted = desired: nobody changes, the guard passes', () => {
    const roleNames = Object.keys(head0.roles.roles)
    const record = fc.record({
      employee_id: fc.stringMatching(/^E[0-9]{1,6}$/),
      status: fc.constantFrom('active', 'offboarded', 'new'),
      role: fc.option(fc.constantFrom(...roleNames, 'no-such-role'), { nil: undefined }),
      legacy: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (people) => {
        // A legacy record (steps recorded, no granted) reads as its role: the same as granted = desired.
        const records: PlanRecord[] = people.map(({ legacy, ...r }) => {
          const desired = roleItems(r.role ? head0.roles.roles[r.role] : undefined)
          if (!legacy) return { ...r, granted: desired }
          const channels = desired.slack.map((c) => c.slice('channel:'.length))
          return { ...r, steps: { identity: {}, github: {}, aws: {}, notify: {} }, ids: { slack: { channels } } }
        })
        const plan = planAccess({ base: head0, head: head0, records })
        expect(plan.people).toEqual([])
        expect(plan.counts).toMatchObject({ affected: 0, add: 0, remove: 0 })
        expect(plan.guard.ok).toBe(true)
        expect(Object.values(plan.roles).every((r) => Object.keys(r).length === 0)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})

describe('renderPlanMarkdown', () => {
  it('the guard, the roles, one table per system by employee id, the counts', () => {
    const plan = planAccess({
      base: head0,
      head: addTeamDropPolicy(),
      records: [person('E1', 'backend-engineer'), person('E2', 'data-analyst')],
    })
    const md = renderPlanMarkdown(plan)
    expect(md).toContain(
      '⛔ **Guard: over the limit, nothing would change.** 1 removals (limit 100); 50% of managed people lose access (limit 25%).',
    )
    expect(md).toContain('| backend-engineer | GitHub | `team:platform` | – |')
    expect(md).toContain('| data-analyst | AWS | – | `policy:arn:aws:iam::aws:policy/AmazonAthenaFullAccess` |')
    expect(md).toContain('### GitHub\n\n1 person: 1 added, 0 removed.\n\n| Item | Gained by | Lost by |')
    expect(md).toContain('| `team:platform` | E1 | – |')
    expect(md).toContain('| `policy:arn:aws:iam::aws:policy/AmazonAthenaFullAccess` | – | E2 |')
    expect(md).toContain('<details><summary>Per person</summary>\n\n| Employee | Role | Gains | Loses |')
    expect(md).toContain('| E1 | backend-engineer | `team:platform` | – |')
    expect(md).toContain('| GitHub | 1 | 1 | 0 |')
    expect(md).not.toContain('### Slack')
  })

  it('cuts long tables and escapes what Markdown would read', () => {
    const head = addTeamDropPolicy()
    const records = Array.from({ length: 7 }, (_, i) => person(`E${i}|x`, 'backend-engineer'))
    const md = renderPlanMarkdown(planAccess({ base: head0, head, records }), { maxRows: 5 })
    expect(md).toContain('| E0\\|x |')
    expect(md).toContain('…and 2 more people (see the plan JSON).')
    expect(md.match(/^\| E\d\\\|x \|/gm)).toHaveLength(5)
    expect(md).toContain('| `team:platform` | E0\\|x, E1\\|x, E2\\|x, E3\\|x, E4\\|x and 2 more | – |')
  })
})
