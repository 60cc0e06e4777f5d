// A small IAM policy evaluator for SimulatePrincipalPolicy: identity policies and an optional permissions
// boundary, Action/NotAction and Resource/NotResource with `*` and `?` wildcards, explicit deny over allow.
// Conditions are not evaluated: a statement with a Condition does not apply and its keys are reported as
// missing context values, as the real simulator does when no context entries are given.

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
): { decision: Decision; matched: Evaluation['matched'] } {
  const allows: Evaluation['matched'] = []
  const denies: Evaluation['matched'] = []
  for (const src of sources) {
    for (const s of statements(src.document)) {
      if (!applies(s, action, resource)) continue
      if (s.Condition) {
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
): Evaluation & { allowedByBoundary?: boolean } {
  const missing = new Set<string>()
  const id = decide(identity, action, resource, missing)
  if (!boundary) return { ...id, missingContextValues: [...missing] }
  const b = decide(boundary, action, resource, missing)
  const allowedByBoundary = b.decision === 'allowed'
  let decision = id.decision
  if (b.decision === 'explicitDeny') decision = 'explicitDeny'
  else if (decision === 'allowed' && !allowedByBoundary) decision = 'implicitDeny'
  const matched = b.decision === 'explicitDeny' ? [...id.matched, ...b.matched] : id.matched
  return { decision, matched, missingContextValues: [...missing], allowedByBoundary }
}
