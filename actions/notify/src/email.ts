// The welcome email: a template in the repo rendered with the hire's name, role and setup link, sent over
// SMTP (nodemailer) or SendGrid v3 Mail Send. Both are loaded or called only when an email is due.

import { readFileSync } from 'node:fs'
import {
  type Clock,
  classifyHttp,
  DEFAULT_POLICY,
  type RetryPolicy,
  redactPersonalData,
  systemClock,
  withRetry,
} from '@onramp/core'
import { nothingSent } from './delivery.js'

export interface Email {
  from: string
  to: string
  subject: string
  text: string
  /** Deterministic per event, so a resend after a crash can be recognised as the same message. */
  messageId: string
}

export type MailTransport =
  | { kind: 'smtp'; host: string; port: number; user?: string; password?: string }
  | { kind: 'sendgrid'; apiKey: string; apiUrl: string }

const DEFAULT_TEMPLATE = new URL('../templates/welcome.txt', import.meta.url)

/** `Subject: …` on the first line, a blank line, then the body; `{{key}}` placeholders. */
export function renderTemplate(template: string, values: Record<string, string>): { subject: string; text: string } {
  const fill = (s: string) =>
    s.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_m, key: string) => {
      const v = values[key]
      if (v === undefined) throw new Error(`welcome template: unknown placeholder ${key}`)
      return v
    })
  const m = /^Subject: (.*)\r?\n\r?\n([\s\S]*)$/.exec(template)
  if (!m) throw new Error('welcome template: must start with "Subject: …" and a blank line')
  // A subject is one header line: no newline may come in from a value.
  return { subject: fill(m[1]!).replace(/[\r\n]+/g, ' '), text: fill(m[2]!) }
}

export function loadTemplate(path?: string): string {
  return readFileSync(path || DEFAULT_TEMPLATE, 'utf8')
}

/** The link the welcome points to: the setup script with the role as a query, so the page can show it. */
export function setupLink(setupUrl: string, role: string): string {
  const url = new URL(setupUrl)
  url.searchParams.set('role', role)
  return url.toString()
}

/**
 * The dev-setup arguments for the role, so the script needs no access to roles.yaml on a new machine. Role keys
 * and repository names are schema-checked to shell-safe characters; anything else is left out.
 */
export function setupArgs(
  role: string,
  repos: string[],
  aws: boolean,
  sso?: { startUrl: string; region: string; accounts: string[] },
): string {
  const safe = (s: string) => /^[A-Za-z0-9_./-]+$/.test(s)
  const list = repos.filter(safe)
  if (!safe(role)) return ''
  // Identity Center: the access portal and the role's accounts, for the script's `aws configure sso` profiles.
  const portal =
    sso?.accounts.length && /^https:\/\/[A-Za-z0-9.-]+(\/[A-Za-z0-9._~-]+)*\/?$/.test(sso.startUrl) && safe(sso.region)
      ? `--aws-sso ${sso.startUrl},${sso.region} --aws-accounts ${sso.accounts.filter((a) => /^\d{12}$/.test(a)).join(',')}`
      : ''
  return [role, list.length ? `--repos ${list.join(',')}` : '', portal || (aws ? '--aws' : '')]
    .filter(Boolean)
    .join(' ')
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host)

export interface SendOptions {
  clock?: Clock
  policy?: RetryPolicy
}

/**
 * Sends one email; resolves to the service's message id. Retried under the core policy only when the message
 * cannot have been accepted: an SMTP 4xx reply, a SendGrid 429, or no connection at all (see delivery.ts). A
 * timeout or reset after sending, an SMTP 5xx or a SendGrid 4xx/5xx fails without a retry.
 */
export async function sendEmail(transport: MailTransport, email: Email, options: SendOptions = {}): Promise<string> {
  const clock = options.clock ?? systemClock
  const policy = options.policy ?? DEFAULT_POLICY
  return transport.kind === 'smtp'
    ? sendSmtp(transport, email, policy, clock)
    : sendSendGrid(transport, email, policy, clock)
}

async function sendSmtp(t: Extract<MailTransport, { kind: 'smtp' }>, email: Email, policy: RetryPolicy, clock: Clock) {
  const { createTransport } = await import('nodemailer')
  const transporter = createTransport({
    host: t.host,
    port: t.port,
    secure: t.port === 465,
    // Credentials and the hire's address never cross a network in clear text; only a local relay may skip TLS.
    requireTLS: !isLoopback(t.host) && t.port !== 465,
    auth: t.user ? { user: t.user, pass: t.password ?? '' } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  })
  try {
    const info = await withRetry(
      () =>
        transporter.sendMail({
          from: email.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          messageId: email.messageId,
        }),
      (error) => {
        const code = (error as { responseCode?: number }).responseCode
        // A 4xx reply is a refusal to take the message now (RFC 5321 §4.2.1). Without a reply only a failure before
        // the envelope is safe to repeat: a timeout or reset after DATA may follow the server's acceptance.
        return { retry: code === undefined ? nothingSent(error) : code >= 400 && code < 500 }
      },
      policy,
      clock,
    )
    return info.messageId
  } catch (error) {
    throw describeMailError('smtp', error)
  } finally {
    transporter.close()
  }
}

async function sendSendGrid(
  t: Extract<MailTransport, { kind: 'sendgrid' }>,
  email: Email,
  policy: RetryPolicy,
  clock: Clock,
): Promise<string> {
  const url = `${t.apiUrl.replace(/\/+$/, '')}/v3/mail/send`
  const body = JSON.stringify({
    personalizations: [{ to: [{ email: email.to }] }],
    from: { email: email.from },
    subject: email.subject,
    content: [{ type: 'text/plain', value: email.text }],
    headers: { 'Message-ID': email.messageId },
  })
  try {
    return await withRetry(
      async () => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.apiKey}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(30_000),
        })
        if (res.status === 202 || res.status === 200) return res.headers.get('x-message-id') ?? email.messageId
        const detail = await res.text().catch(() => '')
        throw Object.assign(new Error(`HTTP ${res.status}: ${sendGridErrors(detail)}`), {
          status: res.status,
          headers: Object.fromEntries(res.headers),
        })
      },
      (error) => {
        const e = error as { status?: number; headers?: Record<string, string> }
        // A 429 was not accepted; a 5xx or a lost answer (timeout, reset) may come after the mail was queued.
        if (e.status === 429) return classifyHttp(e.status, e.headers, '', clock.now())
        return { retry: e.status === undefined && nothingSent(error) }
      },
      policy,
      clock,
    )
  } catch (error) {
    throw describeMailError('sendgrid', error)
  }
}

function sendGridErrors(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { message?: string; field?: string | null }[] }
    return (parsed.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ') || 'error'
  } catch {
    return 'error'
  }
}

/** A PII-free error: the service's code and message with any registered personal value replaced. */
function describeMailError(via: string, error: unknown): Error {
  const e = error as { responseCode?: number; code?: string; lastError?: unknown }
  const inner = (e.lastError ?? error) as { responseCode?: number; status?: number; code?: string; message?: string }
  const code = inner.responseCode ?? inner.code
  const message = redactPersonalData(String(inner.message ?? error).split('\n')[0]!)
  // The server's own refusal (an SMTP reply, a SendGrid 4xx) or no connection says the message was not taken; a
  // lost answer or a SendGrid 5xx says nothing.
  const notSent =
    inner.responseCode !== undefined ||
    (inner.status !== undefined && inner.status >= 400 && inner.status < 500) ||
    nothingSent(inner)
  return Object.assign(new Error(`${via}: ${code !== undefined ? `${code} ` : ''}${message}`.slice(0, 300)), {
    notSent,
  })
}
