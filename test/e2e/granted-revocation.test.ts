// lifecycle.yml end to end: what onramp granted is what it takes away. A backend engineer is onboarded; the
// engineer policy is then dropped from the role map (no role names it any more, the allowlist still does) and
// someone attaches another role's policy by hand. At offboarding the dropped policy is detached all the same
// (onramp granted it), and the hand-attached one is reported and kept (onramp never granted it).
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const onramp = new URL('../..', import.meta.url).pathname
const ENGINEER_POLICY = 'arn:aws:iam::123456789012:policy/onramp/role-engineer'
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
const ATHENA = 'arn:aws:iam::aws:policy/AmazonAthenaFullAccess'
const LOGIN = 'jamie-doe-dev'
const sample = (type: string) => JSON.parse(readFileSync(join(onramp, 'test/fixtures/events', `${type}.json`), 'utf8'))

let repo: string
let runs = 0
async function lifecycle(sandbox: Sandbox, event: Record<string, unknown>) {
  runs += 1
  const lines: string[] = []
  const result = await runInSandbox(sandbox, {
    repoRoot: repo,
    eventName: 'repository_dispatch',
    event,
    runId: String(8100 + runs),
    onProgress: (e) => lines.push(JSON.stringify(e)),
  })
  return { result, output: lines.join('\n') }
}

function ledger(sandbox: Sandbox, id: string) {
  const { owner, name } = SANDBOX_REPOSITORY
  const text = sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state')
  return text ? JSON.parse(text) : undefined
}

describe('lifecycle.yml: a policy dropped from every role is still revoked at offboarding', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    // A repository of its own (its access files change mid-test), running onramp's built actions.
    repo = mkdtempSync(join(tmpdir(), 'onramp-granted-'))
    cpSync(join(onramp, '.github/workflows'), join(repo, '.github/workflows'), { recursive: true })
    cpSync(join(onramp, '.github/access'), join(repo, '.github/access'), { recursive: true })
    symlinkSync(join(onramp, 'actions'), join(repo, 'actions'), 'dir')
    sandbox = await startSandbox({
      roles: join(repo, '.github/access/roles.yaml'),
      guardrails: join(repo, '.github/access/guardrails.yaml'),
      seed: {
        github: {
          repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
          users: [{ login: LOGIN, id: 583231 }],
          members: [{ org: 'acme', login: LOGIN }],
        },
        slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
      },
    })
  })
  afterAll(async () => {
    await sandbox?.close()
    rmSync(repo, { recursive: true, force: true })
  })

  it('detaches what onramp granted, keeps and reports what it did not', { timeout: 240_000 }, async () => {
    const onboard = await lifecycle(sandbox, sample('onboard'))
    expect(onboard.result.conclusion, onboard.output).toBe('success')
    const record = ledger(sandbox, 'E1042')
    expect(record.granted.aws).toEqual(['group:developers', `policy:${ENGINEER_POLICY}`, `policy:${READ_ONLY}`])
    expect(record.granted.github).toEqual(['team:backend', 'team:engineering'])
    expect(record.granted.identity).toEqual(['group:backend', 'group:engineering'])
    const userName = record.ids.aws.user_name
    const iam = sandbox.emulators.iam
    expect(iam.emulator.user(userName)!.policies.sort()).toEqual([ENGINEER_POLICY, READ_ONLY])

    // Someone attaches another role's policy by hand (an unsigned call: the emulator's administrator).
    const attached = await fetch(iam.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        Version: '2010-05-08',
        Action: 'AttachUserPolicy',
        UserName: userName,
        PolicyArn: ATHENA,
      }),
    })
    expect(attached.status).toBe(200)

    // The engineer policy leaves the role map: no role names it any more.
    const rolesFile = join(repo, '.github/access/roles.yaml')
    const roles = readFileSync(rolesFile, 'utf8')
    const dropped = roles.replace(`        - ${ENGINEER_POLICY}\n`, '')
    expect(dropped).not.toBe(roles)
    expect(dropped).not.toContain(ENGINEER_POLICY)
    writeFileSync(rolesFile, dropped)

    const offboard = await lifecycle(sandbox, sample('offboard'))
    expect(offboard.result.conclusion, offboard.output).toBe('success')
    const user = iam.emulator.user(userName)!
    expect(user.policies).toEqual([ATHENA])
    expect(user.groups).toEqual([])
    const detached = sandbox.log
      .list({ emulator: 'iam', mutating: true })
      .filter((e) => e.route?.includes('DetachUserPolicy')).length
    expect(detached).toBe(2)
    const summaries = Object.values(offboard.result.jobs)
      .map((j) => j.summary)
      .join('\n')
    expect(summaries).toContain('Unmanaged attachments reported, not removed: 1 policies, 0 groups.')
    const after = ledger(sandbox, 'E1042')
    expect(after.status).toBe('offboarded')
    expect(after.granted.aws).toEqual([])
    // The org membership went, and every team with it.
    expect(after.granted.github).toEqual([])
  })
})
