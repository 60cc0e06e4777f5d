// IdentityCenterApi over `@aws-sdk/client-sso-admin` and `@aws-sdk/client-identitystore`, each with onramp's AWS
// retry strategy (the core policy; Identity Center's ThrottlingException and ConflictException retried).
// Imported lazily by main.ts, and only in Identity Center mode: IAM-user installs never parse these SDKs.

import {
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetUserIdCommand,
  IdentitystoreClient,
  ListGroupMembershipsForMemberCommand,
} from '@aws-sdk/client-identitystore'
import {
  type AccountAssignmentOperationStatus,
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsForPrincipalCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin'
import { type Clock, DEFAULT_POLICY, type RetryPolicy, systemClock } from '@onramp/core'
import { PolicyRetryStrategy } from '@onramp/core/aws-retry'
import type { AssignmentRequest, IdentityCenterApi, StoreUser } from './identity-center.js'

/** The enterprise extension carries `employeeNumber`: how a user is tied to an employee id. */
export const ENTERPRISE_EXTENSION = 'aws:identitystore:enterprise'
/** A write that has not propagated yet: Identity Center asks for a retry with backoff. */
const RETRIED = new Set(['ConflictException'])

export interface IdentityCenterApiOptions {
  region: string
  instanceArn: string
  identityStoreId: string
  endpoints: { ssoAdmin?: string; identityStore?: string }
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  clock?: Clock
  policy?: RetryPolicy
  /** Tests: waits scaled by 0.01. */
  fast?: boolean
}

export function createIdentityCenterApi(o: IdentityCenterApiOptions): IdentityCenterApi {
  const policy = o.policy ?? DEFAULT_POLICY
  const config = () => ({
    region: o.region,
    credentials: o.credentials,
    maxAttempts: policy.maxAttempts,
    requestHandler: { requestTimeout: 30_000, throwOnRequestTimeout: true, connectionTimeout: 5000 },
    retryStrategy: new PolicyRetryStrategy(policy, o.clock ?? systemClock, o.fast ? 0.01 : 1, undefined, RETRIED),
  })
  const admin = new SSOAdminClient({ ...config(), endpoint: o.endpoints.ssoAdmin })
  const store = new IdentitystoreClient({ ...config(), endpoint: o.endpoints.identityStore })
  return identityCenterApi(admin, store, o.instanceArn, o.identityStoreId)
}

const isNotFound = (error: unknown) => (error as { name?: string })?.name === 'ResourceNotFoundException'

async function orAbsent<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read()
  } catch (error) {
    if (isNotFound(error)) return undefined
    throw error
  }
}

function request(s: AccountAssignmentOperationStatus | undefined): AssignmentRequest {
  return {
    requestId: s?.RequestId ?? '',
    status: (s?.Status as AssignmentRequest['status'] | undefined) ?? 'IN_PROGRESS',
    failureReason: s?.FailureReason,
  }
}

export function identityCenterApi(
  admin: SSOAdminClient,
  store: IdentitystoreClient,
  InstanceArn: string,
  IdentityStoreId: string,
): IdentityCenterApi {
  const target = (a: { account: string; permissionSet: string }, userId: string) => ({
    InstanceArn,
    TargetId: a.account,
    TargetType: 'AWS_ACCOUNT' as const,
    PermissionSetArn: a.permissionSet,
    PrincipalType: 'USER' as const,
    PrincipalId: userId,
  })
  return {
    findUserId: (userName) =>
      orAbsent(async () => {
        const out = await store.send(
          new GetUserIdCommand({
            IdentityStoreId,
            AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: userName } },
          }),
        )
        return out.UserId
      }),
    describeUser: (userId) =>
      orAbsent(async (): Promise<StoreUser> => {
        const u = await store.send(
          new DescribeUserCommand({ IdentityStoreId, UserId: userId, Extensions: [ENTERPRISE_EXTENSION] }),
        )
        const enterprise = u.Extensions?.[ENTERPRISE_EXTENSION] as { employeeNumber?: unknown } | undefined
        return {
          id: u.UserId ?? userId,
          externalIds: (u.ExternalIds ?? []).flatMap((x) => (x.Id ? [x.Id] : [])),
          employeeNumber: typeof enterprise?.employeeNumber === 'string' ? enterprise.employeeNumber : undefined,
        }
      }),
    async createUser(u) {
      const out = await store.send(
        new CreateUserCommand({
          IdentityStoreId,
          UserName: u.userName,
          DisplayName: u.displayName,
          Name: { GivenName: u.givenName, FamilyName: u.familyName },
          Emails: [{ Value: u.email, Type: 'work', Primary: true }],
          Extensions: { [ENTERPRISE_EXTENSION]: { employeeNumber: u.employeeId } },
        }),
      )
      if (!out.UserId) throw new Error('CreateUser answered without a UserId')
      return out.UserId
    },
    async deleteUser(userId) {
      await store.send(new DeleteUserCommand({ IdentityStoreId, UserId: userId }))
    },
    groupId: (displayName) =>
      orAbsent(async () => {
        const out = await store.send(
          new GetGroupIdCommand({
            IdentityStoreId,
            AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: displayName } },
          }),
        )
        return out.GroupId
      }),
    async memberships(userId) {
      const out: { membershipId: string; groupId: string }[] = []
      let NextToken: string | undefined
      do {
        const page = await store.send(
          new ListGroupMembershipsForMemberCommand({ IdentityStoreId, MemberId: { UserId: userId }, NextToken }),
        )
        for (const m of page.GroupMemberships ?? [])
          if (m.MembershipId && m.GroupId) out.push({ membershipId: m.MembershipId, groupId: m.GroupId })
        NextToken = page.NextToken
      } while (NextToken)
      return out
    },
    async addMembership(groupId, userId) {
      await store.send(
        new CreateGroupMembershipCommand({ IdentityStoreId, GroupId: groupId, MemberId: { UserId: userId } }),
      )
    },
    async removeMembership(membershipId) {
      await store.send(new DeleteGroupMembershipCommand({ IdentityStoreId, MembershipId: membershipId }))
    },
    async assignments(userId) {
      const out: { account: string; permissionSet: string }[] = []
      let NextToken: string | undefined
      do {
        const page = await admin.send(
          new ListAccountAssignmentsForPrincipalCommand({
            InstanceArn,
            PrincipalId: userId,
            PrincipalType: 'USER',
            NextToken,
          }),
        )
        // Only the user's own assignments: what a group gives is the group's, not an item of this person.
        for (const a of page.AccountAssignments ?? [])
          if (a.PrincipalType === 'USER' && a.PrincipalId === userId && a.AccountId && a.PermissionSetArn)
            out.push({ account: a.AccountId, permissionSet: a.PermissionSetArn })
        NextToken = page.NextToken
      } while (NextToken)
      return out
    },
    async createAssignment(a, userId) {
      const out = await admin.send(new CreateAccountAssignmentCommand(target(a, userId)))
      return request(out.AccountAssignmentCreationStatus)
    },
    async deleteAssignment(a, userId) {
      const out = await admin.send(new DeleteAccountAssignmentCommand(target(a, userId)))
      return request(out.AccountAssignmentDeletionStatus)
    },
    async creationStatus(requestId) {
      const out = await admin.send(
        new DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn,
          AccountAssignmentCreationRequestId: requestId,
        }),
      )
      return request(out.AccountAssignmentCreationStatus)
    },
    async deletionStatus(requestId) {
      const out = await admin.send(
        new DescribeAccountAssignmentDeletionStatusCommand({
          InstanceArn,
          AccountAssignmentDeletionRequestId: requestId,
        }),
      )
      return request(out.AccountAssignmentDeletionStatus)
    },
  }
}
