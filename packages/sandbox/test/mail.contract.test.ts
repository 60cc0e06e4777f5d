// The SMTP emulator driven through nodemailer 10 (the client onramp uses), and SendGrid's v3 Mail Send
// driven over fetch (docs: twilio.com/docs/sendgrid/api-reference/mail-send/mail-send, ".../rate-limits").
import { createTransport, type SendMailOptions } from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MailStore,
  SendGridEmulator,
  SmtpEmulator,
  type SmtpListening,
  type SmtpOptions,
} from '../src/emulators/mail/index.js'
import type { FaultInjector } from '../src/kernel/index.js'
import { type Started, startEmulator } from './helpers.js'

interface SmtpHarness {
  emulator: SmtpEmulator
  smtp: SmtpListening
  faults: FaultInjector
  http: Started<SmtpEmulator>
}

async function startSmtp(options: SmtpOptions = {}): Promise<SmtpHarness> {
  const http = await startEmulator((k) => new SmtpEmulator(options, k))
  const smtp = await http.emulator.listen(http.faults)
  return { emulator: http.emulator, smtp, faults: http.faults, http }
}

const transport = (h: SmtpHarness, auth?: { user: string; pass: string }) =>
  createTransport({ host: h.smtp.host, port: h.smtp.port, secure: false, ignoreTLS: true, auth })

const welcome: SendMailOptions = {
  from: '"onramp" <onramp@acme.example>',
  to: 'Ada Lovelace <ada@acme.example>',
  cc: 'manager@acme.example',
  bcc: 'audit@acme.example',
  subject: 'Welcome, Ada — ünïcode subject',
  text: 'Your accounts are ready.',
  html: '<p>Your accounts are <b>ready</b>.</p>',
  headers: { 'X-Onramp-Event': 'evt-1' },
}

async function rejection(p: Promise<unknown>): Promise<{ code?: string; responseCode?: number; response?: string }> {
  try {
    await p
  } catch (e) {
    return e as { code?: string; responseCode?: number }
  }
  throw new Error('expected a rejection')
}

describe('SMTP emulator via nodemailer', () => {
  let h: SmtpHarness
  beforeAll(async () => {
    h = await startSmtp()
  })
  afterAll(async () => {
    await h.smtp.close()
    await h.http.close()
  })

  it('accepts a message and keeps envelope, raw and parsed fields', async () => {
    const info = await transport(h).sendMail(welcome)
    expect(info.accepted).toEqual(['ada@acme.example', 'manager@acme.example', 'audit@acme.example'])
    expect(info.rejected).toEqual([])
    expect(info.response).toMatch(/^250 OK: queued as </)
    const [m] = h.emulator.messages('ada@acme.example')
    expect(m).toEqual({
      id: info.messageId,
      via: 'smtp',
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      envelope: {
        from: 'onramp@acme.example',
        to: ['ada@acme.example', 'manager@acme.example', 'audit@acme.example'],
      },
      headers: expect.objectContaining({ 'x-onramp-event': 'evt-1', 'message-id': info.messageId }),
      subject: 'Welcome, Ada — ünïcode subject',
      from: 'onramp@acme.example',
      to: ['ada@acme.example'],
      cc: ['manager@acme.example'],
      text: 'Your accounts are ready.',
      html: '<p>Your accounts are <b>ready</b>.</p>',
      raw: expect.stringContaining('X-Onramp-Event: evt-1'),
    })
    // Bcc is in the envelope only, never in the headers.
    expect(m!.raw).not.toMatch(/audit@acme\.example/)
    expect(h.emulator.messages('audit@acme.example')).toHaveLength(1)
    expect(h.http.log.counters().byRoute).toMatchObject({ 'SMTP MAIL FROM': 1, 'SMTP RCPT TO': 3, 'SMTP DATA': 1 })
  })

  it('accepts any AUTH user when no pair is configured, and records the user', async () => {
    await transport(h, { user: 'anyone', pass: 'anything' }).sendMail({
      ...welcome,
      to: 'bob@acme.example',
      cc: [],
      bcc: [],
    })
    expect(h.emulator.messages('bob@acme.example')[0]?.user).toBe('anyone')
  })

  it('a transient 451 on DATA fails the send; a retry (4yz is transient, RFC 5321 §4.2.1) succeeds', async () => {
    h.faults.script({ match: { route: 'SMTP DATA' }, times: 1, respond: { status: 451 } })
    const t = transport(h)
    const e = await rejection(t.sendMail({ ...welcome, to: 'carol@acme.example', cc: [], bcc: [] }))
    expect(e).toMatchObject({ code: 'EMESSAGE', responseCode: 451 })
    expect(e.response).toMatch(/^451 .*local error in processing/)
    expect(h.emulator.messages('carol@acme.example')).toEqual([])
    await t.sendMail({ ...welcome, to: 'carol@acme.example', cc: [], bcc: [] })
    expect(h.emulator.messages('carol@acme.example')).toHaveLength(1)
  })

  it('a permanent 550 on RCPT TO is an envelope error; a reset is a 421 that closes the connection', async () => {
    h.faults.script({ match: { route: 'SMTP RCPT TO' }, times: 1, respond: { status: 550, body: 'No such user here' } })
    const e = await rejection(transport(h).sendMail({ ...welcome, to: 'dan@acme.example', cc: [], bcc: [] }))
    expect(e).toMatchObject({ code: 'EENVELOPE', responseCode: 550 })
    expect(e.response).toBe('550 No such user here')
    h.faults.script({ match: { route: 'SMTP MAIL FROM' }, times: 1, reset: true })
    const r = await rejection(transport(h).sendMail({ ...welcome, to: 'dan@acme.example', cc: [], bcc: [] }))
    expect(r.responseCode).toBe(421)
    expect(
      h.http.log
        .list({ emulator: 'smtp' })
        .filter((x) => x.fault)
        .map((x) => [x.route, x.status]),
    ).toEqual([
      ['SMTP DATA', 451],
      ['SMTP RCPT TO', 550],
      ['SMTP MAIL FROM', 421],
    ])
  })

  it('serves its state on the /__sandbox control plane', async () => {
    const state = (await (await fetch(`${h.http.url}/__sandbox/state`)).json()) as { messages: unknown[] }
    expect(state.messages).toHaveLength(h.emulator.messages().length)
  })
})

describe('SMTP emulator with a configured AUTH pair and limits', () => {
  let h: SmtpHarness
  beforeAll(async () => {
    h = await startSmtp({
      auth: { user: 'onramp', pass: 's3cret', required: true },
      limits: { enabled: true, maxRecipients: 2, maxMessageBytes: 2048 },
    })
  })
  afterAll(async () => {
    await h.smtp.close()
    await h.http.close()
  })

  it('refuses a wrong pair with 535 and a missing AUTH with 530', async () => {
    const wrong = await rejection(transport(h, { user: 'onramp', pass: 'nope' }).sendMail(welcome))
    expect(wrong).toMatchObject({ code: 'EAUTH', responseCode: 535 })
    const none = await rejection(transport(h).sendMail(welcome))
    expect(none).toMatchObject({ code: 'EENVELOPE', responseCode: 530 })
  })

  it('enforces recipient and size limits (452, 552)', async () => {
    const t = transport(h, { user: 'onramp', pass: 's3cret' })
    const info = await t.sendMail(welcome) // three recipients: the third is refused
    expect(info.accepted).toEqual(['ada@acme.example', 'manager@acme.example'])
    expect(info.rejected).toEqual(['audit@acme.example'])
    const big = await rejection(t.sendMail({ ...welcome, cc: [], bcc: [], text: 'x'.repeat(4096) }))
    expect(big.responseCode).toBe(552)
    expect(h.emulator.messages()).toHaveLength(1)
    expect(h.emulator.messages()[0]?.user).toBe('onramp')
    expect(h.http.log.counters().limited).toBe(2)
  })
})

describe('SendGrid v3 Mail Send emulator', () => {
  const KEY = 'SG.test-key'
  let s: Started<SendGridEmulator>
  const send = (body: unknown, key: string | null = KEY) =>
    fetch(`${s.url}/v3/mail/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  const mail = {
    personalizations: [
      { to: [{ email: 'ada@acme.example', name: 'Ada' }], cc: [{ email: 'manager@acme.example' }] },
      { to: [{ email: 'bob@acme.example' }], subject: 'Hi Bob' },
    ],
    from: { email: 'onramp@acme.example', name: 'onramp' },
    subject: 'Welcome',
    content: [
      { type: 'text/plain', value: 'Your accounts are ready.' },
      { type: 'text/html', value: '<p>ready</p>' },
    ],
    headers: { 'X-Onramp-Event': 'evt-2' },
  }
  beforeAll(async () => {
    s = await startEmulator((k) => new SendGridEmulator({ apiKey: KEY, store: new MailStore() }, k))
  })
  afterAll(() => s.close())

  it('202 with X-Message-Id and rate-limit headers; one message per personalization', async () => {
    const res = await send(mail)
    expect(res.status).toBe(202)
    expect(await res.text()).toBe('')
    const id = res.headers.get('x-message-id')!
    expect(id).toMatch(/^[A-Za-z0-9_-]{10,}$/)
    expect(res.headers.get('x-ratelimit-limit')).toBe('10000')
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBe(9999)
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(s.clock.now() / 1000))
    expect(s.emulator.messages()).toEqual([
      {
        id: `${id}.0`,
        via: 'sendgrid',
        receivedAt: expect.any(String),
        envelope: { from: 'onramp@acme.example', to: ['ada@acme.example', 'manager@acme.example'] },
        user: 'apikey',
        headers: {
          'x-onramp-event': 'evt-2',
          from: 'onramp <onramp@acme.example>',
          to: 'ada@acme.example',
          cc: 'manager@acme.example',
          subject: 'Welcome',
        },
        subject: 'Welcome',
        from: 'onramp@acme.example',
        to: ['ada@acme.example'],
        cc: ['manager@acme.example'],
        text: 'Your accounts are ready.',
        html: '<p>ready</p>',
        raw: JSON.stringify(mail),
      },
      expect.objectContaining({ id: `${id}.1`, subject: 'Hi Bob', to: ['bob@acme.example'], cc: [] }),
    ])
  })

  it('401 without or with a wrong key, in the v3 error shape', async () => {
    const none = await send(mail, null)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ errors: [{ message: 'authorization required', field: null, help: null }] })
    expect(none.headers.get('x-ratelimit-limit')).toBe('10000')
    const wrong = await send(mail, 'SG.wrong')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({
      errors: [
        { message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null },
      ],
    })
  })

  it('400 lists every validation error with message, field and help', async () => {
    const res = await send({ personalizations: [{ to: [{ email: 'not-an-address' }] }], content: [] })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { message: string; field: string; help: string }[] }
    expect(body.errors.map((e) => e.field)).toEqual([
      'personalizations.0.to.0.email',
      'subject',
      'from.email',
      'content',
    ])
    for (const e of body.errors) {
      expect(e.message.length).toBeGreaterThan(10)
      expect(e.help).toMatch(/^http:\/\/sendgrid\.com\/docs\/API_Reference\/Web_API_v3\/Mail\/errors\.html#/)
    }
    const malformed = await send('{not json')
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toEqual({ errors: [{ message: 'Bad Request', field: null, help: null }] })
    const noPers = await send({ ...mail, personalizations: [] })
    expect(((await noPers.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('personalizations')
  })

  it('sandbox_mode validates and answers 200 without storing', async () => {
    const before = s.emulator.messages().length
    const res = await send({ ...mail, mail_settings: { sandbox_mode: { enable: true } } })
    expect(res.status).toBe(200)
    expect(s.emulator.messages()).toHaveLength(before)
  })

  it('injected 429 and 5xx carry the v3 shape; a retry succeeds', async () => {
    s.faults.script(
      { match: { route: 'POST /v3/mail/send' }, times: 1, respond: { status: 429 } },
      { match: { route: 'POST /v3/mail/send' }, times: 1, respond: { status: 503 } },
    )
    const limited = await send(mail)
    expect(limited.status).toBe(429)
    expect(await limited.json()).toEqual({ errors: [{ message: 'too many requests', field: null, help: null }] })
    expect(limited.headers.get('x-ratelimit-remaining')).not.toBeNull()
    expect((await send(mail)).status).toBe(503)
    expect((await send(mail)).status).toBe(202)
  })
})

describe('SendGrid limits (enabled)', () => {
  it('refuses past the limit for the rest of the refresh period, with X-RateLimit-Reset at its end', async () => {
    const s = await startEmulator(
      (k) => new SendGridEmulator({ limits: { enabled: true, limit: 2, periodMs: 60_000 } }, k),
    )
    try {
      const body = JSON.stringify({
        personalizations: [{ to: [{ email: 'a@acme.example' }] }],
        from: { email: 'onramp@acme.example' },
        subject: 's',
        content: [{ type: 'text/plain', value: 'v' }],
      })
      const post = () =>
        fetch(`${s.url}/v3/mail/send`, {
          method: 'POST',
          headers: { authorization: 'Bearer SG.onramp-sandbox', 'content-type': 'application/json' },
          body,
        })
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push(await post())
      expect(statuses.map((r) => r.status)).toEqual([202, 202, 429])
      expect(statuses.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['1', '0', '0'])
      const last = statuses[2]!
      expect(await last.json()).toEqual({ errors: [{ field: null, message: 'too many requests' }] })
      const reset = Number(last.headers.get('x-ratelimit-reset'))
      expect(reset * 1000).toBeGreaterThan(s.clock.now())
      expect(s.log.counters().limited).toBe(1)
      s.clock.advance(60_000)
      expect((await post()).status).toBe(202)
    } finally {
      await s.close()
    }
  })
})
