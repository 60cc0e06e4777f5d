// A pull_request run: the github context of a pull request, a checkout of the base commit at the root and of
// the head's files alone (sparse) at a path, a GITHUB_TOKEN per job holding that job's permissions, and
// actions/upload-artifact keeping the file where the test can read it.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkout, type ProgressEvent, runWorkflow, uploadArtifact } from '../src/index.js'

const PIN = '08c6903cd8c0fde910a37f88322edcfb5dd907a8'
const WORKFLOW = `name: pr
on:
  pull_request:
    paths: ['data/**']
permissions: {}
jobs:
  look:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    outputs:
      commit: \${{ steps.head.outputs.commit }}
    steps:
      - uses: actions/checkout@${PIN} # v5.0.0
        with:
          ref: \${{ github.event.pull_request.base.sha }}
          persist-credentials: false
      - id: head
        uses: actions/checkout@${PIN} # v5.0.0
        with:
          ref: \${{ github.event.pull_request.head.sha }}
          path: .head
          sparse-checkout: data
          persist-credentials: false
      - run: |
          echo "base=$(cat data/value.txt) head=$(cat .head/data/value.txt) ref=$GITHUB_REF base_ref=$GITHUB_BASE_REF head_ref=$GITHUB_HEAD_REF"
          test ! -e .head/tools/script.sh
          test -e .head/top.txt
          cat .head/data/value.txt > result.txt
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2
        with:
          name: result
          path: result.txt
  other:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - run: echo other
`

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
}

function repository(): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), 'onramp-pr-'))
  git(dir, 'init', '-q', '-b', 'main')
  git(dir, 'config', 'user.email', 'ci@example.com')
  git(dir, 'config', 'user.name', 'ci')
  mkdirSync(join(dir, '.github/workflows'), { recursive: true })
  mkdirSync(join(dir, 'data'))
  writeFileSync(join(dir, '.github/workflows/pr.yml'), WORKFLOW)
  writeFileSync(join(dir, 'data/value.txt'), 'one\n')
  writeFileSync(join(dir, 'top.txt'), 'top\n')
  git(dir, 'add', '.')
  git(dir, 'commit', '-qm', 'base')
  const base = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-qb', 'change')
  writeFileSync(join(dir, 'data/value.txt'), 'two\n')
  mkdirSync(join(dir, 'tools'))
  writeFileSync(join(dir, 'tools/script.sh'), 'echo the head would run this\n')
  git(dir, 'add', '.')
  git(dir, 'commit', '-qm', 'head')
  const head = git(dir, 'rev-parse', 'HEAD')
  git(dir, 'checkout', '-q', base)
  return { dir, base, head }
}

describe('runner: a pull_request run', () => {
  it('checks out the base at the root and only the head’s sparse files at a path; one token per job', async () => {
    const { dir, base, head } = repository()
    const artifacts = mkdtempSync(join(tmpdir(), 'onramp-artifacts-'))
    const lines: string[] = []
    const tokens: { id: string; permissions: unknown; token: string }[] = []
    const result = await runWorkflow({
      workflowFile: '.github/workflows/pr.yml',
      repoRoot: dir,
      eventName: 'pull_request',
      event: {
        action: 'synchronize',
        number: 12,
        pull_request: { number: 12, base: { ref: 'main', sha: base }, head: { ref: 'change', sha: head } },
      },
      github: {
        repository: 'acme/data',
        runId: '77',
        jobToken: ({ id, permissions }) => {
          const token = `ghs_job_${id}_token`
          tokens.push({ id, permissions, token })
          return token
        },
      },
      standIns: { 'actions/checkout': checkout, 'actions/upload-artifact': uploadArtifact(artifacts) },
      onProgress: (e: ProgressEvent) => {
        if (e.type === 'log') lines.push(e.line)
      },
    })
    expect(result.conclusion).toBe('success')
    expect(lines.join('\n')).toContain('base=one head=two ref=refs/pull/12/merge base_ref=main head_ref=change')
    expect(result.jobs.look!.outputs.commit).toBe(head)
    expect(readFileSync(join(artifacts, 'result', 'result.txt'), 'utf8')).toBe('two\n')
    expect(tokens.map((t) => [t.id, t.permissions]).sort()).toEqual([
      ['look', { contents: 'read', 'pull-requests': 'write' }],
      ['other', { contents: 'read' }],
    ])
    expect(lines.join('\n')).not.toMatch(/ghs_job_/)

    // The next push: the same path gets the new head's files.
    git(dir, 'checkout', '-q', 'change')
    writeFileSync(join(dir, 'data/value.txt'), 'three\n')
    git(dir, 'commit', '-qam', 'again')
    const next = git(dir, 'rev-parse', 'HEAD')
    git(dir, 'checkout', '-q', base)
    const nextArtifacts = mkdtempSync(join(tmpdir(), 'onramp-artifacts-'))
    const again = await runWorkflow({
      workflowFile: '.github/workflows/pr.yml',
      repoRoot: dir,
      eventName: 'pull_request',
      event: { number: 12, pull_request: { number: 12, base: { ref: 'main', sha: base }, head: { sha: next } } },
      github: { repository: 'acme/data', runId: '78' },
      standIns: { 'actions/checkout': checkout, 'actions/upload-artifact': uploadArtifact(nextArtifacts) },
    })
    expect(again.conclusion).toBe('success')
    expect(readFileSync(join(nextArtifacts, 'result', 'result.txt'), 'utf8')).toBe('three\n')
    expect(existsSync(join(dir, '.head', '.onramp-checkout'))).toBe(true)
  })

  it('refuses a root checkout of a commit the workspace does not hold, and a second artifact of one name', async () => {
    const { dir, head } = repository()
    const refused = await runWorkflow({
      workflowFile: '.github/workflows/pr.yml',
      repoRoot: dir,
      eventName: 'pull_request',
      event: { number: 1, pull_request: { number: 1, base: { ref: 'main', sha: head }, head: { sha: head } } },
      standIns: { 'actions/checkout': checkout, 'actions/upload-artifact': uploadArtifact(tmpdir()) },
    })
    expect(refused.jobs.look!.steps[0]!.error).toMatch(/the workspace holds [0-9a-f]{40}, not [0-9a-f]{40}/)

    const store = mkdtempSync(join(tmpdir(), 'onramp-artifacts-'))
    writeFileSync(join(dir, 'x.txt'), 'x')
    const upload = uploadArtifact(store)
    const ctx = {
      jobId: 'j',
      stepId: 's',
      github: { run_id: '5', repository: 'acme/data', server_url: 'https://github.com' },
      env: {},
      workspace: dir,
      runnerTemp: tmpdir(),
      secrets: {},
      repoRoot: dir,
      repositories: {},
      addMask: () => {},
      log: () => {},
    }
    expect((await upload({ name: 'plan', path: 'x.txt' }, ctx)).outputs?.['artifact-id']).toBe('1')
    await expect(upload({ name: 'plan', path: 'x.txt' }, ctx)).rejects.toThrow(/already exists/)
    await expect(upload({ name: 'none', path: 'missing.txt', 'if-no-files-found': 'error' }, ctx)).rejects.toThrow(
      /No files were found/,
    )
  })
})
