import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadAccess, parseAccess } from '../src/config.js'
import { UserError } from '../src/errors.js'
import { plan } from '../src/plan.js'
import type { LifecycleEvent } from '../src/types.js'

const repo = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url))
const { roles, guardrails } = loadAccess({
  rolesFile: repo('.github/access/roles.yaml'),
  guardrailsFile: repo('.github/access/guardrails.yaml'),
})

const base: LifecycleEvent = {
  type: 'onboard',
  eventId: 'hr-1',
  occurredAt: '2026-11-20T09:15:00Z',
  employeeId: 'E1042',
  role: 'backend-engineer',
  name: 'Jamie Doe',
  email: 'jamie.doe@acme.com',
  source: 'repository_dispatch',
  dryRun: false,
}

const ALL_GROUPS = ['analytics', 'backend', 'design', 'engineering', 'hr-tools', 'people']
const ALL_TEAMS = ['analytics', 'backend', 'design-system', 'engineering']
const ALL_POLICIES = [
  'arn:aws:iam::123456789012:policy/onramp/role-analyst',
  'arn:aws:iam::123456789012:policy/onramp/role-engineer',
  'arn:aws:iam::aws:policy/AmazonAthenaFullAccess',
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
]

describe('plan', () => {
  it('onboard: desired state per system, managed sets over all roles', () => {
    const p = plan(base, roles, guardrails)
    expect(p).toEqual({
      employeeId: 'E1042',
      eventType: 'onboard',
      eventId: 'hr-1',
      role: 'backend-engineer',
      identity: {
        presence: 'active',
        account: 'ensure',
        groups: ['engineering', 'backend'],
        managedGroups: ALL_GROUPS,
      },
      github: {
        presence: 'active',
        account: 'ensure',
        org: 'acme',
        teams: [
          { slug: 'engineering', role: 'member' },
          { slug: 'backend', role: 'member' },
        ],
        managedTeams: ALL_TEAMS,
        protectedLogins: ['acme-admin', 'acme-breakglass', 'onramp-bot'],
        maxInvitationResends: 3,
        invitationCap: 50,
      },
      aws: {
        presence: 'active',
        account: 'ensure',
        userPath: '/onramp/',
        permissionsBoundary: 'arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary',
        tags: { 'managed-by': 'onramp', 'employee-id': 'E1042', role: 'backend-engineer' },
        groups: ['developers'],
        policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/onramp/role-engineer'],
        managedGroups: ['analysts', 'developers'],
        managedPolicies: ALL_POLICIES,
        console: false,
      },
      slack: { channels: ['#backend', '#eng'], announceChannel: '#new-joiners', alertsChannel: '#onramp-alerts' },
      setup: { repos: ['acme/api', 'acme/dev-env'] },
    })
    // No personal data in the plan: it goes to job summaries.
    expect(JSON.stringify(p)).not.toMatch(/Jamie|jamie/)
  })

  it('role-change: a system the new role does not name keeps the account and loses every managed item', () => {
    const p = plan({ ...base, type: 'role-change', role: 'designer' }, roles, guardrails)
    expect(p.identity).toEqual({ presence: 'active', account: 'ensure', groups: ['design'], managedGroups: ALL_GROUPS })
    expect(p.github).toMatchObject({
      account: 'ensure',
      teams: [{ slug: 'design-system', role: 'maintainer' }],
      managedTeams: ALL_TEAMS,
    })
    // designer names no AWS: the managed sets stay, nothing is desired, the user is only kept.
    expect(p.aws).toEqual({
      presence: 'active',
      account: 'keep',
      userPath: '/onramp/',
      permissionsBoundary: 'arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary',
      tags: { 'managed-by': 'onramp', 'employee-id': 'E1042', role: 'designer' },
      groups: [],
      policies: [],
      managedGroups: ['analysts', 'developers'],
      managedPolicies: ALL_POLICIES,
      console: false,
    })
    const analyst = plan({ ...base, type: 'role-change', role: 'data-analyst' }, roles, guardrails)
    expect(analyst.aws).toMatchObject({
      account: 'ensure',
      groups: ['analysts'],
      console: true,
      managedPolicies: ALL_POLICIES,
      tags: { role: 'data-analyst' },
    })
    // people-ops names only identity and slack: GitHub and AWS get keep slices that take the old access away.
    const ops = plan({ ...base, type: 'role-change', role: 'people-ops' }, roles, guardrails)
    expect(Object.keys(ops).sort()).toEqual([
      'aws',
      'employeeId',
      'eventId',
      'eventType',
      'github',
      'identity',
      'role',
      'slack',
    ])
    expect(ops.identity).toMatchObject({ account: 'ensure', groups: ['people', 'hr-tools'] })
    expect(ops.github).toMatchObject({ presence: 'active', account: 'keep', teams: [], managedTeams: ALL_TEAMS })
    expect(ops.aws).toMatchObject({ presence: 'active', account: 'keep', groups: [], policies: [] })
    expect(ops.aws?.managedPolicies).toEqual(ALL_POLICIES)
    expect(ops.aws?.tags.role).toBe('people-ops')
    expect(ops.setup).toBeUndefined()
  })

  it('onboard: a system the role does not name is not touched', () => {
    const ops = plan({ ...base, role: 'people-ops' }, roles, guardrails)
    expect(Object.keys(ops).sort()).toEqual(['employeeId', 'eventId', 'eventType', 'identity', 'role', 'slack'])
    const designer = plan({ ...base, role: 'designer' }, roles, guardrails)
    expect(designer.aws).toBeUndefined()
  })

  it('role-change: identity too is kept, not ensured, when the new role names none', () => {
    const access = parseAccess({
      roles:
        'version: 1\nroles:\n  a:\n    description: x\n    identity: { groups: [g1] }\n  b:\n    description: y\n    slack: { channels: ["#b"] }\n',
      guardrails: 'version: 1\nemail-domains: [acme.com]\nslack: { announce-channel: "#n", alerts-channel: "#a" }\n',
    })
    const p = plan({ ...base, type: 'role-change', role: 'b' }, access.roles, access.guardrails)
    expect(p.identity).toEqual({ presence: 'active', account: 'keep', groups: [], managedGroups: ['g1'] })
    expect(p.slack?.channels).toEqual(['#b'])
  })

  it('offboard: every system in the role map is revoked, even when the role is unknown', () => {
    for (const role of [undefined, 'retired-role', 'designer']) {
      const p = plan({ ...base, type: 'offboard', role }, roles, guardrails)
      expect(p.identity).toEqual({ presence: 'revoked', groups: [], managedGroups: ALL_GROUPS })
      expect(p.github).toMatchObject({ presence: 'revoked', teams: [], managedTeams: ALL_TEAMS })
      expect(p.github?.account).toBeUndefined()
      expect(p.aws?.account).toBeUndefined()
      expect(p.aws).toMatchObject({ presence: 'revoked', groups: [], policies: [], console: false })
      expect(p.aws?.managedPolicies).toEqual(ALL_POLICIES)
      expect(p.aws?.tags['managed-by']).toBe('onramp')
      expect(p.aws?.tags.role).toBe(role)
      expect(p.slack?.channels).toEqual([])
      expect(p.setup).toBeUndefined()
    }
  })

  it('offboard tags the role the ledger recorded when the event names none', () => {
    const p = plan({ ...base, type: 'offboard', role: undefined }, roles, guardrails, { lastRole: 'data-analyst' })
    expect(p.aws?.tags).toEqual({ 'managed-by': 'onramp', 'employee-id': 'E1042', role: 'data-analyst' })
  })

  it('never grants org admin: no slice carries an org role', () => {
    for (const role of Object.keys(roles.roles)) {
      const github = plan({ ...base, role }, roles, guardrails).github
      if (!github) continue
      expect(Object.keys(github).sort()).toEqual([
        'account',
        'invitationCap',
        'managedTeams',
        'maxInvitationResends',
        'org',
        'presence',
        'protectedLogins',
        'teams',
      ])
      for (const t of github.teams) expect(['member', 'maintainer']).toContain(t.role)
    }
  })

  it('refuses a role that is not an own key of the map', () => {
    for (const role of ['__proto__', 'constructor', 'Admin', undefined])
      expect(() => plan({ ...base, role }, roles, guardrails)).toThrow(UserError)
  })

  it('is pure: same inputs, same plan, inputs untouched', () => {
    const before = JSON.stringify({ roles: Object.entries(roles.roles), guardrails })
    expect(plan(base, roles, guardrails)).toEqual(plan(base, roles, guardrails))
    const p = plan(base, roles, guardrails)
    p.identity?.groups.push('mutated')
    expect(JSON.stringify({ roles: Object.entries(roles.roles), guardrails })).toBe(before)
  })

  it('only touches systems some role names', () => {
    const access = parseAccess({
      roles: 'version: 1\nroles:\n  r:\n    description: x\n    identity: { groups: [a] }\n',
      guardrails: 'version: 1\nemail-domains: [acme.com]\n',
    })
    const off = plan({ ...base, type: 'offboard', role: undefined }, access.roles, access.guardrails)
    expect(Object.keys(off).sort()).toEqual(['employeeId', 'eventId', 'eventType', 'identity'])
  })
})
