import { describe, expect, it } from 'vitest'
import { createPrettyPrinter, type ProgressEvent, printSummaries, type StandInContext } from '../src/index.js'
import { runFixture } from './helpers.js'

describe('runWorkflow', () => {
  it('scopes environment secrets and variables to the jobs that name the environment; reviewers gate protected ones', async () => {
    const asked: string[] = []
    const options = {
      secrets: { SHARED: 'repo-level' },
      vars: { WHERE: 'repository' },
      environments: {
        notify: { secrets: { SLACK_TOKEN: 'xoxb-12345' }, vars: { WHERE: 'notify' } },
        guarded: { requiredReviewers: true },
      },
    }
    const { result } = await runFixture('environments.yml', {
      ...options,
      approve: ({ job, environment }) => {
        asked.push(`${job}@${environment}`)
        return false
      },
    })
    expect(result.jobs.plain!.outputs.seen).toBe('0/repository/10')
    expect(result.jobs.notify!.outputs.seen).toBe('10/notify/10')
    expect(result.jobs.notify!.environment).toEqual({ name: 'notify' })
    expect(asked).toEqual(['guarded@guarded'])
    expect(result.jobs.guarded!.result).toBe('failure')
    expect(result.jobs.guarded!.error).toMatch(/environment guarded: the deployment was rejected or never approved/)
    expect(result.jobs.guarded!.steps).toEqual([])
    const approved = await runFixture('environments.yml', { ...options, approve: () => true })
    expect(approved.result.jobs.guarded!.result).toBe('success')
  })

  it('runs independent jobs in parallel and dependants after their needs', async () => {
    const { result } = await runFixture('needs.yml')
    expect(result.conclusion).toBe('success')
    const a = result.jobs.a!.outputs
    const b = result.jobs.b!.outputs
    const c = result.jobs.c!.outputs
    // a and b overlap in time; c starts after both ended.
    expect(Number(b.started)).toBeLessThan(Number(a.ended))
    expect(Number(a.started)).toBeLessThan(Number(b.ended))
    expect(Number(c.started)).toBeGreaterThanOrEqual(Math.max(Number(a.ended), Number(b.ended)))
  })

  it('applies success(), failure(), always() and continue-on-error at job and step level', async () => {
    const { result, events } = await runFixture('status.yml', { eventName: 'workflow_dispatch' })
    const jobs = result.jobs
    expect(result.conclusion).toBe('failure')
    expect(jobs.broken!.result).toBe('failure')
    const steps = Object.fromEntries(jobs.broken!.steps.map((s) => [s.id, s]))
    expect(steps.first).toMatchObject({ outcome: 'success', conclusion: 'success' })
    expect(steps.tolerated).toMatchObject({ outcome: 'failure', conclusion: 'success' })
    expect(steps.boom).toMatchObject({ outcome: 'failure', conclusion: 'failure' })
    expect(steps.boom!.error).toMatch(/exit code 1/)
    expect(steps.boom!.annotations).toContainEqual(
      expect.objectContaining({ level: 'error', file: 'src/main.ts', line: 12, message: 'echo was asked to fail' }),
    )
    expect(steps.after!.outcome).toBe('skipped')
    expect(steps['on-failure']).toMatchObject({ outcome: 'success', outputs: { outcome: 'failure' } })
    expect(steps.cleanup!.outcome).toBe('success')
    expect(jobs.dependant!.result).toBe('skipped')
    expect(jobs.transitive!.result).toBe('skipped')
    expect(jobs.notify!.result).toBe('success')
    expect(jobs.notify!.outputs.seen).toBe('failure')
    expect(jobs.report!.result).toBe('success')
    expect(jobs.fine!.result).toBe('success')
    expect(jobs['after-fine']!.result).toBe('success')
    expect(jobs['fine-failed']!.result).toBe('skipped')
    expect(events).toContainEqual(expect.objectContaining({ type: 'job-end', job: 'dependant', result: 'skipped' }))
  })

  it('passes job outputs, inputs defaults, INPUT_ names with hyphens and GITHUB_ENV between steps', async () => {
    const { result } = await runFixture('outputs.yml', {
      eventName: 'workflow_dispatch',
      event: { inputs: {} },
      secrets: { GITHUB_TOKEN: 'ghs_fixture_token' },
      github: { repository: 'acme/onramp' },
    })
    expect(result.conclusion).toBe('success')
    const provision = result.jobs.provision!
    const [e, envCheck, ctx] = provision.steps
    expect(e!.outputs['role-name']).toBe('role-E-100')
    expect(e!.outputs['input-names']!.split(',')).toEqual([
      'INPUT_FAIL',
      'INPUT_GREETING',
      'INPUT_MASK',
      'INPUT_READ-ENV',
      'INPUT_ROLE-NAME',
      'INPUT_SLEEP-MS',
      'INPUT_TOKEN',
      'INPUT_WARN',
    ])
    expect(e!.outputs.greeting).toBe('hello acme/onramp')
    expect(e!.outputs.token).toBe('ghs_fixture_token')
    expect(e!.outputs['env-value']).toBe('job-E-100')
    expect(e!.outputs.multiline).toBe('line one\nline two')
    expect(envCheck!.outputs).toMatchObject({
      'from-action': 'role-E-100',
      multi: 'first\nsecond',
      levels: 'wf/job-E-100/step',
      'dry-run': 'true',
      'event-input': 'E-100',
    })
    expect(ctx!.outputs['role-name']).toBe('role-E-100+set-by-run')
    expect(ctx!.outputs['env-value']).toBe('set-by-run')
    expect(provision.outputs).toEqual({ role: 'role-E-100', multiline: 'line one\nline two' })
    expect(result.jobs.grant!.steps[0]!.outputs['role-name']).toBe('role-E-100:success')
    expect(provision.summary).toBe('### echo role-E-100\n### echo role-E-100+set-by-run\n')
  })

  it('runs steps with cwd = workspace', async () => {
    const { result } = await runFixture('outputs.yml', { eventName: 'workflow_dispatch' })
    const [e, envCheck] = result.jobs.provision!.steps
    expect(e!.outputs.cwd).toMatch(/fixtures$/)
    expect(envCheck!.outputs.pwd).toBe(e!.outputs.cwd)
  })

  it('calls stand-ins with the evaluated with: and exposes their outputs and env', async () => {
    const calls: Array<{ key: string; with: Record<string, string>; ctx: StandInContext }> = []
    const { result, events } = await runFixture('standins.yml', {
      eventName: 'repository_dispatch',
      event: { action: 'hire', client_payload: { org: 'acme' } },
      vars: { APP_ID: '12345' },
      secrets: { APP_KEY: '-----BEGIN KEY-----' },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token?x=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
      standIns: {
        'actions/checkout': async (w, ctx) => {
          calls.push({ key: 'checkout', with: w, ctx })
          return { outputs: {} }
        },
        'actions/create-github-app-token': async (w, ctx) => {
          calls.push({ key: 'app-token', with: w, ctx })
          ctx.addMask('ghs_app_installation_token')
          return { outputs: { token: 'ghs_app_installation_token' } }
        },
        'aws-actions/configure-aws-credentials': async (w, ctx) => {
          calls.push({ key: 'aws', with: w, ctx })
          return { outputs: {}, env: { AWS_REGION: w['aws-region']! } }
        },
      },
    })
    expect(result.conclusion).toBe('success')
    expect(calls.map((c) => c.key)).toEqual(['checkout', 'app-token', 'aws'])
    expect(calls[0]!.with).toEqual({ 'persist-credentials': 'false' })
    expect(calls[1]!.with).toEqual({ 'app-id': '12345', 'private-key': '-----BEGIN KEY-----', owner: 'acme' })
    expect(calls[2]!.ctx.env.ACTIONS_ID_TOKEN_REQUEST_URL).toBe('http://127.0.0.1:1/token?x=1')
    expect(calls[2]!.ctx.env.GITHUB_EVENT_NAME).toBe('repository_dispatch')
    const use = result.jobs.grant!.steps[3]!
    expect(use.outputs.token).toBe('ghs_app_installation_token')
    expect(use.outputs['env-value']).toBe('eu-west-1')
    // The aws step uses a tag, not a commit SHA.
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'annotation', level: 'warning', message: expect.stringMatching(/not pinned/) }),
    )
  })

  it('rejects an unknown third-party action before running anything', async () => {
    const events: unknown[] = []
    await expect(
      runFixture('standins.yml', {
        eventName: 'repository_dispatch',
        event: { action: 'hire', client_payload: {} },
        standIns: { 'actions/checkout': async () => ({ outputs: {} }) },
        onProgress: (e) => events.push(e),
      }),
    ).rejects.toThrow(/unsupported: .*actions\/create-github-app-token@\w+ has no stand-in/)
    expect(events).toEqual([])
  })

  it('masks secrets and add-mask values in everything it prints and skips secret job outputs', async () => {
    let text = ''
    const print = createPrettyPrinter({ write: (t) => (text += t), verbose: true })
    const events: ProgressEvent[] = []
    const { result } = await runFixture('masks.yml', {
      secrets: { API_TOKEN: 'sk-very-secret-123' },
      onProgress: (event) => {
        events.push(event)
        print(event)
      },
    })
    printSummaries(result, (t) => (text += t))
    expect(text).toContain('[leak]     | token is ***')
    expect(text).toContain('summary has ***')
    expect(text).not.toMatch(/sk-very-secret-123|pii-alice@example\.com/)
    const printed = JSON.stringify(events)
    expect(printed).toContain('token is ***')
    expect(printed).toContain('masked value: ***')
    expect(printed).toContain('later ***')
    expect(printed).toContain('warning for ***')
    expect(printed).not.toContain('sk-very-secret-123')
    expect(printed).not.toContain('pii-alice@example.com')
    const leak = result.jobs.leak!
    expect(leak.summary).toContain('summary has ***')
    expect(leak.outputs).toEqual({ plain: 'visible' })
    expect(leak.annotations).toContainEqual(
      expect.objectContaining({ message: "Skip output 'secret-out' since it may contain secret." }),
    )
    expect(leak.result).toBe('failure')
    expect(leak.steps[2]!.error).toMatch(/exit code 3/)
  })

  it('runs a workflow_call workflow with input defaults and returns its outputs', async () => {
    const { result } = await runFixture('called.yml', { eventName: 'workflow_call' })
    expect(result.outputs).toEqual({ role: 'called-someone' })
    const again = await runFixture('called.yml', { eventName: 'workflow_call', inputs: { who: 'alice' } })
    expect(again.result.outputs).toEqual({ role: 'called-alice' })
  })

  it('refuses events the workflow does not trigger on', async () => {
    await expect(runFixture('called.yml', { eventName: 'push' })).rejects.toThrow(/not triggered by push/)
    await expect(
      runFixture('standins.yml', { eventName: 'repository_dispatch', event: { action: 'fire' } }),
    ).rejects.toThrow(/type 'fire' is not in types \[hire\]/)
  })

  it('withholds OIDC request variables from jobs without id-token: write', async () => {
    const { result, events } = await runFixture('needs.yml', {
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token?x=1' },
    })
    expect(result.conclusion).toBe('success')
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'annotation', job: 'a', message: expect.stringMatching(/id-token: write/) }),
    )
  })
})
