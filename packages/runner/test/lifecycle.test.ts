import { describe, expect, it } from 'vitest'
import { runFixture } from './helpers.js'

describe('runner details', () => {
  it('runs post steps with saved state, working-directory, sh, GITHUB_PATH and pipefail under shell: bash', async () => {
    const { result } = await runFixture('misc.yml', { event: { client_payload: { employee_id: 'E-9' } } })
    const job = result.jobs.misc!
    expect(result.conclusion).toBe('success')
    const byId = Object.fromEntries(job.steps.map((s) => [s.id ?? s.name, s]))
    expect(byId.dir!.outputs.content).toBe('marker')
    expect(byId.path!.outputs.tool).toBe('from-path-tool')
    expect(byId.pipefail).toMatchObject({ outcome: 'failure', conclusion: 'success' })
    expect(job.steps.at(-1)).toMatchObject({ name: 'Post Run ./actions/with-post', post: true, outcome: 'success' })
    expect(job.summary).toBe('post saw L1-state and L1\n')
    expect(job.environment).toEqual({ name: 'production' })
    expect(job.concurrency).toEqual({ group: 'employee-E-9', cancelInProgress: false, queue: 'max' })
    expect(job.timeoutMinutes).toBe(5)
  })

  it('enforces step and job timeout-minutes; always() steps and failure() jobs still run', async () => {
    const { result } = await runFixture('timeouts.yml')
    const step = result.jobs['slow-step']!
    expect(step.result).toBe('failure')
    expect(step.steps[0]).toMatchObject({ outcome: 'failure', error: 'step timed out after 0.01 minutes' })
    expect(step.steps[1]!.outcome).toBe('success')
    const job = result.jobs['slow-job']!
    expect(job.result).toBe('failure')
    expect(job.error).toMatch(/timeout-minutes/)
    expect(job.steps.map((s) => s.outcome)).toEqual(['cancelled', 'skipped', 'success'])
    expect(result.jobs.notify!.result).toBe('success')
    expect(result.conclusion).toBe('failure')
  })

  it('cancels on abort: running step killed, cancelled()/always() still run, dependants skipped', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const { result } = await runFixture('cancel.yml', {
      signal: controller.signal,
      onProgress: (event) => {
        if (event.type === 'step-start' && event.job === 'long' && event.step === 0) {
          setTimeout(() => controller.abort(), 200)
        }
      },
    })
    expect(Date.now() - started).toBeLessThan(4000)
    expect(result.conclusion).toBe('cancelled')
    expect(result.jobs.long!.result).toBe('cancelled')
    expect(result.jobs.long!.steps.map((s) => s.outcome)).toEqual(['cancelled', 'success'])
    expect(result.jobs.next!.result).toBe('skipped')
    expect(result.jobs.finally!.result).toBe('success')
  })
})
