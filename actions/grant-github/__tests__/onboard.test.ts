// grant-github bundle, onboard: by github_username (rename-proof by id) and by email invitation (reuse,
// acceptance follow-up, expiry re-send, 24-hour cap).
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EMAIL, expectNoPersonalData, FAST, github, grant, h, LOGIN, ORG, start, withUser } from './support.js'

describe('grant-github bundle: onboard with a github_username', () => {
  it('invites a non-member with the role team ids: pending, then a rerun makes zero mutating calls', async () => {
    await start(withUser())
    const event = await h!.event('onboard')
    const r = await grant(event)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('pending')
    expect(r.outputs.login).toBe(LOGIN)
    expect(r.byItem.invitation).toMatchObject({ action: 'invite', result: 'pending', verified: true })
    const inv = github()
      .state()
      .invitations.filter((i) => i.status === 'pending')
    expect(inv).toHaveLength(1)
    expect(inv[0]).toMatchObject({ login: LOGIN, role: 'direct_member' })
    const teams = github().state().teams
    const ids = ['backend', 'engineering'].map((s) => teams.find((t) => t.slug === s)!.id).sort((a, b) => a - b)
    expect([...inv[0]!.team_ids].sort((a, b) => a - b)).toEqual(ids)
    expect(r.outputs['invitation-id']).toBe(String(inv[0]!.id))
    const rec = await h!.record('E1042')
    expect(rec?.ids.github).toMatchObject({ login: LOGIN, id: 583231, invitation_id: inv[0]!.id })
    expect(rec?.steps.github).toMatchObject({ result: 'pending' })
    expect(r.summary).toContain('1 s apart')
    expectNoPersonalData(r)

    const before = h!.mutations('github').length
    const again = await grant(event)
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('pending')
    expect(h!.mutations('github').length).toBe(before)
  })

  it('after acceptance, a rerun verifies org membership and teams and changes nothing', async () => {
    await start(withUser())
    const event = await h!.event('onboard')
    expect((await grant(event)).outputs.result).toBe('pending')
    github().acceptInvitation(LOGIN)
    const before = h!.mutations('github').length
    const r = await grant(event)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('unchanged')
    expect(r.byItem['org-membership']).toMatchObject({
      result: 'unchanged',
      after: { role: 'member', state: 'active' },
    })
    expect(r.byItem['team:backend']).toMatchObject({ result: 'unchanged', verified: true })
    expect(r.byItem['team:engineering']).toMatchObject({ result: 'unchanged', verified: true })
    // Another role's team, which onramp never granted: not onramp's to take away, so not an item.
    expect(r.byItem['team:analytics']).toBeUndefined()
    expect(h!.mutations('github').length).toBe(before)
  })

  it('an existing member gets the teams with their roles, verified', async () => {
    await start(withUser({ github: { members: [{ org: ORG, login: LOGIN }] } }))
    const event = await h!.event('onboard')
    const r = await grant(event)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(r.byItem['team:backend']).toMatchObject({ action: 'create', result: 'changed', verified: true })
    const teams = github().state().teams
    expect(teams.find((t) => t.slug === 'backend')!.members[LOGIN]).toEqual({ role: 'member', state: 'active' })
    expect(h!.mutations('github').filter((m) => m.startsWith('PUT'))).toHaveLength(2)
    const before = h!.mutations('github').length
    const again = await grant(event)
    expect(again.outputs.result).toBe('unchanged')
    expect(h!.mutations('github').length).toBe(before)
  })

  it('a github_username that does not exist fails the account item, with no mutating call', async () => {
    await start()
    const r = await grant(await h!.event('onboard', (p) => (p.github_username = 'nobody-here')))
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.byItem.account!.reason).toMatch(/github_username: no GitHub user/)
    expect(h!.mutations('github')).toEqual([])
  })

  it('follows a renamed login by the numeric id in the ledger', async () => {
    await start(withUser({ github: { members: [{ org: ORG, login: LOGIN }] } }))
    // The ledger knows the person under the login they had before renaming; the id is what stays.
    await mkdir(join(h!.stateDir, 'people'), { recursive: true })
    const record = {
      employee_id: 'E1042',
      status: 'active',
      role: 'backend-engineer',
      ids: { github: { login: 'jamie-old-name', id: 583231 } },
      last_event: { event_id: 'hr-7f3c2a91-0001', type: 'onboard', occurred_at: '2026-11-20T09:15:00Z' },
      steps: {},
      notified: {},
    }
    await writeFile(join(h!.stateDir, 'people', 'E1042.json'), JSON.stringify(record))
    const r = await grant(await h!.event('role-change'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.login).toBe(LOGIN)
    expect(r.summary).toContain('renamed')
    expect(r.byItem['team:analytics']).toMatchObject({ result: 'changed', verified: true })
    expect((await h!.record('E1042'))?.ids.github).toMatchObject({ login: LOGIN, id: 583231 })
    const gets = h!.sandbox.log.list({ emulator: 'github' }).map((e) => e.route)
    expect(gets).toContain('GET /user/{account_id}')
  })
})

describe('grant-github bundle: onboard by email', () => {
  const byEmail = (p: Record<string, unknown>) => {
    delete p.github_username
  }

  it('sends one invitation by email and reuses it on a rerun', async () => {
    await start()
    const event = await h!.event('onboard', byEmail)
    const r = await grant(event)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('pending')
    expect(r.outputs.login).toBe('')
    const pending = github()
      .state()
      .invitations.filter((i) => i.status === 'pending')
    expect(pending).toHaveLength(1)
    expect(pending[0]).toMatchObject({ email: EMAIL, role: 'direct_member' })
    expect(r.byItem.invitation!.after).toMatchObject({ invitation_id: pending[0]!.id, state: 'pending' })
    expectNoPersonalData(r)
    const before = h!.mutations('github').length
    const again = await grant(event)
    expect(again.outputs.result).toBe('pending')
    expect(h!.mutations('github').length).toBe(before)
  })

  // An account whose email is public: found among the members by it (private emails: acceptance.test.ts).
  const publicEmail = { seed: { github: { users: [{ login: 'jdoe-gh', email: EMAIL }] } } }

  it('records login and id once the invitation is accepted (public email), then ensures the teams', async () => {
    await start(publicEmail)
    const event = await h!.event('onboard', byEmail)
    expect((await grant(event)).outputs.result).toBe('pending')
    github().acceptInvitation(EMAIL, { login: 'jdoe-gh' })
    const r = await grant(event)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.login).toBe('jdoe-gh')
    expect(r.outputs.result).toBe('unchanged')
    expect(r.byItem['team:backend']).toMatchObject({ result: 'unchanged', verified: true })
    const rec = await h!.record('E1042')
    const id = github()
      .state()
      .users.find((u) => u.login === 'jdoe-gh')!.id
    expect(rec?.ids.github).toMatchObject({ login: 'jdoe-gh', id })
    expect(r.summary).toContain('accepted invitation (public email)')
  })

  it('follows up an invitation accepted after a re-send (old failed ones stay listed)', async () => {
    await start(publicEmail)
    const event = await h!.event('onboard', byEmail)
    expect((await grant(event)).outputs.result).toBe('pending')
    h!.sandbox.clock.advance(8 * 86_400_000)
    expect((await grant(event)).byItem.invitation).toMatchObject({ action: 're-send', result: 'pending' })
    github().acceptInvitation(EMAIL, { login: 'jdoe-gh' })
    const r = await grant(event)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.login).toBe('jdoe-gh')
    expect(r.byItem['org-membership']).toMatchObject({
      result: 'unchanged',
      after: { role: 'member', state: 'active' },
    })
  })

  it('re-sends an expired invitation, at most max-invitation-resends times', async () => {
    await start()
    const event = await h!.event('onboard', byEmail)
    expect((await grant(event)).outputs.result).toBe('pending')
    for (let n = 1; n <= 3; n++) {
      h!.sandbox.clock.advance(8 * 86_400_000)
      const r = await grant(event)
      expect(r.code, r.stdout).toBe(0)
      expect(r.byItem.invitation).toMatchObject({ action: 're-send', result: 'pending' })
      expect((await h!.record('E1042'))?.ids.github?.invitation_resends).toBe(n)
    }
    h!.sandbox.clock.advance(8 * 86_400_000)
    const before = h!.mutations('github').length
    const last = await grant(event)
    expect(last.code).toBe(1)
    expect(last.byItem.invitation!.reason).toMatch(/max-invitation-resends/)
    expect(h!.mutations('github').length).toBe(before)
    const inv = github().state().invitations
    expect(inv.filter((i) => i.status === 'failed')).toHaveLength(4)
    expect(inv.filter((i) => i.status === 'pending')).toHaveLength(0)
  })

  it('defers without a storm of 422s when the org has used its 24-hour invitation cap', async () => {
    await start()
    github().ensureOrg(ORG, { invitationCap: 1 })
    github().seed({ users: [{ login: 'someone-else', id: 9001 }] })
    await h!.run('grant-github', {
      event: await h!.event('onboard', (p) => {
        p.employee_id = 'E2000'
        p.github_username = 'someone-else'
      }),
      env: FAST,
    })
    const r = await grant(await h!.event('onboard', byEmail))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('deferred')
    expect(r.byItem.invitation!.reason).toMatch(/invitation cap/)
    const posts = h!.mutations('github').filter((m) => m.startsWith('POST'))
    // One invitation for E2000, one refused try for E1042: never retried.
    expect(posts).toEqual(['POST /orgs/{org}/invitations 201', 'POST /orgs/{org}/invitations 422'])
  })

  it('defers before asking when the visible invitations already reach the guardrails cap', async () => {
    await start()
    // Others' invitations fill the org's 50 for the day (guardrails invitation-cap: 50).
    const { url } = h!.sandbox.emulators.github
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${url}/orgs/${ORG}/invitations`, {
        method: 'POST',
        headers: { authorization: `token ${h!.sandbox.inputs['github-token']}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `hire${i}@acme.com`, role: 'direct_member' }),
      })
      expect(res.status).toBe(201)
    }
    const before = h!.mutations('github').length
    const r = await grant(await h!.event('onboard', byEmail))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('deferred')
    expect(r.byItem.invitation!.reason).toMatch(/reached: 50 sent in the last 24 h/)
    expect(h!.mutations('github').length).toBe(before)
  })
})
