// upload-artifact against the sandbox: the artifact is in the sandbox's GitHub as soon as the step ends, so a later
// step of the same job (and later jobs) list and download it through Octokit with the job's GITHUB_TOKEN.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Octokit } from '@octokit/rest'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInSandbox, SANDBOX_REPOSITORY } from '../src/index.js'
import { fixtures } from './helpers.js'

const DAY = 86_400_000
const repo = { owner: SANDBOX_REPOSITORY.owner, repo: SANDBOX_REPOSITORY.name }

describe('actions/upload-artifact against the sandbox', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox()
  }, 60_000)
  afterAll(async () => {
    await sandbox?.close()
  })

  it("publishes each upload to the run's repository, visible to the next step's Octokit call", async () => {
    // The run's temp folders, its artifacts' included, in a folder of the test's own: the run leaves it empty.
    const temp = mkdtempSync(join(tmpdir(), 'onramp-artifacts-test-'))
    const machineTemp = process.env.TMPDIR
    process.env.TMPDIR = temp
    const result = await runInSandbox(sandbox, {
      repoRoot: fixtures,
      workflowFile: 'workflows/artifacts.yml',
      eventName: 'workflow_dispatch',
      event: {},
      runId: '4242',
    }).finally(() => {
      process.env.TMPDIR = machineTemp
    })
    expect(readdirSync(temp)).toEqual([])
    rmSync(temp, { recursive: true })
    const verify = result.jobs.verify!
    expect(result.jobs.verify?.result).toBe('success')
    const sameJob = verify.steps.find((s) => s.id === 'same-job')!
    expect(sameJob.outputs.count).toBe('1')
    // A folder's contents are at the artifact's top; its hidden .env is left out.
    expect(JSON.parse(sameJob.outputs.files!)).toEqual({
      'intents/E1.json': '{"employee_id":"E1"}\n',
      'notes.txt': 'verified\n',
    })
    // Several paths: relative to their least common ancestor.
    const drained = result.jobs.drain!.steps.find((s) => s.id === 'paths')!
    expect(JSON.parse(drained.outputs.files!)).toEqual({
      'intents/E1.json': '{"employee_id":"E1"}\n',
      'notes.txt': 'verified\n',
    })
    // A GITHUB_TOKEN without actions: read is refused, as on GitHub.
    const refused = result.jobs['no-permission']!.steps.find((s) => s.id === 'refused')!
    expect(refused.outcome).toBe('failure')
    expect(refused.annotations.map((a) => a.message).join('\n')).toMatch(/403 Resource not accessible by integration/)

    const upload = verify.steps.find((s) => s.id === 'upload')!
    const octokit = new Octokit({ baseUrl: sandbox.emulators.github.url, auth: 'sandbox-token' })
    const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: 4242 })
    expect(data.artifacts.map((a) => a.name).sort()).toEqual(['onramp-intent-E1', 'paths'])
    const intent = data.artifacts.find((a) => a.name === 'onramp-intent-E1')!
    expect(String(intent.id)).toBe(upload.outputs['artifact-id'])
    expect(intent.digest).toBe(`sha256:${upload.outputs['artifact-digest']}`)
    expect(Date.parse(intent.expires_at!) - Date.parse(intent.created_at!)).toBe(DAY)
    expect(intent.workflow_run?.head_branch).toBe('main')
    const zip = await octokit.rest.actions.downloadArtifact({ ...repo, artifact_id: intent.id, archive_format: 'zip' })
    expect(Object.keys(unzipSync(new Uint8Array(zip.data as ArrayBuffer))).sort()).toEqual([
      'intents/E1.json',
      'notes.txt',
    ])
  }, 120_000)

  it('runs against one sandbox share concurrency groups', async () => {
    let started: () => void = () => {}
    const running = new Promise<void>((resolve) => {
      started = resolve
    })
    const a = runInSandbox(sandbox, {
      repoRoot: fixtures,
      workflowFile: 'workflows/concurrency-run.yml',
      eventName: 'workflow_dispatch',
      event: {},
      inputs: { group: 'converge-acme', seconds: '1' },
      onProgress: (e) => {
        if (e.type === 'job-start') started()
      },
    })
    await running
    const events: string[] = []
    const b = runInSandbox(sandbox, {
      repoRoot: fixtures,
      workflowFile: 'workflows/concurrency-run.yml',
      eventName: 'workflow_dispatch',
      event: {},
      inputs: { group: 'converge-acme' },
      onProgress: (e) => {
        if (e.type === 'concurrency') events.push(e.state)
      },
    })
    const [ra, rb] = await Promise.all([a, b])
    expect([ra.conclusion, rb.conclusion]).toEqual(['success', 'success'])
    expect(events).toEqual(['waiting'])
  }, 120_000)
})
