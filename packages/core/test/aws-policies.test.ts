// The generator's inputs from the workflow: which environments the AWS job runs in (the trust policy pins each).
import { describe, expect, it } from 'vitest'
import { automationRolePolicy, awsJobEnvironments, oidcTrustPolicy } from '../src/aws-policies.js'
import type { Guardrails, RoleMap } from '../src/types.js'

const job = (environment: string) =>
  `jobs:\n  validate:\n    environment: other\n  aws:\n${environment}\n    steps: []\n  notify:\n`

describe('awsJobEnvironments', () => {
  it('reads the literals an environment expression can yield, or a plain name, of the aws job only', () => {
    const expr = "    environment: ${{ needs.v.outputs.t == 'offboard' && 'onramp-offboarding' || 'onramp-access' }}"
    expect(awsJobEnvironments(job(expr))).toEqual(['onramp-access', 'onramp-offboarding'])
    expect(awsJobEnvironments(job('    environment: prod'))).toEqual(['prod'])
    expect(awsJobEnvironments(job('    runs-on: ubuntu-latest'))).toEqual([])
  })

  it('a trust policy needs at least one environment: a job without one is an error, never an open policy', () => {
    const guardrails = {
      aws: { permissionsBoundary: 'arn:aws:iam::123456789012:policy/b', userPath: '/onramp/', allowedPolicies: [] },
    } as unknown as Guardrails
    const github = { repository: 'acme/ops', workflow: '.github/workflows/l.yml', ref: 'refs/heads/main' }
    expect(() => oidcTrustPolicy(guardrails, { ...github, environments: [] })).toThrow(/no environment/)
    const doc = oidcTrustPolicy(guardrails, { ...github, environments: ['prod'] })
    expect(doc.Statement[0]!.Condition!.StringEquals!['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/ops:environment:prod:job_workflow_ref:acme/ops/.github/workflows/l.yml@refs/heads/main',
    ])
  })
})

describe('the automation role in Identity Center mode', () => {
  const ic = {
    instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
    identityStoreId: 'd-1234567890',
    region: 'us-east-1',
    startUrl: 'https://acme.awsapps.com/start',
    users: 'idp' as 'idp' | 'onramp',
    onOffboard: 'keep' as 'keep' | 'delete',
    accounts: ['210987654321', '123456789012'],
    permissionSets: ['arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0123456789abcdef'],
    groups: ['aws-engineering'],
  }
  const guardrails = (over: Partial<typeof ic> = {}) =>
    ({
      version: 1,
      emailDomains: ['acme.com'],
      events: { maxAgeSeconds: 86400 },
      identityCenter: { ...ic, ...over },
    }) as Guardrails
  const roles = { version: 1, roles: {} } as RoleMap
  const allowed = (doc: ReturnType<typeof automationRolePolicy>) =>
    doc.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat())

  it('assigns only the allowlisted permission sets in the allowlisted accounts of the one instance', () => {
    const doc = automationRolePolicy(roles, guardrails())
    const assign = doc.Statement.find((s) => s.Sid === 'AssignOnlyAllowlistedPermissionSetsInAllowlistedAccounts')!
    expect(assign).toEqual({
      Sid: 'AssignOnlyAllowlistedPermissionSetsInAllowlistedAccounts',
      Effect: 'Allow',
      Action: ['sso:CreateAccountAssignment', 'sso:DeleteAccountAssignment'],
      Resource: [
        ic.instanceArn,
        ic.permissionSets[0],
        'arn:aws:sso:::account/123456789012',
        'arn:aws:sso:::account/210987654321',
      ],
    })
    // No wildcard action, no sso or identitystore call on '*' but the denials.
    for (const s of doc.Statement) {
      for (const a of [s.Action].flat()) expect(a).not.toMatch(/\*/)
      if (s.Effect === 'Allow') expect([s.Resource].flat()).not.toContain('*')
    }
  })

  it('reads only that instance and calls only that identity store', () => {
    const doc = automationRolePolicy(roles, guardrails())
    expect(doc.Statement.find((s) => s.Sid === 'ReadAssignmentsOfTheInstance')?.Resource).toBe(ic.instanceArn)
    const store = doc.Statement.find((s) => s.Sid === 'ReadUsersAndManageMembershipsInTheIdentityStore')!
    expect(store.Resource).toContain('arn:aws:identitystore::*:identitystore/d-1234567890')
    expect([store.Resource].flat().filter((r) => r?.includes(':identitystore/'))).toHaveLength(1)
  })

  it('CreateUser only with users: onramp, DeleteUser only with on-offboard: delete or delete-after-days; denied otherwise', () => {
    const denied = (doc: ReturnType<typeof automationRolePolicy>) =>
      doc.Statement.filter((s) => s.Effect === 'Deny').flatMap((s) => [s.Action].flat())
    const idp = automationRolePolicy(roles, guardrails())
    expect(allowed(idp)).not.toContain('identitystore:CreateUser')
    expect(allowed(idp)).not.toContain('identitystore:DeleteUser')
    expect(denied(idp)).toEqual(expect.arrayContaining(['identitystore:CreateUser', 'identitystore:DeleteUser']))
    // The post-leave deletion (dates.leaver.delete-after-days) of the users onramp created needs DeleteUser too.
    const later = automationRolePolicy(roles, {
      ...guardrails({ users: 'onramp' }),
      dates: {
        timeZone: 'UTC',
        joiner: { githubDaysBefore: 0, awsDaysBefore: 0, welcomeDaysBefore: 3 },
        leaver: { deleteAfterDays: 30 },
      },
    })
    expect(allowed(later)).toContain('identitystore:DeleteUser')
    expect(denied(later)).not.toContain('identitystore:DeleteUser')
    const own = automationRolePolicy(roles, guardrails({ users: 'onramp', onOffboard: 'delete' }))
    expect(allowed(own)).toEqual(expect.arrayContaining(['identitystore:CreateUser', 'identitystore:DeleteUser']))
    expect(denied(own)).not.toContain('identitystore:CreateUser')
    // Never a permission set change, nor a group or user attribute change.
    for (const doc of [idp, own])
      expect(denied(doc)).toEqual(
        expect.arrayContaining([
          'sso:PutInlinePolicyToPermissionSet',
          'sso:CreatePermissionSet',
          'identitystore:UpdateUser',
        ]),
      )
  })

  it('the trust policy takes the role’s account from github-oidc.json (there is no boundary to read it from)', () => {
    const github = {
      repository: 'acme/ops',
      workflow: '.github/workflows/l.yml',
      ref: 'refs/heads/main',
      environments: ['prod'],
    }
    expect(() => oidcTrustPolicy(guardrails(), github)).toThrow(/github-oidc: account/)
    const doc = oidcTrustPolicy(guardrails(), { ...github, account: '999999999999' })
    expect(doc.Statement[0]!.Principal).toEqual({
      Federated: 'arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com',
    })
  })
})
