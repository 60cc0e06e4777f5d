// `pnpm onramp` as a person runs it: spawned, in a repository of its own whose role map changed since its last
// commit, against a file: ledger in a temp dir. Ids in, ids out: names and emails never printed unless asked.
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type AccessPlan, formatLocal, loadAccess, roleItems } from '@onramp/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const onramp = new URL('../..', import.meta.url).pathname
const ATHENA = 'arn:aws:iam::aws:policy/AmazonAthenaFullAccess'
const NAME = 'Jamie Doe'
const EMAIL = 'jamie.doe@acme.com'
let repo: string
let state: string

function cli(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', join(onramp, 'scripts/register-ts.mjs'), join(onramp, 'scripts/onramp.ts'), ...args],
    { cwd: repo, encoding: 'utf8', timeout: 60_000 },
  )
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The same, without blocking this process (a test server must answer it). */
function cliWith(env: Record<string, string>, ...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', join(onramp, 'scripts/register-ts.mjs'), join(onramp, 'scripts/onramp.ts'), ...args],
      { cwd: repo, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

const recordFile = (id: string) => join(state, 'people', `${id}.json`)
const readRecord = (id: string) => JSON.parse(readFileSync(recordFile(id), 'utf8'))

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'onramp-cli-'))
  cpSync(join(onramp, '.github/access'), join(repo, '.github/access'), { recursive: true })
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' })
  git('init', '-q', '-b', 'main')
  git('-c', 'user.name=onramp', '-c', 'user.email=onramp@example.com', 'commit', '-q', '--allow-empty', '-m', 'start')
  git('-c', 'user.name=onramp', '-c', 'user.email=onramp@example.com', 'add', '.')
  git('-c', 'user.name=onramp', '-c', 'user.email=onramp@example.com', 'commit', '-qm', 'access files')
  // The working tree's change: backend-engineer gains a team, data-analyst loses the Athena policy.
  const rolesFile = join(repo, '.github/access/roles.yaml')
  const roles = readFileSync(rolesFile, 'utf8')
  const edited = roles
    .replace(
      '        - { slug: backend, role: member }',
      '        - { slug: backend, role: member }\n        - platform',
    )
    .replace(`        - ${ATHENA}\n`, '')
  expect(edited).not.toBe(roles)
  writeFileSync(rolesFile, edited)

  const { roles: map } = loadAccess({
    rolesFile: join(onramp, '.github/access/roles.yaml'),
    guardrailsFile: join(onramp, '.github/access/guardrails.yaml'),
  })
  state = mkdtempSync(join(tmpdir(), 'onramp-cli-state-'))
  mkdirSync(join(state, 'people'))
  const person = (id: string, role: string, status = 'active') => ({
    employee_id: id,
    status,
    role,
    person: { name: NAME, email: EMAIL },
    ids: { github: { login: 'jamie-doe-dev', id: 583231 }, aws: { user_name: 'jamie.doe+e1042' } },
    granted: roleItems(map.roles[role]),
    last_event: {
      event_id: `hr-${id}`,
      type: 'onboard',
      occurred_at: '2026-11-20T09:15:00Z',
      role,
      payload: { email: EMAIL },
    },
    steps: { github: { result: 'changed', verified: true, at: '2026-11-20T09:16:00Z', event_id: `hr-${id}` } },
    notified: {},
  })
  for (const r of [
    person('E1042', 'backend-engineer'),
    person('E2001', 'data-analyst'),
    person('E2002', 'data-analyst'),
    person('E3001', 'designer'),
    person('E9001', 'data-analyst', 'offboarded'),
  ])
    writeFileSync(recordFile(r.employee_id), JSON.stringify(r))
})
afterAll(() => {
  rmSync(repo, { recursive: true, force: true })
  rmSync(state, { recursive: true, force: true })
})

describe('pnpm onramp plan', { timeout: 120_000 }, () => {
  it('prints the plan of the working tree against the base commit and the ledger; writes it as JSON', () => {
    const out = join(state, 'plan.json')
    const r = cli('plan', '--base', 'HEAD', '--state', `file:${state}`, '--json', out)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`Base: HEAD. Ledger: file:${state}.`)
    expect(r.stdout).toContain('| backend-engineer | GitHub | `team:platform` | – |')
    expect(r.stdout).toContain(`| data-analyst | AWS | – | \`policy:${ATHENA}\` |`)
    expect(r.stdout).toContain('| E2001 | data-analyst | – | `policy:arn:aws:iam::aws:policy/AmazonAthenaFullAccess` |')
    // Two of four managed people lose a policy: over the 25% share, so the guard says what to do.
    expect(r.stdout).toContain('⛔ **Guard: over the limit, nothing would change.** 2 removals (limit 100); 50%')
    expect(r.stdout).toMatch(/one-off allowance of 2 removals/)
    for (const p of [NAME, EMAIL, 'jamie.doe+e1042']) expect(r.stdout + r.stderr).not.toContain(p)
    const allowed = cli('plan', '--base', 'HEAD', '--state', `file:${state}`, '--allowance', '2')
    expect(allowed.stdout).toContain('✅ **Guard: within limits.**')
    expect(cli('plan', '--base', 'HEAD', '--state', `file:${state}`, '--allowance', 'lots').stderr.trim()).toBe(
      'onramp: --allowance: must be a whole number of removals (0-999999)',
    )
    const plan = JSON.parse(readFileSync(out, 'utf8')) as AccessPlan
    expect(plan.people.map((p) => p.employee_id)).toEqual(['E1042', 'E2001', 'E2002'])
    expect(plan.counts).toMatchObject({ managed: 4, affected: 3, add: 1, remove: 2 })
    expect(plan.guard).toMatchObject({ ok: false, removals: 2, share: 0.5 })
  })

  it('a base without access files: every role item is new; a bad ref is one line naming the option', () => {
    const first = cli('plan', '--base', 'HEAD~1', '--state', `file:${join(state, 'empty')}`)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('Base: HEAD~1 (no access files there: every item is new).')
    expect(first.stdout).toContain('| designer | GitHub | `team:design-system` | – |')
    expect(first.stdout).toContain('0 of 0 managed people change')
    const bad = cli('plan', '--base', 'no-such-branch', '--state', `file:${state}`)
    expect(bad.code).toBe(1)
    expect(bad.stderr.trim()).toBe('onramp: --base: not a commit of this repository')
    const state2 = cli('plan', '--base', 'HEAD', '--state', 'ftp:x')
    expect(state2.code).toBe(1)
    expect(state2.stderr).toContain('--state: must be sandbox, file:<dir> or github:<owner>/<repo>')
  })
})

describe('pnpm onramp plan, default ledger', { timeout: 120_000 }, () => {
  it('reads the ledger of a sandbox started for the run (empty: it knows nobody), through the github backend', () => {
    const r = cli('plan', '--base', 'HEAD')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain("Ledger: the sandbox's (acme/people-ops@onramp-state")
    expect(r.stdout).toContain('0 of 0 managed people change')
    expect(r.stdout).toContain('| backend-engineer | GitHub | `team:platform` | – |')
  })

  it('a state repository it may not read: the plan of the map, saying the people are missing and why', async () => {
    // A GitHub that refuses the token (401), as for a pull request from a fork without secrets.
    const server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: 'Bad credentials' }))
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const { port } = server.address() as AddressInfo
    try {
      const r = await cliWith(
        { GITHUB_TOKEN: 'ghs_refused', GITHUB_API_URL: `http://127.0.0.1:${port}` },
        'plan',
        '--base',
        'HEAD',
        '--state',
        'github:acme/people-ops',
      )
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toContain(
        '⚠️ Not read, so people and counts are partial: the ledger (github:acme/people-ops@onramp-state): HTTP 401.',
      )
      expect(r.stdout).toContain('| backend-engineer | GitHub | `team:platform` | – |')
      expect(r.stdout + r.stderr).not.toContain('ghs_refused')
    } finally {
      server.close()
    }
    const noToken = await cliWith({ GITHUB_TOKEN: '' }, 'plan', '--base', 'HEAD', '--state', 'github:acme/people-ops')
    expect(noToken.code).toBe(1)
    expect(noToken.stderr).toContain('GITHUB_TOKEN: required for --state github:<owner>/<repo>')
  })
})

describe('pnpm onramp status', { timeout: 120_000 }, () => {
  it('one record: ids, steps, granted, events by id; names, emails, payloads and the IAM user name withheld', () => {
    const r = cli('status', 'E1042', '--state', `file:${state}`)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('E1042: active, role backend-engineer')
    expect(r.stdout).toContain('last event applied: onboard hr-E1042 at 2026-11-20T09:15:00Z (backend-engineer)')
    expect(r.stdout).toContain('github: changed, verified at 2026-11-20T09:16:00Z for hr-E1042')
    expect(r.stdout).toContain('  github: team:backend, team:engineering')
    expect(r.stdout).toContain('"login":"jamie-doe-dev"')
    for (const p of [NAME, EMAIL, 'jamie.doe+e1042']) expect(r.stdout + r.stderr).not.toContain(p)
    const shown = cli('status', 'E1042', '--state', `file:${state}`, '--show-personal', '--json')
    expect(shown.code, shown.stderr).toBe(0)
    expect(JSON.parse(shown.stdout)).toEqual(readRecord('E1042'))
  })

  it('no such person, or not an employee id: one line, exit 1', () => {
    expect(cli('status', 'E0000', '--state', `file:${state}`)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('onramp: no ledger record for this employee id'),
    })
    const bad = cli('status', '../etc', '--state', `file:${state}`)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('employee id: must be 1-64 of')
    expect(bad.stderr).not.toContain('../etc')
  })
})

describe('pnpm onramp tasks', { timeout: 120_000 }, () => {
  const HOUR = 3_600_000
  const DAY = 24 * HOUR
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  let dir: string
  let guardrails: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'onramp-cli-tasks-'))
    mkdirSync(join(dir, 'people'))
    const record = (id: string, schedule: object[]) => ({
      employee_id: id,
      status: 'active',
      role: 'backend-engineer',
      person: { name: NAME, email: EMAIL },
      ids: {},
      steps: {},
      notified: {},
      last_event: { event_id: `hr-${id}`, type: 'onboard', occurred_at: '2026-11-20T09:15:00Z' },
      schedule,
    })
    const task = (step: string, why: string, due: number, done = false) => ({
      step,
      why,
      due: iso(due),
      event_id: 'hr-x',
      ...(done ? { done_at: iso(due), late_ms: 0 } : {}),
    })
    const records = [
      record('E7002', [task('github', 'start', now + 3 * DAY), task('aws', 'delete', now + 20 * DAY)]),
      record('E7001', [task('github', 'start', now + 3 * DAY), task('identity', 'start', now - 2 * HOUR)]),
      record('E7003', [task('notify', 'welcome', now - DAY, true)]),
    ]
    for (const r of records) writeFileSync(join(dir, 'people', `${r.employee_id}.json`), JSON.stringify(r))
    guardrails = join(dir, 'guardrails.yaml')
    writeFileSync(
      guardrails,
      `${readFileSync(join(onramp, '.github/access/guardrails.yaml'), 'utf8')}\ndates:\n  time-zone: Asia/Tokyo\n`,
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const local = (ms: number) => formatLocal(ms, 'Asia/Tokyo')

  it('overdue and upcoming tasks by date then employee id, in the org time zone; ids only', () => {
    const r = cli('tasks', '--state', `file:${dir}`, '--guardrails', guardrails)
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.split('\n')
    const at = (text: string) => lines.indexOf(text)
    const overdue = at('Overdue (due and not done: the next scheduled run does them, unless the step keeps failing):')
    expect(overdue).toBeGreaterThan(0)
    // Two hours, and however long the command took to start.
    expect(lines[overdue + 1]).toMatch(
      new RegExp(`^  ${local(now - 2 * HOUR)}  E7001  identity \\(start\\), due 2 h( \\d+ min)? ago$`),
    )
    const upcoming = at('Upcoming (next 14 days):')
    expect(upcoming).toBeGreaterThan(0)
    expect(lines.slice(upcoming + 1, upcoming + 3)).toEqual([
      `  ${local(now + 3 * DAY)}  E7001  github (start)`,
      `  ${local(now + 3 * DAY)}  E7002  github (start)`,
    ])
    expect(r.stdout).not.toContain('aws (delete)') // 20 days out
    expect(r.stdout).not.toContain('E7003') // done
    for (const p of [NAME, EMAIL]) expect(r.stdout + r.stderr).not.toContain(p)

    const wide = cli('tasks', '--state', `file:${dir}`, '--guardrails', guardrails, '--days', '30', '--json')
    expect(wide.code, wide.stderr).toBe(0)
    const json = JSON.parse(wide.stdout)
    expect(json).toMatchObject({ time_zone: 'Asia/Tokyo', days: 30 })
    expect(json.overdue.map((t: { employee_id: string }) => t.employee_id)).toEqual(['E7001'])
    expect(json.upcoming.map((t: { employee_id: string; step: string }) => `${t.employee_id} ${t.step}`)).toEqual([
      'E7001 github',
      'E7002 github',
      'E7002 aws',
    ])
    expect(json.upcoming[2].local).toBe(local(now + 20 * DAY))
    for (const p of [NAME, EMAIL]) expect(wide.stdout).not.toContain(p)
  })

  it('a bad --days names the option and the rule, not the value', () => {
    const r = cli('tasks', '--state', `file:${dir}`, '--days', 'soon')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('--days: must be a whole number of days')
    expect(r.stderr).not.toContain('soon')
  })
})

describe('pnpm onramp repair', { timeout: 120_000 }, () => {
  it('prints the change and writes nothing without --apply; writes it with --apply', () => {
    const before = readFileSync(recordFile('E1042'), 'utf8')
    const dry = cli(
      'repair',
      'E1042',
      '--set',
      'github.login=jamie-renamed',
      '--unset',
      'github.id',
      '--state',
      `file:${state}`,
    )
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('ids after:  {"github":{"login":"jamie-renamed"}')
    expect(dry.stdout).toContain('Not written: rerun with --apply')
    expect(readFileSync(recordFile('E1042'), 'utf8')).toBe(before)

    const applied = cli(
      'repair',
      'E1042',
      '--set',
      'github.login=jamie-renamed',
      '--unset',
      'github.id',
      '--apply',
      '--state',
      `file:${state}`,
    )
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.stdout).toContain(`Written to file:${state}.`)
    const record = readRecord('E1042')
    expect(record.ids.github).toEqual({ login: 'jamie-renamed' })
    expect(record.granted).toEqual(JSON.parse(before).granted)
    const again = cli('repair', 'E1042', '--set', 'github.login=jamie-renamed', '--apply', '--state', `file:${state}`)
    expect(again.stdout).toContain('Nothing to change.')
  })

  it('a bad value or an unknown field names the field and the rule, never the value; nothing is written', () => {
    const before = readFileSync(recordFile('E2001'), 'utf8')
    const bad = cli('repair', 'E2001', '--set', 'github.login=-evil<script>', '--apply', '--state', `file:${state}`)
    expect(bad.code).toBe(1)
    expect(bad.stderr.trim()).toBe('onramp: --set github.login: must be a GitHub login')
    const unknown = cli('repair', 'E2001', '--set', 'status=active', '--apply', '--state', `file:${state}`)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('--set: the field must be one of github.login, github.id')
    expect(readFileSync(recordFile('E2001'), 'utf8')).toBe(before)
  })
})
