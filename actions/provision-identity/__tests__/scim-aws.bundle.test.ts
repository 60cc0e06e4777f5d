// provision-identity against IAM Identity Center's SCIM (the sandbox's aws-identity-center profile): groups come
// back without members, so membership is read with the `id eq … and members eq …` filter per group, and the
// unmanaged-groups report, which needs a read of the user's groups, says it could not be made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../../test/support/harness.js'
import { scimProfileFor } from '../src/scim.js'

const EMAIL = 'jamie.doe@acme.com'
let h: Harness
beforeAll(async () => {
  h = await startHarness({ options: { scim: { profile: 'aws-identity-center' } } })
})
afterAll(() => h.close())

const scim = () => h.sandbox.emulators.scim.emulator
const run = (event: unknown, profile = 'aws-identity-center') =>
  h.run('provision-identity', { event, inputs: { provider: 'scim', 'scim-profile': profile } })
function mark() {
  const seq = h.sandbox.log.list().at(-1)?.seq ?? 0
  const since = () => h.sandbox.log.list({ emulator: 'scim' }).filter((e) => e.seq > seq)
  return {
    mutations: () =>
      since()
        .filter((e) => e.mutating)
        .map((e) => `${e.route} ${e.status}`),
    memberReads: () => since().filter((e) => e.route === 'GET /Groups/{id}').length,
  }
}
const groupsOf = (userName: string) =>
  ['engineering', 'backend', 'analytics', 'design', 'people', 'hr-tools']
    .filter((g) => scim().groupMembers(g).includes(userName))
    .sort()
const unmanaged = (receipt: string | undefined) =>
  (JSON.parse(receipt ?? '[]') as { item: string }[]).find((x) => x.item === 'unmanaged-groups')

describe('provision-identity bundle (scim, IAM Identity Center)', () => {
  it('onboards, verifying membership by the members filter; the same event again changes nothing', async () => {
    const m = mark()
    const r = await run(await h.event('onboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')
    expect(groupsOf(EMAIL)).toEqual(['backend', 'engineering'])
    expect(m.mutations()).toEqual(['POST /Users 201', 'PATCH /Groups/{id} 200', 'PATCH /Groups/{id} 200'])
    expect(m.memberReads()).toBe(0) // GetGroup shows no members: never asked
    const receipts = JSON.parse(r.outputs.receipt!) as { item: string; verified: boolean; after: unknown }[]
    expect(receipts.find((x) => x.item === 'group:backend')).toMatchObject({ verified: true, after: 'member' })

    const again = mark()
    const r2 = await run(await h.event('onboard'))
    expect(r2.code, r2.stdout).toBe(0)
    expect(r2.outputs.result).toBe('unchanged')
    expect(again.mutations()).toEqual([])
  })

  it('says the unmanaged-groups report could not be made, in the receipts and the summary', async () => {
    const r = await run(await h.event('onboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(unmanaged(r.outputs.receipt)).toMatchObject({
      action: 'none',
      verified: false,
      result: 'unchanged',
      reason: expect.stringMatching(/^not produced: IAM Identity Center shows no group members/),
    })
    expect(r.summary).toContain('Unmanaged groups not reported')
    expect(r.summary).toContain('profile aws-identity-center')
  })

  it('keeps a group onramp never granted (added by hand), though another role names it', async () => {
    const id = scim().user(EMAIL)!.id
    const design = scim().group('design')!
    const base = h.sandbox.inputs['scim-base-url']!
    await fetch(`${base}/Groups/${design.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${h.sandbox.inputs['scim-token']}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
      }),
    })
    expect(groupsOf(EMAIL)).toEqual(['backend', 'design', 'engineering'])
    const m = mark()
    const r = await run(await h.event('onboard'))
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('unchanged')
    expect(groupsOf(EMAIL)).toEqual(['backend', 'design', 'engineering'])
    expect(m.mutations()).toEqual([])
  })

  it('role change: what onramp granted becomes exactly the new role’s, read through the members filter', async () => {
    const m = mark()
    const r = await run(await h.event('role-change'))
    expect(r.code, r.stdout).toBe(0)
    expect(groupsOf(EMAIL)).toEqual(['analytics', 'design'])
    expect(m.mutations()).toEqual(['PATCH /Groups/{id} 200', 'PATCH /Groups/{id} 200', 'PATCH /Groups/{id} 200'])
  })

  it('the generic profile against it fails loudly, never trusting the empty member lists', async () => {
    const m = mark()
    const r = await run(await h.event('role-change'), 'generic')
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(r.stdout).toMatch(/scim 400 invalidFilter/)
    expect(m.mutations()).toEqual([])
    expect(groupsOf(EMAIL)).toEqual(['analytics', 'design'])
  })
})

describe('scim-profile auto', () => {
  it('picks aws-identity-center for the IAM Identity Center SCIM endpoint only; an explicit profile wins', () => {
    expect(scimProfileFor('auto', 'https://scim.us-east-1.amazonaws.com/a1b2c3d4-e5f6/scim/v2')).toBe(
      'aws-identity-center',
    )
    expect(scimProfileFor('auto', 'https://scim.cn-north-1.amazonaws.com.cn/t/scim/v2')).toBe('aws-identity-center')
    expect(scimProfileFor('auto', 'https://api.example.com/scim/v2')).toBe('generic')
    expect(scimProfileFor('auto', 'https://scim.us-east-1.amazonaws.com.example.com/scim/v2')).toBe('generic')
    expect(scimProfileFor('generic', 'https://scim.us-east-1.amazonaws.com/t/scim/v2')).toBe('generic')
    expect(scimProfileFor('aws-identity-center', 'http://127.0.0.1:4000/scim/v2')).toBe('aws-identity-center')
  })
})
