// grant-github bundle: a hire invited by email who accepted with an account whose email is private (GitHub's
// default). Each way onramp proves who accepted (SAML identity, verified-domain email, the ledger's login), the
// role change that must not re-invite a possible member, and the offboard that must not report a guess as revoked.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { checkGithubGraphql } from '@onramp/sandbox'
import { describe, expect, it } from 'vitest'
import { SAML_QUERY, verifiedDomainEmailsQuery } from '../src/github.js'
import { EMAIL, expectNoPersonalData, github, grant, h, ORG, start } from './support.js'

const PRIVATE = 'jdoe-private'
const byEmail = (p: Record<string, unknown>) => {
  delete p.github_username
}
const roleChange = () => h!.event('role-change', (p) => (p.role = 'data-analyst'))
const member = (login: string) => github().state().orgs[0]!.members[login]
const invitationPosts = () => h!.mutations('github').filter((m) => m.startsWith('POST /orgs/{org}/invitations'))

/** Onboard by email, then the hire accepts with an account that shows no public email. */
async function acceptedPrivately(options: { saml?: boolean } = {}) {
  await start()
  if (options.saml) github().setSaml(ORG, [])
  expect((await grant(await h!.event('onboard', byEmail))).outputs.result).toBe('pending')
  github().acceptInvitation(EMAIL, { login: PRIVATE })
  const id = github()
    .state()
    .users.find((u) => u.login === PRIVATE)!.id
  return { id }
}

describe('grant-github bundle: who accepted an email invitation, proven', () => {
  it('SAML SSO: the org identity for the email names the account; a role change moves its teams, no new invitation', async () => {
    const { id } = await acceptedPrivately({ saml: true })
    const posts = invitationPosts().length
    const r = await grant(await roleChange())
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.login).toBe(PRIVATE)
    expect(r.summary).toContain('accepted invitation (SAML identity)')
    expect(r.byItem['team:analytics']).toMatchObject({ action: 'create', result: 'changed', verified: true })
    expect(r.byItem['team:backend']).toMatchObject({ action: 'remove', result: 'changed', verified: true })
    expect(invitationPosts()).toHaveLength(posts)
    expect((await h!.record('E1042'))?.ids.github).toMatchObject({ login: PRIVATE, id })
    expect(h!.sandbox.log.list({ emulator: 'github' }).some((e) => e.route === 'POST /graphql')).toBe(true)
    expectNoPersonalData(r)

    const off = await grant(await h!.event('offboard'))
    expect(off.code, off.stdout).toBe(0)
    expect(off.byItem['org-membership']).toMatchObject({ action: 'remove', result: 'changed', verified: true })
    expect(member(PRIVATE)).toBeUndefined()
  })

  it('verified domain: the email the member holds on it names the account; offboard removes it, verified', async () => {
    const { id } = await acceptedPrivately()
    github().setVerifiedDomainEmails(ORG, PRIVATE, [EMAIL])
    const off = await grant(await h!.event('offboard'))
    expect(off.code, off.stdout).toBe(0)
    expect(off.summary).toContain('accepted invitation (verified-domain email)')
    expect(off.byItem['org-membership']).toMatchObject({ action: 'remove', result: 'changed', verified: true })
    expect(member(PRIVATE)).toBeUndefined()
    expect((await h!.record('E1042'))?.ids.github).toMatchObject({ login: PRIVATE, id })
  })

  it('nobody identified: a role change sends no invitation and fails with the repair; the ledger login then finds the member', async () => {
    await acceptedPrivately()
    const posts = invitationPosts().length
    const mutations = h!.mutations('github').length
    const r = await grant(await roleChange())
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.byItem.account!.reason).toMatch(
      /accepted by an account onramp cannot identify.*tried SAML identities: the org has no SAML SSO; verified-domain emails of 1 member\(s\): no match; public emails of 1 member\(s\): no match\. No new invitation is sent: .*ids\.github\.login in the ledger record/,
    )
    expect(r.byItem.invitation).toBeUndefined()
    expect(invitationPosts()).toHaveLength(posts)
    expect(h!.mutations('github')).toHaveLength(mutations)
    expect(member(PRIVATE)).toBe('member')
    expectNoPersonalData(r)

    // The repair the failure names: the login in the ledger record, then a rerun of the same event.
    const file = join(h!.stateDir, 'people', 'E1042.json')
    const record = JSON.parse(await readFile(file, 'utf8'))
    record.ids.github.login = PRIVATE
    await writeFile(file, JSON.stringify(record))
    const rerun = await h!.run('grant-github', {
      event: { inputs: { 'employee-id': 'E1042', 'event-type': 'role-change' } },
      eventName: 'workflow_dispatch',
      inputs: { 'employee-id': 'E1042', 'event-type': 'role-change', 'dry-run': 'false' },
    })
    expect(rerun.code, rerun.stdout).toBe(0)
    expect(rerun.summary).toContain('ledger login')
    expect(invitationPosts()).toHaveLength(posts)
    const teams = github().state().teams
    expect(teams.find((t) => t.slug === 'analytics')!.members[PRIVATE]).toEqual({ role: 'member', state: 'active' })
  })

  it('a leaver the ledger links to no account is still looked for by email, and removed when found', async () => {
    await start()
    expect((await grant(await h!.event('onboard', byEmail))).outputs.result).toBe('pending')
    // A move to a role without GitHub access cancels the invitation (the ledger forgets it); access granted
    // outside onramp afterwards is still the leaver's.
    const keep = await grant(await h!.event('role-change', (p) => (p.role = 'people-ops')))
    expect(keep.byItem.invitation).toMatchObject({ action: 'cancel', result: 'changed' })
    expect((await h!.record('E1042'))?.ids.github?.invitation_id).toBeUndefined()
    github().addMember(ORG, PRIVATE)
    github().setVerifiedDomainEmails(ORG, PRIVATE, [EMAIL])
    const off = await grant(await h!.event('offboard'))
    expect(off.code, off.stdout).toBe(0)
    expect(off.summary).toContain('email (verified-domain email)')
    expect(off.byItem['org-membership']).toMatchObject({ action: 'remove', result: 'changed', verified: true })
    expect(member(PRIVATE)).toBeUndefined()
  })

  it('GraphQL unavailable: the sources that answer are still asked, and the failure says what could not be read', async () => {
    await acceptedPrivately()
    h!.sandbox.emulators.github.faults.script({
      match: { route: 'POST /graphql' },
      times: 20,
      respond: { status: 502 },
    })
    const off = await grant(await h!.event('offboard'))
    expect(off.code).toBe(1)
    expect(off.byItem.account!.reason).toMatch(
      /SAML identities: could not be read \(GraphQL SAML identities: GitHub 502.*verified-domain emails: could not be read .*public emails of 1 member\(s\): no match\. Nothing is reported revoked/,
    )
    expect(member(PRIVATE)).toBe('member')
  })
})

describe('grant-github GraphQL queries', () => {
  it("are valid against GitHub's published GraphQL schema", async () => {
    expect(await checkGithubGraphql(SAML_QUERY)).toEqual([])
    expect(await checkGithubGraphql(verifiedDomainEmailsQuery(1))).toEqual([])
    expect(await checkGithubGraphql(verifiedDomainEmailsQuery(50))).toEqual([])
    expect((await checkGithubGraphql('{ user(login: "x") { verifiedEmails } }')).join()).toMatch(/verifiedEmails/)
  })
})

describe('grant-github bundle: the github_username an offboard names is checked', () => {
  it('refused for removal when it names another account than the ledger links to the person', async () => {
    await start({ seed: { github: { users: [{ login: 'jamie-doe-dev', id: 583231 }] } } })
    github().addMember(ORG, 'someone-else')
    expect((await grant(await h!.event('onboard'))).outputs.result).toBe('pending')
    const before = h!.mutations('github').length
    const off = await grant(await h!.event('offboard', (p) => (p.github_username = 'someone-else')))
    expect(off.code).toBe(1)
    expect(off.byItem.account!.reason).toMatch(
      /^github_username: names another account than the one the ledger links to the person \(id 583231\): refused for removal, nothing removed/,
    )
    expect(h!.mutations('github')).toHaveLength(before)
    expect(member('someone-else')).toBe('member')
  })

  it("refused for removal when it names another account than the org's SAML identity for the email", async () => {
    await acceptedPrivately({ saml: true })
    github().addMember(ORG, 'someone-else')
    const before = h!.mutations('github').length
    const off = await grant(await h!.event('offboard', (p) => (p.github_username = 'someone-else')))
    expect(off.code).toBe(1)
    expect(off.byItem.account!.reason).toMatch(
      /^github_username: names another account than the org's SAML identity for the person's email \(jdoe-private\): refused for removal, nothing removed/,
    )
    expect(h!.mutations('github')).toHaveLength(before)
    expect(member('someone-else')).toBe('member')
    expect(member(PRIVATE)).toBe('member')
    expectNoPersonalData(off)

    // The login the SAML identity names is accepted, and removed.
    const right = await grant(await h!.event('offboard', (p) => (p.github_username = PRIVATE)))
    expect(right.code, right.stdout).toBe(0)
    expect(member(PRIVATE)).toBeUndefined()
  })
})
