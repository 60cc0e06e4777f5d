import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadAccess, parseAccess } from '../src/config.js'
import { UserError } from '../src/errors.js'
import { roleItems } from '../src/granted.js'
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

const ENGINEER_POLICIES = [
  'arn:aws:iam::123456789012:policy/onramp/role-engineer',
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
]
const ANALYST_POLICY = 'arn:aws:iam::123456789012:policy/onramp/role-analyst'
const ATHENA = 'arn:aws:iam::aws:policy/AmazonAthenaFullAccess'
/** What onramp recorded granting a backend engineer. */
const ENGINEER_GRANTED = roleItems(roles.roles['backend-engineer'])

describe('plan', () => {
  it('onboard: desired state per system; a first onboard manages only what the role wants', () => {
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
        managedGroups: ['backend', 'engineering'],
      },
      github: {
        presence: 'active',
        account: 'ensure',
        org: 'acme',
        teams: [
          { slug: 'engineering', role: 'member' },
          { slug: 'backend', role: 'member' },
        ],
        managedTeams: ['backend', 'engineering'],
        protectedLogins: ['acme-admin', 'acme-breakglass', 'onramp-bot'],
        maxInvitationResends: 3,
        invitationCap: 50,
        invitationDeadlineDays: 14,
      },
      aws: {
        presence: 'active',
        account: 'ensure',
        userPath: '/onramp/',
        permissionsBoundary: 'arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary',
        tags: { 'managed-by': 'onramp', 'employee-id': 'E1042', role: 'backend-engineer' },
        groups: ['developers'],
        policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/onramp/role-engineer'],
        managedGroups: ['developers'],
        managedPolicies: ENGINEER_POLICIES,
        console: false,
      },
      slack: {
        channels: ['#backend', '#eng'],
        managedChannels: ['#backend', '#eng'],
        announceChannel: '#new-joiners',
        alertsChannel: '#onramp-alerts',
      },
      setup: { repos: ['acme/api', 'acme/dev-env'] },
    })
    // No personal data in the plan: it goes to job summaries.
    expect(JSON.stringify(p)).not.toMatch(/Jamie|jamie/)
  })

  it('role-change: a system the new role does not name keeps the account and loses every granted item', () => {
    const granted = ENGINEER_GRANTED
    const p = plan({ ...base, type: 'role-change', role: 'designer' }, roles, guardrails, { granted })
    expect(p.identity).toEqual({
      presence: 'active',
      account: 'ensure',
      groups: ['design'],
      managedGroups: ['backend', 'design', 'engineering'],
    })
    expect(p.github).toMatchObject({
      account: 'ensure',
      teams: [{ slug: 'design-system', role: 'maintainer' }],
      managedTeams: ['backend', 'design-system', 'engineering'],
    })
    // designer names no AWS: what was granted is managed, nothing is desired, the user is only kept.
    expect(p.aws).toEqual({
      presence: 'active',
      account: 'keep',
      userPath: '/onramp/',
      permissionsBoundary: 'arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary',
      tags: { 'managed-by': 'onramp', 'employee-id': 'E1042', role: 'designer' },
      groups: [],
      policies: [],
      managedGroups: ['developers'],
      managedPolicies: ENGINEER_POLICIES,
      console: false,
    })
    const analyst = plan({ ...base, type: 'role-change', role: 'data-analyst' }, roles, guardrails, { granted })
    expect(analyst.aws).toMatchObject({
      account: 'ensure',
      groups: ['analysts'],
      console: true,
      managedGroups: ['analysts', 'developers'],
      managedPolicies: [ANALYST_POLICY, ...ENGINEER_POLICIES, ATHENA].sort(),
      tags: { role: 'data-analyst' },
    })
    // people-ops names only identity and slack: GitHub and AWS get keep slices that take the old access away.
    const ops = plan({ ...base, type: 'role-change', role: 'people-ops' }, roles, guardrails, { granted })
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
    expect(ops.github).toMatchObject({
      presence: 'active',
      account: 'keep',
      teams: [],
      managedTeams: ['backend', 'engineering'],
    })
    expect(ops.aws).toMatchObject({ presence: 'active', account: 'keep', groups: [], policies: [] })
    expect(ops.aws?.managedPolicies).toEqual(ENGINEER_POLICIES)
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
    const p = plan({ ...base, type: 'role-change', role: 'b' }, access.roles, access.guardrails, { lastRole: 'a' })
    expect(p.identity).toEqual({ presence: 'active', account: 'keep', groups: [], managedGroups: ['g1'] })
    expect(p.slack?.channels).toEqual(['#b'])
  })

  it('offboard: every system in the role map is revoked with what was granted, even when the role is unknown', () => {
    for (const role of [undefined, 'retired-role', 'designer']) {
      const p = plan({ ...base, type: 'offboard', role }, roles, guardrails, { granted: ENGINEER_GRANTED })
      expect(p.identity).toEqual({ presence: 'revoked', groups: [], managedGroups: ['backend', 'engineering'] })
      expect(p.github).toMatchObject({ presence: 'revoked', teams: [], managedTeams: ['backend', 'engineering'] })
      expect(p.github?.account).toBeUndefined()
      expect(p.aws?.account).toBeUndefined()
      expect(p.aws).toMatchObject({ presence: 'revoked', groups: [], policies: [], console: false })
      expect(p.aws?.managedPolicies).toEqual(ENGINEER_POLICIES)
      expect(p.aws?.tags['managed-by']).toBe('onramp')
      expect(p.aws?.tags.role).toBe(role)
      expect(p.slack).toMatchObject({ channels: [], managedChannels: ['#backend', '#eng'] })
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
        'invitationDeadlineDays',
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

describe('plan: what onramp granted is what it may take away', () => {
  const withoutEngineerPolicy = () => {
    const text = readFileSync(repo('.github/access/roles.yaml'), 'utf8')
    const edited = text.replace('        - arn:aws:iam::123456789012:policy/onramp/role-engineer\n', '')
    expect(edited).not.toBe(text)
    return parseAccess({ roles: edited, guardrails: readFileSync(repo('.github/access/guardrails.yaml'), 'utf8') })
  }

  it('leaver: a policy dropped from every role is still taken away from whoever onramp granted it to', () => {
    const access = withoutEngineerPolicy()
    const p = plan({ ...base, type: 'offboard', role: undefined }, access.roles, access.guardrails, {
      granted: ENGINEER_GRANTED,
      lastRole: 'backend-engineer',
    })
    expect(p.aws?.managedPolicies).toEqual(ENGINEER_POLICIES)
    expect(p.aws?.policies).toEqual([])
  })

  it('mover: granted − desired goes, whether or not a role still names it; the new role is added', () => {
    const access = withoutEngineerPolicy()
    const p = plan({ ...base, type: 'role-change', role: 'data-analyst' }, access.roles, access.guardrails, {
      granted: ENGINEER_GRANTED,
      lastRole: 'backend-engineer',
    })
    expect(p.aws?.policies).toEqual([ANALYST_POLICY, ATHENA])
    expect(p.aws?.managedPolicies).toEqual([ANALYST_POLICY, ...ENGINEER_POLICIES, ATHENA].sort())
    expect(p.github?.managedTeams).toEqual(['analytics', 'backend', 'engineering'])
    expect(p.identity?.managedGroups).toEqual(['analytics', 'backend', 'engineering'])
  })

  it('a policy attached by hand, even one another role names, is outside the managed set: reported, kept', () => {
    // The engineer holds Athena (the analyst role's) by hand: onramp never granted it, so never removes it.
    for (const type of ['role-change', 'offboard'] as const) {
      const p = plan({ ...base, type }, roles, guardrails, { granted: ENGINEER_GRANTED, lastRole: 'backend-engineer' })
      expect(p.aws?.managedPolicies).not.toContain(ATHENA)
      expect(p.github?.managedTeams).not.toContain('analytics')
    }
  })

  it('a record without granted reads as what the map gives its role, never as "revoke everything"', () => {
    const legacy = plan({ ...base, type: 'offboard', role: undefined }, roles, guardrails, {
      lastRole: 'backend-engineer',
    })
    expect(legacy.aws?.managedPolicies).toEqual(ENGINEER_POLICIES)
    expect(legacy.identity?.managedGroups).toEqual(['backend', 'engineering'])
    // One system recorded, the others read from the role.
    const partial = plan({ ...base, type: 'offboard', role: undefined }, roles, guardrails, {
      lastRole: 'backend-engineer',
      granted: { aws: ['policy:arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    })
    expect(partial.aws?.managedPolicies).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess'])
    expect(partial.aws?.managedGroups).toEqual([])
    expect(partial.github?.managedTeams).toEqual(['backend', 'engineering'])
    // No record role and nothing recorded: nothing is managed beyond what is desired (none, for a leaver).
    const unknown = plan({ ...base, type: 'offboard', role: undefined }, roles, guardrails)
    expect(unknown.aws?.managedPolicies).toEqual([])
  })

  it('a system no role names any more keeps its slice while onramp granted something there', () => {
    const access = parseAccess({
      roles: 'version: 1\nroles:\n  r:\n    description: x\n    identity: { groups: [a] }\n',
      guardrails: readFileSync(repo('.github/access/guardrails.yaml'), 'utf8'),
    })
    const p = plan({ ...base, type: 'role-change', role: 'r' }, access.roles, access.guardrails, {
      granted: ENGINEER_GRANTED,
    })
    expect(p.aws).toMatchObject({ account: 'keep', policies: [], managedPolicies: ENGINEER_POLICIES })
    expect(p.slack).toMatchObject({ channels: [], managedChannels: ['#backend', '#eng'] })
    const off = plan({ ...base, type: 'offboard', role: undefined }, access.roles, access.guardrails, {
      granted: ENGINEER_GRANTED,
    })
    expect(off.aws).toMatchObject({ presence: 'revoked', managedPolicies: ENGINEER_POLICIES })
  })
})
