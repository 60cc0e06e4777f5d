// The Identity Store emulator driven through the official @aws-sdk/client-identitystore: what the SDK parses out
// of each answer is asserted in full, so a misnamed member (which the SDK silently drops) fails here.
import {
  AccessDeniedException,
  ConflictException,
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  DescribeGroupCommand,
  DescribeGroupMembershipCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  IdentitystoreClient,
  IsMemberInGroupsCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  paginateListUsers,
  ResourceNotFoundException,
  ThrottlingException,
  UpdateUserCommand,
  ValidationException,
} from '@aws-sdk/client-identitystore'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ENTERPRISE_EXTENSION,
  IdentityStoreEmulator,
  type IdentityStoreOptions,
  type IdentityStoreSeed,
} from '../src/emulators/identitystore.js'
import { type Started, startEmulator } from './helpers.js'

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0)
const STORE = 'd-1234567890'
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const OKTA = 'https://acme.okta.com'

const SEED: IdentityStoreSeed = {
  users: [
    {
      userName: 'jamie.doe@acme.com',
      displayName: 'Jamie Doe',
      givenName: 'Jamie',
      familyName: 'Doe',
      email: 'jamie.doe@acme.com',
      externalIds: [{ Issuer: OKTA, Id: '00u1jamie' }],
      enterprise: { employeeNumber: 'E1042', department: 'Engineering' },
    },
  ],
  groups: [{ displayName: 'aws-engineering', description: 'Engineers' }, 'aws-finance'],
}

const running: Started<IdentityStoreEmulator>[] = []
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()))
})

async function setup(options: IdentityStoreOptions = {}, seed: IdentityStoreSeed = SEED, accessKeyId = 'test') {
  const s = await startEmulator((k) => new IdentityStoreEmulator(options, k), { timeScale: 0, startAt: T0 })
  running.push(s)
  s.emulator.seed(seed)
  const ids = new IdentitystoreClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'test' },
    maxAttempts: 1,
  })
  return { s, ids, emulator: s.emulator }
}

async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

const newUser = (userName: string) => ({
  IdentityStoreId: STORE,
  UserName: userName,
  DisplayName: 'Sam Lee',
  Name: { GivenName: 'Sam', FamilyName: 'Lee' },
  Emails: [{ Value: userName, Type: 'work', Primary: true }],
})

const userIdBy = (ids: IdentitystoreClient, path: string, value: string) =>
  ids
    .send(
      new GetUserIdCommand({
        IdentityStoreId: STORE,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: path, AttributeValue: value } },
      }),
    )
    .then((r) => r.UserId)

describe('Identity Store wire format', () => {
  it('answers X-Amz-Target AWSIdentityStore.<Operation>; errors carry __type, Message, RequestId', async () => {
    const { s } = await setup()
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSIdentityStore.DescribeUser' },
      body: JSON.stringify({ IdentityStoreId: STORE, UserId: '00000000-0000-4000-8000-000000000000' }),
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    const id = res.headers.get('x-amzn-requestid')
    expect(await res.json()).toEqual({
      __type: 'ResourceNotFoundException',
      Message: 'USER not found.',
      ResourceType: 'USER',
      ResourceId: '00000000-0000-4000-8000-000000000000',
      RequestId: id,
    })
  })
})

describe('users', () => {
  it('a SCIM-provisioned user is found by its ExternalId, user name or email, and described with its status', async () => {
    const { ids } = await setup()
    const byExternal = await ids.send(
      new GetUserIdCommand({
        IdentityStoreId: STORE,
        AlternateIdentifier: { ExternalId: { Issuer: OKTA, Id: '00u1jamie' } },
      }),
    )
    expect(byExternal).toMatchObject({ UserId: expect.stringMatching(ID), IdentityStoreId: STORE })
    expect(await userIdBy(ids, 'userName', 'Jamie.Doe@acme.com')).toBe(byExternal.UserId)
    expect(await userIdBy(ids, 'emails.value', 'jamie.doe@acme.com')).toBe(byExternal.UserId)
    const other = await failure(
      ids.send(
        new GetUserIdCommand({
          IdentityStoreId: STORE,
          AlternateIdentifier: { ExternalId: { Issuer: OKTA, Id: '00u1other' } },
        }),
      ),
    )
    expect(other).toBeInstanceOf(ResourceNotFoundException)
    expect(other.ResourceType).toBe('USER')
    const badPath = await failure(userIdBy(ids, 'displayName', 'Jamie Doe'))
    expect(badPath).toBeInstanceOf(ValidationException)

    const user = await ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: byExternal.UserId }))
    const { $metadata: _m, ...body } = user
    expect(body).toEqual({
      IdentityStoreId: STORE,
      UserId: byExternal.UserId,
      UserName: 'jamie.doe@acme.com',
      DisplayName: 'Jamie Doe',
      Name: { GivenName: 'Jamie', FamilyName: 'Doe' },
      Emails: [{ Value: 'jamie.doe@acme.com', Type: 'work', Primary: true }],
      ExternalIds: [{ Issuer: OKTA, Id: '00u1jamie' }],
      UserStatus: 'ENABLED',
      CreatedAt: new Date(T0),
      CreatedBy: 'SCIM',
      UpdatedAt: new Date(T0),
      UpdatedBy: 'SCIM',
    })
    // Enterprise attributes come back only when the extension is asked for.
    const withExt = await ids.send(
      new DescribeUserCommand({
        IdentityStoreId: STORE,
        UserId: byExternal.UserId,
        Extensions: [ENTERPRISE_EXTENSION],
      }),
    )
    expect(withExt.Extensions).toEqual({
      [ENTERPRISE_EXTENSION]: { employeeNumber: 'E1042', department: 'Engineering' },
    })
  })

  it('CreateUser, a duplicate user name as ConflictException, UpdateUser, DeleteUser', async () => {
    const { ids } = await setup()
    const created = await ids.send(new CreateUserCommand(newUser('sam.lee@acme.com')))
    expect(created).toMatchObject({ UserId: expect.stringMatching(ID), IdentityStoreId: STORE })
    const dup = await failure(ids.send(new CreateUserCommand(newUser('SAM.LEE@acme.com'))))
    expect(dup).toBeInstanceOf(ConflictException)
    expect(dup.Reason).toBe('UNIQUENESS_CONSTRAINT_VIOLATION')
    expect(dup.$metadata.httpStatusCode).toBe(400)
    const missingName = await failure(
      ids.send(new CreateUserCommand({ IdentityStoreId: STORE, UserName: 'x@acme.com' })),
    )
    expect(missingName).toBeInstanceOf(ValidationException)

    await ids.send(
      new UpdateUserCommand({
        IdentityStoreId: STORE,
        UserId: created.UserId,
        Operations: [
          { AttributePath: 'displayName', AttributeValue: 'Samantha Lee' },
          { AttributePath: 'name.givenName', AttributeValue: 'Samantha' },
          { AttributePath: 'title', AttributeValue: 'Engineer' },
        ],
      }),
    )
    const user = await ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: created.UserId }))
    expect(user).toMatchObject({
      DisplayName: 'Samantha Lee',
      Name: { GivenName: 'Samantha', FamilyName: 'Lee' },
      Title: 'Engineer',
      UserStatus: 'ENABLED',
    })
    expect(user.ExternalIds).toBeUndefined()
    const badPath = await failure(
      ids.send(
        new UpdateUserCommand({
          IdentityStoreId: STORE,
          UserId: created.UserId,
          Operations: [{ AttributePath: 'userStatus', AttributeValue: 'DISABLED' }],
        }),
      ),
    )
    expect(badPath).toBeInstanceOf(ValidationException)

    await ids.send(new DeleteUserCommand({ IdentityStoreId: STORE, UserId: created.UserId }))
    const gone = await failure(ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: created.UserId })))
    expect(gone).toBeInstanceOf(ResourceNotFoundException)
  })

  it('ListUsers pages, and still takes the deprecated UserName filter (only that one)', async () => {
    const names = ['a@acme.com', 'b@acme.com', 'c@acme.com', 'd@acme.com']
    const { ids } = await setup({}, { users: names.map((userName) => ({ userName })) })
    const first = await ids.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: 3 }))
    expect(first.Users?.map((u) => u.UserName)).toEqual(names.slice(0, 3))
    expect(first.NextToken).toEqual(expect.any(String))
    const seen: string[] = []
    for await (const page of paginateListUsers({ client: ids, pageSize: 3 }, { IdentityStoreId: STORE }))
      seen.push(...(page.Users ?? []).map((u) => u.UserName!))
    expect(seen).toEqual(names)
    const filtered = await ids.send(
      new ListUsersCommand({
        IdentityStoreId: STORE,
        Filters: [{ AttributePath: 'UserName', AttributeValue: 'c@acme.com' }],
      }),
    )
    expect(filtered.Users?.map((u) => u.UserName)).toEqual(['c@acme.com'])
    const byTitle = await failure(
      ids.send(
        new ListUsersCommand({ IdentityStoreId: STORE, Filters: [{ AttributePath: 'Title', AttributeValue: 'x' }] }),
      ),
    )
    expect(byTitle).toBeInstanceOf(ValidationException)
  })
})

describe('user status', () => {
  it('UserStatus is read-only through the API; the SCIM side (a sandbox control) disables a user', async () => {
    const { s, ids } = await setup()
    const userId = (await userIdBy(ids, 'userName', 'jamie.doe@acme.com'))!
    const res = await fetch(`${s.url}/__sandbox/user-status`, {
      method: 'POST',
      body: JSON.stringify({ userName: 'jamie.doe@acme.com', status: 'DISABLED' }),
    })
    expect(res.status).toBe(200)
    const user = await ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: userId }))
    expect(user.UserStatus).toBe('DISABLED')
    // A disabled user is still found: disabling is not deleting.
    expect(await userIdBy(ids, 'emails.value', 'jamie.doe@acme.com')).toBe(userId)
    const bad = await fetch(`${s.url}/__sandbox/user-status`, {
      method: 'POST',
      body: JSON.stringify({ userName: 'jamie.doe@acme.com', status: 'SUSPENDED' }),
    })
    expect(bad.status).toBe(400)
  })
})

describe('pagination survives removals', () => {
  it('a NextToken still resumes after its last user was deleted between pages', async () => {
    const names = ['a@acme.com', 'b@acme.com', 'c@acme.com', 'd@acme.com']
    const { ids } = await setup({}, { users: names.map((userName) => ({ userName })) })
    const first = await ids.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: 2 }))
    await ids.send(new DeleteUserCommand({ IdentityStoreId: STORE, UserId: first.Users![1]!.UserId }))
    const second = await ids.send(new ListUsersCommand({ IdentityStoreId: STORE, NextToken: first.NextToken }))
    expect(second.Users?.map((u) => u.UserName)).toEqual(['c@acme.com', 'd@acme.com'])
    const foreign = await failure(
      ids.send(new ListGroupsCommand({ IdentityStoreId: STORE, NextToken: first.NextToken })),
    )
    expect(foreign).toBeInstanceOf(ValidationException)
  })
})

describe('groups and memberships', () => {
  it('GetGroupId by display name; membership create, find, list both ways, IsMemberInGroups, delete', async () => {
    const { ids } = await setup()
    const groupId = (
      await ids.send(
        new GetGroupIdCommand({
          IdentityStoreId: STORE,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'aws-engineering' } },
        }),
      )
    ).GroupId!
    const finance = (
      await ids.send(
        new GetGroupIdCommand({
          IdentityStoreId: STORE,
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'aws-finance' } },
        }),
      )
    ).GroupId!
    const groups = await ids.send(new ListGroupsCommand({ IdentityStoreId: STORE }))
    expect(groups.Groups).toEqual([
      {
        GroupId: groupId,
        DisplayName: 'aws-engineering',
        Description: 'Engineers',
        CreatedAt: new Date(T0),
        UpdatedAt: new Date(T0),
        IdentityStoreId: STORE,
      },
      expect.objectContaining({ GroupId: finance, DisplayName: 'aws-finance' }),
    ])
    const userId = (await userIdBy(ids, 'userName', 'jamie.doe@acme.com'))!
    const member = { UserId: userId }
    const created = await ids.send(
      new CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId: groupId, MemberId: member }),
    )
    expect(created.MembershipId).toMatch(ID)
    const dup = await failure(
      ids.send(new CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId: groupId, MemberId: member })),
    )
    expect(dup).toBeInstanceOf(ConflictException)
    const found = await ids.send(
      new GetGroupMembershipIdCommand({ IdentityStoreId: STORE, GroupId: groupId, MemberId: member }),
    )
    expect(found.MembershipId).toBe(created.MembershipId)
    const expected = {
      IdentityStoreId: STORE,
      MembershipId: created.MembershipId,
      GroupId: groupId,
      MemberId: member,
      CreatedAt: new Date(T0),
      UpdatedAt: new Date(T0),
    }
    expect(
      (await ids.send(new ListGroupMembershipsCommand({ IdentityStoreId: STORE, GroupId: groupId }))).GroupMemberships,
    ).toEqual([expected])
    expect(
      (await ids.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: STORE, MemberId: member })))
        .GroupMemberships,
    ).toEqual([expected])
    const inGroups = await ids.send(
      new IsMemberInGroupsCommand({ IdentityStoreId: STORE, MemberId: member, GroupIds: [groupId, finance] }),
    )
    expect(inGroups.Results).toEqual([
      { GroupId: groupId, MemberId: member, MembershipExists: true },
      { GroupId: finance, MemberId: member, MembershipExists: false },
    ])
    await ids.send(new DeleteGroupMembershipCommand({ IdentityStoreId: STORE, MembershipId: created.MembershipId }))
    const after = await failure(
      ids.send(new GetGroupMembershipIdCommand({ IdentityStoreId: STORE, GroupId: groupId, MemberId: member })),
    )
    expect(after).toBeInstanceOf(ResourceNotFoundException)
    expect(after.ResourceType).toBe('GROUP_MEMBERSHIP')
  })
})

describe('groups created through the API', () => {
  it('CreateGroup, DescribeGroup, a duplicate display name, DescribeGroupMembership', async () => {
    const { ids } = await setup()
    const created = await ids.send(
      new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: 'aws-data', Description: 'Data team' }),
    )
    expect(created).toMatchObject({ GroupId: expect.stringMatching(ID), IdentityStoreId: STORE })
    const { $metadata: _m, ...group } = await ids.send(
      new DescribeGroupCommand({ IdentityStoreId: STORE, GroupId: created.GroupId }),
    )
    expect(group).toEqual({
      GroupId: created.GroupId,
      DisplayName: 'aws-data',
      Description: 'Data team',
      CreatedAt: new Date(T0),
      UpdatedAt: new Date(T0),
      IdentityStoreId: STORE,
    })
    const dup = await failure(ids.send(new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: 'aws-data' })))
    expect(dup).toBeInstanceOf(ConflictException)
    const member = { UserId: (await userIdBy(ids, 'userName', 'jamie.doe@acme.com'))! }
    const m = await ids.send(
      new CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId: created.GroupId, MemberId: member }),
    )
    const described = await ids.send(
      new DescribeGroupMembershipCommand({ IdentityStoreId: STORE, MembershipId: m.MembershipId }),
    )
    expect(described).toMatchObject({ MembershipId: m.MembershipId, GroupId: created.GroupId, MemberId: member })
  })
})

describe('eventual consistency', () => {
  it('inside the window a new user is not found yet and a deleted membership is still seen', async () => {
    const { s, ids, emulator } = await setup({ consistency: { windowMs: 500 } })
    const created = await ids.send(new CreateUserCommand(newUser('sam.lee@acme.com')))
    const early = await failure(userIdBy(ids, 'userName', 'sam.lee@acme.com'))
    expect(early).toBeInstanceOf(ResourceNotFoundException)
    s.clock.advance(500)
    expect(await userIdBy(ids, 'userName', 'sam.lee@acme.com')).toBe(created.UserId)

    const groupId = emulator.groupIdOf('aws-engineering')!
    const member = { UserId: created.UserId! }
    const m = await ids.send(
      new CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId: groupId, MemberId: member }),
    )
    s.clock.advance(500)
    await ids.send(new DeleteGroupMembershipCommand({ IdentityStoreId: STORE, MembershipId: m.MembershipId }))
    const stale = await ids.send(
      new IsMemberInGroupsCommand({ IdentityStoreId: STORE, MemberId: member, GroupIds: [groupId] }),
    )
    expect(stale.Results?.[0]?.MembershipExists).toBe(true)
    s.clock.advance(500)
    const fresh = await ids.send(
      new IsMemberInGroupsCommand({ IdentityStoreId: STORE, MemberId: member, GroupIds: [groupId] }),
    )
    expect(fresh.Results?.[0]?.MembershipExists).toBe(false)
  })
})

describe('limits, faults and authorization', () => {
  it('over the request rate is the SDK ThrottlingException with Retry-After', async () => {
    const { s, ids } = await setup({ limits: { enabled: true, requestsPerSecond: 5 } })
    for (let i = 0; i < 5; i++) await ids.send(new ListGroupsCommand({ IdentityStoreId: STORE }))
    const e = await failure(ids.send(new ListGroupsCommand({ IdentityStoreId: STORE })))
    expect(e).toBeInstanceOf(ThrottlingException)
    expect(e.$metadata.httpStatusCode).toBe(400)
    expect(e.RetryAfterSeconds).toBe(1)
    expect(s.log.counters().limited).toBe(1)
  })

  it('a lie fault answers a CreateUser that keeps nothing', async () => {
    const { s, ids } = await setup()
    s.faults.script({ match: { route: 'IdentityStore CreateUser' }, times: 1, lie: true })
    const created = await ids.send(new CreateUserCommand(newUser('sam.lee@acme.com')))
    expect(created.UserId).toMatch(ID)
    const e = await failure(ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: created.UserId })))
    expect(e).toBeInstanceOf(ResourceNotFoundException)
  })

  it('calls are authorized against the caller policy, user and identity store ARNs both', async () => {
    const storeArn = `arn:aws:identitystore::123456789012:identitystore/${STORE}`
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['identitystore:GetUserId', 'identitystore:CreateUser'],
          Resource: [storeArn, 'arn:aws:identitystore:::user/*'],
        },
      ],
    })
    const { ids } = await setup(
      { callerPolicy: policy, callerAccessKeyId: 'AKIAONRAMPCALLER0000' },
      SEED,
      'AKIAONRAMPCALLER0000',
    )
    const userId = await userIdBy(ids, 'userName', 'jamie.doe@acme.com')
    const e = await failure(ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: userId })))
    expect(e).toBeInstanceOf(AccessDeniedException)
    expect(e.$metadata.httpStatusCode).toBe(400)
    const who = 'User: arn:aws:sts::123456789012:assumed-role/onramp-automation/onramp is not authorized to perform'
    const why = 'because no identity-based policy allows the identitystore:DescribeUser action'
    expect(e.message).toBe(
      `${who}: identitystore:DescribeUser on resource: arn:aws:identitystore:::user/${userId} ${why}, ` +
        `${who}: identitystore:DescribeUser on resource: ${storeArn} ${why}`,
    )
    // Another identity store is refused as such, not reported missing.
    const other = await failure(
      ids.send(
        new GetUserIdCommand({
          IdentityStoreId: 'd-9999999999',
          AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'jamie.doe@acme.com' } },
        }),
      ),
    )
    expect(other).toBeInstanceOf(AccessDeniedException)
    expect(other.message).toContain('on resource: arn:aws:identitystore::123456789012:identitystore/d-9999999999')
  })
})
