// policies/: onramp's own AWS permissions stay consistent with guardrails.yaml and roles.yaml, and stay least
// privilege. A change to the user path, the boundary, the allowlist or the role map that the policies do not
// follow fails here (security checklist 19-21).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type AwsPlan, loadAccess, MANAGED_BY } from '@onramp/core'
import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../packages/sandbox/src/emulators/iam-policy.js'
import { GUARDRAILS, ROLES, repoRoot } from '../../../test/support/harness.js'
import { grantItems, type IamApi } from '../src/items.js'

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

/** A request's context: single-valued keys as strings, multi-valued (aws:TagKeys) as arrays; absent = missing. */
type Context = Record<string, string | string[]>

/**
 * IAM's evaluation of this policy's conditions, for the operators it uses (the sandbox's evaluator ignores
 * conditions): operators and keys AND, a key's values OR; `ForAllValues:` is true for an absent key; a negated
 * operator is true for an absent key; explicit deny wins.
 */
function conditionHolds(condition: Statement['Condition'], ctx: Context): boolean {
  for (const [op, keys] of Object.entries(condition ?? {})) {
    for (const [key, want] of Object.entries(keys)) {
      const wanted = list(want)
      const got = ctx[key]
      const values = got === undefined ? [] : list(got)
      const ok =
        op === 'Null'
          ? (got === undefined) === (wanted[0] === 'true')
          : op === 'ForAllValues:StringEquals'
            ? values.every((v) => wanted.includes(v))
            : op === 'StringEquals' || op === 'ArnEquals'
              ? got !== undefined && values.some((v) => wanted.includes(v))
              : op === 'StringNotEquals'
                ? !values.some((v) => wanted.includes(v))
                : Number.NaN
      if (Number.isNaN(ok)) throw new Error(`operator ${op} not modelled`)
      if (!ok) return false
    }
  }
  return true
}

function decide(action: string, resource: string, ctx: Context = {}) {
  const match = (pattern: string, value: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(value)
  const hits = permissions.filter(
    (s) =>
      list(s.Action).includes(action) &&
      list(s.Resource).some((r) => match(r, resource)) &&
      conditionHolds(s.Condition, ctx),
  )
  if (hits.some((s) => s.Effect === 'Deny')) return 'explicitDeny'
  return hits.length ? 'allowed' : 'implicitDeny'
}

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

  it('joins and leaves only the groups roles.yaml names; joins none, denied outright, once roles.yaml names none', () => {
    // AddUserToGroup has no condition key for the user: it is an accepted risk while roles.yaml names groups
    // (policies/README.md), and must become the reference policy's outright deny when the last group goes.
    for (const action of ['iam:AddUserToGroup', 'iam:RemoveUserFromGroup']) {
      const resources = sorted(statementFor(action).flatMap((s) => list(s.Resource)))
      expect(resources, action).toEqual(roleGroups.map((g) => `arn:aws:iam::${account}:group/${g}`))
      for (const s of statementFor(action)) expect(s.Condition, action).toBeUndefined()
    }
    const join = statementFor('iam:AddUserToGroup')
    if (roleGroups.length) expect(join.map((s) => s.Sid)).toEqual([expect.stringMatching(/AcceptedRisk/)])
    else expect(decide('iam:AddUserToGroup', `arn:aws:iam::${account}:group/developers`)).toBe('explicitDeny')
  })

  it('creating a user with tags is allowed, TagUser included; later only role and offboarded-at change', async () => {
    // CreateUser with Tags is also authorized as iam:TagUser on the user being created, which has no tags yet.
    const calls: { user: string; path: string; boundary: string; tags: Record<string, string> }[] = []
    const iam = {
      getUser: async () => undefined,
      attachedPolicies: async () => [],
      groups: async () => [],
      createUser: async (user: string, path: string, boundary: string, tags: Record<string, string>) => {
        calls.push({ user, path, boundary, tags })
      },
    } as unknown as IamApi
    const plan: AwsPlan = {
      presence: 'active',
      account: 'ensure',
      userPath: aws.userPath,
      permissionsBoundary: aws.permissionsBoundary,
      tags: { 'managed-by': MANAGED_BY, 'employee-id': 'E1042', role: 'backend-engineer' },
      groups: [],
      policies: [],
      managedGroups: [],
      managedPolicies: [],
      console: false,
    }
    const [user] = grantItems({ iam, userName: 'jamie.doe+e1042', employeeId: 'E1042', plan }, () => {})
    await user!.apply(undefined)
    expect(calls).toHaveLength(1)
    const { user: name, path, boundary, tags } = calls[0]!
    const arn = `arn:aws:iam::${account}:user${path}${name}`
    const requestTags = Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v]))
    const creation: Context = { ...requestTags, 'aws:TagKeys': Object.keys(tags) }
    expect(decide('iam:CreateUser', arn, { ...creation, 'iam:PermissionsBoundary': boundary })).toBe('allowed')
    expect(decide('iam:TagUser', arn, creation)).toBe('allowed')

    // At creation: no other key, managed-by must be onramp's, employee-id must be there.
    const extra = { ...creation, 'aws:RequestTag/admin': 'true', 'aws:TagKeys': [...Object.keys(tags), 'admin'] }
    expect(decide('iam:TagUser', arn, extra)).toBe('implicitDeny')
    expect(decide('iam:TagUser', arn, { ...creation, 'aws:RequestTag/managed-by': 'someone' })).toBe('implicitDeny')
    const noId: Context = { ...creation, 'aws:TagKeys': ['managed-by', 'role'] }
    delete noId['aws:RequestTag/employee-id']
    expect(decide('iam:TagUser', arn, noId)).toBe('implicitDeny')

    // Later, on onramp's user: role and offboarded-at only; its identity tags are never rewritten.
    const ours = { 'iam:ResourceTag/managed-by': MANAGED_BY }
    const retag = (k: string) => ({ ...ours, [`aws:RequestTag/${k}`]: 'x', 'aws:TagKeys': [k] })
    expect(decide('iam:TagUser', arn, retag('role'))).toBe('allowed')
    expect(decide('iam:TagUser', arn, retag('offboarded-at'))).toBe('allowed')
    expect(decide('iam:TagUser', arn, { ...ours, ...creation, 'aws:TagKeys': ['employee-id'] })).toBe('implicitDeny')
    expect(decide('iam:TagUser', arn, { ...ours, ...creation })).toBe('implicitDeny')
    expect(decide('iam:TagUser', `arn:aws:iam::${account}:user/admins/x`, creation)).toBe('implicitDeny')
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
    expect(environments).toEqual(['onramp-access', 'onramp-offboard-now', 'onramp-offboarding'])
    const subs = sorted(list(trust[0]!.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']))
    expect(subs).toEqual(
      sorted(environments.flatMap((e) => [`repo:${repo}:environment:${e}`, `repo:${ids}:environment:${e}`])),
    )
  })
})
