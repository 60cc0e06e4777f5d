// Action I/O: inputs parsed once into a typed object, personal data masked before any log line, outputs
// that can never carry personal data, the job summary, and the one entry wrapper every action uses.

import * as core from '@actions/core'
import { formatProblem, type Problem, UserError } from './errors.js'
import { renderSummary, type SummaryInput } from './summary.js'
import { EMPLOYEE_ID_PATTERN, RERUN_TYPES } from './types.js'

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
    if (s.kind === 'secret' && raw) core.setSecret(raw)
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
  'employee-id': input.optional({ pattern: EMPLOYEE_ID_PATTERN, rule: 'must match [A-Za-z0-9._-]{1,64}' }),
  'event-type': input.enum(RERUN_TYPES, { optional: true }),
  email: input.personal(),
  name: input.personal(),
  role: input.optional(),
}
export type CommonInputs = Inputs<typeof COMMON_INPUTS>

export function getCommonInputs(): CommonInputs {
  return getInputs(COMMON_INPUTS)
}

// -------------------------------------------------------------------------------------- personal data

// Personal values registered in this process, as case-insensitive whole-token patterns: outputs and summaries
// refuse anything containing one. Whole tokens, so a short name ("Li") does not match inside "lifecycle".
const personal = new Map<string, RegExp>()
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Mask each non-empty value (and, for emails, the lower- and upper-cased variants a service may echo back) and
 * register it as personal data. Call before the first log line that could contain it.
 */
export function maskPersonalData(values: Iterable<string | undefined | null> | Record<string, unknown>): void {
  const list: unknown[] = Symbol.iterator in values ? [...(values as Iterable<unknown>)] : Object.values(values)
  for (const v of list) {
    if (typeof v !== 'string') continue
    const t = v.trim()
    if (!t) continue
    for (const variant of new Set([v, t, t.toLowerCase(), t.toUpperCase()])) core.setSecret(variant)
    const key = t.toLowerCase()
    if (!personal.has(key))
      personal.set(key, new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t)}(?![\\p{L}\\p{N}])`, 'giu'))
  }
}

/** Whether `text` contains, as a whole token, any value registered with maskPersonalData. */
export function containsPersonalData(text: string): boolean {
  for (const re of personal.values()) {
    re.lastIndex = 0
    if (re.test(text)) return true
  }
  return false
}

/** Replace every registered personal value in `text` (case-insensitively) with `replacement`. */
export function redactPersonalData(text: string, replacement = '[personal]'): string {
  let out = text
  for (const re of personal.values()) out = out.replace(re, replacement)
  return out
}

/** For tests: forget registered personal values. */
export function resetPersonalData(): void {
  personal.clear()
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
 * Write the job summary (Markdown, see summary.ts). Refuses (a bug, not a user error) when it would contain
 * registered personal data; nothing is written then.
 */
export async function writeSummary(input: SummaryInput): Promise<void> {
  const markdown = renderSummary(input)
  if (containsPersonalData(markdown)) throw new Error('refusing to write personal data to the job summary')
  await core.summary.addRaw(markdown).write()
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
