import type { ConcurrencyGroups } from './concurrency.js'

export type JobResultStatus = 'success' | 'failure' | 'skipped' | 'cancelled'
export type StepOutcome = 'success' | 'failure' | 'skipped' | 'cancelled'
export type AnnotationLevel = 'error' | 'warning' | 'notice'

export interface Annotation {
  level: AnnotationLevel
  message: string
  file?: string
  line?: number
  col?: number
  title?: string
}

/** What a stand-in for a third-party action sees. */
export interface StandInContext {
  jobId: string
  stepId: string
  /** The github context of the run (event, repository, token, ...). */
  github: Record<string, unknown>
  /** Environment the step would get as a process (machine env, workflow/job/step env, GITHUB_*). */
  env: Record<string, string>
  workspace: string
  runnerTemp: string
  secrets: Record<string, string>
  /** The repository the run's workflow belongs to, on disk, and the run's other mapped checkouts. */
  repoRoot: string
  repositories: Record<string, string>
  /** Registers a value to mask in everything the runner prints (like `::add-mask::`). */
  addMask(value: string): void
  log(line: string): void
}

export interface StandInResult {
  outputs?: Record<string, string>
  /** Exported to later steps of the job, like GITHUB_ENV. */
  env?: Record<string, string>
  /** Appended to the job summary. */
  summary?: string
}

/** Replaces a third-party action (`uses: owner/repo@sha`), keyed by `owner/repo` (or `owner/repo/path`). */
export type StandIn = (withInputs: Record<string, string>, ctx: StandInContext) => Promise<StandInResult>
export type StandIns = Record<string, StandIn>

export interface GithubOptions {
  repository?: string
  sha?: string
  ref?: string
  actor?: string
  serverUrl?: string
  apiUrl?: string
  graphqlUrl?: string
  runId?: string
  runNumber?: string
  runAttempt?: string
  /** `github.token` / `secrets.GITHUB_TOKEN`; defaults to secrets.GITHUB_TOKEN or a fake local token. */
  token?: string
  /**
   * A GITHUB_TOKEN of each job's own, as GitHub mints one per job with the job's effective `permissions:` (the
   * job's, else the workflow's); `token` is then the run's, seen outside jobs only. Masked like `token`.
   */
  jobToken?: (job: { id: string; permissions: unknown }) => string
}

export interface EnvironmentSpec {
  secrets?: Record<string, string>
  vars?: Record<string, string>
  /** Required reviewers: the job runs only once `approve` says yes. */
  requiredReviewers?: boolean
}

export interface RunWorkflowOptions {
  /** Workflow path, absolute or relative to repoRoot. */
  workflowFile: string
  repoRoot: string
  eventName: string
  /** Event payload, written to GITHUB_EVENT_PATH and exposed as github.event. */
  event: Record<string, unknown>
  /** workflow_dispatch / workflow_call inputs; defaults come from the workflow's inputs spec. */
  inputs?: Record<string, string | number | boolean>
  /** Repository (and organization) secrets: every job sees them. */
  secrets?: Record<string, string>
  /** Repository variables. */
  vars?: Record<string, string>
  /**
   * Deployment environments by name. As on GitHub, an environment's secrets and variables reach only the jobs
   * that name it (winning over repository ones of the same name), and a job naming an environment with
   * required reviewers waits for `approve`. A job naming an environment not listed gets the repository's only.
   */
  environments?: Record<string, EnvironmentSpec>
  /** A reviewer's answer for a job waiting on a protected environment; without it such a job is rejected. */
  approve?: (request: ApprovalRequest) => boolean | Promise<boolean>
  /**
   * Machine environment of the runner, below workflow/job/step env (for example endpoints of the
   * sandbox). GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF and
   * GITHUB_ACTOR here also seed the github context.
   */
  env?: Record<string, string>
  standIns: StandIns
  /**
   * Local checkouts of other repositories, by `owner/repo`: `uses: owner/repo/path@ref` runs the action in
   * `<dir>/path` (as GitHub would run that repository's action at that ref) instead of needing a stand-in.
   */
  repositories?: Record<string, string>
  /** For a called workflow (eventName `workflow_call`): the caller's event name, which `github.event_name` keeps. */
  callerEventName?: string
  /**
   * For a called workflow: the concurrency groups its caller's run and calling job hold (`groupKey`s), and that
   * job's id. A group among them is a deadlock, which GitHub cancels.
   */
  callerGroups?: { keys: string[]; job: string }
  /**
   * Where the workflow file comes from, as `job.workflow_repository`/`workflow_sha`/`workflow_ref` say; default
   * the run's repository, sha and ref. For a called workflow of another repository, that repository (`root`: its
   * checkout on disk, default repoRoot).
   */
  workflowSource?: { repository: string; sha: string; ref: string; root?: string }
  onProgress?: (event: ProgressEvent) => void
  /** Node executable for `uses: ./actions/*` bundles; default process.execPath. */
  bundleNode?: string
  /** GITHUB_WORKSPACE and cwd of steps; default repoRoot. */
  workspace?: string
  github?: GithubOptions
  /** Cancels the run: running steps are killed, cancelled()/always() steps and jobs still run. */
  signal?: AbortSignal
  /** Keep RUNNER_TEMP (event file, file commands, scripts) for inspection. */
  keepTemp?: boolean
  /**
   * The concurrency groups this run shares with others (workflow- and job-level `concurrency:`), as runs of one
   * repository share them on GitHub; runInSandbox passes one per sandbox. Without it the run has groups of its own.
   */
  concurrency?: ConcurrencyGroups
}

export interface StepResult {
  index: number
  /** The step's `id:` if it has one. */
  id?: string
  name: string
  uses?: string
  outcome: StepOutcome
  conclusion: StepOutcome
  outputs: Record<string, string>
  durationMs: number
  error?: string
  annotations: Annotation[]
  post?: boolean
}

/** A job waiting on an environment's required reviewers: which job, environment, run and repository. */
export interface ApprovalRequest {
  job: string
  environment: string
  runId: string
  /** `owner/repo`. */
  repository: string
}

export interface JobResult {
  name: string
  result: JobResultStatus
  outputs: Record<string, string>
  steps: StepResult[]
  /** Concatenated GITHUB_STEP_SUMMARY of the job's steps, masked. */
  summary: string
  durationMs: number
  error?: string
  annotations: Annotation[]
  /** Its secrets, variables and reviewers apply when `environments` declares it. */
  environment?: { name: string; url?: string }
  permissions?: unknown
  concurrency?: { group: string; cancelInProgress: boolean; queue?: string }
  timeoutMinutes?: number
}

export interface WorkflowResult {
  conclusion: 'success' | 'failure' | 'cancelled'
  jobs: Record<string, JobResult>
  /** `on.workflow_call.outputs`, when run as a called workflow. */
  outputs: Record<string, string>
  workflow: {
    name: string
    file: string
    permissions?: unknown
    concurrency?: { group: string; cancelInProgress: boolean; queue?: string }
  }
  durationMs: number
  /** RUNNER_TEMP root of the run, only with keepTemp. */
  tempDir?: string
}

export type ProgressEvent =
  | { type: 'workflow-start'; name: string; file: string; eventName: string }
  | { type: 'workflow-end'; conclusion: WorkflowResult['conclusion']; durationMs: number }
  | { type: 'job-start'; job: string; name: string }
  | { type: 'job-end'; job: string; name: string; result: JobResultStatus; durationMs: number; error?: string }
  | { type: 'step-start'; job: string; step: number; id?: string; name: string; post?: boolean }
  | {
      type: 'step-end'
      job: string
      step: number
      id?: string
      name: string
      outcome: StepOutcome
      conclusion: StepOutcome
      durationMs: number
      error?: string
      post?: boolean
    }
  | { type: 'log'; job: string; step: number; stream: 'stdout' | 'stderr'; line: string }
  | ({ type: 'annotation'; job?: string; step?: number } & Annotation)
  /** The run (no `job`) or a job waits for its concurrency group, or was cancelled from it (`message` says why). */
  | { type: 'concurrency'; job?: string; group: string; state: 'waiting' | 'cancelled'; message?: string }
