// Test support: BambooHR deliveries signed the way BambooHR documents it (hex HMAC-SHA256 over the raw body
// followed by the X-BambooHR-Timestamp value), a GitHub App key pair, and the GitHub emulator with the App
// installed on the org that holds onramp's repository.
import { createHmac, generateKeyPairSync } from 'node:crypto'
import { join } from 'node:path'
import {
  FaultInjector,
  GitHubEmulator,
  type GitHubSeed,
  type Kernel,
  RequestLog,
  type Running,
  SandboxClock,
  serve,
} from '@onramp/sandbox'
import type { RelayRequest } from '../src/relay.js'

export const MAPPING_FILE = join(new URL('..', import.meta.url).pathname, 'mappings/bamboohr.yaml')
export const HR_KEY = 'bamboohr-webhook-private-key-for-tests'
export const EVENT_KEY = 'relay-test-event-key'

export const appKeys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
})

export const APP = { id: 4242, slug: 'onramp-relay', installationId: 77 }

export const appSeed = (owner = 'acme'): NonNullable<GitHubSeed['apps']> => [
  {
    id: APP.id,
    slug: APP.slug,
    publicKey: appKeys.publicKey,
    permissions: { contents: 'write', metadata: 'read' },
    installations: [{ id: APP.installationId, account: owner }],
  },
]

export const unixNow = () => Math.floor(Date.now() / 1000)

/** A BambooHR delivery: the raw body and the two signature headers, lower-cased as Node and Lambda give them. */
export function bamboohrDelivery(
  body: unknown,
  options: { key?: string; timestamp?: string; tamper?: (raw: string) => string } = {},
): RelayRequest {
  const raw = typeof body === 'string' ? body : JSON.stringify(body)
  const timestamp = options.timestamp ?? String(unixNow())
  const signature = createHmac('sha256', options.key ?? HR_KEY)
    .update(raw + timestamp)
    .digest('hex')
  const sent = options.tamper ? options.tamper(raw) : raw
  return {
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'BambooHR-WebHooks/1.0 (+https://www.bamboohr.com)',
      'x-bamboohr-signature': signature,
      'x-bamboohr-timestamp': timestamp,
    },
    body: Buffer.from(sent, 'utf8'),
  }
}

/** One field-based employee record as BambooHR posts it (fields under BambooHR's English names). */
export function employee(
  id: string,
  o: { action?: string; changed?: string[]; timestamp?: string; fields?: Record<string, string> } = {},
) {
  return {
    id,
    action: o.action ?? 'Updated',
    timestamp: o.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, '+0000'),
    changedFields: o.changed ?? ['Status'],
    fields: {
      Status: 'Active',
      'First Name': 'Jamie',
      'Last Name': 'Doe',
      'Work Email': 'jamie.doe@acme.com',
      'Job Title': 'Backend Engineer',
      Department: 'Engineering',
      'Hire Date': '2026-11-02',
      'GitHub Username': 'jamie-doe-dev',
      ...o.fields,
    },
  }
}

export interface StartedGithub extends Running {
  emulator: GitHubEmulator
  log: RequestLog
}

/** The GitHub emulator alone, with onramp's repository and the relay's App installed. */
export async function startGithub(validate = false): Promise<StartedGithub> {
  const kernel: Kernel = { clock: new SandboxClock(1), log: new RequestLog() }
  const emulator = new GitHubEmulator({ validate }, kernel)
  emulator.seed({
    orgs: [{ login: 'acme' }],
    repos: [{ owner: 'acme', name: 'people-ops', default_branch: 'main' }],
    apps: appSeed(),
  })
  await emulator.ready()
  const running = await serve(emulator, kernel, new FaultInjector())
  return { ...running, emulator, log: kernel.log }
}
