// Runs a workflow against a started sandbox: the variables and secrets an org admin would set (docs/install.md),
// pointed at the emulators, and stand-ins for the three third-party actions that need GitHub or AWS itself.
import { SANDBOX_CREDENTIALS, type Sandbox } from '@onramp/sandbox'
import { runWorkflow } from './run.js'
import type { ProgressEvent, RunWorkflowOptions, StandIns, WorkflowResult } from './types.js'

/** The repository the sandbox's GitHub holds the ledger in (its `onramp-state` branch). */
export const SANDBOX_REPOSITORY = { owner: 'acme', name: 'people-ops' }

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
  /** Cancels the run: the running action processes are killed. */
  signal?: AbortSignal
}

export function sandboxStandIns(sandbox: Sandbox): StandIns {
  return {
    // The workspace is the repository itself: nothing to fetch.
    'actions/checkout': async () => ({ outputs: {} }),
    // The App token is minted by GitHub; in the sandbox any well-formed token is accepted.
    'actions/create-github-app-token': async (w, ctx) => {
      for (const required of ['owner', 'repositories']) {
        if (!w[required]) throw new Error(`create-github-app-token: ${required} is required (scope the token)`)
      }
      ctx.addMask(SANDBOX_CREDENTIALS.githubToken)
      return { outputs: { token: SANDBOX_CREDENTIALS.githubToken, 'installation-id': '1', 'app-slug': 'onramp' } }
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
  }
}

export function sandboxSecrets(sandbox: Sandbox): Record<string, string> {
  const i = sandbox.inputs
  return {
    ONRAMP_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----sandbox-----END RSA PRIVATE KEY-----',
    OKTA_API_TOKEN: i['okta-token'] ?? SANDBOX_CREDENTIALS.oktaToken,
    SCIM_TOKEN: i['scim-token'] ?? '',
    SLACK_BOT_TOKEN: i['slack-token'] ?? SANDBOX_CREDENTIALS.slackToken,
    SMTP_PASSWORD: '',
    SENDGRID_API_KEY: i['sendgrid-api-key'] ?? SANDBOX_CREDENTIALS.sendgridApiKey,
  }
}

/** Runs `lifecycle.yml` (or another workflow) for one event against the sandbox. */
export function runInSandbox(sandbox: Sandbox, o: SandboxRunOptions): Promise<WorkflowResult> {
  const { owner, name } = SANDBOX_REPOSITORY
  return runWorkflow({
    workflowFile: o.workflowFile ?? '.github/workflows/lifecycle.yml',
    repoRoot: o.repoRoot,
    eventName: o.eventName,
    // Every webhook payload GitHub sends names the repository; hand-written sample events may not.
    event: { repository: { name, full_name: `${owner}/${name}`, owner: { login: owner } }, ...o.event },
    inputs: o.inputs,
    vars: { ...sandboxVars(sandbox), ...o.vars },
    secrets: sandboxSecrets(sandbox),
    standIns: sandboxStandIns(sandbox),
    onProgress: o.onProgress,
    signal: o.signal,
    github: {
      repository: `${owner}/${name}`,
      apiUrl: sandbox.emulators.github.url,
      token: SANDBOX_CREDENTIALS.githubToken,
      runId: o.runId,
    },
  })
}
