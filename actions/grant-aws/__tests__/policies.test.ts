// policies/: onramp's own AWS role, generated from guardrails.yaml, roles.yaml and policies/github-oidc.json.
// The committed documents must be what the generator makes of today's access files; the permissions are
// evaluated, conditions included, by the same evaluator the IAM emulator authorizes every call with, and each
// escalation in the security checklist is denied (checklist 19-22).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  IAMClient,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam'
import { loadAccess, MANAGED_BY, parseAccess } from '@onramp/core'
import { automationRolePolicy, EMPLOYEE_ID_OUTSIDE_PATTERN } from '@onramp/core/aws-policies'
import { startSandbox } from '@onramp/sandbox'
import { describe, expect, it } from 'vitest'
import { evaluate, type RequestContext } from '../../../packages/sandbox/src/emulators/iam-policy.js'
import { generatePolicies, stalePolicies } from '../../../scripts/generate-policies.js'
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
const ours = `arn:aws:iam::${account}:user${aws.userPath}jamie.doe+e1042`
const identity = [{ id: 'onramp', type: 'user-managed' as const, document: permissionsText }]

/** IAM's decision for one request, the context given as IAM builds it (keys lower-cased inside). */
function decide(action: string, resource: string, context: Record<string, string | string[]> = {}) {
  const ctx: RequestContext = {}
  for (const [k, v] of Object.entries(context)) ctx[k.toLowerCase()] = v
  return evaluate(identity, undefined, action, resource, ctx).decision
}

const creationTags = (tags: Record<string, string>) => ({
  ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])),
  'aws:TagKeys': Object.keys(tags),
})
const identityTags = { 'managed-by': MANAGED_BY, 'employee-id': 'E1042', role: 'backend-engineer' }
const onrampUser = { 'iam:ResourceTag/managed-by': MANAGED_BY, 'iam:PermissionsBoundary': aws.permissionsBoundary }

describe('onramp policies are generated', () => {
  it('the committed documents are what the access files say (run scripts/generate-policies.ts)', () => {
    expect(stalePolicies()).toEqual([])
    expect(generatePolicies()['onramp-automation-role.json']).toBe(permissionsText)
  })
})

describe('onramp automation role permissions', () => {
  it('never allows a wildcard action, nor a write on every resource', () => {
    for (const s of allows) {
      for (const a of list(s.Action)) expect(a, s.Sid).not.toMatch(/\*/)
      // Only a list IAM has no resource-level permission for.
      if (list(s.Resource).includes('*')) expect(list(s.Action), s.Sid).toEqual(['iam:ListVirtualMFADevices'])
    }
  })

  it('creates users only under the guardrails path, with the boundary, onramp tags and a role of the map', () => {
    const ctx = { ...creationTags(identityTags), 'iam:PermissionsBoundary': aws.permissionsBoundary }
    expect(decide('iam:CreateUser', ours, ctx)).toBe('allowed')
    expect(decide('iam:TagUser', ours, creationTags(identityTags))).toBe('allowed')
    expect(decide('iam:CreateUser', `arn:aws:iam::${account}:user/admins/x`, ctx)).toBe('implicitDeny')
    expect(decide('iam:CreateUser', ours, { ...ctx, 'iam:PermissionsBoundary': undefined as never })).toBe(
      'implicitDeny',
    )
    for (const role of Object.keys(roles.roles))
      expect(decide('iam:CreateUser', ours, { ...ctx, 'aws:RequestTag/role': role }), role).toBe('allowed')
    expect(decide('iam:CreateUser', ours, { ...ctx, 'aws:RequestTag/role': 'admin' })).toBe('implicitDeny')
    expect(decide('iam:TagUser', ours, { ...creationTags(identityTags), 'aws:RequestTag/role': 'admin' })).toBe(
      'implicitDeny',
    )
  })

  it('an employee-id outside [A-Za-z0-9._-]{1,64} is denied (as far as StringLike can tell)', () => {
    const tagged = (id: string) => ({
      ...creationTags({ ...identityTags, 'employee-id': id }),
      'iam:PermissionsBoundary': aws.permissionsBoundary,
    })
    for (const good of ['E1042', 'a.b_c-9', 'x'.repeat(64)])
      expect(decide('iam:CreateUser', ours, tagged(good))).toBe('allowed')
    for (const bad of ['', 'E 1', 'E:1', 'E/1', 'E=1', 'E+1', 'E@1', 'x'.repeat(65)]) {
      expect(decide('iam:CreateUser', ours, tagged(bad)), bad).toBe('explicitDeny')
      expect(decide('iam:TagUser', ours, creationTags({ ...identityTags, 'employee-id': bad })), bad).toBe(
        'explicitDeny',
      )
    }
    expect(EMPLOYEE_ID_OUTSIDE_PATTERN).toContain('')
  })

  it('tags at creation only the identity tags, and never an onramp user again with them', () => {
    const extra = { ...creationTags({ ...identityTags, admin: 'true' }) }
    expect(decide('iam:TagUser', ours, extra)).toBe('implicitDeny')
    expect(decide('iam:TagUser', ours, creationTags({ ...identityTags, 'managed-by': 'someone' }))).toBe('implicitDeny')
    const { 'employee-id': _id, ...noId } = identityTags
    expect(decide('iam:TagUser', ours, creationTags(noId))).toBe('implicitDeny')
    // Later, on onramp's user: role (a key of the map) and offboarded-at (a timestamp) only.
    const retag = (k: string, v: string) => ({ ...onrampUser, ...creationTags({ [k]: v }) })
    expect(decide('iam:TagUser', ours, retag('role', 'people-ops'))).toBe('allowed')
    expect(decide('iam:TagUser', ours, retag('role', 'admin'))).toBe('implicitDeny')
    expect(decide('iam:TagUser', ours, retag('offboarded-at', '2026-11-30T13:00:00Z'))).toBe('allowed')
    expect(decide('iam:TagUser', ours, retag('offboarded-at', 'never'))).toBe('implicitDeny')
    expect(decide('iam:TagUser', ours, retag('employee-id', 'E2'))).toBe('implicitDeny')
    expect(decide('iam:TagUser', ours, { ...onrampUser, ...creationTags(identityTags) })).toBe('implicitDeny')
    // A user someone else tagged is not re-tagged into onramp's.
    const foreign = { 'iam:ResourceTag/managed-by': 'terraform', ...creationTags(identityTags) }
    expect(decide('iam:TagUser', ours, foreign)).toBe('implicitDeny')
    expect(decide('iam:TagUser', `arn:aws:iam::${account}:user/admins/x`, creationTags(identityTags))).toBe(
      'implicitDeny',
    )
  })

  it('attaches only the policies roles.yaml names, all in the allowlist, to bounded onramp users', () => {
    const attach = statementFor('iam:AttachUserPolicy')
    expect(attach).toHaveLength(1)
    expect(sorted(list(attach[0]!.Condition?.ArnEquals?.['iam:PolicyARN']))).toEqual(rolePolicies)
    for (const arn of rolePolicies) {
      expect(aws.allowedPolicies).toContain(arn)
      expect(decide('iam:AttachUserPolicy', ours, { ...onrampUser, 'iam:PolicyARN': arn })).toBe('allowed')
    }
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess'
    expect(decide('iam:AttachUserPolicy', ours, { ...onrampUser, 'iam:PolicyARN': admin })).toBe('implicitDeny')
    const unbounded = { 'iam:ResourceTag/managed-by': MANAGED_BY, 'iam:PolicyARN': rolePolicies[0]! }
    expect(decide('iam:AttachUserPolicy', ours, unbounded)).toBe('implicitDeny')
  })

  it('joins and leaves only the groups roles.yaml names; joins none, denied outright, once roles.yaml names none', () => {
    for (const action of ['iam:AddUserToGroup', 'iam:RemoveUserFromGroup']) {
      const resources = sorted(statementFor(action).flatMap((s) => list(s.Resource)))
      expect(resources, action).toEqual(roleGroups.map((g) => `arn:aws:iam::${account}:group/${g}`))
    }
    expect(decide('iam:AddUserToGroup', `arn:aws:iam::${account}:group/admins`)).toBe('implicitDeny')
    const join = statementFor('iam:AddUserToGroup')
    if (roleGroups.length) expect(join.map((s) => s.Sid)).toEqual([expect.stringMatching(/AcceptedRisk/)])
    else expect(decide('iam:AddUserToGroup', `arn:aws:iam::${account}:group/developers`)).toBe('explicitDeny')
  })

  it('revokes and deletes only onramp users; never UpdateAccessKey (a leaver’s keys are deleted)', () => {
    for (const action of ['iam:DeleteAccessKey', 'iam:DeleteLoginProfile', 'iam:DetachUserPolicy', 'iam:DeleteUser']) {
      expect(decide(action, ours, onrampUser), action).toBe('allowed')
      expect(decide(action, ours, {}), action).toBe('implicitDeny')
      expect(decide(action, `arn:aws:iam::${account}:user/admins/x`, onrampUser), action).toBe('implicitDeny')
    }
    expect(statementFor('iam:UpdateAccessKey')).toEqual([])
    expect(decide('iam:UpdateAccessKey', ours, onrampUser)).toBe('explicitDeny')
  })

  it('denies every escalation path of the security checklist', () => {
    const any = `arn:aws:iam::${account}:user/admins/root-like`
    // Checklist 22: a user without the boundary, AdministratorAccess, an inline policy, boundary removal, any
    // user outside the path; and the reference policy's outright denies.
    const create = { ...creationTags(identityTags) }
    expect(decide('iam:CreateUser', ours, create)).toBe('implicitDeny')
    for (const action of [
      'iam:PutUserPolicy',
      'iam:DeleteUserPermissionsBoundary',
      'iam:CreateAccessKey',
      'iam:UpdateAccessKey',
      'iam:CreateLoginProfile',
      'iam:UpdateLoginProfile',
      'iam:UntagUser',
      'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion',
      'iam:AttachRolePolicy',
      'iam:PutRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:PassRole',
      'iam:AttachGroupPolicy',
      'iam:PutGroupPolicy',
      'iam:CreateRole',
    ]) {
      expect(decide(action, ours, onrampUser), action).toBe('explicitDeny')
      expect(decide(action, any, {}), action).toBe('explicitDeny')
    }
    const other = 'arn:aws:iam::aws:policy/AdministratorAccess'
    expect(decide('iam:PutUserPermissionsBoundary', ours, { 'iam:PermissionsBoundary': other })).toBe('explicitDeny')
    for (const action of ['iam:AttachUserPolicy', 'iam:DetachUserPolicy', 'iam:DeleteUser', 'iam:TagUser'])
      expect(decide(action, any, { 'iam:PolicyARN': rolePolicies[0]! }), action).toBe('implicitDeny')
  })

  it('reads any user by name (a missing one must be NoSuchEntity, not AccessDenied), lists only onramp users', () => {
    for (const s of allows) {
      const users = list(s.Resource).filter((r) => r.includes(':user'))
      if (users.includes(`arn:aws:iam::${account}:user/*`)) expect(list(s.Action), s.Sid).toEqual(['iam:GetUser'])
      else for (const r of users) expect(r, s.Sid).toBe(userResource)
    }
    expect(decide('iam:GetUser', `arn:aws:iam::${account}:user/jamie.doe+e1042`)).toBe('allowed')
    expect(decide('iam:ListAccessKeys', ours)).toBe('allowed')
    expect(decide('iam:ListAccessKeys', `arn:aws:iam::${account}:user/admins/x`)).toBe('implicitDeny')
  })

  it('allows every IAM call grant-aws makes', () => {
    const source = readFileSync(join(repoRoot, 'actions/grant-aws/src/iam.ts'), 'utf8')
    const used = sorted([...source.matchAll(/new (\w+)Command\(/g)].map((m) => `iam:${m[1]}`))
    expect(used.length).toBeGreaterThan(10)
    for (const action of used) expect(statementFor(action), action).not.toEqual([])
  })
})

describe('onramp automation role in the sandbox (checklist 22)', () => {
  it('the IAM emulator answers AccessDenied to each escalation, signed with the role’s credentials', async () => {
    const sandbox = await startSandbox({ roles: ROLES, guardrails: GUARDRAILS })
    try {
      const env = sandbox.env
      const iam = new IAMClient({
        endpoint: env.AWS_ENDPOINT_URL_IAM,
        region: env.AWS_REGION,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
        maxAttempts: 1,
      })
      const Tags = Object.entries(identityTags).map(([Key, Value]) => ({ Key, Value }))
      const UserName = 'jamie.doe+e1042'
      const created = { UserName, Path: aws.userPath, PermissionsBoundary: aws.permissionsBoundary, Tags }
      const denied = async (what: string, call: Promise<unknown>) => {
        const err = await call.then(
          () => undefined,
          (e: { name?: string }) => e,
        )
        expect(err?.name, what).toBe('AccessDenied')
      }
      await denied(
        'a user without the boundary',
        iam.send(new CreateUserCommand({ ...created, PermissionsBoundary: undefined })),
      )
      await denied('a user outside the path', iam.send(new CreateUserCommand({ ...created, Path: '/admins/' })))
      await denied(
        'an employee id outside the pattern',
        iam.send(
          new CreateUserCommand({
            ...created,
            Tags: [...Tags.slice(0, 1), { Key: 'employee-id', Value: 'E 1' }, Tags[2]!],
          }),
        ),
      )
      await iam.send(new CreateUserCommand(created))
      const admin = 'arn:aws:iam::aws:policy/AdministratorAccess'
      await denied('AdministratorAccess', iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: admin })))
      await denied(
        'an inline policy',
        iam.send(
          new PutUserPolicyCommand({
            UserName,
            PolicyName: 'x',
            PolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
          }),
        ),
      )
      await denied('boundary removal', iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName })))
      await denied(
        'boundary swap',
        iam.send(new PutUserPermissionsBoundaryCommand({ UserName, PermissionsBoundary: admin })),
      )
      await denied('an access key', iam.send(new CreateAccessKeyCommand({ UserName })))
      await denied(
        'reactivating a key',
        iam.send(new UpdateAccessKeyCommand({ UserName, AccessKeyId: 'AKIAEXAMPLE', Status: 'Active' })),
      )
      await denied(
        'an IAM password',
        iam.send(new CreateLoginProfileCommand({ UserName, Password: 'Sandbox-only-1!' })),
      )
      await denied(
        'rewriting the employee id',
        iam.send(new TagUserCommand({ UserName, Tags: [{ Key: 'employee-id', Value: 'E9' }] })),
      )
      expect(sandbox.log.list({ emulator: 'iam' }).map((e) => e.status)).toEqual([
        403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403,
      ])
      expect(sandbox.emulators.iam.emulator.user(UserName)).toMatchObject({
        policies: [],
        boundary: aws.permissionsBoundary,
      })
    } finally {
      await sandbox.close()
    }
  })
})

describe('onramp OIDC trust policy', () => {
  const settings = JSON.parse(read('github-oidc.json'))
  const workflow = readFileSync(join(repoRoot, settings.workflow), 'utf8')
  const environments = sorted([...workflow.matchAll(/'(onramp-[a-z-]+)'/g)].map((m) => m[1]!))

  it('trusts only GitHub OIDC for sts.amazonaws.com, with no wildcard or set operator', () => {
    expect(trust).toHaveLength(1)
    const s = trust[0]!
    expect(s.Effect).toBe('Allow')
    expect(s.Action).toBe('sts:AssumeRoleWithWebIdentity')
    expect(s.Principal?.Federated).toBe(`arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`)
    expect(s.Condition?.StringEquals?.['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com')
    expect(trustText).not.toMatch(/ForAllValues|ForAnyValue|StringLike|\*/)
  })

  it('pins sub to the repository, each environment of the AWS job and the workflow file at its ref', () => {
    expect(environments).toEqual(['onramp-access', 'onramp-offboard-now', 'onramp-offboarding'])
    const ref = `${settings.repository}/${settings.workflow}@${settings.ref}`
    expect(ref).toBe('acme/people-ops/.github/workflows/lifecycle.yml@refs/heads/main')
    // The converge workflows' aws jobs too, each in the environments its own expression names.
    const converge: [string, string[]][] = [
      ['.github/workflows/access-apply.yml', ['onramp-access']],
      ['.github/workflows/reconcile.yml', ['onramp-access', 'onramp-reconcile']],
      ['.github/workflows/grant.yml', ['onramp-reconcile']],
    ]
    expect(settings['converge-workflows']).toEqual(converge.map(([w]) => w))
    const subs = sorted(list(trust[0]!.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']))
    expect(subs).toEqual(
      sorted(
        [settings.repository, settings.repositoryIds].flatMap((repo) => [
          ...environments.map((e) => `repo:${repo}:environment:${e}:job_workflow_ref:${ref}`),
          ...converge.flatMap(([w, envs]) =>
            envs.map(
              (e) => `repo:${repo}:environment:${e}:job_workflow_ref:${settings.repository}/${w}@${settings.ref}`,
            ),
          ),
        ]),
      ),
    )
  })
})

describe('the automation role in Identity Center mode, evaluated as the SSO Admin and Identity Store emulators do', () => {
  const icAccess = (over = '') => {
    const dir = join(repoRoot, 'test/fixtures/access-identity-center')
    const text = readFileSync(join(dir, 'guardrails.yaml'), 'utf8')
    return parseAccess({
      roles: readFileSync(join(dir, 'roles.yaml'), 'utf8'),
      guardrails: over ? text.replace('users: idp', over) : text,
    })
  }
  const policyOf = (a: ReturnType<typeof icAccess>) => [
    {
      id: 'onramp',
      type: 'user-managed' as const,
      document: JSON.stringify(automationRolePolicy(a.roles, a.guardrails)),
    },
  ]
  const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef'
  const PS = (id: string) => `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${id}`
  /** A call authorized against several resources (as the service does) is allowed only if each is. */
  const allowed = (policy: ReturnType<typeof policyOf>, action: string, resources: string[]) =>
    resources.every((r) => evaluate(policy, undefined, action, r).decision === 'allowed')

  it('assigns only allowlisted permission sets in allowlisted accounts of the one instance', () => {
    const p = policyOf(icAccess())
    const assign = (ps: string, account: string) =>
      allowed(p, 'sso:CreateAccountAssignment', [INSTANCE, ps, `arn:aws:sso:::account/${account}`])
    expect(assign(PS('0123456789abcdef'), '123456789012')).toBe(true)
    expect(assign(PS('9999999999999999'), '123456789012')).toBe(false)
    expect(assign(PS('0123456789abcdef'), '555555555555')).toBe(false)
    const other = 'arn:aws:sso:::instance/ssoins-aaaaaaaaaaaaaaaa'
    expect(allowed(p, 'sso:ListAccountAssignmentsForPrincipal', [other])).toBe(false)
    expect(allowed(p, 'sso:DescribeAccountAssignmentCreationStatus', [INSTANCE])).toBe(true)
  })

  it('calls only its identity store; CreateUser only with users: onramp; never changes a permission set', () => {
    const idp = policyOf(icAccess())
    const store = 'arn:aws:identitystore::123456789012:identitystore/d-1234567890'
    const user = 'arn:aws:identitystore:::user/*'
    expect(allowed(idp, 'identitystore:CreateGroupMembership', [store, 'arn:aws:identitystore:::group/g-1'])).toBe(true)
    expect(
      allowed(idp, 'identitystore:DescribeUser', ['arn:aws:identitystore::123456789012:identitystore/d-9999999999']),
    ).toBe(false)
    expect(evaluate(idp, undefined, 'identitystore:CreateUser', store).decision).toBe('explicitDeny')
    expect(allowed(policyOf(icAccess('users: onramp')), 'identitystore:CreateUser', [store, user])).toBe(true)
    expect(evaluate(idp, undefined, 'sso:PutInlinePolicyToPermissionSet', INSTANCE).decision).toBe('explicitDeny')
    expect(evaluate(idp, undefined, 'identitystore:UpdateUser', store).decision).toBe('explicitDeny')
  })
})
