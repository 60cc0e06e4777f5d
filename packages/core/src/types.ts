// The contracts every action shares. Shapes here are what design.md's tables mean in code.

/**
 * The immutable key for a person everywhere (design.md's event table). At least one letter or digit: the id
 * names the ledger file, so `.`, `..` and the like are never ids.
 */
export const EMPLOYEE_ID_PATTERN = /^(?=[._-]*[A-Za-z0-9])[A-Za-z0-9._-]{1,64}$/
/** The rule EMPLOYEE_ID_PATTERN enforces, for error messages. */
export const EMPLOYEE_ID_RULE = 'must be 1-64 of A-Z a-z 0-9 . _ - with at least one letter or digit'

export const EVENT_TYPES = ['onboard', 'role-change', 'offboard'] as const
export type EventType = (typeof EVENT_TYPES)[number]
/** What a person may ask for by hand (workflow_dispatch): a rerun of an HR event, or an emergency offboard. */
export const RERUN_TYPES = [...EVENT_TYPES, 'offboard-now'] as const

/** A normalised HR event: every string validated; personal fields only where the event type needs them. */
export interface LifecycleEvent {
  type: EventType
  eventId: string
  occurredAt: string // ISO 8601, as given
  employeeId: string
  role?: string // exact key of roles.yaml
  name?: string
  email?: string // NFC, trimmed, domain lower-cased
  managerEmail?: string
  startDate?: string // YYYY-MM-DD
  githubUsername?: string
  /** onboard: where the welcome email goes before the start date (the work mailbox is not open yet). */
  personalEmail?: string
  /** offboard: the last working day (YYYY-MM-DD, org time zone): access ends at its end, or at `lastHour`. */
  lastDay?: string
  /** offboard: the hour (0-23, org time zone) on `lastDay` at which access ends. */
  lastHour?: number
  /** offboard: revoke now, whatever `lastDay` says. */
  urgent?: boolean
  /** repository_dispatch carries the payload; workflow_dispatch only names the person (rest from the ledger). */
  source: 'repository_dispatch' | 'workflow_dispatch'
  dryRun: boolean
  /** An emergency offboard asked for by a person (`event-type: offboard-now`), whatever HR last said. */
  offboardNow?: boolean
}

export type TeamRole = 'member' | 'maintainer'
export interface TeamGrant {
  slug: string
  role: TeamRole
}

export interface Role {
  description: string
  identity?: { groups: string[] }
  github?: { teams: TeamGrant[] } // normalised: plain strings become { slug, role: 'member' }
  /**
   * IAM-user mode: `groups`, `policies`, `console`. Identity Center mode (guardrails `aws.mode:
   * identity-center`): `identityCenter` only, and `groups`/`policies` are empty.
   */
  aws?: { groups: string[]; policies: string[]; console?: boolean; identityCenter?: IdentityCenterRoleAccess }
  slack?: { channels: string[] }
  setup?: { repos: string[] }
}

/** One account x permission set assignment of IAM Identity Center. */
export interface IdentityCenterAssignment {
  /** 12 digits. */
  account: string
  permissionSet: string
}

export interface IdentityCenterRoleAccess {
  assignments: IdentityCenterAssignment[]
  /** Identity Center groups, by display name. */
  groups: string[]
}

/** guardrails.yaml `aws.identity-center` (with `aws.mode: identity-center`). */
export interface IdentityCenterGuardrails {
  instanceArn: string
  identityStoreId: string
  region: string
  /** The AWS access portal URL people sign in at. */
  startUrl: string
  /** `idp`: the identity provider provisions users by SCIM, onramp finds them; `onramp`: onramp creates them. */
  users: 'idp' | 'onramp'
  /** What happens to a leaver's Identity Store user once its access is gone; `delete` only if onramp created it. */
  onOffboard: 'keep' | 'delete'
  accounts: string[]
  permissionSets: string[]
  groups: string[]
}

export type AwsMode = 'identity-center' | 'iam-users'

export interface RoleMap {
  version: 1
  roles: Record<string, Role> // a null-prototype object: only own, exact keys match
}

export interface Guardrails {
  version: 1
  emailDomains: string[]
  github?: {
    org: string
    protectedLogins: string[]
    maxInvitationResends: number
    invitationCap: number // per 24 h: 50 for a new org, 500 otherwise
    /** Days after the HR event after which an invitation still unaccepted is reported overdue. */
    invitationDeadlineDays: number
    maxRemovals: number
  }
  /** IAM-user mode (`aws.mode` absent or `iam-users`); absent in Identity Center mode. */
  aws?: {
    userPath: string // begins and ends with '/'
    permissionsBoundary: string
    allowedPolicies: string[]
  }
  /** Identity Center mode (`aws.mode: identity-center`); then `aws` is absent. */
  identityCenter?: IdentityCenterGuardrails
  slack?: { announceChannel: string; alertsChannel: string }
  /** How old a signed event may be (guardrails `events.max-age`, default 24 h), in seconds. */
  events: { maxAgeSeconds: number }
  /**
   * The mass-change guard over every system (guardrails `guard`): most item removals per run (default 100) and
   * most of the managed people losing anything, as a share 0..1 (`max-share` is a percentage, default 25).
   */
  guard: { maxRemovals: number; maxShare: number }
  /** When dated events take effect (guardrails `dates`; defaults when absent). See dates.ts. */
  dates: DatesPolicy
  /** Time-bound grants (guardrails `grants`); absent: none may be given. */
  grants?: GrantsPolicy
}

/** guardrails.yaml `dates`. Days are calendar days in `timeZone` (a day across a DST change is 23 or 25 hours). */
export interface DatesPolicy {
  /** IANA zone name; default UTC. */
  timeZone: string
  joiner: { githubDaysBefore: number; awsDaysBefore: number; welcomeDaysBefore: number }
  /** Absent: never by date. */
  leaver: { deactivateAfterDays?: number; deleteAfterDays?: number }
}

/** guardrails.yaml `grants`: the allowlist a time-bound grant draws from, and its longest duration. */
export interface GrantsPolicy {
  maxDays: number
  allowed: {
    identityGroups: string[]
    githubTeams: string[]
    awsPolicies: string[]
    awsGroups: string[]
    slackChannels: string[]
  }
}

/** The systems onramp grants access in; `slack` is the role channels. */
export const SYSTEMS = ['identity', 'github', 'aws', 'slack'] as const
export type System = (typeof SYSTEMS)[number]

/**
 * Per system, the item keys onramp granted a person and verified present: what it may take away. Keys are the
 * receipts' item keys (`group:backend`, `team:backend`, `policy:<arn>`, `channel:#eng`), sorted.
 */
export type Granted = Partial<Record<System, string[]>>

/**
 * Desired state for one person, one slice per system. A slice is absent when the role names no such system,
 * except that offboard and role change take managed items away wherever any role names the system.
 */
export interface Plan {
  employeeId: string
  eventType: EventType
  eventId: string
  role?: string
  identity?: IdentityPlan
  github?: GithubPlan
  aws?: AwsPlan
  /** The AWS slice in Identity Center mode (then `aws` is absent). */
  identityCenter?: IdentityCenterPlan
  slack?: SlackPlan
  setup?: { repos: string[] }
}

/** `active`: grant the role's items; `revoked`: take every managed item away (offboard). */
export type Presence = 'active' | 'revoked'

/**
 * Active slices only. `ensure`: create or correct the account and grant the role's items. `keep`: a role change
 * to a role that does not name this system: remove the managed items the person holds, never create, invite,
 * activate or change the account or membership itself; no account there means nothing to do.
 */
export type AccountMode = 'ensure' | 'keep'

export interface IdentityPlan {
  presence: Presence
  /** Absent on revoked slices. */
  account?: AccountMode
  groups: string[]
  /** What onramp granted the person and what the role wants: only managed groups are ever removed. */
  managedGroups: string[]
}

export interface GithubPlan {
  presence: Presence
  /** Absent on revoked slices. */
  account?: AccountMode
  org: string
  teams: TeamGrant[]
  /** What onramp granted the person and what the role wants: only managed teams are ever removed. */
  managedTeams: string[]
  protectedLogins: string[]
  maxInvitationResends: number
  invitationCap: number
  invitationDeadlineDays: number
}

export interface AwsPlan {
  presence: Presence
  /** Absent on revoked slices. */
  account?: AccountMode
  userPath: string
  permissionsBoundary: string
  tags: Record<string, string> // managed-by, employee-id, role
  groups: string[]
  policies: string[]
  /** What onramp granted the person and what the role wants: only managed groups and policies are ever removed. */
  managedGroups: string[]
  managedPolicies: string[]
  console: boolean
}

export interface IdentityCenterPlan {
  presence: Presence
  /** Absent on revoked slices. */
  account?: AccountMode
  instanceArn: string
  identityStoreId: string
  region: string
  startUrl: string
  users: 'idp' | 'onramp'
  onOffboard: 'keep' | 'delete'
  assignments: IdentityCenterAssignment[]
  groups: string[]
  /** Union over every role: only these are ever removed. Sorted by account, then permission set. */
  managedAssignments: IdentityCenterAssignment[]
  managedGroups: string[]
}

export interface SlackPlan {
  channels: string[]
  /** The channels onramp invited the person to and the role's: only these are ever removed. */
  managedChannels: string[]
  announceChannel: string
  alertsChannel: string
}
