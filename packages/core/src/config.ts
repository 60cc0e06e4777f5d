// Loads and checks .github/access/roles.yaml and guardrails.yaml. Anything wrong is a UserError naming
// file, line, column, field and rule; values from the files are never quoted. An empty or unparseable role
// map fails: it never means "no access for anyone".

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { type Problem, UserError } from './errors.js'
import {
  type SchemaError,
  schemas,
  type Validator,
  validateGrants,
  validateGuardrails,
  validateRoles,
} from './generated/validators.js'
import { type FileGrant, type GrantKind, grantItemProblems, grantItems, untilMs } from './grants.js'
import type { Guardrails, IdentityCenterGuardrails, Role, RoleMap, TeamGrant, TeamRole } from './types.js'
import { escapePointer, Locator, parseYaml } from './yaml.js'

export interface Access {
  roles: RoleMap
  guardrails: Guardrails
  /** grants.yaml beside roles.yaml (time-bound grants); empty when there is no such file. */
  grants?: FileGrant[]
}

export const DEFAULT_ROLES_FILE = '.github/access/roles.yaml'
export const DEFAULT_GUARDRAILS_FILE = '.github/access/guardrails.yaml'
/** Time-bound grants live beside the role map: `<roles file's folder>/grants.yaml`. */
export const GRANTS_FILE_NAME = 'grants.yaml'

/**
 * The identifiers of the access files (role keys, groups, teams, org, channels, policies) as one text, without
 * the free-text descriptions: the words a plan, summary or output may carry that are never personal data.
 */
export function accessIdentifiers(access: Access): string {
  return JSON.stringify(access, (key, value) => (key === 'description' || key === 'reason' ? undefined : value))
}

/** Reads and checks a role map file. */
export function loadRoleMap(file: string): RoleMap {
  return parseRoleMap(readText(file), file)
}

/** Checks role map text; `file` names it in errors. */
export function parseRoleMap(text: string, file = 'roles.yaml'): RoleMap {
  return checkedRoles(text, file).roles
}

export function loadGuardrails(file: string): Guardrails {
  return parseGuardrails(readText(file), file)
}

export function parseGuardrails(text: string, file = 'guardrails.yaml'): Guardrails {
  const { data, locator } = checked(text, file, validateGuardrails, schemas.guardrails)
  const problems = [
    ...awsModeProblems(data.aws, locator, file),
    ...timeZoneProblems(data.dates, locator, file),
    ...grantPolicyProblems(data, locator, file),
  ]
  if (problems.length > 0) throw new UserError(problems)
  return toGuardrails(data)
}

/** A policy a grant may attach must be one onramp's role may attach at all (aws.allowed-policies). */
function grantPolicyProblems(data: any, locator: Locator, file: string): Problem[] {
  const allowed = new Set<string>(data.aws?.['allowed-policies'] ?? [])
  const listed: string[] = data.grants?.allowed?.['aws-policies'] ?? []
  return listed.flatMap((arn, i) =>
    allowed.has(arn)
      ? []
      : [
          {
            file,
            ...locator.locate(`/grants/allowed/aws-policies/${i}`, false),
            field: `grants.allowed.aws-policies[${i}]`,
            rule: 'policy is not in guardrails aws.allowed-policies',
          },
        ],
  )
}

/** A zone name of the right shape that this runtime's time zone database does not know is refused here. */
function timeZoneProblems(dates: any, locator: Locator, file: string): Problem[] {
  const zone = dates?.['time-zone']
  if (zone === undefined) return []
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return []
  } catch {
    return [
      {
        file,
        ...locator.locate('/dates/time-zone', false),
        field: 'dates.time-zone',
        rule: 'not a known IANA time zone',
      },
    ]
  }
}

const IAM_USER_KEYS = ['user-path', 'permissions-boundary', 'allowed-policies'] as const

/** `aws.mode` decides which keys the aws section needs: Identity Center's, or the IAM-user ones, never both. */
function awsModeProblems(aws: any, locator: Locator, file: string): Problem[] {
  if (!aws) return []
  const problems: Problem[] = []
  const at = (pointer: string, field: string, rule: string, atKey = false) =>
    problems.push({ file, ...locator.locate(pointer, atKey), field, rule })
  if (aws.mode === 'identity-center') {
    if (!aws['identity-center']) at('/aws', 'aws', "missing required key 'identity-center' (aws.mode identity-center)")
    for (const key of IAM_USER_KEYS)
      if (key in aws) at(`/aws/${key}`, `aws.${key}`, 'only with aws.mode iam-users', true)
    const ic = aws['identity-center']
    const instance = ic ? instanceIdOf(ic['instance-arn']) : undefined
    ic?.['permission-sets']?.forEach((arn: string, i: number) => {
      if (instanceIdOf(arn) !== instance)
        at(
          `/aws/identity-center/permission-sets/${i}`,
          `aws.identity-center.permission-sets[${i}]`,
          'permission set of another instance than aws.identity-center.instance-arn',
        )
    })
  } else {
    for (const key of IAM_USER_KEYS)
      if (!(key in aws)) at('/aws', 'aws', `missing required key '${key}' (aws.mode iam-users, the default)`)
    if ('identity-center' in aws)
      at('/aws/identity-center', 'aws.identity-center', 'only with aws.mode identity-center', true)
  }
  return problems
}

/** `ssoins-…` of an instance or permission set ARN. */
function instanceIdOf(arn: string | undefined): string | undefined {
  return arn ? /:(?:instance|permissionSet)\/((?:sso)?ins-[^/]+)/.exec(arn)?.[1] : undefined
}

/** Loads both files and checks them against each other. */
export function loadAccess(files: { rolesFile?: string; guardrailsFile?: string } = {}): Access {
  const rolesFile = files.rolesFile || DEFAULT_ROLES_FILE
  const guardrailsFile = files.guardrailsFile || DEFAULT_GUARDRAILS_FILE
  const grantsFile = join(dirname(rolesFile), GRANTS_FILE_NAME)
  return parseAccess({
    roles: readText(rolesFile),
    rolesFile,
    guardrails: readText(guardrailsFile),
    guardrailsFile,
    ...(existsSync(grantsFile) ? { grants: readText(grantsFile), grantsFile } : {}),
  })
}

export function parseAccess(src: {
  roles: string
  guardrails: string
  rolesFile?: string
  guardrailsFile?: string
  /** grants.yaml's text, if there is one. */
  grants?: string
  grantsFile?: string
}): Access {
  const rolesFile = src.rolesFile ?? 'roles.yaml'
  const guardrailsFile = src.guardrailsFile ?? 'guardrails.yaml'
  // Report both files' problems together rather than one file per run.
  const problems: Problem[] = []
  let roles: { roles: RoleMap; locator: Locator } | undefined
  let guardrails: Guardrails | undefined
  try {
    roles = checkedRoles(src.roles, rolesFile)
  } catch (e) {
    if (!(e instanceof UserError)) throw e
    problems.push(...e.problems)
  }
  try {
    guardrails = parseGuardrails(src.guardrails, guardrailsFile)
  } catch (e) {
    if (!(e instanceof UserError)) throw e
    problems.push(...e.problems)
  }
  if (roles && guardrails) problems.push(...crossCheck(roles.roles, roles.locator, rolesFile, guardrails))
  let grants: FileGrant[] = []
  if (src.grants !== undefined && guardrails) {
    try {
      grants = parseGrants(src.grants, guardrails, src.grantsFile ?? GRANTS_FILE_NAME)
    } catch (e) {
      if (!(e instanceof UserError)) throw e
      problems.push(...e.problems)
    }
  }
  if (problems.length > 0 || !roles || !guardrails) throw new UserError(problems)
  return { roles: roles.roles, guardrails, grants }
}

/**
 * Checks grants.yaml against guardrails: ids unique, every item in `grants.allowed`, `until` a real date or
 * date-time. How long each grant lasts is checked against `grants.max-days` where the clock is known (the
 * step, the plan), from when the grant was first recorded.
 */
export function parseGrants(text: string, guardrails: Guardrails, file = GRANTS_FILE_NAME): FileGrant[] {
  const { data, locator } = checked(text, file, validateGrants, schemas.grants)
  const problems: Problem[] = []
  const seen = new Set<string>()
  const out: FileGrant[] = []
  ;(data.grants as any[]).forEach((g, i) => {
    const at = (pointer: string, field: string, rule: string) =>
      problems.push({ file, ...locator.locate(`/grants/${i}${pointer}`, false), field: `grants[${i}]${field}`, rule })
    if (seen.has(g.id)) at('/id', '.id', 'grant id listed twice')
    seen.add(g.id)
    const kinds = g.items as Partial<Record<GrantKind, string[]>>
    for (const p of grantItemProblems(kinds, guardrails, `grants[${i}].items`)) {
      const sub = (p.field ?? '')
        .slice(`grants[${i}]`.length)
        .replace(/\.([a-z-]+)/g, '/$1')
        .replace(/\[(\d+)\]/g, '/$1')
      problems.push({ file, ...locator.locate(`/grants/${i}${sub}`, false), field: p.field, rule: p.rule })
    }
    const until = untilMs(g.until, guardrails.dates.timeZone)
    if (until === undefined) at('/until', '.until', 'not a real date or date-time')
    out.push({
      id: g.id,
      employeeId: g.employee_id,
      items: grantItems(kinds),
      until: new Date(until ?? 0).toISOString(),
      reason: g.reason,
      index: i,
    })
  })
  if (problems.length > 0) throw new UserError(problems)
  return out
}

function crossCheck(map: RoleMap, locator: Locator, file: string, g: Guardrails): Problem[] {
  const problems: Problem[] = []
  const at = (pointer: string, field: string, rule: string) =>
    problems.push({ file, ...locator.locate(pointer, true), field, rule })
  const allowed = new Set(g.aws?.allowedPolicies ?? [])
  for (const [name, role] of Object.entries(map.roles)) {
    const base = `/roles/${escapePointer(name)}`
    const field = `roles.${name}`
    if (role.github && !g.github) at(`${base}/github`, `${field}.github`, 'needs a github section in guardrails')
    if (role.slack && !g.slack) at(`${base}/slack`, `${field}.slack`, 'needs a slack section in guardrails')
    if (role.aws && !g.aws && !g.identityCenter) at(`${base}/aws`, `${field}.aws`, 'needs an aws section in guardrails')
    else if (role.aws && g.identityCenter) identityCenterRole(role, base, field, g.identityCenter)
    else if (role.aws?.identityCenter)
      at(`${base}/aws/identity-center`, `${field}.aws.identity-center`, 'needs guardrails aws.mode identity-center')
    else if (role.aws) {
      role.aws.policies.forEach((arn, i) => {
        if (!allowed.has(arn))
          at(
            `${base}/aws/policies/${i}`,
            `${field}.aws.policies[${i}]`,
            'policy is not in guardrails aws.allowed-policies',
          )
      })
    }
  }
  return problems

  /** A role in Identity Center mode: no IAM-user access, and only the allowlisted accounts, sets and groups. */
  function identityCenterRole(role: Role, base: string, field: string, ic: IdentityCenterGuardrails) {
    const aws = role.aws!
    const iamUser = (aws.groups.length ? ['groups'] : [])
      .concat(aws.policies.length ? ['policies'] : [])
      .concat(aws.console !== undefined ? ['console'] : [])
    for (const key of iamUser)
      at(
        `${base}/aws/${key}`,
        `${field}.aws.${key}`,
        'IAM-user access: not used with guardrails aws.mode identity-center',
      )
    const accounts = new Set(ic.accounts)
    const sets = new Set(ic.permissionSets)
    const groups = new Set(ic.groups)
    aws.identityCenter?.assignments.forEach((a, i) => {
      const p = `${base}/aws/identity-center/assignments/${i}`
      const f = `${field}.aws.identity-center.assignments[${i}]`
      if (!accounts.has(a.account))
        at(`${p}/account`, `${f}.account`, 'account is not in guardrails aws.identity-center.accounts')
      if (!sets.has(a.permissionSet))
        at(
          `${p}/permission-set`,
          `${f}.permission-set`,
          'permission set is not in guardrails aws.identity-center.permission-sets',
        )
    })
    aws.identityCenter?.groups.forEach((name, i) => {
      if (!groups.has(name))
        at(
          `${base}/aws/identity-center/groups/${i}`,
          `${field}.aws.identity-center.groups[${i}]`,
          'group is not in guardrails aws.identity-center.groups',
        )
    })
  }
}

function checkedRoles(text: string, file: string): { roles: RoleMap; locator: Locator } {
  const { data, locator } = checked(text, file, validateRoles, schemas.roles)
  const roles = toRoleMap(data)
  const problems: Problem[] = []
  for (const [name, role] of Object.entries(roles.roles)) {
    const seen = new Set<string>()
    role.github?.teams.forEach((t, i) => {
      if (seen.has(t.slug)) {
        const pointer = `/roles/${escapePointer(name)}/github/teams/${i}`
        problems.push({
          file,
          ...locator.locate(pointer),
          field: `roles.${name}.github.teams[${i}]`,
          rule: 'team listed twice',
        })
      }
      seen.add(t.slug)
    })
  }
  if (problems.length > 0) throw new UserError(problems)
  return { roles, locator }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new UserError({
      file,
      rule: code === 'ENOENT' ? 'file not found' : `file cannot be read (${code ?? 'error'})`,
    })
  }
}

function checked(text: string, file: string, validate: Validator, schema: Record<string, unknown>) {
  const data = parseYaml(text, file)
  const locator = new Locator(text)
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError({ file, line: 1, column: 1, rule: 'must be a mapping with version and its entries' })
  }
  if (!validate(data)) {
    const problems = explain(validate.errors ?? [], data, schema).map((p) => ({
      file,
      ...locator.locate(p.pointer, p.atKey),
      field: p.field,
      rule: p.rule,
    }))
    throw new UserError(dedupe(problems))
  }
  return { data: data as any, locator }
}

interface Explained {
  pointer: string
  atKey: boolean
  field: string
  rule: string
}

// Turns ajv errors into rules a reviewer can act on. Uses keywords, key names and schema titles only.
function explain(errors: SchemaError[], data: unknown, schema: Record<string, unknown>): Explained[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath))
  const out: Explained[] = []
  for (const e of errors) {
    let pointer = e.instancePath
    let atKey = false
    if (e.keyword === 'propertyNames') continue // the inner error names the key
    const propertyName = (e as { propertyName?: string }).propertyName
    if (typeof propertyName === 'string') {
      pointer = `${pointer}/${escapePointer(propertyName)}`
      atKey = true
    }
    // A team is a slug or a {slug, role} mapping: report only the branch that matches what was written.
    const branchOf = [...oneOfAt].find((p) => pointer === p || pointer.startsWith(`${p}/`))
    if (branchOf !== undefined) {
      const value = valueAt(data, branchOf)
      if (e.keyword === 'oneOf') {
        if (typeof value === 'string' || (value !== null && typeof value === 'object' && !Array.isArray(value)))
          continue
      } else if (
        typeof value === 'string' ? e.schemaPath.startsWith('#/oneOf/') : !e.schemaPath.startsWith('#/oneOf/1/')
      )
        continue
    }
    let rule: string
    switch (e.keyword) {
      case 'required':
        rule = `missing required key '${String(e.params.missingProperty)}'`
        break
      case 'additionalProperties':
        pointer = `${pointer}/${escapePointer(String(e.params.additionalProperty))}`
        atKey = true
        rule = 'unknown key'
        break
      case 'const':
        rule = `must be ${JSON.stringify(e.params.allowedValue)}`
        break
      case 'enum':
        rule = `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
        break
      case 'oneOf':
        rule = 'must be a team slug or a mapping {slug, role: member|maintainer}'
        break
      case 'minProperties':
        rule = pointer === '/roles' ? 'at least one role is required' : 'must not be empty'
        break
      case 'pattern':
      case 'maxLength':
      case 'minLength': {
        const s = schemaAt(schema, e.schemaPath)
        rule = s?.title ? `not a valid ${s.title}: ${s.description ?? e.message}` : (e.message ?? e.keyword)
        break
      }
      case 'uniqueItems':
        rule = `items ${String(e.params.j)} and ${String(e.params.i)} are the same`
        break
      default:
        rule = e.message ?? e.keyword
    }
    out.push({ pointer, atKey, field: toField(pointer), rule })
  }
  return out
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const k = `${p.field}\0${p.rule}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function schemaAt(
  schema: Record<string, unknown>,
  schemaPath: string,
): { title?: string; description?: string } | undefined {
  // Only `#/$defs/<name>/…` and `#/properties/…` paths are absolute in the generated code.
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1)
  if (parts[0] !== '$defs' && parts[0] !== 'properties') return undefined
  let node: unknown = schema
  for (const part of parts)
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  return node && typeof node === 'object' ? (node as { title?: string; description?: string }) : undefined
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    node = node && typeof node === 'object' && Object.hasOwn(node, part) ? (node as any)[part] : undefined
  }
  return node
}

/** `/roles/backend/aws/policies/0` -> `roles.backend.aws.policies[0]`. */
export function toField(pointer: string): string {
  let out = ''
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part
  }
  return out
}

// Schema-valid data -> the typed shapes, with defaults applied. Roles go into a null-prototype object so
// `__proto__`, `constructor` and friends are never found by lookup.
function toRoleMap(data: any): RoleMap {
  const roles: Record<string, Role> = Object.create(null)
  for (const [name, r] of Object.entries<any>(data.roles)) {
    const role: Role = { description: r.description }
    if (r.identity) role.identity = { groups: [...(r.identity.groups ?? [])] }
    if (r.github)
      role.github = {
        teams: (r.github.teams ?? []).map(
          (t: string | { slug: string; role?: TeamRole }): TeamGrant =>
            typeof t === 'string' ? { slug: t, role: 'member' } : { slug: t.slug, role: t.role ?? 'member' },
        ),
      }
    if (r.aws) {
      role.aws = { groups: [...(r.aws.groups ?? [])], policies: [...(r.aws.policies ?? [])] }
      if (r.aws.console !== undefined) role.aws.console = r.aws.console
      const ic = r.aws['identity-center']
      if (ic)
        role.aws.identityCenter = {
          assignments: (ic.assignments ?? []).map((a: any) => ({
            account: a.account,
            permissionSet: a['permission-set'],
          })),
          groups: [...(ic.groups ?? [])],
        }
    }
    if (r.slack) role.slack = { channels: [...(r.slack.channels ?? [])] }
    if (r.setup) role.setup = { repos: [...(r.setup.repos ?? [])] }
    roles[name] = role
  }
  return { version: 1, roles }
}

function toGuardrails(d: any): Guardrails {
  const g: Guardrails = {
    version: 1,
    emailDomains: [...d['email-domains']],
    events: { maxAgeSeconds: durationSeconds(d.events?.['max-age'] ?? '24h') },
    guard: { maxRemovals: d.guard?.['max-removals'] ?? 100, maxShare: (d.guard?.['max-share'] ?? 25) / 100 },
    dates: {
      timeZone: d.dates?.['time-zone'] ?? 'UTC',
      joiner: {
        githubDaysBefore: d.dates?.joiner?.['github-days-before'] ?? 0,
        awsDaysBefore: d.dates?.joiner?.['aws-days-before'] ?? 0,
        welcomeDaysBefore: d.dates?.joiner?.['welcome-days-before'] ?? 3,
      },
      leaver: {
        ...(d.dates?.leaver?.['deactivate-after-days'] !== undefined
          ? { deactivateAfterDays: d.dates.leaver['deactivate-after-days'] }
          : {}),
        ...(d.dates?.leaver?.['delete-after-days'] !== undefined
          ? { deleteAfterDays: d.dates.leaver['delete-after-days'] }
          : {}),
      },
    },
  }
  if (d.grants) {
    const a = d.grants.allowed ?? {}
    g.grants = {
      maxDays: d.grants['max-days'] ?? 30,
      allowed: {
        identityGroups: [...(a['identity-groups'] ?? [])],
        githubTeams: [...(a['github-teams'] ?? [])],
        awsPolicies: [...(a['aws-policies'] ?? [])],
        awsGroups: [...(a['aws-groups'] ?? [])],
        slackChannels: [...(a['slack-channels'] ?? [])],
      },
    }
  }
  if (d.github)
    g.github = {
      org: d.github.org,
      protectedLogins: [...(d.github['protected-logins'] ?? [])],
      maxInvitationResends: d.github['max-invitation-resends'] ?? 3,
      invitationCap: d.github['invitation-cap'] ?? 50,
      invitationDeadlineDays: d.github['invitation-deadline-days'] ?? 14,
      maxRemovals: d.github['max-removals'] ?? 10,
    }
  if (d.aws?.mode === 'identity-center') {
    const ic = d.aws['identity-center']
    g.identityCenter = {
      instanceArn: ic['instance-arn'],
      identityStoreId: ic['identity-store-id'],
      region: ic.region,
      startUrl: ic['start-url'],
      users: ic.users ?? 'idp',
      onOffboard: ic['on-offboard'] ?? 'keep',
      accounts: [...ic.accounts],
      permissionSets: [...ic['permission-sets']],
      groups: [...(ic.groups ?? [])],
    }
  } else if (d.aws)
    g.aws = {
      userPath: d.aws['user-path'],
      permissionsBoundary: d.aws['permissions-boundary'],
      allowedPolicies: [...d.aws['allowed-policies']],
    }
  if (d.slack) g.slack = { announceChannel: d.slack['announce-channel'], alertsChannel: d.slack['alerts-channel'] }
  return g
}

const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const

/** `90m`, `24h`, `7d` (already checked by the schema) in seconds. */
function durationSeconds(s: string): number {
  return Number(s.slice(0, -1)) * UNIT_SECONDS[s.slice(-1) as keyof typeof UNIT_SECONDS]
}
