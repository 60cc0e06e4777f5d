// The sandbox: every emulator in one process on 127.0.0.1 ephemeral ports, sharing one clock and one request
// log, seeded from roles.yaml and guardrails.yaml, with the action inputs and environment that point onramp
// at them.
import { generateKeyPairSync } from 'node:crypto'
import {
  type Guardrails,
  loadAccess,
  loadGuardrails,
  loadRoleMap,
  type RoleMap,
  SANDBOX_TIME_OFFSET_ENV,
  SANDBOX_TIME_ORIGIN_ENV,
  SANDBOX_TIME_SCALE_ENV,
} from '@onramp/core'
import { automationRolePolicy } from '@onramp/core/aws-policies'
import { SANDBOX_EVENT_KEY } from '@onramp/core/testing'
import { GitHubEmulator, type GitHubOptions, type GitHubSeed } from './emulators/github/index.js'
import { IamEmulator, type IamOptions, type IamSeed } from './emulators/iam.js'
import { IdentityStoreEmulator, type IdentityStoreOptions, type IdentityStoreSeed } from './emulators/identitystore.js'
import {
  MailStore,
  SendGridEmulator,
  type SendGridOptions,
  type SendGridSeed,
  SmtpEmulator,
  type SmtpOptions,
  type SmtpSeed,
} from './emulators/mail/index.js'
import { OktaEmulator, type OktaOptions, type OktaSeed } from './emulators/okta.js'
import { ScimEmulator, type ScimOptions, type ScimSeed } from './emulators/scim.js'
import { SlackEmulator, type SlackOptions, type SlackSeed } from './emulators/slack.js'
import { SsoAdminEmulator, type SsoAdminOptions, type SsoAdminSeed } from './emulators/sso-admin.js'
import {
  type Counters,
  type Emulator,
  FaultInjector,
  type Kernel,
  RequestLog,
  type Running,
  SandboxClock,
  serve,
  TokenBucket,
} from './kernel/index.js'

export { awsJsonFault } from './emulators/aws-json.js'
export { DEFAULT_RETENTION_DAYS, type PublishArtifact } from './emulators/github/artifacts.js'
export { checkGithubGraphql } from './emulators/github/graphql.js'
export {
  type DispatchRecord,
  GitHubEmulator,
  type GitHubOptions,
  type GitHubSeed,
} from './emulators/github/index.js'
export { IamEmulator, type IamOptions, type IamSeed, iamFault } from './emulators/iam.js'
export {
  ENTERPRISE_EXTENSION,
  type ExternalId,
  IdentityStoreEmulator,
  type IdentityStoreOptions,
  type IdentityStoreSeed,
  type IdentityStoreSeedUser,
} from './emulators/identitystore.js'
export * from './emulators/mail/index.js'
export { OktaEmulator, type OktaOAuthClient, type OktaOptions, type OktaSeed } from './emulators/okta.js'
export { OktaAuthorizationServer } from './emulators/okta-oauth.js'
export { SCIM_PROFILES, ScimEmulator, type ScimOptions, type ScimProfile, type ScimSeed } from './emulators/scim.js'
export * from './emulators/slack.js'
export {
  type AssignmentFailure,
  SsoAdminEmulator,
  type SsoAdminOptions,
  type SsoAdminSeed,
} from './emulators/sso-admin.js'
export * from './kernel/index.js'

/** Credentials the sandbox accepts; fixed so a printed `pnpm sandbox` setup can be pasted into a shell. */
export const SANDBOX_CREDENTIALS = {
  githubToken: 'ghs_onrampSandboxToken000000000000000000',
  oktaToken: 'sandbox-okta-token',
  /** The sandbox's Okta service app (its key pair is made at each start). */
  oktaClientId: '0oasandboxonramp00001',
  oktaKeyId: 'sandbox-key-1',
  scimToken: 'sandbox-scim-token',
  slackToken: 'xoxb-onramp-sandbox',
  sendgridApiKey: 'SG.onramp-sandbox',
  awsAccessKeyId: 'AKIAONRAMPSANDBOX000',
  awsSecretAccessKey: 'onrampSandboxSecretAccessKey0000000000000',
  awsRegion: 'us-east-1',
  /** Signs HR events (input `event-key`, secret ONRAMP_EVENT_KEY). */
  eventKey: SANDBOX_EVENT_KEY,
} as const

/** The Okta API scopes onramp's service app is granted (docs/install.md). */
export const OKTA_SCOPES = ['okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage'] as const

export interface SandboxSeed {
  github?: GitHubSeed
  iam?: IamSeed
  okta?: OktaSeed
  scim?: ScimSeed
  slack?: SlackSeed
  smtp?: SmtpSeed
  sendgrid?: SendGridSeed
  ssoAdmin?: SsoAdminSeed
  identityStore?: IdentityStoreSeed
}

export interface SandboxOptions {
  /** Path to roles.yaml: its teams, identity groups, AWS groups and policies, channels and setup repos exist. */
  roles?: string
  /** Path to guardrails.yaml: its org, protected logins, boundary policy and Slack channels exist. */
  guardrails?: string
  /** Sandbox time runs this many times faster than real time (default 1). */
  timeScale?: number
  /** Enforce every emulator's documented limits (default false: headers are still sent). */
  limits?: boolean
  /** Extra seed per emulator, applied after roles and guardrails. */
  seed?: SandboxSeed
  /** Per-emulator options; `limits` here wins over the boolean above. */
  options?: {
    github?: GitHubOptions
    iam?: IamOptions
    okta?: OktaOptions
    scim?: ScimOptions
    slack?: SlackOptions
    smtp?: SmtpOptions
    sendgrid?: SendGridOptions
    ssoAdmin?: SsoAdminOptions
    identityStore?: IdentityStoreOptions
  }
}

export interface RunningEmulator<E extends Emulator> extends Running {
  emulator: E
}

export interface RunningSmtp extends RunningEmulator<SmtpEmulator> {
  /** The SMTP listener; `url`/`port` above are its HTTP `/__sandbox/` control plane. */
  smtp: { host: string; port: number }
}

export interface Sandbox {
  clock: SandboxClock
  log: RequestLog
  /** The one store both mail emulators write to. */
  mail: MailStore
  emulators: {
    github: RunningEmulator<GitHubEmulator>
    iam: RunningEmulator<IamEmulator>
    okta: RunningEmulator<OktaEmulator>
    scim: RunningEmulator<ScimEmulator>
    slack: RunningEmulator<SlackEmulator>
    smtp: RunningSmtp
    sendgrid: RunningEmulator<SendGridEmulator>
    ssoAdmin: RunningEmulator<SsoAdminEmulator>
    identityStore: RunningEmulator<IdentityStoreEmulator>
  }
  /** Action inputs (kebab-case) that point onramp at the sandbox. */
  inputs: Record<string, string>
  /** Environment for SDKs that read it (AWS), for GITHUB_API_URL, and the sandbox's time as it is when read. */
  env: Record<string, string>
  /** Counters over the shared log: all emulators, and per emulator. */
  counters(): { all: Counters; byEmulator: Record<string, Counters> }
  close(): Promise<void>
}

interface AccessConfig {
  roles?: RoleMap
  guardrails?: Guardrails
}

function readAccess(o: SandboxOptions): AccessConfig {
  if (o.roles && o.guardrails) return loadAccess({ rolesFile: o.roles, guardrailsFile: o.guardrails })
  return {
    roles: o.roles ? loadRoleMap(o.roles) : undefined,
    guardrails: o.guardrails ? loadGuardrails(o.guardrails) : undefined,
  }
}

/**
 * The environment that puts an action on the sandbox's time (core's clockFromEnv): its scale, origin and offset,
 * as they are now (read it again after `clock.advance`). A frozen sandbox (scale 0) gives none: an action
 * cannot wait on a clock that does not move.
 */
export function sandboxClockEnv(clock: SandboxClock): Record<string, string> {
  if (!(clock.timeScale > 0)) return {}
  const { origin, offset } = clock.actionTime()
  return {
    [SANDBOX_TIME_SCALE_ENV]: String(clock.timeScale),
    [SANDBOX_TIME_ORIGIN_ENV]: String(origin),
    [SANDBOX_TIME_OFFSET_ENV]: String(offset),
  }
}

/** Seeds every emulator with what roles.yaml and guardrails.yaml name, so onramp finds them. */
export function seedFromAccess(
  access: AccessConfig,
  e: { github: GitHubEmulator; iam: IamEmulator; okta: OktaEmulator; scim: ScimEmulator; slack: SlackEmulator },
): void {
  const g = access.guardrails
  const org = g?.github?.org ?? 'acme'
  e.github.ensureOrg(org, g?.github ? { invitationCap: g.github.invitationCap } : {})
  for (const login of g?.github?.protectedLogins ?? []) e.github.addMember(org, login, 'admin')
  if (g?.aws) e.iam.ensurePolicy(g.aws.permissionsBoundary)
  if (g?.slack) {
    // The bot is installed in the channels security configured; role channels it has to join itself.
    for (const ch of [g.slack.announceChannel, g.slack.alertsChannel]) {
      const { id } = e.slack.ensureChannel(ch)
      e.slack.addMember(id, e.slack.botUserId)
    }
  }
  for (const role of Object.values(access.roles?.roles ?? {})) {
    for (const t of role.github?.teams ?? []) e.github.ensureTeam(org, t.slug)
    for (const group of role.identity?.groups ?? []) {
      e.okta.ensureGroup(group)
      if (!e.scim.group(group)) e.scim.seed({ groups: [{ displayName: group }] })
    }
    for (const group of role.aws?.groups ?? []) e.iam.ensureGroup(group)
    for (const arn of role.aws?.policies ?? []) e.iam.ensurePolicy(arn)
    // The bot is a member of the role channels, as install.md asks: invitations need it.
    for (const ch of role.slack?.channels ?? []) e.slack.addMember(e.slack.ensureChannel(ch).id, e.slack.botUserId)
    for (const repo of role.setup?.repos ?? []) {
      const [owner, name] = repo.split('/')
      if (owner && name) e.github.ensureRepo(owner, name)
    }
  }
}

/** guardrails.yaml `aws.identity-center`, as far as the sandbox needs it. */
export interface IdentityCenterSeed {
  instanceArn: string
  identityStoreId: string
  accounts: string[]
  permissionSets: string[]
  groups: string[]
}

/**
 * Reads guardrails' Identity Center section without relying on its type: where the loader puts it
 * (`identityCenter`, top level, camelCase), or as the file has it (`aws.identity-center`, kebab-case). Undefined
 * when absent or when the instance or identity store is missing.
 */
export function identityCenterFromGuardrails(guardrails: unknown): IdentityCenterSeed | undefined {
  const g = record(guardrails)
  const aws = record(g?.aws)
  const ic = record(g?.identityCenter ?? aws?.identityCenter ?? aws?.['identity-center'])
  if (!ic) return undefined
  const pick = (...keys: string[]) => keys.map((k) => ic[k]).find((v) => v !== undefined)
  const instanceArn = pick('instanceArn', 'instance-arn')
  const identityStoreId = pick('identityStoreId', 'identity-store-id')
  if (typeof instanceArn !== 'string' || typeof identityStoreId !== 'string') return undefined
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  return {
    instanceArn,
    identityStoreId,
    accounts: strings(pick('accounts')),
    permissionSets: strings(pick('permissionSets', 'permission-sets')),
    groups: strings(pick('groups')),
  }
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined

/** The instance, accounts and permission sets go to SSO Admin; the store and its groups to the Identity Store. */
export function seedIdentityCenter(
  ic: IdentityCenterSeed,
  e: { ssoAdmin: SsoAdminEmulator; identityStore: IdentityStoreEmulator },
): void {
  e.identityStore.seed({ identityStoreId: ic.identityStoreId, groups: ic.groups })
  e.ssoAdmin.seed({
    instances: [{ instanceArn: ic.instanceArn, identityStoreId: ic.identityStoreId }],
    accounts: ic.accounts,
    permissionSets: ic.permissionSets,
  })
}

/** One way a person can sign in to an account through IAM Identity Center. */
export interface IdentityCenterAccess {
  account: string
  permissionSetArn: string
  /** The permission set's name, as the access portal shows it. */
  permissionSet: string
  /** `user` for an assignment to the person, `group:<display name>` for one through a group. */
  via: string
}

/**
 * What a user can use in AWS, as the access portal would list it: every account x permission set assigned to
 * the user directly or to a group the user is in. Empty for an unknown user name.
 */
export function identityCenterAccessOf(
  e: { ssoAdmin: SsoAdminEmulator; identityStore: IdentityStoreEmulator },
  userName: string,
): IdentityCenterAccess[] {
  const userId = e.identityStore.userIdOf(userName)
  if (!userId) return []
  const via = new Map<string, string>([[`USER|${userId}`, 'user']])
  for (const g of e.identityStore.groupsOfUser(userId)) via.set(`GROUP|${g.groupId}`, `group:${g.displayName}`)
  return e.ssoAdmin
    .listAssignments()
    .flatMap((a) => {
      const how = via.get(`${a.principalType}|${a.principalId}`)
      if (!how) return []
      const name = e.ssoAdmin.permissionSetName(a.permissionSetArn) ?? a.permissionSetArn
      return [{ account: a.accountId, permissionSetArn: a.permissionSetArn, permissionSet: name, via: how }]
    })
    .sort((x, y) =>
      `${x.account}|${x.permissionSet}|${x.via}`.localeCompare(`${y.account}|${y.permissionSet}|${y.via}`),
    )
}

async function start<E extends Emulator>(emulator: E, kernel: Kernel): Promise<RunningEmulator<E>> {
  const running = await serve(emulator, kernel, new FaultInjector())
  return { ...running, emulator }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const access = readAccess(options)
  const clock = new SandboxClock(options.timeScale ?? 1)
  const log = new RequestLog()
  const kernel: Kernel = { clock, log }
  const limits = { enabled: options.limits ?? false }
  const o = options.options ?? {}
  const mail = new MailStore()
  const C = SANDBOX_CREDENTIALS

  const github = new GitHubEmulator({ limits, ...o.github }, kernel)
  // IAM authorizes every call as onramp's automation role, generated from the same access files (policies/),
  // unless a test gives another caller policy or `null` (every call allowed).
  const callerPolicy =
    o.iam?.callerPolicy !== undefined
      ? o.iam.callerPolicy
      : access.roles && access.guardrails?.aws
        ? JSON.stringify(automationRolePolicy(access.roles, access.guardrails))
        : null
  const iam = new IamEmulator({ limits, callerAccessKeyId: C.awsAccessKeyId, ...o.iam, callerPolicy }, kernel)
  // A service app for OAuth 2.0 (private key JWT), as docs/install.md sets one up; EC P-256 keys are made in ~1 ms.
  const oktaKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const oktaApp = { clientId: C.oktaClientId, kid: C.oktaKeyId, publicKey: oktaKey.publicKey, scopes: [...OKTA_SCOPES] }
  const okta = new OktaEmulator(
    { limits, tokens: [C.oktaToken], ...o.okta, clients: [oktaApp, ...(o.okta?.clients ?? [])] },
    kernel,
  )
  const scim = new ScimEmulator({ limits, tokens: [C.scimToken], ...o.scim }, kernel)
  const slack = new SlackEmulator({ limits, token: C.slackToken, ...o.slack }, kernel)
  const smtp = new SmtpEmulator({ limits, store: mail, ...o.smtp }, kernel)
  const sendgrid = new SendGridEmulator({ limits, apiKey: C.sendgridApiKey, store: mail, ...o.sendgrid }, kernel)
  // Identity Center is called by onramp's automation role too, so the policy generated from the access files
  // authorizes it when guardrails configure Identity Center; otherwise every call is allowed unless a test gives one.
  const identityCenter = identityCenterFromGuardrails(access.guardrails)
  const icPolicy =
    identityCenter && access.roles && access.guardrails
      ? JSON.stringify(automationRolePolicy(access.roles, access.guardrails))
      : null
  // IAM Identity Center's APIs share one throttle of 20 requests per second (user guide, quotas).
  const icLimits: { enabled: boolean; requestsPerSecond?: number } =
    o.ssoAdmin?.limits ?? o.identityStore?.limits ?? limits
  const rateBucket = new TokenBucket(icLimits.requestsPerSecond ?? 20, 1000, clock, 'rolling', icLimits.enabled)
  const identityStore = new IdentityStoreEmulator(
    {
      limits,
      rateBucket,
      callerAccessKeyId: C.awsAccessKeyId,
      ...o.identityStore,
      callerPolicy: o.identityStore?.callerPolicy !== undefined ? o.identityStore.callerPolicy : icPolicy,
    },
    kernel,
  )
  const ssoAdmin = new SsoAdminEmulator(
    {
      limits,
      rateBucket,
      callerAccessKeyId: C.awsAccessKeyId,
      principalExists: (type, id, storeId) => identityStore.principalExists(type, id, storeId),
      ...o.ssoAdmin,
      callerPolicy: o.ssoAdmin?.callerPolicy !== undefined ? o.ssoAdmin.callerPolicy : icPolicy,
    },
    kernel,
  )

  seedFromAccess(access, { github, iam, okta, scim, slack })
  const seed = options.seed ?? {}
  if (seed.github) github.seed(seed.github)
  if (seed.iam) iam.seed(seed.iam)
  if (seed.okta) okta.seed(seed.okta)
  if (seed.scim) scim.seed(seed.scim)
  if (seed.slack) slack.seed(seed.slack)
  if (seed.smtp) smtp.seed(seed.smtp)
  if (seed.sendgrid) sendgrid.seed(seed.sendgrid)
  if (identityCenter) seedIdentityCenter(identityCenter, { ssoAdmin, identityStore })
  if (seed.identityStore) identityStore.seed(seed.identityStore)
  if (seed.ssoAdmin) ssoAdmin.seed(seed.ssoAdmin)

  const started: Running[] = []
  const track = async <R extends Running>(p: Promise<R>): Promise<R> => {
    const r = await p
    started.push(r)
    return r
  }
  let smtpListener: Awaited<ReturnType<SmtpEmulator['listen']>> | undefined
  try {
    const [gh, iamR, oktaR, scimR, slackR, smtpHttp, sendgridR, ssoAdminR, identityStoreR] = await Promise.all([
      track(start(github, kernel)),
      track(start(iam, kernel)),
      track(start(okta, kernel)),
      track(start(scim, kernel)),
      track(start(slack, kernel)),
      track(start(smtp, kernel)),
      track(start(sendgrid, kernel)),
      track(start(ssoAdmin, kernel)),
      track(start(identityStore, kernel)),
    ])
    // SMTP shares the fault queue of its control plane, so `/__sandbox/faults` scripts SMTP replies too.
    smtpListener = await smtp.listen(smtpHttp.faults)
    const listener = smtpListener
    const emulators = {
      github: gh,
      iam: iamR,
      okta: oktaR,
      scim: scimR,
      slack: slackR,
      smtp: { ...smtpHttp, smtp: { host: listener.host, port: listener.port } },
      sendgrid: sendgridR,
      ssoAdmin: ssoAdminR,
      identityStore: identityStoreR,
    }
    const inputs: Record<string, string> = {
      'github-api-url': gh.url,
      'github-token': C.githubToken,
      'okta-org-url': oktaR.url,
      'okta-token': o.okta?.tokens?.[0] ?? C.oktaToken,
      'okta-client-id': C.oktaClientId,
      'okta-key-id': C.oktaKeyId,
      'okta-private-key': oktaKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      'scim-base-url': `${scimR.url}${o.scim?.basePath?.replace(/\/$/, '') ?? '/scim/v2'}`,
      'scim-token': o.scim?.tokens?.[0] ?? C.scimToken,
      'slack-api-url': `${slackR.url}/api/`,
      'slack-token': slack.token,
      'smtp-host': listener.host,
      'smtp-port': String(listener.port),
      'sendgrid-api-url': sendgridR.url,
      'sendgrid-api-key': sendgrid.apiKey,
      'aws-region': C.awsRegion,
      'event-key': C.eventKey,
    }
    const smtpAuth = o.smtp?.auth
    if (smtpAuth?.user !== undefined) inputs['smtp-user'] = smtpAuth.user
    if (smtpAuth?.pass !== undefined) inputs['smtp-password'] = smtpAuth.pass
    if (options.roles) inputs['roles-file'] = options.roles
    if (options.guardrails) inputs['guardrails-file'] = options.guardrails
    const env: Record<string, string> = {
      AWS_ENDPOINT_URL_IAM: iamR.url,
      // The SDK's service-specific endpoint variables: the Identity Center clients find the sandbox unaided.
      AWS_ENDPOINT_URL_SSO_ADMIN: ssoAdminR.url,
      AWS_ENDPOINT_URL_IDENTITYSTORE: identityStoreR.url,
      AWS_REGION: C.awsRegion,
      AWS_ACCESS_KEY_ID: C.awsAccessKeyId,
      AWS_SECRET_ACCESS_KEY: C.awsSecretAccessKey,
      GITHUB_API_URL: gh.url,
    }
    let closed = false
    return {
      clock,
      log,
      mail,
      emulators,
      inputs,
      // The clock's part is read at each use: a test that advances the clock then runs an action moves it too.
      get env() {
        return { ...env, ...sandboxClockEnv(clock) }
      },
      counters: () => {
        const byEmulator: Record<string, Counters> = {}
        for (const name of Object.keys(emulators)) byEmulator[name] = log.counters({ emulator: name })
        return { all: log.counters(), byEmulator }
      },
      close: async () => {
        if (closed) return
        closed = true
        await Promise.all([listener.close(), ...started.map((r) => r.close())])
      },
    }
  } catch (error) {
    await Promise.allSettled([smtpListener?.close(), ...started.map((r) => r.close())])
    throw error
  }
}
