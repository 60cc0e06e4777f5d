import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CORE_SCHEMA, load } from 'js-yaml'
import { hasExpression } from './expressions.js'
import type { StandIns } from './types.js'

export type Raw = Record<string, unknown>

export interface StepSpec {
  raw: Raw
  index: number
  id?: string
  uses?: string
  run?: string
}

export interface JobSpec {
  id: string
  raw: Raw
  needs: string[]
  steps: StepSpec[]
}

export interface WorkflowSpec {
  file: string
  name: string
  raw: Raw
  on: Record<string, Raw>
  jobs: Map<string, JobSpec>
}

export interface LocalAction {
  dir: string
  main: string
  post?: string
  postIf?: string
  inputs: Record<string, { default?: unknown }>
}

/** Thrown before anything runs when a workflow uses something the local runner cannot do faithfully. */
export class UnsupportedError extends Error {
  override name = 'UnsupportedError'
}

export class WorkflowError extends Error {
  override name = 'WorkflowError'
}

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map(String)
}

function normalizeOn(on: unknown): Record<string, Raw> {
  if (typeof on === 'string') return { [on]: {} }
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [String(e), {}]))
  if (isRecord(on)) return Object.fromEntries(Object.entries(on).map(([k, v]) => [k, isRecord(v) ? v : {}]))
  throw new WorkflowError('workflow has no valid `on:`')
}

/** Schema check with @actions/workflow-parser; undefined when the module cannot load in this Node setup. */
async function schemaErrors(file: string, content: string): Promise<string[] | undefined> {
  let parser: typeof import('@actions/workflow-parser')
  try {
    parser = await import('@actions/workflow-parser')
  } catch {
    return undefined
  }
  const parsed = parser.parseWorkflow({ name: file, content }, new parser.NoOperationTraceWriter())
  if (parsed.value) await parser.convertWorkflowTemplate(parsed.context, parsed.value)
  return parsed.context.errors.getErrors().map((e) => e.message)
}

export async function loadWorkflow(
  file: string,
  repoRoot: string,
  warn: (message: string) => void,
): Promise<WorkflowSpec> {
  const content = readFileSync(file, 'utf8')
  const errors = await schemaErrors(path.basename(file), content)
  if (errors === undefined) warn('@actions/workflow-parser could not be loaded here; schema validation skipped')
  else if (errors.length > 0) throw new WorkflowError(`invalid workflow ${file}:\n  ${errors.join('\n  ')}`)
  const raw = load(content, { schema: CORE_SCHEMA })
  if (!isRecord(raw)) throw new WorkflowError(`invalid workflow ${file}: not a mapping`)
  if (!isRecord(raw.jobs)) throw new WorkflowError(`invalid workflow ${file}: no jobs`)
  const jobs = new Map<string, JobSpec>()
  for (const [id, job] of Object.entries(raw.jobs)) {
    if (!isRecord(job)) throw new WorkflowError(`job ${id} is not a mapping`)
    const steps = Array.isArray(job.steps) ? job.steps : []
    jobs.set(id, {
      id,
      raw: job,
      needs: asList(job.needs),
      steps: steps.map((step, index) => {
        if (!isRecord(step)) throw new WorkflowError(`jobs.${id}.steps[${index}] is not a mapping`)
        return {
          raw: step,
          index,
          id: step.id === undefined ? undefined : String(step.id),
          uses: step.uses === undefined ? undefined : String(step.uses),
          run: step.run === undefined ? undefined : String(step.run),
        }
      }),
    })
  }
  for (const job of jobs.values()) {
    for (const need of job.needs) {
      if (!jobs.has(need)) throw new WorkflowError(`job ${job.id} needs unknown job ${need}`)
    }
  }
  checkCycles(jobs)
  return {
    file,
    name: raw.name === undefined ? path.relative(repoRoot, file) : String(raw.name),
    raw,
    on: normalizeOn(raw.on),
    jobs,
  }
}

function checkCycles(jobs: Map<string, JobSpec>): void {
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return
    if (state.get(id) === 'visiting') throw new WorkflowError(`needs cycle: ${[...trail, id].join(' -> ')}`)
    state.set(id, 'visiting')
    for (const need of jobs.get(id)?.needs ?? []) visit(need, [...trail, id])
    state.set(id, 'done')
  }
  for (const id of jobs.keys()) visit(id, [])
}

/** Key under which a stand-in is looked up: `owner/repo` (or `owner/repo/path` first). */
export function standInKeys(uses: string): string[] {
  const ref = uses.split('@')[0] ?? uses
  const parts = ref.split('/')
  return [...new Set([ref, parts.slice(0, 2).join('/')])]
}

export function findStandIn(uses: string, standIns: StandIns) {
  for (const key of standInKeys(uses)) {
    const standIn = standIns[key]
    if (standIn) return standIn
  }
  return undefined
}

/**
 * Where a `uses:` runs from when it is on disk: `./path` in the workflow's repository, or `owner/repo/path@ref`
 * of a repository the caller mapped to a local checkout (RunWorkflowOptions.repositories). The ref is not
 * resolved: the checkout is taken to be at it.
 */
export function actionOnDisk(
  uses: string,
  repoRoot: string,
  repositories: Record<string, string> = {},
): { root: string; rel: string } | undefined {
  if (uses.startsWith('./')) return { root: repoRoot, rel: uses }
  const m = /^([^/@]+)\/([^/@]+)((?:\/[^@]+)?)@[^@]+$/.exec(uses)
  if (!m) return undefined
  const name = `${m[1]}/${m[2]}`.toLowerCase()
  const key = Object.keys(repositories).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : { root: path.resolve(repositories[key]!), rel: `.${m[3] ?? ''}` }
}

/** The mapped repository a job-level `uses: owner/repo/.github/workflows/x.yml@ref` calls into, if any. */
export function calledRepository(
  uses: string,
  repositories: Record<string, string> = {},
): { repository: string; root: string; ref: string } | undefined {
  const m = /^([^/@]+\/[^/@]+)\/\.github\/workflows\/[^/@]+@([^@]+)$/.exec(uses)
  if (!m) return undefined
  const key = Object.keys(repositories).find((k) => k.toLowerCase() === m[1]!.toLowerCase())
  return key === undefined ? undefined : { repository: key, root: path.resolve(repositories[key]!), ref: m[2]! }
}

/** The literal `path:`s that earlier `actions/checkout` steps of a job fill, as `./path/`. */
function checkoutPaths(steps: StepSpec[]): string[] {
  return steps
    .filter((s) => s.uses?.startsWith('actions/checkout@') && isRecord(s.raw.with) && s.raw.with.path !== undefined)
    .map((s) => String((s.raw.with as Raw).path))
    .filter((p) => !hasExpression(p))
    .map((p) => `./${path.posix.normalize(p).replace(/^\.\/|\/$/g, '')}/`)
}

/**
 * The file a job-level `uses:` calls: `./.github/workflows/x.yml` in the workflow's repository, or
 * `owner/repo/.github/workflows/x.yml@ref` of a repository mapped to a local checkout.
 */
export function reusableWorkflowFile(
  uses: string,
  repoRoot: string,
  repositories: Record<string, string> = {},
): string | undefined {
  const rel = uses.startsWith('./')
    ? uses
    : /^[^/@]+\/[^/@]+\/(\.github\/workflows\/[^/@]+\.ya?ml)@[^@]+$/.exec(uses)?.[1]
  if (!rel || !/^(\.\/)?\.github\/workflows\/[^/]+\.ya?ml$/.test(rel)) return undefined
  const onDisk = actionOnDisk(
    uses.startsWith('./') ? uses : uses.replace(/\/\.github\/workflows\/[^@]+@/, '@'),
    repoRoot,
    repositories,
  )
  if (!onDisk) return undefined
  const file = path.resolve(onDisk.root, rel)
  return existsSync(file) ? file : undefined
}

export function loadLocalAction(uses: string, actionsRoot: string): LocalAction {
  const dir = path.resolve(actionsRoot, uses)
  const metadata = ['action.yml', 'action.yaml'].map((f) => path.join(dir, f)).find((f) => existsSync(f))
  if (!metadata) throw new UnsupportedError(`unsupported: ${uses} has no action.yml (looked in ${dir})`)
  const raw = load(readFileSync(metadata, 'utf8'), { schema: CORE_SCHEMA })
  if (!isRecord(raw) || !isRecord(raw.runs)) throw new WorkflowError(`${metadata}: no runs:`)
  const using = String(raw.runs.using ?? '')
  if (!/^node\d+$/.test(using)) throw new UnsupportedError(`unsupported: ${uses} runs.using '${using}' (node only)`)
  if (raw.runs.pre !== undefined) throw new UnsupportedError(`unsupported: ${uses} runs.pre`)
  const main = path.join(dir, String(raw.runs.main ?? ''))
  if (!raw.runs.main || !existsSync(main)) throw new WorkflowError(`${uses}: runs.main ${main} does not exist`)
  const inputs: LocalAction['inputs'] = {}
  if (isRecord(raw.inputs)) {
    for (const [name, spec] of Object.entries(raw.inputs)) inputs[name] = isRecord(spec) ? spec : {}
  }
  return {
    dir,
    main,
    post: raw.runs.post === undefined ? undefined : path.join(dir, String(raw.runs.post)),
    postIf: raw.runs['post-if'] === undefined ? undefined : String(raw.runs['post-if']),
    inputs,
  }
}

const UNSUPPORTED_JOB_KEYS: Record<string, string> = {
  strategy: 'strategy/matrix jobs',
  services: 'service containers',
  container: 'job containers',
}

export function isSupportedRunsOn(value: unknown): boolean {
  if (value === undefined) return false
  if (typeof value === 'string') return value.startsWith('ubuntu-')
  if (Array.isArray(value)) return value.length > 0 && value.every((label) => String(label).startsWith('ubuntu-'))
  return false
}

export function isSupportedShell(shell: string): boolean {
  return shell === 'bash' || shell === 'sh'
}

/** Everything knowable before the run that the local runner would otherwise have to skip or fake. */
export function checkSupported(
  workflow: WorkflowSpec,
  standIns: StandIns,
  actionsRoot: string,
  repositories: Record<string, string> = {},
): void {
  const problems: string[] = []
  const defaultShell = (raw: Raw) =>
    isRecord(raw.defaults) && isRecord(raw.defaults.run) ? raw.defaults.run.shell : undefined
  const workflowShell = defaultShell(workflow.raw)
  for (const job of workflow.jobs.values()) {
    const where = `jobs.${job.id}`
    for (const [key, what] of Object.entries(UNSUPPORTED_JOB_KEYS)) {
      if (job.raw[key] !== undefined) problems.push(`unsupported: ${where}.${key}: ${what}`)
    }
    if (job.raw.uses !== undefined) {
      if (!reusableWorkflowFile(String(job.raw.uses), actionsRoot, repositories)) {
        problems.push(
          `unsupported: ${where}.uses ${String(job.raw.uses)}: only ./.github/workflows/… or a repository mapped in repositories (found no such file)`,
        )
      }
      continue
    }
    const runsOn = job.raw['runs-on']
    if (job.raw.uses === undefined && !hasExpression(runsOn) && !isSupportedRunsOn(runsOn)) {
      problems.push(`unsupported: ${where}.runs-on ${JSON.stringify(runsOn)} (only ubuntu-* runners)`)
    }
    const jobShell = defaultShell(job.raw) ?? workflowShell
    for (const step of job.steps) {
      const at = `${where}.steps[${step.index}]${step.id ? ` (${step.id})` : ''}`
      if (step.uses !== undefined && step.run !== undefined) {
        problems.push(`${at}: has both uses and run`)
      } else if (step.uses === undefined && step.run === undefined) {
        problems.push(`${at}: has neither uses nor run`)
      } else if (step.run !== undefined) {
        const shell = step.raw.shell ?? jobShell
        if (shell !== undefined && !hasExpression(shell) && !isSupportedShell(String(shell))) {
          problems.push(`unsupported: ${at}.shell ${JSON.stringify(shell)} (bash or sh only)`)
        }
      } else if (step.uses && checkoutPaths(job.steps.slice(0, step.index)).some((p) => step.uses!.startsWith(p))) {
        // Filled by an earlier checkout of this job (which repository may be an expression): checked when it runs.
      } else if (step.uses && actionOnDisk(step.uses, actionsRoot, repositories)) {
        const onDisk = actionOnDisk(step.uses, actionsRoot, repositories)!
        try {
          loadLocalAction(onDisk.rel, onDisk.root)
        } catch (error) {
          problems.push(`${at}: ${(error as Error).message}`)
        }
      } else if (step.uses?.startsWith('docker://')) {
        problems.push(`unsupported: ${at}: docker actions (${step.uses})`)
      } else if (step.uses && !findStandIn(step.uses, standIns)) {
        const known = Object.keys(standIns).sort().join(', ') || 'none'
        problems.push(
          `unsupported: ${at}: third-party action ${step.uses} has no stand-in (keys tried: ${standInKeys(step.uses).join(', ')}; stand-ins: ${known})`,
        )
      }
    }
  }
  if (problems.length > 0) throw new UnsupportedError(problems.join('\n'))
}

/** GITHUB_TOKEN's scopes, which `read-all` and `write-all` stand for. */
const TOKEN_SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
]

/** A `permissions:` value as scope → level (`{}` grants none). */
export function permissionLevels(permissions: unknown): Record<string, string> {
  if (permissions === 'read-all' || permissions === 'write-all') {
    const level = permissions === 'write-all' ? 'write' : 'read'
    return Object.fromEntries(TOKEN_SCOPES.map((s) => [s, level]))
  }
  return isRecord(permissions) ? Object.fromEntries(Object.entries(permissions).map(([k, v]) => [k, String(v)])) : {}
}

const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 }

/**
 * GitHub lets a called workflow only narrow the caller's GITHUB_TOKEN: when a job of the called file asks for more
 * than the calling job grants (its `permissions:` or the caller's top-level ones), the whole run fails before any
 * job starts, whatever the job's `if:`. A caller that grants nothing explicitly gets the repository's default,
 * which the local runner cannot know: then nothing is checked. Throws WorkflowError with GitHub's wording.
 */
export async function checkCalledPermissions(
  workflow: WorkflowSpec,
  repoRoot: string,
  repositories: Record<string, string> = {},
): Promise<void> {
  for (const job of workflow.jobs.values()) {
    if (job.raw.uses === undefined) continue
    const grant = job.raw.permissions ?? workflow.raw.permissions
    if (grant === undefined) continue
    const uses = String(job.raw.uses)
    const file = reusableWorkflowFile(uses, repoRoot, repositories)
    if (!file) continue
    const called = await loadWorkflow(file, repoRoot, () => {})
    const allowed = permissionLevels(grant)
    for (const nested of called.jobs.values()) {
      const requested = nested.raw.permissions ?? called.raw.permissions
      if (requested === undefined) continue
      const asked = permissionLevels(requested)
      const scopes = Object.keys(asked).filter((s) => LEVEL[asked[s]!]! > 0)
      if (scopes.every((s) => LEVEL[asked[s]!]! <= (LEVEL[allowed[s] ?? 'none'] ?? 0))) continue
      const list = (levels: Record<string, string>) => scopes.map((s) => `${s}: ${levels[s] ?? 'none'}`).join(', ')
      throw new WorkflowError(
        `Error calling workflow '${uses}'. The nested job '${nested.id}' is requesting '${list(asked)}', but is only allowed '${list(allowed)}'.`,
      )
    }
  }
}
