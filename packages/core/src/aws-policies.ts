// onramp's own AWS role, generated from the access files: the permissions policy from guardrails.yaml (path,
// boundary, account) and roles.yaml (role keys, policy ARNs, groups), and the OIDC trust policy from the GitHub
// side (repository, workflow file, ref, environments). scripts/generate-policies.ts writes them to policies/;
// the sandbox's IAM emulator authorizes every call against the same document.
//
// IAM's condition operators have no regular expression: StringLike knows only `*` and `?`. So the employee id
// pattern ([A-Za-z0-9._-]{1,64}) is enforced by denying what IAM would otherwise accept in a tag value: the
// other punctuation IAM allows (`: / = + @`), spaces, the empty value and more than 64 characters. Letters and
// digits outside ASCII, which IAM tag values allow, cannot be told apart by any operator.

import { load } from 'js-yaml'
import { MANAGED_BY } from './plan.js'
import type { Guardrails, IdentityCenterGuardrails, RoleMap } from './types.js'

export interface PolicyStatement {
  Sid: string
  Effect: 'Allow' | 'Deny'
  Action: string | string[]
  Resource?: string | string[]
  Principal?: { Federated: string }
  Condition?: Record<string, Record<string, string | string[]>>
}

export interface PolicyDocument {
  Version: '2012-10-17'
  Statement: PolicyStatement[]
}

/** The GitHub side of the trust policy (policies/github-oidc.json). */
export interface GithubOidcSettings {
  /** `owner/name`. */
  repository: string
  /** The immutable form `owner@<owner id>/name@<repository id>`, emitted by repositories created after 2026-07-15. */
  repositoryIds?: string
  /** The workflow file that runs grant-aws, e.g. `.github/workflows/lifecycle.yml`. */
  workflow: string
  /** The only ref it may run from, e.g. `refs/heads/main`. */
  ref: string
  /** The environments of the job that assumes the role. */
  environments: string[]
  /** Further workflows whose `aws` job assumes the role (access-apply.yml, reconcile.yml), with their environments. */
  more?: { workflow: string; environments: string[] }[]
  /**
   * The account onramp's role lives in, for aws.mode identity-center (the Identity Center management or delegated
   * administrator account); with IAM users it is the permissions boundary's account.
   */
  account?: string
}

const OIDC_HOST = 'token.actions.githubusercontent.com'
/** Tag keys onramp sets at creation; afterwards only ROLE and OFFBOARDED change. */
const IDENTITY_KEYS = ['managed-by', 'employee-id', 'role']
const LATER_KEYS = ['role', 'offboarded-at']
/** The ISO 8601 second grant-aws writes in offboarded-at (StringLike `?` is one character). */
const OFFBOARDED_AT_SHAPE = '????-??-??T??:??:??Z'
/** Tag values IAM accepts that the employee id pattern does not: other punctuation, spaces, empty, too long. */
export const EMPLOYEE_ID_OUTSIDE_PATTERN = ['', '*:*', '*/*', '*=*', '*+*', '*@*', '* *', `${'?'.repeat(65)}*`]

/** What the reads grant-aws makes need: GetUser on every user, because IAM authorizes a call naming a user
 * that does not exist against `user/<name>` (no path), which a path-scoped Resource would answer AccessDenied. */
const READ_ANY_USER = ['iam:GetUser']
const READ_ONRAMP_USERS = [
  'iam:ListUserTags',
  'iam:ListAttachedUserPolicies',
  'iam:ListUserPolicies',
  'iam:ListGroupsForUser',
  'iam:GetLoginProfile',
  'iam:ListAccessKeys',
  'iam:ListMFADevices',
  'iam:ListSigningCertificates',
  'iam:ListSSHPublicKeys',
  'iam:ListServiceSpecificCredentials',
  'iam:SimulatePrincipalPolicy',
]
const REVOKE = [
  'iam:DeleteAccessKey',
  'iam:DeleteLoginProfile',
  'iam:DetachUserPolicy',
  'iam:DeleteUserPolicy',
  'iam:DeactivateMFADevice',
  'iam:DeleteSigningCertificate',
  'iam:DeleteSSHPublicKey',
  'iam:DeleteServiceSpecificCredential',
  'iam:DeleteUser',
]
const ESCALATION = [
  'iam:PutUserPolicy',
  'iam:DeleteUserPermissionsBoundary',
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:UntagUser',
  'iam:UpdateUser',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:DeletePolicy',
  'iam:DeletePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:PutGroupPolicy',
  'iam:AttachGroupPolicy',
  'iam:CreateRole',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:PassRole',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:UploadSigningCertificate',
  'iam:UploadSSHPublicKey',
  'iam:CreateServiceSpecificCredential',
]

const sorted = (values: Iterable<string>) => [...new Set(values)].sort()

/** The account of the guardrails' permissions boundary: the account onramp's users live in. */
export function accountOf(boundaryArn: string): string {
  const m = /^arn:aws:iam::(\d{12}):policy\//.exec(boundaryArn)
  if (!m) throw new Error('guardrails aws.permissions-boundary: must be a customer managed policy ARN of the account')
  return m[1]!
}

/** The permissions of onramp's automation role: for Identity Center or for IAM users, per guardrails aws.mode. */
export function automationRolePolicy(roles: RoleMap, guardrails: Guardrails): PolicyDocument {
  if (guardrails.identityCenter)
    return identityCenterRolePolicy(guardrails.identityCenter, {
      deletesLater: guardrails.dates?.leaver.deleteAfterDays !== undefined,
    })
  const aws = guardrails.aws
  if (!aws) throw new Error('guardrails: an aws section is needed to generate the AWS policies')
  const account = accountOf(aws.permissionsBoundary)
  const users = `arn:aws:iam::${account}:user${aws.userPath}*`
  const roleKeys = sorted(Object.keys(roles.roles))
  // Time-bound grants may attach guardrails grants.allowed.aws-policies and add to grants.allowed.aws-groups too.
  const policies = sorted([
    ...Object.values(roles.roles).flatMap((r) => r.aws?.policies ?? []),
    ...(guardrails.grants?.allowed.awsPolicies ?? []),
  ])
  const groups = sorted([
    ...Object.values(roles.roles).flatMap((r) => r.aws?.groups ?? []),
    ...(guardrails.grants?.allowed.awsGroups ?? []),
  ])
  const boundary = { 'iam:PermissionsBoundary': aws.permissionsBoundary }
  const identityTags = {
    StringEquals: { 'aws:RequestTag/managed-by': MANAGED_BY, 'aws:RequestTag/role': roleKeys },
    'ForAllValues:StringEquals': { 'aws:TagKeys': IDENTITY_KEYS },
  }
  const present = { 'aws:TagKeys': 'false', 'aws:RequestTag/employee-id': 'false', 'aws:RequestTag/role': 'false' }
  const statements: PolicyStatement[] = [
    {
      Sid: 'CreateUsersOnlyUnderThePathWithTheBoundaryAndOnrampTags',
      Effect: 'Allow',
      Action: 'iam:CreateUser',
      Resource: users,
      Condition: {
        ...identityTags,
        StringEquals: { ...boundary, ...identityTags.StringEquals },
        Null: present,
      },
    },
    {
      // CreateUser with Tags is also authorized as iam:TagUser on the user being created, which has no tags.
      Sid: 'TagAtCreationOnlyWithTheOnrampIdentityTags',
      Effect: 'Allow',
      Action: 'iam:TagUser',
      Resource: users,
      Condition: { ...identityTags, Null: { ...present, 'iam:ResourceTag/managed-by': 'true' } },
    },
    {
      Sid: 'TagOnlyOnrampUsersAndOnlyTheRoleAndOffboardedTags',
      Effect: 'Allow',
      Action: 'iam:TagUser',
      Resource: users,
      Condition: {
        StringEquals: { 'iam:ResourceTag/managed-by': MANAGED_BY },
        StringEqualsIfExists: { 'aws:RequestTag/role': roleKeys },
        StringLikeIfExists: { 'aws:RequestTag/offboarded-at': OFFBOARDED_AT_SHAPE },
        'ForAllValues:StringEquals': { 'aws:TagKeys': LATER_KEYS },
        Null: { 'aws:TagKeys': 'false' },
      },
    },
    {
      Sid: 'AttachOnlyAllowlistedPoliciesToBoundedOnrampUsers',
      Effect: 'Allow',
      Action: 'iam:AttachUserPolicy',
      Resource: users,
      Condition: {
        ArnEquals: { 'iam:PolicyARN': policies },
        StringEquals: { ...boundary, 'iam:ResourceTag/managed-by': MANAGED_BY },
      },
    },
  ]
  if (groups.length)
    statements.push({
      Sid: 'JoinAndLeaveOnlyTheManagedGroupsAcceptedRiskSeeReadme',
      Effect: 'Allow',
      Action: ['iam:AddUserToGroup', 'iam:RemoveUserFromGroup'],
      Resource: groups.map((g) => `arn:aws:iam::${account}:group/${g}`),
    })
  statements.push(
    {
      Sid: 'ReadAnyUserSoThatAMissingOneIsNoSuchEntity',
      Effect: 'Allow',
      Action: READ_ANY_USER,
      Resource: `arn:aws:iam::${account}:user/*`,
    },
    { Sid: 'ReadBackAndVerify', Effect: 'Allow', Action: READ_ONRAMP_USERS, Resource: users },
    {
      Sid: 'RevokeOnlyOnrampUsers',
      Effect: 'Allow',
      Action: REVOKE,
      Resource: users,
      Condition: { StringEquals: { 'iam:ResourceTag/managed-by': MANAGED_BY } },
    },
    {
      // IAM has no resource-level permission for this list: it reads back that a deleted device is gone.
      Sid: 'ListVirtualMfaDevicesHasNoResourceLevelPermission',
      Effect: 'Allow',
      Action: 'iam:ListVirtualMFADevices',
      Resource: '*',
    },
    {
      // Only an unassigned virtual MFA device can be deleted; DeactivateMFADevice above unassigns onramp's own.
      Sid: 'DeleteVirtualMfaDevicesOnceDeactivated',
      Effect: 'Allow',
      Action: 'iam:DeleteVirtualMFADevice',
      Resource: `arn:aws:iam::${account}:mfa/*`,
    },
    {
      Sid: 'DenyEscalationPaths',
      Effect: 'Deny',
      Action: groups.length ? ESCALATION : [...ESCALATION, 'iam:AddUserToGroup'],
      Resource: '*',
    },
    {
      Sid: 'DenyAnEmployeeIdOutsideThePattern',
      Effect: 'Deny',
      Action: ['iam:CreateUser', 'iam:TagUser'],
      Resource: '*',
      Condition: { StringLike: { 'aws:RequestTag/employee-id': EMPLOYEE_ID_OUTSIDE_PATTERN } },
    },
    {
      Sid: 'DenySwappingTheBoundary',
      Effect: 'Deny',
      Action: 'iam:PutUserPermissionsBoundary',
      Resource: '*',
      Condition: { StringNotEquals: boundary },
    },
  )
  return { Version: '2012-10-17', Statement: statements }
}

/** What onramp calls in Identity Center mode, for reading and verifying. */
const IC_READ_ASSIGNMENTS = [
  'sso:DescribeAccountAssignmentCreationStatus',
  'sso:DescribeAccountAssignmentDeletionStatus',
  'sso:ListAccountAssignmentsForPrincipal',
]
const IC_READ_STORE = [
  'identitystore:GetUserId',
  'identitystore:DescribeUser',
  'identitystore:GetGroupId',
  'identitystore:ListGroupMembershipsForMember',
]
/** What would widen access beyond the allowlists: changing a permission set, or users and groups themselves. */
const IC_ESCALATION = [
  'sso:CreatePermissionSet',
  'sso:UpdatePermissionSet',
  'sso:DeletePermissionSet',
  'sso:ProvisionPermissionSet',
  'sso:PutInlinePolicyToPermissionSet',
  'sso:AttachManagedPolicyToPermissionSet',
  'sso:AttachCustomerManagedPolicyReferenceToPermissionSet',
  'sso:PutPermissionsBoundaryToPermissionSet',
  'sso:DeletePermissionsBoundaryFromPermissionSet',
  'sso:CreateInstanceAccessControlAttributeConfiguration',
  'sso:UpdateInstanceAccessControlAttributeConfiguration',
  'identitystore:UpdateUser',
  'identitystore:CreateGroup',
  'identitystore:UpdateGroup',
  'identitystore:DeleteGroup',
]

/**
 * Identity Center mode: assignments only of the allowlisted permission sets in the allowlisted accounts of the
 * one instance (CreateAccountAssignment and DeleteAccountAssignment are authorized against the instance, the
 * permission set and the account, `arn:aws:sso:::account/<id>`), reads of that instance, and Identity Store calls
 * only in the one identity store. Group ids are not known when the policy is generated, so memberships are limited
 * to the store, not to the allowlisted groups (the code and validate limit them; see policies/README.md).
 * CreateUser only with `users: onramp`; DeleteUser only with `on-offboard: delete` or `dates.leaver.delete-after-days`
 * (`deletesLater`: the post-leave deletion of the users onramp created).
 */
export function identityCenterRolePolicy(
  ic: IdentityCenterGuardrails,
  o: { deletesLater?: boolean } = {},
): PolicyDocument {
  const deletes = ic.onOffboard === 'delete' || o.deletesLater === true
  const partition = /^arn:([^:]+):/.exec(ic.instanceArn)?.[1] ?? 'aws'
  const sso = (resource: string) => `arn:${partition}:sso:::${resource}`
  const store = [
    `arn:${partition}:identitystore::*:identitystore/${ic.identityStoreId}`,
    `arn:${partition}:identitystore:::user/*`,
    `arn:${partition}:identitystore:::group/*`,
    `arn:${partition}:identitystore:::membership/*`,
  ]
  const userWrites = [
    ...(ic.users === 'onramp' ? ['identitystore:CreateUser'] : []),
    ...(deletes ? ['identitystore:DeleteUser'] : []),
  ]
  const denied = [
    ...IC_ESCALATION,
    ...(ic.users === 'onramp' ? [] : ['identitystore:CreateUser']),
    ...(deletes ? [] : ['identitystore:DeleteUser']),
  ]
  const statements: PolicyStatement[] = [
    {
      Sid: 'AssignOnlyAllowlistedPermissionSetsInAllowlistedAccounts',
      Effect: 'Allow',
      Action: ['sso:CreateAccountAssignment', 'sso:DeleteAccountAssignment'],
      Resource: [
        ic.instanceArn,
        ...sorted(ic.permissionSets),
        ...sorted(ic.accounts).map((account) => sso(`account/${account}`)),
      ],
    },
    { Sid: 'ReadAssignmentsOfTheInstance', Effect: 'Allow', Action: IC_READ_ASSIGNMENTS, Resource: ic.instanceArn },
    {
      Sid: 'ReadUsersAndManageMembershipsInTheIdentityStore',
      Effect: 'Allow',
      Action: [...IC_READ_STORE, 'identitystore:CreateGroupMembership', 'identitystore:DeleteGroupMembership'],
      Resource: store,
    },
  ]
  if (userWrites.length)
    statements.push({
      Sid: ic.users === 'onramp' ? 'CreateAndDeleteUsersOnrampOwns' : 'DeleteUsersOnrampCreated',
      Effect: 'Allow',
      Action: userWrites,
      Resource: store,
    })
  statements.push({ Sid: 'DenyWideningAccess', Effect: 'Deny', Action: denied, Resource: '*' })
  return { Version: '2012-10-17', Statement: statements }
}

/**
 * The trust policy: only GitHub's OIDC provider, only `aud = sts.amazonaws.com`, and `sub` pinned to the
 * repository, each environment and the workflow file at its ref. AWS evaluates no custom GitHub claim, so the
 * workflow is pinned through the repository's OIDC subject template `["repo", "context", "job_workflow_ref"]`,
 * which makes `sub` `repo:<repo>:environment:<env>:job_workflow_ref:<repo>/<workflow>@<ref>`.
 */
export function oidcTrustPolicy(guardrails: Guardrails, github: GithubOidcSettings): PolicyDocument {
  const aws = guardrails.aws
  if (!aws && !guardrails.identityCenter)
    throw new Error('guardrails: an aws section is needed to generate the AWS policies')
  // IAM users live in the boundary's account; an Identity Center role lives where github-oidc.json says.
  const account = aws ? accountOf(aws.permissionsBoundary) : github.account
  if (!account || !/^\d{12}$/.test(account))
    throw new Error(
      'github-oidc: account (the 12-digit account of onramp’s role: the Identity Center management or delegated administrator account) is needed in aws.mode identity-center',
    )
  if (!github.environments.length) throw new Error('github-oidc: the AWS job runs in no environment')
  const workflows = [{ workflow: github.workflow, environments: github.environments }, ...(github.more ?? [])]
  const repos = [github.repository, ...(github.repositoryIds ? [github.repositoryIds] : [])]
  const subs = repos.flatMap((repo) =>
    workflows.flatMap(({ workflow, environments }) =>
      sorted(environments).map(
        (env) => `repo:${repo}:environment:${env}:job_workflow_ref:${github.repository}/${workflow}@${github.ref}`,
      ),
    ),
  )
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubOidcFromTheLifecycleWorkflowInItsProtectedEnvironmentsOnly',
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${OIDC_HOST}` },
        Condition: { StringEquals: { [`${OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${OIDC_HOST}:sub`]: subs } },
      },
    ],
  }
}

/** The environments a workflow's AWS job runs in: the literals its `environment:` expression can yield. */
export function awsJobEnvironments(workflowYaml: string, job = 'aws'): string[] {
  const workflow = load(workflowYaml) as { jobs?: Record<string, { environment?: unknown }> } | undefined
  const env = workflow?.jobs?.[job]?.environment
  const expr =
    typeof env === 'string' ? env : typeof env === 'object' && env ? String((env as { name?: unknown }).name ?? '') : ''
  if (/^[A-Za-z0-9_.-]+$/.test(expr)) return [expr]
  return sorted([...expr.matchAll(/(?:&&|\|\|)\s*'([A-Za-z0-9_.-]+)'/g)].map((m) => m[1]!))
}
