// The IAM emulator driven through the official @aws-sdk/client-iam: every output asserted in full, so a
// misnamed XML element (which the SDK silently drops) fails here.
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteConflictException,
  DeleteLoginProfileCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DeleteVirtualMFADeviceCommand,
  DetachUserPolicyCommand,
  EntityAlreadyExistsException,
  EntityTemporarilyUnmodifiableException,
  GetGroupCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetUserCommand,
  IAMClient,
  IAMServiceException,
  InvalidInputException,
  LimitExceededException,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  ListVirtualMFADevicesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PasswordPolicyViolationException,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  paginateListUsers,
  RemoveUserFromGroupCommand,
  ServiceFailureException,
  SimulatePrincipalPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam'
import { ConfiguredRetryStrategy } from '@smithy/util-retry'
import { afterAll, describe, expect, it } from 'vitest'
import { IAM_NAMESPACE, IamEmulator, type IamOptions, type IamSeed, iamFault } from '../src/emulators/iam.js'
import { type Started, startEmulator } from './helpers.js'

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0)
const T0_DATE = new Date(T0)
const ACCOUNT = '123456789012'
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/onramp/Boundary`
const USER_ID = /^AIDA[A-Z2-7]{17}$/

const running: Started<IamEmulator>[] = []
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()))
})

/** A fresh emulator on a frozen clock (timeScale 0: time moves only by advance()), and a client for it. */
async function setup(options: IamOptions = {}, seed?: IamSeed, accessKeyId = 'test') {
  const s = await startEmulator((k) => new IamEmulator(options, k), { timeScale: 0, startAt: T0 })
  running.push(s)
  if (seed) s.emulator.seed(seed)
  const iam = new IAMClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'test' },
    // Fixed 10 ms between attempts, 3 attempts in all (external-apis.md §2.3).
    retryStrategy: new ConfiguredRetryStrategy(3, 10),
  })
  return { s, iam, emulator: s.emulator }
}

async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

const post = (url: string, form: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(form).toString(),
  })

describe('IAM wire format', () => {
  it('answers text/xml in the IAM namespace with x-amzn-requestid matching the body', async () => {
    const { s } = await setup()
    const res = await post(s.url, { Action: 'CreateUser', Version: '2010-05-08', UserName: 'jdoe' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/xml')
    const body = await res.text()
    const id = res.headers.get('x-amzn-requestid')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.startsWith(`<CreateUserResponse xmlns="${IAM_NAMESPACE}"><CreateUserResult><User>`)).toBe(true)
    expect(body).toContain(`<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></CreateUserResponse>`)
    expect(body).toContain('<CreateDate>2026-11-26T09:00:00Z</CreateDate>')
  })

  it('errors are an ErrorResponse with Type, Code, Message and a top-level RequestId', async () => {
    const { s } = await setup()
    const res = await post(s.url, { Action: 'GetUser', Version: '2010-05-08', UserName: 'ghost' })
    expect(res.status).toBe(404)
    const id = res.headers.get('x-amzn-requestid')
    expect(await res.text()).toBe(
      `<ErrorResponse xmlns="${IAM_NAMESPACE}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
        `<Message>The user with name ghost cannot be found.</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`,
    )
  })

  it('an unknown Action is InvalidAction 400; no Action is MissingAction 400', async () => {
    const { s, iam } = await setup()
    const res = await post(s.url, { Action: 'LaunchRockets', Version: '2010-05-08' })
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).toContain('<Code>InvalidAction</Code>')
    expect(text).toContain('<Message>Could not find operation LaunchRockets for version 2010-05-08</Message>')
    const missing = await post(s.url, { Version: '2010-05-08' })
    expect(missing.status).toBe(400)
    expect(await missing.text()).toContain('<Code>MissingAction</Code>')
    // The SDK needs no special casing: a GET with the query in the URL works the same (awsQuery allows it).
    const get = await fetch(`${s.url}/?Action=ListUsers&Version=2010-05-08`)
    expect(get.status).toBe(200)
    expect(await get.text()).toContain('<ListUsersResult><Users></Users><IsTruncated>false</IsTruncated>')
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([])
  })

  it('logs route ids `IAM <Action>`; Get*/List* are reads, the rest mutating', async () => {
    const { s, iam } = await setup()
    await iam.send(new CreateUserCommand({ UserName: 'jdoe' }))
    await iam.send(new GetUserCommand({ UserName: 'jdoe' }))
    await iam.send(new ListUsersCommand({}))
    expect(s.log.list().map((e) => [e.route, e.mutating, e.status])).toEqual([
      ['IAM CreateUser', true, 200],
      ['IAM GetUser', false, 200],
      ['IAM ListUsers', false, 200],
    ])
  })
})

describe('IAM users', () => {
  it('CreateUser returns the full User, with boundary and tags; GetUser returns the same', async () => {
    const { iam, emulator } = await setup({}, { policies: [{ arn: BOUNDARY }] })
    const out = await iam.send(
      new CreateUserCommand({
        UserName: 'jdoe',
        Path: '/onramp/',
        PermissionsBoundary: BOUNDARY,
        Tags: [
          { Key: 'employee-id', Value: 'E1042' },
          { Key: 'team', Value: 'eng' },
        ],
      }),
    )
    const user = {
      Path: '/onramp/',
      UserName: 'jdoe',
      UserId: expect.stringMatching(USER_ID),
      Arn: `arn:aws:iam::${ACCOUNT}:user/onramp/jdoe`,
      CreateDate: T0_DATE,
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: BOUNDARY },
      Tags: [
        { Key: 'employee-id', Value: 'E1042' },
        { Key: 'team', Value: 'eng' },
      ],
    }
    expect(out.User).toEqual(user)
    expect(out.$metadata.httpStatusCode).toBe(200)
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
    const got = await iam.send(new GetUserCommand({ UserName: 'JDOE' })) // names are case-insensitive
    expect(got.User).toEqual({ ...user, UserId: out.User!.UserId })
    expect(emulator.user('jdoe')).toMatchObject({ path: '/onramp/', boundary: BOUNDARY })
  })

  it('a plain user has only the required members; GetUser without a name describes the signing user', async () => {
    const { s, emulator } = await setup({}, { users: [{ userName: 'ci-bot' }] })
    const { accessKeyId } = emulator.createAccessKey('ci-bot')
    const asBot = new IAMClient({
      endpoint: s.url,
      region: 'us-east-1',
      credentials: { accessKeyId, secretAccessKey: 'x' },
      retryStrategy: new ConfiguredRetryStrategy(3, 10),
    })
    const me = await asBot.send(new GetUserCommand({}))
    expect(me.User).toEqual({
      Path: '/',
      UserName: 'ci-bot',
      UserId: emulator.user('ci-bot')!.userId,
      Arn: `arn:aws:iam::${ACCOUNT}:user/ci-bot`,
      CreateDate: T0_DATE,
    })
    const { iam } = await setup()
    const err = await failure(iam.send(new GetUserCommand({})))
    expect(err).toBeInstanceOf(IAMServiceException)
    expect(err.name).toBe('ValidationError')
    expect(err.$metadata.httpStatusCode).toBe(400)
    expect(err.message).toBe('Must specify userName when calling with non-User credentials')
  })

  it('user names are unique case-insensitively: EntityAlreadyExists 409', async () => {
    const { iam } = await setup({}, { users: [{ userName: 'jdoe' }] })
    const err = await failure(iam.send(new CreateUserCommand({ UserName: 'JDoe' })))
    expect(err).toBeInstanceOf(EntityAlreadyExistsException)
    expect(err.name).toBe('EntityAlreadyExistsException')
    expect(err.$fault).toBe('client')
    expect(err.$metadata).toMatchObject({ httpStatusCode: 409, attempts: 1 })
    expect(err.message).toBe('User with name JDoe already exists.')
    expect(err.Error).toEqual({ Type: 'Sender', Code: 'EntityAlreadyExists', Message: err.message })
  })

  it('NoSuchEntity 404 for a missing user, group, policy or boundary', async () => {
    const { iam } = await setup({}, { users: [{ userName: 'jdoe' }] })
    const cases: [Promise<unknown>, string][] = [
      [iam.send(new GetUserCommand({ UserName: 'ghost' })), 'The user with name ghost cannot be found.'],
      [
        iam.send(new AddUserToGroupCommand({ UserName: 'jdoe', GroupName: 'nope' })),
        'The group with name nope cannot be found.',
      ],
      [
        iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Nope` })),
        `Policy arn:aws:iam::${ACCOUNT}:policy/Nope does not exist or is not attachable.`,
      ],
      [
        iam.send(new CreateUserCommand({ UserName: 'x', PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Nope` })),
        `Scope ARN: arn:aws:iam::${ACCOUNT}:policy/Nope does not exist or is not attachable.`,
      ],
      [iam.send(new GetGroupCommand({ GroupName: 'nope' })), 'The group with name nope cannot be found.'],
      [
        iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Nope` })),
        `Policy arn:aws:iam::${ACCOUNT}:policy/Nope was not found.`,
      ],
    ]
    for (const [call, message] of cases) {
      const err = await failure(call)
      expect(err).toBeInstanceOf(NoSuchEntityException)
      expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual(['NoSuchEntityException', 404, message])
    }
  })

  it('names, paths and tags are validated: ValidationError 400, duplicate tag keys InvalidInput 400', async () => {
    const { iam } = await setup()
    // Real messages: wallix/awless#277 (userName), cfn-lint#722 (path).
    const cases: [Promise<unknown>, string, string][] = [
      [
        iam.send(new CreateUserCommand({ UserName: 'j doe' })),
        'ValidationError',
        'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
      ],
      [
        iam.send(new CreateUserCommand({ UserName: 'a'.repeat(65) })),
        'ValidationError',
        `1 validation error detected: Value '${'a'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      ],
      [
        iam.send(new CreateUserCommand({ UserName: 'jdoe', Path: 'onramp/' })),
        'ValidationError',
        'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
      ],
      [
        iam.send(
          new CreateUserCommand({
            UserName: 'jdoe',
            Tags: [
              { Key: 'Team', Value: 'a' },
              { Key: 'team', Value: 'b' },
            ],
          }),
        ),
        'InvalidInputException',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      ],
      [
        iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'not-an-arn' })),
        'InvalidInputException',
        'ARN not-an-arn is not valid.',
      ],
    ]
    for (const [call, name, message] of cases) {
      const err = await failure(call)
      expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual([name, 400, message])
      if (name === 'InvalidInputException') expect(err).toBeInstanceOf(InvalidInputException)
    }
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([])
  })

  it('ListUsers filters by PathPrefix and pages with Marker/MaxItems, without boundary or tags', async () => {
    const names = ['amy', 'Bob', 'carl', 'dora', 'eve']
    const { iam } = await setup(
      {},
      {
        users: [
          ...names.map((userName) => ({ userName, path: '/onramp/', tags: { team: 'eng' } })),
          { userName: 'admin', path: '/ops/' },
        ],
      },
    )
    const first = await iam.send(new ListUsersCommand({ PathPrefix: '/onramp/', MaxItems: 2 }))
    expect(first.IsTruncated).toBe(true)
    expect(first.Marker).toEqual(expect.any(String))
    expect(first.Users).toEqual([
      {
        Path: '/onramp/',
        UserName: 'amy',
        UserId: expect.stringMatching(USER_ID),
        Arn: `arn:aws:iam::${ACCOUNT}:user/onramp/amy`,
        CreateDate: T0_DATE,
      },
      {
        Path: '/onramp/',
        UserName: 'Bob',
        UserId: expect.stringMatching(USER_ID),
        Arn: `arn:aws:iam::${ACCOUNT}:user/onramp/Bob`,
        CreateDate: T0_DATE,
      },
    ])
    const second = await iam.send(new ListUsersCommand({ PathPrefix: '/onramp/', MaxItems: 2, Marker: first.Marker }))
    expect(second.Users!.map((u) => u.UserName)).toEqual(['carl', 'dora'])
    const third = await iam.send(new ListUsersCommand({ PathPrefix: '/onramp/', MaxItems: 2, Marker: second.Marker }))
    expect(third.Users!.map((u) => u.UserName)).toEqual(['eve'])
    expect(third.IsTruncated).toBe(false)
    expect(third.Marker).toBeUndefined()

    const all: string[] = []
    for await (const page of paginateListUsers({ client: iam, pageSize: 4 }, {})) {
      all.push(...page.Users!.map((u) => u.UserName!))
    }
    expect(all).toEqual(['admin', 'amy', 'Bob', 'carl', 'dora', 'eve'])

    const bad = await failure(iam.send(new ListUsersCommand({ PathPrefix: 'onramp' })))
    expect([bad.name, bad.$metadata.httpStatusCode]).toEqual(['ValidationError', 400])
    const tooMany = await failure(iam.send(new ListUsersCommand({ MaxItems: 1001 })))
    expect([tooMany.name, tooMany.$metadata.httpStatusCode]).toEqual(['ValidationError', 400])
  })

  it('TagUser adds and overwrites, UntagUser removes, ListUserTags lists and pages', async () => {
    const { iam } = await setup({}, { users: [{ userName: 'jdoe', tags: { team: 'eng' } }] })
    const tag = await iam.send(
      new TagUserCommand({
        UserName: 'jdoe',
        Tags: [
          { Key: 'team', Value: 'platform' },
          { Key: 'cost-center', Value: '42' },
          { Key: 'manager', Value: 'E7' },
        ],
      }),
    )
    expect(tag.$metadata.httpStatusCode).toBe(200)
    const listed = await iam.send(new ListUserTagsCommand({ UserName: 'jdoe' }))
    expect(listed.Tags).toEqual([
      { Key: 'team', Value: 'platform' },
      { Key: 'cost-center', Value: '42' },
      { Key: 'manager', Value: 'E7' },
    ])
    expect(listed.IsTruncated).toBe(false)
    const page = await iam.send(new ListUserTagsCommand({ UserName: 'jdoe', MaxItems: 2 }))
    expect(page.Tags).toHaveLength(2)
    expect(page.IsTruncated).toBe(true)
    const rest = await iam.send(new ListUserTagsCommand({ UserName: 'jdoe', Marker: page.Marker }))
    expect([...page.Tags!, ...rest.Tags!]).toEqual(listed.Tags)
    expect(rest.IsTruncated).toBe(false)

    await iam.send(new UntagUserCommand({ UserName: 'jdoe', TagKeys: ['manager', 'absent'] }))
    expect((await iam.send(new GetUserCommand({ UserName: 'jdoe' }))).User!.Tags).toEqual([
      { Key: 'team', Value: 'platform' },
      { Key: 'cost-center', Value: '42' },
    ])
  })

  it('Put/DeleteUserPermissionsBoundary set and clear the boundary; the policy must exist', async () => {
    const { iam } = await setup({}, { policies: [{ arn: BOUNDARY }], users: [{ userName: 'jdoe' }] })
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'jdoe', PermissionsBoundary: BOUNDARY }))
    expect((await iam.send(new GetUserCommand({ UserName: 'jdoe' }))).User!.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: BOUNDARY,
    })
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: BOUNDARY }))
    expect(policy.Policy!.PermissionsBoundaryUsageCount).toBe(1)
    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'jdoe' }))
    expect((await iam.send(new GetUserCommand({ UserName: 'jdoe' }))).User!.PermissionsBoundary).toBeUndefined()
    const err = await failure(
      iam.send(
        new PutUserPermissionsBoundaryCommand({
          UserName: 'jdoe',
          PermissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/Missing`,
        }),
      ),
    )
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['NoSuchEntityException', 404])
  })
})

describe('IAM policies and groups', () => {
  it('Attach/Detach/ListAttachedUserPolicies with AWS managed and customer policies', async () => {
    const { iam } = await setup({}, { policies: [{ name: 'S3Team', path: '/onramp/' }], users: [{ userName: 'jdoe' }] })
    const customer = `arn:aws:iam::${ACCOUNT}:policy/onramp/S3Team`
    const readOnly = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
    const viewOnly = 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'
    for (const PolicyArn of [readOnly, customer, viewOnly, readOnly]) {
      const out = await iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn }))
      expect(out.$metadata.httpStatusCode).toBe(200) // attaching twice is a no-op
    }
    const listed = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'jdoe' }))
    expect(listed.AttachedPolicies).toEqual([
      { PolicyName: 'ReadOnlyAccess', PolicyArn: readOnly },
      { PolicyName: 'S3Team', PolicyArn: customer },
      { PolicyName: 'ViewOnlyAccess', PolicyArn: viewOnly },
    ])
    expect(listed.IsTruncated).toBe(false)
    expect(listed.Marker).toBeUndefined()
    const scoped = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'jdoe', PathPrefix: '/onramp/' }))
    expect(scoped.AttachedPolicies).toEqual([{ PolicyName: 'S3Team', PolicyArn: customer }])
    const paged = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'jdoe', MaxItems: 1 }))
    expect([paged.AttachedPolicies!.length, paged.IsTruncated]).toEqual([1, true])

    await iam.send(new DetachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: readOnly }))
    const after = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'jdoe' }))
    expect(after.AttachedPolicies!.map((p) => p.PolicyName)).toEqual(['S3Team', 'ViewOnlyAccess'])
    const again = await failure(iam.send(new DetachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: readOnly })))
    expect([again.name, again.$metadata.httpStatusCode, again.message]).toEqual([
      'NoSuchEntityException',
      404,
      `Policy ${readOnly} was not found.`,
    ])
  })

  it('AWS managed policies can be restricted to a list', async () => {
    const { iam } = await setup({ awsManagedPolicies: ['ReadOnlyAccess'] }, { users: [{ userName: 'jdoe' }] })
    await iam.send(
      new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    )
    const err = await failure(
      iam.send(
        new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      ),
    )
    expect([err.name, err.$metadata.httpStatusCode]).toEqual(['NoSuchEntityException', 404])
  })

  it('CreatePolicy and GetPolicy return the full Policy', async () => {
    const { iam } = await setup({}, { users: [{ userName: 'jdoe' }] })
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] })
    const created = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'Boundary',
        Path: '/onramp/',
        PolicyDocument: document,
        Description: 'onramp boundary',
        Tags: [{ Key: 'owner', Value: 'security' }],
      }),
    )
    const policy = {
      PolicyName: 'Boundary',
      PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
      Arn: BOUNDARY,
      Path: '/onramp/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Description: 'onramp boundary',
      CreateDate: T0_DATE,
      UpdateDate: T0_DATE,
      Tags: [{ Key: 'owner', Value: 'security' }],
    }
    expect(created.Policy).toEqual(policy)
    await iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: BOUNDARY }))
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: BOUNDARY }))
    expect(got.Policy).toEqual({ ...policy, PolicyId: created.Policy!.PolicyId, AttachmentCount: 1 })

    const managed = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))
    expect(managed.Policy).toEqual({
      PolicyName: 'ReadOnlyAccess',
      PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
      Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: new Date('2015-02-06T18:39:46Z'),
      UpdateDate: new Date('2015-02-06T18:39:46Z'),
    })

    const dup = await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: document })))
    expect(dup).toBeInstanceOf(EntityAlreadyExistsException)
    expect(dup.message).toBe('A policy called boundary already exists. Duplicate names are not allowed.')
    const bad = await failure(iam.send(new CreatePolicyCommand({ PolicyName: 'Bad', PolicyDocument: '{' })))
    expect(bad).toBeInstanceOf(MalformedPolicyDocumentException)
    expect(bad.$metadata.httpStatusCode).toBe(400)
  })

  it('CreateGroup, AddUserToGroup, ListGroupsForUser, GetGroup, RemoveUserFromGroup', async () => {
    const { iam } = await setup({}, { users: [{ userName: 'jdoe' }, { userName: 'amy' }] })
    const created = await iam.send(new CreateGroupCommand({ GroupName: 'developers', Path: '/onramp/' }))
    const group = {
      Path: '/onramp/',
      GroupName: 'developers',
      GroupId: expect.stringMatching(/^AGPA[A-Z2-7]{17}$/),
      Arn: `arn:aws:iam::${ACCOUNT}:group/onramp/developers`,
      CreateDate: T0_DATE,
    }
    expect(created.Group).toEqual(group)
    await iam.send(new CreateGroupCommand({ GroupName: 'auditors' }))
    const dup = await failure(iam.send(new CreateGroupCommand({ GroupName: 'Developers' })))
    expect([dup.name, dup.$metadata.httpStatusCode, dup.message]).toEqual([
      'EntityAlreadyExistsException',
      409,
      'Group with name Developers already exists.',
    ])

    for (const [UserName, GroupName] of [
      ['jdoe', 'developers'],
      ['jdoe', 'auditors'],
      ['amy', 'developers'],
      ['jdoe', 'developers'],
    ]) {
      await iam.send(new AddUserToGroupCommand({ UserName, GroupName }))
    }
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'jdoe' }))
    expect(groups.Groups).toEqual([
      {
        Path: '/',
        GroupName: 'auditors',
        GroupId: expect.stringMatching(/^AGPA/),
        Arn: `arn:aws:iam::${ACCOUNT}:group/auditors`,
        CreateDate: T0_DATE,
      },
      { ...group, GroupId: created.Group!.GroupId },
    ])
    expect(groups.IsTruncated).toBe(false)

    const got = await iam.send(new GetGroupCommand({ GroupName: 'developers' }))
    expect(got.Group).toEqual({ ...group, GroupId: created.Group!.GroupId })
    expect(got.Users!.map((u) => u.UserName)).toEqual(['amy', 'jdoe'])
    expect(got.Users![0]).toEqual({
      Path: '/',
      UserName: 'amy',
      UserId: expect.stringMatching(USER_ID),
      Arn: `arn:aws:iam::${ACCOUNT}:user/amy`,
      CreateDate: T0_DATE,
    })
    expect(got.IsTruncated).toBe(false)
    const page = await iam.send(new GetGroupCommand({ GroupName: 'developers', MaxItems: 1 }))
    expect([page.Users!.map((u) => u.UserName), page.IsTruncated]).toEqual([['amy'], true])

    await iam.send(new RemoveUserFromGroupCommand({ UserName: 'jdoe', GroupName: 'developers' }))
    const left = await iam.send(new ListGroupsForUserCommand({ UserName: 'jdoe' }))
    expect(left.Groups!.map((g) => g.GroupName)).toEqual(['auditors'])
    const notIn = await failure(iam.send(new RemoveUserFromGroupCommand({ UserName: 'jdoe', GroupName: 'developers' })))
    expect([notIn.name, notIn.$metadata.httpStatusCode]).toEqual(['NoSuchEntityException', 404])
  })
})

describe('IAM credentials', () => {
  it('Create/Get/DeleteLoginProfile', async () => {
    const { iam } = await setup({}, { users: [{ userName: 'jdoe' }] })
    const created = await iam.send(
      new CreateLoginProfileCommand({ UserName: 'jdoe', Password: 'Correct-Horse-9', PasswordResetRequired: true }),
    )
    const profile = { UserName: 'jdoe', CreateDate: T0_DATE, PasswordResetRequired: true }
    expect(created.LoginProfile).toEqual(profile)
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'jdoe' }))).LoginProfile).toEqual(profile)
    const twice = await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'jdoe', Password: 'Another-pw-1' })))
    expect([twice.name, twice.$metadata.httpStatusCode, twice.message]).toEqual([
      'EntityAlreadyExistsException',
      409,
      'Login Profile for user jdoe already exists.',
    ])
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'jdoe' }))
    const gone = await failure(iam.send(new GetLoginProfileCommand({ UserName: 'jdoe' })))
    expect([gone.name, gone.$metadata.httpStatusCode, gone.message]).toEqual([
      'NoSuchEntityException',
      404,
      'Login Profile for User jdoe cannot be found.',
    ])
    const weak = await failure(iam.send(new CreateLoginProfileCommand({ UserName: 'jdoe', Password: 'short' })))
    expect(weak).toBeInstanceOf(PasswordPolicyViolationException)
    expect(weak.$metadata.httpStatusCode).toBe(400)
  })

  it('CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey; at most 2 keys', async () => {
    const { iam } = await setup({}, { users: [{ userName: 'jdoe' }] })
    const created = await iam.send(new CreateAccessKeyCommand({ UserName: 'jdoe' }))
    expect(created.AccessKey).toEqual({
      UserName: 'jdoe',
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      Status: 'Active',
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      CreateDate: T0_DATE,
    })
    const id = created.AccessKey!.AccessKeyId!
    const second = await iam.send(new CreateAccessKeyCommand({ UserName: 'jdoe' }))
    const third = await failure(iam.send(new CreateAccessKeyCommand({ UserName: 'jdoe' })))
    expect(third).toBeInstanceOf(LimitExceededException)
    expect(third.message).toBe('Cannot exceed quota for AccessKeysPerUser: 2')

    await iam.send(new UpdateAccessKeyCommand({ UserName: 'jdoe', AccessKeyId: id, Status: 'Inactive' }))
    const listed = await iam.send(new ListAccessKeysCommand({ UserName: 'jdoe' }))
    expect(listed.AccessKeyMetadata).toEqual([
      { UserName: 'jdoe', AccessKeyId: id, Status: 'Inactive', CreateDate: T0_DATE },
      { UserName: 'jdoe', AccessKeyId: second.AccessKey!.AccessKeyId, Status: 'Active', CreateDate: T0_DATE },
    ])
    expect(listed.IsTruncated).toBe(false)
    const page = await iam.send(new ListAccessKeysCommand({ UserName: 'jdoe', MaxItems: 1 }))
    const rest = await iam.send(new ListAccessKeysCommand({ UserName: 'jdoe', Marker: page.Marker }))
    expect([...page.AccessKeyMetadata!, ...rest.AccessKeyMetadata!]).toEqual(listed.AccessKeyMetadata)
    expect([page.IsTruncated, rest.IsTruncated]).toEqual([true, false])

    await iam.send(new DeleteAccessKeyCommand({ UserName: 'jdoe', AccessKeyId: id }))
    const after = await iam.send(new ListAccessKeysCommand({ UserName: 'jdoe' }))
    expect(after.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual([second.AccessKey!.AccessKeyId])
    const missing = await failure(iam.send(new DeleteAccessKeyCommand({ UserName: 'jdoe', AccessKeyId: id })))
    expect([missing.name, missing.$metadata.httpStatusCode, missing.message]).toEqual([
      'NoSuchEntityException',
      404,
      `The Access Key with id ${id} cannot be found.`,
    ])
    const badStatus = await failure(
      iam.send(new UpdateAccessKeyCommand({ UserName: 'jdoe', AccessKeyId: id, Status: 'Revoked' as 'Active' })),
    )
    expect([badStatus.name, badStatus.$metadata.httpStatusCode]).toEqual(['ValidationError', 400])
  })
})

describe('IAM DeleteUser', () => {
  it('refuses with DeleteConflict 409 until login profile, keys, policies and groups are gone', async () => {
    const { iam, emulator } = await setup(
      {},
      {
        groups: ['developers'],
        users: [
          {
            userName: 'leaver',
            groups: ['developers'],
            policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
            accessKeys: 1,
            loginProfile: true,
          },
        ],
      },
    )
    // DeleteUser API reference: "Before attempting to delete a user, remove the following items: Password
    // (DeleteLoginProfile), Access keys (DeleteAccessKey), ..., Attached managed policies (DetachUserPolicy),
    // Group memberships (RemoveUserFromGroup)". Each refusal names the first item still present.
    const conflicts: [string, () => Promise<unknown>][] = [
      [
        'Cannot delete entity, must delete login profile first.',
        () => iam.send(new DeleteLoginProfileCommand({ UserName: 'leaver' })),
      ],
      [
        'Cannot delete entity, must delete access keys first.',
        () =>
          iam.send(
            new DeleteAccessKeyCommand({
              UserName: 'leaver',
              AccessKeyId: emulator.user('leaver')!.accessKeys[0]!.accessKeyId,
            }),
          ),
      ],
      [
        'Cannot delete entity, must detach all policies first.',
        () =>
          iam.send(
            new DetachUserPolicyCommand({ UserName: 'leaver', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
          ),
      ],
      [
        'Cannot delete entity, must remove users from group first.',
        () => iam.send(new RemoveUserFromGroupCommand({ UserName: 'leaver', GroupName: 'developers' })),
      ],
    ]
    for (const [message, fix] of conflicts) {
      const err = await failure(iam.send(new DeleteUserCommand({ UserName: 'leaver' })))
      expect(err).toBeInstanceOf(DeleteConflictException)
      expect([err.name, err.$metadata.httpStatusCode, err.$metadata.attempts, err.message]).toEqual([
        'DeleteConflictException',
        409,
        1,
        message,
      ])
      await fix()
    }
    const deleted = await iam.send(new DeleteUserCommand({ UserName: 'leaver' }))
    expect(deleted.$metadata.httpStatusCode).toBe(200)
    const gone = await failure(iam.send(new GetUserCommand({ UserName: 'leaver' })))
    expect(gone).toBeInstanceOf(NoSuchEntityException)
    expect(emulator.user('leaver')).toBeUndefined()
  })
})

describe('IAM quotas', () => {
  it('LimitExceeded 409 past 10 managed policies, 10 groups and 50 tags; the SDK retries it', async () => {
    const groups = Array.from({ length: 11 }, (_, i) => `g${i}`)
    const { s, iam } = await setup(
      {},
      {
        groups,
        users: [
          {
            userName: 'jdoe',
            groups: groups.slice(0, 10),
            policies: Array.from({ length: 10 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`),
            tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])),
          },
        ],
      },
    )
    const cases: [() => Promise<unknown>, string, string][] = [
      [
        () => iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/P10' })),
        'IAM AttachUserPolicy',
        'Cannot exceed quota for PoliciesPerUser: 10',
      ],
      [
        () => iam.send(new AddUserToGroupCommand({ UserName: 'jdoe', GroupName: 'g10' })),
        'IAM AddUserToGroup',
        'Cannot exceed quota for GroupsPerUser: 10',
      ],
      [
        () => iam.send(new TagUserCommand({ UserName: 'jdoe', Tags: [{ Key: 'one-more', Value: 'v' }] })),
        'IAM TagUser',
        'The number of tags has reached the maximum limit.',
      ],
    ]
    for (const [call, route, message] of cases) {
      const err = await failure(call())
      expect(err).toBeInstanceOf(LimitExceededException)
      // Observed: `LimitExceededException` is in the SDK's throttling-error names (external-apis.md §2.3),
      // so a quota refusal is retried like a throttle and surfaces only after maxAttempts (3 here).
      expect([err.name, err.$metadata.httpStatusCode, err.$metadata.attempts, err.message]).toEqual([
        'LimitExceededException',
        409,
        3,
        message,
      ])
      expect(s.log.list({ route }).map((e) => e.status)).toEqual([409, 409, 409])
    }
    // Re-attaching what is already there is no change, so no quota applies.
    await iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/P0' }))
    await iam.send(new TagUserCommand({ UserName: 'jdoe', Tags: [{ Key: 'k0', Value: 'w' }] }))
  })

  it('quotas are configurable (the policy quota can be raised to 20)', async () => {
    const { iam } = await setup({ quotas: { policiesPerUser: 1 } }, { users: [{ userName: 'jdoe' }] })
    await iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/A' }))
    const err = await failure(
      iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/B' })),
    )
    expect(err.message).toBe('Cannot exceed quota for PoliciesPerUser: 1')
  })
})

describe('IAM throttle and faults', () => {
  it('the optional throttle answers Throttling 400 (limited in the log); the SDK retries, then surfaces it', async () => {
    const { s, iam } = await setup({ limits: { enabled: true, requestsPerSecond: 1, burst: 2 } })
    await iam.send(new ListUsersCommand({}))
    await iam.send(new ListUsersCommand({}))
    const err = await failure(iam.send(new ListUsersCommand({})))
    expect(err).toBeInstanceOf(IAMServiceException)
    expect([err.name, err.$fault, err.$metadata.httpStatusCode, err.$metadata.attempts, err.message]).toEqual([
      'Throttling',
      'client',
      400,
      3,
      'Rate exceeded',
    ])
    expect(s.log.counters().limited).toBe(3)
    s.clock.advance(1000) // one token back on the sandbox clock
    expect((await iam.send(new ListUsersCommand({}))).$metadata.attempts).toBe(1)
  })

  it('the throttle is off by default', async () => {
    const { s, iam } = await setup()
    for (let i = 0; i < 30; i++) await iam.send(new ListUsersCommand({}))
    expect(s.log.counters()).toMatchObject({ total: 30, limited: 0 })
  })

  it('an injected Throttling (status 400) is retried by the SDK and recovers', async () => {
    const { s, iam } = await setup()
    s.faults.script({ match: { route: 'IAM CreateUser' }, times: 2, respond: { status: 400 } })
    const out = await iam.send(new CreateUserCommand({ UserName: 'jdoe' }))
    expect(out.User!.UserName).toBe('jdoe')
    expect(out.$metadata.attempts).toBe(3)
    expect(s.log.list().map((e) => [e.status, e.fault])).toEqual([
      [400, 'scripted'],
      [400, 'scripted'],
      [200, undefined],
    ])
  })

  it('an injected 500 is ServiceFailure (Type Receiver), retried; three in a row surface', async () => {
    const { s, iam } = await setup()
    s.faults.script({ match: { route: 'IAM GetUser' }, times: 1, respond: { status: 500 } })
    s.emulator.seed({ users: [{ userName: 'jdoe' }] })
    const ok = await iam.send(new GetUserCommand({ UserName: 'jdoe' }))
    expect(ok.$metadata.attempts).toBe(2)

    s.faults.script({ match: { route: 'IAM GetUser' }, times: 3, respond: { status: 500 } })
    const err = await failure(iam.send(new GetUserCommand({ UserName: 'jdoe' })))
    expect(err).toBeInstanceOf(ServiceFailureException)
    expect([err.name, err.$fault, err.$metadata.httpStatusCode, err.$metadata.attempts]).toEqual([
      'ServiceFailureException',
      'server',
      500,
      3,
    ])
    expect(err.Error).toMatchObject({ Type: 'Receiver', Code: 'ServiceFailure' })
  })

  it('an injected 503 is ServiceUnavailable and retried', async () => {
    const { s, iam } = await setup()
    s.faults.script({ match: { route: 'IAM ListUsers' }, times: 2, respond: { status: 503 } })
    expect((await iam.send(new ListUsersCommand({}))).$metadata.attempts).toBe(3)
  })

  it('an injected connection reset is retried by the SDK', async () => {
    const { s, iam } = await setup()
    s.faults.script({ match: { route: 'IAM CreateUser' }, times: 1, reset: true })
    const out = await iam.send(new CreateUserCommand({ UserName: 'jdoe' }))
    expect(out.$metadata.attempts).toBe(2)
    expect(s.log.list().map((e) => e.status)).toEqual([0, 200])
  })

  it('iamFault injects any IAM error code in the exact shape', async () => {
    const { s, iam } = await setup()
    s.faults.script({
      match: { route: 'IAM CreateUser' },
      times: 1,
      respond: iamFault('EntityTemporarilyUnmodifiable', 409, 'User jdoe was recently deleted.'),
    })
    const err = await failure(iam.send(new CreateUserCommand({ UserName: 'jdoe' })))
    expect(err).toBeInstanceOf(EntityTemporarilyUnmodifiableException)
    expect([err.$metadata.httpStatusCode, err.$metadata.attempts, err.message]).toEqual([
      409,
      1,
      'User jdoe was recently deleted.',
    ])
    expect((await iam.send(new CreateUserCommand({ UserName: 'jdoe' }))).User!.UserName).toBe('jdoe')
  })

  it('a 4xx other than throttling is never retried', async () => {
    const { s, iam } = await setup()
    s.faults.script({ match: { route: 'IAM ListUsers' }, times: 1, respond: { status: 409 } })
    const err = await failure(iam.send(new ListUsersCommand({})))
    expect([err.name, err.$metadata.httpStatusCode, err.$metadata.attempts]).toEqual([
      'ConcurrentModificationException',
      409,
      1,
    ])
  })
})

describe('IAM eventual consistency', () => {
  it('reads miss a write for windowMs of sandbox time, then see it', async () => {
    const { s, iam } = await setup({ consistency: { windowMs: 5000 } })
    await iam.send(new CreateUserCommand({ UserName: 'jdoe' }))
    const early = await failure(iam.send(new GetUserCommand({ UserName: 'jdoe' })))
    expect([early.name, early.$metadata.httpStatusCode, early.$metadata.attempts]).toEqual([
      'NoSuchEntityException',
      404,
      1,
    ])
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([])
    // Writes see the current account at once (no `writes` flag).
    await iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/A' }))

    s.clock.advance(4999)
    await expect(iam.send(new GetUserCommand({ UserName: 'jdoe' }))).rejects.toBeInstanceOf(NoSuchEntityException)
    s.clock.advance(1)
    expect((await iam.send(new GetUserCommand({ UserName: 'jdoe' }))).User!.UserName).toBe('jdoe')
    // The attach happened at the same instant, so it is visible now too.
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'jdoe' }))
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'A', PolicyArn: 'arn:aws:iam::aws:policy/A' }])

    // A later write (tag) lags the same way, and so does a delete.
    s.clock.advance(1000)
    await iam.send(new TagUserCommand({ UserName: 'jdoe', Tags: [{ Key: 'team', Value: 'eng' }] }))
    expect((await iam.send(new GetUserCommand({ UserName: 'jdoe' }))).User!.Tags).toBeUndefined()
    s.clock.advance(5000)
    expect((await iam.send(new GetUserCommand({ UserName: 'jdoe' }))).User!.Tags).toEqual([
      { Key: 'team', Value: 'eng' },
    ])
    await iam.send(new DetachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/A' }))
    await iam.send(new DeleteUserCommand({ UserName: 'jdoe' }))
    expect((await iam.send(new GetUserCommand({ UserName: 'jdoe' }))).User!.UserName).toBe('jdoe')
    s.clock.advance(5000)
    await expect(iam.send(new GetUserCommand({ UserName: 'jdoe' }))).rejects.toBeInstanceOf(NoSuchEntityException)
  })

  it('with `writes`, a mutation right after CreateUser also gets NoSuchEntity (terraform-provider-aws#18458)', async () => {
    const { s, iam } = await setup({ consistency: { windowMs: 2000, writes: true } })
    await iam.send(new CreateUserCommand({ UserName: 'jdoe' }))
    const err = await failure(
      iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/A' })),
    )
    expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual([
      'NoSuchEntityException',
      404,
      'The user with name jdoe cannot be found.',
    ])
    // The name is taken all the same.
    await expect(iam.send(new CreateUserCommand({ UserName: 'jdoe' }))).rejects.toBeInstanceOf(
      EntityAlreadyExistsException,
    )
    s.clock.advance(2000)
    await iam.send(new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/A' }))
  })

  it('seeded objects are visible at once', async () => {
    const { iam } = await setup({ consistency: { windowMs: 60_000, writes: true } }, { users: [{ userName: 'jdoe' }] })
    expect((await iam.send(new GetUserCommand({ UserName: 'jdoe' }))).User!.UserName).toBe('jdoe')
  })
})

describe('IAM seeding and state', () => {
  it('seed builds groups, policies and users; state() shows them; ensure* helpers are idempotent', async () => {
    const { iam, emulator } = await setup(
      { accountId: '210987654321' },
      {
        groups: ['developers', { name: 'ops', path: '/onramp/' }],
        policies: [{ name: 'Boundary', path: '/onramp/' }, { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        users: [
          {
            userName: 'jdoe',
            path: '/onramp/',
            tags: [{ Key: 'employee-id', Value: 'E1' }],
            boundary: 'arn:aws:iam::210987654321:policy/onramp/Boundary',
            groups: ['developers', 'OPS'],
            policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
            accessKeys: 2,
            loginProfile: { passwordResetRequired: true },
          },
        ],
      },
    )
    expect(emulator.ensureGroup('Developers')).toBe('developers')
    expect(emulator.ensurePolicy('arn:aws:iam::210987654321:policy/onramp/Boundary')).toBe(
      'arn:aws:iam::210987654321:policy/onramp/Boundary',
    )
    expect(emulator.ensurePolicy('Extra')).toBe('arn:aws:iam::210987654321:policy/Extra')
    const state = emulator.state() as any
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
    expect(state.accountId).toBe('210987654321')
    expect(state.users).toEqual([
      {
        userName: 'jdoe',
        userId: expect.stringMatching(USER_ID),
        path: '/onramp/',
        arn: 'arn:aws:iam::210987654321:user/onramp/jdoe',
        createDate: '2026-11-26T09:00:00Z',
        tags: [{ Key: 'employee-id', Value: 'E1' }],
        boundary: 'arn:aws:iam::210987654321:policy/onramp/Boundary',
        groups: ['developers', 'ops'],
        policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        accessKeys: [
          { accessKeyId: expect.stringMatching(/^AKIA/), status: 'Active', createDate: '2026-11-26T09:00:00Z' },
          { accessKeyId: expect.stringMatching(/^AKIA/), status: 'Active', createDate: '2026-11-26T09:00:00Z' },
        ],
        loginProfile: { createDate: '2026-11-26T09:00:00Z', passwordResetRequired: true },
      },
    ])
    expect(state.groups.map((g: any) => [g.groupName, g.path, g.arn])).toEqual([
      ['developers', '/', 'arn:aws:iam::210987654321:group/developers'],
      ['ops', '/onramp/', 'arn:aws:iam::210987654321:group/onramp/ops'],
    ])
    expect(state.policies).toEqual([
      {
        policyName: 'Boundary',
        arn: 'arn:aws:iam::210987654321:policy/onramp/Boundary',
        path: '/onramp/',
        awsManaged: false,
        attachmentCount: 0,
      },
      {
        policyName: 'ReadOnlyAccess',
        arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        path: '/',
        awsManaged: true,
        attachmentCount: 1,
      },
      {
        policyName: 'Extra',
        arn: 'arn:aws:iam::210987654321:policy/Extra',
        path: '/',
        awsManaged: false,
        attachmentCount: 0,
      },
    ])
    const got = await iam.send(new GetUserCommand({ UserName: 'jdoe' }))
    expect(got.User!.Arn).toBe('arn:aws:iam::210987654321:user/onramp/jdoe')
  })

  it('is seeded and inspected over HTTP through /__sandbox/', async () => {
    const { s, iam } = await setup()
    const seeded = await fetch(`${s.url}/__sandbox/seed`, {
      method: 'POST',
      body: JSON.stringify({ groups: ['developers'], users: [{ userName: 'jdoe', groups: ['developers'] }] }),
    })
    expect(seeded.status).toBe(200)
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'jdoe' }))
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['developers'])
    const state = (await (await fetch(`${s.url}/__sandbox/state`)).json()) as any
    expect(state.users.map((u: any) => [u.userName, u.groups])).toEqual([['jdoe', ['developers']]])
  })

  it('seed refuses what the API would refuse', async () => {
    const { emulator } = await setup()
    expect(() => emulator.seed({ users: [{ userName: 'jdoe', groups: ['missing'] }] })).toThrow(
      'iam seed: NoSuchEntity: The group with name missing cannot be found.',
    )
    expect(() => emulator.seed({ users: [{ userName: 'bad name' }] })).toThrow(/iam seed: ValidationError/)
    expect(() => emulator.seed({ accountId: 'abc' })).toThrow(/12 digits/)
  })

  it('ids repeat for the same idSeed', async () => {
    const a = await setup({ idSeed: 7 }, { users: [{ userName: 'jdoe' }] })
    const b = await setup({ idSeed: 7 }, { users: [{ userName: 'jdoe' }] })
    const c = await setup({ idSeed: 8 }, { users: [{ userName: 'jdoe' }] })
    expect(a.emulator.user('jdoe')!.userId).toBe(b.emulator.user('jdoe')!.userId)
    expect(a.emulator.user('jdoe')!.userId).not.toBe(c.emulator.user('jdoe')!.userId)
  })
})

describe('IAM SimulatePrincipalPolicy', () => {
  const S3_READ = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' },
      { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secrets/*' },
      {
        Effect: 'Allow',
        Action: 'ec2:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      },
    ],
  })
  const BOUNDARY_DOC = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
  })

  it('evaluates attached policies, explicit deny and the permissions boundary', async () => {
    const { iam } = await setup(
      {},
      {
        policies: [
          { name: 'S3Read', document: S3_READ },
          { name: 'Boundary', path: '/onramp/', document: BOUNDARY_DOC },
        ],
        users: [
          {
            userName: 'jdoe',
            boundary: BOUNDARY,
            policies: [`arn:aws:iam::${ACCOUNT}:policy/S3Read`, 'arn:aws:iam::aws:policy/AdministratorAccess'],
          },
        ],
      },
    )
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/jdoe`,
        ActionNames: ['s3:GetObject', 'iam:CreateUser', 'ec2:RunInstances'],
        ResourceArns: ['arn:aws:s3:::secrets/key'],
      }),
    )
    const boundary = (allowed: boolean) => ({ AllowedByPermissionsBoundary: allowed })
    expect(out.EvaluationResults).toEqual([
      {
        EvalActionName: 's3:GetObject',
        EvalResourceName: 'arn:aws:s3:::secrets/key',
        EvalDecision: 'explicitDeny',
        MatchedStatements: [{ SourcePolicyId: 'S3Read', SourcePolicyType: 'user-managed' }],
        MissingContextValues: [],
        PermissionsBoundaryDecisionDetail: boundary(true),
      },
      {
        // AdministratorAccess allows it, the boundary does not: implicitly denied.
        EvalActionName: 'iam:CreateUser',
        EvalResourceName: 'arn:aws:s3:::secrets/key',
        EvalDecision: 'implicitDeny',
        MatchedStatements: [{ SourcePolicyId: 'AdministratorAccess', SourcePolicyType: 'aws-managed' }],
        MissingContextValues: [],
        PermissionsBoundaryDecisionDetail: boundary(false),
      },
      {
        EvalActionName: 'ec2:RunInstances',
        EvalResourceName: 'arn:aws:s3:::secrets/key',
        EvalDecision: 'allowed',
        MatchedStatements: [{ SourcePolicyId: 'AdministratorAccess', SourcePolicyType: 'aws-managed' }],
        MissingContextValues: ['aws:RequestedRegion'],
        PermissionsBoundaryDecisionDetail: boundary(true),
      },
    ])
    expect(out.IsTruncated).toBe(false)
  })

  it('takes extra policies as input, defaults the resource to *, pages, and refuses unknown principals', async () => {
    const { s, iam } = await setup({}, { users: [{ userName: 'jdoe' }] })
    const out = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/jdoe`,
        ActionNames: ['s3:ListBucket', 'sqs:SendMessage'],
        PolicyInputList: [S3_READ],
        MaxItems: 1,
      }),
    )
    expect(out.EvaluationResults).toEqual([
      {
        EvalActionName: 's3:ListBucket',
        EvalResourceName: '*',
        EvalDecision: 'allowed',
        MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'user' }],
        MissingContextValues: [],
      },
    ])
    expect(out.IsTruncated).toBe(true)
    const next = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/jdoe`,
        ActionNames: ['s3:ListBucket', 'sqs:SendMessage'],
        PolicyInputList: [S3_READ],
        Marker: out.Marker,
      }),
    )
    expect(next.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalDecision, r.MatchedStatements])).toEqual([
      ['sqs:SendMessage', 'implicitDeny', []],
    ])
    expect(s.log.list({ route: 'IAM SimulatePrincipalPolicy' })[0]!.mutating).toBe(false)

    const missing = await failure(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/ghost`,
          ActionNames: ['s3:ListBucket'],
        }),
      ),
    )
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchEntityException', 404])
    const malformed = await failure(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/jdoe`,
          ActionNames: ['s3:ListBucket'],
          PolicyInputList: ['{"Statement": [{"Effect": "Maybe"}]}'],
        }),
      ),
    )
    expect(malformed).toBeInstanceOf(MalformedPolicyDocumentException)
  })
})

describe('IAM credentials DeleteUser refuses to leave behind', () => {
  it('lists and deletes inline policies, MFA devices, signing certificates, SSH keys and service credentials', async () => {
    const { iam, emulator } = await setup({}, { users: [{ userName: 'jdoe', path: '/onramp/' }] })
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [] })
    await iam.send(new PutUserPolicyCommand({ UserName: 'jdoe', PolicyName: 'inline-a', PolicyDocument: doc }))
    emulator.addCredentials({
      userName: 'jdoe',
      mfaDevices: ['virtual', 'GAHT12345678'],
      signingCertificates: 1,
      sshPublicKeys: 1,
      serviceSpecificCredentials: ['codecommit.amazonaws.com'],
    })
    const u = emulator.user('jdoe')!
    const virtual = `arn:aws:iam::${ACCOUNT}:mfa/jdoe`
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'jdoe' }))).PolicyNames).toEqual(['inline-a'])
    expect((await iam.send(new ListMFADevicesCommand({ UserName: 'jdoe' }))).MFADevices).toEqual([
      { UserName: 'jdoe', SerialNumber: virtual, EnableDate: T0_DATE },
      { UserName: 'jdoe', SerialNumber: 'GAHT12345678', EnableDate: T0_DATE },
    ])
    expect((await iam.send(new ListSigningCertificatesCommand({ UserName: 'jdoe' }))).Certificates).toEqual([
      {
        UserName: 'jdoe',
        CertificateId: u.signingCertificates[0],
        CertificateBody: expect.stringContaining('BEGIN CERTIFICATE'),
        Status: 'Active',
        UploadDate: T0_DATE,
      },
    ])
    expect((await iam.send(new ListSSHPublicKeysCommand({ UserName: 'jdoe' }))).SSHPublicKeys).toEqual([
      { UserName: 'jdoe', SSHPublicKeyId: u.sshPublicKeys[0], Status: 'Active', UploadDate: T0_DATE },
    ])
    const ssc = await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'jdoe' }))
    expect(ssc.ServiceSpecificCredentials).toEqual([
      {
        UserName: 'jdoe',
        Status: 'Active',
        ServiceUserName: `jdoe-at-${ACCOUNT}`,
        CreateDate: T0_DATE,
        ServiceSpecificCredentialId: u.serviceSpecificCredentials[0],
        ServiceName: 'codecommit.amazonaws.com',
      },
    ])
    // An assigned virtual device cannot be deleted; deactivated, it can.
    const assigned = await failure(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: virtual })))
    expect(assigned).toBeInstanceOf(DeleteConflictException)
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'jdoe', SerialNumber: virtual }))
    const unassigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))
    expect(unassigned.VirtualMFADevices).toEqual([{ SerialNumber: virtual }])
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: virtual }))
    expect((await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([])
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'jdoe', SerialNumber: 'GAHT12345678' }))
    const id = (k: 'signingCertificates' | 'sshPublicKeys' | 'serviceSpecificCredentials') => u[k][0]!
    await iam.send(new DeleteSigningCertificateCommand({ UserName: 'jdoe', CertificateId: id('signingCertificates') }))
    await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'jdoe', SSHPublicKeyId: id('sshPublicKeys') }))
    await iam.send(
      new DeleteServiceSpecificCredentialCommand({
        UserName: 'jdoe',
        ServiceSpecificCredentialId: id('serviceSpecificCredentials'),
      }),
    )
    const gone = await failure(iam.send(new DeleteUserPolicyCommand({ UserName: 'jdoe', PolicyName: 'absent' })))
    expect(gone).toBeInstanceOf(NoSuchEntityException)
    const conflict = await failure(iam.send(new DeleteUserCommand({ UserName: 'jdoe' })))
    expect(conflict.message).toBe('Cannot delete entity, must delete policies first.')
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'jdoe', PolicyName: 'inline-a' }))
    await iam.send(new DeleteUserCommand({ UserName: 'jdoe' }))
    expect(emulator.user('jdoe')).toBeUndefined()
  })
})

describe('IAM paging', () => {
  it('a Marker survives its own item being removed between pages: nothing after it is dropped', async () => {
    const arns = ['Zeta', 'Alpha', 'Mid'].map((n) => `arn:aws:iam::${ACCOUNT}:policy/${n}`)
    const { iam } = await setup(
      {},
      { policies: arns.map((arn) => ({ arn })), users: [{ userName: 'jdoe', policies: arns }] },
    )
    // Attach order, one a page; the first page's item is detached before the next page is asked for.
    const first = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'jdoe', MaxItems: 1 }))
    expect(first.AttachedPolicies!.map((x) => x.PolicyArn)).toEqual([arns[0]])
    await iam.send(new DetachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: arns[0] }))
    const rest = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'jdoe', Marker: first.Marker }))
    expect(rest.AttachedPolicies!.map((x) => x.PolicyArn)).toEqual(arns.slice(1))

    // Access keys, in creation order (their ids do not sort that way).
    const { iam: keyed, emulator: e } = await setup(
      { quotas: { accessKeysPerUser: 5 } },
      { users: [{ userName: 'jdoe', accessKeys: 5 }] },
    )
    const ids = e.user('jdoe')!.accessKeys.map((k) => k.accessKeyId)
    expect([...ids].sort()).not.toEqual(ids)
    const page = await keyed.send(new ListAccessKeysCommand({ UserName: 'jdoe', MaxItems: 2 }))
    await keyed.send(new DeleteAccessKeyCommand({ UserName: 'jdoe', AccessKeyId: ids[1]! }))
    const next = await keyed.send(new ListAccessKeysCommand({ UserName: 'jdoe', Marker: page.Marker }))
    expect(next.AccessKeyMetadata!.map((k) => k.AccessKeyId)).toEqual(ids.slice(2))

    // Tags, in the order they were set.
    await iam.send(
      new TagUserCommand({
        UserName: 'jdoe',
        Tags: [
          { Key: 'z', Value: '1' },
          { Key: 'a', Value: '2' },
        ],
      }),
    )
    const tags = await iam.send(new ListUserTagsCommand({ UserName: 'jdoe', MaxItems: 1 }))
    await iam.send(new UntagUserCommand({ UserName: 'jdoe', TagKeys: ['z'] }))
    const more = await iam.send(new ListUserTagsCommand({ UserName: 'jdoe', Marker: tags.Marker }))
    expect(more.Tags).toEqual([{ Key: 'a', Value: '2' }])
  })
})

describe('IAM caller policy', () => {
  const CALLER = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'iam:CreateUser',
        Resource: `arn:aws:iam::${ACCOUNT}:user/onramp/*`,
        Condition: {
          StringEquals: { 'iam:PermissionsBoundary': BOUNDARY, 'aws:RequestTag/managed-by': 'onramp' },
          StringLike: { 'aws:RequestTag/employee-id': 'E*' },
        },
      },
      {
        Effect: 'Allow',
        Action: 'iam:TagUser',
        Resource: `arn:aws:iam::${ACCOUNT}:user/onramp/*`,
        Condition: { Null: { 'iam:ResourceTag/managed-by': 'true' } },
      },
      { Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCOUNT}:user/*` },
      {
        Effect: 'Allow',
        Action: ['iam:AttachUserPolicy', 'iam:ListAttachedUserPolicies'],
        Resource: `arn:aws:iam::${ACCOUNT}:user/onramp/*`,
        Condition: {
          StringEqualsIfExists: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
          StringEquals: { 'iam:ResourceTag/managed-by': 'onramp', 'iam:PermissionsBoundary': BOUNDARY },
        },
      },
      { Effect: 'Deny', Action: 'iam:PutUserPermissionsBoundary', Resource: '*' },
    ],
  })
  const tags = [
    { Key: 'managed-by', Value: 'onramp' },
    { Key: 'employee-id', Value: 'E1042' },
  ]

  it('authorizes each call of the caller key: resource ARN of the new user, request tags, boundary, policy ARN', async () => {
    const { iam, s } = await setup(
      { callerPolicy: CALLER, callerAccessKeyId: 'CALLER' },
      { policies: [{ arn: BOUNDARY }] },
      'CALLER',
    )
    await iam.send(
      new CreateUserCommand({ UserName: 'jdoe', Path: '/onramp/', PermissionsBoundary: BOUNDARY, Tags: tags }),
    )
    await iam.send(
      new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    )
    // A missing user is evaluated as user/<name>: GetUser on user/* answers NoSuchEntity, the list AccessDenied.
    expect(await failure(iam.send(new GetUserCommand({ UserName: 'ghost' })))).toBeInstanceOf(NoSuchEntityException)
    const list = await failure(iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'ghost' })))
    expect(list.name).toBe('AccessDenied')
    expect(list.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/onramp-automation/onramp is not authorized to perform: iam:ListAttachedUserPolicies on resource: arn:aws:iam::${ACCOUNT}:user/ghost because no identity-based policy allows the iam:ListAttachedUserPolicies action`,
    )
    expect(list.$metadata.httpStatusCode).toBe(403)
    expect(s.log.list().map((e) => [e.route, e.status])).toEqual([
      ['IAM CreateUser', 200],
      ['IAM AttachUserPolicy', 200],
      ['IAM GetUser', 404],
      ['IAM ListAttachedUserPolicies', 403],
    ])
  })

  it('refuses what the policy does not allow, in IAM wire format, and changes nothing', async () => {
    const { iam, s, emulator } = await setup(
      { callerPolicy: CALLER, callerAccessKeyId: 'CALLER' },
      { policies: [{ arn: BOUNDARY }] },
      'CALLER',
    )
    const refused = async (p: Promise<unknown>, why: RegExp) => {
      const err = await failure(p)
      expect(err).toBeInstanceOf(IAMServiceException)
      expect(err.name).toBe('AccessDenied')
      expect(err.message).toMatch(why)
    }
    const create = (input: Partial<ConstructorParameters<typeof CreateUserCommand>[0]>) =>
      iam.send(
        new CreateUserCommand({
          UserName: 'jdoe',
          Path: '/onramp/',
          PermissionsBoundary: BOUNDARY,
          Tags: tags,
          ...input,
        }),
      )
    await refused(
      create({ PermissionsBoundary: undefined }),
      /iam:CreateUser on resource: .*user\/onramp\/jdoe because no/,
    )
    await refused(create({ Path: '/admins/' }), /user\/admins\/jdoe/)
    await refused(
      create({
        Tags: [
          { Key: 'managed-by', Value: 'onramp' },
          { Key: 'employee-id', Value: 'X1' },
        ],
      }),
      /CreateUser/,
    )
    await create({})
    await refused(
      iam.send(
        new AttachUserPolicyCommand({ UserName: 'jdoe', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      ),
      /iam:AttachUserPolicy/,
    )
    await refused(
      iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'jdoe', PermissionsBoundary: BOUNDARY })),
      /with an explicit deny in an identity-based policy$/,
    )
    // TagUser on a tagged user is outside the creation statement.
    await refused(iam.send(new TagUserCommand({ UserName: 'jdoe', Tags: [{ Key: 'role', Value: 'x' }] })), /TagUser/)
    const res = s.log.list().filter((e) => e.status === 403)
    expect(res).toHaveLength(6)
    expect(emulator.user('jdoe')!.policies).toEqual([])
    const raw = await fetch(s.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=CALLER/20261126/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=x',
      },
      body: new URLSearchParams({ Action: 'DeleteUser', Version: '2010-05-08', UserName: 'jdoe' }),
    })
    expect(raw.status).toBe(403)
    const id = raw.headers.get('x-amzn-requestid')
    expect(await raw.text()).toBe(
      `<ErrorResponse xmlns="${IAM_NAMESPACE}"><Error><Type>Sender</Type><Code>AccessDenied</Code>` +
        `<Message>User: arn:aws:sts::${ACCOUNT}:assumed-role/onramp-automation/onramp is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::${ACCOUNT}:user/onramp/jdoe because no identity-based policy allows the iam:DeleteUser action</Message></Error>` +
        `<RequestId>${id}</RequestId></ErrorResponse>`,
    )
    // Another principal (an administrator's key) is not bound by the caller's policy.
    const { iam: admin } = {
      iam: new IAMClient({
        endpoint: s.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'ADMIN', secretAccessKey: 'x' },
      }),
    }
    await admin.send(new DeleteUserCommand({ UserName: 'jdoe' }))
    expect(emulator.user('jdoe')).toBeUndefined()
  })
})
