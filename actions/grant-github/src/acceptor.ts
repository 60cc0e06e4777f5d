// Who accepted an email invitation. GitHub lists neither accepted invitations nor an email's account, and an
// account's email is private by default, so onramp asks every source GitHub offers, most authoritative first:
// the org's SAML identities (the IdP's name id, linked to the account that signed in through it), the emails
// members hold on the org's verified domains (shown whatever their privacy), then public emails. Nothing found
// is an answer of its own: the caller never takes it for "not a member".

import type { GithubPlan } from '@onramp/core'
import { type Account, type GithubApi, GithubCallError, type SamlIdentity } from './github.js'

/** At most this many members' verified-domain emails are read (50 a query), and public emails (one call each). */
export const DOMAIN_EMAIL_LOOKUPS = 2_000
export const PUBLIC_EMAIL_LOOKUPS = 200

export interface Acceptor {
  account: Account
  /** How it was found, PII-free: `SAML identity`, `verified-domain email`, `public email`. */
  how: string
}

export interface AcceptorSearch {
  found?: Acceptor
  /** What each source said, PII-free, for a failure that must say what was tried. */
  tried: string[]
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase()

/** The account the org's SAML identity for `email` links to, undefined when the org has no SAML SSO. */
export async function samlAccount(
  api: GithubApi,
  email: string,
): Promise<{ sso: false } | { sso: true; account?: Account }> {
  const identities: SamlIdentity[] | undefined = await api.samlIdentities()
  if (!identities) return { sso: false }
  return { sso: true, account: identities.find((i) => sameText(i.nameId, email) && i.account)?.account ?? undefined }
}

export async function findAcceptor(api: GithubApi, email: string, plan: GithubPlan): Promise<AcceptorSearch> {
  const tried: string[] = []
  const unreadable = (what: string, error: unknown) => {
    // A source the token or the server cannot serve (GHES without it, a missing permission) is one fewer means,
    // not a reason to stop looking.
    if (!(error instanceof GithubCallError)) throw error
    tried.push(`${what}: could not be read (${error.message})`)
  }

  try {
    const saml = await samlAccount(api, email)
    if (saml.sso && saml.account) return { found: { account: saml.account, how: 'SAML identity' }, tried }
    tried.push(
      saml.sso
        ? 'SAML identities: none for the email is linked to an account'
        : 'SAML identities: the org has no SAML SSO',
    )
  } catch (error) {
    unreadable('SAML identities', error)
  }

  const members = await memberCandidates(api, plan)
  const domainChecked = members.slice(0, DOMAIN_EMAIL_LOOKUPS)
  try {
    const emails = await api.verifiedDomainEmails(domainChecked)
    for (const [login, list] of emails)
      if (list.some((e) => sameText(e, email))) {
        const account = await api.userByLogin(login)
        if (account) return { found: { account, how: 'verified-domain email' }, tried }
      }
    tried.push(`verified-domain emails of ${domainChecked.length} member(s): no match`)
  } catch (error) {
    unreadable('verified-domain emails', error)
  }

  const candidates = members.slice(0, PUBLIC_EMAIL_LOOKUPS)
  for (const login of candidates) {
    if (sameText(await api.publicEmail(login), email)) {
      const account = await api.userByLogin(login)
      if (account) return { found: { account, how: 'public email' }, tried }
    }
  }
  tried.push(`public emails of ${candidates.length} member(s): no match`)
  return { tried }
}

/**
 * The members to compare by email, those of the role's first team first (the invitation put its acceptor
 * there, unless a later change moved them), then the rest of the org; protected logins are never candidates.
 */
async function memberCandidates(api: GithubApi, plan: GithubPlan): Promise<string[]> {
  const logins: string[] = []
  for (const t of plan.teams) {
    try {
      logins.push(...(await api.teamMemberLogins(t.slug)))
      break
    } catch (error) {
      if (!(error instanceof GithubCallError && error.status === 404)) throw error
    }
  }
  logins.push(...(await api.orgMemberLogins()))
  return [...new Set(logins)].filter((l) => !plan.protectedLogins.some((p) => sameText(p, l)))
}
