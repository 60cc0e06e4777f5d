// What the items need from an identity provider, in onramp's terms. Okta and SCIM each implement it.

/** The profile onramp keeps. The login is the email; names are display data only, never an identifier. */
export interface Profile {
  login: string
  email: string
  firstName: string
  lastName: string
  displayName: string
  /** Okta `profile.employeeNumber`, SCIM `externalId`: whose account this is. */
  employeeNumber: string
}

export const PROFILE_FIELDS = ['login', 'email', 'firstName', 'lastName', 'displayName', 'employeeNumber'] as const

/** Status names: Okta's own; a SCIM user is `ACTIVE` or `INACTIVE` (`active: false`). */
export type Status = string
/**
 * What an item wants of the account. `STAGED`: created and not activated, before a start date (Okta STAGED; SCIM
 * `active: false`). `DELETED` (SCIM only): a leaver's post-leave step, past `active: false`, the one state SCIM
 * has; no account is then what the read-back must find.
 */
export type DesiredStatus = 'ACTIVE' | 'SUSPENDED' | 'DEPROVISIONED' | 'INACTIVE' | 'STAGED' | 'DELETED'

export interface Account {
  id: string
  status: Status
  /** Okta: an asynchronous lifecycle change still in progress. */
  transitioning?: string
  profile: Partial<Profile>
}

export interface Memberships {
  in: Set<string>
  all?: string[]
}

/** The provider cannot answer a read that only a report needs (not an item): the report says why instead. */
export class ReportUnavailable extends Error {
  override name = 'ReportUnavailable'
}

export interface Directory {
  readonly provider: 'okta' | 'scim'
  /** SCIM: whose behaviour the client expects (`generic` or `aws-identity-center`). */
  readonly profile?: string
  getById(id: string): Promise<Account | undefined>
  getByLogin(login: string): Promise<Account | undefined>
  /** Every account whose employee number is this one. */
  findByEmployee(employeeId: string): Promise<Account[]>
  create(profile: Profile, active: boolean): Promise<Account>
  update(id: string, changes: Partial<Profile>): Promise<void>
  /** Ids of the groups with these exact names, in as few reads as the API allows; a name with no group is absent. */
  groupIds(names: string[]): Promise<Map<string, string>>
  /**
   * True when one read lists every group the user is in (Okta, a generic SCIM provider): `memberships` then
   * answers for any set of groups at the cost of one read. False when membership is read one group at a time.
   */
  readonly membershipsByList: boolean
  /**
   * Which of `groupIds` the user is in; `all`, when the read listed every group the user is in, their names.
   */
  memberships(userId: string, groupIds: string[]): Promise<Memberships>
  setMember(groupId: string, userId: string, member: boolean): Promise<void>
  /** Names of every group the user is in; ReportUnavailable when the provider offers no such read. */
  groupsOf(userId: string): Promise<string[]>
  /** Whether `found` satisfies `desired`, and a reason when it does but is not final. */
  satisfies(desired: DesiredStatus, found: Account): boolean
  pendingReason(found: Account): string | undefined
  /** The lifecycle call that moves `found` towards `desired`; undefined when one is already under way. */
  transitionVerb(found: Account, desired: DesiredStatus): string | undefined
  transition(found: Account, desired: DesiredStatus): Promise<void>
  /** Okta only: end every session and revoke OAuth tokens. */
  revokeSessions?(userId: string): Promise<void>
}

/** Display fields from the event's name: first word, the rest (or the word again for a single name), and all. */
export function displayNames(name: string): Pick<Profile, 'firstName' | 'lastName' | 'displayName'> {
  const words = name.trim().split(/\s+/u).filter(Boolean)
  const first = words[0] ?? ''
  return { firstName: first, lastName: words.slice(1).join(' ') || first, displayName: words.join(' ') }
}

/** Profile fields of `found` that differ from `desired`; login and email compare case-insensitively. */
export function differingFields(desired: Profile, found: Partial<Profile>): (keyof Profile)[] {
  return PROFILE_FIELDS.filter((f) => {
    const a = desired[f]
    const b = found[f] ?? ''
    return f === 'login' || f === 'email' ? a.toLowerCase() !== b.toLowerCase() : a !== b
  })
}

export const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
