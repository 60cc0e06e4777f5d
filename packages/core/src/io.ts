// Action I/O: inputs parsed once into a typed object, personal data masked before any log line, outputs
// that can never carry personal data, the job summary, and the one entry wrapper every action uses.

import * as core from '@actions/core'
import { formatProblem, type Problem, UserError } from './errors.js'
import { renderSummary, type SummaryInput } from './summary.js'
import { EMPLOYEE_ID_PATTERN, EMPLOYEE_ID_RULE, RERUN_TYPES } from './types.js'

// ---------------------------------------------------------------------------------------------- inputs

interface Base {
  /** A PII-free sentence for the rule a value must follow; shown instead of the value. */
  rule?: string
  pattern?: RegExp
}
export type InputSpec =
  | (Base & { kind: 'string'; default?: string })
  | (Base & { kind: 'optional' })
  | { kind: 'boolean'; default: boolean }
  | { kind: 'enum'; values: readonly string[]; default?: string; optional?: boolean }
  | (Base & { kind: 'secret'; required?: boolean })
  | (Base & { kind: 'personal' })
  | { kind: 'integer'; default?: number; min?: number; max?: number }

type ValueOf<S> = S extends { kind: 'string' }
  ? string
  : S extends { kind: 'optional' } | { kind: 'personal' }
    ? string | undefined
    : S extends { kind: 'boolean' }
      ? boolean
      : S extends { kind: 'enum'; values: readonly (infer V)[] }
        ? S extends { optional: true }
          ? V | undefined
          : V
        : S extends { kind: 'secret'; required: false }
          ? string | undefined
          : S extends { kind: 'secret' }
            ? string
            : S extends { kind: 'integer' }
              ? number
              : never

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S
export type Inputs<T extends Record<string, InputSpec>> = { [K in keyof T & string as Camel<K>]: ValueOf<T[K]> }

/** Builders for input specs: `input.boolean(false)`, `input.enum(['okta', 'scim'] as const)`, … */
export const input = {
  /** Required unless a default is given (action.yml defaults arrive as env, so the default here is a fallback). */
  string: (opts: { default?: string; pattern?: RegExp; rule?: string } = {}) => ({ kind: 'string', ...opts }) as const,
  optional: (opts: { pattern?: RegExp; rule?: string } = {}) => ({ kind: 'optional', ...opts }) as const,
  boolean: (defaultValue: boolean) => ({ kind: 'boolean', default: defaultValue }) as const,
  enum: <const V extends readonly string[], O extends boolean = false>(
    values: V,
    opts: { default?: V[number]; optional?: O } = {},
  ) => ({ kind: 'enum', values, ...opts }) as { kind: 'enum'; values: V; default?: string; optional: O },
  /** Masked the moment it is read. */
  secret: <R extends boolean = true>(opts: { required?: R; pattern?: RegExp; rule?: string } = {}) =>
    ({ kind: 'secret', ...opts }) as { kind: 'secret'; required: R; pattern?: RegExp; rule?: string },
  /** Optional; masked and registered as personal data the moment it is read. */
  personal: (opts: { pattern?: RegExp; rule?: string } = {}) => ({ kind: 'personal', ...opts }) as const,
  integer: (opts: { default?: number; min?: number; max?: number } = {}) => ({ kind: 'integer', ...opts }) as const,
}

const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase())

/**
 * Read every input of `spec` once. All problems are collected and thrown together as one UserError whose
 * fields are `with.<input>`; values are never echoed. Secrets and personal values are masked immediately.
 */
export function getInputs<T extends Record<string, InputSpec>>(spec: T): Inputs<T> {
  const out: Record<string, unknown> = {}
  const problems: Problem[] = []
  const fail = (name: string, rule: string) => problems.push({ field: `with.${name}`, rule })
  for (const [name, s] of Object.entries(spec)) {
    const raw = core.getInput(name)
    if (s.kind === 'secret' && raw) {
      core.setSecret(raw)
      // A list of keys (one per line or comma-separated, for rotation): each one masked on its own too.
      const parts = raw.split(/[\n,]/).map((part) => part.trim())
      if (parts.length > 1) for (const part of parts) if (part.length >= 8) core.setSecret(part)
    }
    if (s.kind === 'personal' && raw) maskPersonalData([raw])
    const checkPattern = (v: string) => {
      if ('pattern' in s && s.pattern && !s.pattern.test(v)) {
        fail(name, s.rule ?? `must match ${s.pattern}`)
        return false
      }
      return true
    }
    switch (s.kind) {
      case 'string': {
        const v = raw || s.default
        if (v === undefined || v === '') fail(name, 'required')
        else if (checkPattern(v)) out[camel(name)] = v
        break
      }
      case 'optional':
      case 'personal':
        if (raw === '' || checkPattern(raw)) out[camel(name)] = raw || undefined
        break
      case 'secret':
        if (!raw && s.required !== false) fail(name, 'required')
        else if (raw === '' || checkPattern(raw)) out[camel(name)] = raw || undefined
        break
      case 'boolean':
        // core.getBooleanInput throws on '' (an unset input), so an empty value takes the default.
        if (raw === '') out[camel(name)] = s.default
        else {
          try {
            out[camel(name)] = core.getBooleanInput(name)
          } catch {
            fail(name, 'must be true or false')
          }
        }
        break
      case 'enum': {
        const v = raw || s.default
        if (v === undefined || v === '') {
          if (s.optional) out[camel(name)] = undefined
          else fail(name, `required; one of ${s.values.join(', ')}`)
        } else if (!s.values.includes(v)) fail(name, `must be one of ${s.values.join(', ')}`)
        else out[camel(name)] = v
        break
      }
      case 'integer': {
        if (raw === '') {
          if (s.default === undefined) fail(name, 'required')
          else out[camel(name)] = s.default
          break
        }
        const n = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN
        if (!Number.isSafeInteger(n)) fail(name, 'must be an integer')
        else if (s.min !== undefined && n < s.min) fail(name, `must be at least ${s.min}`)
        else if (s.max !== undefined && n > s.max) fail(name, `must be at most ${s.max}`)
        else out[camel(name)] = n
        break
      }
    }
  }
  if (problems.length) throw new UserError(problems)
  return out as Inputs<T>
}

export const STATE_PATTERN = /^(none|github(:[A-Za-z0-9._/-]+)?|file:.+)$/

/** The repository holding the `github` ledger (default: the workflow's own, GITHUB_REPOSITORY). */
export const STATE_REPOSITORY = {
  pattern: /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/,
  rule: 'must be owner/name',
}

/** An endpoint input (a service's API URL): the pattern and the rule its error names. */
export const HTTP_URL = { pattern: /^https?:\/\/[^\s]+$/, rule: 'must be an http(s) URL' }

/** The inputs every action takes (design.md "Action inputs and outputs"). Spread into an action's own spec. */
export const COMMON_INPUTS = {
  'roles-file': input.string({ default: '.github/access/roles.yaml' }),
  'guardrails-file': input.string({ default: '.github/access/guardrails.yaml' }),
  'dry-run': input.boolean(false),
  state: input.string({
    default: 'github',
    pattern: STATE_PATTERN,
    rule: 'must be github, github:<branch>, file:<dir> or none',
  }),
  'state-token': input.secret({ required: false }),
  'state-repository': input.optional(STATE_REPOSITORY),
  'employee-id': input.optional({ pattern: EMPLOYEE_ID_PATTERN, rule: EMPLOYEE_ID_RULE }),
  'event-type': input.enum(RERUN_TYPES, { optional: true }),
  email: input.personal(),
  name: input.personal(),
  role: input.optional(),
  /** Keys that sign HR events (the ONRAMP_EVENT_KEY secret); several, one per line or comma-separated, while rotating. */
  'event-key': input.secret({ required: false }),
}
export type CommonInputs = Inputs<typeof COMMON_INPUTS>

export function getCommonInputs(): CommonInputs {
  return getInputs(COMMON_INPUTS)
}

// -------------------------------------------------------------------------------------- personal data

// Personal values registered in this process, as case-insensitive whole-token patterns: outputs and summaries
// refuse anything containing one. A whole value is a token between anything but letters and digits, so "Li"
// does not match inside "lifecycle" and a one-word name "Sam" does match in the user name "sam+e1042". A name
// part is stricter: `-._+@` between two letters or digits joins a token, so "Jamie" matches in "Jamie." and
// "Jamie," but not inside a login or user name built from the name (jamie-doe-dev, jamie.doe+e1042).
const personal = new Map<string, Pattern>()
interface Pattern {
  /** The value itself, ignoring case; its bounds are checked apart (see BOUNDS). */
  re: RegExp
  length: number
  kind: keyof typeof BOUNDS
}
/**
 * The patterns by key, the longest run of ASCII letters and digits in the value, lower-cased; under '' those with
 * none (or a K, ſ). A run that masks a thousand people holds tens of thousands of patterns; a line is tested only
 * against those whose key is one of its own runs (see candidates).
 */
const byKey = new Map<string, Pattern[]>()
/** Every pattern longest first (a whole name before its parts), sorted on first use after a registration. */
let longestFirst: Pattern[] | undefined
const ASCII_RUN = /[A-Za-z0-9]+/g
// The two characters outside ASCII that case-insensitive matching equates with ASCII letters (K, s).
const FOLDS_TO_ASCII = /[\u212a\u017f]/
// Words of the access files' identifiers and the event's ids, lower-cased: never personal (see declarePublicData).
const publicWords = new Set<string>()
// Values that travel between jobs as outputs (employee id, event type, role): a mask inside one would make the
// runner drop the output.
const publicIds: string[] = []
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const WORD_SPLIT = /[^\p{L}\p{N}\p{M}]+/u
// What may not touch a match, before and after it. Checked on the few characters around a match of the value
// alone: a lookbehind of Unicode classes in every value's own expression cost 0.4 ms to compile, per value.
const BOUNDS = {
  value: { before: /[\p{L}\p{N}]$/u, after: /^[\p{L}\p{N}]/u },
  part: { before: /[\p{L}\p{N}\p{M}][-._+@]?$/u, after: /^[-._+@]?[\p{L}\p{N}\p{M}]/u },
} as const
/** Name parts of at least this many letters are personal on their own ("Jamie", "Doe"; not "Li", "O"). */
const MIN_NAME_PART = 3

/**
 * Declares what is known not to be personal: `text` (accessIdentifiers: the access files less their descriptions)
 * contributes its words; `ids` (employee id, event id and type, role, GitHub login) are words and values that
 * travel as outputs. A personal value or name part equal to one of these words is neither masked nor guarded: a
 * person named "Dev", "Acme" or "E1042" would otherwise hide the plan, or make the runner drop an output.
 */
export function declarePublicData(p: {
  text?: Iterable<string | undefined>
  ids?: Iterable<string | undefined>
}): void {
  for (const t of p.text ?? []) if (t) for (const w of t.toLowerCase().split(WORD_SPLIT)) if (w) publicWords.add(w)
  for (const id of p.ids ?? []) {
    if (!id) continue
    publicIds.push(id.toLowerCase())
    publicWords.add(id.toLowerCase())
    for (const w of id.toLowerCase().split(WORD_SPLIT)) if (w) publicWords.add(w)
  }
}

/** The forms a value may take in a log, a URL or a JSON body: NFC, NFD, URL-encoded (%20 and +), JSON-escaped. */
function encodedForms(v: string): string[] {
  const forms = new Set<string>()
  for (const n of [v, v.normalize('NFC'), v.normalize('NFD')]) {
    forms.add(n)
    const url = encodeURIComponent(n)
    forms.add(url)
    forms.add(url.replace(/%20/g, '+'))
    forms.add(JSON.stringify(n).slice(1, -1))
    const ascii = n.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    forms.add(ascii)
    forms.add(ascii.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`))
  }
  return [...forms]
}

/** Each word of a name with at least MIN_NAME_PART letters; emails are not split. */
function nameParts(v: string): string[] {
  if (v.includes('@')) return []
  return v.split(/[^\p{L}\p{M}]+/u).filter((w) => w !== v && (w.match(/\p{L}/gu)?.length ?? 0) >= MIN_NAME_PART)
}

function isPublic(v: string): boolean {
  return publicWords.has(v.toLowerCase().normalize('NFC'))
}

/**
 * Mask each non-empty value and each name part of three or more letters, in every encoded form (and, for whole
 * values, the lower- and upper-cased variants a service may echo back), and register them as personal data.
 * Call before the first log line that could contain them. Anything declared public is left alone.
 */
export function maskPersonalData(values: Iterable<string | undefined | null> | Record<string, unknown>): void {
  const list: unknown[] = Symbol.iterator in values ? [...(values as Iterable<unknown>)] : Object.values(values)
  for (const v of list) {
    if (typeof v !== 'string') continue
    const t = v.trim()
    if (!t || isPublic(t)) continue
    if (v !== t) core.setSecret(v)
    register(t, [t, t.toLowerCase(), t.toUpperCase()], 'value')
    for (const part of nameParts(t)) if (!isPublic(part)) register(part, [part], 'part')
  }
}

function register(value: string, cased: string[], kind: keyof typeof BOUNDS): void {
  const forms = new Set(cased.flatMap(encodedForms))
  for (const form of forms) {
    const lower = form.toLowerCase()
    // A mask inside an output value makes the runner drop that output.
    if (!publicIds.some((id) => id.includes(lower))) core.setSecret(form)
  }
  for (const form of encodedForms(value)) {
    const key = `${kind}:${form.toLowerCase()}`
    if (!form || personal.has(key)) continue
    const pattern = { re: new RegExp(escapeRegExp(form), 'giu'), length: form.length, kind }
    personal.set(key, pattern)
    const runs = FOLDS_TO_ASCII.test(form) ? [] : (form.match(ASCII_RUN) ?? [])
    const run = runs.reduce((a, b) => (b.length > a.length ? b : a), '').toLowerCase()
    const list = byKey.get(run)
    if (list) list.push(pattern)
    else byKey.set(run, [pattern])
    longestFirst = undefined
  }
}

/**
 * The patterns that can match `text`, longest first. A match covers the value's every ASCII run, whole (the value's
 * bounds forbid a letter or digit on either side, and matching ignores case only, which maps ASCII to ASCII but
 * for the Kelvin sign and the long s): so a pattern whose key is none of the text's runs cannot match it.
 */
function candidates(text: string): Pattern[] {
  if (FOLDS_TO_ASCII.test(text)) {
    longestFirst ??= [...personal.values()].sort((a, b) => b.length - a.length)
    return longestFirst
  }
  const runs = new Set(['', ...(text.match(ASCII_RUN) ?? []).map((r) => r.toLowerCase())])
  return [...runs].flatMap((run) => byKey.get(run) ?? []).sort((a, b) => b.length - a.length)
}

/** Where `p` matches `text` as a whole token: [start, end) of each match, left to right, not overlapping. */
function* matches(p: Pattern, text: string): Generator<[number, number]> {
  const { before, after } = BOUNDS[p.kind]
  p.re.lastIndex = 0
  for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
    const end = m.index + m[0].length
    // Three code units: a letter outside the BMP and a joining character.
    if (before.test(text.slice(Math.max(0, m.index - 3), m.index)) || after.test(text.slice(end, end + 3))) {
      p.re.lastIndex = m.index + 1
      continue
    }
    yield [m.index, end]
  }
}

/** Whether `text` contains, as a whole token, any value registered with maskPersonalData. */
export function containsPersonalData(text: string): boolean {
  return candidates(text).some((p) => !matches(p, text).next().done)
}

/** Replace every registered personal value in `text` (case-insensitively) with `replacement`. */
export function redactPersonalData(text: string, replacement = '[personal]'): string {
  let out = text
  // Longest first, so a whole name goes before its parts.
  for (const p of candidates(text)) {
    let kept = ''
    let from = 0
    for (const [start, end] of matches(p, out)) {
      kept += out.slice(from, start) + replacement
      from = end
    }
    out = kept + out.slice(from)
  }
  return out
}

/** For tests: forget registered personal values and public words. */
export function resetPersonalData(): void {
  personal.clear()
  byKey.clear()
  longestFirst = undefined
  publicWords.clear()
  publicIds.length = 0
}

// ------------------------------------------------------------------------------------------- outputs

export interface CommonOutputs {
  result?: string
  receipt?: unknown
  'employee-id'?: string
  [name: string]: unknown
}

/**
 * Set outputs; non-strings become JSON. Refuses (a bug, not a user error) if any value contains registered
 * personal data: the runner drops masked values from job outputs anyway, and they must not travel between jobs.
 */
export function setOutputs(outputs: CommonOutputs): void {
  const rendered = Object.entries(outputs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const)
  const leaking = rendered.filter(([, v]) => containsPersonalData(v)).map(([k]) => k)
  if (leaking.length) throw new Error(`refusing to output personal data in: ${leaking.join(', ')}`)
  for (const [k, v] of rendered) core.setOutput(k, v)
}

// ------------------------------------------------------------------------------------------- summary

/**
 * Write the job summary (Markdown, see summary.ts), with any registered personal data replaced by `[personal]`
 * and a warning saying so. Redacted rather than refused: a name part that is also a word of onramp's own prose
 * ("Will", "Grant", "Person") must not fail the step for that person on every run.
 */
export async function writeSummary(input: SummaryInput): Promise<void> {
  await writeSummaryMarkdown(renderSummary(input))
}

/** Writes Markdown made elsewhere (a plan across people) to the job summary, withholding personal data alike. */
export async function writeSummaryMarkdown(markdown: string): Promise<void> {
  await core.summary.addRaw(withholdPersonalData(markdown, 'the job summary')).write()
}

/**
 * Text for a place people read (the job summary, a pull request comment) with every registered personal value
 * replaced by `[personal]`, and a warning naming `where` when anything was.
 */
export function withholdPersonalData(text: string, where: string): string {
  if (!containsPersonalData(text)) return text
  core.warning(`onramp: personal data was withheld from ${where} ([personal])`)
  return redactPersonalData(text)
}

/**
 * Masks the personal data of ledger records read in bulk (a plan across people) before any log line: each
 * record's name, email and manager email. The employee ids are declared public first: they are what the plan
 * names people by, so a person whose name equals an id (or a word of one) never hides the plan.
 */
export function maskRecordsPersonalData(
  records: Iterable<{ employee_id: string; person?: { name?: string; email?: string; manager_email?: string } }>,
): void {
  const list = [...records]
  declarePublicData({ ids: list.map((r) => r.employee_id) })
  maskPersonalData(list.flatMap((r) => [r.person?.name, r.person?.email, r.person?.manager_email]))
}

// -------------------------------------------------------------------------------------- entry wrapper

export interface RunActionOptions {
  /** Injected in tests; defaults to process.exit. */
  exit?: (code: number) => void
}

/**
 * Every action's index.ts: `await runAction(main)`. A UserError becomes one annotation per problem and a
 * failed step; anything else is a bug or an outage. Then exit explicitly: a pending retry timer or keep-alive
 * socket must not keep the step running after its work is done.
 */
export async function runAction(main: () => Promise<void>, options: RunActionOptions = {}): Promise<void> {
  try {
    await main()
  } catch (error) {
    reportError(error)
  }
  const exit = options.exit ?? ((code: number) => process.exit(code))
  exit(typeof process.exitCode === 'number' ? process.exitCode : Number(process.exitCode ?? 0) || 0)
}

export function reportError(error: unknown): void {
  if (error instanceof UserError) {
    for (const p of error.problems) {
      core.error(formatProblem(p), {
        title: 'onramp: invalid input',
        file: p.file,
        startLine: p.line,
        startColumn: p.line ? p.column : undefined,
      })
    }
    core.setFailed(`onramp: ${error.problems.length} problem(s) in the input; see the annotations`)
    return
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  if (error instanceof Error && error.stack) core.debug(redactPersonalData(error.stack))
  core.setFailed(`onramp: unexpected failure (a bug or an outage): ${redactPersonalData(message)}`)
}
