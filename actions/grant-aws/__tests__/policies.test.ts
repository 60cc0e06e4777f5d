// policies/: onramp's own AWS permissions stay consistent with guardrails.yaml and roles.yaml, and stay least
// privilege. A change to the user path, the boundary, the allowlist or the role map that the policies do not
// follow fails here (security checklist 19-21).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadAccess, MANAGED_BY } from '@onramp/core'
import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../packages/sandbox/src/emulators/iam-policy.js'
import { GUARDRAILS, ROLES, repoRoot } from '../../../test/support/harness.js'

interface Statement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action: string | string[]
  Resource?: string | string[]
  Principal?: { Federated?: string }
  Condition?: Record<string, Record<string, string | string[]>>
}

const read = (file: string) => readFileSync(join(repoRoot, 'policies', file), 'utf8')
const permissionsText = read('onramp-automation-role.json')
const trustText = read('onramp-oidc-trust.json')
const permissions = JSON.parse(permissionsText).Statement as Statement[]
const trust = JSON.parse(trustText).Statement as Statement[]
const { roles, guardrails } = loadAccess({ rolesFile: ROLES, guardrailsFile: GUARDRAILS })
const aws = guardrails.aws!
const account = /^arn:aws:iam::(\d{12}):/.exec(aws.permissionsBoundary)![1]!
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const sorted = (v: Iterable<string>) => [...new Set(v)].sort()
const allows = permissions.filter((s) => s.Effect === 'Allow')
const statementFor = (action: string) => allows.filter((s) => list(s.Action).includes(action))
const rolePolicies = sorted(Object.values(roles.roles).flatMap((r) => r.aws?.policies ?? []))
const roleGroups = sorted(Object.values(roles.roles).flatMap((r) => r.aws?.groups ?? []))
const userResource = `arn:aws:iam::${account}:user${aws.userPath}*`

describe('onramp automation role permissions', () => {
  it('never allows a wildcard action or a write on every resource', () => {
    for (const s of allows) {
      for (const a of list(s.Action)) expect(a, s.Sid).not.toMatch(/\*/)
      expect(list(s.Resource), s.Sid).not.toContain('*')
    }
  })

  it('creates users only under the guardrails path, with the boundary and managed-by=onramp', () => {
    const [create, ...more] = statementFor('iam:CreateUser')
    expect(more).toEqual([])
    expect(list(create!.Resource)).toEqual([userResource])
    expect(create!.Condition?.StringEquals?.['iam:PermissionsBoundary']).toBe(aws.permissionsBoundary)
    expect(create!.Condition?.StringEquals?.['aws:RequestTag/managed-by']).toBe(MANAGED_BY)
  })

  it('touches users only under the guardrails path; revocation only users tagged managed-by=onramp', () => {
    for (const s of allows) {
      for (const r of list(s.Resource).filter((x) => x.includes(':user'))) expect(r, s.Sid).toBe(userResource)
    }
    for (const action of ['iam:UpdateAccessKey', 'iam:DeleteLoginProfile', 'iam:DetachUserPolicy', 'iam:DeleteUser'])
      for (const s of statementFor(action))
        expect(s.Condition?.StringEquals?.['iam:ResourceTag/managed-by'], action).toBe(MANAGED_BY)
  })

  it('attaches only the policies roles.yaml names, all of them in the guardrails allowlist, to bounded users', () => {
    const attach = statementFor('iam:AttachUserPolicy')
    expect(attach).toHaveLength(1)
    const arns = sorted(list(attach[0]!.Condition?.ArnEquals?.['iam:PolicyARN']))
    expect(arns).toEqual(rolePolicies)
    for (const arn of arns) expect(aws.allowedPolicies).toContain(arn)
    expect(attach[0]!.Condition?.StringEquals?.['iam:PermissionsBoundary']).toBe(aws.permissionsBoundary)
  })

  it('joins and leaves only the groups roles.yaml names', () => {
    for (const action of ['iam:AddUserToGroup', 'iam:RemoveUserFromGroup']) {
      const resources = sorted(statementFor(action).flatMap((s) => list(s.Resource)))
      expect(resources, action).toEqual(roleGroups.map((g) => `arn:aws:iam::${account}:group/${g}`))
    }
  })

  it('denies PutUserPolicy, DeleteUserPermissionsBoundary, access keys and IAM passwords everywhere; never allows them', () => {
    const denied = permissions
      .filter((s) => s.Effect === 'Deny' && !s.Condition && list(s.Resource).includes('*'))
      .flatMap((s) => list(s.Action))
    for (const action of [
      'iam:PutUserPolicy',
      'iam:DeleteUserPermissionsBoundary',
      'iam:CreateAccessKey',
      'iam:CreateLoginProfile',
    ]) {
      expect(denied, action).toContain(action)
      expect(statementFor(action), action).toEqual([])
    }
    const swap = permissions.find(
      (s) => s.Effect === 'Deny' && list(s.Action).includes('iam:PutUserPermissionsBoundary'),
    )
    expect(swap?.Condition?.StringNotEquals?.['iam:PermissionsBoundary']).toBe(aws.permissionsBoundary)
  })

  it('pairs every ForAllValues in an Allow with a Null check (ForAllValues is true when the key is absent)', () => {
    for (const s of allows) {
      const forAll = s.Condition?.['ForAllValues:StringEquals']
      if (!forAll) continue
      for (const key of Object.keys(forAll)) expect(s.Condition?.Null?.[key], s.Sid).toBe('false')
    }
  })

  it('allows every IAM call grant-aws makes', () => {
    const source = readFileSync(join(repoRoot, 'actions/grant-aws/src/iam.ts'), 'utf8')
    const used = sorted([...source.matchAll(/new (\w+)Command\(/g)].map((m) => `iam:${m[1]}`))
    expect(used.length).toBeGreaterThan(10)
    for (const action of used) expect(statementFor(action), action).not.toEqual([])
  })

  it('evaluates as intended: reads on onramp users allowed; escalation denied; other users untouched', () => {
    const identity = [{ id: 'onramp', type: 'user-managed' as const, document: permissionsText }]
    const at = (action: string, resource: string) => evaluate(identity, undefined, action, resource).decision
    const ours = `arn:aws:iam::${account}:user${aws.userPath}jamie.doe+e1042`
    expect(at('iam:GetUser', ours)).toBe('allowed')
    expect(at('iam:ListAccessKeys', ours)).toBe('allowed')
    expect(at('iam:GetUser', `arn:aws:iam::${account}:user/admins/root-like`)).toBe('implicitDeny')
    expect(at('iam:PutUserPolicy', ours)).toBe('explicitDeny')
    expect(at('iam:DeleteUserPermissionsBoundary', ours)).toBe('explicitDeny')
    expect(at('iam:CreateLoginProfile', ours)).toBe('explicitDeny')
    expect(at('iam:AddUserToGroup', `arn:aws:iam::${account}:group/admins`)).toBe('implicitDeny')
  })
})

describe('onramp OIDC trust policy', () => {
  const event = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/events/onboard.json'), 'utf8'))
  const repo: string = event.repository.full_name
  const ids = `${event.repository.owner.login}@${event.organization.id}/${event.repository.name}@${event.repository.id}`
  const workflow = readFileSync(join(repoRoot, '.github/workflows/lifecycle.yml'), 'utf8')
  const environments = sorted([...workflow.matchAll(/'(onramp-[a-z-]+)'/g)].map((m) => m[1]!))

  it('trusts only GitHub OIDC for sts.amazonaws.com', () => {
    expect(trust).toHaveLength(1)
    const s = trust[0]!
    expect(s.Effect).toBe('Allow')
    expect(s.Action).toBe('sts:AssumeRoleWithWebIdentity')
    expect(s.Principal?.Federated).toBe(`arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`)
    expect(s.Condition?.StringEquals?.['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com')
    expect(trustText).not.toMatch(/ForAllValues|ForAnyValue|StringLike|\*/)
  })

  it('pins sub to this repository and the workflow environments the AWS job runs in', () => {
    expect(environments).toEqual(['onramp-access', 'onramp-offboarding'])
    const subs = sorted(list(trust[0]!.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']))
    expect(subs).toEqual(
      sorted(environments.flatMap((e) => [`repo:${repo}:environment:${e}`, `repo:${ids}:environment:${e}`])),
    )
  })
})
