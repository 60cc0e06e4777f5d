// grant-github bundle, role change to a role that names no GitHub access (people-ops: `account: 'keep'`): the
// old role's managed teams go, the org membership stays as it is, and nothing is ever invited.
import { describe, expect, it } from 'vitest'
import { expectNoPersonalData, github, grant, h, LOGIN, ORG, start, withUser } from './support.js'

const toPeopleOps = (githubUsername?: string) =>
  h!.event('role-change', (p) => {
    p.role = 'people-ops'
    if (githubUsername) p.github_username = githubUsername
  })
const membersOf = (slug: string) =>
  github()
    .state()
    .teams.find((t) => t.slug === slug)!.members

describe('grant-github bundle: role change to a role without GitHub access (keep)', () => {
  it('removes the managed teams, keeps the org membership, reports unmanaged teams; a rerun changes nothing', async () => {
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
    expect(membersOf('backend')[LOGIN]).toEqual({ role: 'member', state: 'active' })
    const before = h!.mutations('github').length

    const r = await grant(await toPeopleOps())
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(h!.mutations('github').slice(before)).toEqual([
      'DELETE /orgs/{org}/teams/{team_slug}/memberships/{username} 204',
      'DELETE /orgs/{org}/teams/{team_slug}/memberships/{username} 204',
    ])
    for (const slug of ['backend', 'engineering']) {
      expect(r.byItem[`team:${slug}`]).toMatchObject({
        action: 'remove',
        after: null,
        verified: true,
        result: 'changed',
      })
      expect(membersOf(slug)[LOGIN]).toBeUndefined()
    }
    // No org-membership item at all: keep never writes it.
    expect(r.byItem['org-membership']).toBeUndefined()
    expect(r.byItem.invitation).toBeUndefined()
    expect(github().state().orgs[0]!.members[LOGIN]).toBe('member')
    expect(membersOf('book-club')[LOGIN]).toBeDefined()
    expect(r.byItem['team:book-club']).toMatchObject({ action: 'none', result: 'unchanged' })
    expect(r.receipts.filter((x) => x.result !== 'unchanged').every((x) => x.verified)).toBe(true)
    expect(r.summary).toContain('the org membership left as it is')
    expect(await h!.record('E1042')).toMatchObject({ role: 'people-ops', steps: { github: { verified: true } } })
    expectNoPersonalData(r)

    const after = h!.mutations('github').length
    const again = await grant(await toPeopleOps())
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('unchanged')
    expect(h!.mutations('github').length).toBe(after)
  })

  it('cancels a pending invitation (it carries the old role’s teams) and sends none; a rerun changes nothing', async () => {
    await start(withUser())
    expect((await grant(await h!.event('onboard'))).outputs.result).toBe('pending')
    const before = h!.mutations('github').length

    const r = await grant(await toPeopleOps())
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(r.byItem.invitation).toMatchObject({ action: 'cancel', after: null, verified: true, result: 'changed' })
    expect(h!.mutations('github').slice(before)).toEqual(['DELETE /orgs/{org}/invitations/{invitation_id} 204'])
    const inv = github().state().invitations
    expect(inv.map((i) => i.status)).toEqual(['cancelled'])
    expect(github().state().orgs[0]!.members[LOGIN]).toBeUndefined()

    const after = h!.mutations('github').length
    const again = await grant(await toPeopleOps())
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('unchanged')
    expect(h!.mutations('github').length).toBe(after)
  })

  it('cancels a pending email invitation too; a rerun changes nothing', async () => {
    await start()
    expect((await grant(await h!.event('onboard', (p) => delete p.github_username))).outputs.result).toBe('pending')
    const r = await grant(await toPeopleOps())
    expect(r.code, r.stdout).toBe(0)
    expect(r.byItem.invitation).toMatchObject({ action: 'cancel', after: null, verified: true, result: 'changed' })
    expect(
      github()
        .state()
        .invitations.map((i) => i.status),
    ).toEqual(['cancelled'])
    expectNoPersonalData(r)
    const after = h!.mutations('github').length
    const again = await grant(await toPeopleOps())
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('unchanged')
    expect(h!.mutations('github').length).toBe(after)
  })

  it('a person with no org membership and no invitation: unchanged, no mutating call', async () => {
    await start(withUser())
    await h!.onboarded()
    // The GitHub user exists (so the invitation list is read), but is in no org and invited nowhere.
    const r = await grant(await toPeopleOps(LOGIN))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('unchanged')
    expect(r.byItem.invitation).toMatchObject({ action: 'none', result: 'unchanged', verified: true })
    expect(h!.mutations('github')).toEqual([])
    expect(github().state().invitations).toEqual([])
  })
})
