// provision-identity on a role change to a role that names no identity groups (`account: 'keep'`), through the
// built bundle against the sandbox's Okta: the old role's managed groups go, the account itself is left alone.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, ROLES, startHarness } from '../../../test/support/harness.js'

const EMAIL = 'jamie.doe@acme.com'
const PERSONAL = [EMAIL, 'Jamie Doe', 'Jamie', 'riley.manager@acme.com']

let h: Harness
let dir: string
let roles: string
beforeAll(async () => {
  // Every role in the repo's map names identity groups: add one that names none.
  dir = await mkdtemp(join(tmpdir(), 'onramp-roles-'))
  roles = join(dir, 'roles.yaml')
  await writeFile(
    roles,
    `${await readFile(ROLES, 'utf8')}\n  contractor:\n    description: Works on one project\n    slack: { channels: ["#contractors"] }\n`,
  )
  // An unmanaged group of the person's, so the report is seen to leave it alone.
  // These tests are about other behaviour: an org where activation completes without a password (federated
  // sign-in), so activation gives ACTIVE. Okta's default, PROVISIONED, is tested in okta-oauth.bundle and e2e.
  h = await startHarness({
    options: { okta: { provisionedWithoutPassword: false } },
    seed: {
      okta: {
        users: [
          {
            id: '00useed0000000000001',
            profile: { login: 'sam.roe@acme.com', email: 'sam.roe@acme.com', employeeNumber: 'E2001' },
            groupNames: ['Everyone-Acme'],
          },
        ],
      },
    },
  })
})
afterAll(async () => {
  await h.close()
  await rm(dir, { recursive: true, force: true })
})

const okta = () => h.sandbox.emulators.okta.emulator
const user = (login: string) =>
  okta()
    .state()
    .users.find((u) => u.profile.login === login)
const groupsOf = (login: string) =>
  okta()
    .state()
    .groups.filter((g) => g.members.includes(login))
    .map((g) => g.name)
    .sort()
function mark() {
  const seq = h.sandbox.log.list().at(-1)?.seq ?? 0
  return () =>
    h.sandbox.log
      .list({ emulator: 'okta', mutating: true })
      .filter((e) => e.seq > seq)
      .map((e) => `${e.route} ${e.status}`)
}
const run = (event: unknown) => h.run('provision-identity', { event, inputs: { 'roles-file': roles } })
const toContractor = (employeeId: string, eventId: string) =>
  h.event('role-change', (p) => {
    p.employee_id = employeeId
    p.event_id = eventId
    p.role = 'contractor'
  })

describe('provision-identity bundle: role change to a role without identity (keep)', () => {
  it('removes the managed groups, keeps the account as it is, verified; the same event again changes nothing', async () => {
    expect((await run(await h.event('onboard'))).code).toBe(0)
    const okta0 = user(EMAIL)!
    // An unmanaged group the person also holds: reported, never removed.
    const everyone = okta()
      .state()
      .groups.find((g) => g.name === 'Everyone-Acme')!.id
    const res = await fetch(`${h.sandbox.inputs['okta-org-url']}/api/v1/groups/${everyone}/users/${okta0.id}`, {
      method: 'PUT',
      headers: { authorization: `SSWS ${h.sandbox.inputs['okta-token']}` },
    })
    expect(res.status).toBe(204)
    expect(groupsOf(EMAIL)).toEqual(['Everyone-Acme', 'backend', 'engineering'])
    const before = JSON.stringify({ status: okta0.status, profile: okta0.profile })

    const mutations = mark()
    const r = await run(await toContractor('E1042', 'hr-keep-1'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(mutations()).toEqual([
      'DELETE /api/v1/groups/{groupId}/users/{userId} 204',
      'DELETE /api/v1/groups/{groupId}/users/{userId} 204',
    ])
    expect(groupsOf(EMAIL)).toEqual(['Everyone-Acme'])
    const after = user(EMAIL)!
    expect(after.id).toBe(okta0.id)
    expect(JSON.stringify({ status: after.status, profile: after.profile })).toBe(before)
    const receipts = JSON.parse(r.outputs.receipt!)
    for (const g of ['backend', 'engineering'])
      expect(receipts.find((x: any) => x.item === `group:${g}`)).toMatchObject({
        action: 'remove',
        verified: true,
        result: 'changed',
      })
    expect(receipts.map((x: any) => x.item)).not.toContain('user')
    expect(receipts.find((x: any) => x.item === 'unmanaged-groups')).toMatchObject({ before: ['Everyone-Acme'] })
    expect(r.outputs['identity-id']).toBe(okta0.id)
    expect(r.summary).toContain('the account left as it is')
    const printed = [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs)].join('\n')
    for (const p of PERSONAL) expect(printed.replaceAll(/::add-mask::.*\n/g, '')).not.toContain(p)
    expect(await h.record('E1042')).toMatchObject({ role: 'contractor', steps: { identity: { verified: true } } })

    const again = mark()
    const r2 = await run(await toContractor('E1042', 'hr-keep-1'))
    expect(r2.code, r2.stdout).toBe(0)
    expect(r2.outputs.result).toBe('unchanged')
    expect(again()).toEqual([])
  })

  it('a person with no account in the identity provider: unchanged, no mutating call', async () => {
    const mutations = mark()
    const users = okta().state().users.length
    // Onboarded by onramp (a role-change needs that), the account since removed in the identity provider.
    await writeFile(
      join(h.stateDir, 'people', 'E8001.json'),
      JSON.stringify({
        employee_id: 'E8001',
        status: 'active',
        role: 'backend-engineer',
        ids: {},
        steps: {},
        notified: {},
        last_event: { event_id: 'hr-keep-none-0', type: 'onboard', occurred_at: '2026-11-01T00:00:00Z' },
      }),
    )
    const r = await run(await toContractor('E8001', 'hr-keep-none-1'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('unchanged')
    expect(mutations()).toEqual([])
    expect(okta().state().users).toHaveLength(users)
    expect(JSON.parse(r.outputs.receipt!).every((x: any) => x.result === 'unchanged' && x.verified)).toBe(true)
  })
})
