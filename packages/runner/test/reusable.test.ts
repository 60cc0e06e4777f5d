// A caller repository with nothing but its workflow calls another repository's reusable workflow and actions by
// reference (`owner/repo/.github/workflows/x.yml@ref`, `owner/repo/path@ref`), resolved to a local checkout.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type ProgressEvent, runWorkflow } from '../src/index.js'
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
})
