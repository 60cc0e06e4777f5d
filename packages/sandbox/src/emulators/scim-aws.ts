// IAM Identity Center's SCIM implementation as its developer guide describes it ("IAM Identity Center SCIM
// Implementation Developer Guide": Limitations, ListUsers, ListGroups, GetGroup, PatchGroup): what it refuses
// that RFC 7644 allows. Pure checks; the SCIM emulator applies them when its profile is `aws-identity-center`.

export interface EqTerm {
  attr: string
  value: string
}

/** ListGroups' page size and its maximum; ListUsers' are the same. */
export const AWS_PAGE_MAX = 100

const TERM = /^\s*([A-Za-z][\w.]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*/i
const AND = /^and\s+/i

/** `<attr> eq "<value>"` terms joined by `and`; undefined for anything else (other operators, `or`, `not`). */
export function parseEqFilter(filter: string): EqTerm[] | undefined {
  const terms: EqTerm[] = []
  let rest = filter
  for (;;) {
    const m = TERM.exec(rest)
    if (!m) return undefined
    terms.push({ attr: m[1]!, value: m[2]!.replace(/\\(.)/g, '$1') })
    rest = rest.slice(m[0].length)
    if (rest === '') return terms
    const and = AND.exec(rest)
    if (!and) return undefined
    rest = rest.slice(and[0].length)
  }
}

export type AwsFilter =
  | { kind: 'attr'; attr: string; value: string }
  | { kind: 'member'; groupId: string; userId: string }
  | { kind: 'unsupported' }

/** Supported combinations: Users (userName), (externalId), (id); Groups (displayName), (externalId), (id),
 * (id and members), (members and id). */
export function awsFilter(kind: 'Users' | 'Groups', filter: string): AwsFilter {
  const terms = parseEqFilter(filter)
  if (!terms) return { kind: 'unsupported' }
  const single = kind === 'Users' ? ['userName', 'externalId', 'id'] : ['displayName', 'externalId', 'id']
  if (terms.length === 1 && single.includes(terms[0]!.attr)) return { kind: 'attr', ...terms[0]! }
  if (kind === 'Groups' && terms.length === 2) {
    const id = terms.find((t) => t.attr === 'id')
    const member = terms.find((t) => t.attr === 'members')
    if (id && member) return { kind: 'member', groupId: id.value, userId: member.value }
  }
  return { kind: 'unsupported' }
}

/** An opaque cursor for the page starting at `startIndex` (the guide's pattern: [-a-zA-Z0-9+=/:_]*). */
export const encodeCursor = (startIndex: number) => Buffer.from(`p:${startIndex}`).toString('base64url')
export function decodeCursor(cursor: string): number | undefined {
  if (cursor === '') return 1
  const m = /^p:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return m ? Number(m[1]) : undefined
}

const GROUP_ATTRIBUTES = new Set(['displayName', 'members', 'externalId'])

/** Why PatchGroup refuses this body, or undefined when it takes it. */
export function patchGroupRefusal(body: any): string | undefined {
  const ops: any[] = Array.isArray(body?.Operations) ? body.Operations : []
  let changes = 0
  for (const op of ops) {
    const kind = String(op?.op ?? '').toLowerCase()
    const path = typeof op?.path === 'string' ? op.path : undefined
    const attr = path ? path.split(/[[.]/)[0]! : undefined
    const attrs = attr ? [attr] : Object.keys(op?.value ?? {})
    const other = attrs.find((a) => !GROUP_ATTRIBUTES.has(a))
    if (other) return `PatchGroup allows only displayName, members and externalId (found ${other})`
    if (attrs.includes('members')) {
      if (kind === 'replace') return 'PatchGroup does not replace all group memberships'
      if (kind === 'remove' && path === 'members') return 'PatchGroup does not remove all group memberships'
      const value = attr ? op.value : op.value?.members
      changes += Array.isArray(value) ? value.length : 1
    }
  }
  return changes > 100 ? `at most 100 membership changes in one request (found ${changes})` : undefined
}

/** Why CreateUser or PutUser refuses this body: multi-valued attributes hold at most one value. */
export function userRefusal(body: any): string | undefined {
  for (const attr of ['emails', 'addresses', 'phoneNumbers']) {
    if (Array.isArray(body?.[attr]) && body[attr].length > 1) return `${attr} may hold at most one value`
  }
  return undefined
}
