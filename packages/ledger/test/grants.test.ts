import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Grant, parseAccess, type UserError } from '@onramp/core'
import { describe, expect, it } from 'vitest'
import { personGrants, recordGrants } from '../src/grants.js'
import { emptyRecord, type LedgerRecord } from '../src/record.js'

const repo = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url))
const access = (grants?: string) =>
  parseAccess({
    roles: readFileSync(repo('.github/access/roles.yaml'), 'utf8'),
    guardrails: readFileSync(repo('.github/access/guardrails.yaml'), 'utf8'),
    grants,
  })
const DAY = 86_400_000
const NOW = Date.parse('2026-12-01T10:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()
const FILE = (until: string) =>
  `version: 1\ngrants:\n  - { id: q4, employee_id: E1, items: { github-teams: [analytics], slack-channels: ["#data"] }, until: "${until}", reason: project }\n`
const env = { GITHUB_SHA: 'abcdef0123456789' }

const workflowGrant: Grant = {
  id: 'run-5',
  items: { identity: ['group:analytics'] },
  from: iso(NOW),
  until: iso(NOW + 3 * DAY),
  requested_by: 'ana',
  source: 'workflow',
}

function record(over: Partial<LedgerRecord> = {}): LedgerRecord {
  return { ...emptyRecord('E1'), status: 'active', role: 'backend-engineer', ...over }
}

describe('a person’s grants in a step', () => {
  it('brings grants.yaml in, with who approved it, and refuses one past grants.max-days', () => {
    const [g] = personGrants(access(FILE(iso(NOW + 7 * DAY))), 'E1', [], NOW, env)
    expect(g).toMatchObject({
      id: 'q4',
      from: iso(NOW),
      source: 'file',
      approved_by: expect.stringContaining('abcdef012345'),
    })
    expect(personGrants(access(FILE(iso(NOW + 7 * DAY))), 'E2', [], NOW, env)).toEqual([])
    try {
      personGrants(access(FILE(iso(NOW + 20 * DAY))), 'E1', [], NOW, env)
      expect.unreachable()
    } catch (e) {
      expect((e as UserError).problems).toEqual([
        {
          file: 'grants.yaml',
          field: 'grants[0].until',
          rule: 'more than grants.max-days (14) after the grant starts',
        },
      ])
    }
  })

  it('records grants and their expiry tasks, keeping other tasks and done stamps', () => {
    const event = { step: 'github' as const, why: 'start' as const, due: iso(NOW - DAY), event_id: 'hr-1' }
    const r = record({ grants: [workflowGrant], schedule: [event] })
    const ctx = { access: access(), eventType: 'onboard', result: 'changed' as const, env, now: NOW }
    recordGrants(r, ctx)
    expect(r.schedule).toEqual([
      event,
      { step: 'identity', why: 'grant-expiry', due: workflowGrant.until, grant_id: 'run-5' },
      { step: 'notify', why: 'grant-expiry', due: workflowGrant.until, grant_id: 'run-5' },
    ])
    r.schedule![1]!.done_at = iso(NOW + 4 * DAY)
    recordGrants(r, { ...ctx, now: NOW + 4 * DAY })
    expect(r.schedule![1]!.done_at).toBe(iso(NOW + 4 * DAY))
    // Nobody with grants: nothing added to the record (a rerun writes nothing).
    const bare = record()
    recordGrants(bare, ctx)
    expect(bare).toEqual(record())
  })

  it('an offboard that takes effect ends every grant; a withdrawn file grant ends withdrawn', () => {
    const r = record({ grants: [workflowGrant] })
    const ctx = { access: access(FILE(iso(NOW + 7 * DAY))), env, now: NOW }
    recordGrants(r, { ...ctx, eventType: 'onboard', result: 'changed' })
    expect(r.grants!.map((g) => g.id)).toEqual(['run-5', 'q4'])
    recordGrants(r, { ...ctx, access: access(), eventType: 'onboard', result: 'unchanged', now: NOW + DAY })
    expect(r.grants![1]!.ended).toEqual({ at: iso(NOW + DAY), why: 'withdrawn' })
    recordGrants(r, { ...ctx, eventType: 'offboard', result: 'scheduled', now: NOW + DAY })
    expect(r.grants![0]!.ended).toBeUndefined()
    recordGrants(r, { ...ctx, eventType: 'offboard', result: 'changed', now: NOW + 2 * DAY })
    expect(r.grants!.map((g) => g.ended)).toEqual([
      { at: iso(NOW + 2 * DAY), why: 'offboarded' },
      { at: iso(NOW + DAY), why: 'withdrawn' },
    ])
    // Ended grants leave nothing to do at their end.
    expect(r.schedule).toEqual([])
  })
})
