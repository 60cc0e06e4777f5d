// access-plan.yml end to end, through the local runner and the sandbox: a pull request that adds a team to one
// role and drops a policy from another, in a repository whose base commit holds onramp's plan action. Three
// people of two roles are in the ledger (the state branch); the plan names exactly the affected employee ids per
// system, in one comment that a second push updates. A run without secrets (a pull request from a fork) still
// plans the role diff and says what it could not read. The head's code is never run: only its access files.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ADDED_TEAM,
  changedRoles,
  DROPPED_POLICY,
  runInSandbox,
  SANDBOX_REPOSITORY,
  sandboxEnvironments,
} from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordOnboarded, repoRoot } from '../support/harness.js'

const PR = 12
const { owner, name } = SANDBOX_REPOSITORY
const PEOPLE = { E2001: 'backend-engineer', E2002: 'backend-engineer', E2003: 'data-analyst' }
const PERSONAL = /Jamie|Doe|jamie\.doe@acme\.com/
const MARKER = '<!-- onramp:plan -->'

/** The run's artifact, wherever the upload-artifact stand-in keeps it under its folder. */
function findFile(dir: string, file: string): string {
  const found = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith(file))
  if (found.length !== 1) throw new Error(`expected one ${file} among the artifacts, found ${found.length}`)
  return join(dir, found[0]!)
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

/** A repository holding the workflow, the access files and the built plan action; the pull request's branch. */
function pullRequestRepository() {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-pr-repo-'))
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'config', 'user.email', 'ci@example.com')
  git(dir, 'config', 'user.name', 'ci')
  for (const path of [
    '.github/workflows/access-plan.yml',
    '.github/access',
    'actions/plan/action.yml',
    'actions/plan/dist',
  ])
    cpSync(join(repoRoot, path), join(dir, path), { recursive: true })
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'base')
  const base = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-qb', 'roles-change')
  const push = (roles: string, extra?: () => void) => {
    git(dir, 'checkout', '-q', 'roles-change')
    writeFileSync(join(dir, '.github/access/roles.yaml'), roles)
    extra?.()
    git(dir, 'add', '.github', 'actions')
    git(dir, 'commit', '-qm', 'change the role map')
    const head = git(dir, 'rev-parse', 'HEAD')
    git(dir, 'checkout', '-q', base) // the workspace holds the base: the code that runs
    return head
  }
  return { dir, base, push }
}

describe('access-plan.yml: the plan on a pull request to the role map', () => {
  let sandbox: Sandbox
  let repo: ReturnType<typeof pullRequestRepository>
  let runs = 0

  beforeAll(async () => {
    sandbox = await startSandbox({
      roles: join(repoRoot, '.github/access/roles.yaml'),
      guardrails: join(repoRoot, '.github/access/guardrails.yaml'),
      seed: {
        github: {
          repos: [{ owner, name, default_branch: 'main' }],
          pullRequests: [{ owner, repo: name, number: PR, head: 'roles-change', base: 'main' }],
        },
      },
    })
    // Three people onboarded (the sample onboard, recorded as applied), in the ledger's state branch.
    const state = mkdtempSync(join(tmpdir(), 'onramp-state-'))
    for (const [id, role] of Object.entries(PEOPLE)) {
      await recordOnboarded(state, id, role)
      const text = readFileSync(join(state, 'people', `${id}.json`), 'utf8')
      sandbox.emulators.github.emulator.putFile(owner, name, `people/${id}.json`, text, 'onramp-state')
    }
    repo = pullRequestRepository()
  })
  afterAll(() => sandbox.close())

  async function plan(head: string, options: { fork?: boolean } = {}) {
    runs += 1
    const artifacts = mkdtempSync(join(tmpdir(), 'onramp-artifacts-'))
    const runId = String(9100 + runs)
    const lines: string[] = []
    const environments = sandboxEnvironments(sandbox)
    // A pull request from a fork: GitHub gives the run no secrets, its environment's included.
    if (options.fork) environments['onramp-plan'] = { secrets: {} }
    const result = await runInSandbox(sandbox, {
      repoRoot: repo.dir,
      workflowFile: '.github/workflows/access-plan.yml',
      eventName: 'pull_request',
      event: {
        action: runs === 1 ? 'opened' : 'synchronize',
        number: PR,
        pull_request: {
          number: PR,
          base: { ref: 'main', sha: repo.base, repo: { full_name: `${owner}/${name}` } },
          head: {
            ref: 'roles-change',
            sha: head,
            repo: { full_name: options.fork ? `someone/${name}` : `${owner}/${name}` },
          },
        },
      },
      runId,
      environments,
      artifactsDir: artifacts,
      onProgress: (e) => lines.push(JSON.stringify(e)),
    })
    const planFile = findFile(artifacts, 'onramp-access-plan.json')
    return { result, output: lines.join('\n') + JSON.stringify(result), planFile }
  }
  const comments = () => sandbox.emulators.github.emulator.issueComments(owner, name, PR)
  const affected = (json: any, system: string, side: 'add' | 'remove', item: string) =>
    json.people
      .filter((p: any) => p.systems[system]?.[side]?.includes(item))
      .map((p: any) => p.employee_id)
      .sort()

  it('names exactly the affected employee ids per system, in one comment, from the base commit’s code', async () => {
    // The head also carries a changed copy of the action: it must never run.
    const head = repo.push(changedRoles(repoRoot), () => {
      writeFileSync(join(repo.dir, 'actions/plan/dist/index.js'), 'process.exit(42)\n')
    })
    const { result, output, planFile } = await plan(head)
    expect(result.conclusion, output.slice(-3000)).toBe('success')
    const json = JSON.parse(readFileSync(planFile, 'utf8'))
    expect(affected(json, 'github', 'add', ADDED_TEAM)).toEqual(['E2001', 'E2002'])
    expect(affected(json, 'aws', 'remove', DROPPED_POLICY)).toEqual(['E2003'])
    expect(json.people.map((p: any) => p.employee_id)).toEqual(['E2001', 'E2002', 'E2003'])
    expect(json.counts).toMatchObject({ managed: 3, affected: 3 })
    expect(json.unreadable).toBeUndefined()

    const posted = comments()
    expect(posted).toHaveLength(1)
    expect(posted[0]!.login).toBe('github-actions[bot]')
    expect(posted[0]!.body.startsWith(MARKER)).toBe(true)
    for (const id of Object.keys(PEOPLE)) expect(posted[0]!.body).toContain(id)
    expect(result.jobs.plan!.summary).toContain('E2003')
    // The ledger's names and emails never reach the comment, the summary, the plan or the log.
    for (const text of [posted[0]!.body, JSON.stringify(json), output]) expect(text).not.toMatch(PERSONAL)
    // The head's copy of the action exits 42; the run succeeded, so the base commit's ran.
    expect(result.jobs.plan!.steps.find((s) => s.id === 'plan')!.outcome).toBe('success')
  })

  it('a second push updates the one comment: same comment, new body', async () => {
    const first = comments()[0]!
    const head = repo.push(
      changedRoles(repoRoot).replace('        - platform\n', '        - platform\n        - sre\n'),
    )
    const { result, output, planFile } = await plan(head)
    expect(result.conclusion, output.slice(-3000)).toBe('success')
    expect(affected(JSON.parse(readFileSync(planFile, 'utf8')), 'github', 'add', 'team:sre')).toEqual([
      'E2001',
      'E2002',
    ])
    const now = comments()
    expect(now).toHaveLength(1)
    expect(now[0]!.id).toBe(first.id)
    expect(now[0]!.body).not.toBe(first.body)
    expect(now[0]!.body).toContain('team:sre')
  })

  it('a run without secrets (a fork) plans the role diff and says it could not read the ledger', async () => {
    const head = repo.push(changedRoles(repoRoot))
    const { result, output, planFile } = await plan(head, { fork: true })
    expect(result.conclusion, output.slice(-3000)).toBe('success')
    const tokenStep = result.jobs.plan!.steps.find((s) => s.id === 'state-token')!
    expect(tokenStep.outcome).toBe('skipped')
    const json = JSON.parse(readFileSync(planFile, 'utf8'))
    expect(json.roles['backend-engineer'].github.add).toEqual([ADDED_TEAM])
    expect(json.roles['data-analyst'].aws.remove).toEqual([DROPPED_POLICY])
    expect(json.people).toEqual([])
    expect(json.unreadable.join(' ')).toMatch(/ledger/)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]!.body).toMatch(/ledger/)
  })
})
