// Every `npm run demo` command the README shows, run as written from the repository root: each must succeed.
// And the demo's bad input: one line naming the file and the rule, exit code 1, no stack trace. The demo's
// sandbox runs on the tests' time scale (ONRAMP_SANDBOX_TIME_SCALE), so no run waits real seconds.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADDED_TEAM, DROPPED_POLICY } from '@onramp/runner'
import { describe, expect, it } from 'vitest'
import { TEST_TIME_SCALE } from '../support/harness.js'

const root = new URL('../..', import.meta.url).pathname
const readme = readFileSync(join(root, 'README.md'), 'utf8')

/** `npm run demo …` from shell blocks (comments dropped) and from inline code, each once. */
function demoCommands(text: string): string[] {
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'))
  const inline = [...text.matchAll(/`(npm run demo[^`]*)`/g)].map((m) => m[1]!)
  const lines = [...blocks.filter((l) => l.startsWith('npm run demo')), ...inline]
  return [...new Set(lines.map((l) => l.replace(/\s+#.*$/, '').trim()))]
}

function sh(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('sh', ['-c', command], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ONRAMP_SANDBOX_TIME_SCALE: String(TEST_TIME_SCALE) },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

const commands = demoCommands(readme)

/** What a scenario's report must hold: its findings by employee id, the runs' outcomes, every system's state. */
function expectScenarioReport(scenario: string, report: Record<string, any>) {
  expect(Object.keys(report.systems).sort()).toEqual(
    ['github', 'iam', 'identityStore', 'mail', 'okta', 'scim', 'slack', 'ssoAdmin'].sort(),
  )
  expect(report.runs.map((r: { conclusion: string }) => r.conclusion)).not.toContain('failure')
  if (scenario === 'dates') {
    expect(Object.keys(report.ledger).sort()).toEqual(['E2101', 'E2102'])
    const tasks: { employee_id: string; step: string; why: string; due: string; done_at: string | null }[] =
      report.dates.tasks
    // Every task of the joiner and the leaver done, none before it was due.
    expect(tasks.map((t) => `${t.employee_id} ${t.step} ${t.why}`).sort()).toEqual(
      [
        'E2101 identity leave',
        'E2101 github leave',
        'E2101 aws leave',
        'E2101 notify leave',
        'E2101 identity deactivate',
        'E2101 aws delete',
        'E2102 notify welcome',
        'E2102 github early',
        'E2102 identity start',
        'E2102 aws start',
        'E2102 notify start',
      ].sort(),
    )
    for (const t of tasks) expect(Date.parse(t.done_at!)).toBeGreaterThanOrEqual(Date.parse(t.due))
    // The welcome went to the hire's personal email; the manager heard what is ready.
    expect(report.dates.mail.map((m: { to: string[] }) => m.to[0])).toEqual(
      expect.arrayContaining(['sam.rivera@example.net', 'riley.manager@acme.com']),
    )
    // The leaver's IAM user deleted on its day; the hire's made on the start date.
    const users: string[] = report.systems.iam.users.map((u: { userName: string }) => u.userName)
    expect(users.some((u) => u.startsWith('lee.park'))).toBe(false)
    expect(users.some((u) => u.startsWith('sam.rivera'))).toBe(true)
    return
  }
  expect(Object.keys(report.ledger).sort()).toEqual(['E2001', 'E2002', 'E2003'])
  if (scenario === 'role-map-change') {
    // Backend engineers gain the team, the data analyst loses the policy; nobody else changes.
    expect(report.plan).toEqual([
      { employee_id: 'E2001', role: 'backend-engineer', systems: { github: { add: [ADDED_TEAM], remove: [] } } },
      { employee_id: 'E2002', role: 'backend-engineer', systems: { github: { add: [ADDED_TEAM], remove: [] } } },
      { employee_id: 'E2003', role: 'data-analyst', systems: { aws: { add: [], remove: [DROPPED_POLICY] } } },
    ])
    const platform = report.systems.github.teams.find((t: { slug: string }) => t.slug === 'platform')
    expect(Object.keys(platform.members).sort()).toEqual(['kim-dev', 'ola-dev'])
  } else {
    expect(Object.keys(report.drift).sort()).toEqual(['E2001', 'E2003'])
    expect(report.drift.E2001).toEqual({ github: ['team:backend'] })
    expect(report.drift.E2003.aws).toHaveLength(1)
    expect(report.driftAfterRepair).toEqual({})
  }
}

describe('README demo commands', () => {
  it('finds the commands the README shows', () => {
    expect(commands).toContain('npm run demo')
    expect(commands).toContain('npm run demo -- --event test/fixtures/events/role-change.json')
    expect(commands.some((c) => c.includes('--report'))).toBe(true)
    expect(commands).toContain('npm run demo -- --scenario role-map-change --report plan.json')
    expect(commands).toContain('npm run demo -- --scenario drift --report drift.json')
    expect(commands).toContain('npm run demo -- --scenario dates --report dates.json')
  })

  for (const command of commands) {
    it(`${command}`, async () => {
      const report = command.match(/--report (\S+)/)?.[1]
      try {
        const r = await sh(command)
        expect(r.stderr).not.toMatch(/\n\s+at /)
        expect(r.code, r.stdout + r.stderr).toBe(0)
        expect(r.stdout).toMatch(/API calls/)
        if (command.includes('role-change')) expect(r.stdout).toMatch(/running \S+onboard\.json first/)
        if (report) expect(JSON.parse(readFileSync(join(root, report), 'utf8')).runs.length).toBeGreaterThan(1)
        const scenario = command.match(/--scenario (\S+)/)?.[1]
        if (scenario) expectScenarioReport(scenario, JSON.parse(readFileSync(join(root, report!), 'utf8')))
      } finally {
        if (report) rmSync(join(root, report), { force: true })
      }
    }, 180_000)
  }
})

describe('demo input errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-demo-'))
  const unknownType = join(dir, 'promote.json')
  writeFileSync(unknownType, JSON.stringify({ action: 'promote', client_payload: { employee_id: 'E1' } }))

  for (const [args, line] of [
    ['--event no/such/event.json', 'demo: --event no/such/event.json: no such file'],
    [`--event ${unknownType}`, `demo: --event ${unknownType}: action must be one of onboard, role-change, offboard`],
    ['--scenario nope', 'demo: --scenario: must be one of role-map-change, drift, dates'],
    [
      '--evnt x',
      "demo: Unknown option '--evnt'; usage: npm run demo [-- --event <file> ... --scenario <name> --report <file> --access <dir> --verbose]",
    ],
  ]) {
    it(`npm run demo -- ${args}: one line, exit code 1`, async () => {
      const r = await sh(`npm run --silent demo -- ${args}`)
      expect(r.code).toBe(1)
      expect(r.stderr.trim()).toBe(line)
      expect(existsSync(join(root, 'state.json'))).toBe(false)
    }, 60_000)
  }
})
