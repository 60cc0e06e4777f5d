// SendGrid v3 Mail Send: `POST /v3/mail/send` with a bearer API key, 202 + X-Message-Id, the v3 error shape
// `{errors: [{message, field, help}]}`, and X-RateLimit-* headers on every response.

import type { Emulator, Kernel, Reply, RouteInfo, SandboxRequest } from '../../kernel/index.js'
import { Router, TokenBucket } from '../../kernel/index.js'
import { type MailMessage, MailStore } from './store.js'

export interface SendGridLimits {
  enabled: boolean
  /** Requests per refresh period; SendGrid states up to 10,000 Mail Send requests per second. */
  limit?: number
  periodMs?: number
}

export interface SendGridOptions {
  limits?: SendGridLimits
  /** The API key accepted as `Authorization: Bearer <key>` (default `SG.onramp-sandbox`). */
  apiKey?: string
  store?: MailStore
}

/** `seed()` input. */
export interface SendGridSeed {
  apiKey?: string
  messages?: MailMessage[]
}

export const SENDGRID_DEFAULT_LIMITS: Required<SendGridLimits> = { enabled: true, limit: 10_000, periodMs: 1000 }

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html'
const MAX_PERSONALIZATIONS = 1000
const MAX_RECIPIENTS = 1000

interface V3Error {
  message: string
  field: string | null
  help: string | null
}

interface Address {
  email?: unknown
  name?: unknown
}

interface Personalization {
  to?: Address[]
  cc?: Address[]
  bcc?: Address[]
  subject?: unknown
  headers?: Record<string, unknown>
}

interface MailSend {
  personalizations?: Personalization[]
  from?: Address
  reply_to?: Address
  subject?: unknown
  content?: { type?: unknown; value?: unknown }[]
  template_id?: unknown
  headers?: Record<string, unknown>
  mail_settings?: { sandbox_mode?: { enable?: unknown } }
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

type Handler = (req: SandboxRequest) => Reply

export class SendGridEmulator implements Emulator {
  readonly name = 'sendgrid'
  readonly store: MailStore
  readonly limits: Required<SendGridLimits>
  apiKey: string
  private readonly bucket: TokenBucket
  private readonly router = new Router<Handler>()
  private count = 0

  constructor(
    options: SendGridOptions,
    private readonly kernel: Kernel,
  ) {
    this.store = options.store ?? new MailStore()
    this.limits = { ...SENDGRID_DEFAULT_LIMITS, enabled: false, ...options.limits }
    this.apiKey = options.apiKey ?? 'SG.onramp-sandbox'
    // A fixed refresh period: X-RateLimit-Reset is its end. It always counts, so the headers are real even
    // when the limit is not enforced.
    this.bucket = new TokenBucket(this.limits.limit, this.limits.periodMs, kernel.clock, 'window')
    this.router.on('POST', '/v3/mail/send', (req) => this.send(req))
  }

  route(req: SandboxRequest): RouteInfo | undefined {
    const r = this.router.match(req.method, req.path)
    return r && { id: r.id, mutating: r.mutating, params: r.params }
  }

  handle(req: SandboxRequest): Reply {
    const r = this.router.match(req.method, req.path)!
    const auth = req.headers.authorization
    if (!auth) return this.errors(401, [{ message: 'authorization required', field: null, help: null }])
    if (auth !== `Bearer ${this.apiKey}`)
      return this.errors(401, [
        { message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null },
      ])
    const take = this.bucket.take()
    const headers = this.rateHeaders(take.limit, take.remaining, take.resetAt)
    if (!take.ok && this.limits.enabled) {
      return { status: 429, headers, body: { errors: [{ field: null, message: 'too many requests' }] }, limited: true }
    }
    const reply = r.handler(req)
    return { ...reply, headers: { ...headers, ...reply.headers } }
  }

  errorReply(status: number, message: string): Reply {
    const text = status === 404 ? 'not found' : status === 429 ? 'too many requests' : message
    return this.errors(status, [{ message: text, field: null, help: null }])
  }

  commonHeaders(): Record<string, string> {
    const p = this.bucket.peek()
    return this.rateHeaders(p.limit, p.remaining, p.resetAt)
  }

  state() {
    return { messages: this.store.list({ via: 'sendgrid' }) }
  }

  seed(data: SendGridSeed): void {
    if (data.apiKey) this.apiKey = data.apiKey
    for (const m of data.messages ?? []) this.store.add(m)
  }

  /** Messages accepted through Mail Send, optionally only those to one recipient. */
  messages(to?: string): MailMessage[] {
    return this.store.list({ via: 'sendgrid', to })
  }

  private rateHeaders(limit: number, remaining: number, resetAt: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, remaining)),
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    }
  }

  private errors(status: number, errors: V3Error[]): Reply {
    return { status, body: { errors } }
  }

  private send(req: SandboxRequest): Reply {
    let body: MailSend
    try {
      body = req.json() as MailSend
    } catch {
      return this.errors(400, [{ message: 'Bad Request', field: null, help: null }])
    }
    if (!body || typeof body !== 'object')
      return this.errors(400, [{ message: 'Bad Request', field: null, help: null }])
    const errors = validate(body)
    if (errors.length) return this.errors(400, errors)

    this.count += 1
    const messageId = `sbx${String(this.count).padStart(6, '0')}${Buffer.from(String(this.kernel.clock.now())).toString('base64url').slice(0, 13)}`
    // mail_settings.sandbox_mode validates and answers 200 without sending.
    if (body.mail_settings?.sandbox_mode?.enable === true) return { status: 200 }

    const from = body.from as { email: string; name?: string }
    const text = body.content?.find((c) => c.type === 'text/plain')?.value
    const html = body.content?.find((c) => c.type === 'text/html')?.value
    const raw = req.text()
    body.personalizations!.forEach((p, i) => {
      const list = (a?: Address[]) => (a ?? []).map((x) => String(x.email))
      const subject = String(p.subject ?? body.subject ?? '')
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries({ ...body.headers, ...p.headers })) headers[k.toLowerCase()] = String(v)
      headers.from = from.name ? `${from.name} <${from.email}>` : from.email
      headers.to = list(p.to).join(', ')
      if (p.cc?.length) headers.cc = list(p.cc).join(', ')
      headers.subject = subject
      this.store.add({
        id: `${messageId}.${i}`,
        via: 'sendgrid',
        receivedAt: new Date(this.kernel.clock.now()).toISOString(),
        envelope: { from: from.email, to: [...list(p.to), ...list(p.cc), ...list(p.bcc)] },
        user: 'apikey',
        headers,
        subject,
        from: from.email,
        to: list(p.to),
        cc: list(p.cc),
        ...(typeof text === 'string' ? { text } : {}),
        ...(typeof html === 'string' ? { html } : {}),
        raw,
      })
    })
    return { status: 202, headers: { 'x-message-id': messageId } }
  }
}

/** The checks SendGrid makes before accepting a message, with its messages, fields and help anchors. */
function validate(b: MailSend): V3Error[] {
  const errors: V3Error[] = []
  const err = (message: string, field: string | null, anchor: string) =>
    errors.push({ message, field, help: `${HELP}#${anchor}` })
  const ps = b.personalizations
  if (!Array.isArray(ps) || ps.length === 0) {
    err(
      'The personalizations field is required and must have at least one personalization.',
      'personalizations',
      '-Personalizations-Errors',
    )
  } else if (ps.length > MAX_PERSONALIZATIONS) {
    err('The personalizations field may not have more than 1000 items.', 'personalizations', '-Personalizations-Errors')
  } else {
    let recipients = 0
    ps.forEach((p, i) => {
      if (!Array.isArray(p.to) || p.to.length === 0) {
        err(
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
          `personalizations.${i}.to`,
          'message.personalizations.to',
        )
      }
      for (const kind of ['to', 'cc', 'bcc'] as const) {
        ;(p[kind] ?? []).forEach((a, j) => {
          recipients += 1
          if (typeof a.email !== 'string' || !EMAIL.test(a.email))
            err(
              'Does not contain a valid address.',
              `personalizations.${i}.${kind}.${j}.email`,
              `message.personalizations.${kind}`,
            )
        })
      }
      if (p.subject === undefined && b.subject === undefined && b.template_id === undefined) {
        err(
          'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
          'subject',
          'message.subject',
        )
      }
    })
    if (recipients > MAX_RECIPIENTS)
      err('The total number of recipients must be less than 1000.', 'personalizations', '-Personalizations-Errors')
  }
  if (!b.from || typeof b.from.email !== 'string' || b.from.email === '') {
    err(
      'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.  e.g. {"email" : "example@example.com"}  or {"email" : "example@example.com", "name" : "Example Recipient"}.',
      'from.email',
      'message.from',
    )
  } else if (!EMAIL.test(b.from.email)) {
    err('The from email does not contain a valid address.', 'from.email', 'message.from')
  }
  if (b.template_id === undefined) {
    if (!Array.isArray(b.content) || b.content.length === 0) {
      err(
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.',
        'content',
        'message.content',
      )
    } else {
      b.content.forEach((c, i) => {
        if (typeof c.value !== 'string' || c.value.length === 0)
          err(
            'The content value must be a string at least one character in length.',
            `content.${i}.value`,
            'message.content.value',
          )
        if (typeof c.type !== 'string' || c.type === '')
          err(
            'The content type must be a string at least one character in length.',
            `content.${i}.type`,
            'message.content.type',
          )
      })
    }
  }
  // Dedupe repeated subject errors from several personalizations.
  return errors.filter((e, i) => errors.findIndex((x) => x.message === e.message && x.field === e.field) === i)
}
