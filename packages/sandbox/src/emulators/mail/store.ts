// The one message view both mail emulators keep, so a test or the demo reads a welcome email the same way
// whether onramp sent it over SMTP or through SendGrid.
import { type AddressObject, simpleParser } from 'mailparser'

export interface MailMessage {
  /** SMTP: the Message-ID header; SendGrid: the x-message-id answered, with the personalization index. */
  id: string
  via: 'smtp' | 'sendgrid'
  /** Sandbox time, ISO 8601. */
  receivedAt: string
  envelope: { from: string; to: string[] }
  /** The SMTP AUTH user or the SendGrid key's label; absent when unauthenticated. */
  user?: string
  /** Header names lower-cased; values unfolded but not decoded (the parsed fields below are decoded). */
  headers: Record<string, string>
  subject: string
  from: string
  to: string[]
  cc: string[]
  text?: string
  html?: string
  /** SMTP: the message as received; SendGrid: the JSON request body. */
  raw: string
}

export class MailStore {
  private messages: MailMessage[] = []

  add(m: MailMessage): MailMessage {
    this.messages.push(m)
    return m
  }

  /** Messages oldest first; `to` matches any envelope recipient, case-insensitively. */
  list(filter: { to?: string; via?: MailMessage['via'] } = {}): MailMessage[] {
    const to = filter.to?.toLowerCase()
    return this.messages.filter(
      (m) =>
        (to === undefined || m.envelope.to.some((r) => r.toLowerCase() === to)) &&
        (filter.via === undefined || m.via === filter.via),
    )
  }

  clear(): void {
    this.messages = []
  }
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  if (!a) return []
  return (Array.isArray(a) ? a : [a]).flatMap((o) => o.value.map((v) => v.address ?? '')).filter(Boolean)
}

/** Parses an RFC 5322 message into the view's header and body fields. */
export async function parseMessage(
  raw: string,
): Promise<Pick<MailMessage, 'headers' | 'subject' | 'from' | 'to' | 'cc' | 'text' | 'html'> & { messageId?: string }> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true })
  const headers: Record<string, string> = {}
  for (const { key, line } of parsed.headerLines) {
    headers[key.toLowerCase()] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim()
  }
  return {
    headers,
    subject: parsed.subject ?? '',
    from: addresses(parsed.from)[0] ?? '',
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    text: parsed.text,
    html: typeof parsed.html === 'string' ? parsed.html : undefined,
    messageId: parsed.messageId,
  }
}
