// A caller repository with nothing but its workflow calls another repository's reusable workflow and actions by
// reference (`owner/repo/.github/workflows/x.yml@ref`, `owner/repo/path@ref`), resolved to a local checkout.
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkout, type ProgressEvent, runWorkflow } from '../src/index.js'
import { fixtures } from './helpers.js'

const CALLER = `name: caller
on: push
permissions: {}
jobs:
  call:
    uses: acme/library/.github/workflows/greet.yml@v1
    with:
      who: \${{ github.actor }}
    secrets:
      GREETING_TOKEN: \${{ secrets.MY_TOKEN }}
  after:
    needs: call
    runs-on: ubuntu-latest
    steps:
      - id: show
        run: echo "role=$ROLE" >> "$GITHUB_OUTPUT"
        env:
          ROLE: \${{ needs.call.outputs.role }}
`

function callerRepo(workflow: string) {
  const dir = join(mkdtempSync(join(tmpdir(), 'onramp-caller-')), 'caller')
  mkdirSync(join(dir, '.github/workflows'), { recursive: true })
  writeFileSync(join(dir, '.github/workflows/caller.yml'), workflow)
  return dir
}

describe('reusable workflows by reference', () => {
  it('runs the called workflow with inputs and secrets; its outputs become the job outputs', async () => {
    const events: ProgressEvent[] = []
    const result = await runWorkflow({
      workflowFile: '.github/workflows/caller.yml',
      repoRoot: callerRepo(CALLER),
      eventName: 'push',
      event: {},
      secrets: { MY_TOKEN: 's3cret-value' },
      github: { actor: 'octo' },
      standIns: {},
      repositories: { 'acme/library': fixtures },
      onProgress: (e) => events.push(e),
    })
    expect(result.conclusion).toBe('success')
    // github.event_name in the called workflow is the caller's event, as on GitHub.
    expect(result.jobs.call!.outputs).toEqual({ role: 'greeted-octo-on-push' })
    expect(result.jobs.after!.steps[0]!.outputs).toEqual({ role: 'greeted-octo-on-push' })
    expect(events.some((e) => e.type === 'step-end' && e.job === 'call / echo')).toBe(true)
    expect(JSON.stringify(events)).not.toContain('s3cret-value')
  })

  it('refuses a call to a repository that is not mapped, before anything runs', async () => {
    await expect(
      runWorkflow({
        workflowFile: '.github/workflows/caller.yml',
        repoRoot: callerRepo(CALLER),
        eventName: 'push',
        event: {},
        standIns: {},
      }),
    ).rejects.toThrow(/jobs\.call\.uses acme\/library\/\.github\/workflows\/greet\.yml@v1/)
  })

  it('a called workflow checks out its own repository (job.workflow_*) and runs its `./` action from there', async () => {
    const caller = [
      'name: caller',
      'on: push',
      'permissions: {}',
      'jobs:',
      '  call:',
      '    uses: acme/library/.github/workflows/self-checkout.yml@v1',
      '',
    ].join('\n')
    const repoRoot = callerRepo(caller)
    const run = (repositories: Record<string, string>) =>
      runWorkflow({
        workflowFile: '.github/workflows/caller.yml',
        repoRoot,
        eventName: 'push',
        event: {},
        github: { repository: 'acme/caller' },
        standIns: { 'actions/checkout': checkout },
        repositories,
      })
    const result = await run({ 'acme/library': fixtures })
    expect(result.jobs.call!.error).toBeUndefined()
    expect(result.jobs.call!.outputs).toEqual({ source: 'acme/library/.github/workflows/self-checkout.yml' })
    expect(realpathSync(join(repoRoot, '.library'))).toBe(realpathSync(fixtures))
  })

  it('refuses a checkout of a repository that has no local checkout, naming it', async () => {
    const caller = [
      'name: caller',
      'on: push',
      'permissions: {}',
      'jobs:',
      '  fetch:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0',
      '        with:',
      '          repository: acme/elsewhere',
      '          path: .elsewhere',
      '',
    ].join('\n')
    const result = await runWorkflow({
      workflowFile: '.github/workflows/caller.yml',
      repoRoot: callerRepo(caller),
      eventName: 'push',
      event: {},
      standIns: { 'actions/checkout': checkout },
      repositories: { 'acme/library': fixtures },
    })
    expect(result.jobs.fetch!.error).toBe(
      'actions/checkout: repository acme/elsewhere has no local checkout (map it in repositories)',
    )
  })

  it('refuses, before any job, a call whose jobs ask for more than the caller grants, even a job that would skip', async () => {
    const library = join(mkdtempSync(join(tmpdir(), 'onramp-library-')), 'library')
    mkdirSync(join(library, '.github/workflows'), { recursive: true })
    writeFileSync(
      join(library, '.github/workflows/wide.yml'),
      [
        'on: workflow_call',
        'jobs:',
        '  skipped:',
        '    if: false',
        '    runs-on: ubuntu-latest',
        '    permissions:',
        '      contents: write',
        '      actions: read',
        '    steps:',
        '      - run: echo never',
      ].join('\n'),
    )
    const call = (grant: string) =>
      runWorkflow({
        workflowFile: '.github/workflows/caller.yml',
        repoRoot: callerRepo(
          ['on: push', 'jobs:', '  call:', '    uses: acme/library/.github/workflows/wide.yml@v1', grant].join('\n'),
        ),
        eventName: 'push',
        event: {},
        standIns: {},
        repositories: { 'acme/library': library },
      })
    await expect(call('    permissions: read-all')).rejects.toThrow(
      "Error calling workflow 'acme/library/.github/workflows/wide.yml@v1'. The nested job 'skipped' is requesting 'contents: write, actions: read', but is only allowed 'contents: read, actions: read'.",
    )
    await expect(call('    permissions: { contents: write }')).rejects.toThrow(
      "is only allowed 'contents: write, actions: none'",
    )
    expect((await call('    permissions: write-all')).jobs.call!.result).toBe('success')
    // No explicit grant: the repository's default, which the local runner cannot know, is not checked.
    expect((await call('')).jobs.call!.result).toBe('success')
  })
})
