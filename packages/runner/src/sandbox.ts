// Runs a workflow against a started sandbox: the variables and secrets an org admin would set (docs/install.md),
// pointed at the emulators, and stand-ins for the three third-party actions that need GitHub or AWS itself.
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signDispatch } from '@onramp/core/testing'
import { SANDBOX_CREDENTIALS, type Sandbox, sandboxClockEnv } from '@onramp/sandbox'
import { uploadArtifact } from './artifacts.js'
import { checkout } from './checkout.js'
import { ConcurrencyGroups } from './concurrency.js'
import { runWorkflow } from './run.js'
import type { EnvironmentSpec, ProgressEvent, RunWorkflowOptions, StandIns, WorkflowResult } from './types.js'
import { permissionLevels } from './workflow.js'

/** The repository the sandbox's GitHub holds the ledger in (its `onramp-state` branch). */
export const SANDBOX_REPOSITORY = { owner: 'acme', name: 'people-ops' }

/** The jobs' GITHUB_TOKEN: read-only (`contents: read`), so the emulator refuses its writes as GitHub would. */
export const SANDBOX_JOB_TOKEN = 'ghs_onrampSandboxJobToken000000000000000'

export interface SandboxRunOptions {
  repoRoot: string
  workflowFile?: string
  eventName: string
  event: Record<string, unknown>
  inputs?: RunWorkflowOptions['inputs']
  /** Overrides of the repository variables (e.g. ONRAMP_IDENTITY_PROVIDER=scim). */
  vars?: Record<string, string>
  onProgress?: (event: ProgressEvent) => void
  runId?: string
  /** The run's actor (GITHUB_ACTOR): who dispatched a workflow_dispatch run. */
  actor?: string
  /** The environments and their secrets; default sandboxEnvironments(sandbox). */
  environments?: Record<string, EnvironmentSpec>
  /** A reviewer's answer for protected environments; default: approved. */
  approve?: RunWorkflowOptions['approve']
  /** Local checkouts of repositories whose actions are used by reference (`owner/repo/path@ref`). */
  repositories?: RunWorkflowOptions['repositories']
  /**
   * Sign a repository_dispatch event with the sandbox's event key as it is dispatched, as the HR relay does
   * (default true; an event already carrying a signature is sent as it is). `false` sends it unsigned.
   */
  sign?: boolean
  /** Overrides of the environments' secrets (e.g. another ONRAMP_EVENT_KEY). */
  secrets?: Record<string, string>
  /** Cancels the run: the running action processes are killed. */
  signal?: AbortSignal
  /**
   * Where actions/upload-artifact keeps the run's artifacts (`<dir>/<name>/`); default a temp folder removed when the
   * run ends. They are published to the sandbox's GitHub too, under the run's id (`runId`, default the time in ms).
   */
  artifactsDir?: string
}

export function sandboxStandIns(sandbox: Sandbox, artifactsDir: string): StandIns {
  const github = sandbox.emulators.github.emulator
  return {
    // Kept in the folder, and published to the sandbox's GitHub as the run's artifact (the REST API serves it).
    'actions/upload-artifact': uploadArtifact(artifactsDir, ({ repository, ...a }) => {
      const [owner, repo] = repository.split('/') as [string, string]
      return github.publishArtifact({ owner, repo, ...a })
    }),
    // The workspace is the repository itself; `path:` links a repository's local checkout there (checkout.ts).
    'actions/checkout': checkout,
    // The App token is minted by GitHub; in the sandbox any well-formed token is accepted.
    'actions/create-github-app-token': async (w, ctx) => {
      // The real action fails without the App's id and key: a job that cannot see the secret fails here too.
      if (!w['client-id'] && !w['app-id']) throw new Error('create-github-app-token: client-id is required')
      if (!w['private-key']) throw new Error('create-github-app-token: private-key is required')
      for (const required of ['owner', 'repositories']) {
        if (!w[required]) throw new Error(`create-github-app-token: ${required} is required (scope the token)`)
      }
      // A token of its own, scoped as asked: the emulator refuses other repositories and missing permissions.
      const token = `ghs_sandboxApp${randomBytes(12).toString('hex')}`
      const contents = w['permission-contents']
      const actions = w['permission-actions']
      sandbox.emulators.github.emulator.scopeToken(token, {
        repositories: (w.repositories ?? '')
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((r) => `${w.owner}/${r}`),
        contents: contents === 'write' || contents === 'read' ? contents : undefined,
        actions: actions === 'write' || actions === 'read' ? actions : undefined,
      })
      ctx.addMask(token)
      return { outputs: { token, 'installation-id': '1', 'app-slug': 'onramp' } }
    },
    // OIDC to STS is AWS's part; the sandbox hands out the emulator's credentials the same way: as environment.
    'aws-actions/configure-aws-credentials': async (w, ctx) => {
      if (!w['role-to-assume']) throw new Error('configure-aws-credentials: role-to-assume is required')
      ctx.addMask(SANDBOX_CREDENTIALS.awsSecretAccessKey)
      return {
        outputs: { 'aws-account-id': '123456789012' },
        env: { ...sandbox.env, AWS_DEFAULT_REGION: w['aws-region'] ?? SANDBOX_CREDENTIALS.awsRegion },
      }
    },
  }
}

export function sandboxVars(sandbox: Sandbox): Record<string, string> {
  const i = sandbox.inputs
  return {
    ONRAMP_IDENTITY_PROVIDER: 'okta',
    OKTA_ORG_URL: i['okta-org-url'] ?? '',
    OKTA_CLIENT_ID: i['okta-client-id'] ?? '',
    OKTA_KEY_ID: i['okta-key-id'] ?? '',
    SCIM_BASE_URL: i['scim-base-url'] ?? '',
    ONRAMP_APP_CLIENT_ID: 'Iv23sandbox',
    ONRAMP_GITHUB_ORG: 'acme',
    ONRAMP_AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/onramp-automation',
    ONRAMP_AWS_REGION: SANDBOX_CREDENTIALS.awsRegion,
    SLACK_API_URL: i['slack-api-url'] ?? '',
    ONRAMP_MAIL_TRANSPORT: 'smtp',
    SMTP_HOST: i['smtp-host'] ?? '',
    SMTP_PORT: i['smtp-port'] ?? '',
    SMTP_USER: '',
    SENDGRID_API_URL: i['sendgrid-api-url'] ?? '',
    ONRAMP_MAIL_FROM: 'onboarding@acme.com',
    ONRAMP_SETUP_URL: 'https://github.com/acme/people-ops/blob/main/scripts/dev-setup',
    ONRAMP_STATE: 'github',
    ONRAMP_PLAN_APP_CLIENT_ID: 'Iv23sandboxplan',
  }
}

const APP_KEY = '-----BEGIN RSA PRIVATE KEY-----sandbox-----END RSA PRIVATE KEY-----'
/** The read-only App that lets access-plan.yml read the ledger. */
const PLAN_APP_KEY = '-----BEGIN RSA PRIVATE KEY-----sandbox-plan-----END RSA PRIVATE KEY-----'

/** Every secret docs/install.md names, with the sandbox's values. */
export function sandboxSecrets(sandbox: Sandbox): Record<string, string> {
  const i = sandbox.inputs
  return {
    ONRAMP_APP_PRIVATE_KEY: APP_KEY,
    OKTA_PRIVATE_KEY: i['okta-private-key'] ?? '',
    OKTA_API_TOKEN: i['okta-token'] ?? SANDBOX_CREDENTIALS.oktaToken,
    SCIM_TOKEN: i['scim-token'] ?? '',
    SLACK_BOT_TOKEN: i['slack-token'] ?? SANDBOX_CREDENTIALS.slackToken,
    SMTP_PASSWORD: '',
    SENDGRID_API_KEY: i['sendgrid-api-key'] ?? SANDBOX_CREDENTIALS.sendgridApiKey,
    ONRAMP_EVENT_KEY: SANDBOX_CREDENTIALS.eventKey,
    ONRAMP_PLAN_APP_PRIVATE_KEY: PLAN_APP_KEY,
  }
}

/**
 * The environments of docs/install.md, each holding only its own secrets (none at repository level): every one
 * the event key (validate and each action verify the event); the access ones the App key and the identity
 * provider's credentials; `onramp-notify` the App key (for the ledger) and the Slack and mail secrets. Reviewers
 * guard grants and the emergency offboard, not HR's leavers. `overrides` replace a secret wherever it is held.
 */
export function sandboxEnvironments(
  sandbox: Sandbox,
  overrides: Record<string, string> = {},
): Record<string, EnvironmentSpec> {
  const all = { ...sandboxSecrets(sandbox), ...overrides }
  const pick = (...names: string[]) => Object.fromEntries(names.map((n) => [n, all[n] ?? '']))
  const access = pick('ONRAMP_EVENT_KEY', 'ONRAMP_APP_PRIVATE_KEY', 'OKTA_PRIVATE_KEY', 'OKTA_API_TOKEN', 'SCIM_TOKEN')
  return {
    'onramp-validate': { secrets: pick('ONRAMP_EVENT_KEY') },
    // lifecycle.yml's review job: a reviewer approves each hire's or role change's plan; it holds no secret.
    'onramp-review': { requiredReviewers: true },
    'onramp-access': { secrets: access },
    'onramp-offboarding': { secrets: access },
    'onramp-offboard-now': { secrets: access, requiredReviewers: true },
    // access-plan.yml: pull requests to the access files; only the read-only plan App's key (none for forks).
    'onramp-plan': { secrets: pick('ONRAMP_PLAN_APP_PRIVATE_KEY') },
    // reconcile.yml's report mode: no reviewers (it runs on a schedule), only the default branch may use it.
    'onramp-reconcile': { secrets: access },
    // grant.yml's request: a reviewer approves it; it holds only what records the grant in the ledger.
    'onramp-grant': { secrets: pick('ONRAMP_APP_PRIVATE_KEY'), requiredReviewers: true },
    // access-apply.yml's one-off removal allowance: a reviewer approves it; it holds no secret.
    'onramp-allowance': { requiredReviewers: true },
    'onramp-notify': {
      secrets: pick(
        'ONRAMP_EVENT_KEY',
        'ONRAMP_APP_PRIVATE_KEY',
        'SLACK_BOT_TOKEN',
        'SMTP_PASSWORD',
        'SENDGRID_API_KEY',
      ),
    },
  }
}

/** Every run against one sandbox shares its concurrency groups, as the runs of one repository do on GitHub. */
const sandboxGroups = new WeakMap<Sandbox, ConcurrencyGroups>()

export function sandboxConcurrency(sandbox: Sandbox): ConcurrencyGroups {
  let groups = sandboxGroups.get(sandbox)
  if (!groups) {
    groups = new ConcurrencyGroups()
    sandboxGroups.set(sandbox, groups)
  }
  return groups
}

/**
 * Runs `lifecycle.yml` (or another workflow) for one event against the sandbox. Runs at once against one sandbox
 * share concurrency groups (sandboxConcurrency).
 */
export async function runInSandbox(sandbox: Sandbox, o: SandboxRunOptions): Promise<WorkflowResult> {
  const { owner, name } = SANDBOX_REPOSITORY
  sandbox.emulators.github.emulator.restrictToRead(SANDBOX_JOB_TOKEN)
  // Signed at the sandbox's time, which the actions decide by (a test may have moved it days ahead).
  const signAt = new Date(sandbox.clock.now())
  const event =
    o.eventName === 'repository_dispatch' && o.sign !== false ? signDispatch(o.event, undefined, signAt) : o.event
  const artifactsDir = o.artifactsDir ?? mkdtempSync(join(tmpdir(), 'onramp-artifacts-'))
  try {
    return await runWorkflow({
      workflowFile: o.workflowFile ?? '.github/workflows/lifecycle.yml',
      repoRoot: o.repoRoot,
      eventName: o.eventName,
      // Every webhook payload GitHub sends names the repository; hand-written sample events may not.
      event: { repository: { name, full_name: `${owner}/${name}`, owner: { login: owner } }, ...event },
      inputs: o.inputs,
      vars: { ...sandboxVars(sandbox), ...o.vars },
      secrets: {},
      environments: o.environments ?? sandboxEnvironments(sandbox, o.secrets),
      // An approval is kept in the run's review history, which GitHub's REST API serves (a drain reads it).
      approve: async (request) => {
        const approved = await (o.approve ?? (() => true))(request)
        const [repoOwner = '', repo = ''] = request.repository.split('/')
        sandbox.emulators.github.emulator.reviewDeployment(repoOwner, repo, Number(request.runId), {
          environment: request.environment,
          state: approved ? 'approved' : 'rejected',
        })
        return approved
      },
      standIns: sandboxStandIns(sandbox, artifactsDir),
      repositories: o.repositories,
      // The runner machine's environment: every action runs on the sandbox's time (scale, and any advance).
      env: sandboxClockEnv(sandbox.clock),
      onProgress: o.onProgress,
      signal: o.signal,
      concurrency: sandboxConcurrency(sandbox),
      github: {
        repository: `${owner}/${name}`,
        apiUrl: sandbox.emulators.github.url,
        token: SANDBOX_JOB_TOKEN,
        // Each job's GITHUB_TOKEN holds its own `permissions:`; the emulator refuses what they do not grant.
        jobToken: ({ permissions }) => {
          const token = `ghs_sandboxJob${randomBytes(12).toString('hex')}`
          sandbox.emulators.github.emulator.scopeJobToken(token, {
            repository: `${owner}/${name}`,
            permissions: jobPermissions(permissions),
          })
          return token
        },
        runId: o.runId,
        ...(o.actor ? { actor: o.actor } : {}),
      },
    })
  } finally {
    // The sandbox's GitHub serves them from here on: the folder was only for this run.
    if (!o.artifactsDir) rmSync(artifactsDir, { recursive: true, force: true })
  }
}

/** A job's effective `permissions:` as scope → level; unset means the restricted default (contents: read). */
function jobPermissions(permissions: unknown): Record<string, string> {
  return permissions === undefined ? { contents: 'read' } : permissionLevels(permissions)
}

/**
 * A repository like `repoRoot` whose `.github/access/` holds the roles.yaml and guardrails.yaml of `accessDir`
 * (e.g. the Identity Center example): every other entry is a link to `repoRoot`'s. For runs of lifecycle.yml with
 * other access files; the caller removes the returned folder.
 */
export function withAccessFiles(repoRoot: string, accessDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-access-repo-'))
  // Not `.onramp`: lifecycle.yml's checkout of onramp itself, which links that path to the workspace of each run.
  const skip = new Set(['.github', '.git', '.onramp'])
  for (const entry of readdirSync(repoRoot)) if (!skip.has(entry)) symlinkSync(join(repoRoot, entry), join(dir, entry))
  mkdirSync(join(dir, '.github', 'access'), { recursive: true })
  for (const entry of readdirSync(join(repoRoot, '.github')))
    if (entry !== 'access') symlinkSync(join(repoRoot, '.github', entry), join(dir, '.github', entry))
  for (const file of ['roles.yaml', 'guardrails.yaml'])
    cpSync(join(accessDir, file), join(dir, '.github', 'access', file))
  return dir
}
