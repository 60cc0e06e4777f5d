// The one ncc bundle, as deployed: `node dist/server.js` with its configuration in the environment, and the
// same file's `handler` given AWS Lambda function URL events (base64 body flag, lower-cased headers).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { verifyEventSignature } from '@onramp/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP,
  appKeys,
  bamboohrDelivery,
  EVENT_KEY,
  employee,
  HR_KEY,
  MAPPING_FILE,
  type StartedGithub,
  startGithub,
} from './support.js'

const root = new URL('../../..', import.meta.url).pathname
const bundle = join(root, 'packages/relay/dist/server.js')

let gh: StartedGithub
let env: Record<string, string>

beforeAll(async () => {
  // The bundle is committed with the others; a fresh checkout without it builds it once.
  if (!existsSync(bundle))
    execFileSync(process.execPath, ['scripts/build.mjs', 'relay'], { cwd: root, stdio: 'ignore' })
  gh = await startGithub()
  env = {
    RELAY_MAPPING_FILE: MAPPING_FILE,
    RELAY_HR_KEYS: `old-key,${HR_KEY}`,
    ONRAMP_EVENT_KEY: EVENT_KEY,
    GITHUB_APP_ID: String(APP.id),
    // As a single-line secret: escaped newlines.
    GITHUB_APP_PRIVATE_KEY: appKeys.privateKey.replace(/\n/g, '\\n'),
    GITHUB_APP_INSTALLATION_ID: String(APP.installationId),
    ONRAMP_REPOSITORY: 'acme/people-ops',
    GITHUB_API_URL: gh.url,
  }
}, 240_000)
afterAll(() => gh?.close())

describe('node dist/server.js', () => {
  let child: ChildProcess
  let url: string
  const output: string[] = []
  beforeAll(async () => {
    child = spawn(process.execPath, [bundle], {
      env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', HOST: '127.0.0.1', RELAY_MAX_BODY_BYTES: '65536' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (d) => output.push(String(d)))
    child.stderr!.on('data', (d) => output.push(String(d)))
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`relay did not start: ${output.join('')}`)), 15_000)
      child.stdout!.on('data', (d) => {
        const port = /"port":(\d+)/.exec(String(d))?.[1]
        if (port) {
          clearTimeout(timer)
          resolve(`http://127.0.0.1:${port}`)
        }
      })
    })
  })
  afterAll(() => {
    child?.kill()
  })

  it('relays a signed BambooHR delivery to a repository_dispatch and logs no personal data', async () => {
    const d = bamboohrDelivery({ employees: [employee('2001')] })
    const res = await fetch(url, { method: 'POST', headers: d.headers as Record<string, string>, body: d.body })
    expect(res.status).toBe(200)
    const sent = gh.emulator.dispatches().at(-1)!
    expect((sent.event.client_payload.person as Record<string, unknown>).employee_id).toBe('2001')
    expect(
      verifyEventSignature('onboard', sent.event.client_payload, { keys: [EVENT_KEY], maxAgeSeconds: 300 }).ok,
    ).toBe(true)
    const log = output.join('')
    expect(log).toContain('"employee_id":"2001"')
    for (const p of ['Jamie', 'jamie.doe@acme.com', 'Engineering']) expect(log).not.toContain(p)
  })

  it('413 for a body over RELAY_MAX_BODY_BYTES, 405 for GET, 200 on /healthz', async () => {
    const big = await fetch(url, { method: 'POST', body: 'x'.repeat(70_000) })
    expect(big.status).toBe(413)
    expect((await fetch(url)).status).toBe(405)
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
  })

  it('exits 2 naming each missing variable, and no value', () => {
    const { GITHUB_APP_PRIVATE_KEY: _key, ONRAMP_EVENT_KEY: _event, ...rest } = env
    let stderr = ''
    try {
      execFileSync(process.execPath, [bundle], { env: { PATH: process.env.PATH ?? '', ...rest }, stdio: 'pipe' })
    } catch (e) {
      expect((e as { status: number }).status).toBe(2)
      stderr = String((e as { stderr: Buffer }).stderr)
    }
    expect(stderr.trim().split('\n')).toEqual([
      'onramp-relay: ONRAMP_EVENT_KEY: required',
      'onramp-relay: GITHUB_APP_PRIVATE_KEY: required',
    ])
    expect(stderr).not.toContain(HR_KEY)
  })
})

describe('dist/server.js handler as a Lambda function URL', () => {
  it('takes the function URL event (base64 body, lower-cased headers) and answers its response shape', async () => {
    const saved = { ...process.env }
    Object.assign(process.env, env)
    try {
      const { handler } = await import(bundle)
      const d = bamboohrDelivery({ employees: [employee('2002', { changed: ['Department'] })] })
      const event = {
        version: '2.0',
        rawPath: '/',
        rawQueryString: '',
        headers: { ...d.headers, host: 'abc123.lambda-url.eu-west-1.on.aws', 'content-length': String(d.body.length) },
        requestContext: { http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '198.51.100.7' } },
        body: d.body.toString('base64'),
        isBase64Encoded: true,
      }
      const res = await handler(event)
      expect(res).toEqual({
        statusCode: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: expect.any(String),
        isBase64Encoded: false,
      })
      expect(JSON.parse(res.body).results[0]).toMatchObject({ employee_id: '2002', event_type: 'role-change' })
      expect(gh.emulator.dispatches().at(-1)!.event.action).toBe('role-change')
      // The same delivery again on the warm instance: dropped.
      expect(JSON.parse((await handler(event)).body).results[0].outcome).toBe('duplicate')
      // A plain-text body (isBase64Encoded false) is read as UTF-8; tampered, it is refused.
      const plain = { ...event, body: d.body.toString('utf8').replace('2002', '2003'), isBase64Encoded: false }
      expect((await handler(plain)).statusCode).toBe(401)
    } finally {
      for (const k of Object.keys(env)) delete process.env[k]
      Object.assign(process.env, saved)
    }
  })
})
