// A small IAM policy evaluator: identity policies and an optional permissions boundary, Action/NotAction and
// Resource/NotResource with `*` and `?` wildcards, explicit deny over allow.
//
// With a request context (the emulator authorizing a caller), conditions are evaluated as IAM does (IAM user
// guide, "Condition operators" and "Multivalued context keys"): operators and keys AND, a key's policy values
// OR; String*/Arn* compare case-sensitively, `*` and `?` the only wildcards of the *Like operators; a negated
// operator is true for an absent key, any other false unless it ends in IfExists; `ForAllValues:` is true for an
// absent key, `ForAnyValue:` false; condition key names are case-insensitive.
// Without a context (SimulatePrincipalPolicy given no context entries), a statement with a Condition does not
// apply and its keys are reported as missing context values, as the real simulator does.

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny'

export interface PolicySource {
  /** `SourcePolicyId` in the result: the policy name, or `PolicyInputList.N`. */
  id: string
  type: 'aws-managed' | 'user-managed' | 'user' | 'none'
  document: string
}

interface Statement {
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: Record<string, Record<string, unknown>>
}

export interface Evaluation {
  decision: Decision
  matched: { id: string; type: PolicySource['type'] }[]
  missingContextValues: string[]
}

/** Parses a policy document; throws when it is not a policy (MalformedPolicyDocument to the caller). */
export function statements(document: string): Statement[] {
  const doc = JSON.parse(document)
  if (typeof doc !== 'object' || doc === null || !('Statement' in doc)) throw new Error('no Statement')
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]
  for (const s of list) {
    if (typeof s !== 'object' || s === null || (s.Effect !== 'Allow' && s.Effect !== 'Deny'))
      throw new Error('bad Effect')
    if (s.Action === undefined && s.NotAction === undefined) throw new Error('no Action')
  }
  return list as Statement[]
}

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value)
}

/** A request's condition context: keys lower-cased; multivalued keys (aws:TagKeys) as arrays; absent = missing. */
export type RequestContext = Record<string, string | string[]>

const NEGATED = new Set(['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'StringNotEqualsIgnoreCase'])

function matchValue(op: string, want: string, got: string): boolean {
  switch (op) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'ArnEquals':
    case 'ArnNotEquals':
      return want === got
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return want.toLowerCase() === got.toLowerCase()
    case 'StringLike':
    case 'StringNotLike':
    case 'ArnLike':
    case 'ArnNotLike':
      return wildcard(want, got, false)
    case 'Bool':
      return want.toLowerCase() === got.toLowerCase()
    default:
      throw new Error(`condition operator ${op} is not modelled`)
  }
}

/** Whether one condition block (operator -> key -> values) holds for the context. */
export function conditionHolds(condition: Statement['Condition'], ctx: RequestContext): boolean {
  for (const [rawOp, keys] of Object.entries(condition ?? {})) {
    const set = /^(ForAllValues|ForAnyValue):/.exec(rawOp)?.[1]
    let op = set ? rawOp.slice(set.length + 1) : rawOp
    const ifExists = op.endsWith('IfExists')
    if (ifExists) op = op.slice(0, -'IfExists'.length)
    for (const [key, want] of Object.entries(keys as Record<string, string | string[] | boolean>)) {
      const wanted = (Array.isArray(want) ? want : [want]).map(String)
      const got = ctx[key.toLowerCase()]
      const values = got === undefined ? [] : Array.isArray(got) ? got : [got]
      let ok: boolean
      if (op === 'Null') ok = (got === undefined) === (wanted[0] === 'true')
      else if (got === undefined) ok = set === 'ForAllValues' || ifExists || (NEGATED.has(op) && set === undefined)
      else {
        const hit = (v: string) => wanted.some((w) => matchValue(op, w, v))
        const negated = NEGATED.has(op)
        if (set === 'ForAllValues') ok = values.every((v) => (negated ? !hit(v) : hit(v)))
        else if (set === 'ForAnyValue') ok = values.some((v) => (negated ? !hit(v) : hit(v)))
        else ok = negated ? !values.some(hit) : values.some(hit)
      }
      if (!ok) return false
    }
  }
  return true
}

function applies(s: Statement, action: string, resource: string): boolean {
  const actionOk =
    s.Action !== undefined
      ? asList(s.Action).some((a) => wildcard(a, action, true))
      : !asList(s.NotAction).some((a) => wildcard(a, action, true))
  if (!actionOk) return false
  if (s.Resource !== undefined) return asList(s.Resource).some((r) => wildcard(r, resource, false))
  if (s.NotResource !== undefined) return !asList(s.NotResource).some((r) => wildcard(r, resource, false))
  return true
}

function decide(
  sources: PolicySource[],
  action: string,
  resource: string,
  missing: Set<string>,
  ctx?: RequestContext,
): { decision: Decision; matched: Evaluation['matched'] } {
  const allows: Evaluation['matched'] = []
  const denies: Evaluation['matched'] = []
  for (const src of sources) {
    for (const s of statements(src.document)) {
      if (!applies(s, action, resource)) continue
      if (s.Condition && ctx) {
        if (!conditionHolds(s.Condition, ctx)) continue
      } else if (s.Condition) {
        for (const op of Object.values(s.Condition)) for (const key of Object.keys(op)) missing.add(key)
        continue
      }
      ;(s.Effect === 'Deny' ? denies : allows).push({ id: src.id, type: src.type })
    }
  }
  if (denies.length) return { decision: 'explicitDeny', matched: denies }
  if (allows.length) return { decision: 'allowed', matched: allows }
  return { decision: 'implicitDeny', matched: [] }
}

/**
 * Identity policies decide; a boundary, when present, must also allow (IAM user guide, "Policy evaluation
 * logic": an explicit deny anywhere wins, and an action outside the boundary is implicitly denied).
 */
export function evaluate(
  identity: PolicySource[],
  boundary: PolicySource[] | undefined,
  action: string,
  resource: string,
  ctx?: RequestContext,
): Evaluation & { allowedByBoundary?: boolean } {
  const missing = new Set<string>()
  const id = decide(identity, action, resource, missing, ctx)
  if (!boundary) return { ...id, missingContextValues: [...missing] }
  const b = decide(boundary, action, resource, missing, ctx)
  const allowedByBoundary = b.decision === 'allowed'
  let decision = id.decision
  if (b.decision === 'explicitDeny') decision = 'explicitDeny'
  else if (decision === 'allowed' && !allowedByBoundary) decision = 'implicitDeny'
  const matched = b.decision === 'explicitDeny' ? [...id.matched, ...b.matched] : id.matched
  return { decision, matched, missingContextValues: [...missing], allowedByBoundary }
}
