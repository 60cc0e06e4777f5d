// `pnpm onramp` as a person runs it: spawned, in a repository of its own whose role map changed since its last
// commit, against a file: ledger in a temp dir. Ids in, ids out: names and emails never printed unless asked.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type AccessPlan, loadAccess, roleItems } from '@onramp/core'
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
