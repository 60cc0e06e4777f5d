// lifecycle.yml end to end, a move to a role that names fewer systems: backend-engineer (identity, GitHub, AWS)
// to people-ops (identity only). The old role's GitHub teams, AWS policies and groups must go; the accounts stay.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_TIME_SCALE } from '../support/harness.js'

const repoRoot = new URL('../..', import.meta.url).pathname
const LOGIN = 'jamie-doe-dev'
const PERSONAL = ['jamie.doe@acme.com', 'Jamie Doe', 'riley.manager@acme.com']
const sample = (type: string) =>
  JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/events', `${type}.json`), 'utf8')) as {
    client_payload: { event_id: string; person: Record<string, string> }
  }
const toPeopleOps = () => {
  const e = sample('role-change')
  e.client_payload.person.role = 'people-ops'
  return e
}

let runs = 0
async function lifecycle(sandbox: Sandbox, event: Record<string, unknown>) {
  runs += 1
  const lines: string[] = []
  const result = await runInSandbox(sandbox, {
    repoRoot,
    eventName: 'repository_dispatch',
    event,
    runId: String(7000 + runs),
    onProgress: (e) => lines.push(JSON.stringify(e)),
  })
  return { result, output: lines.join('\n') + JSON.stringify(result) }
}

function ledger(sandbox: Sandbox, id: string) {
  const { owner, name } = SANDBOX_REPOSITORY
  const text = sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state')
  return text ? JSON.parse(text) : undefined
}

describe('lifecycle.yml: role change to a role without GitHub and AWS access', () => {
  let sandbox: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({
      roles: join(repoRoot, '.github/access/roles.yaml'),
      guardrails: join(repoRoot, '.github/access/guardrails.yaml'),
      timeScale: TEST_TIME_SCALE,
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
  afterAll(() => sandbox.close())

  it('removes the old role’s managed access everywhere, keeps the accounts, and a rerun changes nothing', async () => {
    expect((await lifecycle(sandbox, sample('onboard'))).result.conclusion).toBe('success')
    const github = sandbox.emulators.github.emulator
    const teamsOf = () =>
      github
        .state()
        .teams.filter((t) => t.members[LOGIN])
        .map((t) => t.slug)
        .sort()
    expect(teamsOf()).toEqual(['backend', 'engineering'])
    const userName = ledger(sandbox, 'E1042').ids.aws.user_name

    const { result, output } = await lifecycle(sandbox, toPeopleOps())
    expect(result.conclusion).toBe('success')
    const record = ledger(sandbox, 'E1042')
    expect(record.role).toBe('people-ops')
    for (const step of ['identity', 'github', 'aws'])
      expect(record.steps[step]).toMatchObject({ event_id: toPeopleOps().client_payload.event_id, verified: true })

    const okta = sandbox.emulators.okta.emulator
    expect(okta.user('jamie.doe@acme.com')?.status).toBe('PROVISIONED') // the account left as it is
    expect(
      okta
        .state()
        .groups.filter((g) => g.members.includes('jamie.doe@acme.com'))
        .map((g) => g.name)
        .sort(),
    ).toEqual(['hr-tools', 'people'])
    expect(teamsOf()).toEqual([])
    expect(github.state().orgs[0]!.members[LOGIN]).toBe('member')
    const iamUser = sandbox.emulators.iam.emulator.user(userName)!
    expect(iamUser.policies).toEqual([])
    expect(iamUser.groups).toEqual([])
    expect(iamUser.tags.find((t) => t.Key === 'role')?.Value).toBe('people-ops')
    for (const p of PERSONAL) expect(output).not.toContain(p)

    const before = sandbox.log.list({ mutating: true }).length
    const messages = sandbox.mail.list().length
    expect((await lifecycle(sandbox, toPeopleOps())).result.conclusion).toBe('success')
    expect(
      sandbox.log
        .list({ mutating: true })
        .slice(before)
        .map((e) => `${e.emulator} ${e.route}`),
    ).toEqual([])
    expect(sandbox.mail.list()).toHaveLength(messages)
  })
})
