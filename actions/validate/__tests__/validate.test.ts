// validate through its built bundle under the runner contract: the sample event passes; every bad case fails
// with an annotation that names the place and the rule, and never echoes the raw value.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runBundle } from '@onramp/core/testing'
import { describe, expect, it } from 'vitest'

const root = new URL('../../..', import.meta.url).pathname
const action = join(root, 'actions', 'validate')
const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/events/onboard.json'), 'utf8'))
const accessFixtures = join(root, 'packages/core/test/fixtures/access')
const inputs = {
  'roles-file': join(root, '.github/access/roles.yaml'),
  'guardrails-file': join(root, '.github/access/guardrails.yaml'),
}

function withPayload(change: (p: Record<string, unknown>) => void) {
  const event = structuredClone(sample)
  change(event.client_payload)
  return event
}

async function validate(event: unknown, extraInputs: Record<string, string> = {}) {
  return runBundle(action, { inputs: { ...inputs, ...extraInputs }, event, eventName: 'repository_dispatch' })
}

function expectRejected(r: Awaited<ReturnType<typeof validate>>, where: string | RegExp, raw?: string) {
  expect(r.code).toBe(1)
  const messages = r.annotations.filter((a) => a.level === 'error').map((a) => a.message)
  expect(messages.join('\n')).toMatch(where)
  if (raw) {
    const printed = `${r.stdout}\n${r.stderr}\n${JSON.stringify(r.annotations)}\n${r.summary}`
    expect(printed).not.toContain(raw)
  }
  expect(r.outputs['employee-id']).toBeUndefined()
}

describe('validate bundle', () => {
  it('accepts the sample onboard event and outputs ids only', async () => {
    const r = await validate(sample)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs).toMatchObject({
      result: 'unchanged',
      'employee-id': 'E1042',
      'event-type': 'onboard',
      role: 'backend-engineer',
      'dry-run': 'false',
    })
    expect(JSON.parse(r.outputs.systems!)).toEqual(['identity', 'github', 'aws', 'slack'])
    // The plan in words, per system; no HTML table.
    expect(r.summary).toContain('onboard of `E1042` as `backend-engineer`')
    expect(r.summary).toContain('- **Identity provider**: an active account in groups `engineering`, `backend`')
    expect(r.summary).not.toContain('<table>')
    for (const personal of ['jamie.doe@acme.com', 'Jamie Doe', 'riley.manager@acme.com'])
      expect(JSON.stringify(r.outputs) + r.summary).not.toContain(personal)
  })

  it('normalises ` A@ACME.com ` and accepts it', async () => {
    const r = await validate(withPayload((p) => (p.email = ' Jamie.Doe@ACME.com ')))
    expect(r.code, r.stdout).toBe(0)
  })

  for (const field of ['employee_id', 'event_id', 'occurred_at', 'name', 'email', 'role']) {
    it(`rejects a missing ${field}`, async () => {
      expectRejected(await validate(withPayload((p) => delete p[field])), new RegExp(`client_payload\\.${field}`))
    })
    it(`rejects a wrong-typed ${field}`, async () => {
      expectRejected(await validate(withPayload((p) => (p[field] = 12345))), new RegExp(`client_payload\\.${field}`))
    })
  }

  it('rejects an unknown key', async () => {
    expectRejected(await validate(withPayload((p) => (p.is_admin = 'yes'))), /client_payload/)
  })

  const bad: [string, string, string, RegExp][] = [
    ['email', 'email', 'jamie@acme.com.evil.io', /client_payload\.email/],
    ['email', 'email', 'jamie＠acme.com', /client_payload\.email/],
    ['email', 'email', `${'a'.repeat(65)}@acme.com`, /client_payload\.email/],
    ['email', 'email', `${'a'.repeat(60)}@${'b'.repeat(190)}.acme.com`, /client_payload\.email/],
    ['name', 'name', 'Jamie\u202eeoD', /client_payload\.name/],
    ['name', 'name', 'Jаmie Doe', /client_payload\.name/], // Cyrillic а in a Latin name
    ['name', 'name', 'Jamie\nNODE_OPTIONS=--require ./evil.js', /client_payload\.name/],
    ['role', 'role', 'backend-engineer ', /client_payload\.role/],
    ['role', 'role', 'Backend-Engineer', /client_payload\.role/],
    ['role', 'role', '__proto__', /client_payload\.role/],
    ['role', 'role', 'constructor', /client_payload\.role/],
  ]
  for (const [label, field, value, where] of bad) {
    it(`rejects ${label} ${JSON.stringify(value).slice(0, 40)} without echoing it`, async () => {
      expectRejected(await validate(withPayload((p) => (p[field] = value))), where, value)
    })
  }

  const brokenRoles: [string, RegExp][] = [
    ['syntax-error.txt', /syntax-error\.txt:\d+/],
    ['duplicate-key.yaml', /duplicate-key\.yaml:\d+/],
    ['unknown-key.yaml', /unknown-key\.yaml:\d+/],
    ['policy-not-allowed.yaml', /policy-not-allowed\.yaml:\d+/],
    ['empty.yaml', /empty\.yaml/],
  ]
  for (const [file, where] of brokenRoles) {
    it(`rejects roles file ${file} with file, line and rule, never as "no access"`, async () => {
      const r = await validate(sample, { 'roles-file': join(accessFixtures, file) })
      expectRejected(r, where)
      const annotated = r.annotations.find((a) => a.level === 'error' && a.properties.file)
      expect(annotated?.properties.file).toContain(file)
    })
  }
})
