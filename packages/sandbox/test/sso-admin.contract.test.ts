// The SSO Admin emulator driven through the official @aws-sdk/client-sso-admin: what the SDK parses out of each
// answer is asserted in full, so a misnamed member (which the SDK silently drops) fails here.
import {
  AccessDeniedException,
  ConflictException,
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListInstancesCommand,
  ListPermissionSetsCommand,
  paginateListAccountAssignments,
  ResourceNotFoundException,
  SSOAdminClient,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-sso-admin'
import { afterAll, describe, expect, it } from 'vitest'
import { awsJsonFault } from '../src/emulators/aws-json.js'
import { SsoAdminEmulator, type SsoAdminOptions, type SsoAdminSeed } from '../src/emulators/sso-admin.js'
import { type Started, startEmulator } from './helpers.js'

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0)
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef'
const STORE = 'd-1234567890'
const PS_READ = 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0123456789abcdef'
const PS_ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-fedcba9876543210'
const ACCOUNT = '111122223333'
const USER = 'b4f8f4e8-80f1-7091-a200-0f9ddad2661d'
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

const SEED: SsoAdminSeed = {
  instances: [{ instanceArn: INSTANCE, identityStoreId: STORE, ownerAccountId: '123456789012', name: 'acme' }],
  permissionSets: [
    { arn: PS_READ, name: 'ReadOnly', description: 'read everything', sessionDuration: 'PT8H' },
    { arn: PS_ADMIN, name: 'Admin' },
  ],
  accounts: [ACCOUNT, '444455556666'],
}

const running: Started<SsoAdminEmulator>[] = []
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()))
})

/** A fresh emulator on a frozen clock (timeScale 0: time moves only by advance()), and a client for it. */
async function setup(options: SsoAdminOptions = {}, seed: SsoAdminSeed = SEED, accessKeyId = 'test') {
  const s = await startEmulator((k) => new SsoAdminEmulator(options, k), { timeScale: 0, startAt: T0 })
  running.push(s)
  s.emulator.seed(seed)
  const sso = new SSOAdminClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'test' },
    maxAttempts: 1,
  })
  return { s, sso, emulator: s.emulator }
}

async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

const assignment = (permissionSetArn = PS_READ, principalId = USER) => ({
  InstanceArn: INSTANCE,
  TargetId: ACCOUNT,
  TargetType: 'AWS_ACCOUNT' as const,
  PermissionSetArn: permissionSetArn,
  PrincipalType: 'USER' as const,
  PrincipalId: principalId,
})

const listFor = (sso: SSOAdminClient, permissionSetArn = PS_READ) =>
  sso
    .send(
      new ListAccountAssignmentsCommand({
        InstanceArn: INSTANCE,
        AccountId: ACCOUNT,
        PermissionSetArn: permissionSetArn,
      }),
    )
    .then((r) => r.AccountAssignments)

describe('SSO Admin wire format', () => {
  it('answers application/x-amz-json-1.1 to X-Amz-Target SWBExternalService.<Operation>', async () => {
    const { s } = await setup()
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SWBExternalService.ListInstances' },
      body: '{}',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(await res.json()).toEqual({
      Instances: [
        {
          InstanceArn: INSTANCE,
          IdentityStoreId: STORE,
          OwnerAccountId: '123456789012',
          Name: 'acme',
          CreatedDate: T0 / 1000,
          Status: 'ACTIVE',
        },
      ],
    })
  })

  it('an unknown operation is UnknownOperationException 400; errors are {__type, Message}', async () => {
    const { s } = await setup()
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'SWBExternalService.LaunchRockets' },
      body: '{}',
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException')
    const missing = await fetch(s.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'SWBExternalService.ListPermissionSets',
      },
      body: JSON.stringify({ InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000' }),
    })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({
      __type: 'ResourceNotFoundException',
      Message: 'Could not find InstanceArn arn:aws:sso:::instance/ssoins-0000000000000000',
    })
  })
})

describe('instances and permission sets', () => {
  it('ListInstances, ListPermissionSets and DescribePermissionSet through the SDK', async () => {
    const { sso } = await setup()
    const instances = await sso.send(new ListInstancesCommand({}))
    expect(instances.Instances).toEqual([
      {
        InstanceArn: INSTANCE,
        IdentityStoreId: STORE,
        OwnerAccountId: '123456789012',
        Name: 'acme',
        CreatedDate: new Date(T0),
        Status: 'ACTIVE',
      },
    ])
    const sets = await sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE }))
    expect(sets.PermissionSets).toEqual([PS_READ, PS_ADMIN])
    const first = await sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE, MaxResults: 1 }))
    expect(first.PermissionSets).toEqual([PS_READ])
    const second = await sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE, NextToken: first.NextToken }))
    expect(second).toMatchObject({ PermissionSets: [PS_ADMIN] })
    expect(second.NextToken).toBeUndefined()
    const described = await sso.send(
      new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: PS_READ }),
    )
    expect(described.PermissionSet).toEqual({
      Name: 'ReadOnly',
      PermissionSetArn: PS_READ,
      Description: 'read everything',
      CreatedDate: new Date(T0),
      SessionDuration: 'PT8H',
    })
    const unknown = 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-aaaaaaaaaaaaaaaa'
    const e = await failure(
      sso.send(new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: unknown })),
    )
    expect(e).toBeInstanceOf(ResourceNotFoundException)
  })
})

describe('account assignments are asynchronous', () => {
  it('create answers IN_PROGRESS; SUCCEEDED after the delay, and only then listed (eventual consistency)', async () => {
    const { s, sso } = await setup({ asyncDelayMs: 2000 })
    const created = await sso.send(new CreateAccountAssignmentCommand(assignment()))
    const status = created.AccountAssignmentCreationStatus!
    expect(status).toEqual({
      Status: 'IN_PROGRESS',
      RequestId: expect.stringMatching(REQUEST_ID),
      TargetId: ACCOUNT,
      TargetType: 'AWS_ACCOUNT',
      PermissionSetArn: PS_READ,
      PrincipalType: 'USER',
      PrincipalId: USER,
      CreatedDate: new Date(T0),
    })
    const describe = () =>
      sso
        .send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn: INSTANCE,
            AccountAssignmentCreationRequestId: status.RequestId,
          }),
        )
        .then((r) => r.AccountAssignmentCreationStatus)
    expect((await describe())?.Status).toBe('IN_PROGRESS')
    expect(await listFor(sso)).toEqual([])
    s.clock.advance(1999)
    expect((await describe())?.Status).toBe('IN_PROGRESS')
    s.clock.advance(1)
    expect(await describe()).toEqual({ ...status, Status: 'SUCCEEDED' })
    expect(await listFor(sso)).toEqual([
      { AccountId: ACCOUNT, PermissionSetArn: PS_READ, PrincipalType: 'USER', PrincipalId: USER },
    ])
    const forPrincipal = await sso.send(
      new ListAccountAssignmentsForPrincipalCommand({
        InstanceArn: INSTANCE,
        PrincipalId: USER,
        PrincipalType: 'USER',
      }),
    )
    expect(forPrincipal.AccountAssignments).toEqual([
      { AccountId: ACCOUNT, PermissionSetArn: PS_READ, PrincipalId: USER, PrincipalType: 'USER' },
    ])
  })

  it('with a consistency window, lists lag behind SUCCEEDED both ways', async () => {
    const { s, sso } = await setup({ asyncDelayMs: 1000, consistency: { windowMs: 3000 } })
    const created = await sso.send(new CreateAccountAssignmentCommand(assignment()))
    s.clock.advance(1000)
    const status = await sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: INSTANCE,
        AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus!.RequestId,
      }),
    )
    expect(status.AccountAssignmentCreationStatus?.Status).toBe('SUCCEEDED')
    expect(await listFor(sso)).toEqual([])
    s.clock.advance(3000)
    expect(await listFor(sso)).toHaveLength(1)
    const deleted = await sso.send(new DeleteAccountAssignmentCommand(assignment()))
    s.clock.advance(1000)
    const gone = await sso.send(
      new DescribeAccountAssignmentDeletionStatusCommand({
        InstanceArn: INSTANCE,
        AccountAssignmentDeletionRequestId: deleted.AccountAssignmentDeletionStatus!.RequestId,
      }),
    )
    expect(gone.AccountAssignmentDeletionStatus?.Status).toBe('SUCCEEDED')
    expect(await listFor(sso)).toHaveLength(1)
    s.clock.advance(3000)
    expect(await listFor(sso)).toEqual([])
  })

  it('delete is asynchronous too: still listed while IN_PROGRESS, gone once SUCCEEDED', async () => {
    const { s, sso } = await setup(
      {},
      {
        ...SEED,
        assignments: [{ accountId: ACCOUNT, permissionSetArn: PS_READ, principalType: 'USER', principalId: USER }],
      },
    )
    expect(await listFor(sso)).toHaveLength(1)
    const deleted = await sso.send(new DeleteAccountAssignmentCommand(assignment()))
    expect(deleted.AccountAssignmentDeletionStatus?.Status).toBe('IN_PROGRESS')
    expect(await listFor(sso)).toHaveLength(1)
    s.clock.advance(1000)
    const done = await sso.send(
      new DescribeAccountAssignmentDeletionStatusCommand({
        InstanceArn: INSTANCE,
        AccountAssignmentDeletionRequestId: deleted.AccountAssignmentDeletionStatus!.RequestId,
      }),
    )
    expect(done.AccountAssignmentDeletionStatus?.Status).toBe('SUCCEEDED')
    expect(await listFor(sso)).toEqual([])
  })

  it('a forced failure ends FAILED with its FailureReason, and nothing is assigned', async () => {
    const { s, sso } = await setup(
      {},
      {
        ...SEED,
        failures: [{ match: { permissionSetArn: PS_ADMIN }, reason: 'Received a 400 status error: quota exceeded' }],
      },
    )
    const created = await sso.send(new CreateAccountAssignmentCommand(assignment(PS_ADMIN)))
    s.clock.advance(1000)
    const status = await sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: INSTANCE,
        AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus!.RequestId,
      }),
    )
    expect(status.AccountAssignmentCreationStatus).toMatchObject({
      Status: 'FAILED',
      FailureReason: 'Received a 400 status error: quota exceeded',
    })
    expect(await listFor(sso, PS_ADMIN)).toEqual([])
    // The failure was used up: the next request succeeds.
    const again = await sso.send(new CreateAccountAssignmentCommand(assignment(PS_ADMIN)))
    s.clock.advance(1000)
    const listed = await sso.send(
      new ListAccountAssignmentCreationStatusCommand({ InstanceArn: INSTANCE, Filter: { Status: 'SUCCEEDED' } }),
    )
    expect(listed.AccountAssignmentsCreationStatus).toEqual([
      {
        Status: 'SUCCEEDED',
        RequestId: again.AccountAssignmentCreationStatus!.RequestId,
        CreatedDate: new Date(T0 + 1000),
      },
    ])
  })

  it('failures can be scripted over HTTP (POST /__sandbox/assignment-failures), for deletions too', async () => {
    const { s, sso } = await setup(
      {},
      {
        ...SEED,
        assignments: [{ accountId: ACCOUNT, permissionSetArn: PS_READ, principalType: 'USER', principalId: USER }],
      },
    )
    const res = await fetch(`${s.url}/__sandbox/assignment-failures`, {
      method: 'POST',
      body: JSON.stringify([{ match: { operation: 'delete' }, reason: 'Received a 409 status error: busy' }]),
    })
    expect(await res.json()).toEqual({ pending: 1 })
    const deleted = await sso.send(new DeleteAccountAssignmentCommand(assignment()))
    s.clock.advance(1000)
    const status = await sso.send(
      new DescribeAccountAssignmentDeletionStatusCommand({
        InstanceArn: INSTANCE,
        AccountAssignmentDeletionRequestId: deleted.AccountAssignmentDeletionStatus!.RequestId,
      }),
    )
    expect(status.AccountAssignmentDeletionStatus).toMatchObject({
      Status: 'FAILED',
      FailureReason: 'Received a 409 status error: busy',
    })
    expect(await listFor(sso)).toHaveLength(1)
  })

  it('a failure given no reason reads as the service words an unexplained one', async () => {
    const { s, sso } = await setup({}, { ...SEED, failures: [{}] })
    const created = await sso.send(new CreateAccountAssignmentCommand(assignment()))
    s.clock.advance(1000)
    const status = await sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: INSTANCE,
        AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus!.RequestId,
      }),
    )
    expect(status.AccountAssignmentCreationStatus?.FailureReason).toBe(
      'An unexpected internal service exception was encountered',
    )
  })

  it('a principal the identity store does not hold ends FAILED', async () => {
    const { s, sso } = await setup({ principalExists: () => false })
    const created = await sso.send(new CreateAccountAssignmentCommand(assignment()))
    s.clock.advance(1000)
    const status = await sso.send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: INSTANCE,
        AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus!.RequestId,
      }),
    )
    expect(status.AccountAssignmentCreationStatus?.Status).toBe('FAILED')
    expect(status.AccountAssignmentCreationStatus?.FailureReason).toContain('does not exist')
  })

  it('a second request for the same assignment while one is in progress is a ConflictException', async () => {
    const { sso } = await setup()
    await sso.send(new CreateAccountAssignmentCommand(assignment()))
    const e = await failure(sso.send(new DeleteAccountAssignmentCommand(assignment())))
    expect(e).toBeInstanceOf(ConflictException)
    expect(e.$metadata.httpStatusCode).toBe(400)
  })

  it('bad input is a ValidationException naming the member', async () => {
    const { sso } = await setup()
    const e = await failure(sso.send(new CreateAccountAssignmentCommand({ ...assignment(), TargetId: '12' })))
    expect(e).toBeInstanceOf(ValidationException)
    expect(e.message).toContain("at 'targetId' failed to satisfy constraint")
    const unknownAccount = await failure(
      sso.send(new CreateAccountAssignmentCommand({ ...assignment(), TargetId: '999999999999' })),
    )
    expect(unknownAccount).toBeInstanceOf(ValidationException)
  })
})

describe('pagination', () => {
  it('ListAccountAssignments pages with MaxResults and NextToken, and the SDK paginator walks them all', async () => {
    const principals = Array.from({ length: 5 }, (_, i) => `b4f8f4e8-80f1-7091-a200-0f9ddad2661${i}`)
    const { sso } = await setup(
      {},
      {
        ...SEED,
        assignments: principals.map((principalId) => ({
          accountId: ACCOUNT,
          permissionSetArn: PS_READ,
          principalType: 'USER' as const,
          principalId,
        })),
      },
    )
    const input = { InstanceArn: INSTANCE, AccountId: ACCOUNT, PermissionSetArn: PS_READ }
    const first = await sso.send(new ListAccountAssignmentsCommand({ ...input, MaxResults: 2 }))
    expect(first.AccountAssignments?.map((a) => a.PrincipalId)).toEqual(principals.slice(0, 2))
    expect(first.NextToken).toEqual(expect.any(String))
    const seen: string[] = []
    for await (const page of paginateListAccountAssignments({ client: sso, pageSize: 2 }, input))
      seen.push(...(page.AccountAssignments ?? []).map((a) => a.PrincipalId!))
    expect(seen).toEqual(principals)
    const bad = await failure(sso.send(new ListAccountAssignmentsCommand({ ...input, NextToken: 'garbage' })))
    expect(bad).toBeInstanceOf(ValidationException)
    const tooMany = await failure(sso.send(new ListAccountAssignmentsCommand({ ...input, MaxResults: 101 })))
    expect(tooMany).toBeInstanceOf(ValidationException)
  })
})

describe('limits and faults', () => {
  it('over 20 requests per second is the SDK ThrottlingException (HTTP 400), counted as limited', async () => {
    const { s, sso } = await setup({ limits: { enabled: true } })
    for (let i = 0; i < 20; i++) await sso.send(new ListInstancesCommand({}))
    const e = await failure(sso.send(new ListInstancesCommand({})))
    expect(e).toBeInstanceOf(ThrottlingException)
    expect(e.$metadata.httpStatusCode).toBe(400)
    expect(e.message).toBe('Rate exceeded')
    expect(s.log.counters().limited).toBe(1)
    s.clock.advance(1000)
    await sso.send(new ListInstancesCommand({}))
  })

  it('an 11th assignment operation in progress is throttled', async () => {
    const { s, sso } = await setup({ limits: { enabled: true, requestsPerSecond: 1000 } })
    for (let i = 0; i < 10; i++)
      await sso.send(
        new CreateAccountAssignmentCommand(
          assignment(PS_READ, `b4f8f4e8-80f1-7091-a200-0f9ddad266${String(i).padStart(2, '0')}`),
        ),
      )
    const e = await failure(sso.send(new CreateAccountAssignmentCommand(assignment(PS_ADMIN))))
    expect(e).toBeInstanceOf(ThrottlingException)
    expect(e.message).toBe('There are too many requests processing. Please try again later.')
    s.clock.advance(1000)
    await sso.send(new CreateAccountAssignmentCommand(assignment(PS_ADMIN)))
  })

  it('a lie fault answers IN_PROGRESS for a request that never exists', async () => {
    const { s, sso } = await setup()
    s.faults.script({ match: { route: 'SSOAdmin CreateAccountAssignment' }, times: 1, lie: true })
    const created = await sso.send(new CreateAccountAssignmentCommand(assignment()))
    expect(created.AccountAssignmentCreationStatus?.Status).toBe('IN_PROGRESS')
    s.clock.advance(1000)
    expect(await listFor(sso)).toEqual([])
    const e = await failure(
      sso.send(
        new DescribeAccountAssignmentCreationStatusCommand({
          InstanceArn: INSTANCE,
          AccountAssignmentCreationRequestId: created.AccountAssignmentCreationStatus!.RequestId,
        }),
      ),
    )
    expect(e).toBeInstanceOf(ResourceNotFoundException)
  })

  it('an after fault applies the request and loses the answer', async () => {
    const { s, sso } = await setup()
    s.faults.script({
      match: { route: 'SSOAdmin CreateAccountAssignment' },
      times: 1,
      after: true,
      respond: awsJsonFault('InternalServerException', 'boom', 500),
    })
    const e = await failure(sso.send(new CreateAccountAssignmentCommand(assignment())))
    expect(e.name).toBe('InternalServerException')
    s.clock.advance(1000)
    expect(await listFor(sso)).toHaveLength(1)
    expect(s.log.list({ route: 'SSOAdmin CreateAccountAssignment' })[0]).toMatchObject({
      faultMode: 'after',
      mutating: true,
    })
  })
})

describe('authorization against the caller policy', () => {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['sso:ListInstances'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['sso:CreateAccountAssignment', 'sso:DeleteAccountAssignment', 'sso:ListAccountAssignments'],
        Resource: [INSTANCE, PS_READ, `arn:aws:sso:::account/${ACCOUNT}`],
      },
    ],
  })

  it('allows what the policy names and refuses the rest with AccessDeniedException naming action and resource', async () => {
    const { sso } = await setup(
      { callerPolicy: policy, callerAccessKeyId: 'AKIAONRAMPCALLER0000' },
      SEED,
      'AKIAONRAMPCALLER0000',
    )
    await sso.send(new ListInstancesCommand({}))
    await sso.send(new CreateAccountAssignmentCommand(assignment()))
    const e = await failure(sso.send(new CreateAccountAssignmentCommand(assignment(PS_ADMIN))))
    expect(e).toBeInstanceOf(AccessDeniedException)
    expect(e.$metadata.httpStatusCode).toBe(400)
    expect(e.message).toBe(
      'User: arn:aws:sts::123456789012:assumed-role/onramp-automation/onramp is not authorized to perform: ' +
        `sso:CreateAccountAssignment on resource: ${PS_ADMIN} because no identity-based policy allows the sso:CreateAccountAssignment action`,
    )
    const list = await failure(sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE })))
    expect(list).toBeInstanceOf(AccessDeniedException)
  })

  it('requests signed with another key (a test administrator) are not the caller', async () => {
    const { sso } = await setup(
      { callerPolicy: policy, callerAccessKeyId: 'AKIAONRAMPCALLER0000' },
      SEED,
      'AKIAADMIN00000000000',
    )
    await sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE }))
  })
})
