// The org's invitation lists grow a page per 100 pending hires, and a drain reads them for every person: a read
// before a change takes this process's last listing, a read-back and the first read after this process changed an
// invitation ask GitHub.
import { createOctokit } from '@onramp/core/github'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { GUARDRAILS, ROLES } from '../../../test/support/harness.js'
import { GithubApi } from '../src/github.js'

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ roles: ROLES, guardrails: GUARDRAILS })
})
afterAll(() => sandbox.close())

const listings = () => sandbox.log.list({ route: 'GET /orgs/{org}/invitations' }).length

it('lists once until this process changes an invitation; a fresh read always lists', async () => {
  const api = new GithubApi(
    createOctokit({ token: sandbox.inputs['github-token'], baseUrl: sandbox.inputs['github-api-url'], fast: true }),
    'acme',
  )
  const start = listings()
  expect(await api.invitations()).toEqual([])
  expect(await api.invitations()).toEqual([])
  expect(listings() - start).toBe(1)

  const id = await api.inviteByEmail('new.hire@acme.com', [])
  // The process changed an invitation: its next read asks GitHub, and sees it.
  expect((await api.invitations()).map((i) => i.id)).toEqual([id])
  expect(listings() - start).toBe(2)
  // By someone else (the UI): a read before a change does not see it, a read-back does.
  const other = await fetch(`${sandbox.inputs['github-api-url']}/orgs/acme/invitations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.inputs['github-token']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'by.hand@acme.com', role: 'direct_member' }),
  })
  expect(other.status).toBe(201)
  expect(await api.invitations()).toHaveLength(1)
  expect(await api.invitations({ fresh: true })).toHaveLength(2)
  expect(listings() - start).toBe(3)

  await api.cancelInvitation(id)
  expect((await api.invitations()).map((i) => i.email)).toEqual(['by.hand@acme.com'])
  expect(listings() - start).toBe(4)
})
