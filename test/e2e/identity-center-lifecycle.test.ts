// lifecycle.yml end to end in Identity Center mode, through the local runner against the sandbox: a repository
// whose access files are test/fixtures/access-identity-center (the rest is this one, linked), the sample hire
// onboarded, rerun without a changing call, moved to another role and offboarded, every AWS change made in the
// SSO Admin and Identity Store emulators under the generated automation role.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY, withAccessFiles } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleEvent, TEST_TIME_SCALE } from '../support/harness.js'

const repoRoot = new URL('../..', import.meta.url).pathname
const FIXTURES = join(repoRoot, 'test/fixtures/access-identity-center')
const EMAIL = 'jamie.doe@acme.com'
const PS = (id: string) => `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${id}`

let sandbox: Sandbox
let repo: string
let runs = 0

async function lifecycle(type: 'onboard' | 'role-change' | 'offboard') {
  runs += 1
  return runInSandbox(sandbox, {
    repoRoot: repo,
    eventName: 'repository_dispatch',
    event: await sampleEvent(type),
    runId: String(7000 + runs),
  })
}

const jobs = (r: Awaited<ReturnType<typeof lifecycle>>) =>
  Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]))
const assignments = (userId: string | undefined) =>
  sandbox.emulators.ssoAdmin.emulator
    .listAssignments()
    .filter((a) => a.principalType === 'USER' && a.principalId === userId)
    .map((a) => `${a.accountId}/${a.permissionSetArn}`)
    .sort()
const awsMutations = () =>
  sandbox.log
    .list({ mutating: true })
    .filter((e) => e.emulator === 'ssoAdmin' || e.emulator === 'identityStore' || e.emulator === 'iam')
function ledger() {
  const { owner, name } = SANDBOX_REPOSITORY
  const text = sandbox.emulators.github.emulator.file(owner, name, 'people/E1042.json', 'onramp-state')
  return text ? JSON.parse(text) : undefined
}

describe('lifecycle.yml with IAM Identity Center', () => {
  beforeAll(async () => {
    repo = withAccessFiles(repoRoot, FIXTURES)
    sandbox = await startSandbox({
      roles: join(FIXTURES, 'roles.yaml'),
      guardrails: join(FIXTURES, 'guardrails.yaml'),
      timeScale: TEST_TIME_SCALE,
      seed: {
        github: {
          repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
          users: [{ login: 'jamie-doe-dev', id: 583231 }],
        },
        slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
        // What the IdP's SCIM app pushes to Identity Center (the sandbox does not link the two emulators):
        // userName the login, the employee number mapped to the enterprise attribute.
        identityStore: {
          users: [{ userName: EMAIL, displayName: 'Jamie Doe', email: EMAIL, enterprise: { employeeNumber: 'E1042' } }],
        },
      },
    })
  })
  afterAll(async () => {
    await sandbox?.close()
    rmSync(repo, { recursive: true, force: true })
  })

  it('onboards: the role’s assignments and group, verified, recorded; no IAM call', async () => {
    const result = await lifecycle('onboard')
    expect(jobs(result)).toMatchObject({ validate: 'success', aws: 'success', notify: 'success', alert: 'skipped' })
    const userId = sandbox.emulators.identityStore.emulator.userIdOf(EMAIL)
    expect(assignments(userId)).toEqual([
      `123456789012/${PS('0123456789abcdef')}`,
      `210987654321/${PS('1111111111111111')}`,
    ])
    expect(ledger().ids.aws).toEqual({ identity_store_user_id: userId })
    expect(ledger().steps.aws).toMatchObject({ result: 'changed', verified: true })
    expect(result.jobs.aws!.summary).toContain('AWS access portal (https://acme.awsapps.com/start)')
    expect(sandbox.log.list({ emulator: 'iam', mutating: true })).toEqual([])
    // The welcome's dev-setup line carries the portal and the role's accounts.
    const welcome = sandbox.mail.list().at(-1)
    expect(JSON.stringify(welcome)).toContain(
      '--aws-sso https://acme.awsapps.com/start,us-east-1 --aws-accounts 123456789012,210987654321',
    )
  }, 240_000)

  it('the same event again makes no changing AWS call', async () => {
    const before = awsMutations().length
    const result = await lifecycle('onboard')
    expect(result.conclusion).toBe('success')
    expect(
      awsMutations()
        .slice(before)
        .map((e) => e.route),
    ).toEqual([])
  }, 240_000)

  it('moves the person to data-analyst, then offboards: nothing managed is left', async () => {
    const userId = sandbox.emulators.identityStore.emulator.userIdOf(EMAIL)
    const change = await lifecycle('role-change')
    expect(jobs(change)).toMatchObject({ aws: 'success' })
    expect(assignments(userId)).toEqual(
      [`123456789012/${PS('0123456789abcdef')}`, `123456789012/${PS('2222222222222222')}`].sort(),
    )
    const off = await lifecycle('offboard')
    expect(jobs(off)).toMatchObject({ aws: 'success' })
    expect(assignments(userId)).toEqual([])
    expect(ledger().status).toBe('offboarded')
  }, 480_000)
})
