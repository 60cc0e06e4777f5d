// Email addresses from HR events: normalised (NFC, trimmed, domain lower-cased), then validated again in
// their final form. Rules never quote the address.

export type CheckResult = { ok: true; value: string } | { ok: false; rule: string }

const MAX_RAW = 1024 // refuse before normalising anything huge
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
const LOCAL = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*$`)
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
// '@' and characters that render like it (fullwidth, small, tag); any other non-ASCII fails later anyway.
const AT_LOOKALIKES = /[@\uFF20\uFE6B\u{E0040}]/u

export function normaliseEmail(raw: string): string {
  const s = raw.normalize('NFC').trim()
  const at = s.lastIndexOf('@')
  return at < 0 ? s : s.slice(0, at) + s.slice(at).toLowerCase()
}

/**
 * Normalises and validates; `domains` is guardrails `email-domains` (exact, lower-case ASCII). A personal address
 * (`personal: true`) must be outside them: it is where mail goes before the work mailbox exists.
 */
export function checkEmail(raw: string, domains: readonly string[], opts: { personal?: boolean } = {}): CheckResult {
  if (raw.length > MAX_RAW) return fail('longer than 254 octets')
  const value = normaliseEmail(raw)
  const rule = emailRule(value, domains, opts.personal ?? false)
  if (rule) return fail(rule)
  // Normalising must be idempotent, or the stored form could validate differently next time.
  if (normaliseEmail(value) !== value) return fail('not in normal form')
  return { ok: true, value }
}

function emailRule(s: string, domains: readonly string[], personal: boolean): string | undefined {
  if (s === '') return 'must not be empty'
  const ats = [...s].filter((c) => AT_LOOKALIKES.test(c))
  if (ats.some((c) => c !== '@')) return "contains a character that looks like '@' but is not"
  if (ats.length !== 1) return "must contain exactly one '@'"
  if (/[^\x21-\x7e]/.test(s)) return 'must be ASCII without spaces or control characters'
  if (new TextEncoder().encode(s).length > 254) return 'longer than 254 octets'
  const at = s.indexOf('@')
  const local = s.slice(0, at)
  const domain = s.slice(at + 1)
  if (local.length === 0) return 'local part is empty'
  if (local.length > 64) return 'local part longer than 64 octets'
  // '%' and '!' route mail onwards through another host on some servers (user%host@relay, host!user@relay).
  if (/[%!]/.test(local)) return "local part must not contain '%' or '!' (mail routing characters)"
  if (!LOCAL.test(local)) return 'local part is not a valid dot-atom'
  if (domain.length > 253 || !domain.split('.').every((l) => LABEL.test(l)) || !domain.includes('.'))
    return 'domain is not a valid host name'
  if (personal)
    return domains.includes(domain) ? "is in the organization's email domains: give a personal address" : undefined
  if (!domains.includes(domain)) return 'domain not allowlisted'
  return undefined
}

function fail(rule: string): CheckResult {
  return { ok: false, rule }
}
