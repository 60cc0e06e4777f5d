// onramp used from another repository, the way an org that does not hold onramp's sources uses a release:
// its own workflow calls onramp's actions by reference (`acme/onramp/actions/NAME@v1`), and the runner resolves
// that reference to this checkout, as GitHub would fetch the tagged release.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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
  identity:
    needs: validate
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          persist-credentials: false
      - id: okta
        uses: acme/onramp/actions/provision-identity@v1
        with:
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
      seed: { github: { repos: [{ ...SANDBOX_REPOSITORY, default_branch: 'main' }] } },
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
    expect(result.jobs.validate!.outputs['employee-id']).toBe(onboard.client_payload.employee_id)
    // A tag is not a commit: the runner says so, as the workflow policy would.
    expect(result.jobs.identity!.steps.flatMap((s) => s.annotations.map((a) => a.message))).toContain(
      'acme/onramp/actions/provision-identity@v1 is not pinned to a full commit SHA',
    )
    const okta = sandbox.emulators.okta.emulator.user(onboard.client_payload.email)
    expect(okta?.status).toBe('ACTIVE')
  })

  it("calls lifecycle.yml by reference; its ./actions steps resolve in the caller's checkout, so they fail there", async () => {
    // GitHub runs a called workflow's `./` actions from the caller's workspace: a caller that does not hold
    // onramp's sources cannot use the lifecycle as a reusable workflow (README), only the actions by reference.
    const dir = join(caller, '..', 'calls-lifecycle')
    mkdirSync(join(dir, '.github/workflows'), { recursive: true })
    cpSync(join(caller, '.github/access'), join(dir, '.github/access'), { recursive: true })
    writeFileSync(
      join(dir, '.github/workflows/rerun.yml'),
      [
        'name: rerun',
        'on: workflow_dispatch',
        'permissions: {}',
        'jobs:',
        '  lifecycle:',
        '    uses: acme/onramp/.github/workflows/lifecycle.yml@v1',
        '    with:',
        '      employee-id: E1042',
        '      event-type: onboard',
        '    secrets: inherit',
        '',
      ].join('\n'),
    )
    const result = await runInSandbox(sandbox, {
      repoRoot: dir,
      workflowFile: '.github/workflows/rerun.yml',
      eventName: 'workflow_dispatch',
      event: { inputs: {} },
      repositories: { 'acme/onramp': onramp },
    })
    expect(result.jobs.lifecycle!.result).toBe('failure')
    expect(result.jobs.lifecycle!.error).toMatch(/\.\/actions\/validate has no action\.yml/)
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
