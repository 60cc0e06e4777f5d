// A real SMTP server (smtp-server) on 127.0.0.1 that keeps every message it accepts. It also implements the
// HTTP Emulator interface so `serve()` gives it the same `/__sandbox/*` control plane as the REST emulators.
import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerSession } from 'smtp-server'
import type { Emulator, FaultInjector, Kernel, Reply } from '../../kernel/index.js'
import { type MailMessage, MailStore, parseMessage } from './store.js'

export interface SmtpLimits {
  enabled: boolean
  /** Advertised with SIZE and refused with 552 above it. */
  maxMessageBytes?: number
  /** RFC 5321 §4.5.3.1.8: at least 100 recipients must be accepted; more get 452. */
  maxRecipients?: number
}

export interface SmtpOptions {
  limits?: SmtpLimits
  /**
   * `undefined`: AUTH optional, any user/pass accepted. `{user, pass}`: only that pair. `required`: MAIL FROM
   * before a successful AUTH gets 530.
   */
  auth?: { user?: string; pass?: string; required?: boolean }
  /** Share one store between the SMTP and SendGrid emulators. */
  store?: MailStore
  /** Name in the greeting and Message-IDs. */
  hostname?: string
}

/** `seed()` input: messages to place in the store as if received. */
export interface SmtpSeed {
  messages?: MailMessage[]
}

export interface SmtpListening {
  host: string
  port: number
  close(): Promise<void>
}

export const SMTP_DEFAULT_LIMITS: Required<SmtpLimits> = {
  enabled: true,
  maxMessageBytes: 25 * 1024 * 1024,
  maxRecipients: 100,
}

// RFC 5321 §4.2.2 / RFC 3463 wording for the codes a fault may script.
const SMTP_TEXT: Record<number, string> = {
  421: 'Service not available, closing transmission channel',
  450: 'Requested mail action not taken: mailbox unavailable',
  451: 'Requested action aborted: local error in processing',
  452: 'Requested action not taken: insufficient system storage',
  550: 'Requested action not taken: mailbox unavailable',
  552: 'Requested mail action aborted: exceeded storage allocation',
  554: 'Transaction failed',
}

type Stage = 'AUTH' | 'MAIL FROM' | 'RCPT TO' | 'DATA'

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export class SmtpEmulator implements Emulator {
  readonly name = 'smtp'
  readonly store: MailStore
  readonly limits: Required<SmtpLimits>
  private readonly hostname: string
  private count = 0

  constructor(
    private readonly options: SmtpOptions,
    private readonly kernel: Kernel,
  ) {
    this.store = options.store ?? new MailStore()
    this.limits = { ...SMTP_DEFAULT_LIMITS, enabled: false, ...options.limits }
    this.hostname = options.hostname ?? 'smtp.onramp.sandbox'
  }

  // ---- HTTP control plane only: SMTP itself is served by listen() ----

  route(): undefined {
    return undefined
  }

  handle(): Reply {
    return this.errorReply(404, 'Not Found')
  }

  errorReply(status: number, message: string): Reply {
    return { status, body: { error: message } }
  }

  state() {
    return { messages: this.store.list({ via: 'smtp' }) }
  }

  seed(data: SmtpSeed): void {
    for (const m of data.messages ?? []) this.store.add(m)
  }

  /** Messages received over SMTP, optionally only those to one envelope recipient. */
  messages(to?: string): MailMessage[] {
    return this.store.list({ via: 'smtp', to })
  }

  /** Starts the SMTP listener; scripted faults use route ids `SMTP AUTH|MAIL FROM|RCPT TO|DATA`. */
  async listen(faults: FaultInjector, port = 0): Promise<SmtpListening> {
    const auth = this.options.auth
    const server = new SMTPServer({
      name: this.hostname,
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: !auth?.required,
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      size: this.limits.enabled ? this.limits.maxMessageBytes : 0,
      logger: false,
      onAuth: (a, _session, cb) => {
        this.step(faults, 'AUTH', () => {
          const okPair =
            auth?.user === undefined ||
            (a.username === auth.user && (auth.pass === undefined || a.password === auth.pass))
          if (!okPair) throw smtpError(535, 'Authentication credentials invalid')
          return { user: a.username }
        }).then(
          (r) => cb(null, r),
          (e) => cb(e),
        )
      },
      onMailFrom: (_address, session, cb) => {
        this.step(faults, 'MAIL FROM', () => {
          if (auth?.required && !session.user) throw smtpError(530, 'Authentication required')
        }).then(
          () => cb(),
          (e) => cb(e),
        )
      },
      onRcptTo: (_address, session, cb) => {
        this.step(faults, 'RCPT TO', () => {
          if (this.limits.enabled && session.envelope.rcptTo.length >= this.limits.maxRecipients)
            throw smtpError(452, 'Too many recipients')
        }).then(
          () => cb(),
          (e) => cb(e),
        )
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const drop = () => dropConnection(server, session.id)
          this.step(
            faults,
            'DATA',
            async () => {
              if (stream.sizeExceeded) throw smtpError(552, 'Message exceeds fixed maximum message size')
              const id = await this.receive(Buffer.concat(chunks).toString('utf8'), session)
              return `OK: queued as ${id}`
            },
            drop,
          ).then(
            (m) => cb(null, m),
            (e) => cb(e),
          )
        })
      },
    })
    server.on('error', (e) => console.error('[sandbox:smtp]', e))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    const bound = (server.server.address() as AddressInfo).port
    return {
      host: '127.0.0.1',
      port: bound,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    }
  }

  /** Runs one SMTP stage through the fault queue and the log, like the HTTP shell does for a request. */
  private async step<T>(
    faults: FaultInjector,
    stage: Stage,
    run: () => T | Promise<T>,
    /** Closes the connection without a reply: a reset after the message was queued. */
    drop?: () => void,
  ): Promise<T> {
    const route = `SMTP ${stage}`
    const entry = {
      at: this.kernel.clock.now(),
      emulator: this.name,
      method: 'SMTP',
      path: stage,
      route,
      mutating: stage === 'DATA',
      limited: false,
    }
    const latency = faults.latencyMs()
    if (latency) await sleep(latency)
    const fault = faults.take('SMTP', route, stage, stage === 'DATA')
    if (fault?.delayMs && !fault.after) await sleep(fault.delayMs)
    if (fault?.lie) throw new Error('sandbox smtp: lie faults are not supported')
    if (fault?.reset || fault?.respond) {
      // After: the stage is carried out (a DATA is queued) and only the reply is lost or replaced.
      if (fault.after) await run()
      if (fault.after && fault.delayMs) await sleep(fault.delayMs)
      if (fault.after && fault.reset && drop) {
        this.kernel.log.add({ ...entry, status: 0, fault: fault.origin, faultMode: 'after' })
        drop()
        return new Promise<T>(() => {}) // never answered: the connection is gone
      }
      // smtp-server closes the connection after a 421, the nearest SMTP has to a reset.
      const code = fault.reset ? 421 : fault.respond!.status
      const text = typeof fault.respond?.body === 'string' ? fault.respond.body : (SMTP_TEXT[code] ?? 'Error')
      this.kernel.log.add({ ...entry, status: code, fault: fault.origin, faultMode: fault.after ? 'after' : 'before' })
      throw smtpError(code, text)
    }
    try {
      const result = await run()
      this.kernel.log.add({ ...entry, status: stage === 'AUTH' ? 235 : 250 })
      return result
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode ?? 451
      this.kernel.log.add({ ...entry, status: code, limited: code === 452 || code === 552 })
      throw e
    }
  }

  private async receive(raw: string, session: SMTPServerSession): Promise<string> {
    const parsed = await parseMessage(raw)
    this.count += 1
    const id = parsed.messageId ?? `<${this.count}.${this.kernel.clock.now()}@${this.hostname}>`
    const mailFrom = session.envelope.mailFrom
    this.store.add({
      id,
      via: 'smtp',
      receivedAt: new Date(this.kernel.clock.now()).toISOString(),
      envelope: { from: mailFrom ? mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address) },
      ...(session.user ? { user: String(session.user) } : {}),
      headers: parsed.headers,
      subject: parsed.subject,
      from: parsed.from,
      to: parsed.to,
      cc: parsed.cc,
      ...(parsed.text !== undefined ? { text: parsed.text } : {}),
      ...(parsed.html !== undefined ? { html: parsed.html } : {}),
      raw,
    })
    return id
  }
}

/** Destroys the socket of one SMTP session, so the client sees the connection go without a reply. */
function dropConnection(server: SMTPServer, sessionId: string): void {
  const connections = (server as unknown as { connections?: Set<{ id?: string; _socket?: { destroy(): void } }> })
    .connections
  for (const c of connections ?? []) if (c.id === sessionId) c._socket?.destroy()
}
