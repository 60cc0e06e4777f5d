// A converge run reads the org's team memberships with list calls per team, once for the run, not one read per
// person and team: its calls grow with people + teams. The lists still see drift made by hand, and a repair's
// read-backs are real reads of each changed membership.
import { afterEach, expect, it } from 'vitest'
import {
  employeeId,
  login,
  measureConverge,
  roleTeams,
  type ScaleFixture,
  startScaleFixture,
} from '../../../test/support/converge-scale.js'
import { TEST_TIME_SCALE } from '../../../test/support/harness.js'

const TEAM_MEMBERSHIP = 'GET /orgs/{org}/teams/{team_slug}/memberships/{username}'
const TEAM_MEMBERS = 'GET /orgs/{org}/teams/{team_slug}/members'

let f: ScaleFixture | undefined
afterEach(async () => {
  await f?.close()
  f = undefined
})

it('reads team memberships from per-team lists: calls grow with people + teams, and drift is still found', async () => {
  const shape = { people: 12, teams: 6, roles: 3, roleChangeShare: 0.5 }
  f = await startScaleFixture(shape, TEST_TIME_SCALE)
  const clean = await measureConverge(f, 'github')
  expect(clean.results).toEqual({ unchanged: 12 })
  // Per person: the account by id and the org membership (the owner check and the item, each a fresh read); per team of the org (the map's and one more): two
  // lists of at most 100; one list of the org's teams. No per-person team membership read.
  const teams = shape.teams + 1
  expect(clean.by_route[TEAM_MEMBERSHIP]).toBeUndefined()
  expect(clean.by_route[TEAM_MEMBERS]).toBe(2 * teams)
  expect(clean.calls).toBe(3 * shape.people + 2 * teams + 1)
  expect(clean.writes).toBe(0)

  // Drift by hand: E000000 made maintainer of one of their teams, E000001 taken out of one of theirs.
  const github = f.sandbox.emulators.github
  const [a, b] = [roleTeams(shape, 0)[0]!, roleTeams(shape, 1)[0]!]
  github.emulator.addTeamMember('acme', a, login(0), 'maintainer')
  const removed = await fetch(`${github.url}/orgs/acme/teams/${b}/memberships/${login(1)}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${f.sandbox.inputs['github-token']}` },
  })
  expect(removed.status).toBe(204)

  const report = await measureConverge(f, 'github')
  expect(report.changes).toEqual({ [employeeId(0)]: [`team:${a}`], [employeeId(1)]: [`team:${b}`] })
  expect(report.writes).toBe(0)

  // Repair: two writes, each read back by a real read of that membership.
  const repair = await measureConverge(f, 'github', { dryRun: false })
  expect(repair.changes).toEqual(report.changes)
  expect(repair.writes).toBe(2)
  expect(repair.by_route[TEAM_MEMBERSHIP]).toBe(2)

  const after = await measureConverge(f, 'github')
  expect(after.changes).toEqual({})
})

it('lists the org’s pending invitations once for the run and once after each invitation, its failed ones once, and each team once', async () => {
  const shape = { people: 6, teams: 3, roles: 3, roleChangeShare: 0 }
  f = await startScaleFixture(shape, TEST_TIME_SCALE)
  // Everybody left the org by hand: the repair invites them back (by account id).
  const everybody = [0, 1, 2, 3, 4, 5]
  for (const p of everybody) {
    const res = await fetch(`${f.sandbox.emulators.github.url}/orgs/acme/memberships/${login(p)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${f.sandbox.inputs['github-token']}` },
    })
    expect(res.status).toBe(204)
  }
  const repair = await measureConverge(f, 'github', { dryRun: false })
  expect(Object.keys(repair.changes).sort()).toEqual(everybody.map(employeeId).sort())
  expect(repair.by_route['POST /orgs/{org}/invitations']).toBe(6)
  // The first person's read lists; each invitation's read-back lists again (and serves the next person's read).
  expect(repair.by_route['GET /orgs/{org}/invitations']).toBe(1 + 6)
  // Nothing this run does makes an invitation fail: the failed ones are listed once.
  expect(repair.by_route['GET /orgs/{org}/failed_invitations']).toBe(1)
  // Each team the invitations carry is looked up once for the run, not once per person (six people, three teams).
  expect(repair.by_route['GET /orgs/{org}/teams/{team_slug}']).toBeLessThanOrEqual(shape.teams)
})
