// In process: pacing with a fake clock, exactly-once around a crash between two sends, and the pure parts.
import { createServer, type Server } from 'node:net'
import { type LifecycleEvent, type Plan, reconcile, scheduleFor } from '@onramp/core'
import { fakeClock } from '@onramp/core/testing'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Email, renderTemplate, sendEmail, setupArgs, setupLink } from '../src/email.js'
import { failedJobs, type Notification, type NotificationItem, notificationItem } from '../src/main.js'
import { alertMessage, escapeMrkdwn, readyMessage } from '../src/messages.js'
import { createSlack, POST_INTERVAL_MS } from '../src/slack.js'

describe('Slack pacing', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({
      guardrails: new URL('../../../.github/access/guardrails.yaml', import.meta.url).pathname,
      seed: { slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] } },
    })
  })
  afterAll(async () => sb.close())

  it('waits a second between two posts to one channel, not between channels', async () => {
    const clock = fakeClock()
    const slack = createSlack({
      token: sb.inputs['slack-token']!,
      apiUrl: sb.inputs['slack-api-url']!,
      clock,
      fast: true,
    })
    const msg = (channel: string) => ({ channel, text: 'hi', blocks: [] })
    await slack.post(msg('#new-joiners'))
    await slack.post(msg('#onramp-alerts'))
    expect(clock.sleeps).toEqual([])
    clock.advance(300)
    await slack.post(msg('#new-joiners'))
    expect(clock.sleeps).toEqual([POST_INTERVAL_MS - 300])
    expect(sb.emulators.slack.emulator.messages('#new-joiners')).toHaveLength(2)
  })

  it('looks a manager up once per run however many hires mention them; a failed lookup is asked again', async () => {
    const slack = createSlack({ token: sb.inputs['slack-token']!, apiUrl: sb.inputs['slack-api-url']!, fast: true })
    const lookups = () => sb.log.list({ emulator: 'slack' }).filter((e) => e.path.endsWith('users.lookupByEmail'))
    const before = lookups().length
    const ids = await Promise.all([1, 2, 3].map(() => slack.lookupUserId('riley.manager@acme.com')))
    expect(new Set(ids).size).toBe(1)
    expect(await slack.lookupUserId('nobody@acme.com')).toBeUndefined()
    expect(await slack.lookupUserId('nobody@acme.com')).toBeUndefined()
    expect(lookups().length - before).toBe(2)
    const wrong = createSlack({ token: 'xoxb-wrong', apiUrl: sb.inputs['slack-api-url']!, fast: true, warn: () => {} })
    await wrong.lookupUserId('riley.manager@acme.com')
    await wrong.lookupUserId('riley.manager@acme.com')
    expect(lookups().length - before).toBe(4)
  })

  it('reports ok:false by its code and does not retry it', async () => {
    const slack = createSlack({ token: 'xoxb-wrong', apiUrl: sb.inputs['slack-api-url']!, fast: true })
    const before = sb.log.list({ emulator: 'slack' }).length
    await expect(slack.post({ channel: '#new-joiners', text: 'x', blocks: [] })).rejects.toThrow(
      'slack chat.postMessage: invalid_auth (not retried)',
    )
    expect(sb.log.list({ emulator: 'slack' }).length - before).toBe(1)
  })

  it('retries a post only when nothing reached Slack: a refused connection', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const address = closed.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const clock = fakeClock()
    const slack = createSlack({ token: 'xoxb-x', apiUrl: `http://127.0.0.1:${port}/api/`, clock, fast: true })
    await expect(slack.post({ channel: '#new-joiners', text: 'x', blocks: [] })).rejects.toThrow(
      'slack chat.postMessage: could not connect',
    )
    expect(clock.sleeps.filter((ms) => ms === 1)).toHaveLength(4)
  })
})

describe('SMTP: retried only when the message cannot have been accepted', () => {
  const email: Email = {
    from: 'onramp@example.test',
    to: 'new.hire@example.test',
    subject: 'Welcome',
    text: 'Hello',
    messageId: '<welcome.evt-1.E1@example.test>',
  }
  let server: Server | undefined
  afterAll(() => server?.close())

  /** A server that takes the whole message, then drops the connection instead of answering the final dot. */
  async function acceptsThenDrops(): Promise<{ port: number; delivered: () => number }> {
    let delivered = 0
    server = createServer((socket) => {
      let inData = false
      let buffer = ''
      socket.write('220 test ESMTP\r\n')
      socket.on('data', (chunk) => {
        buffer += chunk.toString('latin1')
        for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
          const line = buffer.slice(0, i)
          buffer = buffer.slice(i + 2)
          if (inData) {
            if (line === '.') {
              delivered++
              socket.destroy()
              return
            }
          } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test\r\n')
          else if (/^DATA/i.test(line)) {
            inData = true
            socket.write('354 go ahead\r\n')
          } else socket.write('250 ok\r\n')
        }
      })
    })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    return { port: typeof address === 'object' && address ? address.port : 0, delivered: () => delivered }
  }

  it('a connection lost after the message went out is not retried (it may have been accepted)', async () => {
    const { port, delivered } = await acceptsThenDrops()
    const clock = fakeClock()
    await expect(sendEmail({ kind: 'smtp', host: '127.0.0.1', port }, email, { clock })).rejects.toThrow(/^smtp: /)
    expect(delivered()).toBe(1)
    expect(clock.sleeps).toEqual([])
  })

  it('a refused connection is retried: nothing was sent', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const address = closed.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const clock = fakeClock()
    await expect(
      sendEmail({ kind: 'smtp', host: '127.0.0.1', port }, email, {
        clock,
        policy: { baseMs: 1, capMs: 1, maxAttempts: 3, deadlineMs: 60_000 },
      }),
    ).rejects.toThrow(/^smtp: ECONNECTION|^smtp: ESOCKET/)
    expect(clock.sleeps).toHaveLength(2)
  })
})

describe('intent, send, result: around a send whose answer was lost', () => {
  const clock = fakeClock()
  const setup = () => {
    const notified = new Map<string, string>()
    const store = {
      get: async (k: string) => notified.get(k),
      set: async (k: string, v: string) => void notified.set(k, v),
      clear: async (k: string) => void notified.delete(k),
    }
    return { notified, store }
  }
  const run = (items: NotificationItem[]) =>
    reconcile(
      items.map((i) => i.item),
      { dryRun: false, clock, readBack: { baseMs: 1, capMs: 1, maxAttempts: 2, deadlineMs: 1000 } },
    ).then(async (o) => {
      for (const [i, r] of o.receipts.entries()) if (r.verified) await items[i]!.recordFound()
      return o
    })

  it('a service that can be asked: the lost answer is looked up, never sent twice, and recorded', async () => {
    const { notified, store } = setup()
    const channel: string[] = []
    let loseAnswer = true
    const slackLike: Notification = {
      kind: 'welcome-slack',
      to: 'slack #x',
      preview: async () => '',
      send: async (key) => {
        channel.push(key)
        if (loseAnswer) throw Object.assign(new Error('no answer'), { maybeSent: true })
        return `ref-${key}`
      },
      find: async (key) => (channel.includes(key) ? `found-${key}` : undefined),
    }
    const first = await run([notificationItem(slackLike, 'evt-1', store, clock)])
    // The read-back (the service, not the ledger) found the post: verified, recorded, sent once.
    expect(first.receipts[0]).toMatchObject({ result: 'changed', verified: true })
    expect(channel).toEqual(['welcome-slack:evt-1'])
    expect(notified.get('welcome-slack:evt-1')).toMatch(/ found-welcome-slack:evt-1$/)

    // An intent without a result (the process died after the send): the rerun asks, finds it, sends nothing.
    notified.set('welcome-slack:evt-1', `${new Date(clock.now()).toISOString()} intent`)
    loseAnswer = false
    const second = await run([notificationItem(slackLike, 'evt-1', store, clock)])
    expect(second.receipts[0]).toMatchObject({ result: 'unchanged', verified: true })
    expect(channel).toHaveLength(1)
    expect(notified.get('welcome-slack:evt-1')).toMatch(/ found-welcome-slack:evt-1$/)
  })

  it('a success that posted nothing fails the read-back; the rerun sends it', async () => {
    const { notified, store } = setup()
    const channel: string[] = []
    let lie = true
    const slackLike: Notification = {
      kind: 'leaver-slack',
      to: 'slack #a',
      preview: async () => '',
      send: async (key) => {
        if (!lie) channel.push(key)
        return `ref-${key}`
      },
      find: async (key) => (channel.includes(key) ? `found-${key}` : undefined),
    }
    const first = await run([notificationItem(slackLike, 'evt-2', store, clock)])
    expect(first.receipts[0]).toMatchObject({ result: 'failed', verified: false })
    expect(notified.get('leaver-slack:evt-2')).toMatch(/ intent$/)
    lie = false
    const second = await run([notificationItem(slackLike, 'evt-2', store, clock)])
    expect(second.receipts[0]).toMatchObject({ result: 'changed', verified: true })
    expect(channel).toEqual(['leaver-slack:evt-2'])
  })

  it('a service that cannot be asked: an intent without a result is reported, and resent only when asked', async () => {
    const { notified, store } = setup()
    const mailbox: string[] = []
    let crash = true
    const email = (resend: boolean): Notification => ({
      kind: 'welcome-email',
      to: 'email',
      preview: async () => '',
      send: async (key) => {
        mailbox.push(key)
        if (crash) throw new Error('connection lost after DATA')
        return 'email:<id>'
      },
      resend,
      unknownHelp: 'rerun with resend-email: true',
    })
    const first = await run([notificationItem(email(false), 'evt-3', store, clock)])
    expect(first.receipts[0]?.result).toBe('failed')
    expect(notified.get('welcome-email:evt-3')).toMatch(/ intent$/)
    crash = false
    const second = await run([notificationItem(email(false), 'evt-3', store, clock)])
    expect(second.receipts[0]).toMatchObject({ result: 'failed', action: 'resend' })
    expect(second.receipts[0]?.reason).toContain('welcome-email may not have been sent')
    expect(mailbox).toHaveLength(1)
    const third = await run([notificationItem(email(true), 'evt-3', store, clock)])
    expect(third.receipts[0]).toMatchObject({ result: 'changed', verified: true })
    expect(mailbox).toHaveLength(2)
    expect(notified.get('welcome-email:evt-3')).toMatch(/ email:<id>$/)
    const fourth = await run([notificationItem(email(true), 'evt-3', store, clock)])
    expect(fourth.result).toBe('unchanged')
    expect(mailbox).toHaveLength(2)
  })
})

describe('pure parts', () => {
  it('failed jobs come from the list and from needs (failure or cancelled), names checked', () => {
    const needs = JSON.stringify({ a: { result: 'success' }, b: { result: 'failure' }, c: { result: 'cancelled' } })
    expect(failedJobs('x, b', needs)).toEqual(['x', 'b', 'c'])
    expect(failedJobs('$(rm -rf /)', undefined)).toEqual(['(unnamed job)'])
    expect(failedJobs(undefined, 'not json')).toEqual([])
  })

  it('a name cannot become a mention or a link', () => {
    expect(escapeMrkdwn('<!channel> & <https://evil|x>')).toBe('&lt;!channel&gt; &amp; &lt;https://evil|x&gt;')
  })

  it('an alert without jobs or link still says what it knows', () => {
    const m = alertMessage({ channel: '#a', employeeId: 'unknown', failedJobs: [] })
    expect(m.text).toContain('Manual intervention required')
    expect(JSON.stringify(m.blocks)).toContain('unknown (no job results were given)')
  })

  it('the template fills known placeholders, refuses unknown ones and keeps the subject one line', () => {
    expect(renderTemplate('Subject: Hi {{name}}\n\nBody {{role}}', { name: 'A\nBcc: x', role: 'r' })).toEqual({
      subject: 'Hi A Bcc: x',
      text: 'Body r',
    })
    expect(() => renderTemplate('Subject: x\n\n{{token}}', {})).toThrow('unknown placeholder token')
    expect(() => renderTemplate('no subject', {})).toThrow('must start with')
    expect(setupArgs('designer', ['acme/design-system', 'acme/x;rm -rf ~'], false)).toBe(
      'designer --repos acme/design-system',
    )
    expect(setupArgs('people-ops', [], false)).toBe('people-ops')
    // Identity Center: the access portal and the role's accounts, for dev-setup's `aws configure sso` profiles.
    const sso = { startUrl: 'https://acme.awsapps.com/start', region: 'us-east-1', accounts: ['123456789012'] }
    expect(setupArgs('backend-engineer', ['acme/api'], true, sso)).toBe(
      'backend-engineer --repos acme/api --aws-sso https://acme.awsapps.com/start,us-east-1 --aws-accounts 123456789012',
    )
    expect(setupArgs('backend-engineer', [], true, { ...sso, startUrl: 'https://x/$(id)' })).toBe(
      'backend-engineer --aws',
    )
    expect(setupLink('https://setup.acme.com/dev-setup', 'backend-engineer')).toBe(
      'https://setup.acme.com/dev-setup?role=backend-engineer',
    )
  })
})

describe('the manager’s “what is ready” email', () => {
  const event = {
    type: 'onboard' as const,
    eventId: 'hr-ready-1',
    occurredAt: '2026-12-01T09:00:00Z',
    employeeId: 'E7001',
    name: 'Ana Ruiz',
    email: 'ana.ruiz@acme.com',
    personalEmail: 'ana@example.net',
    managerEmail: 'riley.manager@acme.com',
    role: 'backend-engineer',
    startDate: '2026-12-14',
  } as unknown as LifecycleEvent
  const plan = {
    employeeId: 'E7001',
    eventType: 'onboard',
    eventId: 'hr-ready-1',
    identity: { presence: 'active', account: 'ensure', groups: ['engineering'], managedGroups: ['engineering'] },
    github: { presence: 'active', teams: [{ slug: 'backend', role: 'member' }] },
    identityCenter: {
      presence: 'active',
      assignments: [{ account: '123456789012', permissionSet: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1' }],
      groups: [],
    },
    slack: { channels: ['#eng'] },
  } as unknown as Plan
  const dates = {
    timeZone: 'Asia/Tokyo',
    joiner: { githubDaysBefore: 2, awsDaysBefore: 0, welcomeDaysBefore: 3 },
    leaver: {},
  }

  it('names each system’s items by key with the local date they go live, and no email address', () => {
    const { subject, text } = readyMessage({
      event,
      plan,
      schedule: scheduleFor(event, dates),
      zone: dates.timeZone,
      identity: 'changed',
      welcomeSent: true,
    })
    expect(subject).toBe('Ready for Ana Ruiz: starts 2026-12-14')
    expect(text).toContain(
      '- Identity provider: account prepared (STAGED, no sign-in yet); active on 2026-12-14 00:00 Asia/Tokyo: group:engineering',
    )
    expect(text).toContain('- GitHub: invitation on 2026-12-12 00:00 Asia/Tokyo; after it is accepted: team:backend')
    expect(text).toContain('- AWS: on 2026-12-14 00:00 Asia/Tokyo: assignment:123456789012/')
    expect(text).toContain('- Slack: on 2026-12-14 00:00 Asia/Tokyo: channel:#eng')
    expect(text).toContain('sent to the new hire today')
    expect(text).not.toMatch(/@/)
  })

  it('without a personal email the welcome waits for the start, to the work email', () => {
    const { text } = readyMessage({
      event,
      plan,
      schedule: scheduleFor(event, dates),
      zone: dates.timeZone,
      identity: 'failed',
      welcomeSent: false,
    })
    expect(text).toContain('account not prepared yet')
    expect(text).toContain('Welcome email with the setup link: on 2026-12-14 00:00 Asia/Tokyo, to the work email.')
  })
})
