import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  accessIdentifiers,
  loadAccess,
  loadGuardrails,
  loadRoleMap,
  parseAccess,
  parseGuardrails,
  parseRoleMap,
} from '../src/config.js'
import { UserError } from '../src/errors.js'

const repo = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url))
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/access/${name}`, import.meta.url))
const ROLES = repo('.github/access/roles.yaml')
const GUARDRAILS = repo('.github/access/guardrails.yaml')
const guardrailsText = readFileSync(GUARDRAILS, 'utf8')

function userError(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected a UserError')
}

describe('the committed access config', () => {
  it('loads, cross-checks and maps to the typed shapes', () => {
    const { roles, guardrails } = loadAccess({ rolesFile: ROLES, guardrailsFile: GUARDRAILS })
    expect(Object.keys(roles.roles).length).toBeGreaterThanOrEqual(3)
    expect(roles.roles['backend-engineer']?.github?.teams).toEqual([
      { slug: 'engineering', role: 'member' },
      { slug: 'backend', role: 'member' },
    ])
    expect(guardrails).toMatchObject({
      version: 1,
      emailDomains: ['acme.com'],
      github: { org: 'acme', invitationCap: 50, invitationDeadlineDays: 14, maxInvitationResends: 3, maxRemovals: 10 },
      aws: { userPath: '/onramp/', permissionsBoundary: 'arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary' },
      slack: { announceChannel: '#new-joiners', alertsChannel: '#onramp-alerts' },
    })
    // Every policy a role names is allowlisted.
    const used = Object.values(roles.roles).flatMap((r) => r.aws?.policies ?? [])
    for (const p of used) expect(guardrails.aws?.allowedPolicies).toContain(p)
  })

  it('keeps roles in a null-prototype object: inherited names never match', () => {
    const { roles } = loadRoleMap(ROLES)
    expect(Object.getPrototypeOf(roles)).toBeNull()
    for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(roles[k]).toBeUndefined()
      expect(Object.hasOwn(roles, k)).toBe(false)
    }
  })

  it('carries the yaml-language-server schema comment', () => {
    expect(readFileSync(ROLES, 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=..\/..\/packages\/core\/schema\/roles.schema.json/,
    )
    expect(guardrailsText).toMatch(
      /^# yaml-language-server: \$schema=..\/..\/packages\/core\/schema\/guardrails.schema.json/,
    )
  })

  it('CODEOWNERS guards access, workflows, policies and itself', () => {
    const owners = readFileSync(repo('.github/CODEOWNERS'), 'utf8')
    for (const path of ['/.github/access/', '/.github/workflows/', '/.github/CODEOWNERS', '/policies/'])
      expect(owners).toMatch(new RegExp(`^${path.replace(/[.*/]/g, '\\$&')}\\s+@`, 'm'))
  })
})

describe('bad roles.yaml', () => {
  const load = (name: string) => userError(() => loadAccess({ rolesFile: fixture(name), guardrailsFile: GUARDRAILS }))

  it('YAML syntax error: file, line, column and rule', () => {
    // The fixture is .txt so that the repository's YAML linter does not trip over it.
    const e = load('syntax-error.txt')
    expect(e.problems[0]).toMatchObject({ file: fixture('syntax-error.txt'), line: 5 })
    expect(e.problems[0]?.column).toBeGreaterThan(0)
    expect(e.problems[0]?.rule).toMatch(/^YAML syntax: /)
    expect(e.message).not.toContain('engineering')
  })

  it('duplicate key is refused at its line', () => {
    const e = load('duplicate-key.yaml')
    expect(e.problems).toEqual([
      { file: fixture('duplicate-key.yaml'), line: 6, column: 3, rule: 'YAML syntax: duplicated mapping key' },
    ])
    expect(e.message).not.toContain('again')
  })

  it('unknown key names the key, its place and the rule', () => {
    const e = load('unknown-key.yaml')
    expect(e.problems).toEqual([
      {
        file: fixture('unknown-key.yaml'),
        line: 6,
        column: 5,
        field: 'roles.backend-engineer.admin',
        rule: 'unknown key',
      },
    ])
    expect(e.message).not.toContain('true')
  })

  it('a policy outside the allowlist fails at its line without quoting it', () => {
    const e = load('policy-not-allowed.yaml')
    expect(e.problems).toEqual([
      {
        file: fixture('policy-not-allowed.yaml'),
        line: 9,
        column: 11,
        field: 'roles.backend-engineer.aws.policies[1]',
        rule: 'policy is not in guardrails aws.allowed-policies',
      },
    ])
    expect(e.message).not.toContain('AdministratorAccess')
  })

  it('an empty file, null or no roles never means "no access"', () => {
    expect(load('empty.yaml').problems).toEqual([{ file: fixture('empty.yaml'), rule: 'the file is empty' }])
    expect(load('null.yaml').problems[0]).toMatchObject({
      file: fixture('null.yaml'),
      line: 1,
      rule: expect.stringMatching(/mapping/),
    })
    expect(load('no-roles.yaml').problems).toEqual([
      { file: fixture('no-roles.yaml'), line: 2, column: 8, field: 'roles', rule: 'at least one role is required' },
    ])
    expect(() => parseRoleMap('  \n# only a comment\n')).toThrow(UserError)
    expect(() => parseRoleMap('version: 1\n')).toThrow(/missing required key 'roles'/)
    expect(() => parseRoleMap('version: 1\nroles:\n')).toThrow(/roles: must be object/)
    expect(() => parseRoleMap('- a\n- b\n')).toThrow(/mapping/)
  })

  it('a missing file is a user error', () => {
    const e = userError(() => loadRoleMap(fixture('nope.yaml')))
    expect(e.problems).toEqual([{ file: fixture('nope.yaml'), rule: 'file not found' }])
  })

  it('checks role keys, slugs, channels, repos, ARNs and team roles by pattern', () => {
    const e = userError(() =>
      parseRoleMap(
        [
          'version: 2',
          'roles:',
          '  Admin:',
          '    description: x',
          '  ok-role:',
          '    description: fine',
          '    github:',
          '      teams: [Backend, { slug: web, role: superuser }, { slug: api, role: maintainer }]',
          '    slack: { channels: [general] }',
          '    setup: { repos: [acme, acme/ok, -acme/x, acme/..] }',
          '    aws: { policies: [arn:aws:iam::12:policy/x], console: "yes" }',
          '    identity: { groups: [" padded"] }',
        ].join('\n'),
        'roles.yaml',
      ),
    )
    const by = Object.fromEntries(e.problems.map((p) => [p.field, p]))
    expect(by.version).toMatchObject({ line: 1, rule: 'must be 1' })
    expect(by['roles.Admin']).toMatchObject({
      line: 3,
      column: 3,
      rule: expect.stringMatching(/^not a valid role name/),
    })
    expect(by['roles.ok-role.github.teams[0]']?.rule).toMatch(/^not a valid GitHub team slug/)
    expect(by['roles.ok-role.github.teams[1].role']).toMatchObject({
      line: 8,
      rule: 'must be one of "member", "maintainer"',
    })
    expect(by['roles.ok-role.github.teams[2]']).toBeUndefined()
    expect(by['roles.ok-role.slack.channels[0]']?.rule).toMatch(/^not a valid Slack channel/)
    expect(by['roles.ok-role.setup.repos[0]']?.rule).toMatch(/^not a valid repository/)
    expect(by['roles.ok-role.setup.repos[1]']).toBeUndefined()
    expect(by['roles.ok-role.setup.repos[2]']?.rule).toMatch(/^not a valid repository/)
    expect(by['roles.ok-role.setup.repos[3]']?.rule).toMatch(/^not a valid repository/)
    expect(by['roles.ok-role.aws.policies[0]']?.rule).toMatch(/^not a valid IAM managed policy ARN/)
    expect(by['roles.ok-role.aws.console']?.rule).toBe('must be boolean')
    expect(by['roles.ok-role.identity.groups[0]']?.rule).toMatch(/^not a valid identity group name/)
    expect(e.message).not.toContain('superuser')
    expect(e.message).not.toContain('padded')
  })

  it('refuses a team listed twice in one role, aliases and merge keys', () => {
    expect(() =>
      parseRoleMap(
        'version: 1\nroles:\n  r:\n    description: x\n    github: { teams: [web, { slug: web, role: maintainer }] }\n',
      ),
    ).toThrow(/roles.r.github.teams\[1\]: team listed twice/)
    expect(() =>
      parseRoleMap(
        'version: 1\nroles:\n  a:\n    description: x\n    identity: &g { groups: [x] }\n  b:\n    description: y\n    identity: *g\n',
      ),
    ).toThrow(/maxAliases/)
    expect(() => parseRoleMap('version: 1\nroles:\n  a:\n    <<: { description: x }\n')).toThrow(/unknown key/)
  })

  it('a role naming a system needs that guardrails section', () => {
    const e = userError(() =>
      parseAccess({
        roles:
          'version: 1\nroles:\n  r:\n    description: x\n    github: { teams: [web] }\n    slack: { channels: ["#a"] }\n',
        guardrails: 'version: 1\nemail-domains: [acme.com]\n',
      }),
    )
    expect(e.problems.map((p) => [p.field, p.line, p.rule])).toEqual([
      ['roles.r.github', 5, 'needs a github section in guardrails'],
      ['roles.r.slack', 6, 'needs a slack section in guardrails'],
    ])
  })
})

describe('bad guardrails.yaml', () => {
  it('applies defaults and maps kebab-case to camelCase', () => {
    const g = parseGuardrails('version: 1\nemail-domains: [acme.com]\ngithub: { org: acme }\n')
    expect(g.github).toEqual({
      org: 'acme',
      protectedLogins: [],
      maxInvitationResends: 3,
      invitationCap: 50,
      invitationDeadlineDays: 14,
      maxRemovals: 10,
    })
    expect(loadGuardrails(GUARDRAILS).github?.protectedLogins).toContain('onramp-bot')
  })

  it('events.max-age: 24 hours by default, minutes, hours or days up to 7 days', () => {
    const g = (extra: string) => parseGuardrails(`version: 1\nemail-domains: [acme.com]\n${extra}`)
    expect(g('').events).toEqual({ maxAgeSeconds: 86_400 })
    expect(g('events: { max-age: 90m }\n').events).toEqual({ maxAgeSeconds: 5400 })
    expect(g('events: { max-age: 168h }\n').events).toEqual({ maxAgeSeconds: 604_800 })
    expect(g('events: { max-age: 7d }\n').events).toEqual({ maxAgeSeconds: 604_800 })
    expect(() => g('events: { max-age: 24 }\n')).toThrow(/events\.max-age: must be string/)
    for (const bad of ['8d', '169h', '0h', '1w', '-1h'])
      expect(() => g(`events:\n  max-age: ${bad}\n`), bad).toThrow(
        /guardrails\.yaml:4:\d+ events\.max-age: not a valid events\.max-age: how long a signed HR event/,
      )
  })

  it('guard: at most 100 removals and 25% of managed people by default; max-share is a percentage', () => {
    const g = (extra: string) => parseGuardrails(`version: 1\nemail-domains: [acme.com]\n${extra}`)
    expect(g('').guard).toEqual({ maxRemovals: 100, maxShare: 0.25 })
    expect(g('guard: { max-removals: 5, max-share: 12.5 }\n').guard).toEqual({ maxRemovals: 5, maxShare: 0.125 })
    expect(g('guard: { max-share: 0 }\n').guard).toEqual({ maxRemovals: 100, maxShare: 0 })
    expect(() => g('guard:\n  max-share: 101\n')).toThrow(/guardrails\.yaml:4:\d+ guard\.max-share: must be <= 100/)
    expect(() => g('guard:\n  max-removals: -1\n')).toThrow(/guardrails\.yaml:4:\d+ guard\.max-removals: must be >= 0/)
    expect(() => g('guard:\n  max-removals: 1.5\n')).toThrow(/guard\.max-removals: must be integer/)
    expect(() => g('guard: { max-people: 3 }\n')).toThrow(/guard\.max-people: unknown key/)
  })

  it('rejects bad values with file, line and rule', () => {
    const e = userError(() =>
      parseGuardrails(
        [
          'version: 1',
          'email-domains: [ACME.com, acme.com.]',
          'github: { org: acme, invitation-cap: 100, max-removals: -1, owner: me }',
          'aws:',
          '  user-path: onramp',
          '  permissions-boundary: not-an-arn',
          '  allowed-policies: []',
          'slack: { announce-channel: "#a" }',
        ].join('\n'),
        'g.yaml',
      ),
    )
    const by = Object.fromEntries(e.problems.map((p) => [p.field, p]))
    expect(by['email-domains[0]']).toMatchObject({
      file: 'g.yaml',
      line: 2,
      rule: expect.stringMatching(/email domain/),
    })
    expect(by['email-domains[1]']?.rule).toMatch(/email domain/)
    expect(by['github.invitation-cap']?.rule).toBe('must be one of 50, 500')
    expect(by['github.max-removals']?.rule).toBe('must be >= 0')
    expect(by['github.owner']).toMatchObject({ line: 3, rule: 'unknown key' })
    expect(by['aws.user-path']).toMatchObject({ line: 5, rule: expect.stringMatching(/^not a valid IAM path/) })
    expect(by['aws.permissions-boundary']?.rule).toMatch(/ARN/)
    expect(by['aws.allowed-policies']?.rule).toMatch(/fewer than 1/)
    expect(by.slack?.rule).toBe("missing required key 'alerts-channel'")
    expect(e.message).not.toContain('not-an-arn')
    expect(e.message).not.toContain('ACME')
  })
})

describe('schemas', () => {
  const schemaFiles = ['roles.schema.json', 'guardrails.schema.json']

  it('close every object with additionalProperties: false', () => {
    for (const f of schemaFiles) {
      const schema = JSON.parse(readFileSync(new URL(`../schema/${f}`, import.meta.url), 'utf8'))
      const walk = (node: unknown, path: string) => {
        if (!node || typeof node !== 'object') return
        const n = node as Record<string, unknown>
        if (n.type === 'object' && !('propertyNames' in n)) expect(n.additionalProperties, `${f} ${path}`).toBe(false)
        for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`)
      }
      walk(schema, '#')
    }
  })

  it('nothing compiles schemas at run time (ajv costs ~100 ms per action start)', () => {
    for (const f of ['config.ts', 'yaml.ts', 'event.ts', 'plan.ts', 'index.ts'])
      expect(readFileSync(new URL(`../src/${f}`, import.meta.url), 'utf8'), f).not.toMatch(/from 'ajv/)
  })

  it('YAML syntax rules do not quote tokens from the file', () => {
    for (const text of ['roles: !secretvalue {}', 'roles: !<tag:secretvalue> {}', 'roles: *secretvalue']) {
      const e = userError(() => parseRoleMap(`version: 1\n${text}\n`))
      expect(e.problems[0]).toMatchObject({ line: 2, rule: expect.stringMatching(/^YAML syntax: /) })
      expect(e.message).not.toContain('secretvalue')
    }
  })

  it('the generated validators are current', () => {
    // Fails when a schema changed without `node scripts/generate-validators.mjs`.
    execFileSync(process.execPath, [repo('scripts/generate-validators.mjs'), '--check'], { stdio: 'pipe' })
  })
})

describe('accessIdentifiers', () => {
  it('carries the identifiers of both files and none of the descriptions', () => {
    const access = loadAccess({
      rolesFile: repo('.github/access/roles.yaml'),
      guardrailsFile: repo('.github/access/guardrails.yaml'),
    })
    const text = accessIdentifiers(access)
    expect(text).toContain('backend-engineer')
    expect(text).toContain('#onramp-alerts')
    for (const role of Object.values(access.roles.roles)) expect(text).not.toContain(role.description)
  })
})
