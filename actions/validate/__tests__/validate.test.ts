// validate through its built bundle under the runner contract: the sample event passes; every bad case fails
// with an annotation that names the place and the rule, and never echoes the raw value.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signEvent } from '@onramp/core'
import { editPayload, runBundle, SANDBOX_EVENT_KEY } from '@onramp/core/testing'
import { describe, expect, it } from 'vitest'

const root = new URL('../../..', import.meta.url).pathname
const action = join(root, 'actions', 'validate')
const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/events/onboard.json'), 'utf8'))
const accessFixtures = join(root, 'packages/core/test/fixtures/access')
const inputs = {
  'roles-file': join(root, '.github/access/roles.yaml'),
  'guardrails-file': join(root, '.github/access/guardrails.yaml'),
  'event-key': SANDBOX_EVENT_KEY,
}

/** The sample with its payload changed through a flat view (person fields as if top-level). */
function withPayload(change: (p: Record<string, unknown>) => void) {
  const event = structuredClone(sample)
  editPayload(event.client_payload, change)
  return event
}

/** Runs validate on `event`, signed with the sandbox key unless `sign` is false or it carries a signature. */
async function validate(event: unknown, extraInputs: Record<string, string> = {}, sign = true) {
  return runBundle(action, {
    inputs: { ...inputs, ...extraInputs },
    event,
    eventName: 'repository_dispatch',
    signWith: sign ? SANDBOX_EVENT_KEY : undefined,
  })
}

/** A field of the payload, top-level or under `person`. */
const at = (field: string) => new RegExp(`client_payload\\.(?:person\\.)?${field}`)

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
      expectRejected(await validate(withPayload((p) => delete p[field])), at(field))
    })
    it(`rejects a wrong-typed ${field}`, async () => {
      expectRejected(await validate(withPayload((p) => (p[field] = 12345))), at(field))
    })
  }

  it('rejects an unknown key', async () => {
    expectRejected(await validate(withPayload((p) => (p.is_admin = 'yes'))), /client_payload/)
  })

  const bad: [string, string, string, RegExp][] = [
    ['email', 'email', 'jamie@acme.com.evil.io', at('email')],
    ['email', 'email', 'jamie＠acme.com', at('email')],
    ['email', 'email', `${'a'.repeat(65)}@acme.com`, at('email')],
    ['email', 'email', `${'a'.repeat(60)}@${'b'.repeat(190)}.acme.com`, at('email')],
    ['name', 'name', 'Jamie\u202eeoD', at('name')],
    ['name', 'name', 'Jаmie Doe', at('name')], // Cyrillic а in a Latin name
    ['name', 'name', 'Jamie\nNODE_OPTIONS=--require ./evil.js', at('name')],
    ['role', 'role', 'backend-engineer ', at('role')],
    ['role', 'role', 'Backend-Engineer', at('role')],
    ['role', 'role', '__proto__', at('role')],
    ['role', 'role', 'constructor', at('role')],
  ]
  for (const [label, field, value, where] of bad) {
    it(`rejects ${label} ${JSON.stringify(value).slice(0, 40)} without echoing it`, async () => {
      expectRejected(await validate(withPayload((p) => (p[field] = value))), where, value)
    })
  }

  describe('signed events', () => {
    const signed = (event: typeof sample, key: string, at: Date, type = event.action) => {
      const e = structuredClone(event)
      e.client_payload.signature = signEvent(key, type, e.client_payload, at)
      return e
    }
    const refusedFor = (r: Awaited<ReturnType<typeof validate>>, rule: RegExp) => {
      expectRejected(r, rule)
      // The annotation names the rule, never the signature or a key.
      // (Mask registrations carry the key by design: the runner needs it.)
      const stdout = r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      const printed = `${stdout}\n${r.stderr}`
      expect(printed).not.toContain(SANDBOX_EVENT_KEY)
      expect(printed).not.toMatch(/v1=[0-9a-f]{64}/)
    }

    it('refuses an unsigned event', async () => {
      refusedFor(await validate(sample, {}, false), /client_payload\.signature: required/)
    })
    it('refuses an event signed with another key', async () => {
      refusedFor(await validate(signed(sample, 'not-the-event-key-000000000000000', new Date())), /does not match/)
    })
    it('refuses a valid signature for another event type (onboard replayed as offboard)', async () => {
      const forged = signed(sample, SANDBOX_EVENT_KEY, new Date(), 'onboard')
      forged.action = 'offboard'
      refusedFor(await validate(forged), /client_payload\.signature: does not match/)
    })
    it('refuses a signature older than events.max-age', async () => {
      const old = signed(sample, SANDBOX_EVENT_KEY, new Date(Date.now() - 25 * 3600_000))
      refusedFor(await validate(old), /older than guardrails events\.max-age/)
    })
    it('refuses a signature dated more than 5 minutes ahead', async () => {
      const ahead = signed(sample, SANDBOX_EVENT_KEY, new Date(Date.now() + 10 * 60_000))
      refusedFor(await validate(ahead), /ahead of this runner's clock/)
    })
    it('refuses an occurred_at more than 5 minutes ahead, under a valid signature', async () => {
      const future = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z')
      refusedFor(
        await validate(withPayload((p) => (p.occurred_at = future))),
        /client_payload\.occurred_at: is more than 5 minutes ahead/,
      )
    })
    it('with no event key configured, refuses and says how to set it', async () => {
      const r = await validate(sample, { 'event-key': '' })
      expectRejected(r, /with\.event-key: not set.*ONRAMP_EVENT_KEY/)
    })
    it('accepts any of several keys (rotation), newline- or comma-separated', async () => {
      for (const keys of [
        `old-key-0000000000000000000000\n${SANDBOX_EVENT_KEY}`,
        `${SANDBOX_EVENT_KEY}, new-key-0000000000000000`,
      ]) {
        const r = await validate(sample, { 'event-key': keys })
        expect(r.code, r.stdout).toBe(0)
      }
    })
    it('still reads the flat version 1 payload, signed', async () => {
      const v1 = JSON.parse(readFileSync(join(root, 'test/fixtures/events/onboard-v1.json'), 'utf8'))
      const r = await validate(v1)
      expect(r.code, r.stdout).toBe(0)
      expect(r.outputs['employee-id']).toBe('E1042')
      refusedFor(await validate(v1, {}, false), /client_payload\.signature: required/)
    })
  })

  describe("a drain's wake-up (repository_dispatch drain)", () => {
    const wake = (client_payload: unknown) => ({ action: 'drain', client_payload })
    it('accepts an unsigned wake-up and names nobody: the access jobs take the next wave', async () => {
      for (const queue of ['joiners', 'leavers'] as const) {
        const r = await validate(wake({ queue }), {}, false)
        expect(r.code, r.stdout).toBe(0)
        expect(r.outputs).toMatchObject({ 'employee-id': '', 'event-type': 'drain', queue, 'intent-name': '' })
      }
    })
    it('refuses any other key, and a queue that is not joiners or leavers', async () => {
      const r = await validate(wake({ queue: 'joiners', person: { employee_id: 'E1' } }), {}, false)
      expectRejected(r, /client_payload\.person: not allowed in a drain wake-up/)
      expectRejected(await validate(wake({ queue: 'everyone' }), {}, false), /client_payload\.queue: must be one of/)
      expectRejected(await validate(wake([]), {}, false), /client_payload: must be an object/)
    })
    it('an HR event says its queue: leavers for an offboard, joiners else', async () => {
      expect((await validate(sample)).outputs.queue).toBe('joiners')
    })
  })

  it('refuses a payload nested 5,000 levels deep without crashing', async () => {
    // Written as text: JSON.stringify itself overflows on it.
    const deep = `${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}`
    const text = JSON.stringify(sample).replace('"Jamie Doe"', deep)
    const r = await runBundle(action, { inputs, eventText: text, eventName: 'repository_dispatch' })
    expectRejected(r, /event: is nested more than 32 levels deep/)
    expect(r.stdout).not.toMatch(/unexpected failure|call stack/i)
  })

  for (const name of ['Dev', 'Acme', 'E1042']) {
    it(`accepts the one-word name ${name}, a word of the plan, and keeps the plan and outputs whole`, async () => {
      const r = await validate(withPayload((p) => (p.name = name)))
      expect(r.code, r.stdout).toBe(0)
      expect(r.outputs['employee-id']).toBe('E1042')
      expect(r.summary).toContain('backend-engineer')
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

describe('validate bundle, guardrails aws.mode identity-center', () => {
  const ic = join(root, 'test/fixtures/access-identity-center')
  const icInputs = { 'roles-file': join(ic, 'roles.yaml'), 'guardrails-file': join(ic, 'guardrails.yaml') }

  it('accepts the Identity Center example and plans its assignments and groups', async () => {
    const r = await validate(sample, icInputs)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.summary).toContain('**AWS IAM Identity Center**')
    expect(r.summary).toContain('groups `aws-engineering`')
  })

  it('refuses a role naming a permission set outside the allowlist: file, line, field and rule, never the ARN', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onramp-validate-ic-'))
    const roles = join(dir, 'roles.yaml')
    const outside = 'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-9999999999999999'
    writeFileSync(
      roles,
      readFileSync(icInputs['roles-file'], 'utf8').replace(
        'arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1111111111111111',
        outside,
      ),
    )
    const r = await validate(sample, { ...icInputs, 'roles-file': roles })
    expectRejected(
      r,
      /roles\.backend-engineer\.aws\.identity-center\.assignments\[0\]\.permission-set: permission set is not in guardrails aws\.identity-center\.permission-sets/,
      'ps-9999999999999999',
    )
    const annotated = r.annotations.find((a) => a.level === 'error' && a.properties.file)
    expect(annotated?.properties.startLine ?? annotated?.properties.line).toBeDefined()
  })
})
