import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Masker, parseKeyValueFile, parseWorkflowCommand } from './commands.js'
import { ConcurrencyGroups, type ConcurrencyOutcome, deadlockMessage, groupKey } from './concurrency.js'
import {
  type Contexts,
  evaluateCondition,
  evaluateMap,
  evaluateString,
  hasExpression,
  type StatusFunctions,
} from './expressions.js'
import { spawnLines } from './process.js'
import type {
  Annotation,
  JobResult,
  ProgressEvent,
  RunWorkflowOptions,
  StepOutcome,
  StepResult,
  WorkflowResult,
} from './types.js'
import {
  actionOnDisk,
  calledRepository,
  checkCalledPermissions,
  checkSupported,
  findStandIn,
  isRecord,
  isSupportedRunsOn,
  isSupportedShell,
  type JobSpec,
  type LocalAction,
  loadLocalAction,
  loadWorkflow,
  type Raw,
  reusableWorkflowFile,
  type StepSpec,
  UnsupportedError,
  WorkflowError,
  type WorkflowSpec,
} from './workflow.js'

/** Machine variables passed through to steps; the rest of the developer's environment stays out. */
const MACHINE_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER', 'LOGNAME']
const OIDC_ENV = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']
const FILE_COMMANDS = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'] as const
const FULL_SHA = /^[0-9a-f]{40}$/

type FileCommand = (typeof FILE_COMMANDS)[number]

interface StepExecution {
  ok: boolean
  error?: string
  outputs: Record<string, string>
  env: Record<string, string>
  path: string[]
  state: Record<string, string>
  summary: string
  cancelled?: boolean
}

interface PostStep {
  index: number
  name: string
  action: LocalAction
  inputsEnv: Record<string, string>
  state: Record<string, string>
  stepEnv: Record<string, string>
}

interface Run {
  options: RunWorkflowOptions
  workflow: WorkflowSpec
  repoRoot: string
  workspace: string
  runTemp: string
  eventPath: string
  github: Record<string, unknown>
  inputs: Record<string, unknown>
  secrets: Record<string, string>
  vars: Record<string, string>
  workflowEnv: Record<string, string>
  /** `job.workflow_*`: the repository, commit and ref the workflow file comes from. */
  workflowIdentity: Record<string, string>
  masker: Masker
  emit: (event: ProgressEvent) => void
  /** Aborted when the caller cancels the run or a newer run of its group cancels it (cancel-in-progress). */
  signal: AbortSignal
  abort: () => void
  concurrency: ConcurrencyGroups
  /** Group keys this run (and, for a called workflow, its caller) holds: a job waiting on one would never start. */
  heldGroups: string[]
}

function stringMap(value: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(value ?? {}).map(([k, v]) => [k, String(v)]))
}

function gitHead(repoRoot: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

function checkTrigger(workflow: WorkflowSpec, eventName: string, event: Record<string, unknown>): void {
  const triggers = Object.keys(workflow.on)
  const trigger = workflow.on[eventName]
  if (!trigger) {
    throw new WorkflowError(`${workflow.file} is not triggered by ${eventName} (on: ${triggers.join(', ')})`)
  }
  const types = trigger.types
  if (Array.isArray(types) && typeof event.action === 'string' && !types.map(String).includes(event.action)) {
    throw new WorkflowError(
      `${workflow.file}: ${eventName} type '${event.action}' is not in types [${types.join(', ')}]`,
    )
  }
  if (eventName === 'push') checkPushFilters(workflow.file, trigger, event)
  if (eventName === 'schedule') checkSchedule(workflow, event)
}

/**
 * GitHub starts a push run only when the branch matches `branches` and a changed file matches `paths` (patterns
 * in order, `!` excludes, the last match wins). The changed files are the push payload's commits' added,
 * modified and removed lists, which is what GitHub's diff of before..after holds for the pushes the runner sees.
 */
function checkPushFilters(file: string, trigger: Record<string, unknown>, event: Record<string, unknown>): void {
  const ref = typeof event.ref === 'string' ? event.ref : ''
  const branches = trigger.branches
  if (Array.isArray(branches) && ref.startsWith('refs/heads/')) {
    if (!matchesFilters(branches.map(String), [ref.slice('refs/heads/'.length)]))
      throw new WorkflowError(`${file}: push to ${ref} does not match on.push.branches`)
  }
  const paths = trigger.paths
  if (Array.isArray(paths)) {
    const commits = Array.isArray(event.commits) ? event.commits : []
    const files = commits.flatMap((c) =>
      isRecord(c) ? ['added', 'modified', 'removed'].flatMap((k) => (Array.isArray(c[k]) ? c[k].map(String) : [])) : [],
    )
    if (!matchesFilters(paths.map(String), files))
      throw new WorkflowError(`${file}: no changed file matches on.push.paths`)
  }
}

/** A scheduled run carries the cron that fired in `schedule`; it must be one of the workflow's. */
function checkSchedule(workflow: WorkflowSpec, event: Record<string, unknown>): void {
  const raw = workflow.raw.on
  const list = isRecord(raw) && Array.isArray(raw.schedule) ? raw.schedule : []
  const crons = list.map((e) => (isRecord(e) ? String(e.cron) : ''))
  if (typeof event.schedule !== 'string' || !crons.includes(event.schedule))
    throw new WorkflowError(`${workflow.file}: a schedule event names one of on.schedule's crons (${crons.join(', ')})`)
}

function matchesFilters(patterns: string[], values: string[]): boolean {
  return values.some((value) => {
    let included = false
    for (const p of patterns) {
      const negated = p.startsWith('!')
      if (globToRegExp(negated ? p.slice(1) : p).test(value)) included = !negated
    }
    return included
  })
}

/** GitHub's filter glob: `**` any path, `*` any run of characters but `/`, `?` one character. */
function globToRegExp(glob: string): RegExp {
  let re = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*'
      i++
    } else if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

function resolveInputs(
  workflow: WorkflowSpec,
  options: RunWorkflowOptions,
  github: Record<string, unknown>,
): Record<string, unknown> {
  const trigger = workflow.on[options.eventName]
  const spec = options.eventName === 'workflow_dispatch' || options.eventName === 'workflow_call' ? trigger?.inputs : {}
  const given: Record<string, unknown> = {
    ...(options.eventName === 'workflow_dispatch' && isRecord(options.event.inputs) ? options.event.inputs : {}),
    ...(options.inputs ?? {}),
  }
  const out: Record<string, unknown> = {}
  const specs = isRecord(spec) ? spec : {}
  for (const name of Object.keys(given)) {
    if (!(name in specs)) throw new WorkflowError(`unexpected input '${name}' for ${options.eventName}`)
  }
  for (const [name, raw] of Object.entries(specs)) {
    const def = isRecord(raw) ? raw : {}
    let value = given[name]
    if (value === undefined && def.default !== undefined) {
      value = hasExpression(def.default) ? evaluateString(def.default, { github }) : def.default
    }
    if (value === undefined) {
      if (def.required === true) throw new WorkflowError(`input '${name}' is required`)
      value = def.type === 'boolean' ? false : def.type === 'number' ? undefined : ''
    }
    if (def.type === 'boolean') value = value === true || String(value) === 'true'
    else if (def.type === 'number' && value !== undefined) value = Number(value)
    else value = String(value)
    if (def.type === 'choice' && Array.isArray(def.options) && !def.options.map(String).includes(String(value))) {
      throw new WorkflowError(`input '${name}': '${value}' is not one of [${def.options.join(', ')}]`)
    }
    out[name] = value
  }
  return out
}

/**
 * GitHub refuses a workflow whose `concurrency:` (workflow or job) has a queue other than single/max, or `queue: max`
 * with a literal `cancel-in-progress: true`, before anything runs; an expression is checked when evaluated.
 */
function checkConcurrencyKeys(workflow: WorkflowSpec): void {
  const blocks: [string, unknown][] = [
    ['concurrency', workflow.raw.concurrency],
    ...[...workflow.jobs.values()].map((j): [string, unknown] => [`jobs.${j.id}.concurrency`, j.raw.concurrency]),
  ]
  for (const [where, raw] of blocks) {
    if (!isRecord(raw)) continue
    if (raw.queue !== undefined && !['single', 'max'].includes(String(raw.queue)))
      throw new WorkflowError(`${workflow.file}: ${where}.queue must be 'single' or 'max'`)
    if (raw.queue === 'max' && raw['cancel-in-progress'] === true)
      throw new WorkflowError(
        `${workflow.file}: ${where}: queue 'max' cannot be combined with cancel-in-progress: true`,
      )
  }
}

function recordConcurrency(raw: unknown, ctx: Contexts) {
  if (raw === undefined) return undefined
  if (isRecord(raw)) {
    const concurrency = {
      group: evaluateString(raw.group, ctx),
      cancelInProgress: evaluateString(raw['cancel-in-progress'] ?? false, ctx) === 'true',
      queue: raw.queue === undefined ? undefined : String(raw.queue),
    }
    // GitHub refuses both as a workflow validation error.
    if (concurrency.queue !== undefined && !['single', 'max'].includes(concurrency.queue))
      throw new WorkflowError(`concurrency.queue must be 'single' or 'max'`)
    if (concurrency.queue === 'max' && concurrency.cancelInProgress)
      throw new WorkflowError(`concurrency: queue 'max' cannot be combined with cancel-in-progress: true`)
    return concurrency
  }
  return { group: evaluateString(raw, ctx), cancelInProgress: false }
}

function ancestorsOf(workflow: WorkflowSpec, id: string, seen = new Set<string>()): Set<string> {
  for (const need of workflow.jobs.get(id)?.needs ?? []) {
    if (!seen.has(need)) {
      seen.add(need)
      ancestorsOf(workflow, need, seen)
    }
  }
  return seen
}

function idTokenGranted(permissions: unknown): boolean {
  // Unspecified permissions follow the repository default, which the local runner cannot know.
  if (permissions === undefined) return true
  if (permissions === 'write-all') return true
  return isRecord(permissions) && permissions['id-token'] === 'write'
}

function defaultsRun(raw: Raw): Raw {
  return isRecord(raw.defaults) && isRecord(raw.defaults.run) ? raw.defaults.run : {}
}

function stepDisplayName(step: StepSpec): string {
  if (step.uses) return `Run ${step.uses}`
  const first = (step.run ?? '').split('\n').find((l) => l.trim()) ?? ''
  return `Run ${first.trim()}`
}

/**
 * Everything runWorkflow checks before running: schema, needs, trigger (when eventName is given), unsupported
 * constructs and what called workflows ask of the caller's token. Throws WorkflowError or UnsupportedError.
 */
export async function checkWorkflow(options: {
  workflowFile: string
  repoRoot: string
  standIns: RunWorkflowOptions['standIns']
  repositories?: RunWorkflowOptions['repositories']
  eventName?: string
  event?: Record<string, unknown>
}): Promise<{ name: string; triggers: string[]; jobs: string[] }> {
  const repoRoot = path.resolve(options.repoRoot)
  const warnings: string[] = []
  const workflow = await loadWorkflow(path.resolve(repoRoot, options.workflowFile), repoRoot, (m) => warnings.push(m))
  if (options.eventName) checkTrigger(workflow, options.eventName, options.event ?? {})
  await checkRunnable(workflow, options, repoRoot)
  return { name: workflow.name, triggers: Object.keys(workflow.on), jobs: [...workflow.jobs.keys()] }
}

/** The checks after the trigger's, shared by checkWorkflow and runWorkflow. */
async function checkRunnable(
  workflow: WorkflowSpec,
  options: Pick<RunWorkflowOptions, 'standIns' | 'repositories'>,
  repoRoot: string,
): Promise<void> {
  checkConcurrencyKeys(workflow)
  checkSupported(workflow, options.standIns, repoRoot, options.repositories)
  await checkCalledPermissions(workflow, repoRoot, options.repositories)
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowResult> {
  const started = Date.now()
  const masker = new Masker()
  const emit = (event: ProgressEvent) => options.onProgress?.(event)
  const warn = (message: string) => emit({ type: 'annotation', level: 'warning', message })
  const repoRoot = path.resolve(options.repoRoot)
  const workspace = path.resolve(options.workspace ?? repoRoot)
  const workflowFile = path.resolve(repoRoot, options.workflowFile)
  const workflow = await loadWorkflow(workflowFile, repoRoot, warn)
  checkTrigger(workflow, options.eventName, options.event)
  await checkRunnable(workflow, options, repoRoot)

  const machine = options.env ?? {}
  const secrets = { ...(options.secrets ?? {}) }
  const token = options.github?.token ?? secrets.GITHUB_TOKEN ?? `ghs_onramplocal${randomUUID().replace(/-/g, '')}`
  secrets.GITHUB_TOKEN = token
  for (const value of Object.values(secrets)) masker.add(value)
  for (const environment of Object.values(options.environments ?? {}))
    for (const value of Object.values(environment.secrets ?? {})) masker.add(value)

  let runTemp = ''
  const eventPath = () => path.join(runTemp, 'event.json')
  const g = options.github ?? {}
  const eventRepo = isRecord(options.event.repository) ? options.event.repository.full_name : undefined
  const repository = g.repository ?? machine.GITHUB_REPOSITORY ?? (eventRepo ? String(eventRepo) : 'onramp/onramp')
  // A pull_request run is of the pull request's merge ref, and names the branches it joins; a push run's ref and
  // sha are the pushed branch and commit, as GitHub sets them.
  const pr =
    options.eventName === 'pull_request' && isRecord(options.event.pull_request)
      ? options.event.pull_request
      : undefined
  const prBranch = (side: string) => (pr && isRecord(pr[side]) ? String(pr[side].ref ?? '') : '')
  const pushed = options.eventName === 'push' ? options.event : {}
  const ref =
    g.ref ??
    machine.GITHUB_REF ??
    (pr
      ? `refs/pull/${options.event.number ?? pr.number}/merge`
      : typeof pushed.ref === 'string'
        ? pushed.ref
        : 'refs/heads/main')
  const sender = isRecord(options.event.sender) ? options.event.sender.login : undefined
  const actor = g.actor ?? machine.GITHUB_ACTOR ?? (sender ? String(sender) : 'onramp-local')
  const serverUrl = g.serverUrl ?? machine.GITHUB_SERVER_URL ?? 'https://github.com'
  const workflowRel = path.relative(repoRoot, workflowFile)
  const github: Record<string, unknown> = {
    event_name: options.callerEventName ?? options.eventName,
    event: options.event,
    event_path: '',
    repository,
    repository_owner: repository.split('/')[0],
    run_id: g.runId ?? String(Date.now()),
    run_number: g.runNumber ?? '1',
    run_attempt: g.runAttempt ?? '1',
    server_url: serverUrl,
    api_url: g.apiUrl ?? machine.GITHUB_API_URL ?? 'https://api.github.com',
    graphql_url: g.graphqlUrl ?? machine.GITHUB_GRAPHQL_URL ?? 'https://api.github.com/graphql',
    workspace,
    sha:
      g.sha ??
      machine.GITHUB_SHA ??
      (typeof pushed.after === 'string' && /^[0-9a-f]{40}$/.test(pushed.after) ? pushed.after : undefined) ??
      gitHead(repoRoot) ??
      '0'.repeat(40),
    ref,
    ref_name: ref.replace(/^refs\/(heads|tags)\//, '').replace(/^refs\/pull\//, ''),
    base_ref: prBranch('base'),
    head_ref: prBranch('head'),
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    actor,
    triggering_actor: actor,
    workflow: workflow.name,
    workflow_ref: `${repository}/${workflowRel}@${ref}`,
    token,
    job: '',
    action: '',
    retention_days: '90',
  }
  const inputs = resolveInputs(workflow, options, github)
  if (options.eventName === 'workflow_dispatch') {
    // github.event.inputs carries strings, the inputs context keeps types.
    github.event = { ...options.event, inputs: stringMap(inputs) }
  }
  const vars = options.vars ?? {}
  const workflowContexts = { github, inputs, vars, secrets, env: {} }
  const workflowEnv = evaluateMap(workflow.raw.env, workflowContexts) ?? {}
  const concurrency = recordConcurrency(workflow.raw.concurrency, workflowContexts)
  runTemp = mkdtempSync(path.join(os.tmpdir(), 'onramp-runner-'))
  github.event_path = eventPath()
  writeFileSync(eventPath(), JSON.stringify(github.event, null, 2))
  // Cancelling the run (the caller's signal, or cancel-in-progress of a newer run in its group) stops it.
  const runAbort = new AbortController()
  if (options.signal?.aborted) runAbort.abort()
  else options.signal?.addEventListener('abort', () => runAbort.abort(), { once: true })
  const source = options.workflowSource ?? { repository, sha: String(github.sha), ref }
  const sourcePath = path.relative(source.root ?? repoRoot, workflowFile)
  const run: Run = {
    options,
    workflow,
    repoRoot,
    workspace,
    runTemp,
    eventPath: eventPath(),
    github,
    inputs,
    secrets,
    vars,
    workflowEnv,
    workflowIdentity: {
      workflow_repository: source.repository,
      workflow_sha: source.sha,
      workflow_ref: `${source.repository}/${sourcePath}@${source.ref}`,
      workflow_file_path: sourcePath,
    },
    masker,
    emit: (event) => emit(maskEvent(event, masker)),
    signal: runAbort.signal,
    abort: () => runAbort.abort(),
    concurrency: options.concurrency ?? new ConcurrencyGroups(),
    heldGroups: [...(options.callerGroups?.keys ?? [])],
  }
  run.emit({ type: 'workflow-start', name: workflow.name, file: workflowRel, eventName: options.eventName })

  const results = new Map<string, Promise<JobResult>>()
  const finished: Record<string, JobResult> = {}
  const schedule = (id: string): Promise<JobResult> => {
    const existing = results.get(id)
    if (existing) return existing
    const job = workflow.jobs.get(id)!
    const promise = Promise.all(job.needs.map(schedule)).then(async () => {
      const group: JobGroup = {}
      const result = await executeJob(run, job, finished, group).catch((error: Error): JobResult => {
        run.emit({ type: 'job-end', job: id, name: id, result: 'failure', durationMs: 0, error: error.message })
        return endedJob(id, 'failure', masker.mask(error.message), 0)
      })
      group.release?.()
      finished[id] = result
      return result
    })
    results.set(id, promise)
    return promise
  }
  let replaced: string | undefined
  try {
    const held = concurrency ? await enterWorkflowGroup(run, concurrency) : undefined
    if (held && !held.held) replaced = held.message
    try {
      if (replaced === undefined) await Promise.all([...workflow.jobs.keys()].map(schedule))
    } finally {
      if (held?.held) held.release()
    }
  } finally {
    if (!options.keepTemp) rmSync(runTemp, { recursive: true, force: true })
  }

  const jobs: Record<string, JobResult> = {}
  for (const id of workflow.jobs.keys())
    jobs[id] = finished[id] ?? endedJob(id, 'cancelled', replaced ?? 'cancelled', 0)
  const counted = [...workflow.jobs.values()].filter((job) => job.raw['continue-on-error'] !== true)
  const conclusion =
    replaced !== undefined
      ? 'cancelled'
      : counted.some((job) => jobs[job.id]?.result === 'failure')
        ? 'failure'
        : run.signal.aborted || counted.some((job) => jobs[job.id]?.result === 'cancelled')
          ? 'cancelled'
          : 'success'
  const outputs: Record<string, string> = {}
  const callSpec = workflow.on.workflow_call?.outputs
  if (options.eventName === 'workflow_call' && isRecord(callSpec)) {
    const jobsContext = Object.fromEntries(
      Object.entries(jobs).map(([id, job]) => [id, { result: job.result, outputs: job.outputs }]),
    )
    for (const [name, spec] of Object.entries(callSpec)) {
      try {
        outputs[name] = evaluateString(isRecord(spec) ? spec.value : spec, { github, inputs, vars, jobs: jobsContext })
      } catch (error) {
        run.emit({
          type: 'annotation',
          level: 'error',
          message: `workflow output '${name}': ${(error as Error).message}`,
        })
      }
    }
  }
  const durationMs = Date.now() - started
  run.emit({ type: 'workflow-end', conclusion, durationMs })
  return {
    conclusion,
    jobs,
    outputs,
    workflow: {
      name: workflow.name,
      file: workflowRel,
      permissions: workflow.raw.permissions,
      concurrency,
    },
    durationMs,
    ...(options.keepTemp ? { tempDir: runTemp } : {}),
  }
}

function maskEvent(event: ProgressEvent, masker: Masker): ProgressEvent {
  switch (event.type) {
    case 'log':
      return { ...event, line: masker.mask(event.line) }
    case 'annotation':
      return { ...event, message: masker.mask(event.message) }
    case 'step-start':
    case 'job-start':
      return { ...event, name: masker.mask(event.name) }
    case 'step-end':
    case 'job-end':
      return {
        ...event,
        name: masker.mask(event.name),
        ...(event.error === undefined ? {} : { error: masker.mask(event.error) }),
      }
    default:
      return event
  }
}

/** A job's hold on its concurrency group, released by the scheduler once the job has ended. */
interface JobGroup {
  release?: () => void
}

/**
 * Waits for the run's workflow-level group. A run replaced while pending (or cancelled meanwhile) runs no job;
 * one cancelled in progress by a newer run's cancel-in-progress is aborted like a cancelled run.
 */
async function enterWorkflowGroup(run: Run, concurrency: { group: string; cancelInProgress: boolean; queue?: string }) {
  const key = groupKey(String(run.github.repository), concurrency.group)
  const caller = run.options.callerGroups
  const outcome: ConcurrencyOutcome = caller?.keys.includes(key)
    ? { held: false, message: deadlockMessage(concurrency.group, caller.job) }
    : await run.concurrency.acquire({
        repository: String(run.github.repository),
        ...concurrency,
        cancel: () => {
          run.emit({
            type: 'concurrency',
            group: concurrency.group,
            state: 'cancelled',
            message: `Canceling since a higher priority waiting request for '${concurrency.group}' exists`,
          })
          run.abort()
        },
        onWait: () => run.emit({ type: 'concurrency', group: concurrency.group, state: 'waiting' }),
        signal: run.signal,
      })
  if (!outcome.held) {
    run.emit({ type: 'concurrency', group: concurrency.group, state: 'cancelled', message: outcome.message })
    run.emit({ type: 'annotation', level: 'error', message: outcome.message })
  } else run.heldGroups.push(key)
  return outcome
}

/** A job that ended without running its steps: failed (an error before them) or cancelled (its group). */
function endedJob(id: string, result: 'failure' | 'cancelled', error: string, durationMs: number): JobResult {
  return {
    name: id,
    result,
    outputs: {},
    steps: [],
    summary: '',
    durationMs,
    error,
    annotations: [{ level: 'error', message: error }],
  }
}

/**
 * A job that calls a reusable workflow: the called file runs as a `workflow_call` with the caller's event,
 * github context and workspace (so its `./` actions resolve in the caller's checkout, as on GitHub), `with:`
 * as inputs and `secrets:` (or `inherit`); the job's outputs are the called workflow's outputs.
 */
async function callReusableWorkflow(
  run: Run,
  job: JobSpec,
  ctx: Contexts,
  displayName: string,
  started: number,
  jobSignal: AbortSignal,
  callerGroups: { keys: string[]; job: string },
): Promise<JobResult> {
  const uses = String(job.raw.uses)
  const file = reusableWorkflowFile(uses, run.repoRoot, run.options.repositories)
  if (!file) throw new UnsupportedError(`unsupported: jobs.${job.id}.uses ${uses}`)
  const called = calledRepository(uses, run.options.repositories)
  const inputs = evaluateMap(job.raw.with, ctx) ?? {}
  const secrets = job.raw.secrets === 'inherit' ? { ...run.secrets } : (evaluateMap(job.raw.secrets, ctx) ?? {})
  const g = run.github
  const result = await runWorkflow({
    ...run.options,
    workflowFile: file,
    eventName: 'workflow_call',
    callerEventName: String(g.event_name),
    event: g.event as Record<string, unknown>,
    inputs,
    secrets: { ...secrets, GITHUB_TOKEN: String(g.token) },
    workspace: run.workspace,
    // job.workflow_* name the called file's repository and commit: that repository's, when it is not the caller's.
    workflowSource: called
      ? {
          repository: called.repository,
          sha: gitHead(called.root) ?? (FULL_SHA.test(called.ref) ? called.ref : '0'.repeat(40)),
          ref: called.ref,
          root: called.root,
        }
      : run.options.workflowSource,
    github: {
      ...run.options.github,
      repository: String(g.repository),
      sha: String(g.sha),
      ref: String(g.ref),
      runId: String(g.run_id),
      token: String(g.token),
    },
    // The called run stops with the caller's run, or with this job (cancel-in-progress of its group).
    signal: AbortSignal.any([run.signal, jobSignal]),
    callerGroups,
    onProgress: (event) => {
      if (event.type === 'workflow-start' || event.type === 'workflow-end') return
      run.emit('job' in event && event.job ? { ...event, job: `${job.id} / ${event.job}` } : event)
    },
    keepTemp: false,
  })
  const calledJobs = Object.values(result.jobs)
  const jobResult: JobResult = {
    name: displayName,
    result: result.conclusion,
    outputs: result.outputs,
    steps: calledJobs.flatMap((j) => j.steps),
    summary: calledJobs.map((j) => j.summary).join(''),
    durationMs: Date.now() - started,
    annotations: calledJobs.flatMap((j) => j.annotations),
  }
  run.emit({
    type: 'job-end',
    job: job.id,
    name: displayName,
    result: jobResult.result,
    durationMs: jobResult.durationMs,
  })
  return jobResult
}

async function executeJob(
  run: Run,
  job: JobSpec,
  finished: Record<string, JobResult>,
  group: JobGroup,
): Promise<JobResult> {
  const started = Date.now()
  const { workflow, masker, emit } = run
  const ancestors = [...ancestorsOf(workflow, job.id)].map((id) => finished[id]!)
  const needs = Object.fromEntries(
    job.needs.map((id) => [id, { result: finished[id]!.result, outputs: finished[id]!.outputs }]),
  )
  const runCancelled = () => run.signal?.aborted === true
  const jobStatus: StatusFunctions = {
    success: () => !runCancelled() && ancestors.every((a) => a.result === 'success'),
    failure: () => ancestors.some((a) => a.result === 'failure'),
    cancelled: runCancelled,
  }
  const runner = {
    os: 'Linux',
    arch: 'X64',
    name: 'onramp-local',
    environment: 'self-hosted',
    temp: '',
    tool_cache: '',
  }
  const base: Contexts = {
    github: { ...run.github, job: job.id },
    inputs: run.inputs,
    vars: run.vars,
    secrets: run.secrets,
    needs,
    strategy: {},
    matrix: {},
    env: run.workflowEnv,
    runner,
  }
  let displayName = job.id
  const annotations: Annotation[] = []
  const byStep = new Map<number, Annotation[]>()
  const annotate = (annotation: Annotation, step?: number) => {
    const masked = { ...annotation, message: masker.mask(annotation.message) }
    annotations.push(masked)
    if (step !== undefined) byStep.set(step, [...(byStep.get(step) ?? []), masked])
    emit({ type: 'annotation', job: job.id, step, ...masked })
  }
  const fail = (error: string): JobResult => {
    const result = endedJob(job.id, 'failure', masker.mask(error), Date.now() - started)
    result.name = displayName
    emit({ type: 'job-end', job: job.id, name: displayName, result: 'failure', durationMs: result.durationMs, error })
    return result
  }
  try {
    if (job.raw.name !== undefined) displayName = evaluateString(job.raw.name, base)
    if (!evaluateCondition(job.raw.if, base, jobStatus)) {
      emit({ type: 'job-end', job: job.id, name: displayName, result: 'skipped', durationMs: 0 })
      return { name: displayName, result: 'skipped', outputs: {}, steps: [], summary: '', durationMs: 0, annotations }
    }
  } catch (error) {
    return fail((error as Error).message)
  }
  // Job timeout, run cancellation and a newer job's cancel-in-progress stop the running step.
  const jobAbort = new AbortController()
  let jobConcurrency: JobResult['concurrency']
  try {
    jobConcurrency = recordConcurrency(job.raw.concurrency, base)
  } catch (error) {
    return fail((error as Error).message)
  }
  let jobGroupKey: string | undefined
  if (jobConcurrency) {
    const name = jobConcurrency.group
    jobGroupKey = groupKey(String(run.github.repository), name)
    const outcome: ConcurrencyOutcome = run.heldGroups.includes(jobGroupKey)
      ? { held: false, message: deadlockMessage(name, job.id) }
      : await run.concurrency.acquire({
          repository: String(run.github.repository),
          ...jobConcurrency,
          cancel: () => {
            const message = `Canceling since a higher priority waiting request for '${name}' exists`
            emit({ type: 'concurrency', job: job.id, group: name, state: 'cancelled', message })
            jobAbort.abort()
          },
          onWait: () => emit({ type: 'concurrency', job: job.id, group: name, state: 'waiting' }),
          // A job pending when its run is cancelled is withdrawn; one that starts after (always()) waits as usual.
          signal: run.signal.aborted ? undefined : run.signal,
        })
    if (!outcome.held) {
      // Replaced while pending (or a deadlock): the job ends cancelled, so the jobs that need it are skipped and
      // the run is cancelled.
      emit({ type: 'concurrency', job: job.id, group: name, state: 'cancelled', message: outcome.message })
      annotate({ level: 'error', message: outcome.message })
      emit({
        type: 'job-end',
        job: job.id,
        name: displayName,
        result: 'cancelled',
        durationMs: 0,
        error: outcome.message,
      })
      return { ...endedJob(job.id, 'cancelled', outcome.message, Date.now() - started), name: displayName, annotations }
    }
    group.release = outcome.release
  }
  emit({ type: 'job-start', job: job.id, name: displayName })
  if (job.raw.uses !== undefined) {
    try {
      const callerGroups = { keys: [...run.heldGroups, ...(jobGroupKey ? [jobGroupKey] : [])], job: job.id }
      return await callReusableWorkflow(run, job, base, displayName, started, jobAbort.signal, callerGroups)
    } catch (error) {
      return fail((error as Error).message)
    }
  }

  const jobTemp = mkdtempSync(path.join(run.runTemp, `${job.id}-`))
  const toolCache = path.join(jobTemp, '_tool')
  mkdirSync(toolCache)
  runner.temp = jobTemp
  runner.tool_cache = toolCache
  const record: Partial<JobResult> = {}
  let jobEnv: Record<string, string>
  let timeoutMs: number | undefined
  const permissions = job.raw.permissions ?? workflow.raw.permissions
  try {
    const runsOn = job.raw['runs-on']
    if (hasExpression(runsOn)) {
      const label = evaluateString(runsOn, base)
      if (!isSupportedRunsOn(label)) throw new UnsupportedError(`unsupported: jobs.${job.id}.runs-on '${label}'`)
    }
    jobEnv = { ...run.workflowEnv, ...(evaluateMap(job.raw.env, base) ?? {}) }
    const environment = job.raw.environment
    if (environment !== undefined) {
      record.environment = isRecord(environment)
        ? {
            name: evaluateString(environment.name, base),
            url: environment.url === undefined ? undefined : String(environment.url),
          }
        : { name: evaluateString(environment, base) }
    }
    if (record.environment) {
      const name = record.environment.name
      const spec = run.options.environments?.[name]
      const request = {
        job: job.id,
        environment: name,
        runId: String(run.github.run_id),
        repository: String(run.github.repository),
      }
      if (spec?.requiredReviewers && !(await run.options.approve?.(request))) {
        throw new Error(`environment ${name}: the deployment was rejected or never approved by a required reviewer`)
      }
      // Only a job that names the environment sees its secrets and variables; they win over the repository's.
      base.secrets = { ...run.secrets, ...spec?.secrets }
      base.vars = { ...run.vars, ...spec?.vars }
    }
    const jobToken = run.options.github?.jobToken?.({ id: job.id, permissions })
    if (jobToken) {
      masker.add(jobToken)
      base.github = { ...(base.github as Record<string, unknown>), token: jobToken }
      base.secrets = { ...(base.secrets as Record<string, string>), GITHUB_TOKEN: jobToken }
    }
    record.concurrency = jobConcurrency
    record.permissions = job.raw.permissions
    if (job.raw['timeout-minutes'] !== undefined) {
      record.timeoutMinutes = Number(evaluateString(job.raw['timeout-minutes'], base))
      timeoutMs = record.timeoutMinutes * 60_000
    }
  } catch (error) {
    return fail((error as Error).message)
  }

  const machineEnv: Record<string, string> = {}
  for (const key of MACHINE_ENV) if (process.env[key] !== undefined) machineEnv[key] = process.env[key]!
  Object.assign(machineEnv, run.options.env ?? {})
  if (!idTokenGranted(permissions) && OIDC_ENV.some((k) => k in machineEnv)) {
    for (const key of OIDC_ENV) delete machineEnv[key]
    annotate({
      level: 'warning',
      message: `job ${job.id} lacks permissions id-token: write; OIDC request env withheld`,
    })
  }

  // always()/cancelled() steps still run after a cancellation.
  let timedOut = false
  const onRunAbort = () => jobAbort.abort()
  // A job that starts after the run was cancelled (if: always()) runs its steps normally.
  if (!run.signal?.aborted) run.signal?.addEventListener('abort', onRunAbort, { once: true })
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true
          jobAbort.abort()
        }, timeoutMs)

  const steps: StepResult[] = []
  const stepsContext: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {}
  const fileEnv: Record<string, string> = {}
  const pathAdds: string[] = []
  const posts: PostStep[] = []
  let summary = ''
  let failed = false
  const isCancelled = () => jobAbort.signal.aborted
  const stepStatus: StatusFunctions = {
    success: () => !failed && !isCancelled(),
    failure: () => failed,
    cancelled: isCancelled,
  }
  const jobDefaults = { ...defaultsRun(workflow.raw), ...defaultsRun(job.raw) }

  const runnerVars = (stepId: string, actionPath?: string): Record<string, string> => ({
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: stepId,
    ...(actionPath ? { GITHUB_ACTION_PATH: actionPath } : {}),
    GITHUB_ACTOR: String(run.github.actor),
    GITHUB_API_URL: String(run.github.api_url),
    GITHUB_EVENT_NAME: String(run.github.event_name),
    GITHUB_EVENT_PATH: run.eventPath,
    GITHUB_GRAPHQL_URL: String(run.github.graphql_url),
    GITHUB_JOB: job.id,
    GITHUB_BASE_REF: String(run.github.base_ref ?? ''),
    GITHUB_HEAD_REF: String(run.github.head_ref ?? ''),
    GITHUB_REF: String(run.github.ref),
    GITHUB_REF_NAME: String(run.github.ref_name),
    GITHUB_REF_TYPE: String(run.github.ref_type),
    GITHUB_REPOSITORY: String(run.github.repository),
    GITHUB_REPOSITORY_OWNER: String(run.github.repository_owner),
    GITHUB_RUN_ATTEMPT: String(run.github.run_attempt),
    GITHUB_RUN_ID: String(run.github.run_id),
    GITHUB_RUN_NUMBER: String(run.github.run_number),
    GITHUB_SERVER_URL: String(run.github.server_url),
    GITHUB_SHA: String(run.github.sha),
    GITHUB_TRIGGERING_ACTOR: String(run.github.triggering_actor),
    GITHUB_WORKFLOW: String(run.github.workflow),
    GITHUB_WORKFLOW_REF: String(run.github.workflow_ref),
    GITHUB_WORKSPACE: run.workspace,
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'onramp-local',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: jobTemp,
    RUNNER_TOOL_CACHE: toolCache,
  })

  const processEnv = (
    stepEnv: Record<string, string>,
    stepId: string,
    files: Record<FileCommand, string>,
    extra: Record<string, string>,
    actionPath?: string,
  ): Record<string, string> => {
    const env: Record<string, string> = {
      ...machineEnv,
      ...stepEnv,
      ...runnerVars(stepId, actionPath),
      ...files,
      ...extra,
    }
    const basePath = stepEnv.PATH ?? machineEnv.PATH ?? ''
    env.PATH = [...pathAdds, basePath].filter(Boolean).join(path.delimiter)
    return env
  }

  /** Spawns a process step, handling workflow commands and file commands as the runner does. */
  const execute = async (
    index: number,
    command: string,
    args: string[],
    cwd: string,
    env: (files: Record<FileCommand, string>) => Record<string, string>,
    stepTimeoutMs: number | undefined,
  ): Promise<StepExecution> => {
    const dir = path.join(jobTemp, `_runner_file_commands_${index}_${randomUUID()}`)
    mkdirSync(dir)
    const files = Object.fromEntries(
      FILE_COMMANDS.map((name) => {
        const file = path.join(dir, name.toLowerCase())
        writeFileSync(file, '')
        return [name, file]
      }),
    ) as Record<FileCommand, string>
    let stopToken: string | undefined
    const legacyOutputs: Record<string, string> = {}
    const legacyState: Record<string, string> = {}
    const result = await spawnLines(command, args, {
      cwd,
      env: env(files),
      timeoutMs: stepTimeoutMs,
      signal: isCancelled() ? undefined : jobAbort.signal,
      onLine: (stream, line) => {
        if (stopToken !== undefined) {
          if (line === `::${stopToken}::`) stopToken = undefined
          else emit({ type: 'log', job: job.id, step: index, stream, line: masker.mask(line) })
          return
        }
        const cmd = parseWorkflowCommand(line)
        if (!cmd) {
          emit({ type: 'log', job: job.id, step: index, stream, line: masker.mask(line) })
          return
        }
        const props = cmd.properties
        switch (cmd.command) {
          case 'add-mask':
            masker.add(cmd.message)
            break
          case 'error':
          case 'warning':
          case 'notice':
            annotate(
              {
                level: cmd.command,
                message: cmd.message,
                ...(props.file ? { file: props.file } : {}),
                ...(props.line ? { line: Number(props.line) } : {}),
                ...(props.col ? { col: Number(props.col) } : {}),
                ...(props.title ? { title: props.title } : {}),
              },
              index,
            )
            break
          case 'stop-commands':
            stopToken = cmd.message
            break
          case 'set-output':
            if (props.name) legacyOutputs[props.name] = cmd.message
            break
          case 'save-state':
            if (props.name) legacyState[props.name] = cmd.message
            break
          case 'set-env':
          case 'add-path':
            annotate({ level: 'error', message: `The \`${cmd.command}\` command is disabled.` }, index)
            break
          case 'debug':
          case 'echo':
            break
          case 'group':
            emit({ type: 'log', job: job.id, step: index, stream, line: masker.mask(`▸ ${cmd.message}`) })
            break
          case 'endgroup':
            break
          default:
            emit({ type: 'log', job: job.id, step: index, stream, line: masker.mask(line) })
        }
      },
    })
    const read = (name: FileCommand) => readFileSync(files[name], 'utf8')
    const outputs = { ...legacyOutputs, ...parseKeyValueFile(read('GITHUB_OUTPUT'), 'GITHUB_OUTPUT') }
    const envAdds = parseKeyValueFile(read('GITHUB_ENV'), 'GITHUB_ENV')
    if ('NODE_OPTIONS' in envAdds) {
      delete envAdds.NODE_OPTIONS
      annotate({ level: 'error', message: "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command." })
    }
    const execution: StepExecution = {
      ok: result.exitCode === 0 && !result.spawnError,
      outputs,
      env: envAdds,
      path: read('GITHUB_PATH')
        .split(/\r?\n/)
        .filter((l) => l.trim()),
      state: { ...legacyState, ...parseKeyValueFile(read('GITHUB_STATE'), 'GITHUB_STATE') },
      summary: read('GITHUB_STEP_SUMMARY'),
    }
    if (result.spawnError) execution.error = `cannot start ${command}: ${result.spawnError.message}`
    else if (result.timedOut) execution.error = `step timed out after ${stepTimeoutMs! / 60_000} minutes`
    else if (result.aborted) {
      execution.cancelled = true
      execution.error = timedOut ? 'job timed out' : 'cancelled'
    } else if (result.exitCode !== 0) {
      execution.error = `Process completed with exit code ${result.exitCode ?? result.signal}.`
    }
    return execution
  }

  const actionInputsEnv = (
    action: LocalAction,
    uses: string,
    withInputs: Record<string, string>,
    ctx: Contexts,
    index: number,
  ): Record<string, string> => {
    const unexpected = Object.keys(withInputs).filter((name) => !(name in action.inputs))
    if (unexpected.length > 0) {
      annotate(
        {
          level: 'warning',
          message: `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${Object.keys(action.inputs).join("', '")}'] (${uses})`,
        },
        index,
      )
    }
    const merged: Record<string, string> = {}
    for (const [name, spec] of Object.entries(action.inputs)) {
      if (spec.default !== undefined) merged[name] = evaluateString(spec.default, ctx)
    }
    Object.assign(merged, withInputs)
    return Object.fromEntries(
      Object.entries(merged).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]),
    )
  }

  for (const step of job.steps) {
    const stepStarted = Date.now()
    const actionName = step.id ?? (step.run !== undefined ? '__run' : `__${(step.uses ?? '').replace(/[^\w]/g, '_')}`)
    const envContext = { ...jobEnv, ...fileEnv }
    const ctx: Contexts = {
      ...base,
      github: { ...(base.github as Record<string, unknown>), job: job.id, action: actionName },
      env: envContext,
      steps: stepsContext,
      job: {
        status: failed ? 'failure' : isCancelled() ? 'cancelled' : 'success',
        container: {},
        services: {},
        ...run.workflowIdentity,
      },
    }
    let name = stepDisplayName(step)
    const finish = (
      outcome: StepOutcome,
      conclusion: StepOutcome,
      outputs: Record<string, string>,
      error?: string,
    ): void => {
      const durationMs = outcome === 'skipped' ? 0 : Date.now() - stepStarted
      const maskedError = error === undefined ? undefined : masker.mask(error)
      const stepAnnotations = byStep.get(step.index) ?? []
      steps.push({
        index: step.index,
        ...(step.id ? { id: step.id } : {}),
        name: masker.mask(name),
        ...(step.uses ? { uses: step.uses } : {}),
        outcome,
        conclusion,
        outputs,
        durationMs,
        ...(maskedError ? { error: maskedError } : {}),
        annotations: stepAnnotations,
      })
      if (step.id) stepsContext[step.id] = { outputs, outcome, conclusion }
      if (conclusion === 'failure') failed = true
      emit({
        type: 'step-end',
        job: job.id,
        step: step.index,
        ...(step.id ? { id: step.id } : {}),
        name,
        outcome,
        conclusion,
        durationMs,
        ...(maskedError ? { error: maskedError } : {}),
      })
    }
    let shouldRun: boolean
    try {
      if (step.raw.name !== undefined) name = evaluateString(step.raw.name, ctx, stepStatus)
      shouldRun = evaluateCondition(step.raw.if, ctx, stepStatus)
    } catch (error) {
      emit({ type: 'step-start', job: job.id, step: step.index, id: step.id, name })
      finish('failure', 'failure', {}, (error as Error).message)
      continue
    }
    if (!shouldRun) {
      finish('skipped', 'skipped', {})
      continue
    }
    emit({ type: 'step-start', job: job.id, step: step.index, ...(step.id ? { id: step.id } : {}), name })
    let execution: StepExecution
    try {
      const stepEnv = { ...envContext, ...(evaluateMap(step.raw.env, ctx, stepStatus) ?? {}) }
      const stepCtx = { ...ctx, env: stepEnv }
      const minutes = step.raw['timeout-minutes']
      const stepTimeoutMs =
        minutes === undefined ? undefined : Number(evaluateString(minutes, stepCtx, stepStatus)) * 60_000
      const withInputs = evaluateMap(step.raw.with, stepCtx, stepStatus) ?? {}
      if (step.run !== undefined) {
        const shellName =
          step.raw.shell !== undefined
            ? evaluateString(step.raw.shell, stepCtx, stepStatus)
            : jobDefaults.shell === undefined
              ? ''
              : String(jobDefaults.shell)
        if (shellName && !isSupportedShell(shellName)) {
          throw new UnsupportedError(`unsupported: shell '${shellName}' (bash or sh only)`)
        }
        const script = evaluateString(step.run, stepCtx, stepStatus)
        const scriptFile = path.join(jobTemp, `${randomUUID()}.sh`)
        writeFileSync(scriptFile, script)
        const args =
          shellName === 'bash'
            ? ['bash', '--noprofile', '--norc', '-eo', 'pipefail', scriptFile]
            : shellName === 'sh'
              ? ['sh', '-e', scriptFile]
              : ['bash', '-e', scriptFile]
        const workingDirectory = step.raw['working-directory'] ?? jobDefaults['working-directory']
        const cwd =
          workingDirectory === undefined
            ? run.workspace
            : path.resolve(run.workspace, evaluateString(workingDirectory, stepCtx, stepStatus))
        execution = await execute(
          step.index,
          args[0]!,
          args.slice(1),
          cwd,
          (files) => processEnv(stepEnv, actionName, files, {}),
          stepTimeoutMs,
        )
      } else if (step.uses && actionOnDisk(step.uses, run.workspace, run.options.repositories)) {
        // `./` is the job's workspace, where the checkouts are (GITHUB_WORKSPACE), as on GitHub.
        const onDisk = actionOnDisk(step.uses, run.workspace, run.options.repositories)!
        if (!step.uses.startsWith('./') && !FULL_SHA.test(step.uses.split('@')[1] ?? '')) {
          annotate({ level: 'warning', message: `${step.uses} is not pinned to a full commit SHA` }, step.index)
        }
        const action = loadLocalAction(onDisk.rel, onDisk.root)
        const inputsEnv = actionInputsEnv(action, step.uses, withInputs, stepCtx, step.index)
        const node = run.options.bundleNode ?? process.execPath
        execution = await execute(
          step.index,
          node,
          [action.main],
          run.workspace,
          (files) => processEnv(stepEnv, actionName, files, inputsEnv, action.dir),
          stepTimeoutMs,
        )
        if (action.post) {
          posts.push({ index: step.index, name, action, inputsEnv, state: execution.state, stepEnv })
        }
      } else {
        const uses = step.uses!
        const standIn = findStandIn(uses, run.options.standIns)
        if (!standIn) throw new UnsupportedError(`unsupported: third-party action ${uses} has no stand-in`)
        const ref = uses.split('@')[1] ?? ''
        if (!FULL_SHA.test(ref)) {
          annotate({ level: 'warning', message: `${uses} is not pinned to a full commit SHA` }, step.index)
        }
        const result = await standIn(withInputs, {
          jobId: job.id,
          stepId: actionName,
          github: ctx.github as Record<string, unknown>,
          env: processEnv(stepEnv, actionName, {} as Record<FileCommand, string>, {}),
          workspace: run.workspace,
          runnerTemp: jobTemp,
          secrets: base.secrets as Record<string, string>,
          repoRoot: run.repoRoot,
          repositories: run.options.repositories ?? {},
          addMask: (value) => masker.add(value),
          log: (line) =>
            emit({ type: 'log', job: job.id, step: step.index, stream: 'stdout', line: masker.mask(line) }),
        })
        execution = {
          ok: true,
          outputs: stringMap(result.outputs),
          env: stringMap(result.env),
          path: [],
          state: {},
          summary: result.summary ?? '',
        }
      }
    } catch (error) {
      execution = { ok: false, error: (error as Error).message, outputs: {}, env: {}, path: [], state: {}, summary: '' }
    }
    Object.assign(fileEnv, execution.env)
    pathAdds.unshift(...execution.path.reverse())
    if (execution.summary) summary += execution.summary.endsWith('\n') ? execution.summary : `${execution.summary}\n`
    if (execution.cancelled) {
      finish('cancelled', 'cancelled', execution.outputs, execution.error)
      continue
    }
    let continueOnError = false
    if (!execution.ok && step.raw['continue-on-error'] !== undefined) {
      try {
        continueOnError = evaluateString(step.raw['continue-on-error'], ctx, stepStatus) === 'true'
      } catch {
        continueOnError = false
      }
    }
    const outcome: StepOutcome = execution.ok ? 'success' : 'failure'
    finish(outcome, continueOnError ? 'success' : outcome, execution.outputs, execution.error)
  }

  // Post steps run in reverse order, by default always().
  for (const post of posts.reverse()) {
    const stepStarted = Date.now()
    const ctx: Contexts = { ...base, env: { ...jobEnv, ...fileEnv }, steps: stepsContext }
    const name = `Post ${post.name}`
    if (!evaluateCondition(post.action.postIf, ctx, stepStatus, 'always()')) continue
    emit({ type: 'step-start', job: job.id, step: post.index, name, post: true })
    const stateEnv = Object.fromEntries(Object.entries(post.state).map(([k, v]) => [`STATE_${k}`, v]))
    const execution = await execute(
      post.index,
      run.options.bundleNode ?? process.execPath,
      [post.action.post!],
      run.workspace,
      (files) => processEnv(post.stepEnv, `post-${post.index}`, files, { ...post.inputsEnv, ...stateEnv }),
      undefined,
    )
    if (execution.summary) summary += execution.summary
    const outcome: StepOutcome = execution.cancelled ? 'cancelled' : execution.ok ? 'success' : 'failure'
    if (outcome === 'failure') failed = true
    const durationMs = Date.now() - stepStarted
    const error = execution.error === undefined ? undefined : masker.mask(execution.error)
    steps.push({
      index: post.index,
      name,
      outcome,
      conclusion: outcome,
      outputs: {},
      durationMs,
      annotations: [],
      post: true,
      ...(error ? { error } : {}),
    })
    emit({
      type: 'step-end',
      job: job.id,
      step: post.index,
      name,
      outcome,
      conclusion: outcome,
      durationMs,
      post: true,
    })
  }
  if (timer) clearTimeout(timer)
  run.signal?.removeEventListener('abort', onRunAbort)

  const outputs: Record<string, string> = {}
  if (isRecord(job.raw.outputs)) {
    const ctx: Contexts = { ...base, env: { ...jobEnv, ...fileEnv }, steps: stepsContext }
    for (const [key, value] of Object.entries(job.raw.outputs)) {
      try {
        const evaluated = evaluateString(value, ctx, stepStatus)
        if (masker.contains(evaluated)) {
          annotate({ level: 'warning', message: `Skip output '${key}' since it may contain secret.` })
        } else {
          outputs[key] = evaluated
        }
      } catch (error) {
        annotate({ level: 'error', message: `output '${key}': ${(error as Error).message}` })
      }
    }
  }
  let result: JobResult['result'] = 'success'
  let error: string | undefined
  if (timedOut) {
    result = 'failure'
    error = `job exceeded timeout-minutes ${record.timeoutMinutes}`
  } else if (failed) {
    result = 'failure'
    error = steps.find((s) => s.conclusion === 'failure')?.error
  } else if (isCancelled()) {
    result = 'cancelled'
  }
  const durationMs = Date.now() - started
  emit({ type: 'job-end', job: job.id, name: displayName, result, durationMs, ...(error ? { error } : {}) })
  return {
    name: masker.mask(displayName),
    result,
    outputs,
    steps,
    summary: masker.mask(summary),
    durationMs,
    ...(error ? { error: masker.mask(error) } : {}),
    annotations,
    ...record,
  }
}
