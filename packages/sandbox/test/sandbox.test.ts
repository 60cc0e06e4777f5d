// startSandbox: every emulator up on one clock and log, seeded from a role map and guardrails fixture.
import { createConnection } from 'node:net'
import { fileURLToPath } from 'node:url'
import { LogLevel, WebClient } from '@slack/web-api'
import { createTransport } from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, startSandbox } from '../src/index.js'

const fixture = (name: string) => fileURLToPath(new URL(`./sandbox.fixtures/${name}`, import.meta.url))

describe('startSandbox', () => {
  let sb: Sandbox
  let startMs: number
  beforeAll(async () => {
    const t0 = performance.now()
    sb = await startSandbox({
      roles: fixture('roles.yaml'),
      guardrails: fixture('guardrails.yaml'),
      seed: { slack: { users: [{ email: 'ada@acme.com', name: 'ada' }] } },
    })
    startMs = performance.now() - t0
  })
  afterAll(() => sb.close())

  it('starts everything on 127.0.0.1 ephemeral ports well under 2 s', () => {
    expect(startMs).toBeLessThan(2000)
    const urls = Object.values(sb.emulators).map((e) => e.url)
    expect(urls).toHaveLength(9)
    for (const u of urls) expect(u).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(new Set(urls).size).toBe(9)
    expect(sb.inputs).toMatchObject({
      'github-api-url': sb.emulators.github.url,
      'okta-org-url': sb.emulators.okta.url,
      'scim-base-url': `${sb.emulators.scim.url}/scim/v2`,
      'slack-api-url': `${sb.emulators.slack.url}/api/`,
      'smtp-host': '127.0.0.1',
      'smtp-port': String(sb.emulators.smtp.smtp.port),
      'sendgrid-api-url': sb.emulators.sendgrid.url,
      'roles-file': fixture('roles.yaml'),
    })
    expect(sb.env).toMatchObject({
      AWS_ENDPOINT_URL_IAM: sb.emulators.iam.url,
      AWS_ENDPOINT_URL_SSO_ADMIN: sb.emulators.ssoAdmin.url,
      AWS_ENDPOINT_URL_IDENTITYSTORE: sb.emulators.identityStore.url,
      GITHUB_API_URL: sb.emulators.github.url,
      AWS_REGION: 'us-east-1',
    })
  })

  it('GitHub has the org, its teams and protected logins', async () => {
    const res = await fetch(`${sb.inputs['github-api-url']}/orgs/acme/teams?per_page=100`, {
      headers: { authorization: `Bearer ${sb.inputs['github-token']}`, accept: 'application/vnd.github+json' },
    })
    expect(res.status).toBe(200)
    const slugs = ((await res.json()) as { slug: string }[]).map((t) => t.slug).sort()
    expect(slugs).toEqual(['backend', 'design-system', 'engineering'])
    const admin = await fetch(`${sb.inputs['github-api-url']}/orgs/acme/memberships/acme-admin`, {
      headers: { authorization: `Bearer ${sb.inputs['github-token']}` },
    })
    expect(((await admin.json()) as { role: string }).role).toBe('admin')
  })

  it('Okta has the identity groups', async () => {
    const res = await fetch(`${sb.inputs['okta-org-url']}/api/v1/groups`, {
      headers: { authorization: `SSWS ${sb.inputs['okta-token']}`, accept: 'application/json' },
    })
    expect(res.status).toBe(200)
    const names = ((await res.json()) as { profile: { name: string } }[]).map((g) => g.profile.name).sort()
    expect(names).toEqual(['backend', 'design', 'engineering'])
  })

  it('SCIM has the identity groups', async () => {
    const res = await fetch(`${sb.inputs['scim-base-url']}/Groups`, {
      headers: { authorization: `Bearer ${sb.inputs['scim-token']}`, accept: 'application/scim+json' },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { totalResults: number; Resources: { displayName: string }[] }
    expect(body.Resources.map((g) => g.displayName).sort()).toEqual(['backend', 'design', 'engineering'])
    expect(body.totalResults).toBe(3)
  })

  it('IAM has the groups, policies and the permissions boundary', async () => {
    const query = (params: Record<string, string>) =>
      fetch(sb.env.AWS_ENDPOINT_URL_IAM!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Version: '2010-05-08', ...params }),
      })
    const group = await query({ Action: 'GetGroup', GroupName: 'developers' })
    expect(group.status).toBe(200)
    expect(await group.text()).toContain('<GroupName>developers</GroupName>')
    for (const arn of [
      'arn:aws:iam::123456789012:policy/onramp/role-engineer',
      'arn:aws:iam::123456789012:policy/onramp/OnrampUserBoundary',
    ]) {
      const policy = await query({ Action: 'GetPolicy', PolicyArn: arn })
      expect(policy.status).toBe(200)
      expect(await policy.text()).toContain(`<Arn>${arn}</Arn>`)
    }
  })

  it('Slack has the role channels and the guardrails channels, the bot in all of them (invitations need it)', async () => {
    const slack = new WebClient(sb.inputs['slack-token'], {
      slackApiUrl: sb.inputs['slack-api-url'],
      logLevel: LogLevel.ERROR,
    })
    const res = await slack.conversations.list({ limit: 100 })
    const channels = (res.channels ?? []).map((c) => [c.name, c.is_member]).sort()
    expect(channels).toEqual([
      ['backend', true],
      ['design', true],
      ['eng', true],
      ['new-joiners', true],
      ['onramp-alerts', true],
    ])
    expect((await slack.users.lookupByEmail({ email: 'ada@acme.com' })).user?.name).toBe('ada')
    await slack.chat.postMessage({ channel: '#new-joiners', text: 'Welcome' })
    expect(sb.emulators.slack.emulator.messages('#new-joiners').map((m) => m.text)).toEqual(['Welcome'])
  })

  it('SMTP and SendGrid write to one mail store', async () => {
    const smtp = createTransport({
      host: sb.inputs['smtp-host'],
      port: Number(sb.inputs['smtp-port']),
      secure: false,
      ignoreTLS: true,
    })
    await smtp.sendMail({ from: 'onramp@acme.com', to: 'ada@acme.com', subject: 'Welcome (smtp)', text: 'hi' })
    const res = await fetch(`${sb.inputs['sendgrid-api-url']}/v3/mail/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sb.inputs['sendgrid-api-key']}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        personalizations: [{ to: [{ email: 'ada@acme.com' }] }],
        from: { email: 'onramp@acme.com' },
        subject: 'Welcome (sendgrid)',
        content: [{ type: 'text/plain', value: 'hi' }],
      }),
    })
    expect(res.status).toBe(202)
    expect(sb.mail.list({ to: 'ada@acme.com' }).map((m) => [m.via, m.subject])).toEqual([
      ['smtp', 'Welcome (smtp)'],
      ['sendgrid', 'Welcome (sendgrid)'],
    ])
  })

  it('SMTP replies can be scripted through the smtp control plane', async () => {
    const scripted = await fetch(`${sb.emulators.smtp.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify([{ match: { route: 'SMTP RCPT TO' }, times: 1, respond: { status: 450 } }]),
    })
    expect(scripted.status).toBe(200)
    const smtp = createTransport({
      host: sb.inputs['smtp-host'],
      port: Number(sb.inputs['smtp-port']),
      secure: false,
      ignoreTLS: true,
    })
    await expect(
      smtp.sendMail({ from: 'onramp@acme.com', to: 'bob@acme.com', subject: 's', text: 't' }),
    ).rejects.toMatchObject({ responseCode: 450 })
    expect(sb.emulators.smtp.faults.pending()).toBe(0)
  })

  it('counts every emulator in the one shared log', () => {
    const { all, byEmulator } = sb.counters()
    for (const name of ['github', 'iam', 'okta', 'scim', 'slack', 'smtp', 'sendgrid'])
      expect(byEmulator[name]?.total, name).toBeGreaterThan(0)
    expect(all.total).toBe(Object.values(byEmulator).reduce((n, c) => n + c.total, 0))
  })
})

describe('startSandbox close()', () => {
  it('inputs follow per-emulator options; close() stops every HTTP server and the SMTP listener', async () => {
    const sb = await startSandbox({
      options: { slack: { token: 'xoxb-other' }, smtp: { auth: { user: 'mailer', pass: 'pw' } } },
    })
    expect(sb.inputs).toMatchObject({ 'slack-token': 'xoxb-other', 'smtp-user': 'mailer', 'smtp-password': 'pw' })
    const urls = Object.values(sb.emulators).map((e) => e.url)
    const smtpPort = sb.emulators.smtp.smtp.port
    expect((await fetch(`${urls[0]}/__sandbox/counters`)).status).toBe(200)
    await sb.close()
    for (const u of urls) await expect(fetch(`${u}/__sandbox/counters`)).rejects.toThrow()
    const refused = await new Promise<string>((resolve) => {
      const s = createConnection(smtpPort, '127.0.0.1')
      s.on('connect', () => {
        s.destroy()
        resolve('connected')
      })
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
    })
    expect(refused).toBe('ECONNREFUSED')
  })
})
