// onramp used from another repository, the way an org that does not hold onramp's sources uses a release:
// its own workflow calls onramp's actions by reference (`acme/onramp/actions/NAME@v1`), and the runner resolves
// that reference to this checkout, as GitHub would fetch the tagged release.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_TIME_SCALE } from '../support/harness.js'

const onramp = new URL('../..', import.meta.url).pathname
const onboard = JSON.parse(readFileSync(join(onramp, 'test/fixtures/events/onboard.json'), 'utf8'))

const CALLER = `name: hire
on:
  repository_dispatch:
    types: [onboard, role-change, offboard]
permissions: {}
jobs:
  validate:
    runs-on: ubuntu-latest
    environment: onramp-validate
    permissions:
      contents: read
    outputs:
      employee-id: \${{ steps.validate.outputs.employee-id }}
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          persist-credentials: false
      - id: validate
        uses: acme/onramp/actions/validate@v1
        with:
          event-key: \${{ secrets.ONRAMP_EVENT_KEY }}
  identity:
    needs: validate
    runs-on: ubuntu-latest
    environment: onramp-access
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          persist-credentials: false
      - id: okta
        uses: acme/onramp/actions/provision-identity@v1
        with:
          event-key: \${{ secrets.ONRAMP_EVENT_KEY }}
          okta-org-url: \${{ vars.OKTA_ORG_URL }}
          okta-token: \${{ secrets.OKTA_API_TOKEN }}
          state: none
`

describe('onramp by reference from a repository without its sources', () => {
  let sandbox: Sandbox
  let caller: string
  beforeAll(async () => {
    caller = join(mkdtempSync(join(tmpdir(), 'onramp-caller-')), 'hr-automation')
    mkdirSync(join(caller, '.github/workflows'), { recursive: true })
    cpSync(join(onramp, '.github/access'), join(caller, '.github/access'), { recursive: true })
    writeFileSync(join(caller, '.github/workflows/hire.yml'), CALLER)
    sandbox = await startSandbox({
      roles: join(caller, '.github/access/roles.yaml'),
      guardrails: join(caller, '.github/access/guardrails.yaml'),
      timeScale: TEST_TIME_SCALE,
      seed: {
        github: {
          repos: [{ ...SANDBOX_REPOSITORY, default_branch: 'main' }],
          users: [{ login: 'jamie-doe-dev', id: 583231 }],
        },
        slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
      },
    })
  })
  afterAll(() => sandbox?.close())

  it('runs acme/onramp/actions/*@v1 from the mapped checkout and provisions the hire', async () => {
    expect(existsSync(join(caller, 'actions'))).toBe(false)
    expect(existsSync(join(caller, 'package.json'))).toBe(false)
    const result = await runInSandbox(sandbox, {
      repoRoot: caller,
      workflowFile: '.github/workflows/hire.yml',
      eventName: 'repository_dispatch',
      event: onboard,
      repositories: { 'acme/onramp': onramp },
    })

    expect(Object.fromEntries(Object.entries(result.jobs).map(([k, j]) => [k, j.result]))).toEqual({
      validate: 'success',
      identity: 'success',
    })
    expect(result.jobs.validate!.outputs['employee-id']).toBe(onboard.client_payload.person.employee_id)
    // A tag is not a commit: the runner says so, as the workflow policy would.
    expect(result.jobs.identity!.steps.flatMap((s) => s.annotations.map((a) => a.message))).toContain(
      'acme/onramp/actions/provision-identity@v1 is not pinned to a full commit SHA',
    )
    // A new Okta user without a password is PROVISIONED (the activation email is out).
    const okta = sandbox.emulators.okta.emulator.user(onboard.client_payload.person.email)
    expect(okta?.status).toBe('PROVISIONED')
  })

  it('calls lifecycle.yml by reference: each job checks out onramp at .onramp, and the rerun grants what was left', async () => {
    // The hire's onboarding in onramp's own repository, where IAM refused to create the user: the ledger records
    // the person, AWS is still to do.
    sandbox.emulators.iam.faults.script({
      match: { route: 'IAM CreateUser' },
      times: 20,
      respond: { status: 400, body: '' },
    })
    const first = await runInSandbox(sandbox, {
      repoRoot: onramp,
      eventName: 'repository_dispatch',
      event: onboard,
    })
    sandbox.emulators.iam.faults.clear()
    expect(first.jobs.identity!.result).toBe('success')
    expect(first.jobs.aws!.result).toBe('failure')
    const ledger = () => {
      const { owner, name } = SANDBOX_REPOSITORY
      const id = onboard.client_payload.person.employee_id
      return JSON.parse(
        sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state') ?? '{}',
      )
    }
    expect(ledger().ids?.aws).toBeUndefined()

    // A repository with only its workflow and access files reruns the lifecycle by reference: each job checks
    // out onramp's repository and commit (job.workflow_repository, job.workflow_sha) and runs its actions there.
    const dir = join(caller, '..', 'calls-lifecycle')
    mkdirSync(join(dir, '.github/workflows'), { recursive: true })
    cpSync(join(caller, '.github/access'), join(dir, '.github/access'), { recursive: true })
    // GitHub lets a called workflow only narrow the caller's token, and fails the whole run when one of its jobs
    // asks for more, whatever that job's `if:`: the caller grants what lifecycle.yml's jobs ask for.
    const rerun = (grant: string[]) =>
      writeFileSync(
        join(dir, '.github/workflows/rerun.yml'),
        [
          'name: rerun',
          'on: workflow_dispatch',
          'permissions: {}',
          'jobs:',
          '  lifecycle:',
          '    uses: acme/onramp/.github/workflows/lifecycle.yml@v1',
          '    permissions:',
          ...grant.map((g) => `      ${g}`),
          '    with:',
          `      employee-id: ${onboard.client_payload.person.employee_id}`,
          '      event-type: onboard',
          '      dry-run: false',
          '    secrets: inherit',
          '',
        ].join('\n'),
      )
    const call = () =>
      runInSandbox(sandbox, {
        repoRoot: dir,
        workflowFile: '.github/workflows/rerun.yml',
        eventName: 'workflow_dispatch',
        event: { inputs: {} },
        repositories: { 'acme/onramp': onramp },
      })
    rerun(['contents: read', 'actions: read', 'id-token: write'])
    await expect(call()).rejects.toThrow(
      "The nested job 'wake' is requesting 'contents: write', but is only allowed 'contents: read'.",
    )
    rerun(['contents: write', 'actions: read', 'id-token: write'])
    const result = await call()
    const steps = (uses: string) => result.jobs.lifecycle!.steps.filter((s) => s.uses === uses)
    expect(result.jobs.lifecycle!.steps.filter((s) => s.error).map((s) => `${s.name}: ${s.error}`)).toEqual([])
    expect(result.jobs.lifecycle!.result).toBe('success')
    expect(existsSync(join(dir, 'actions'))).toBe(false)
    // job.workflow_repository named acme/onramp: its mapped checkout is what the jobs ran.
    expect(realpathSync(join(dir, '.onramp'))).toBe(realpathSync(onramp))
    for (const action of ['validate', 'provision-identity', 'grant-github', 'grant-aws', 'notify']) {
      expect(steps(`./.onramp/actions/${action}`).map((s) => s.conclusion)).toEqual(['success'])
    }
    // Five jobs ran (alert skipped), each checking out the caller at the root and onramp at .onramp.
    expect(steps('actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8')).toHaveLength(10)
    const record = ledger()
    expect(sandbox.emulators.iam.emulator.user(record.ids.aws.user_name)?.path).toBe('/onramp/')
    for (const step of ['identity', 'github', 'aws', 'notify']) expect(record.steps[step]).toBeDefined()
  })

  it('refuses a reference to a repository that is not mapped, before anything runs', async () => {
    await expect(
      runInSandbox(sandbox, {
        repoRoot: caller,
        workflowFile: '.github/workflows/hire.yml',
        eventName: 'repository_dispatch',
        event: onboard,
      }),
    ).rejects.toThrow(/acme\/onramp\/actions\/validate@v1 has no stand-in/)
  })
})
