// notify through its built bundle under the runner contract, against the sandbox's Slack, SMTP and SendGrid.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunBundleResult } from '@onramp/core/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../../../test/support/harness.js'

const EVENT_ID = 'hr-7f3c2a91-0001'
const PERSONAL = ['jamie.doe@acme.com', 'Jamie Doe', 'riley.manager@acme.com']
const SECRETS = ['xoxb-onramp-sandbox', 'SG.onramp-sandbox', 'smtp-secret-pw']
const MAIL = {
  'mail-transport': 'smtp',
  'mail-from': 'onramp@acme.com',
  'setup-url': 'https://setup.acme.com/dev-setup',
}

let h: Harness
afterEach(async () => h?.close())

const HIRE = { id: 'U0JAMIE001', email: 'jamie.doe@acme.com', name: 'jamie' }

async function harness(withManager = true, hireOnSlack = true) {
  const users = [
    ...(withManager ? [{ id: 'U0MANAGER1', email: 'riley.manager@acme.com', name: 'riley' }] : []),
    ...(hireOnSlack ? [HIRE] : []),
  ]
  h = await startHarness({ seed: { slack: { users } } })
  return h
}

/** The ledger as the identity, GitHub and AWS steps left it for this event. */
async function seedSteps(results: Record<string, string>, eventId = EVENT_ID) {
  const steps = Object.fromEntries(
    Object.entries(results).map(([k, result]) => [
      k,
      { result, verified: true, at: '2026-11-20T09:16:00Z', event_id: eventId },
    ]),
  )
  await mkdir(join(h.stateDir, 'people'), { recursive: true })
  await writeFile(
    join(h.stateDir, 'people', 'E1042.json'),
    JSON.stringify({ employee_id: 'E1042', status: 'active', role: 'backend-engineer', ids: {}, steps, notified: {} }),
  )
}

/** Everything a reader of the job could see, masking commands aside. */
const visible = (r: RunBundleResult) =>
  [
    r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    r.stderr,
    JSON.stringify(r.outputs),
    r.summary,
  ].join('\n')

const posts = () => h.mutations('slack').filter((m) => m.startsWith('Slack chat.postMessage'))
const messages = (channel: string) => h.sandbox.emulators.slack.emulator.messages(channel)

describe('notify bundle: event mode', () => {
  it('onboard: welcome blocks with name, role, manager mention and per-system status; email with the setup link', async () => {
    await harness()
    await seedSteps({ identity: 'changed', github: 'pending', aws: 'failed' })
    const r = await h.run('notify', {
      event: await h.event('onboard'),
      inputs: { ...MAIL, 'smtp-password': 'smtp-secret-pw' },
    })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('changed')

    const [welcome, ...more] = messages('#new-joiners')
    expect(more).toEqual([])
    expect(r.outputs['message-ts']).toBe(welcome!.ts)
    const blocks = welcome!.blocks as { type: string; text?: { text: string } }[]
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context'])
    expect(blocks[0]!.text!.text).toBe('Welcome, Jamie Doe!')
    expect(blocks[1]!.text!.text).toContain('*Jamie Doe* joins as *backend-engineer*: Builds and runs the API.')
    expect(blocks[1]!.text!.text).toContain('Manager: <@U0MANAGER1>')
    expect(blocks[1]!.text!.text).toContain('Start date: 2026-11-02')
    expect(blocks[2]!.text!.text).toBe(
      '*Access*\n✅ *Identity provider*: done\n⏳ *GitHub*: pending (waiting on an acceptance or a slow service)\n❌ *AWS*: failed',
    )
    expect(welcome!.text).toContain('provisioned: Identity provider; pending: GitHub, AWS')
    // The announce channel sees the name, never an email.
    expect(JSON.stringify(welcome)).not.toMatch(/@acme\.com/)
    expect(messages('#onramp-alerts')).toEqual([])

    const [mail, ...moreMail] = h.sandbox.mail.list()
    expect(moreMail).toEqual([])
    expect(mail!.envelope.to).toEqual(['jamie.doe@acme.com'])
    expect(mail!.subject).toBe('Welcome to the team, Jamie Doe')
    expect(mail!.text).toContain('https://setup.acme.com/dev-setup?role=backend-engineer')
    expect(mail!.text).toContain('bash dev-setup backend-engineer --repos acme/api,acme/dev-env --aws')
    for (const secret of SECRETS) expect(mail!.raw).not.toContain(secret)

    for (const p of [...PERSONAL, ...SECRETS]) expect(visible(r)).not.toContain(p)
    const record = await h.record('E1042')
    expect(Object.keys(record!.notified).sort()).toEqual([`welcome-email:${EVENT_ID}`, `welcome-slack:${EVENT_ID}`])
    expect(record!.steps.notify).toMatchObject({ result: 'changed', event_id: EVENT_ID })
  })

  it('a rerun sends nothing already sent and makes zero mutating calls', async () => {
    await harness()
    const event = await h.event('onboard')
    expect((await h.run('notify', { event, inputs: MAIL })).code).toBe(0)
    expect(h.mutations('slack')).toEqual([
      'Slack conversations.invite 200',
      'Slack conversations.invite 200',
      'Slack chat.postMessage 200',
    ])
    expect(h.mutations('smtp')).toEqual(['SMTP DATA 250'])
    const calls = () =>
      h.sandbox.log.list({ emulator: 'slack', mutating: true }).length + h.sandbox.log.list({ emulator: 'smtp' }).length
    const callsBefore = calls()
    const r = await h.run('notify', { event, inputs: MAIL })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('unchanged')
    // No post, no kick or invite, not even a connection to the mail server; only the channel membership is read.
    expect(calls()).toBe(callsBefore)
    expect(h.mutations('slack')).toHaveLength(3)
    expect(h.mutations('smtp')).toEqual(['SMTP DATA 250'])
    expect(h.sandbox.mail.list()).toHaveLength(1)
    // The earlier run's message is still this event's message.
    expect(r.outputs['message-ts']).toBe(messages('#new-joiners')[0]!.ts)
  })

  it('role channels: invited once they have a Slack account, read back from the channel members, recorded', async () => {
    await harness(true, false)
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs.result).toBe('pending')
    expect(r.summary).toContain('no Slack account for this email yet')
    expect(h.mutations('slack')).toEqual(['Slack chat.postMessage 200'])

    h.sandbox.emulators.slack.emulator.ensureUser(HIRE)
    const again = await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })
    expect(again.code, again.stdout).toBe(0)
    expect(again.outputs.result).toBe('changed')
    for (const ch of ['#backend', '#eng']) expect(h.sandbox.emulators.slack.emulator.members(ch)).toContain(HIRE.id)
    expect((await h.record('E1042'))!.ids.slack).toEqual({ user_id: HIRE.id, channels: ['#backend', '#eng'] })
    // Still one welcome.
    expect(messages('#new-joiners')).toHaveLength(1)
  })

  it('role change: leaves the channels onramp added, keeps and reports one the person was in before', async () => {
    await harness()
    const slack = h.sandbox.emulators.slack.emulator
    const event = await h.event('onboard')
    // In #eng before onramp ever ran.
    slack.addMember('#eng', HIRE.id)
    expect((await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })).code).toBe(0)
    expect((await h.record('E1042'))!.ids.slack?.channels).toEqual(['#backend'])

    const rc = await h.run('notify', { event: await h.event('role-change'), inputs: { 'mail-transport': 'none' } })
    expect(rc.code, rc.stdout).toBe(0)
    expect(slack.members('#backend')).not.toContain(HIRE.id)
    expect(slack.members('#eng')).toContain(HIRE.id)
    for (const ch of ['#data', '#analytics-help']) expect(slack.members(ch)).toContain(HIRE.id)
    expect(rc.summary).toContain('left in #eng: a channel of the previous role that onramp did not add')
    expect((await h.record('E1042'))!.ids.slack?.channels).toEqual(['#analytics-help', '#data'])
    expect(h.mutations('slack').filter((m) => m.includes('kick'))).toEqual(['Slack conversations.kick 200'])

    // A leaver: out of every channel onramp added, nothing else touched.
    const off = await h.run('notify', { event: await h.event('offboard'), inputs: { 'mail-transport': 'none' } })
    expect(off.code, off.stdout).toBe(0)
    for (const ch of ['#data', '#analytics-help']) expect(slack.members(ch)).not.toContain(HIRE.id)
    expect(slack.members('#eng')).toContain(HIRE.id)
    expect((await h.record('E1042'))!.ids.slack?.channels).toEqual([])
    const calls = h.mutations('slack').length
    const again = await h.run('notify', { event: await h.event('offboard'), inputs: { 'mail-transport': 'none' } })
    expect(again.code, again.stdout).toBe(0)
    expect(h.mutations('slack')).toHaveLength(calls)
  })

  it('manager not on Slack: plain text, no mention, no address', async () => {
    await harness(false)
    const r = await h.run('notify', { event: await h.event('onboard'), inputs: { 'mail-transport': 'none' } })
    expect(r.code, r.stdout).toBe(0)
    const text = JSON.stringify(messages('#new-joiners')[0]!.blocks)
    expect(text).toContain('Manager: their manager (not found on Slack)')
    expect(text).not.toContain('<@')
    expect(text).not.toContain('riley')
    expect(r.summary).toContain('mail-transport is none')
  })

  it('role-change and leaver notices go to the alerts channel with ids and roles only', async () => {
    await harness()
    await seedSteps({ identity: 'changed', github: 'changed', aws: 'unchanged' }, 'hr-7f3c2a91-0002')
    const rc = await h.run('notify', { event: await h.event('role-change'), inputs: MAIL })
    expect(rc.code, rc.stdout).toBe(0)
    const [change] = messages('#onramp-alerts')
    const changeBlocks = change!.blocks as { type: string; text?: { text: string } }[]
    expect(changeBlocks[0]!.text!.text).toBe('Role change: E1042')
    expect(changeBlocks[1]!.text!.text).toContain('Employee *E1042* moved from *backend-engineer* to *data-analyst*.')
    expect(changeBlocks[2]!.text!.text).toContain('✅ *GitHub*: done')
    // No welcome email on a role change, and nothing in the announce channel.
    expect(h.sandbox.mail.list()).toEqual([])
    expect(messages('#new-joiners')).toEqual([])

    const off = await h.run('notify', { event: await h.event('offboard'), inputs: MAIL })
    expect(off.code, off.stdout).toBe(0)
    const leaver = messages('#onramp-alerts')[1]!
    const leaverBlocks = leaver.blocks as { type: string; text?: { text: string } }[]
    expect(leaverBlocks[0]!.text!.text).toBe('Leaver: E1042')
    expect(leaverBlocks[2]!.text!.text).toMatch(/^\*Revocation\*\n⚪ \*Identity provider\*: not run for this event/)
    for (const m of [change!, leaver]) for (const p of PERSONAL) expect(JSON.stringify(m)).not.toContain(p)
    // No manager mention either: next to a leaver's id it would name a person. The manager is not even looked up.
    for (const m of [change!, leaver]) expect(JSON.stringify(m)).not.toMatch(/<@|U0MANAGER1|Manager/)
    expect(h.sandbox.log.list({ emulator: 'slack' }).map((c) => c.route)).not.toContain('Slack users.lookupByEmail')
    const record = await h.record('E1042')
    expect(Object.keys(record!.notified).sort()).toEqual([
      'leaver-slack:hr-7f3c2a91-0003',
      'role-change-slack:hr-7f3c2a91-0002',
    ])
  })

  it('a 429 with Retry-After is waited out by the client and the message posted once', async () => {
    await harness()
    h.sandbox.emulators.slack.faults.script({
      match: { route: 'Slack chat.postMessage' },
      times: 1,
      respond: { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } },
    })
    const started = Date.now()
    const r = await h.run('notify', { event: await h.event('onboard'), inputs: { 'mail-transport': 'none' } })
    expect(r.code, r.stdout).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(posts()).toEqual(['Slack chat.postMessage 429', 'Slack chat.postMessage 200'])
    expect(messages('#new-joiners')).toHaveLength(1)
  })

  it('ledger writes: an intent before each send (with the results so far), the rest with the step; a rerun none', async () => {
    await harness()
    await seedSteps({ identity: 'changed', github: 'changed', aws: 'changed' })
    const writes = async () =>
      (await readFile(join(h.stateDir, 'history.jsonl'), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).step)
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: MAIL })
    expect(r.code, r.stdout).toBe(0)
    // Slack's intent; the email's intent with Slack's result; the email's result with the step.
    expect(await writes()).toEqual(['notify', 'notify', 'notify'])
    const notified = (await h.record('E1042'))!.notified
    expect(notified[`welcome-slack:${EVENT_ID}`]).toMatch(/ slack:/)
    expect(notified[`welcome-email:${EVENT_ID}`]).toMatch(/ email:/)
    const again = await h.run('notify', { event, inputs: MAIL })
    expect(again.code, again.stdout).toBe(0)
    expect(await writes()).toEqual(['notify', 'notify', 'notify'])
    expect(messages('#new-joiners')).toHaveLength(1)
    expect(h.sandbox.mail.list()).toHaveLength(1)
  })

  it('a post that never reached Slack (reset before the write): the read-back finds nothing; the rerun posts once', async () => {
    await harness()
    h.sandbox.emulators.slack.faults.script({ match: { route: 'Slack chat.postMessage' }, times: 1, reset: true })
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(visible(r)).toContain('verification failed')
    expect(posts()).toEqual(['Slack chat.postMessage 0'])
    // The intent stays: the next run asks the channel before posting.
    expect((await h.record('E1042'))!.notified[`welcome-slack:${EVENT_ID}`]).toMatch(/ intent$/)
    const again = await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })
    expect(again.code, again.stdout).toBe(0)
    expect(messages('#new-joiners')).toHaveLength(1)
    expect(messages('#new-joiners')[0]!.metadata).toEqual({
      event_type: 'onramp_notification',
      event_payload: { key: `welcome-slack:${EVENT_ID}` },
    })
  })

  it('a post applied but its answer lost (reset after the write): found in the history by its key, posted once', async () => {
    await harness()
    h.sandbox.emulators.slack.faults.script({
      match: { route: 'Slack chat.postMessage' },
      times: 1,
      after: true,
      reset: true,
    })
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })
    expect(r.code, r.stdout).toBe(0)
    expect(posts()).toEqual(['Slack chat.postMessage 0'])
    expect(messages('#new-joiners')).toHaveLength(1)
    expect(r.outputs['message-ts']).toBe(messages('#new-joiners')[0]!.ts)
    const ref = (await h.record('E1042'))!.notified[`welcome-slack:${EVENT_ID}`]
    expect(ref).toMatch(new RegExp(`slack:C[0-9A-Z]+/${messages('#new-joiners')[0]!.ts.replace('.', '\\.')}$`))
    const calls = h.mutations('slack').length
    const again = await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })
    expect(again.code, again.stdout).toBe(0)
    expect(h.mutations('slack')).toHaveLength(calls)
  })

  it('a Slack success that posted nothing (a lie) fails the read-back; the rerun posts it once', async () => {
    await harness()
    h.sandbox.emulators.slack.faults.script({ match: { route: 'Slack chat.postMessage' }, times: 1, lie: true })
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })
    expect(r.code).toBe(1)
    expect(visible(r)).toContain('verification failed')
    expect(messages('#new-joiners')).toEqual([])
    const again = await h.run('notify', { event, inputs: { 'mail-transport': 'none' } })
    expect(again.code, again.stdout).toBe(0)
    expect(messages('#new-joiners')).toHaveLength(1)
  })

  it('an email whose answer was lost is not resent by a plain rerun: it says so; resend-email sends it once', async () => {
    await harness()
    h.sandbox.emulators.smtp.faults.script({ match: { route: 'SMTP DATA' }, times: 1, after: true, reset: true })
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: MAIL })
    expect(r.code).toBe(1)
    expect(h.sandbox.mail.list()).toHaveLength(1)
    expect((await h.record('E1042'))!.notified[`welcome-email:${EVENT_ID}`]).toMatch(/ intent$/)

    const plain = await h.run('notify', { event, inputs: MAIL })
    expect(plain.code).toBe(1)
    expect(visible(plain)).toContain('welcome-email may not have been sent')
    expect(visible(plain)).toContain('resend-email: true')
    expect(h.sandbox.mail.list()).toHaveLength(1)

    // The alert names it, so a person decides.
    const alert = await h.run('notify', { event, inputs: { mode: 'alert', 'failed-jobs': 'notify' } })
    expect(alert.code, alert.stdout).toBe(0)
    expect(JSON.stringify(messages('#onramp-alerts').at(-1))).toContain('The welcome email may not have been sent')

    const resend = await h.run('notify', { event, inputs: { ...MAIL, 'resend-email': 'true' } })
    expect(resend.code, resend.stdout).toBe(0)
    expect(h.sandbox.mail.list()).toHaveLength(2)
    const after = await h.run('notify', { event, inputs: { ...MAIL, 'resend-email': 'true' } })
    expect(after.code, after.stdout).toBe(0)
    expect(h.sandbox.mail.list()).toHaveLength(2)
    expect(messages('#new-joiners')).toHaveLength(1)
  })

  it('a lost answer from SendGrid is not retried either: one request, the email item fails', async () => {
    await harness()
    h.sandbox.emulators.sendgrid.faults.script({ match: { path: '^/v3/mail/send$' }, times: 1, reset: true })
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: { ...MAIL, 'mail-transport': 'sendgrid' } })
    expect(r.code).toBe(1)
    expect(visible(r)).toMatch(/welcome-email:hr-7f3c2a91-0001: sendgrid: /)
    expect(h.sandbox.log.list({ emulator: 'sendgrid' }).map((e) => e.status)).toEqual([0])
    const notified = (await h.record('E1042'))!.notified
    expect(notified[`welcome-slack:${EVENT_ID}`]).toMatch(/ slack:/)
    expect(notified[`welcome-email:${EVENT_ID}`]).toMatch(/ intent$/)
  })

  it('channel_not_found is reported, not retried, not recorded; the email still goes; the rerun sends only Slack', async () => {
    await harness()
    h.sandbox.emulators.slack.faults.script({
      match: { route: 'Slack chat.postMessage' },
      times: 1,
      respond: { status: 200, body: { ok: false, error: 'channel_not_found' } },
    })
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: MAIL })
    expect(r.code).toBe(1)
    expect(r.outputs.result).toBe('failed')
    expect(visible(r)).toContain('slack chat.postMessage: channel_not_found (not retried)')
    expect(posts()).toEqual(['Slack chat.postMessage 200'])
    expect(h.sandbox.mail.list()).toHaveLength(1)
    expect(Object.keys((await h.record('E1042'))!.notified)).toEqual([`welcome-email:${EVENT_ID}`])

    const again = await h.run('notify', { event, inputs: MAIL })
    expect(again.code, again.stdout).toBe(0)
    expect(messages('#new-joiners')).toHaveLength(1)
    expect(h.sandbox.mail.list()).toHaveLength(1)
  })

  it('a refused email fails only the email; a later run sends it and nothing else', async () => {
    await harness()
    h.sandbox.emulators.smtp.faults.script({ match: { route: 'SMTP RCPT TO' }, times: 1, respond: { status: 550 } })
    const event = await h.event('onboard')
    const r = await h.run('notify', { event, inputs: MAIL })
    expect(r.code).toBe(1)
    expect(visible(r)).toMatch(/welcome-email:hr-7f3c2a91-0001: smtp: /)
    for (const p of PERSONAL) expect(visible(r)).not.toContain(p)
    expect(messages('#new-joiners')).toHaveLength(1)
    expect(h.sandbox.mail.list()).toEqual([])
    // Refused by the server: nothing went out, so no intent is left to warn about.
    expect((await h.record('E1042'))!.notified[`welcome-email:${EVENT_ID}`]).toBeUndefined()

    const again = await h.run('notify', { event, inputs: MAIL })
    expect(again.code, again.stdout).toBe(0)
    expect(messages('#new-joiners')).toHaveLength(1)
    expect(h.sandbox.mail.list()).toHaveLength(1)
  })

  it('SMTP with required AUTH: the credentials are used and never printed', async () => {
    h = await startHarness({ options: { smtp: { auth: { user: 'mailer', pass: 'smtp-secret-pw', required: true } } } })
    const inputs = { ...MAIL, 'smtp-user': 'mailer', 'smtp-password': 'smtp-secret-pw' }
    const r = await h.run('notify', { event: await h.event('onboard'), inputs })
    expect(r.code, r.stdout).toBe(0)
    const [mail] = h.sandbox.mail.list({ via: 'smtp' })
    expect(mail!.user).toBe('mailer')
    expect(mail!.raw).not.toContain('smtp-secret-pw')
    expect(visible(r)).not.toContain('smtp-secret-pw')
  })

  it('SendGrid: the welcome email goes through Mail Send', async () => {
    await harness()
    const r = await h.run('notify', {
      event: await h.event('onboard'),
      inputs: { ...MAIL, 'mail-transport': 'sendgrid' },
    })
    expect(r.code, r.stdout).toBe(0)
    const [mail] = h.sandbox.mail.list({ via: 'sendgrid' })
    expect(mail!.to).toEqual(['jamie.doe@acme.com'])
    expect(mail!.text).toContain('https://setup.acme.com/dev-setup?role=backend-engineer')
    expect(mail!.raw).not.toContain('SG.onramp-sandbox')
  })

  it('dry run prints the messages, sends nothing, records nothing', async () => {
    await harness()
    const r = await h.run('notify', { event: await h.event('onboard'), inputs: { ...MAIL, 'dry-run': 'true' } })
    expect(r.code, r.stdout).toBe(0)
    expect(h.mutations('slack')).toEqual([])
    expect(h.sandbox.mail.list()).toEqual([])
    expect(await h.record('E1042')).toBeUndefined()
    expect(r.stdout).toContain('dry run: would send welcome-slack to slack #new-joiners')
    expect(r.stdout).toContain('dry run: would send welcome-email')
    expect(r.stdout).toContain('joins as *backend-engineer*')
    expect(r.summary).toContain('Dry run')
    for (const p of PERSONAL) expect(visible(r)).not.toContain(p)
  })

  it('bad input names the field and the rule', async () => {
    await harness()
    const r = await h.run('notify', {
      event: await h.event('onboard'),
      inputs: { 'mail-transport': 'smtp', 'slack-token': '' },
    })
    expect(r.code).toBe(1)
    const errors = r.annotations.map((a) => a.message).join('\n')
    expect(errors).toContain('with.slack-token: required when guardrails.yaml names Slack channels')
    expect(errors).toContain('with.mail-from: required to send the welcome email')
    expect(errors).toContain('with.setup-url: required to send the welcome email')
    expect(h.mutations('slack')).toEqual([])
  })
})

describe('notify bundle: alert mode', () => {
  const needs = JSON.stringify({
    validate: { result: 'success', outputs: { 'employee-id': 'E1042' } },
    identity: { result: 'success', outputs: {} },
    github: { result: 'failure', outputs: {} },
    aws: { result: 'cancelled', outputs: {} },
  })

  it('names the employee, the failed jobs and the run, in the alerts channel, with what the ledger holds', async () => {
    await harness()
    await seedSteps({ identity: 'changed', github: 'failed' })
    const r = await h.run('notify', {
      event: await h.event('onboard'),
      inputs: { mode: 'alert', needs, 'run-url': 'https://github.com/acme/people-ops/actions/runs/77' },
    })
    expect(r.code, r.stdout).toBe(0)
    const [alert] = messages('#onramp-alerts')
    expect(r.outputs['message-ts']).toBe(alert!.ts)
    const body = (alert!.blocks as { text?: { text: string } }[])[1]!.text!.text
    expect(body).toContain('The onboard of employee *E1042* did not complete.')
    expect(body).toContain('*Failed jobs:* github, aws')
    expect(body).toContain('<https://github.com/acme/people-ops/actions/runs/77|the workflow run>')
    expect(body).toContain('Manual intervention required.')
    const ledger = (alert!.blocks as { text?: { text: string } }[])[2]!.text!.text
    expect(ledger).toBe('*Ledger*\n✅ *Identity provider*: done\n❌ *GitHub*: failed')
    for (const p of PERSONAL) expect(JSON.stringify(alert) + visible(r)).not.toContain(p)
    expect(messages('#new-joiners')).toEqual([])
  })

  it('degrades when the event, the ledger and the access files are unusable', async () => {
    await harness()
    const r = await h.run('notify', {
      event: { client_payload: { employee_id: 'not a valid id!', email: 'x' } },
      inputs: {
        mode: 'alert',
        'failed-jobs': 'identity',
        'guardrails-file': '/nonexistent/guardrails.yaml',
        'alerts-channel': '#onramp-alerts',
        state: 'github',
        'employee-id': '',
      },
    })
    expect(r.code, r.stdout).toBe(0)
    const body = (messages('#onramp-alerts')[0]!.blocks as { text?: { text: string } }[])[1]!.text!.text
    expect(body).toContain('employee *unknown*')
    expect(body).toContain('*Failed jobs:* identity')
    // The runner's own run URL stands in when none is given.
    expect(body).toContain('https://github.com/acme/people-ops/actions/runs/1')
    expect(messages('#onramp-alerts')[0]!.blocks).toHaveLength(2)

    // A known employee with an unreadable ledger (github state without a token): the alert goes without it.
    const again = await h.run('notify', {
      event: {},
      inputs: { mode: 'alert', 'employee-id': 'E1042', state: 'github', 'guardrails-file': '/nonexistent/g.yaml' },
    })
    expect(again.code, again.stdout).toBe(1)
    expect(again.stdout).toContain('the guardrails could not be read')
    expect(again.annotations.map((a) => a.message).join('\n')).toContain('with.alerts-channel: required')
    const third = await h.run('notify', {
      event: {},
      inputs: { mode: 'alert', 'employee-id': 'E1042', state: 'github', 'alerts-channel': '#onramp-alerts' },
    })
    expect(third.code, third.stdout).toBe(0)
    expect(third.stdout).toContain('the ledger could not be read; alerting without it')
    expect(JSON.stringify(messages('#onramp-alerts')[1]!.blocks)).toContain('employee *E1042*')
  })

  it('dry run prints the alert and posts nothing', async () => {
    await harness()
    const r = await h.run('notify', {
      event: await h.event('onboard'),
      inputs: { mode: 'alert', needs, 'dry-run': 'true' },
    })
    expect(r.code, r.stdout).toBe(0)
    expect(h.mutations('slack')).toEqual([])
    expect(r.stdout).toContain(
      'dry run: would send to #onramp-alerts: onramp failed for employee E1042: jobs github, aws failed.',
    )
    expect(r.summary).toContain('Dry run: nothing was sent.')
  })

  it('an alert whose answer was lost is found in the history and not repeated; one that posted nothing fails', async () => {
    await harness()
    h.sandbox.emulators.slack.faults.script({
      match: { route: 'Slack chat.postMessage' },
      times: 1,
      after: true,
      reset: true,
    })
    const r = await h.run('notify', { event: await h.event('onboard'), inputs: { mode: 'alert', needs } })
    expect(r.code, r.stdout).toBe(0)
    expect(messages('#onramp-alerts')).toHaveLength(1)
    expect(r.outputs['message-ts']).toBe(messages('#onramp-alerts')[0]!.ts)

    h.sandbox.emulators.slack.faults.script({ match: { route: 'Slack chat.postMessage' }, times: 1, lie: true })
    const lied = await h.run('notify', {
      event: await h.event('onboard'),
      inputs: { mode: 'alert', needs },
      env: { GITHUB_RUN_ID: '78' },
    })
    expect(lied.code).toBe(1)
    expect(lied.annotations.map((a) => a.message).join('\n')).toContain(
      'the alert could not be sent: verification failed',
    )
    expect(messages('#onramp-alerts')).toHaveLength(1)
  })

  it('fails loudly when the alert cannot be posted', async () => {
    await harness()
    h.sandbox.emulators.slack.faults.script({
      match: { route: 'Slack chat.postMessage' },
      times: 1,
      respond: { status: 200, body: { ok: false, error: 'not_in_channel' } },
    })
    const r = await h.run('notify', { event: await h.event('onboard'), inputs: { mode: 'alert', needs } })
    expect(r.code).toBe(1)
    expect(r.annotations.map((a) => a.message).join('\n')).toContain(
      'the alert could not be sent: slack chat.postMessage: not_in_channel',
    )
  })
})
