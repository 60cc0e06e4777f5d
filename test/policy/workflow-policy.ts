// The static policy every workflow must meet (security-checklist §1): a reviewed workflow file is the only
// code that handles HR events, so these rules are checked on every change, not left to review.
import { load } from 'js-yaml'

export interface Finding {
  file: string
  rule: string
  where: string
}

const SHA_PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/
const EXPR = /\$\{\{/
const EXPR_TEXT = ['$', '{{ }}'].join('')

type Obj = Record<string, any>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

export function checkWorkflow(text: string, file: string): Finding[] {
  const out: Finding[] = []
  const add = (rule: string, where: string) => out.push({ file, rule, where })
  let doc: unknown
  try {
    doc = load(text)
  } catch (error) {
    add(`not valid YAML (${(error as Error).message.split('\n')[0]})`, '(file)')
    return out
  }
  if (!isObj(doc)) {
    add('a workflow must be a mapping', '(file)')
    return out
  }

  const triggers = doc.on ?? doc.true // YAML 1.1 parsers read a bare `on` key as true
  const names =
    typeof triggers === 'string' ? [triggers] : Array.isArray(triggers) ? triggers : Object.keys(triggers ?? {})
  for (const t of ['pull_request_target', 'workflow_run'])
    if (names.includes(t)) add(`trigger ${t} is forbidden: it runs privileged code on untrusted input`, `on.${t}`)

  if (!isObj(doc.permissions) || Object.keys(doc.permissions).length > 0)
    add('top-level `permissions: {}` is required; grant per job', 'permissions')
  if (JSON.stringify(doc.env ?? {}).includes('ACTIONS_ALLOW_UNSECURE_COMMANDS'))
    add('ACTIONS_ALLOW_UNSECURE_COMMANDS is forbidden', 'env')

  const jobs = isObj(doc.jobs) ? doc.jobs : {}
  for (const [id, job] of Object.entries(jobs)) {
    if (!isObj(job)) continue
    const at = `jobs.${id}`
    if (names.includes('pull_request') && isPrivileged(job))
      for (const f of headCodeFindings(job)) add(f.rule, `${at}${f.where}`)
    if (job.permissions === undefined && job.uses === undefined) add('every job declares its own `permissions`', at)
    if (typeof job.permissions === 'string')
      add('`write-all`/`read-all` are forbidden; list scopes', `${at}.permissions`)
    // lifecycle.yml's wake job needs it for a repository_dispatch; it runs no action and holds no secret.
    if (isObj(job.permissions) && job.permissions.contents === 'write' && !runsOnlyShell(job))
      add(
        'only a job of `run:` steps without secrets or an environment holds `contents: write`: the ledger is written with its own App token',
        `${at}.permissions`,
      )
    if (isObj(job.permissions) && job.permissions['id-token'] === 'write') {
      const assumesAws = (job.steps ?? []).some((s: Obj) =>
        String(s?.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'),
      )
      if (!assumesAws) add('`id-token: write` only on the job that assumes the AWS role', `${at}.permissions`)
      if (!job.environment) add('the AWS job runs in a protected environment', `${at}.environment`)
    }
    if (typeof job.uses === 'string' && !job.uses.startsWith('./') && !SHA_PINNED.test(job.uses))
      add('reusable workflows from elsewhere are pinned to a 40-hex commit SHA', `${at}.uses`)
    for (const [i, step] of (Array.isArray(job.steps) ? job.steps : []).entries()) {
      if (!isObj(step)) continue
      const where = `${at}.steps[${i}]${step.name ? ` (${step.name})` : ''}`
      if (typeof step.run === 'string') {
        if (EXPR.test(step.run))
          add(`no \`${EXPR_TEXT}\` inside \`run:\`; pass values through \`env:\``, `${where}.run`)
        if (/GITHUB_(ENV|PATH)/.test(step.run)) add('run steps never write GITHUB_ENV or GITHUB_PATH', `${where}.run`)
      }
      const uses = typeof step.uses === 'string' ? step.uses : undefined
      const stateToken = isObj(step.with) ? String(step.with['state-token'] ?? '') : ''
      if (/github\.token|secrets\.GITHUB_TOKEN/.test(stateToken))
        add('the ledger is never written with GITHUB_TOKEN (`state-token`)', `${where}.with`)
      if (uses && isObj(step.with) && typeof step.with.script === 'string' && EXPR.test(step.with.script))
        add(`no \`${EXPR_TEXT}\` inside a github-script \`script:\``, `${where}.with.script`)
      if (!uses || uses.startsWith('./') || uses.startsWith('docker://')) continue
      if (!SHA_PINNED.test(uses)) add('third-party actions are pinned to a 40-hex commit SHA', `${where}.uses`)
      else if (!versionCommented(text, uses))
        add('a pinned SHA carries a version comment (`# vX.Y.Z`)', `${where}.uses`)
      const w = isObj(step.with) ? step.with : {}
      if (uses.startsWith('actions/checkout@') && String(w['persist-credentials']) !== 'false')
        add('actions/checkout sets `persist-credentials: false`', `${where}.with`)
      if (uses.startsWith('actions/create-github-app-token@')) {
        if (!w.owner || !w.repositories) add('an App token is scoped by `owner` and `repositories`', `${where}.with`)
        if (!Object.keys(w).some((k) => k.startsWith('permission-')))
          add('an App token names its `permission-*` scopes', `${where}.with`)
        if (w['skip-token-revoke'] !== undefined) add('`skip-token-revoke` is forbidden', `${where}.with`)
      }
    }
  }
  return out
}

export const RUNS_BASE_ONLY =
  'a pull_request job holding secrets or write permissions checks out the base commit to run code (`ref: github.event.pull_request.base.sha`), never the head'
export const HEAD_AS_DATA =
  'a pull_request job holding secrets or write permissions reads the head as data only: a sparse checkout at a `path:` that no step runs'

/** Only `run:` steps: no action, no reusable workflow, no environment and no secret. */
function runsOnlyShell(job: Obj): boolean {
  const steps = Array.isArray(job.steps) ? job.steps : []
  return (
    job.uses === undefined &&
    job.environment === undefined &&
    !/\bsecrets\./.test(JSON.stringify(job)) &&
    steps.every((step: unknown) => isObj(step) && step.uses === undefined)
  )
}

/** Secrets (its environment's or the repository's) or a write permission: what a pull request's code must never reach. */
export function isPrivileged(job: Obj): boolean {
  const writes = isObj(job.permissions)
    ? Object.values(job.permissions).includes('write')
    : job.permissions === 'write-all' || job.permissions === undefined
  return writes || job.environment !== undefined || /\bsecrets\./.test(JSON.stringify(job))
}

const BASE_REF = /^\$\{\{\s*github\.event\.pull_request\.base\.sha\s*\}\}$/

/**
 * On `pull_request`, a checkout without `ref:` is the merge commit: the head's code. A privileged job checks out
 * the base commit for the code it runs, and the head (any other ref) only sparsely, at a path no step runs:
 * neither `uses: ./<path>…` nor a `run:` that names the path.
 */
function headCodeFindings(job: Obj): { rule: string; where: string }[] {
  const out: { rule: string; where: string }[] = []
  const steps: Obj[] = Array.isArray(job.steps) ? job.steps.filter(isObj) : []
  const norm = (p: unknown) =>
    String(p)
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '')
  const headPaths: string[] = []
  for (const [i, step] of steps.entries()) {
    if (!String(step.uses ?? '').startsWith('actions/checkout@')) continue
    const w = isObj(step.with) ? step.with : {}
    if (BASE_REF.test(String(w.ref ?? '').trim()) && !w.repository) continue
    if (!w.path) out.push({ rule: RUNS_BASE_ONLY, where: `.steps[${i}].with.ref` })
    else if (!w['sparse-checkout']) out.push({ rule: HEAD_AS_DATA, where: `.steps[${i}].with` })
    else headPaths.push(norm(w.path))
  }
  for (const [i, step] of steps.entries()) {
    const uses = String(step.uses ?? '')
    const local = uses.startsWith('./') ? norm(uses) : undefined
    const runsHead = headPaths.some(
      (p) => (local !== undefined && (local === p || local.startsWith(`${p}/`))) || String(step.run ?? '').includes(p),
    )
    if (runsHead) out.push({ rule: HEAD_AS_DATA, where: `.steps[${i}]` })
  }
  return out
}

function versionCommented(text: string, uses: string): boolean {
  return text.split('\n').some((line) => line.includes(uses) && /#\s*v?\d+(\.\d+)*/.test(line))
}
