// The reconcile items for one person's IAM user. Pure of the SDK: they speak to IAM through `IamApi`, so the
// bundle loads the SDK only after inputs and plan are valid, and tests can count every call.
//
// onboard / role-change: user (path, boundary, identity tags) -> role tag -> managed policies -> managed
//   groups -> a report of unmanaged attachments (never removed).
// role-change with `account: 'keep'` (the new role names no AWS): user guarded only -> role tag -> managed
//   policies detached -> managed groups left -> unmanaged report; no user, nothing at all.
// offboard (forward-only, fastest-acting first): access keys deleted -> login profile deleted -> managed
//   policies detached -> managed groups left -> tag offboarded-at; with delete-user, then what would cause
//   DeleteConflict (signing certificates, SSH keys, service-specific credentials, MFA devices, inline policies,
//   unmanaged policies) and the user itself; a group outside the managed set, which the
//   automation role may not leave, fails its item and keeps the user. A leaver's keys are deleted, never only
//   deactivated: the automation role may not call UpdateAccessKey, which could also turn a key back on.

import type { AwsPlan, Item } from '@onramp/core'
import { MANAGED_BY } from '@onramp/core'

export interface IamUser {
  arn: string
  path: string
  boundary?: string
  tags: Record<string, string>
}

export interface AccessKey {
  id: string
  status: string
}

/** The IAM operations the items make. Reads return undefined / [] for a user that does not exist. */
export interface IamApi {
  getUser(userName: string): Promise<IamUser | undefined>
  attachedPolicies(userName: string): Promise<string[]>
  groups(userName: string): Promise<string[]>
  hasLoginProfile(userName: string): Promise<boolean>
  accessKeys(userName: string): Promise<AccessKey[]>
  createUser(userName: string, path: string, boundary: string, tags: Record<string, string>): Promise<void>
  tagUser(userName: string, tags: Record<string, string>): Promise<void>
  attachPolicy(userName: string, arn: string): Promise<void>
  detachPolicy(userName: string, arn: string): Promise<void>
  addToGroup(userName: string, group: string): Promise<void>
  removeFromGroup(userName: string, group: string): Promise<void>
  deleteAccessKey(userName: string, id: string): Promise<void>
  deleteLoginProfile(userName: string): Promise<void>
  deleteUser(userName: string): Promise<void>
  // What else DeleteUser refuses to leave behind (delete-user only).
  inlinePolicies(userName: string): Promise<string[]>
  mfaDevices(userName: string): Promise<string[]>
  /** Serial numbers of the account's virtual MFA devices assigned to nobody. */
  unassignedVirtualMfa(): Promise<string[]>
  signingCertificates(userName: string): Promise<string[]>
  sshPublicKeys(userName: string): Promise<string[]>
  serviceCredentials(userName: string): Promise<string[]>
  deleteInlinePolicy(userName: string, name: string): Promise<void>
  deactivateMfa(userName: string, serial: string): Promise<void>
  deleteVirtualMfa(serial: string): Promise<void>
  deleteSigningCertificate(userName: string, id: string): Promise<void>
  deleteSshPublicKey(userName: string, id: string): Promise<void>
  deleteServiceCredential(userName: string, id: string): Promise<void>
}

/** An IAM user of onramp's name that onramp must not touch. Its message is PII-free. */
export class RefusedUser extends Error {
  override name = 'RefusedUser'
}

/**
 * CreateUser succeeded but reading the user back failed: the user exists now, so the receipt must not read as
 * if nothing had changed.
 */
export class CreatedButUnverified extends Error {
  override name = 'CreatedButUnverified'
  constructor(override readonly cause: unknown) {
    super('CreateUser succeeded (the IAM user exists now), but reading it back failed')
  }
}

const IDENTITY_TAGS = ['managed-by', 'employee-id'] as const
export const OFFBOARDED_TAG = 'offboarded-at'

/** Throws unless `user` is onramp's user for this employee, under the guardrails' path and boundary. */
export function assertOurs(user: IamUser, plan: AwsPlan, employeeId: string): void {
  if (user.tags['managed-by'] !== MANAGED_BY || user.tags['employee-id'] !== employeeId)
    throw new RefusedUser(
      'refused: an IAM user of this name exists without managed-by=onramp and this employee id; not adopted, nothing changed',
    )
  if (user.path !== plan.userPath || user.boundary !== plan.permissionsBoundary)
    throw new RefusedUser(
      'refused: the IAM user is not under the guardrails user path with the guardrails permissions boundary; nothing changed',
    )
}

interface UserShape {
  arn?: string
  path: string
  boundary?: string
}

export interface BuildContext {
  iam: IamApi
  userName: string
  employeeId: string
  plan: AwsPlan
  /** Time for the offboarded-at tag (the injectable clock). */
  now?: () => string
}

/** The first item of every run: onramp's user, created (onboard) or only guarded (offboard). */
function userItem(ctx: BuildContext, create: boolean): Item<UserShape> {
  const { iam, userName, plan, employeeId } = ctx
  const desired: UserShape = { path: plan.userPath, boundary: plan.permissionsBoundary }
  let created = false
  return {
    key: 'user',
    desired,
    async read() {
      try {
        const user = await iam.getUser(userName)
        if (!user) return undefined
        assertOurs(user, plan, employeeId)
        return { arn: user.arn, path: user.path, boundary: user.boundary }
      } catch (error) {
        throw created ? new CreatedButUnverified(error) : error
      }
    },
    async apply() {
      const tags: Record<string, string> = {}
      for (const k of IDENTITY_TAGS) tags[k] = plan.tags[k]!
      if (plan.tags.role !== undefined) tags.role = plan.tags.role
      await iam.createUser(userName, plan.userPath, plan.permissionsBoundary, tags)
      created = true
    },
    // Offboard only guards: a missing user is fine, and it is never created.
    same: (d, f) => (create ? f !== undefined && f.path === d?.path && f.boundary === d?.boundary : true),
    // No user name here: it can carry the person's name (see username.ts); the outputs decide when to show it.
    show: (s) => (s ? { path: s.path, boundary: s.boundary } : undefined),
  }
}

function roleTagItem(ctx: BuildContext): Item<string> {
  const { iam, userName, plan } = ctx
  return {
    key: 'tag:role',
    desired: plan.tags.role,
    read: async () => (await iam.getUser(userName))?.tags.role,
    async apply() {
      await iam.tagUser(userName, { role: plan.tags.role! })
    },
    dependsOn: ['user'],
  }
}

function policyItem(ctx: BuildContext, arn: string, attached: boolean): Item<'attached'> {
  const { iam, userName } = ctx
  return {
    key: `policy:${arn}`,
    desired: attached ? 'attached' : undefined,
    read: async () => ((await iam.attachedPolicies(userName)).includes(arn) ? 'attached' : undefined),
    async apply(found) {
      if (found) await iam.detachPolicy(userName, arn)
      else await iam.attachPolicy(userName, arn)
    },
    verb: (found) => (found ? 'detach' : 'attach'),
    dependsOn: ['user'],
  }
}

function groupItem(ctx: BuildContext, group: string, member: boolean): Item<'member'> {
  const { iam, userName } = ctx
  return {
    key: `group:${group}`,
    desired: member ? 'member' : undefined,
    read: async () =>
      (await iam.groups(userName)).some((g) => g.toLowerCase() === group.toLowerCase()) ? 'member' : undefined,
    async apply(found) {
      if (found) await iam.removeFromGroup(userName, group)
      else await iam.addToGroup(userName, group)
    },
    verb: (found) => (found ? 'leave' : 'join'),
    dependsOn: ['user'],
  }
}

export interface Unmanaged {
  policies: string[]
  groups: string[]
}

/** Reports what the person holds outside onramp's managed set; never changes it. */
function unmanagedItem(ctx: BuildContext, onFound: (u: Unmanaged) => void): Item<Unmanaged> {
  const { iam, userName, plan } = ctx
  const managedPolicies = new Set(plan.managedPolicies)
  const managedGroups = new Set(plan.managedGroups.map((g) => g.toLowerCase()))
  return {
    key: 'unmanaged',
    desired: undefined,
    async read() {
      const found = {
        policies: (await iam.attachedPolicies(userName)).filter((p) => !managedPolicies.has(p)).sort(),
        groups: (await iam.groups(userName)).filter((g) => !managedGroups.has(g.toLowerCase())).sort(),
      }
      onFound(found)
      return found
    },
    async apply() {},
    same: () => true,
    show: (s) => (s && (s.policies.length || s.groups.length) ? { reported: s, removed: false } : undefined),
    dependsOn: ['user'],
  }
}

/** onboard and role-change: exactly the role's groups and policies within the managed set. */
export function grantItems(ctx: BuildContext, onUnmanaged: (u: Unmanaged) => void): Item<any>[] {
  const { plan } = ctx
  const policies = new Set(plan.policies)
  const groups = new Set(plan.groups.map((g) => g.toLowerCase()))
  const items: Item<any>[] = [userItem(ctx, true)]
  if (plan.tags.role !== undefined) items.push(roleTagItem(ctx))
  // Wanted ones first: a role change gains before it loses, and the quota check meets the real set.
  const policyArns = [...new Set([...plan.policies, ...plan.managedPolicies])]
  for (const arn of policyArns) items.push(policyItem(ctx, arn, policies.has(arn)))
  const groupNames = [...new Set([...plan.groups, ...plan.managedGroups])]
  for (const g of groupNames) items.push(groupItem(ctx, g, groups.has(g.toLowerCase())))
  items.push(unmanagedItem(ctx, onUnmanaged))
  return items
}

/**
 * role-change to a role that names no AWS (`account: 'keep'`): the user is only guarded, never created or
 * corrected; its role tag follows the new role (the user stays onramp's); every managed policy and group goes.
 * No user (read before the loop) is nothing to do.
 */
export function keepItems(
  ctx: BuildContext,
  user: IamUser | undefined,
  onUnmanaged: (u: Unmanaged) => void,
): Item<any>[] {
  const { plan } = ctx
  const items: Item<any>[] = [userItem(ctx, false)]
  if (!user) return items
  if (plan.tags.role !== undefined) items.push(roleTagItem(ctx))
  for (const arn of plan.managedPolicies) items.push(policyItem(ctx, arn, false))
  for (const g of plan.managedGroups) items.push(groupItem(ctx, g, false))
  items.push(unmanagedItem(ctx, onUnmanaged))
  return items
}

export interface OffboardSnapshot {
  user: IamUser | undefined
  keys: AccessKey[]
  /** Every attached policy and group, and what else DeleteUser refuses to leave behind: for delete-user. */
  policies: string[]
  groups: string[]
  signingCertificates: string[]
  sshPublicKeys: string[]
  serviceCredentials: string[]
  mfaDevices: string[]
  inlinePolicies: string[]
}

/** Read before the loop so that each access key (and, for deletion, each attachment) is its own item. */
export async function offboardSnapshot(iam: IamApi, userName: string, deleteUser: boolean): Promise<OffboardSnapshot> {
  const none = {
    keys: [],
    policies: [],
    groups: [],
    signingCertificates: [],
    sshPublicKeys: [],
    serviceCredentials: [],
    mfaDevices: [],
    inlinePolicies: [],
  }
  const user = await iam.getUser(userName)
  if (!user) return { user, ...none }
  const keys = await iam.accessKeys(userName)
  if (!deleteUser) return { user, ...none, keys }
  return {
    user,
    keys,
    policies: await iam.attachedPolicies(userName),
    groups: await iam.groups(userName),
    signingCertificates: await iam.signingCertificates(userName),
    sshPublicKeys: await iam.sshPublicKeys(userName),
    serviceCredentials: await iam.serviceCredentials(userName),
    mfaDevices: await iam.mfaDevices(userName),
    inlinePolicies: await iam.inlinePolicies(userName),
  }
}

/** A leaver's access key, deleted: the fastest-acting revocation, and nothing left that could be reactivated. */
function keyDeleteItem(ctx: BuildContext, id: string): Item<string> {
  const { iam, userName } = ctx
  return {
    key: `access-key:${id}`,
    desired: undefined,
    read: async () => (await iam.accessKeys(userName)).find((k) => k.id === id)?.status,
    async apply() {
      await iam.deleteAccessKey(userName, id)
    },
    verb: () => 'delete',
    dependsOn: ['user'],
  }
}

function loginProfileItem(ctx: BuildContext): Item<'present'> {
  const { iam, userName } = ctx
  return {
    key: 'login-profile',
    desired: undefined,
    read: async () => ((await iam.hasLoginProfile(userName)) ? 'present' : undefined),
    async apply() {
      await iam.deleteLoginProfile(userName)
    },
    dependsOn: ['user'],
  }
}

function offboardedTagItem(ctx: BuildContext): Item<string> {
  const { iam, userName } = ctx
  const at = (ctx.now ?? (() => new Date().toISOString()))().replace(/\.\d{3}Z$/, 'Z')
  return {
    key: `tag:${OFFBOARDED_TAG}`,
    desired: at,
    read: async () => (await iam.getUser(userName))?.tags[OFFBOARDED_TAG],
    async apply() {
      await iam.tagUser(userName, { [OFFBOARDED_TAG]: at })
    },
    // The first offboarding's time stands; a rerun does not move it.
    same: (_d, f) => f !== undefined,
    dependsOn: ['user'],
  }
}

/**
 * delete-user and a group outside the managed set: the automation role may leave only the managed groups
 * (policies/onramp-automation-role.json), so RemoveUserFromGroup would be AccessDenied. Never called: the item
 * fails with what to do, and the user, which DeleteConflict would keep anyway, is not deleted.
 */
function unmanagedGroupItem(ctx: BuildContext, group: string): Item<'member'> {
  const { iam, userName } = ctx
  return {
    key: `group:${group}`,
    desired: undefined,
    async read() {
      if (!(await iam.groups(userName)).some((g) => g.toLowerCase() === group.toLowerCase())) return undefined
      throw new RefusedUser(
        'refused: the user is in a group outside the managed set, which onramp may not leave; remove it from the group by hand, then rerun to delete the user',
      )
    },
    async apply() {},
    dependsOn: ['user'],
  }
}

/** One credential or inline policy that DeleteUser would refuse to leave behind, removed and read back gone. */
interface Removal {
  key: string
  /** What `list` returns for it: an id, a serial number or a policy name. */
  id: string
  list: () => Promise<string[]>
  remove: () => Promise<void>
  verb?: string
  after?: string
}

function removalItem(r: Removal): Item<'present'> {
  return {
    key: r.key,
    desired: undefined,
    read: async () => ((await r.list()).includes(r.id) ? 'present' : undefined),
    async apply() {
      await r.remove()
    },
    verb: () => r.verb ?? 'delete',
    dependsOn: ['user', ...(r.after ? [r.after] : [])],
  }
}

/**
 * What DeleteUser refuses to leave behind, in the order IAM's DeleteUser reference lists it (after the keys and
 * login profile of the revocation): signing certificates, SSH public keys, service-specific credentials, MFA
 * devices (deactivated; a virtual one then deleted, once unassigned), inline policies.
 */
function credentialItems(ctx: BuildContext, snap: OffboardSnapshot): Item<any>[] {
  const { iam, userName: u } = ctx
  const removals: Removal[] = [
    ...snap.signingCertificates.map((id) => ({
      key: `delete:signing-certificate:${id}`,
      id,
      list: () => iam.signingCertificates(u),
      remove: () => iam.deleteSigningCertificate(u, id),
    })),
    ...snap.sshPublicKeys.map((id) => ({
      key: `delete:ssh-public-key:${id}`,
      id,
      list: () => iam.sshPublicKeys(u),
      remove: () => iam.deleteSshPublicKey(u, id),
    })),
    ...snap.serviceCredentials.map((id) => ({
      key: `delete:service-credential:${id}`,
      id,
      list: () => iam.serviceCredentials(u),
      remove: () => iam.deleteServiceCredential(u, id),
    })),
    ...snap.mfaDevices.flatMap((serial) => {
      const deactivate: Removal = {
        key: `deactivate:mfa:${serial}`,
        id: serial,
        list: () => iam.mfaDevices(u),
        remove: () => iam.deactivateMfa(u, serial),
        verb: 'deactivate',
      }
      // A virtual device (its serial number is an ARN) outlives the deactivation: delete it once unassigned.
      if (!serial.startsWith('arn:')) return [deactivate]
      const remove: Removal = {
        key: `delete:mfa:${serial}`,
        id: serial,
        list: () => iam.unassignedVirtualMfa(),
        remove: () => iam.deleteVirtualMfa(serial),
        after: deactivate.key,
      }
      return [deactivate, remove]
    }),
    ...snap.inlinePolicies.map((name) => ({
      key: `delete:inline-policy:${name}`,
      id: name,
      list: () => iam.inlinePolicies(u),
      remove: () => iam.deleteInlinePolicy(u, name),
    })),
  ]
  return removals.map(removalItem)
}

function deleteUserItem(ctx: BuildContext, before: string[]): Item<string> {
  const { iam, userName } = ctx
  return {
    key: 'delete:user',
    desired: undefined,
    read: async () => (await iam.getUser(userName))?.arn,
    async apply() {
      await iam.deleteUser(userName)
    },
    // Anything left attached would make DeleteUser refuse with DeleteConflict.
    dependsOn: ['user', ...before],
  }
}

/** offboard: forward-only, fastest-acting credential first. */
export function offboardItems(
  ctx: BuildContext,
  snap: OffboardSnapshot,
  deleteUser: boolean,
  onUnmanaged: (u: Unmanaged) => void,
): Item<any>[] {
  const { plan } = ctx
  const items: Item<any>[] = [userItem(ctx, false)]
  if (!snap.user) return items
  for (const k of snap.keys) items.push(keyDeleteItem(ctx, k.id))
  items.push(loginProfileItem(ctx))
  for (const arn of plan.managedPolicies) items.push(policyItem(ctx, arn, false))
  for (const g of plan.managedGroups) items.push(groupItem(ctx, g, false))
  items.push(offboardedTagItem(ctx))
  if (!deleteUser) {
    items.push(unmanagedItem(ctx, onUnmanaged))
    return items
  }
  items.push(...credentialItems(ctx, snap))
  const managedPolicies = new Set(plan.managedPolicies)
  const managedGroups = new Set(plan.managedGroups.map((g) => g.toLowerCase()))
  for (const arn of snap.policies) if (!managedPolicies.has(arn)) items.push(policyItem(ctx, arn, false))
  for (const g of snap.groups) if (!managedGroups.has(g.toLowerCase())) items.push(unmanagedGroupItem(ctx, g))
  const before = items.slice(1).map((i) => i.key)
  items.push(deleteUserItem(ctx, before))
  return items
}
