// The leaver nobody may lose: a hire invited by email accepts with an account whose email is private (GitHub's
// default). lifecycle.yml through the local runner: onboard → accept in the sandbox → role change → offboard.
// Without a way to prove the account, GitHub is never reported revoked while the person is a member; with the
// org's SAML identities the member is found, moved and removed, verified.
import { runInSandbox, SANDBOX_REPOSITORY, type WorkflowResult } from '@onramp/runner'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EventType, type Harness, repoRoot, startHarness } from '../support/harness.js'

const EMAIL = 'jamie.doe@acme.com'
const PRIVATE = 'jamie-private'

let runs = 0
async function lifecycle(h: Harness, type: EventType) {
  runs += 1
  // The hire's login is not in the HR payload: the invitation goes to the work email.
  const event = await h.event(type, (p) => {
    delete p.github_username
  })
  return runInSandbox(h.sandbox, { repoRoot, eventName: 'repository_dispatch', event, runId: String(7000 + runs) })
}

const jobs = (r: WorkflowResult) => Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]))

function ledger(h: Harness) {
  const { owner, name } = SANDBOX_REPOSITORY
  const text = h.sandbox.emulators.github.emulator.file(owner, name, 'people/E1042.json', 'onramp-state')
  return text ? JSON.parse(text) : undefined
}

const github = (h: Harness) => h.sandbox.emulators.github.emulator
const member = (h: Harness) =>
  github(h)
    .state()
    .orgs.find((o) => o.login === 'acme')!.members[PRIVATE]
const invitations = (h: Harness) => github(h).state().invitations
const alerts = (h: Harness) =>
  JSON.stringify(h.sandbox.emulators.slack.emulator.state().channels.find((c) => c.name === 'onramp-alerts')?.messages)

async function start() {
  return startHarness({
    seed: {
      github: { repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }] },
      slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
    },
  })
}

async function onboardAndAcceptPrivately(h: Harness) {
  const onboard = await lifecycle(h, 'onboard')
  expect(jobs(onboard)).toMatchObject({ github: 'success', notify: 'success' })
  expect(ledger(h).steps.github.result).toBe('pending')
  expect(invitations(h)).toMatchObject([{ email: EMAIL, status: 'pending' }])
  github(h).acceptInvitation(EMAIL, { login: PRIVATE })
  // GitHub shows the account no email: nothing public links it to the hire.
  expect(
    github(h)
      .state()
      .users.find((u) => u.login === PRIVATE)?.email,
  ).toBeNull()
  expect(member(h)).toBe('member')
}

describe('private-email leaver, org without SAML SSO', () => {
  let h: Harness
  beforeAll(async () => {
    h = await start()
  })
  afterAll(() => h.close())

  it('onboard by email, accepted with a private-email account', async () => {
    await onboardAndAcceptPrivately(h)
  })

  it('role change: no new invitation; the GitHub job fails with the repair and the alert goes out', async () => {
    const r = await lifecycle(h, 'role-change')
    expect(jobs(r)).toMatchObject({ identity: 'success', github: 'failure', aws: 'success', alert: 'success' })
    expect(invitations(h).map((i) => i.status)).toEqual(['accepted'])
    expect(ledger(h).steps.github).toMatchObject({ result: 'failed', verified: false })
    expect(member(h)).toBe('member')
  })

  it('offboard: never "revoked" while the person is a member', async () => {
    const r = await lifecycle(h, 'offboard')
    expect(jobs(r)).toMatchObject({ identity: 'success', github: 'failure', aws: 'success', alert: 'success' })
    expect(member(h)).toBe('member')
    const step = ledger(h).steps.github
    expect(step).toMatchObject({ result: 'failed', verified: false })
    expect(JSON.stringify(step)).not.toMatch(/"result":"changed"/)
    expect(alerts(h)).toContain('github')
    expect(alerts(h)).not.toMatch(/access revoked: [^;"]*GitHub/)
  })
})

describe('private-email leaver, org with SAML SSO', () => {
  let h: Harness
  beforeAll(async () => {
    h = await start()
    // SAML SSO: joining goes through the IdP, which links the name id (the work email) to the account.
    github(h).setSaml('acme', [])
  })
  afterAll(() => h.close())

  it('onboard by email, accepted with a private-email account', async () => {
    await onboardAndAcceptPrivately(h)
    expect(
      github(h)
        .state()
        .orgs.find((o) => o.login === 'acme')?.samlIdentities,
    ).toEqual([{ nameId: EMAIL, login: PRIVATE }])
  })

  it('role change: the member is found by the SAML identity and moved to the new teams, no new invitation', async () => {
    const r = await lifecycle(h, 'role-change')
    expect(r.conclusion).toBe('success')
    expect(invitations(h).map((i) => i.status)).toEqual(['accepted'])
    const record = ledger(h)
    expect(record.ids.github).toMatchObject({ login: PRIVATE })
    expect(record.steps.github).toMatchObject({ result: 'changed', verified: true })
    const teams = github(h).state().teams
    expect(teams.find((t) => t.slug === 'analytics')?.members[PRIVATE]).toEqual({ role: 'member', state: 'active' })
    expect(teams.find((t) => t.slug === 'backend')?.members[PRIVATE]).toBeUndefined()
  })

  it('offboard: the member is removed and GitHub is reported revoked, verified', async () => {
    const r = await lifecycle(h, 'offboard')
    expect(r.conclusion).toBe('success')
    expect(member(h)).toBeUndefined()
    expect(ledger(h).steps.github).toMatchObject({ result: 'changed', verified: true })
    expect(alerts(h)).toMatch(/access revoked: [^;"]*GitHub/)
  })
})
