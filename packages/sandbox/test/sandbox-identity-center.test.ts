// startSandbox and Identity Center: guardrails' `aws.identity-center` seeds both emulators, the SDK clients find
// them through `sandbox.env` alone (the service-specific endpoint variables), and an assignment naming a user the
// identity store does not hold ends FAILED.
import {
  GetGroupIdCommand,
  GetUserIdCommand,
  IdentitystoreClient,
  ListGroupsCommand,
  ThrottlingException,
} from '@aws-sdk/client-identitystore'
import {
  CreateAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentsCommand,
  ListInstancesCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  identityCenterAccessOf,
  identityCenterFromGuardrails,
  SANDBOX_CREDENTIALS,
  type Sandbox,
  seedIdentityCenter,
  startSandbox,
} from '../src/index.js'

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef'
const PS = 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-0123456789abcdef'
const ACCOUNT = '123456789012'

describe('identityCenterFromGuardrails', () => {
  const section = {
    mode: 'identity-center',
    'identity-center': {
      'instance-arn': INSTANCE,
      'identity-store-id': 'd-1234567890',
      accounts: [ACCOUNT],
      'permission-sets': [PS],
      groups: ['aws-engineering'],
    },
  }

  it('reads the file form and the loaded (camelCase) forms, and nothing else', () => {
    const want = {
      instanceArn: INSTANCE,
      identityStoreId: 'd-1234567890',
      accounts: [ACCOUNT],
      permissionSets: [PS],
      groups: ['aws-engineering'],
    }
    expect(identityCenterFromGuardrails({ aws: section })).toEqual(want)
    expect(
      identityCenterFromGuardrails({
        aws: {
          identityCenter: {
            instanceArn: INSTANCE,
            identityStoreId: 'd-1234567890',
            accounts: [ACCOUNT],
            permissionSets: [PS],
            groups: ['aws-engineering'],
          },
        },
      }),
    ).toEqual(want)
    expect(
      identityCenterFromGuardrails({
        version: 1,
        identityCenter: {
          instanceArn: INSTANCE,
          identityStoreId: 'd-1234567890',
          region: 'us-east-1',
          users: 'idp',
          accounts: [ACCOUNT],
          permissionSets: [PS],
          groups: ['aws-engineering'],
        },
      }),
    ).toEqual(want)
    expect(identityCenterFromGuardrails({ aws: { userPath: '/onramp/' } })).toBeUndefined()
    expect(identityCenterFromGuardrails(undefined)).toBeUndefined()
    expect(identityCenterFromGuardrails({ aws: { identityCenter: { instanceArn: INSTANCE } } })).toBeUndefined()
  })
})

describe('startSandbox with Identity Center', () => {
  let sb: Sandbox
  const saved: Record<string, string | undefined> = {}
  beforeAll(async () => {
    sb = await startSandbox({
      options: { ssoAdmin: { asyncDelayMs: 50 } },
      seed: {
        identityStore: {
          users: [{ userName: 'jamie.doe@acme.com', externalIds: [{ Issuer: 'https://acme.okta.com', Id: '00u1' }] }],
        },
      },
    })
    const ic = identityCenterFromGuardrails({
      aws: {
        'identity-center': {
          'instance-arn': INSTANCE,
          'identity-store-id': 'd-1234567890',
          accounts: [ACCOUNT],
          'permission-sets': [PS],
          groups: ['aws-engineering'],
        },
      },
    })
    seedIdentityCenter(ic!, {
      ssoAdmin: sb.emulators.ssoAdmin.emulator,
      identityStore: sb.emulators.identityStore.emulator,
    })
    // The clients get no endpoint: only what sandbox.env says, as an action would.
    for (const [k, v] of Object.entries(sb.env)) {
      saved[k] = process.env[k]
      process.env[k] = v
    }
  })
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    await sb.close()
  })

  it('both clients reach the sandbox through AWS_ENDPOINT_URL_SSO_ADMIN and AWS_ENDPOINT_URL_IDENTITYSTORE', async () => {
    const sso = new SSOAdminClient({})
    const ids = new IdentitystoreClient({})
    const instances = await sso.send(new ListInstancesCommand({}))
    expect(instances.Instances?.map((i) => [i.InstanceArn, i.IdentityStoreId])).toEqual([[INSTANCE, 'd-1234567890']])
    const group = await ids.send(
      new GetGroupIdCommand({
        IdentityStoreId: 'd-1234567890',
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'aws-engineering' } },
      }),
    )
    expect(group.GroupId).toEqual(expect.any(String))
    const user = await ids.send(
      new GetUserIdCommand({
        IdentityStoreId: 'd-1234567890',
        AlternateIdentifier: { ExternalId: { Issuer: 'https://acme.okta.com', Id: '00u1' } },
      }),
    )
    expect(sb.counters().byEmulator.identityStore?.total).toBe(2)
    expect(sb.counters().byEmulator.ssoAdmin?.total).toBe(1)
    expect(SANDBOX_CREDENTIALS.awsAccessKeyId).toBe(process.env.AWS_ACCESS_KEY_ID)

    // A real user is assigned; an id the identity store does not hold ends FAILED.
    const assign = (principalId: string) =>
      sso.send(
        new CreateAccountAssignmentCommand({
          InstanceArn: INSTANCE,
          TargetId: ACCOUNT,
          TargetType: 'AWS_ACCOUNT',
          PermissionSetArn: PS,
          PrincipalType: 'USER',
          PrincipalId: principalId,
        }),
      )
    const ok = await assign(user.UserId!)
    const ghost = await assign('00000000-0000-4000-8000-000000000000')
    await new Promise((r) => setTimeout(r, 80))
    const status = (id: string) =>
      sso
        .send(
          new DescribeAccountAssignmentCreationStatusCommand({
            InstanceArn: INSTANCE,
            AccountAssignmentCreationRequestId: id,
          }),
        )
        .then((r) => r.AccountAssignmentCreationStatus?.Status)
    expect(await status(ok.AccountAssignmentCreationStatus!.RequestId!)).toBe('SUCCEEDED')
    expect(await status(ghost.AccountAssignmentCreationStatus!.RequestId!)).toBe('FAILED')
    const listed = await sso.send(
      new ListAccountAssignmentsCommand({ InstanceArn: INSTANCE, AccountId: ACCOUNT, PermissionSetArn: PS }),
    )
    expect(listed.AccountAssignments?.map((a) => a.PrincipalId)).toEqual([user.UserId])

    // What the person can use: the direct assignment, and one through a group once they are in it.
    const e = { ssoAdmin: sb.emulators.ssoAdmin.emulator, identityStore: sb.emulators.identityStore.emulator }
    expect(identityCenterAccessOf(e, 'jamie.doe@acme.com')).toEqual([
      { account: ACCOUNT, permissionSetArn: PS, permissionSet: 'ps-0123456789abcdef', via: 'user' },
    ])
    e.identityStore.seed({ groups: [{ displayName: 'aws-engineering', members: ['jamie.doe@acme.com'] }] })
    e.ssoAdmin.seed({
      assignments: [{ accountId: ACCOUNT, permissionSetArn: PS, principalType: 'GROUP', principalId: group.GroupId! }],
    })
    expect(identityCenterAccessOf(e, 'jamie.doe@acme.com').map((a) => a.via)).toEqual(['group:aws-engineering', 'user'])
    expect(identityCenterAccessOf(e, 'nobody@acme.com')).toEqual([])
  })
})

describe('one throttle for both Identity Center APIs', () => {
  it('20 requests per second in all, across SSO Admin and Identity Store', async () => {
    const sb = await startSandbox({ limits: true, timeScale: 0 })
    try {
      const config = {
        region: sb.env.AWS_REGION,
        credentials: { accessKeyId: 'AKIAADMIN00000000000', secretAccessKey: 'test' },
        maxAttempts: 1,
      }
      const sso = new SSOAdminClient({ ...config, endpoint: sb.env.AWS_ENDPOINT_URL_SSO_ADMIN })
      const ids = new IdentitystoreClient({ ...config, endpoint: sb.env.AWS_ENDPOINT_URL_IDENTITYSTORE })
      for (let i = 0; i < 10; i++) await sso.send(new ListInstancesCommand({}))
      for (let i = 0; i < 10; i++) await ids.send(new ListGroupsCommand({ IdentityStoreId: 'd-1234567890' }))
      await expect(ids.send(new ListGroupsCommand({ IdentityStoreId: 'd-1234567890' }))).rejects.toBeInstanceOf(
        ThrottlingException,
      )
      await expect(sso.send(new ListInstancesCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' })
      expect(sb.counters().all.limited).toBe(2)
      sb.clock.advance(1000)
      await sso.send(new ListInstancesCommand({}))
    } finally {
      await sb.close()
    }
  })
})
