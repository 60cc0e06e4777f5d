import { data, Evaluator, Lexer, Parser } from '@actions/expressions'
import type { FunctionDefinition, FunctionInfo } from '@actions/expressions/funcs/info'
import { TokenType } from '@actions/expressions/lexer'
import { truthy } from '@actions/expressions/result'

/** Plain-JSON contexts available to `${{ }}` (github, env, inputs, needs, steps, ...). */
export type Contexts = Record<string, unknown>

/** Status functions are not built into @actions/expressions; the runner supplies them per job or step. */
export interface StatusFunctions {
  success(): boolean
  failure(): boolean
  cancelled(): boolean
}

const CONTEXT_NAMES = ['github', 'env', 'vars', 'secrets', 'inputs', 'needs', 'steps', 'job', 'jobs', 'runner']
  .concat(['strategy', 'matrix'])
  .sort()
const STATUS_NAMES = new Set(['success', 'failure', 'cancelled', 'always'])
const EXTENSION_FUNCTIONS: FunctionInfo[] = [
  { name: 'success', minArgs: 0, maxArgs: 0 },
  { name: 'failure', minArgs: 0, maxArgs: 0 },
  { name: 'cancelled', minArgs: 0, maxArgs: 0 },
  { name: 'always', minArgs: 0, maxArgs: 0 },
  { name: 'hashFiles', minArgs: 1, maxArgs: 255 },
]

export class ExpressionFailure extends Error {
  override name = 'ExpressionFailure'
}

const NEVER_CALLED: StatusFunctions = {
  success: () => true,
  failure: () => false,
  cancelled: () => false,
}

function functionMap(status: StatusFunctions): Map<string, FunctionDefinition> {
  const bool = (fn: () => boolean) => () => new data.BooleanData(fn())
  return new Map<string, FunctionDefinition>([
    ['success', { name: 'success', minArgs: 0, maxArgs: 0, call: bool(status.success) }],
    ['failure', { name: 'failure', minArgs: 0, maxArgs: 0, call: bool(status.failure) }],
    ['cancelled', { name: 'cancelled', minArgs: 0, maxArgs: 0, call: bool(status.cancelled) }],
    ['always', { name: 'always', minArgs: 0, maxArgs: 0, call: bool(() => true) }],
    [
      'hashfiles',
      {
        name: 'hashFiles',
        minArgs: 1,
        maxArgs: 255,
        call: () => {
          throw new ExpressionFailure('unsupported: hashFiles() is not available in the local runner')
        },
      },
    ],
  ])
}

export function toData(value: unknown): data.ExpressionData {
  if (value === undefined) return new data.Null()
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData
}

export function fromData(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer) ?? 'null')
}

/** String form of a result as the runner writes it into env, inputs and scripts. */
export function dataToString(value: data.ExpressionData): string {
  if (value.kind === data.Kind.Dictionary || value.kind === data.Kind.Array) {
    return JSON.stringify(fromData(value), null, 2)
  }
  if (value.kind === data.Kind.Null) return ''
  return value.coerceString()
}

function parse(expression: string) {
  const tokens = new Lexer(expression).lex().tokens
  return { tokens, expr: new Parser(tokens, CONTEXT_NAMES, EXTENSION_FUNCTIONS).parse() }
}

/** Evaluates one expression (the text between `${{` and `}}`). */
export function evaluateExpression(
  expression: string,
  contexts: Contexts,
  status: StatusFunctions = NEVER_CALLED,
): data.ExpressionData {
  try {
    const { expr } = parse(expression)
    const dictionary = toData(contexts)
    if (!(dictionary instanceof data.Dictionary)) throw new Error('contexts must be an object')
    return new Evaluator(expr, dictionary, functionMap(status)).evaluate()
  } catch (error) {
    if (error instanceof ExpressionFailure) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new ExpressionFailure(`cannot evaluate \${{ ${expression} }}: ${message}`)
  }
}

type Segment = { literal: string } | { expression: string }

/** Splits `a ${{ b }} c` into literal and expression parts; `}}` inside a quoted string does not close. */
export function splitTemplate(text: string): Segment[] {
  const segments: Segment[] = []
  let position = 0
  while (position < text.length) {
    const start = text.indexOf('${{', position)
    if (start === -1) break
    if (start > position) segments.push({ literal: text.slice(position, start) })
    let index = start + 3
    let inString = false
    let end = -1
    while (index < text.length) {
      const char = text[index]
      if (inString) {
        if (char === "'") {
          if (text[index + 1] === "'") index++
          else inString = false
        }
      } else if (char === "'") {
        inString = true
      } else if (char === '}' && text[index + 1] === '}') {
        end = index
        break
      }
      index++
    }
    if (end === -1) throw new ExpressionFailure(`unclosed \${{ in: ${text}`)
    segments.push({ expression: text.slice(start + 3, end).trim() })
    position = end + 2
  }
  if (position < text.length) segments.push({ literal: text.slice(position) })
  return segments
}

export function hasExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${{')
}

/** A value that is exactly one `${{ }}` keeps its type; anything else becomes a string, as on GitHub. */
export function evaluateTemplate(
  value: unknown,
  contexts: Contexts,
  status: StatusFunctions = NEVER_CALLED,
): data.ExpressionData {
  if (typeof value !== 'string') return toData(value ?? null)
  const segments = splitTemplate(value)
  const only = segments[0]
  if (segments.length === 1 && only && 'expression' in only)
    return evaluateExpression(only.expression, contexts, status)
  let out = ''
  for (const segment of segments) {
    out +=
      'literal' in segment ? segment.literal : dataToString(evaluateExpression(segment.expression, contexts, status))
  }
  return new data.StringData(out)
}

export function evaluateString(value: unknown, contexts: Contexts, status?: StatusFunctions): string {
  if (value === undefined || value === null) return ''
  return dataToString(evaluateTemplate(value, contexts, status))
}

export function evaluateMap(
  map: unknown,
  contexts: Contexts,
  status?: StatusFunctions,
): Record<string, string> | undefined {
  if (map === undefined || map === null) return undefined
  if (typeof map !== 'object' || Array.isArray(map)) {
    const evaluated = fromData(evaluateTemplate(map, contexts, status))
    if (evaluated && typeof evaluated === 'object' && !Array.isArray(evaluated)) {
      return Object.fromEntries(Object.entries(evaluated).map(([k, v]) => [k, plainToString(v)]))
    }
    throw new ExpressionFailure(`expected a mapping, got ${JSON.stringify(map)}`)
  }
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(map)) out[key] = evaluateString(value, contexts, status)
  return out
}

function plainToString(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

function usesStatusFunction(expression: string): boolean {
  const tokens = new Lexer(expression).lex().tokens
  return tokens.some(
    (token, i) =>
      token.type === TokenType.IDENTIFIER &&
      STATUS_NAMES.has(token.lexeme.toLowerCase()) &&
      tokens[i + 1]?.type === TokenType.LEFT_PAREN,
  )
}

/**
 * Evaluates a job or step `if:`. Bare expressions and a single `${{ }}` are conditions;
 * without a status function GitHub implies `success() && (...)`.
 */
export function evaluateCondition(
  condition: unknown,
  contexts: Contexts,
  status: StatusFunctions,
  fallback = 'success()',
): boolean {
  let expression: string
  if (condition === undefined || condition === null || condition === '') {
    expression = fallback
  } else if (typeof condition !== 'string') {
    expression = String(condition)
  } else {
    const trimmed = condition.trim()
    const segments = hasExpression(trimmed) ? splitTemplate(trimmed) : [{ expression: trimmed }]
    const only = segments[0]
    if (segments.length === 1 && only && 'expression' in only) {
      expression = only.expression
    } else {
      // Text around `${{ }}` makes a string, truthy when non-empty (a classic GitHub pitfall).
      const text = evaluateString(trimmed, contexts, status)
      return text !== '' && status.success()
    }
  }
  try {
    if (!usesStatusFunction(expression)) expression = `success() && (${expression})`
  } catch (error) {
    throw new ExpressionFailure(`cannot parse condition ${expression}: ${(error as Error).message}`)
  }
  return truthy(evaluateExpression(expression, contexts, status))
}
