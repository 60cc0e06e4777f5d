import * as core from '@actions/core'
import {
  type Clock,
  COMMON_INPUTS,
  clockFromEnv,
  containsPersonalData,
  failedBefore,
  getInputs,
  input,
  postLeave,
  type RetryPolicy,
  reconcile,
  redactPersonalData,
  runsFast,
  UserError,
} from '@onramp/core'
import { type Batch, beginStep, CONVERGE_INPUTS, forEachPerson, type Step, stateEndpoints } from '@onramp/ledger'
import { RefusedStoreUser } from './identity-center.js'
import {
  type BuildContext,
  CreatedButUnverified,
  grantItems,
  type IamApi,
  type IamUser,
  keepItems,
  type OffboardSnapshot,
  offboardItems,
  offboardSnapshot,
  RefusedUser,
  type Unmanaged,
} from './items.js'
import { MAX_USER_NAME, userNameFor } from './username.js'

const INPUTS = {
  ...COMMON_INPUTS,
  ...CONVERGE_INPUTS,
  'aws-region': input.string({
    default: 'us-east-1',
    pattern: /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/,
    rule: 'must be an AWS region name such as us-east-1',
  }),
  'delete-user': input.boolean(false),
}

export type Inputs = ReturnType<typeof readInputs>
export const readInputs = () => getInputs(INPUTS)

export interface RunOptions {
  env?: NodeJS.ProcessEnv
  /** Default the sandbox's time scale when every endpoint is loopback (clockFromEnv), else real time. */
  clock?: Clock
  /** Read-back polling for IAM's eventual consistency; default the loop's READ_BACK_POLICY. */
  readBack?: RetryPolicy
  /** Tests in process: scaled-down retry waits in the IAM client and the ledger; default when the clock runs fast. */
  fast?: boolean
  /** Tests: IAM calls through this instead of the SDK. */
  iam?: IamApi
  /** One person of a converge run (runMany). */
  batch?: Batch
  /** Identity Center: how long an assignment request may stay IN_PROGRESS (default ASSIGNMENT_STATUS_POLICY). */
  statusPolicy?: RetryPolicy
}

const USER_NAME_RE = new RegExp(`^[\\w+=,.@-]{1,${MAX_USER_NAME}}$`)

/** The lifecycle's one person, or (with `employee-ids`) a converge run over many. */
export const main = (inputs: Inputs, options: RunOptions = {}) =>
  inputs.employeeIds ? runMany(inputs, options) : run(inputs, options)

/** A converge run: every person through run(), one IAM client (one rate budget) for all of them. */
export async function runMany(inputs: Inputs, options: RunOptions = {}) {
  const env = options.env ?? process.env
  const { clock, fast } = timing(inputs, options)
  const iam = options.iam ?? (await createClient(inputs, env, clock, fast))
  const shared = { ...options, clock, fast, iam }
  return forEachPerson('aws', inputs, (one, batch) => run({ ...inputs, ...one }, { ...shared, batch }), {
    env,
    clock,
    fast,
  })
}

const iamEndpoint = (env: NodeJS.ProcessEnv) => env.AWS_ENDPOINT_URL_IAM || env.AWS_ENDPOINT_URL || undefined

/** The sandbox's time scale when every endpoint is loopback (clockFromEnv), else real time. */
function timing(inputs: Inputs, options: RunOptions): { clock: Clock; fast: boolean } {
  const env = options.env ?? process.env
  const endpoints = [
    iamEndpoint(env) ?? 'https://iam.amazonaws.com',
    ...stateEndpoints(inputs.state, env.GITHUB_API_URL),
  ]
  const clock = options.clock ?? clockFromEnv(env, endpoints)
  return { clock, fast: options.fast ?? runsFast(clock) }
}

async function createClient(inputs: Inputs, env: NodeJS.ProcessEnv, clock: Clock, fast: boolean): Promise<IamApi> {
  return (await import('./iam.js')).createIamApi({
    region: inputs.awsRegion,
    endpoint: iamEndpoint(env),
    credentials: readCredentials(env),
    clock,
    fast,
  })
}

/**
 * Ensures the person's AWS access per the plan: in Identity Center mode their Identity Store user, assignments
 * and groups (identity-center-step.ts); otherwise their IAM user inside the guardrails.
 */
export async function run(inputs: Inputs, options: RunOptions = {}): Promise<void> {
  const env = options.env ?? process.env
  const { clock, fast } = timing(inputs, options)
  const step = await beginStep('aws', inputs, { env, clock, fast, batch: options.batch })
  // Not due yet (a start date, a last day): nothing is read or changed; the scheduled run comes back then.
  if (step.waiting) {
    await step.scheduled()
    return
  }
  // Days after the last day (guardrails dates.leaver.delete-after-days): the rerun of the offboard deletes the user.
  const deleteDue =
    step.event.type === 'offboard' && postLeave(step.event, step.access.guardrails.dates, step.now).delete
  if (step.plan.identityCenter) {
    const { runIdentityCenter } = await import('./identity-center-step.js')
    await runIdentityCenter(step, {
      plan: step.plan.identityCenter,
      deleteDue,
      env,
      clock,
      credentials: readCredentials(env),
      describeError,
      readBack: options.readBack,
      statusPolicy: options.statusPolicy,
      fast,
    })
    return
  }
  const plan = step.plan.aws
  if (!plan) {
    await step.finish({ result: 'unchanged', receipts: [] }, { note: 'The role names no AWS access: nothing to do.' })
    return
  }
  const userName = resolveUserName(step)
  if (!userName) {
    await step.finish(
      failedBefore('user', 'no IAM user name: the ledger records none and there is no email to derive it from'),
    )
    return
  }
  const iam = options.iam ?? (await createClient(inputs, env, clock, fast))

  let user: IamUser | undefined
  let unmanaged: Unmanaged = { policies: [], groups: [] }
  const ctx: BuildContext = {
    iam: watchUser(iam, userName, (u) => (user = u)),
    userName,
    employeeId: step.event.employeeId,
    plan,
    now: () => new Date(clock.now()).toISOString(),
  }
  const onUnmanaged = (u: Unmanaged) => (unmanaged = u)
  const offboard = plan.presence === 'revoked'
  const keep = plan.account === 'keep'
  // `delete-user` deletes when the offboard runs; the guardrail, when its day comes.
  const deleteUser = inputs.deleteUser || deleteDue
  let snapshot: OffboardSnapshot | undefined
  let existing: IamUser | undefined
  if (offboard || keep) {
    try {
      // keep: whether there is a user at all decides whether there is anything to remove.
      if (offboard) snapshot = await offboardSnapshot(ctx.iam, userName, deleteUser)
      else existing = await ctx.iam.getUser(userName)
    } catch (error) {
      // Recorded and reported like any failed item, so the alert job has the reason.
      await step.finish(failedBefore('user', describeError(error)))
      return
    }
  }
  const items = snapshot
    ? offboardItems(ctx, snapshot, deleteUser, onUnmanaged)
    : keep
      ? keepItems(ctx, existing, onUnmanaged)
      : grantItems(ctx, onUnmanaged)

  const outcome = await reconcile(items, {
    dryRun: step.dryRun,
    clock,
    readBack: options.readBack,
    describeError,
  })

  const userOk = outcome.receipts.find((r) => r.item === 'user')?.result !== 'failed'
  const arn = userOk ? user?.arn : undefined
  const notes: string[] = []
  if (!plan.console && plan.presence === 'active' && plan.account === 'ensure')
    notes.push(
      'Sign-in: none through this IAM user, which has no password and no access key (onramp never creates either); guardrails aws.mode identity-center gives people AWS access they sign in to.',
    )
  if (plan.console)
    notes.push(
      'Console access: the person signs in to the AWS console through the identity provider (its AWS app: IAM Identity Center or SAML federation), which the identity step grants through the role’s groups. This IAM user has no password: onramp never creates one.',
    )
  if (unmanaged.policies.length || unmanaged.groups.length)
    notes.push(
      `Unmanaged attachments reported, not removed: ${unmanaged.policies.length} policies, ${unmanaged.groups.length} groups.`,
    )
  if (offboard && !user && userOk) notes.push('No IAM user of this name exists: nothing to revoke.')
  if (keep && userOk)
    notes.push(
      user
        ? 'The role names no AWS access: managed policies and groups removed, the user kept (role tag updated).'
        : 'The role names no AWS access and no IAM user of this name exists: nothing to remove.',
    )
  // A one-word name that is also the email's local part ("Sam", sam@) makes the user name personal data:
  // the ledger keeps it; outputs and summary, which must stay PII-free, leave it out.
  const shareable = !containsPersonalData(userName)
  if (shareable) notes.unshift(`IAM user ${userName}.`)
  else notes.unshift('The IAM user name contains the person’s name: kept in the ledger only, not in outputs.')
  await step.finish(outcome, {
    ids: (ids) => {
      if (arn) ids.aws = { user_name: userName, arn }
    },
    outputs: { 'user-name': shareable ? userName : '', 'user-arn': shareable ? (arn ?? '') : '' },
    note: notes.join(' '),
  })
}

/**
 * Keeps the last user a read saw (for its ARN), without another call; and once GetUser found no such user,
 * answers the per-user lists as empty without asking IAM: IAM authorizes a call naming a user that does not
 * exist against `user/<name>`, outside the automation role's path, so it would answer AccessDenied, not
 * NoSuchEntity (a dry run of a new hire reads them all). Until the run's first change, the user and its two
 * lists are read once and shared by every item (a rerun with nothing to do costs three reads, whatever the
 * number of groups and policies); after any change every read is a request of its own, so read-backs and their
 * polls see IAM, never a copy.
 */
function watchUser(iam: IamApi, userName: string, seen: (u: IamUser) => void): IamApi {
  let absent = false
  let changed = false
  const once = new Map<string, Promise<unknown>>()
  const shared = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (changed) return read()
    let p = once.get(key) as Promise<T> | undefined
    if (!p) {
      p = read()
      once.set(key, p)
      p.catch(() => once.delete(key))
    }
    return p
  }
  const unlessAbsent =
    <T>(key: string, read: (name: string) => Promise<T>, empty: T) =>
    (name: string) =>
      absent && name === userName
        ? Promise.resolve(empty)
        : name === userName
          ? shared(key, () => read(name))
          : read(name)
  const writes = Object.fromEntries(
    (
      [
        'createUser',
        'tagUser',
        'attachPolicy',
        'detachPolicy',
        'addToGroup',
        'removeFromGroup',
        'deleteAccessKey',
        'deleteLoginProfile',
        'deleteUser',
        'deleteInlinePolicy',
        'deactivateMfa',
        'deleteVirtualMfa',
        'deleteSigningCertificate',
        'deleteSshPublicKey',
        'deleteServiceCredential',
      ] as const
    ).map((k) => [
      k,
      (...args: unknown[]) => {
        changed = true
        return (iam[k] as (...a: unknown[]) => Promise<void>)(...args)
      },
    ]),
  ) as Partial<IamApi>
  return {
    ...iam,
    ...writes,
    async getUser(name) {
      const u = name === userName ? await shared('user', () => iam.getUser(name)) : await iam.getUser(name)
      if (name === userName) absent = !u
      if (u && name === userName) seen(u)
      return u
    },
    async createUser(...args) {
      absent = false
      changed = true
      await iam.createUser(...args)
    },
    attachedPolicies: unlessAbsent('policies', (n) => iam.attachedPolicies(n), []),
    groups: unlessAbsent('groups', (n) => iam.groups(n), []),
    hasLoginProfile: (n) => (absent && n === userName ? Promise.resolve(false) : iam.hasLoginProfile(n)),
    accessKeys: (n) => (absent && n === userName ? Promise.resolve([]) : iam.accessKeys(n)),
  }
}

/** The ledger's name wins (stable across an email change); otherwise the documented derivation. */
function resolveUserName(step: Step): string | undefined {
  const recorded = step.record?.ids?.aws?.user_name
  if (recorded !== undefined) {
    if (!USER_NAME_RE.test(recorded))
      throw new UserError({ field: 'ledger ids.aws.user_name', rule: 'must be an IAM user name [\\w+=,.@-]{1,64}' })
    return recorded
  }
  const email = step.event.email ?? step.record?.person?.email
  return email ? userNameFor(email, step.event.employeeId) : undefined
}

/** Credentials come from the environment only (configure-aws-credentials with OIDC, or the standard variables). */
function readCredentials(env: NodeJS.ProcessEnv) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
  const sessionToken = env.AWS_SESSION_TOKEN || undefined
  for (const secret of [accessKeyId, secretAccessKey, sessionToken]) if (secret) core.setSecret(secret)
  const problems = []
  if (!accessKeyId)
    problems.push({ field: 'env.AWS_ACCESS_KEY_ID', rule: 'required: set by configure-aws-credentials (OIDC)' })
  if (!secretAccessKey)
    problems.push({ field: 'env.AWS_SECRET_ACCESS_KEY', rule: 'required: set by configure-aws-credentials (OIDC)' })
  if (problems.length || !accessKeyId || !secretAccessKey) throw new UserError(problems)
  return { accessKeyId, secretAccessKey, sessionToken }
}

/** An IAM error as `Code: message`, PII redacted; a quota says it was not retried. */
export function describeError(error: unknown): string {
  // What the read-back found, less a refusal's "nothing changed", which no longer holds.
  if (error instanceof CreatedButUnverified)
    return `${error.message}: ${describeError(error.cause).replace(/[,;] nothing changed$/, '')}`
  if (error instanceof RefusedUser || error instanceof RefusedStoreUser) return error.message
  const e = error as { name?: string; message?: string; $metadata?: { attempts?: number } }
  const code = typeof e?.name === 'string' ? e.name.replace(/Exception$/, '') : 'Error'
  const attempts = e?.$metadata?.attempts
  const extra =
    code === 'LimitExceeded'
      ? ' (an IAM quota: reported, not retried)'
      : attempts && attempts > 1
        ? ` (after ${attempts} attempts)`
        : ''
  return redactPersonalData(`${code}: ${e?.message ?? String(error)}${extra}`)
}
