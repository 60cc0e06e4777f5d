import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { fixtures } from './helpers.js'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url))

function runCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  })
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'onramp-runner-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('cli (node --import tsx)', () => {
  it('runs a workflow, prints progress and summaries, and masks secrets', () => {
    const event = path.join(dir, 'event.json')
    writeFileSync(event, JSON.stringify({ inputs: { 'employee-id': 'E-7' } }))
    const result = runCli([
      path.join(fixtures, 'workflows/outputs.yml'),
      '--event',
      event,
      '--repo-root',
      fixtures,
      '--secret',
      'API_TOKEN=role-E-7',
    ])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('▶ outputs and env (workflows/outputs.yml) on workflow_dispatch')
    expect(result.stdout).toMatch(/\[provision\] ■ job provision: success \d/)
    expect(result.stdout).toMatch(/\[grant\] {3}✓ Run \.\/actions\/echo {2}success {2}\d/)
    expect(result.stdout).toContain('──── summary: provision (provision) ────\n### echo ***\n')
    expect(result.stdout).not.toContain('role-E-7')
    expect(result.stdout).toMatch(/■ success in/)
  })

  it('--environment-secret reaches only the jobs naming the environment; a malformed one is refused unechoed', () => {
    const result = runCli([
      path.join(fixtures, 'workflows/environments.yml'),
      '--event-name',
      'push',
      '--repo-root',
      fixtures,
      '--environment-secret',
      'notify:SLACK_TOKEN=xoxb-cli-123',
      '--environment-secret',
      'guarded:UNUSED=x',
    ])
    expect(result.stdout).not.toContain('xoxb-cli-123')
    // guarded has no reviewers here (the CLI declares none), so every job runs.
    expect(result.status).toBe(0)
    const bad = runCli([
      path.join(fixtures, 'workflows/environments.yml'),
      '--event-name',
      'push',
      '--environment-secret',
      'NOCOLON-sekrit',
    ])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--environment-secret expects ENVIRONMENT:NAME=value')
    expect(bad.stderr).not.toContain('sekrit')
  })

  it('exits 2 with a clear message for unsupported workflows', () => {
    const workflow = path.join(dir, 'matrix.yml')
    writeFileSync(
      workflow,
      'on: push\njobs:\n  m:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        x: [1]\n    steps:\n      - run: echo\n',
    )
    const result = runCli([workflow, '--event-name', 'push', '--repo-root', fixtures])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('unsupported: jobs.m.strategy')
  })
})
