// grant-aws in Identity Center mode (guardrails `aws.mode: identity-center`): the person's Identity Store user,
// their account assignments and Identity Center group memberships, through the one reconcile loop.

import { type Clock, failedBefore, type IdentityCenterPlan, type RetryPolicy, reconcile } from '@onramp/core'
import type { Step } from '@onramp/ledger'
import {
  type IcContext,
  type IcUnmanaged,
  type IdentityCenterApi,
  identityCenterItems,
  type KnownUser,
  resolveUser,
} from './identity-center.js'

export interface IdentityCenterRun {
  plan: IdentityCenterPlan
  /** A leaver's post-leave deletion is due (guardrails dates.leaver.delete-after-days). */
  deleteDue?: boolean
  env: NodeJS.ProcessEnv
  clock: Clock
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  describeError(error: unknown): string
  readBack?: RetryPolicy
  /** How long an assignment request may stay IN_PROGRESS; default ASSIGNMENT_STATUS_POLICY. */
  statusPolicy?: RetryPolicy
  fast?: boolean
}

export async function runIdentityCenter(step: Step, run: IdentityCenterRun): Promise<void> {
  const { plan, env, clock } = run
  const api: IdentityCenterApi = (await import('./sso.js')).createIdentityCenterApi({
    region: plan.region,
    instanceArn: plan.instanceArn,
    identityStoreId: plan.identityStoreId,
    endpoints: {
      ssoAdmin: env.AWS_ENDPOINT_URL_SSO_ADMIN || env.AWS_ENDPOINT_URL || undefined,
      identityStore: env.AWS_ENDPOINT_URL_IDENTITYSTORE || env.AWS_ENDPOINT_URL || undefined,
    },
    credentials: run.credentials,
    clock,
    fast: run.fast,
  })
  const record = step.record
  const ctx: IcContext = {
    api,
    plan,
    employeeId: step.event.employeeId,
    userName: step.event.email ?? record?.person?.email,
    person: personFor(step.event.name ?? record?.person?.name, step.event.email ?? record?.person?.email),
    recorded: {
      userId: record?.ids?.aws?.identity_store_user_id,
      created: record?.ids?.aws?.identity_store_user_created,
      idpId: record?.ids?.identity,
    },
    clock,
    statusPolicy: run.statusPolicy,
    deleteUser: plan.presence === 'revoked' && (plan.onOffboard === 'delete' || run.deleteDue === true),
  }
  const grant = plan.presence === 'active' && plan.account === 'ensure'
  let before: KnownUser | undefined
  if (!grant) {
    try {
      // Keep and offboard: whether there is a user at all decides whether there is anything to remove.
      before = await resolveUser(ctx)
    } catch (error) {
      await step.finish(failedBefore('sso-user', run.describeError(error)))
      return
    }
  }
  let unmanaged: IcUnmanaged = { assignments: [], groups: 0 }
  const items = identityCenterItems(ctx, before, (u) => (unmanaged = u))
  const outcome = await reconcile(items, {
    dryRun: step.dryRun,
    clock,
    readBack: run.readBack,
    describeError: run.describeError,
  })

  const userReceipt = outcome.receipts.find((r) => r.item === 'sso-user')
  const user = userReceipt?.result !== 'failed' ? ctx.user : undefined
  const deleted = outcome.receipts.some((r) => r.item === 'delete:sso-user' && r.result === 'changed')
  const notes: string[] = []
  if (grant && user)
    notes.push(
      `Sign-in: the person signs in at the AWS access portal (${plan.startUrl}) with their identity provider login and picks an account and permission set there; \`aws configure sso\` profiles for the CLI are what the welcome's dev-setup writes.`,
    )
  if (!grant && !before)
    notes.push(
      ctx.recorded.userId
        ? 'The Identity Store user recorded for this person no longer exists (the identity provider deleted it?): nobody can sign in as it; nothing else to remove.'
        : 'No Identity Store user of this person exists: nothing to remove.',
    )
  if (ctx.deleteUser && before && !before.created)
    notes.push('The Identity Store user is kept: onramp did not create it (the identity provider owns it).')
  if (deleted) notes.push('The Identity Store user onramp created is deleted.')
  if (unmanaged.assignments.length || unmanaged.groups)
    notes.push(
      `Unmanaged access reported, not removed: ${unmanaged.assignments.length} assignments, ${unmanaged.groups} groups.`,
    )
  await step.finish(outcome, {
    ids: (ids) => {
      if (!user) return
      ids.aws = { ...ids.aws, identity_store_user_id: user.id }
      if (user.created) ids.aws.identity_store_user_created = true
    },
    outputs: { 'user-name': '', 'user-arn': '' },
    note: notes.join(' '),
  })
}

/** The name parts CreateUser needs; a one-word name is both (Identity Store requires each). */
function personFor(name: string | undefined, email: string | undefined): IcContext['person'] {
  if (!name || !email) return undefined
  const words = name.trim().split(/\s+/)
  const givenName = words[0]!
  const familyName = words.length > 1 ? words.slice(1).join(' ') : givenName
  return { displayName: name.trim(), givenName, familyName, email }
}
