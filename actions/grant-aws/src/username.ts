// The IAM user name for a person, derived from the email by one documented rule:
//
//   <local part>+<employee id>, lower-cased, e.g. `jamie.doe@acme.com` + `E1042` -> `jamie.doe+e1042`
//
// - lower-cased: IAM names are unique regardless of case, so `Jamie.Doe@` and `jamie.doe@` are one user;
// - every character outside IAM's set `[\w+=,.@-]` (and `+`, the separator) becomes `-`;
// - the employee id suffix keeps two people with one local part (two allowed domains, a re-hire while the
//   leaver's user is kept for audit) apart; an id longer than 24 characters is replaced by `h` + 12 hex
//   digits of its SHA-256 so the local part keeps room;
// - the local part is cut so the whole name is at most 64 characters.
// Never the full email or the person's name. When a one-word name equals the local part, main.ts keeps the
// result out of outputs and the summary (it is personal data then); the ledger still records it.

import { createHash } from 'node:crypto'

export const MAX_USER_NAME = 64
const SUFFIX_MAX = 24

export function userNameFor(email: string, employeeId: string): string {
  const at = email.lastIndexOf('@')
  const local = (at > 0 ? email.slice(0, at) : email).normalize('NFC').toLowerCase()
  const safeLocal = local.replace(/[^a-z0-9_=,.@-]/g, '-')
  const id = employeeId.toLowerCase()
  const suffix = id.length <= SUFFIX_MAX ? id : `h${createHash('sha256').update(employeeId).digest('hex').slice(0, 12)}`
  return `${safeLocal.slice(0, MAX_USER_NAME - suffix.length - 1)}+${suffix}`
}
