// From the HR system to every system: a signed BambooHR webhook reaches the relay over HTTP, the relay
// dispatches a signed repository_dispatch to the sandbox GitHub with an App installation token, and the
// local runner runs lifecycle.yml for exactly the event GitHub recorded.
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { verifyEventSignature } from '@onramp/core'
import { createDispatch, createRelayServer, loadMapping } from '@onramp/relay'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP,
  appKeys,
  appSeed,
  bamboohrDelivery,
  employee,
  HR_KEY,
  MAPPING_FILE,
} from '../../packages/relay/test/support.js'
import { TEST_TIME_SCALE } from '../support/harness.js'

const repoRoot = new URL('../..', import.meta.url).pathname
// The sandbox's event key (SANDBOX_EVENT_KEY in @onramp/core/testing): the runner passes it to the workflow
// as the ONRAMP_EVENT_KEY secret, so the relay signs with it here.
const EVENT_KEY = 'onramp-sandbox-event-key-not-a-secret-0000'

describe('BambooHR → relay → repository_dispatch → lifecycle.yml', () => {
  let sandbox: Sandbox
  let relayUrl: string
  let server: ReturnType<typeof createRelayServer>
  beforeAll(async () => {
    sandbox = await startSandbox({
      roles: join(repoRoot, '.github/access/roles.yaml'),
      guardrails: join(repoRoot, '.github/access/guardrails.yaml'),
      timeScale: TEST_TIME_SCALE,
      seed: {
        github: {
          repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
          users: [{ login: 'jamie-doe-dev', id: 583231 }],
          apps: appSeed(SANDBOX_REPOSITORY.owner),
        },
      },
    })
    server = createRelayServer({
      mapping: loadMapping(MAPPING_FILE),
      hrKeys: [HR_KEY],
      eventKey: EVENT_KEY,
      dispatch: createDispatch({
        appId: String(APP.id),
        privateKey: appKeys.privateKey,
        installationId: APP.installationId,
        owner: SANDBOX_REPOSITORY.owner,
        repo: SANDBOX_REPOSITORY.name,
        baseUrl: sandbox.emulators.github.url,
        fast: true,
      }),
      log: () => {},
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    relayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    await sandbox?.close()
  })

  it('onboards the hire BambooHR announced, in every system', async () => {
    const hire = employee('2042', {
      timestamp: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, '+0000'),
    })
    const delivery = bamboohrDelivery({ employees: [hire] })
    const res = await fetch(relayUrl, {
      method: 'POST',
      headers: delivery.headers as Record<string, string>,
      body: delivery.body,
    })
    expect(res.status).toBe(200)

    const { owner, name } = SANDBOX_REPOSITORY
    const [dispatch, ...more] = sandbox.emulators.github.emulator.dispatches(owner, name)
    expect(more).toEqual([])
    expect(dispatch!.event.action).toBe('onboard')
    expect(
      verifyEventSignature('onboard', dispatch!.event.client_payload, { keys: [EVENT_KEY], maxAgeSeconds: 3600 }).ok,
    ).toBe(true)

    const result = await runInSandbox(sandbox, {
      repoRoot,
      eventName: 'repository_dispatch',
      event: dispatch!.event,
      runId: '7001',
    })
    expect(Object.fromEntries(Object.entries(result.jobs).map(([k, j]) => [k, j.result]))).toEqual({
      validate: 'success',
      review: 'success',
      identity: 'success',
      github: 'success',
      aws: 'success',
      notify: 'success',
      wake: 'skipped',
      alert: 'skipped',
    })
    const ledger = sandbox.emulators.github.emulator.file(owner, name, 'people/2042.json', 'onramp-state')
    expect(JSON.parse(ledger ?? '{}')).toMatchObject({
      employee_id: '2042',
      status: 'active',
      role: 'backend-engineer',
    })
    // Okta sent the activation email; the account is PROVISIONED until the hire sets a password.
    expect(sandbox.emulators.okta.emulator.user('jamie.doe@acme.com')?.status).toBe('PROVISIONED')
  })
})
