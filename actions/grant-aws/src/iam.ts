// IamApi over `@aws-sdk/client-iam`, with the client from core (its retry strategy follows the core policy).
// Imported lazily by main.ts: the SDK is parsed only once inputs and plan are valid.

import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateUserCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DeleteVirtualMFADeviceCommand,
  DetachUserPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  ListUserPoliciesCommand,
  ListVirtualMFADevicesCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam'
import type { Clock, RetryPolicy } from '@onramp/core'
import { createIamClient } from '@onramp/core/aws'
import type { AccessKey, IamApi, IamUser } from './items.js'

export interface IamApiOptions {
  region: string
  endpoint?: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  clock?: Clock
  policy?: RetryPolicy
  fast?: boolean
}

/** An SDK error's IAM code: the SDK names modelled errors `<Code>Exception`, unmodelled ones by the code. */
export function iamCode(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | undefined)?.name
  return typeof name === 'string' ? name.replace(/Exception$/, '') : undefined
}

const isNoSuchEntity = (error: unknown) => iamCode(error) === 'NoSuchEntity'

async function orAbsent<T>(read: () => Promise<T>, absent: T): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (isNoSuchEntity(error)) return absent
    throw error
  }
}

export function createIamApi(options: IamApiOptions): IamApi {
  const client = createIamClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    clock: options.clock,
    policy: options.policy,
    fast: options.fast,
  })
  return iamApi(client)
}

export function iamApi(client: IAMClient): IamApi {
  const UserName = (u: string) => ({ UserName: u })
  /** Every page of a Marker-paged list. */
  async function all<P extends { IsTruncated?: boolean; Marker?: string }, T>(
    page: (Marker: string | undefined) => Promise<P>,
    items: (p: P) => (T | undefined)[] | undefined,
  ): Promise<T[]> {
    const out: T[] = []
    let Marker: string | undefined
    do {
      const p = await page(Marker)
      for (const x of items(p) ?? []) if (x !== undefined) out.push(x)
      Marker = p.IsTruncated ? p.Marker : undefined
    } while (Marker)
    return out
  }
  return {
    inlinePolicies: (u) =>
      orAbsent(
        () =>
          all(
            (Marker) => client.send(new ListUserPoliciesCommand({ ...UserName(u), Marker })),
            (p) => p.PolicyNames,
          ),
        [],
      ),
    mfaDevices: (u) =>
      orAbsent(
        () =>
          all(
            (Marker) => client.send(new ListMFADevicesCommand({ ...UserName(u), Marker })),
            (p) => p.MFADevices?.map((d) => d.SerialNumber),
          ),
        [],
      ),
    unassignedVirtualMfa: () =>
      all(
        (Marker) => client.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned', Marker })),
        (p) => p.VirtualMFADevices?.map((d) => d.SerialNumber),
      ),
    signingCertificates: (u) =>
      orAbsent(
        () =>
          all(
            (Marker) => client.send(new ListSigningCertificatesCommand({ ...UserName(u), Marker })),
            (p) => p.Certificates?.map((c) => c.CertificateId),
          ),
        [],
      ),
    sshPublicKeys: (u) =>
      orAbsent(
        () =>
          all(
            (Marker) => client.send(new ListSSHPublicKeysCommand({ ...UserName(u), Marker })),
            (p) => p.SSHPublicKeys?.map((k) => k.SSHPublicKeyId),
          ),
        [],
      ),
    serviceCredentials: (u) =>
      orAbsent(async () => {
        const out = await client.send(new ListServiceSpecificCredentialsCommand(UserName(u)))
        return (out.ServiceSpecificCredentials ?? []).flatMap((c) =>
          c.ServiceSpecificCredentialId ? [c.ServiceSpecificCredentialId] : [],
        )
      }, []),
    async deleteInlinePolicy(u, name) {
      await client.send(new DeleteUserPolicyCommand({ ...UserName(u), PolicyName: name }))
    },
    async deactivateMfa(u, serial) {
      await client.send(new DeactivateMFADeviceCommand({ ...UserName(u), SerialNumber: serial }))
    },
    async deleteVirtualMfa(serial) {
      await client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))
    },
    async deleteSigningCertificate(u, id) {
      await client.send(new DeleteSigningCertificateCommand({ ...UserName(u), CertificateId: id }))
    },
    async deleteSshPublicKey(u, id) {
      await client.send(new DeleteSSHPublicKeyCommand({ ...UserName(u), SSHPublicKeyId: id }))
    },
    async deleteServiceCredential(u, id) {
      await client.send(new DeleteServiceSpecificCredentialCommand({ ...UserName(u), ServiceSpecificCredentialId: id }))
    },
    getUser: (u) =>
      orAbsent(async (): Promise<IamUser | undefined> => {
        const { User } = await client.send(new GetUserCommand(UserName(u)))
        if (!User) return undefined
        return {
          arn: User.Arn ?? '',
          path: User.Path ?? '',
          boundary: User.PermissionsBoundary?.PermissionsBoundaryArn,
          tags: Object.fromEntries((User.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
        }
      }, undefined),
    attachedPolicies: (u) =>
      orAbsent(async () => {
        const arns: string[] = []
        let Marker: string | undefined
        do {
          const page = await client.send(new ListAttachedUserPoliciesCommand({ ...UserName(u), Marker }))
          for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) arns.push(p.PolicyArn)
          Marker = page.IsTruncated ? page.Marker : undefined
        } while (Marker)
        return arns
      }, []),
    groups: (u) =>
      orAbsent(async () => {
        const names: string[] = []
        let Marker: string | undefined
        do {
          const page = await client.send(new ListGroupsForUserCommand({ ...UserName(u), Marker }))
          for (const g of page.Groups ?? []) if (g.GroupName) names.push(g.GroupName)
          Marker = page.IsTruncated ? page.Marker : undefined
        } while (Marker)
        return names
      }, []),
    hasLoginProfile: (u) =>
      orAbsent(async () => {
        await client.send(new GetLoginProfileCommand(UserName(u)))
        return true
      }, false),
    accessKeys: (u) =>
      orAbsent(async () => {
        const keys: AccessKey[] = []
        let Marker: string | undefined
        do {
          const page = await client.send(new ListAccessKeysCommand({ ...UserName(u), Marker }))
          for (const k of page.AccessKeyMetadata ?? [])
            if (k.AccessKeyId) keys.push({ id: k.AccessKeyId, status: k.Status ?? '' })
          Marker = page.IsTruncated ? page.Marker : undefined
        } while (Marker)
        return keys
      }, []),
    async createUser(u, path, boundary, tags) {
      await client.send(
        new CreateUserCommand({
          ...UserName(u),
          Path: path,
          PermissionsBoundary: boundary,
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      )
    },
    async tagUser(u, tags) {
      await client.send(
        new TagUserCommand({ ...UserName(u), Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }),
      )
    },
    async attachPolicy(u, arn) {
      await client.send(new AttachUserPolicyCommand({ ...UserName(u), PolicyArn: arn }))
    },
    async detachPolicy(u, arn) {
      await client.send(new DetachUserPolicyCommand({ ...UserName(u), PolicyArn: arn }))
    },
    async addToGroup(u, group) {
      await client.send(new AddUserToGroupCommand({ ...UserName(u), GroupName: group }))
    },
    async removeFromGroup(u, group) {
      await client.send(new RemoveUserFromGroupCommand({ ...UserName(u), GroupName: group }))
    },
    async deleteAccessKey(u, id) {
      await client.send(new DeleteAccessKeyCommand({ ...UserName(u), AccessKeyId: id }))
    },
    async deleteLoginProfile(u) {
      await client.send(new DeleteLoginProfileCommand(UserName(u)))
    },
    async deleteUser(u) {
      await client.send(new DeleteUserCommand(UserName(u)))
    },
  }
}
