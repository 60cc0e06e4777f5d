// guardrails `aws.mode: identity-center`: the loader, the cross-check against the allowlists and the plan's
// Identity Center slice. A role naming anything outside the allowlists, or the other mode's items, is refused
// with the field and the rule, never the value.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseAccess, parseGuardrails } from '../src/config.js'
import { UserError } from '../src/errors.js'
import { plan } from '../src/plan.js'

const repo = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url))
const IC_ROLES = readFileSync(repo('test/fixtures/access-identity-center/roles.yaml'), 'utf8')
const IC_GUARDRAILS = readFileSync(repo('test/fixtures/access-identity-center/guardrails.yaml'), 'utf8')
const IAM_ROLES = readFileSync(repo('.github/access/roles.yaml'), 'utf8')
const IAM_GUARDRAILS = readFileSync(repo('.github/access/guardrails.yaml'), 'utf8')
const PS = (id: string) => `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${id}`
const READ_ONLY = PS('0123456789abcdef')
const POWER_USER = PS('1111111111111111')
const ANALYST = PS('2222222222222222')

function problems(fn: () => unknown) {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return (e as UserError).problems
  }
  throw new Error('expected a UserError')
}

const access = (roles = IC_ROLES, guardrails = IC_GUARDRAILS) => parseAccess({ roles, guardrails })
const event = (type: 'onboard' | 'role-change' | 'offboard', role?: string) => ({
  type,
  eventId: 'ev-1',
  employeeId: 'E1042',
  role,
})

describe('guardrails aws.mode identity-center', () => {
  it('loads the instance, the allowlists and the defaults; no IAM-user section', () => {
    const { guardrails, roles } = access()
    expect(guardrails.aws).toBeUndefined()
    expect(guardrails.identityCenter).toEqual({
      instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
      identityStoreId: 'd-1234567890',
      region: 'us-east-1',
      startUrl: 'https://acme.awsapps.com/start',
      users: 'idp',
      onOffboard: 'keep',
      accounts: ['123456789012', '210987654321'],
      permissionSets: [READ_ONLY, POWER_USER, ANALYST],
      groups: ['aws-engineering', 'aws-analytics'],
    })
    expect(roles.roles['data-analyst']?.aws?.identityCenter).toEqual({
      assignments: [
        { account: '123456789012', permissionSet: ANALYST },
        { account: '123456789012', permissionSet: READ_ONLY },
      ],
      groups: ['aws-analytics'],
    })
  })

  it('users and on-offboard default to idp and keep', () => {
    const text = IC_GUARDRAILS.replace(/^ {4}users: .*\n/m, '').replace(/^ {4}on-offboard: .*\n/m, '')
    expect(parseGuardrails(text).identityCenter).toMatchObject({ users: 'idp', onOffboard: 'keep' })
  })

  it('mode absent is IAM users: the existing guardrails load as before', () => {
    const { guardrails } = access(IAM_ROLES, IAM_GUARDRAILS)
    expect(guardrails.identityCenter).toBeUndefined()
    expect(guardrails.aws?.userPath).toBe('/onramp/')
  })

  it('each mode requires its own keys and refuses the other mode’s', () => {
    const noSection = IC_GUARDRAILS.replace(/ {2}identity-center:\n(?: {4}.*\n)+/, '')
    expect(problems(() => parseGuardrails(noSection))).toEqual([
      expect.objectContaining({
        field: 'aws',
        rule: "missing required key 'identity-center' (aws.mode identity-center)",
      }),
    ])
    const withPath = IC_GUARDRAILS.replace(
      '  mode: identity-center\n',
      '  mode: identity-center\n  user-path: /onramp/\n',
    )
    expect(problems(() => parseGuardrails(withPath))).toEqual([
      expect.objectContaining({ field: 'aws.user-path', rule: 'only with aws.mode iam-users', line: 10 }),
    ])
    const iamWithoutPath = IAM_GUARDRAILS.replace(/^ {2}user-path: .*\n/m, '')
    expect(problems(() => parseGuardrails(iamWithoutPath))).toEqual([
      expect.objectContaining({
        field: 'aws',
        rule: "missing required key 'user-path' (aws.mode iam-users, the default)",
      }),
    ])
    const icBlock = /^ {2}identity-center:\n(?: {4}.*\n)+/m.exec(IC_GUARDRAILS)![0]
    const iamWithIc = IAM_GUARDRAILS.replace('aws:\n', `aws:\n${icBlock}`)
    expect(problems(() => parseGuardrails(iamWithIc))).toContainEqual(
      expect.objectContaining({ field: 'aws.identity-center', rule: 'only with aws.mode identity-center' }),
    )
  })

  it('refuses a bad instance ARN, a permission set of another instance, an unknown mode', () => {
    const badArn = IC_GUARDRAILS.replace('instance/ssoins-1234567890abcdef', 'instance/nope')
    expect(problems(() => parseGuardrails(badArn))).toEqual([
      expect.objectContaining({
        field: 'aws.identity-center.instance-arn',
        rule: expect.stringMatching(/^not a valid Identity Center instance ARN: /),
      }),
    ])
    const otherInstance = IC_GUARDRAILS.replace(
      'ssoins-1234567890abcdef/ps-1111111111111111',
      'ssoins-aaaaaaaaaaaaaaaa/ps-1111111111111111',
    )
    expect(problems(() => parseGuardrails(otherInstance))).toEqual([
      expect.objectContaining({
        field: 'aws.identity-center.permission-sets[1]',
        rule: 'permission set of another instance than aws.identity-center.instance-arn',
      }),
    ])
    const mode = IC_GUARDRAILS.replace('mode: identity-center', 'mode: sso')
    expect(problems(() => parseGuardrails(mode))[0]).toMatchObject({
      field: 'aws.mode',
      rule: 'must be one of "identity-center", "iam-users"',
    })
  })
})

describe('roles in identity-center mode are checked against the allowlists at validate', () => {
  it('a permission set outside the allowlist: field and rule, at its line, never the value', () => {
    const outside = PS('9999999999999999')
    const roles = IC_ROLES.replace(`permission-set: ${POWER_USER}`, `permission-set: ${outside}`)
    const found = problems(() => access(roles))
    expect(found).toEqual([
      {
        file: 'roles.yaml',
        line: 16,
        column: expect.any(Number),
        field: 'roles.backend-engineer.aws.identity-center.assignments[0].permission-set',
        rule: 'permission set is not in guardrails aws.identity-center.permission-sets',
      },
    ])
    expect(JSON.stringify(found)).not.toContain('9999999999999999')
  })

  it('an account or a group outside the allowlists', () => {
    const roles = IC_ROLES.replace('account: "210987654321"', 'account: "555555555555"').replace(
      'groups: [aws-analytics]',
      'groups: [aws-admins]',
    )
    expect(problems(() => access(roles)).map((p) => [p.field, p.rule])).toEqual([
      [
        'roles.backend-engineer.aws.identity-center.assignments[0].account',
        'account is not in guardrails aws.identity-center.accounts',
      ],
      ['roles.data-analyst.aws.identity-center.groups[0]', 'group is not in guardrails aws.identity-center.groups'],
    ])
  })

  it('IAM-user items (groups, policies, console) are refused in identity-center mode', () => {
    // data-analyst's aws section gains IAM-user keys next to its identity-center block.
    const roles = IC_ROLES.replace(
      /( {2}data-analyst:\n(?: {4}.*\n)*? {4}aws:\n)/,
      '$1      console: true\n      groups: [analysts]\n',
    )
    expect(roles).not.toBe(IC_ROLES)
    expect(problems(() => access(roles)).map((p) => [p.field, p.rule])).toEqual([
      ['roles.data-analyst.aws.groups', 'IAM-user access: not used with guardrails aws.mode identity-center'],
      ['roles.data-analyst.aws.console', 'IAM-user access: not used with guardrails aws.mode identity-center'],
    ])
  })

  it('identity-center items are refused in iam-users mode', () => {
    const roles = IAM_ROLES.replace(
      '      console: true\n',
      `      console: true\n      identity-center: { groups: [aws-analytics] }\n`,
    )
    expect(problems(() => access(roles, IAM_GUARDRAILS))).toEqual([
      expect.objectContaining({
        field: 'roles.data-analyst.aws.identity-center',
        rule: 'needs guardrails aws.mode identity-center',
      }),
    ])
  })
})

describe('the plan’s Identity Center slice', () => {
  const { roles, guardrails } = access()

  it('onboard: the role’s assignments and groups; managed = desired for a person onramp granted nothing; no IAM slice', () => {
    const p = plan(event('onboard', 'backend-engineer'), roles, guardrails)
    expect(p.aws).toBeUndefined()
    expect(p.identityCenter).toEqual({
      presence: 'active',
      account: 'ensure',
      instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
      identityStoreId: 'd-1234567890',
      region: 'us-east-1',
      startUrl: 'https://acme.awsapps.com/start',
      users: 'idp',
      onOffboard: 'keep',
      assignments: [
        { account: '123456789012', permissionSet: READ_ONLY },
        { account: '210987654321', permissionSet: POWER_USER },
      ],
      groups: ['aws-engineering'],
      managedAssignments: [
        { account: '123456789012', permissionSet: READ_ONLY },
        { account: '210987654321', permissionSet: POWER_USER },
      ],
      managedGroups: ['aws-engineering'],
    })
  })

  it('role change to a role without AWS keeps the user and loses what was granted; offboard revokes', () => {
    // A record without `granted` reads as what the map gives its role.
    const lastRole = 'backend-engineer'
    const keep = plan(event('role-change', 'designer'), roles, guardrails, { lastRole }).identityCenter
    expect(keep).toMatchObject({ presence: 'active', account: 'keep', assignments: [], groups: [] })
    expect(keep?.managedAssignments).toHaveLength(2)
    const off = plan(event('offboard'), roles, guardrails, { lastRole }).identityCenter
    expect(off).toMatchObject({ presence: 'revoked', assignments: [], groups: [], managedGroups: ['aws-engineering'] })
    expect(off?.account).toBeUndefined()
    expect(off?.managedAssignments).toHaveLength(2)
  })

  it('an assignment onramp granted that no role names any more is still removed; one outside the allowlist never', () => {
    const granted = {
      aws: [
        `assignment:123456789012/${ANALYST}`,
        'assignment:999999999999/arn:aws:sso:::permissionSet/x/ps-9',
        'sso-group:aws-analytics',
      ],
    }
    const p = plan(event('role-change', 'backend-engineer'), roles, guardrails, { granted }).identityCenter
    expect(p?.managedAssignments).toContainEqual({ account: '123456789012', permissionSet: ANALYST })
    expect(p?.managedAssignments.some((a) => a.account === '999999999999')).toBe(false)
    expect(p?.managedGroups).toEqual(['aws-analytics', 'aws-engineering'])
  })

  it('an onboard to a role without AWS has no Identity Center slice', () => {
    expect(plan(event('onboard', 'designer'), roles, guardrails).identityCenter).toBeUndefined()
  })
})
