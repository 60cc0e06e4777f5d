// `pnpm onramp <command>`: the access plan of the working tree's role map against a base commit and every
// person's ledger record, one person's record, the people's scheduled tasks, and a ledger repair. The ledger is the sandbox's by default
// (nothing leaves 127.0.0.1), `file:<dir>`, or `github:<owner>/<repo>` with GITHUB_TOKEN (read; a repair
// writes only with --apply, and in a real organization through the protected environment: see README).
//
//   pnpm onramp plan [--base <git ref>] [--state sandbox|file:DIR|github:OWNER/REPO] [--json FILE] [--allowance N]
//   pnpm onramp status <employee id> [--state ...] [--show-personal] [--json]
//   pnpm onramp tasks [--days N] [--state ...] [--json]
//   pnpm onramp repair <employee id> --set github.login=<login> [--unset github.invitation_id] [--apply]

import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  type Access,
  DEFAULT_GUARDRAILS_FILE,
  DEFAULT_ROLES_FILE,
  EMPLOYEE_ID_PATTERN,
  EMPLOYEE_ID_RULE,
  formatLocal,
  loadAccess,
  loadGuardrails,
  parseAccess,
  planAccess,
  renderPlanMarkdown,
  UserError,
} from '@onramp/core'
import {
  formatLate,
  type Ledger,
  type LedgerRecord,
  listTasks,
  openLedger,
  readAllRecords,
  type TaskLine,
  UPCOMING_DAYS,
  upcomingTasks,
} from '@onramp/ledger'

const REPAIR_FIELDS = [
  'github.login',
  'github.id',
  'github.invitation_id',
  'identity',
  'aws.user_name',
  'slack.user_id',
]
const USAGE = `usage:
  pnpm onramp plan [--base <git ref>] [--state sandbox|file:DIR|github:OWNER/REPO] [--json FILE] [--allowance N]
  pnpm onramp status <employee id> [--state ...] [--show-personal] [--json]
  pnpm onramp tasks [--days N] [--state ...] [--json]
  pnpm onramp repair <employee id> --set <field>=<value> ... [--unset <field>] ... [--apply] [--state ...]
repair fields: ${REPAIR_FIELDS.join(', ')}`

class CliError extends Error {}

interface State {
  ledger: Ledger
  /** The employee ids the ledger holds, for a backend that cannot list itself. */
  description: string
  close(): Promise<void>
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === 'plan') return plan(rest)
  if (command === 'status') return status(rest)
  if (command === 'tasks') return tasks(rest)
  if (command === 'repair') return repair(rest)
  if (command === undefined || command === '--help' || command === 'help') {
    console.log(USAGE)
    return
  }
  throw new CliError(`unknown command (plan, status, tasks, repair)\n${USAGE}`)
}

// ------------------------------------------------------------------------------------------------ plan

async function plan(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      base: { type: 'string' },
      state: { type: 'string', default: 'sandbox' },
      json: { type: 'string' },
      allowance: { type: 'string' },
      roles: { type: 'string', default: DEFAULT_ROLES_FILE },
      guardrails: { type: 'string', default: DEFAULT_GUARDRAILS_FILE },
    },
    allowPositionals: false,
  })
  if (values.allowance !== undefined && !/^(0|[1-9][0-9]{0,5})$/.test(values.allowance))
    throw new CliError('--allowance: must be a whole number of removals (0-999999)')
  const head = loadAccess({ rolesFile: values.roles, guardrailsFile: values.guardrails })
  const ref = values.base ?? defaultBase()
  const base = baseAccess(ref, values.roles, values.guardrails)
  const state = await openState(values.state)
  let records: LedgerRecord[] = []
  const unreadable: string[] = []
  try {
    records = await readAllRecords(state.ledger)
  } catch (error) {
    // The plan of the map itself still helps: it says the people are missing and why (a status, never a body).
    const status = (error as { status?: number }).status
    if (status === undefined) throw error
    unreadable.push(`the ledger (${state.description}): HTTP ${status}`)
  } finally {
    await state.close()
  }
  const allowance = values.allowance === undefined ? undefined : Number(values.allowance)
  const accessPlan = planAccess({ base, head, records, allowance, unreadable })
  if (values.json) writeFileSync(values.json, `${JSON.stringify(accessPlan, null, 2)}\n`)
  console.log(`Base: ${ref}${base ? '' : ' (no access files there: every item is new)'}. Ledger: ${state.description}.`)
  console.log('')
  process.stdout.write(renderPlanMarkdown(accessPlan))
}

/** origin/main when the repository has it, else the checked-out commit. */
function defaultBase(): string {
  try {
    git(['rev-parse', '--verify', '--quiet', 'origin/main^{commit}'])
    return 'origin/main'
  } catch {
    return 'HEAD'
  }
}

function git(args: string[]): string {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** The access files as committed at `ref`; undefined when that commit has none (their first commit). */
function baseAccess(ref: string, rolesFile: string, guardrailsFile: string): Access | undefined {
  if (ref.startsWith('-')) throw new CliError('--base: must be a git ref (a branch, tag or commit), not an option')
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
  } catch {
    throw new CliError('--base: not a commit of this repository')
  }
  const show = (file: string) => {
    try {
      return git(['show', `${ref}:./${file.replace(/^\.\//, '')}`])
    } catch {
      return undefined
    }
  }
  const roles = show(rolesFile)
  const guardrails = show(guardrailsFile)
  if (roles === undefined || guardrails === undefined) return undefined
  return parseAccess({
    roles,
    guardrails,
    rolesFile: `${ref}:${rolesFile}`,
    guardrailsFile: `${ref}:${guardrailsFile}`,
  })
}

// ------------------------------------------------------------------------------------------------ state

const SANDBOX_STATE = { owner: 'acme', repo: 'people-ops', branch: 'onramp-state' }

async function openState(state: string): Promise<State> {
  if (state.startsWith('file:')) {
    const ledger = await openLedger(state)
    return { ledger, description: ledger.description, close: async () => {} }
  }
  if (state === 'sandbox') {
    const { startSandbox } = await import('@onramp/sandbox')
    const sandbox = await startSandbox({
      roles: DEFAULT_ROLES_FILE,
      guardrails: DEFAULT_GUARDRAILS_FILE,
      seed: {
        github: {
          repos: [{ owner: SANDBOX_STATE.owner, name: SANDBOX_STATE.repo, default_branch: 'main' }],
        },
      },
    })
    const opened = await githubState(
      `${SANDBOX_STATE.owner}/${SANDBOX_STATE.repo}`,
      sandbox.inputs['github-token']!,
      sandbox.inputs['github-api-url']!,
    )
    return {
      ...opened,
      description: `the sandbox's (${SANDBOX_STATE.owner}/${SANDBOX_STATE.repo}@${SANDBOX_STATE.branch}, a fresh sandbox knows nobody; pass --state file:DIR or github:OWNER/REPO)`,
      close: () => sandbox.close(),
    }
  }
  const m = /^github:([A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100})$/.exec(state)
  if (!m) throw new CliError('--state: must be sandbox, file:<dir> or github:<owner>/<repo>')
  const token = process.env.GITHUB_TOKEN
  if (!token) throw new CliError('GITHUB_TOKEN: required for --state github:<owner>/<repo> (contents: read)')
  return githubState(m[1]!, token, process.env.GITHUB_API_URL ?? 'https://api.github.com')
}

async function githubState(repository: string, token: string, apiUrl: string): Promise<State> {
  const { createOctokit } = await import('@onramp/core/github')
  const octokit = createOctokit({ token, baseUrl: apiUrl.replace(/\/+$/, '') })
  const ledger = await openLedger('github', { repo: repository, octokit, apiUrl })
  return { ledger, description: ledger.description, close: async () => {} }
}

// ------------------------------------------------------------------------------------------------ status

function employeeId(value: string | undefined): string {
  if (value === undefined) throw new CliError(`an employee id is required\n${USAGE}`)
  if (!EMPLOYEE_ID_PATTERN.test(value)) throw new CliError(`employee id: ${EMPLOYEE_ID_RULE}`)
  return value
}

async function status(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      state: { type: 'string', default: 'sandbox' },
      'show-personal': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  })
  if (positionals.length > 1) throw new CliError(`one employee id at a time\n${USAGE}`)
  const id = employeeId(positionals[0])
  const state = await openState(values.state)
  let record: LedgerRecord | undefined
  try {
    record = await state.ledger.get(id)
  } finally {
    await state.close()
  }
  if (!record) throw new CliError(`no ledger record for this employee id in ${state.description}`)
  const shown = values['show-personal'] ? record : withoutPersonal(record)
  if (values.json) {
    console.log(JSON.stringify(shown, null, 2))
    return
  }
  console.log(renderStatus(shown, values['show-personal']))
}

/**
 * The record less what names or reaches the person: their name and emails, the event payloads HR sent, and the
 * IAM user name (derived from the email). Ids, steps, granted items and events by id stay.
 */
export function withoutPersonal(record: LedgerRecord): LedgerRecord {
  const copy = structuredClone(record)
  delete copy.person
  const strip = (e: { payload?: unknown } | undefined) => {
    if (e) delete e.payload
  }
  strip(copy.last_event)
  strip(copy.unapplied_event)
  strip(copy.before_last?.last_event)
  if (copy.ids.aws?.user_name !== undefined) copy.ids.aws = { ...copy.ids.aws, user_name: '[personal]' }
  if (copy.ids.aws?.arn !== undefined) copy.ids.aws = { ...copy.ids.aws, arn: '[personal]' }
  return copy
}

function renderStatus(r: LedgerRecord, personal: boolean): string {
  const out = [`${r.employee_id}: ${r.status}${r.role ? `, role ${r.role}` : ''}`]
  if (!personal) out.push('(names, emails, HR payloads and the IAM user name withheld: --show-personal shows them)')
  if (personal && r.person) out.push(`person: ${JSON.stringify(r.person)}`)
  const event = (label: string, e: LedgerRecord['last_event']) =>
    e && out.push(`${label}: ${e.type} ${e.event_id} at ${e.occurred_at}${e.role ? ` (${e.role})` : ''}`)
  event('last event applied', r.last_event)
  event('unapplied event (what a rerun repeats)', r.unapplied_event)
  if (r.offboarded_by) out.push(`emergency offboard: by ${r.offboarded_by.actor} at ${r.offboarded_by.at}`)
  out.push('ids:')
  for (const [system, ids] of Object.entries(r.ids)) out.push(`  ${system}: ${JSON.stringify(ids)}`)
  out.push('steps:')
  for (const [name, s] of Object.entries(r.steps))
    out.push(
      `  ${name}: ${s.result}${s.verified ? ', verified' : ', not verified'} at ${s.at}${s.event_id ? ` for ${s.event_id}` : ''}${s.run ? ` (run ${s.run})` : ''}`,
    )
  out.push(r.granted ? 'granted (what onramp may take away):' : 'granted: not recorded (read as what the role gives)')
  for (const [system, keys] of Object.entries(r.granted ?? {})) out.push(`  ${system}: ${keys.join(', ') || 'none'}`)
  const notified = Object.keys(r.notified)
  if (notified.length) out.push(`notified: ${notified.join(', ')}`)
  return out.join('\n')
}

// ------------------------------------------------------------------------------------------------ tasks

/**
 * The ledger's scheduled tasks: overdue (due, not done: the next scheduled run does them, or a failing step keeps
 * them) and upcoming in the next --days, by date then employee id, times in guardrails dates.time-zone. Employee
 * ids only: a task names no person.
 */
async function tasks(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      days: { type: 'string', default: String(UPCOMING_DAYS) },
      state: { type: 'string', default: 'sandbox' },
      json: { type: 'boolean', default: false },
      guardrails: { type: 'string', default: DEFAULT_GUARDRAILS_FILE },
    },
    allowPositionals: false,
  })
  if (!/^(0|[1-9][0-9]{0,3})$/.test(values.days)) throw new CliError('--days: must be a whole number of days (0-9999)')
  const days = Number(values.days)
  const zone = loadGuardrails(values.guardrails).dates.timeZone
  const state = await openState(values.state)
  let records: LedgerRecord[]
  try {
    records = await readAllRecords(state.ledger)
  } finally {
    await state.close()
  }
  const now = Date.now()
  const overdue = listTasks(records, { to: now, zone })
  const upcoming = upcomingTasks(records, now, zone, { days })
  if (values.json) {
    console.log(JSON.stringify({ now: new Date(now).toISOString(), time_zone: zone, days, overdue, upcoming }, null, 2))
    return
  }
  console.log(`Scheduled tasks in ${state.description}; now ${formatLocal(now, zone)}.`)
  const line = (t: TaskLine, late?: string) =>
    `  ${t.local}  ${t.employee_id}  ${t.step} (${t.why})${late ? `, due ${late} ago` : ''}`
  console.log('')
  console.log(
    overdue.length
      ? 'Overdue (due and not done: the next scheduled run does them, unless the step keeps failing):'
      : 'Overdue: none.',
  )
  for (const t of overdue) console.log(line(t, formatLate(now - Date.parse(t.due))))
  console.log('')
  console.log(upcoming.length ? `Upcoming (next ${days} days):` : `Upcoming (next ${days} days): none.`)
  for (const t of upcoming) console.log(line(t))
}

// ------------------------------------------------------------------------------------------------ repair

interface RepairField {
  rule: string
  parse(value: string): string | number | undefined
  set(ids: LedgerRecord['ids'], value: string | number | undefined): void
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const positive = (v: string) => (/^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : undefined)

/** The fields a repair may set: the identifiers a stuck step needs (see the README's "repair" section). */
function repairFields(): Record<string, RepairField> {
  const text = (pattern: RegExp) => (v: string) => (pattern.test(v) ? v : undefined)
  return {
    'github.login': {
      rule: 'must be a GitHub login',
      parse: text(LOGIN),
      set: (ids, v) => (ids.github = { ...ids.github, login: v as string | undefined }),
    },
    'github.id': {
      rule: 'must be a positive integer',
      parse: positive,
      set: (ids, v) => (ids.github = { ...ids.github, id: v as number | undefined }),
    },
    'github.invitation_id': {
      rule: 'must be a positive integer',
      parse: positive,
      set: (ids, v) => (ids.github = { ...ids.github, invitation_id: v as number | undefined }),
    },
    identity: {
      rule: 'must be the identity provider account id (letters, digits, - and _)',
      parse: text(/^[A-Za-z0-9_-]{1,100}$/),
      set: (ids, v) => (ids.identity = v as string | undefined),
    },
    'aws.user_name': {
      rule: 'must be an IAM user name [\\w+=,.@-]{1,64}',
      parse: text(/^[\w+=,.@-]{1,64}$/),
      set: (ids, v) => (ids.aws = { ...ids.aws, user_name: v as string | undefined }),
    },
    'slack.user_id': {
      rule: 'must be a Slack user id (U or W and letters or digits)',
      parse: text(/^[UW][A-Z0-9]{2,20}$/),
      set: (ids, v) => (ids.slack = { ...ids.slack, user_id: v as string | undefined }),
    },
  }
}

/** The change a repair makes to `ids`, checked: unknown fields and bad values name the field and the rule. */
export function repairChange(sets: string[], unsets: string[]): (ids: LedgerRecord['ids']) => void {
  const fields = repairFields()
  const changes: [RepairField, string | number | undefined][] = []
  for (const s of sets) {
    const eq = s.indexOf('=')
    const name = eq > 0 ? s.slice(0, eq) : s
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined
    if (!field) throw new CliError(`--set: the field must be one of ${Object.keys(fields).join(', ')}`)
    if (eq <= 0) throw new CliError(`--set ${name}: must be ${name}=<value>`)
    const value = field.parse(s.slice(eq + 1))
    if (value === undefined) throw new CliError(`--set ${name}: ${field.rule}`)
    changes.push([field, value])
  }
  for (const name of unsets) {
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined
    if (!field) throw new CliError(`--unset: the field must be one of ${Object.keys(fields).join(', ')}`)
    changes.push([field, undefined])
  }
  if (!changes.length) throw new CliError(`repair: nothing to change (--set or --unset)\n${USAGE}`)
  return (ids) => {
    for (const [field, value] of changes) field.set(ids, value)
    // Explicit undefineds are dropped, as the ledger stores JSON.
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
      const v = ids[key]
      if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) if (x === undefined) delete (v as Record<string, unknown>)[k]
      if (v === undefined) delete ids[key]
    }
  }
}

async function repair(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      state: { type: 'string', default: 'sandbox' },
      set: { type: 'string', multiple: true, default: [] },
      unset: { type: 'string', multiple: true, default: [] },
      apply: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  })
  if (positionals.length > 1) throw new CliError(`one employee id at a time\n${USAGE}`)
  const id = employeeId(positionals[0])
  const change = repairChange(values.set, values.unset)
  const state = await openState(values.state)
  try {
    const record = await state.ledger.get(id)
    if (!record) throw new CliError(`no ledger record for this employee id in ${state.description}`)
    const next = structuredClone(record)
    change(next.ids)
    const before = JSON.stringify(record.ids)
    const after = JSON.stringify(next.ids)
    console.log(`ids before: ${before}`)
    console.log(`ids after:  ${after}`)
    if (before === after) {
      console.log('Nothing to change.')
      return
    }
    if (!values.apply) {
      console.log(`Not written: rerun with --apply to write it to ${state.description}.`)
      return
    }
    const stamp = new Date().toISOString().replace(/[^0-9TZ]/g, '')
    await state.ledger.update(id, (r) => change(r.ids), { event: `repair/${stamp}`, step: 'repair' })
    console.log(`Written to ${state.description}.`)
  } finally {
    await state.close()
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof UserError) console.error(`onramp: ${error.message}`)
  else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    console.error(`onramp: ${(error as Error).message}\n${USAGE}`)
  else console.error(error)
  process.exitCode = 1
})
