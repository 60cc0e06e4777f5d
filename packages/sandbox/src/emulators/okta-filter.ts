// Okta's `search` and `filter` expression language (a SCIM-like subset): `attr op "value"` joined by
// `and`/`or` with parentheses; `pr` takes no value. Operators are case-insensitive. `search` compares
// string values case-insensitively, `filter` case-sensitively and only on a few properties with `eq`
// (`lastUpdated` also takes gt/ge/lt/le) — developer.okta.com "List all users", `search` and `filter`.

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'cmp'; attr: string; op: string; value: string | number | boolean | null }

export class FilterSyntaxError extends Error {}

const OPS = new Set(['eq', 'ne', 'sw', 'co', 'gt', 'ge', 'lt', 'le', 'pr'])

function tokenize(input: string): string[] {
  const tokens: string[] = []
  let i = 0
  while (i < input.length) {
    const c = input[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '(' || c === ')') {
      tokens.push(c)
      i++
    } else if (c === '"') {
      let j = i + 1
      let s = '"'
      while (j < input.length && input[j] !== '"') {
        if (input[j] === '\\' && j + 1 < input.length) j++
        s += input[j]
        j++
      }
      if (j >= input.length) throw new FilterSyntaxError('unterminated string')
      tokens.push(`${s}"`)
      i = j + 1
    } else {
      let j = i
      while (j < input.length && !/[\s()"]/.test(input[j]!)) j++
      tokens.push(input.slice(i, j))
      i = j
    }
  }
  return tokens
}

export function parseFilter(input: string): Expr {
  const tokens = tokenize(input)
  let pos = 0
  const peek = () => tokens[pos]
  const next = () => {
    const t = tokens[pos++]
    if (t === undefined) throw new FilterSyntaxError('unexpected end of expression')
    return t
  }
  const orExpr = (): Expr => {
    let left = andExpr()
    while (peek()?.toLowerCase() === 'or') {
      pos++
      left = { kind: 'or', left, right: andExpr() }
    }
    return left
  }
  const andExpr = (): Expr => {
    let left = factor()
    while (peek()?.toLowerCase() === 'and') {
      pos++
      left = { kind: 'and', left, right: factor() }
    }
    return left
  }
  const factor = (): Expr => {
    const t = next()
    if (t === '(') {
      const e = orExpr()
      if (next() !== ')') throw new FilterSyntaxError('expected )')
      return e
    }
    if (!/^[A-Za-z_][\w.]*$/.test(t)) throw new FilterSyntaxError(`bad attribute ${t}`)
    const op = next().toLowerCase()
    if (!OPS.has(op)) throw new FilterSyntaxError(`bad operator ${op}`)
    if (op === 'pr') return { kind: 'cmp', attr: t, op, value: null }
    const raw = next()
    let value: string | number | boolean | null
    if (raw.startsWith('"')) value = raw.slice(1, -1)
    else if (raw === 'true' || raw === 'false') value = raw === 'true'
    else if (raw === 'null') value = null
    else if (/^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw)
    else throw new FilterSyntaxError(`bad value ${raw}`)
    return { kind: 'cmp', attr: t, op, value }
  }
  const e = orExpr()
  if (pos !== tokens.length) throw new FilterSyntaxError(`unexpected ${tokens[pos]}`)
  return e
}

/** Every comparison in the expression, to check which attributes and operators it uses. */
export function comparisons(e: Expr): Extract<Expr, { kind: 'cmp' }>[] {
  return e.kind === 'cmp' ? [e] : [...comparisons(e.left), ...comparisons(e.right)]
}

export function evaluate(e: Expr, get: (attr: string) => unknown, caseInsensitive: boolean): boolean {
  if (e.kind !== 'cmp') {
    const left = evaluate(e.left, get, caseInsensitive)
    return e.kind === 'and'
      ? left && evaluate(e.right, get, caseInsensitive)
      : left || evaluate(e.right, get, caseInsensitive)
  }
  const actual = get(e.attr)
  if (e.op === 'pr') return actual !== undefined && actual !== null && actual !== ''
  const values = Array.isArray(actual) ? actual : [actual]
  return values.some((v) => compare(v, e.op, e.value, caseInsensitive))
}

function compare(actual: unknown, op: string, expected: unknown, ci: boolean): boolean {
  if (actual === undefined || actual === null) return op === 'eq' && expected === null
  let a: unknown = actual
  let b: unknown = expected
  if (typeof a === 'string' && typeof b === 'string' && ci) {
    a = a.toLowerCase()
    b = b.toLowerCase()
  }
  switch (op) {
    case 'eq':
      return a === b
    case 'ne':
      return a !== b
    case 'sw':
      return typeof a === 'string' && typeof b === 'string' && a.startsWith(b)
    case 'co':
      return typeof a === 'string' && typeof b === 'string' && a.includes(b)
    case 'gt':
      return (a as any) > (b as any)
    case 'ge':
      return (a as any) >= (b as any)
    case 'lt':
      return (a as any) < (b as any)
    case 'le':
      return (a as any) <= (b as any)
    default:
      return false
  }
}
