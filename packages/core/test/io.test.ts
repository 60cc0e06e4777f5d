import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAuditLog, keyedHash } from '../src/audit.js'
import { UserError } from '../src/errors.js'
import {
  COMMON_INPUTS,
  containsPersonalData,
  declarePublicData,
  getCommonInputs,
  getInputs,
  input,
  maskPersonalData,
  maskRecordsPersonalData,
  redactPersonalData,
  resetPersonalData,
  runAction,
  setOutputs,
  withholdPersonalData,
  writeSummary,
  writeSummaryMarkdown,
} from '../src/io.js'
import type { Receipt } from '../src/reconcile.js'
import { parseAnnotations, parseFileCommand } from '../src/testing/index.js'

let stdout: string[]
let saved: NodeJS.ProcessEnv
let dir: string

beforeEach(async () => {
  saved = { ...process.env }
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k]
  dir = await mkdtemp(join(tmpdir(), 'onramp-io-'))
  process.env.GITHUB_OUTPUT = join(dir, 'output')
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary')
  await writeFile(process.env.GITHUB_OUTPUT, '')
  await writeFile(process.env.GITHUB_STEP_SUMMARY, '')
  stdout = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
  resetPersonalData()
  core.summary.emptyBuffer()
})
afterEach(() => {
  vi.restoreAllMocks()
  process.env = saved
  process.exitCode = undefined
})

const setInputs = (values: Record<string, string>) => {
  for (const [k, v] of Object.entries(values)) process.env[`INPUT_${k.toUpperCase()}`] = v
}
const masks = () => stdout.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice(12).trim())

describe('getInputs', () => {
  const spec = {
    'org-name': input.string(),
    'api-url': input.string({ default: 'https://api.github.com' }),
    'dry-run': input.boolean(false),
    provider: input.enum(['okta', 'scim'] as const),
    mode: input.enum(['a', 'b'] as const, { optional: true }),
    token: input.secret(),
    'extra-token': input.secret({ required: false }),
    'max-removals': input.integer({ default: 5, min: 0, max: 100 }),
    note: input.optional(),
  }

  it('parses every kind into a typed camel-cased object', () => {
    setInputs({ 'ORG-NAME': 'acme', 'DRY-RUN': 'TRUE', PROVIDER: 'scim', TOKEN: 'ghs_secret', 'MAX-REMOVALS': '7' })
    const got = getInputs(spec)
    expect(got).toEqual({
      orgName: 'acme',
      apiUrl: 'https://api.github.com',
      dryRun: true,
      provider: 'scim',
      mode: undefined,
      token: 'ghs_secret',
      extraToken: undefined,
      maxRemovals: 7,
      note: undefined,
    })
    // typed: these assignments compile only with the right inferred types
    const p: 'okta' | 'scim' = got.provider
    const n: number = got.maxRemovals
    const b: boolean = got.dryRun
    expect([p, n, b]).toBeTruthy()
    expect(masks()).toEqual(['ghs_secret'])
  })

  it('empty boolean takes the default instead of throwing', () => {
    setInputs({ 'ORG-NAME': 'acme', PROVIDER: 'okta', TOKEN: 't', 'DRY-RUN': '' })
    expect(getInputs(spec).dryRun).toBe(false)
  })

  it('collects every problem into one UserError naming the inputs, never the values', () => {
    setInputs({ 'DRY-RUN': 'yes', PROVIDER: 'azure-secret-value', 'MAX-REMOVALS': '1000', MODE: 'c' })
    let error: unknown
    try {
      getInputs(spec)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    const problems = (error as UserError).problems
    expect(problems.map((p) => p.field)).toEqual([
      'with.org-name',
      'with.dry-run',
      'with.provider',
      'with.mode',
      'with.token',
      'with.max-removals',
    ])
    expect((error as Error).message).toContain('with.dry-run: must be true or false')
    expect((error as Error).message).not.toContain('azure-secret-value')
    expect((error as Error).message).not.toContain('1000')
  })

  it('rejects non-integers', () => {
    setInputs({ 'ORG-NAME': 'acme', PROVIDER: 'okta', TOKEN: 't', 'MAX-REMOVALS': '1.5' })
    expect(() => getInputs(spec)).toThrow('with.max-removals: must be an integer')
  })

  it('common inputs: defaults, patterns, and personal values masked on read', () => {
    setInputs({ EMAIL: 'Jane.Doe@Example.com', NAME: 'Jane Doe', 'EMPLOYEE-ID': 'E1042', 'STATE-TOKEN': 'tok' })
    const got = getCommonInputs()
    expect(got).toMatchObject({
      rolesFile: '.github/access/roles.yaml',
      guardrailsFile: '.github/access/guardrails.yaml',
      dryRun: false,
      state: 'github',
      stateToken: 'tok',
      employeeId: 'E1042',
      eventType: undefined,
      email: 'Jane.Doe@Example.com',
      name: 'Jane Doe',
    })
    expect(masks()).toEqual(
      expect.arrayContaining([
        'tok',
        'Jane.Doe@Example.com',
        'jane.doe@example.com',
        'JANE.DOE@EXAMPLE.COM',
        'Jane Doe',
      ]),
    )
    expect(containsPersonalData('hello JANE.doe@example.COM')).toBe(true)

    setInputs({ STATE: 'dropbox', 'EMPLOYEE-ID': '../etc', 'EVENT-TYPE': 'hire' })
    expect(() => getInputs(COMMON_INPUTS)).toThrow(
      /with\.state: must be github.*\n.*with\.employee-id: must be 1-64.*\n.*with\.event-type: must be one of onboard/,
    )
    setInputs({ STATE: 'file:/tmp/state', 'EMPLOYEE-ID': 'E1', 'EVENT-TYPE': 'offboard' })
    expect(getCommonInputs()).toMatchObject({ state: 'file:/tmp/state', eventType: 'offboard' })
    setInputs({ STATE: 'none' })
    expect(getCommonInputs().state).toBe('none')
  })
})

describe('personal data', () => {
  it('masks trimmed and case variants, skips empty values', () => {
    maskPersonalData({ email: ' A.B@Example.com ', name: '', id: 7, x: undefined })
    expect(stdout).toContain('::add-mask:: A.B@Example.com \n')
    // (The runner escapes '%' in a workflow command as %25.)
    expect(masks()).toEqual([
      'A.B@Example.com',
      'A.B@Example.com',
      'A.B%2540Example.com',
      'a.b@example.com',
      'a.b%2540example.com',
      'A.B@EXAMPLE.COM',
      'A.B%2540EXAMPLE.COM',
    ])
    expect(redactPersonalData('to a.b@EXAMPLE.com and A.B@example.com.')).toBe('to [personal] and [personal].')
  })

  it('masks and guards the NFC, NFD, URL-encoded and JSON-escaped forms', () => {
    maskPersonalData(['Zoë Ødegård'])
    const nfd = 'Zoë Ødegård'.normalize('NFD')
    expect(masks()).toEqual(expect.arrayContaining([nfd, 'Zo%C3%AB%20%C3%98deg%C3%A5rd'.replace(/%/g, '%25')]))
    expect(containsPersonalData(`hello ${nfd}`)).toBe(true)
    expect(containsPersonalData('GET /users?q=Zo%C3%AB%20%C3%98deg%C3%A5rd')).toBe(true)
    expect(containsPersonalData('q=Zo%C3%AB+%C3%98deg%C3%A5rd&x=1')).toBe(true)
    expect(containsPersonalData('{"name":"Zo\\u00eb \\u00d8deg\\u00e5rd"}')).toBe(true)
    expect(containsPersonalData('{"name":"Zo\\u00EB \\u00D8deg\\u00E5rd"}')).toBe(true)
    maskPersonalData(['Jo "JJ" Li'])
    expect(containsPersonalData('{"name":"Jo \\"JJ\\" Li"}')).toBe(true)
  })

  it('masks and guards each name part of three or more letters, not inside identifiers built from it', () => {
    maskPersonalData(['Jamie Li-Doe'])
    expect(masks()).toEqual(expect.arrayContaining(['Jamie', 'Doe']))
    expect(masks()).not.toContain('Li')
    expect(containsPersonalData('welcome, jamie!')).toBe(true)
    expect(containsPersonalData('Mr Doe.')).toBe(true)
    expect(containsPersonalData('login jamie-doe-dev, user jamie.doe+e1042')).toBe(false)
    expect(containsPersonalData('slack:#eng-lifecycle, li')).toBe(false)
    expect(redactPersonalData('Jamie Li-Doe and Jamie')).toBe('[personal] and [personal]')
  })

  it('a value or name part that is a word of the plan or an id is neither masked nor guarded', () => {
    declarePublicData({ text: ['{"org":"acme","teams":["dev","platform"]}'], ids: ['E1042', 'onboard'] })
    maskPersonalData(['Dev', 'Acme', 'E1042', 'Dev Acme'])
    expect(masks()).toEqual(expect.arrayContaining(['Dev Acme', 'dev acme']))
    for (const word of ['Dev', 'dev', 'Acme', 'acme', 'E1042', 'e1042']) expect(masks()).not.toContain(word)
    expect(containsPersonalData('org acme, team dev, employee E1042')).toBe(false)
    expect(containsPersonalData('hello Dev Acme')).toBe(true)
  })

  it('never masks a variant inside an id that travels as an output', () => {
    declarePublicData({ ids: ['EVE42'] })
    maskPersonalData(['Eve Smith'])
    for (const variant of ['EVE', 'Eve', 'eve']) expect(masks()).not.toContain(variant)
    expect(masks()).toEqual(expect.arrayContaining(['Smith', 'Eve Smith']))
    // Still guarded: an output or summary naming her is refused.
    expect(containsPersonalData('welcome Eve')).toBe(true)
    expect(containsPersonalData('employee EVE42')).toBe(false)
  })

  it('matches whole tokens only, so a short name does not trip on ordinary words', () => {
    maskPersonalData(['Li', 'o.brien@example.com'])
    expect(containsPersonalData('slack:#eng-lifecycle')).toBe(false)
    expect(containsPersonalData('welcome, LI!')).toBe(true)
    expect(containsPersonalData('to O.Brien@Example.com')).toBe(true)
    expect(containsPersonalData('to xo.brien@example.com')).toBe(false)
    expect(redactPersonalData('Li: li, lid')).toBe('[personal]: [personal], lid')
  })

  it('finds one person among hundreds, in any form, and a name with no ASCII or matched through case folding', () => {
    // Names of letters only (a digit would end a name part): Ann-b Lee-b, Ann-c Lee-c, …
    const word = (i: number) =>
      [...i.toString(26)].map((c) => String.fromCharCode(97 + Number.parseInt(c, 26))).join('')
    const people = Array.from({ length: 100 }, (_, i) => [`Ann${word(i)} Lee${word(i)}`, `a.${word(i)}@acme.com`])
    maskPersonalData(people.flat())
    maskPersonalData(['王伟', 'Kim Ng', 'Jess Moss'])
    expect(containsPersonalData('{"step":"github","item":"team:backend","result":"applied"}')).toBe(false)
    expect(redactPersonalData('invited A.BC%40ACME.COM for Annbx Leebx, then Leecq')).toBe(
      'invited [personal] for [personal], then [personal]',
    )
    expect(redactPersonalData('welcome 王伟')).toBe('welcome [personal]')
    // Matching ignores case as Unicode folds it: the Kelvin sign is a K, the long s an s.
    expect(redactPersonalData('welcome \u212aim Ng and Je\u017fs Mo\u017fs')).toBe('welcome [personal] and [personal]')
    maskPersonalData(['\u212aa\u017fa'])
    expect(redactPersonalData('welcome Kasa')).toBe('welcome [personal]')
  })

  it('outputs refuse personal data and stringify JSON', async () => {
    maskPersonalData(['jane@example.com'])
    expect(() => setOutputs({ result: 'changed', receipt: [{ item: 'user', note: 'Jane@example.com' }] })).toThrow(
      'refusing to output personal data in: receipt',
    )
    expect(await readFile(process.env.GITHUB_OUTPUT!, 'utf8')).toBe('') // nothing written at all
    setOutputs({
      result: 'changed',
      receipt: [{ item: 'user', verified: true }],
      'employee-id': 'E1042',
      skip: undefined,
    })
    expect(parseFileCommand(await readFile(process.env.GITHUB_OUTPUT!, 'utf8'))).toEqual({
      result: 'changed',
      receipt: '[{"item":"user","verified":true}]',
      'employee-id': 'E1042',
    })
  })
})

describe('writeSummary', () => {
  // @actions/core keeps the first GITHUB_STEP_SUMMARY path it saw; each test here has a file of its own.
  beforeEach(() => Reflect.set(core.summary, '_filePath', undefined))
  const receipts: Receipt[] = [
    {
      item: 'team:backend',
      action: 'create',
      desired: { role: 'member' },
      before: null,
      after: { role: 'member' },
      verified: true,
      result: 'changed',
    },
    {
      item: 'org',
      action: 'none',
      desired: 'active',
      before: 'pending',
      after: 'pending',
      verified: true,
      result: 'pending',
      reason: 'invited, <pending> acceptance',
    },
  ]

  it('writes Markdown: before → after per item, the result and its reason, escaped', async () => {
    await writeSummary({ title: 'grant-github E1042', receipts, note: 'dry run' })
    const md = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(md).toContain('## grant-github E1042\n\ndry run\n')
    expect(md).toContain('| Item | Before → after | Result |')
    expect(md).toContain('| `team:backend` | `absent` → `role member` | ✅ changed (create) |')
    expect(md).toContain('| `org` | `pending` | ⏳ pending: invited, &lt;pending&gt; acceptance |')
    expect(md).not.toContain('<table>')
  })

  it('withholds personal data: redacted in the summary, never a failed step', async () => {
    maskPersonalData(['jdoe@example.com', 'Will Person'])
    await writeSummary({ title: 't', receipts: [{ ...receipts[0]!, after: 'jdoe@example.com' }] })
    const md = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(md).not.toContain('jdoe@example.com')
    expect(md).toContain('`absent` → `[personal]`')
    // A name part that is also a word of the summary's own prose is withheld too, and the step goes on.
    await writeSummary({ title: 't', receipts: [receipts[1]!] })
    expect(await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')).not.toMatch(/\bperson\b/i)
  })
})

describe('records read in bulk (a plan across people)', () => {
  beforeEach(() => Reflect.set(core.summary, '_filePath', undefined))
  const records = [
    { employee_id: 'E1', person: { name: 'Jamie Doe', email: 'jamie.doe@acme.com', manager_email: 'riley@acme.com' } },
    { employee_id: 'E2', person: { name: 'Sam Lee' } },
    { employee_id: 'E3' },
  ]

  it('masks every name, email and manager email, and withholds them from a comment and the summary', async () => {
    maskRecordsPersonalData(records)
    const text = 'E1 (Jamie Doe, jamie.doe@acme.com) reports to riley@acme.com; E2 is Sam Lee; E3 has no record data'
    for (const secret of ['Jamie Doe', 'jamie.doe@acme.com', 'riley@acme.com', 'Sam Lee'])
      expect(stdout.join('')).toContain(`::add-mask::${secret}`)
    const comment = withholdPersonalData(text, 'the pull request comment')
    expect(comment).toBe('E1 ([personal], [personal]) reports to [personal]; E2 is [personal]; E3 has no record data')
    expect(stdout.join('')).toContain('::warning::onramp: personal data was withheld from the pull request comment')
    await writeSummaryMarkdown(`| ${text} |`)
    const md = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(md).not.toMatch(/Jamie|Doe|Sam|Lee\b|acme\.com/)
    expect(md).toContain('E1')
  })

  it('never masks the employee ids, even when a name part equals one', () => {
    maskRecordsPersonalData([{ employee_id: 'Dev', person: { name: 'Dev Patel' } }])
    expect(withholdPersonalData('Dev gains team:backend', 'x')).toBe('Dev gains team:backend')
    expect(withholdPersonalData('Patel', 'x')).toBe('[personal]')
  })
})

describe('runAction', () => {
  it('turns a UserError into annotations per problem and a failed step, then exits', async () => {
    const exit = vi.fn()
    await runAction(
      async () => {
        throw new UserError([
          {
            file: '.github/access/roles.yaml',
            line: 4,
            column: 7,
            field: 'roles.x.aws.policies[0]',
            rule: 'not in the allowlist',
          },
          { field: 'client_payload.email', rule: 'domain not allowlisted' },
        ])
      },
      { exit },
    )
    expect(parseAnnotations(stdout.join(''))).toEqual([
      {
        level: 'error',
        message: '.github/access/roles.yaml:4:7 roles.x.aws.policies[0]: not in the allowlist',
        properties: { title: 'onramp: invalid input', file: '.github/access/roles.yaml', line: '4', col: '7' },
      },
      {
        level: 'error',
        message: 'client_payload.email: domain not allowlisted',
        properties: { title: 'onramp: invalid input' },
      },
      { level: 'error', message: 'onramp: 2 problem(s) in the input; see the annotations', properties: {} },
    ])
    expect(exit).toHaveBeenCalledWith(1)
  })

  it('reports anything else as a bug or outage, redacting personal data', async () => {
    maskPersonalData(['jdoe@example.com'])
    const exit = vi.fn()
    await runAction(
      async () => {
        throw new TypeError('boom for jdoe@example.com')
      },
      { exit },
    )
    const out = stdout.join('')
    expect(out).toContain('::error::onramp: unexpected failure (a bug or an outage): TypeError: boom for [personal]')
    expect(exit).toHaveBeenCalledWith(1)
  })

  it('exits 0 on success and keeps a failure the action set itself', async () => {
    const exit = vi.fn()
    await runAction(async () => {}, { exit })
    expect(exit).toHaveBeenLastCalledWith(0)
    await runAction(async () => core.setFailed('verification failed'), { exit })
    expect(exit).toHaveBeenLastCalledWith(1)
  })
})

describe('audit log', () => {
  it('writes JSON lines with the run id and no personal data', () => {
    maskPersonalData(['jdoe@example.com'])
    const lines: string[] = []
    const log = createAuditLog({ write: (l) => lines.push(l), runId: '99', runAttempt: '1', now: () => new Date(0) })
    log.log({
      event: 'evt-1',
      step: 'identity',
      employee_id: 'E1042',
      item: 'user',
      action: 'create',
      result: 'changed',
      note: 'jdoe@example.com',
    })
    log.receipts({ event: 'evt-1', step: 'github', employee_id: 'E1042' }, [
      { item: 'org', action: 'none', before: 'active', after: 'active', verified: true, result: 'unchanged' },
    ])
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        audit: 'onramp/1',
        at: '1970-01-01T00:00:00.000Z',
        run_id: '99',
        run_attempt: '1',
        event: 'evt-1',
        step: 'identity',
        employee_id: 'E1042',
        item: 'user',
        action: 'create',
        result: 'changed',
        note: '[personal]',
      },
      {
        audit: 'onramp/1',
        at: '1970-01-01T00:00:00.000Z',
        run_id: '99',
        run_attempt: '1',
        event: 'evt-1',
        step: 'github',
        employee_id: 'E1042',
        item: 'org',
        action: 'none',
        result: 'unchanged',
        verified: true,
      },
    ])
  })

  it('keyed hash is stable, case-insensitive, key-dependent', () => {
    const a = keyedHash('Jane@Example.com', 'k1')
    expect(a).toMatch(/^[0-9a-f]{32}$/)
    expect(keyedHash(' jane@example.com', 'k1')).toBe(a)
    expect(keyedHash('jane@example.com', 'k2')).not.toBe(a)
    expect(() => keyedHash('x', '')).toThrow()
  })
})
