// grant-github bundle: role change, offboard, protected logins, dry run, item isolation and transient faults.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROLES } from '../../../test/support/harness.js'
import { EMAIL, expectNoPersonalData, github, grant, h, LOGIN, ORG, start, withUser } from './support.js'

describe('grant-github bundle: role-change and offboard', () => {
  const roleChange = (role = 'data-analyst') =>
    h!.event('role-change', (p) => {
      p.role = role
    })

  it('moves managed teams only; an unmanaged team is kept and reported', async () => {
    await start(
      withUser({
        github: {
          members: [{ org: ORG, login: LOGIN }],
          teams: [{ org: ORG, slug: 'book-club' }],
          teamMembers: [{ org: ORG, team: 'book-club', login: LOGIN }],
        },
      }),
    )
    expect((await grant(await h!.event('onboard'))).outputs.result).toBe('changed')
    const r = await grant(await roleChange())
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(r.byItem['team:analytics']).toMatchObject({ action: 'create', result: 'changed' })
    expect(r.byItem['team:backend']).toMatchObject({ action: 'remove', result: 'changed', after: null })
    expect(r.byItem['team:book-club']).toMatchObject({ result: 'unchanged', action: 'none' })
    expect(r.byItem['team:book-club']!.reason).toMatch(/unmanaged/)
    const teams = github().state().teams
    const member = (slug: string) => teams.find((t) => t.slug === slug)!.members[LOGIN]
    expect(member('book-club')).toBeDefined()
    expect(member('backend')).toBeUndefined()
    expect(member('engineering')).toBeUndefined()
    expect(member('analytics')).toEqual({ role: 'member', state: 'active' })
  })

  it('aborts before any change when a role change would remove more than max-removals team memberships', async () => {
    await start(withUser({ github: { members: [{ org: ORG, login: LOGIN }] } }))
    expect((await grant(await h!.event('onboard'))).outputs.result).toBe('changed')
    const dir = await mkdtemp(join(tmpdir(), 'onramp-gh-'))
    const guardrails = join(dir, 'guardrails.yaml')
    const text = await readFile(join(ROLES, '..', 'guardrails.yaml'), 'utf8')
    await writeFile(guardrails, text.replace(/max-removals: \d+/, 'max-removals: 1'))
    const before = h!.mutations('github').length
    const r = await grant(await roleChange(), { 'guardrails-file': guardrails })
    expect(r.code).toBe(1)
    expect(r.byItem['removal-limit']!.reason).toMatch(/would remove 2 team memberships.*max-removals \(1\)/)
    expect(h!.mutations('github').length).toBe(before)
  })

  it('applies a team role change (member to maintainer)', async () => {
    await start(
      withUser({
        github: {
          members: [{ org: ORG, login: LOGIN }],
          teamMembers: [{ org: ORG, team: 'design-system', login: LOGIN }],
        },
      }),
    )
    await h!.onboarded('E1042', 'designer')
    const r = await grant(
      await h!.event('role-change', (p) => {
        p.role = 'designer'
        p.github_username = LOGIN
      }),
    )
    expect(r.code, r.stdout).toBe(0)
    expect(r.byItem['team:design-system']).toMatchObject({
      action: 'update',
      before: { role: 'member', state: 'active' },
      after: { role: 'maintainer', state: 'active' },
      verified: true,
    })
  })

  it('updates a pending invitation on a role change: cancel and re-invite with the new team ids', async () => {
    await start(withUser())
    expect((await grant(await h!.event('onboard'))).outputs.result).toBe('pending')
    const r = await grant(await roleChange())
    expect(r.code, r.stdout).toBe(0)
    expect(r.byItem.invitation).toMatchObject({ action: 're-invite', result: 'pending' })
    const inv = github().state().invitations
    const analytics = github()
      .state()
      .teams.find((t) => t.slug === 'analytics')!.id
    expect(inv.filter((i) => i.status === 'cancelled')).toHaveLength(1)
    expect(inv.filter((i) => i.status === 'pending').map((i) => i.team_ids)).toEqual([[analytics]])
  })

  it('offboard removes the membership and verifies 404 and no pending invitation', async () => {
    await start(withUser({ github: { members: [{ org: ORG, login: LOGIN }] } }))
    expect((await grant(await h!.event('onboard'))).outputs.result).toBe('changed')
    const r = await grant(await h!.event('offboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(r.byItem['org-membership']).toMatchObject({ action: 'remove', after: null, verified: true })
    expect(r.byItem.invitation).toMatchObject({ result: 'unchanged', verified: true })
    expect(github().state().orgs[0]!.members[LOGIN]).toBeUndefined()
    expect(
      github()
        .state()
        .teams.some((t) => t.members[LOGIN]),
    ).toBe(false)
    const before = h!.mutations('github').length
    expect((await grant(await h!.event('offboard'))).outputs.result).toBe('unchanged')
    expect(h!.mutations('github').length).toBe(before)
  })

  it('offboard cancels a pending email invitation', async () => {
    await start()
    expect((await grant(await h!.event('onboard', (p) => delete p.github_username))).outputs.result).toBe('pending')
    const r = await grant(await h!.event('offboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.byItem.invitation).toMatchObject({ action: 'cancel', result: 'changed', verified: true, after: null })
    expect(
      github()
        .state()
        .invitations.map((i) => i.status),
    ).toEqual(['cancelled'])
    // Onramp's own cancel is accounted for: the rerun is not taken for an unidentified acceptance.
    const before = h!.mutations('github').length
    const again = await grant(await h!.event('offboard'))
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('unchanged')
    expect(h!.mutations('github').length).toBe(before)
  })

  it('offboard cancels a pending email invitation by its ledger id when no email is known any more', async () => {
    await start()
    expect((await grant(await h!.event('onboard', (p) => delete p.github_username))).outputs.result).toBe('pending')
    const file = join(h!.stateDir, 'people', 'E1042.json')
    const record = JSON.parse(await readFile(file, 'utf8'))
    delete record.person
    await writeFile(file, JSON.stringify(record))
    const r = await grant(await h!.event('offboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.byItem.invitation).toMatchObject({ action: 'cancel', result: 'changed', verified: true, after: null })
    expect(
      github()
        .state()
        .invitations.map((i) => i.status),
    ).toEqual(['cancelled'])
  })

  it('offboard fails when an email invitation was accepted by a login it cannot identify; github_username fixes it', async () => {
    await start()
    expect((await grant(await h!.event('onboard', (p) => delete p.github_username))).outputs.result).toBe('pending')
    // Accepted with an account whose email is private, in an org without SAML SSO or verified domains.
    github().acceptInvitation(EMAIL, { login: 'jdoe-private' })
    const r = await grant(await h!.event('offboard'))
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.byItem.account).toMatchObject({ result: 'failed', verified: false })
    expect(r.byItem.account!.reason).toMatch(
      /^invitation \d+ is neither pending nor failed.*accepted by an account onramp cannot identify.*the org has no SAML SSO.*Nothing is reported revoked: send the person's github_username.*ids\.github\.login.*rerun/,
    )
    expect(r.annotations.some((a) => a.level === 'error' && /cannot identify/.test(a.message))).toBe(true)
    expect((await h!.record('E1042'))?.steps.github).toMatchObject({ result: 'failed', verified: false })
    expect(github().state().orgs[0]!.members['jdoe-private']).toBe('member')
    expectNoPersonalData(r)

    const fixed = await grant(await h!.event('offboard', (p) => (p.github_username = 'jdoe-private')))
    expect(fixed.code, fixed.stdout).toBe(0)
    expect(fixed.byItem['org-membership']).toMatchObject({ action: 'remove', result: 'changed', verified: true })
    expect(github().state().orgs[0]!.members['jdoe-private']).toBeUndefined()
  })

  it('offboard finds who accepted an email invitation by public email (no rerun in between) and removes them', async () => {
    await start({ seed: { github: { users: [{ login: 'jdoe-gh', email: EMAIL }] } } })
    expect((await grant(await h!.event('onboard', (p) => delete p.github_username))).outputs.result).toBe('pending')
    github().acceptInvitation('jamie.doe@acme.com', { login: 'jdoe-gh' })
    const r = await grant(await h!.event('offboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.login).toBe('jdoe-gh')
    expect(r.byItem['org-membership']).toMatchObject({ action: 'remove', result: 'changed', verified: true })
    expect(github().state().orgs[0]!.members['jdoe-gh']).toBeUndefined()
    expect(
      github()
        .state()
        .teams.some((t) => t.members['jdoe-gh']),
    ).toBe(false)
  })

  it('never removes a protected login', async () => {
    await start()
    const r = await grant(await h!.event('onboard', (p) => (p.github_username = 'acme-breakglass')))
    expect(r.code).toBe(1)
    expect(r.byItem.account!.reason).toMatch(/protected/)
    const off = await grant(await h!.event('offboard'))
    expect(off.code).toBe(1)
    expect(off.byItem.account!.reason).toMatch(/protected/)
    expect(h!.mutations('github')).toEqual([])
    expect(github().state().orgs[0]!.members['acme-breakglass']).toBe('admin')
  })

  it('never removes nor changes an org owner: offboard and role change fail before any write', async () => {
    await start(
      withUser({
        github: {
          members: [{ org: ORG, login: LOGIN, role: 'admin' }],
          teamMembers: [{ org: ORG, team: 'backend', login: LOGIN }],
        },
      }),
    )
    await h!.onboarded()
    const change = await grant(
      await h!.event('role-change', (p) => {
        p.role = 'data-analyst'
        p.github_username = LOGIN
      }),
    )
    expect(change.code).toBe(1)
    expect(change.byItem['org-membership']!.reason).toMatch(/org owner/)
    expect(change.byItem['team:backend']).toBeUndefined()
    const off = await grant(await h!.event('offboard', (p) => (p.github_username = LOGIN)))
    expect(off.code).toBe(1)
    expect(off.outputs.result).toBe('failed')
    expect(off.byItem['org-membership']).toMatchObject({ result: 'failed', action: 'none', verified: false })
    expect(off.byItem['org-membership']!.reason).toMatch(/org owner/)
    expect(h!.mutations('github')).toEqual([])
    expect(github().state().orgs[0]!.members[LOGIN]).toBe('admin')
    expect(
      github()
        .state()
        .teams.find((t) => t.slug === 'backend')!.members[LOGIN],
    ).toBeDefined()
  })

  it('dry run: zero mutating calls, the summary says what would change', async () => {
    await start(withUser({ github: { members: [{ org: ORG, login: LOGIN }] } }))
    const r = await grant(await h!.event('onboard'), { 'dry-run': 'true' })
    expect(r.code, r.stdout).toBe(0)
    expect(h!.mutations('github')).toEqual([])
    expect(r.byItem['team:backend']!.reason).toBe('dry run: would create')
    expect(r.summary).toContain('Dry run')
    expect(await h!.record('E1042')).toBeUndefined()
  })
})

describe('grant-github bundle: isolation and transient faults', () => {
  it('one missing team fails only that item; the others are applied and the step says which', async () => {
    await start(withUser({ github: { members: [{ org: ORG, login: LOGIN }] } }))
    const dir = await mkdtemp(join(tmpdir(), 'onramp-gh-'))
    const roles = join(dir, 'roles.yaml')
    const text = await readFile(ROLES, 'utf8')
    await writeFile(
      roles,
      text.replace(
        '        - { slug: backend, role: member }',
        '        - { slug: backend, role: member }\n        - ghost',
      ),
    )
    const r = await grant(await h!.event('onboard'), { 'roles-file': roles })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.byItem['team:ghost']).toMatchObject({ result: 'failed' })
    expect(r.byItem['team:ghost']!.reason).toMatch(/PUT team ghost membership: GitHub 404/)
    expect(r.byItem['team:backend']).toMatchObject({ result: 'changed', verified: true })
    expect(r.byItem['team:engineering']).toMatchObject({ result: 'changed', verified: true })
    expect(r.annotations.some((a) => a.level === 'error' && /team:ghost/.test(a.message))).toBe(true)
  })

  it('an IdP-synced team answers 403: only that item fails', async () => {
    await start(withUser({ github: { members: [{ org: ORG, login: LOGIN }] } }))
    github().setIdpSynced(ORG, 'engineering')
    const r = await grant(await h!.event('onboard'))
    expect(r.outputs.result).toBe('failed')
    expect(r.byItem['team:engineering']!.reason).toMatch(/403.*external group/)
    expect(r.byItem['team:backend']).toMatchObject({ result: 'changed' })
  })

  it('recovers from a 429, a secondary-limit 403 and a 5xx', async () => {
    await start(withUser({ github: { members: [{ org: ORG, login: LOGIN }] } }))
    const faults = h!.sandbox.emulators.github.faults
    const reset = String(Math.ceil(Date.now() / 1000) + 1)
    faults.script(
      {
        match: { route: 'PUT /orgs/{org}/teams/{team_slug}/memberships/{username}' },
        times: 1,
        respond: {
          status: 429,
          headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
          body: { message: 'API rate limit exceeded for user ID 1.' },
        },
      },
      {
        match: { route: 'PUT /orgs/{org}/teams/{team_slug}/memberships/{username}' },
        times: 1,
        respond: {
          status: 403,
          body: {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          },
        },
      },
      {
        match: { route: 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}' },
        times: 1,
        respond: { status: 502 },
      },
      { match: { route: 'GET /orgs/{org}/memberships/{username}' }, times: 1, reset: true },
    )
    const r = await grant(await h!.event('onboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    const statuses = h!.sandbox.log.list({ emulator: 'github' }).map((e) => e.status)
    expect(statuses).toEqual(expect.arrayContaining([429, 403, 502, 0]))
    const teams = github().state().teams
    expect(teams.find((t) => t.slug === 'backend')!.members[LOGIN]).toEqual({ role: 'member', state: 'active' })
    expect(teams.find((t) => t.slug === 'engineering')!.members[LOGIN]).toEqual({ role: 'member', state: 'active' })
  })
})
