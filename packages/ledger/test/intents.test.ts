// A drain of HR events from intents (artifacts, here in a folder laid out as the runner keeps them): what the
// identity job takes in and refuses, who each step selects, and that a second drain downloads nothing it holds.
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eventHash, INTENT_FILE, intentName } from '@onramp/core'
import { editPayload, SANDBOX_EVENT_KEY, signDispatch } from '@onramp/core/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  beginStep,
  type CommonInputsFor,
  forEachPerson,
  type LedgerRecord,
  parseEmployeeIds,
  parseIntentName,
  type StepName,
} from '../src/index.js'

const root = new URL('../../..', import.meta.url).pathname
type Json = Record<string, unknown>

function hrEvent(type: 'onboard' | 'role-change', id: string, change: (p: Json) => void = () => {}) {
  const sample = JSON.parse(readFileSync(join(root, 'test/fixtures/events', `${type}.json`), 'utf8')) as {
    action: string
    client_payload: Json
  }
  editPayload(sample.client_payload, (p) => {
    p.employee_id = id
    p.event_id = `hr-${type}-${id}`
    p.occurred_at = new Date(Date.now() - 60_000).toISOString()
    if ('email' in p) p.email = `${id.toLowerCase()}@acme.com`
    if ('github_username' in p) p.github_username = `${id.toLowerCase()}-dev`
    change(p)
  })
  return { action: sample.action, client_payload: sample.client_payload }
}

describe('intent names', () => {
  it('carry the employee id and the event id hash, and nothing else parses', () => {
    const name = intentName('E1.a_b-2', 'hr-7f3c2a91-0001')
    expect(name).toMatch(/^onramp-intent-E1\.a_b-2-[0-9a-f]{16}$/)
    expect(parseIntentName(name)?.employeeId).toBe('E1.a_b-2')
    for (const bad of ['onramp-intent-', 'onramp-intent-E1-XYZ', 'onramp-converge-E1-0123456789abcdef', 'x'])
      expect(parseIntentName(bad)).toBeUndefined()
    expect(parseEmployeeIds('pending')).toEqual({ pending: true })
    expect(() => parseEmployeeIds('pending,E1')).toThrow('stand alone')
  })
})

describe('a drain (employee-ids: pending)', () => {
  let dir: string
  let intents: string
  const saved = { ...process.env }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onramp-drain-'))
    intents = join(dir, 'artifacts')
    await mkdir(join(dir, 'people'), { recursive: true })
    process.env.GITHUB_OUTPUT = join(dir, 'output')
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary')
    process.env.RUNNER_TEMP = dir
    await writeFile(process.env.GITHUB_OUTPUT, '')
    await writeFile(process.env.GITHUB_STEP_SUMMARY, '')
  })
  afterEach(() => {
    process.env = { ...saved }
    process.exitCode = 0
  })

  const upload = async (event: Json, name = intentName(idOf(event), eventIdOf(event))) => {
    await mkdir(join(intents, name), { recursive: true })
    await writeFile(join(intents, name, INTENT_FILE), JSON.stringify(event))
    return name
  }
  const person = (e: Json) => ((e.client_payload as Json).person ?? e.client_payload) as Json
  const idOf = (e: Json) => person(e).employee_id as string
  const eventIdOf = (e: Json) => (e.client_payload as Json).event_id as string
  const record = async (id: string): Promise<LedgerRecord> =>
    JSON.parse(await readFile(join(dir, 'people', `${id}.json`), 'utf8'))

  const inputs = (): CommonInputsFor => ({
    rolesFile: join(root, '.github/access/roles.yaml'),
    guardrailsFile: join(root, '.github/access/guardrails.yaml'),
    dryRun: false,
    state: `file:${dir}`,
    stateToken: undefined,
    stateRepository: undefined,
    employeeId: undefined,
    eventType: undefined,
    email: undefined,
    name: undefined,
    role: undefined,
    eventKey: SANDBOX_EVENT_KEY,
    employeeIds: 'pending',
    repairWaiting: false,
    baseRolesFile: undefined,
    allowance: 0,
    eventTypes: undefined,
    intents: `file:${intents}`,
    intentsToken: undefined,
    wave: 0,
  })
  const env = (own?: Json) => ({
    GITHUB_EVENT_NAME: own ? 'repository_dispatch' : 'schedule',
    GITHUB_RUN_ID: '88',
    RUNNER_TEMP: dir,
    ...(own ? { GITHUB_EVENT_PATH: join(dir, 'event.json') } : {}),
  })

  /** Runs `step` as a drain; each person's step records `result` (failed for the ids in `fail`). */
  async function drain(
    step: StepName,
    o: { own?: Json; fail?: string[]; wave?: number; during?: () => Promise<void> } = {},
  ) {
    if (o.own) await writeFile(join(dir, 'event.json'), JSON.stringify(o.own))
    const seen: string[] = []
    const run = await forEachPerson(
      step,
      { ...inputs(), wave: o.wave ?? 0 },
      async (one, batch) => {
        await o.during?.()
        const s = await beginStep(step, one, { batch, env: env(o.own) })
        seen.push(`${s.event.employeeId} ${s.event.type} ${s.event.githubUsername ?? '-'} ${s.event.startDate ?? '-'}`)
        const failed = o.fail?.includes(s.event.employeeId)
        await s.finish({
          result: failed ? 'failed' : 'changed',
          receipts: [
            {
              item: 'x',
              action: 'create',
              before: null,
              after: {},
              verified: !failed,
              result: failed ? 'failed' : 'changed',
              ...(failed ? { reason: 'refused' } : {}),
            },
          ],
        })
      },
      { env: env(o.own) },
    )
    return { run, seen }
  }

  it('takes verified intents in, refuses forged and stale ones by artifact name, and runs each new event once', async () => {
    const e1 = signDispatch(hrEvent('onboard', 'E1'))
    const e2 = signDispatch(hrEvent('onboard', 'E2'))
    const forged = signDispatch(hrEvent('onboard', 'E3'), 'not-the-key')
    // A role change for E2 in the same intake: it waits until E2's onboard ran, then is taken in.
    const e2move = signDispatch(hrEvent('role-change', 'E2', (p) => (p.role = 'data-analyst')))
    const [, , forgedName] = [await upload(e1), await upload(e2), await upload(forged), await upload(e2move)]
    // A name that does not match its event is refused too.
    const mismatched = await upload(signDispatch(hrEvent('onboard', 'E4')), intentName('E5', 'hr-other'))

    const { run, seen } = await drain('identity', { own: e1 })
    expect(seen.sort()).toEqual([
      'E1 onboard e1-dev 2026-11-02',
      'E2 onboard e2-dev 2026-11-02',
      'E2 role-change e2-dev -',
    ])
    expect(run.intake?.recorded.sort()).toEqual(['E1', 'E2', 'E2'])
    expect(run.intake?.refused.map((r) => r.artifact).sort()).toEqual([forgedName, mismatched].sort())
    expect(run.intake?.refused.find((r) => r.artifact === forgedName)?.rule).toContain('client_payload.signature')
    expect(run.result).toBe('changed')
    expect(process.exitCode ?? 0).toBe(0)
    const summary = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).toContain(`refused ${forgedName}`)
    expect(summary).not.toContain('e3@acme.com')

    const r2 = await record('E2')
    expect(r2).toMatchObject({ status: 'active', role: 'data-analyst' })
    expect(r2.last_event?.type).toBe('role-change')
    expect(r2.person).toMatchObject({ email: 'e2@acme.com', github_username: 'e2-dev', start_date: '2026-11-02' })
    expect(await readFile(join(dir, 'people', 'E3.json'), 'utf8').catch(() => 'none')).toBe('none')

    // GitHub: everybody whose identity step did its part; the forged hire is nobody.
    const github = await drain('github')
    expect(github.seen.sort()).toEqual(['E1 onboard e1-dev 2026-11-02', 'E2 role-change e2-dev -'])

    // A second drain holds every intent: nothing is read (a held artifact's file is not even opened), nothing runs.
    await writeFile(join(intents, intentName('E1', eventIdOf(e1)), INTENT_FILE), 'not json')
    const again = await drain('identity')
    expect(again.seen).toEqual([])
    expect(again.run.intake?.held).toBe(3)
    expect(again.run.intake?.refused.map((r) => r.artifact).sort()).toEqual([forgedName, mismatched].sort())
  })

  it('a wave runs the oldest events first and leaves the rest pending for the next drain (output left)', async () => {
    const ago = (minutes: number) => (p: Json) => {
      p.occurred_at = new Date(Date.now() - minutes * 60_000).toISOString()
    }
    for (const [id, minutes] of [
      ['E8', 1],
      ['E6', 2],
      ['E7', 3],
    ] as const)
      await upload(signDispatch(hrEvent('onboard', id, ago(minutes))))
    const first = await drain('identity', { wave: 2 })
    expect(first.seen.map((x) => x.split(' ')[0])).toEqual(['E7', 'E6'])
    expect(first.run.left).toBe(1)
    expect(await readFile(process.env.GITHUB_OUTPUT!, 'utf8')).toMatch(/^left<<.*\n1\n/m)
    // Everybody was taken in: the next drain needs no intake, only its wave.
    expect((await record('E8')).unapplied_event?.event_id).toBe('hr-onboard-E8')
    const next = await drain('identity', { wave: 2 })
    expect(next.seen.map((x) => x.split(' ')[0])).toEqual(['E8'])
    expect(next.run.left).toBe(0)
  })

  it('a wave takes new events before retries of failures, and counts only new events as left', async () => {
    for (const [id, minutes] of [
      ['E8', 1],
      ['E6', 2],
      ['E7', 3],
    ] as const)
      await upload(
        signDispatch(
          hrEvent('onboard', id, (p) => {
            p.occurred_at = new Date(Date.now() - minutes * 60_000).toISOString()
          }),
        ),
      )
    // E7, the oldest, fails every time: it must not take every wave and keep waking runs.
    const ids = (d: Awaited<ReturnType<typeof drain>>) => d.seen.map((x) => x.split(' ')[0])
    const first = await drain('identity', { wave: 1, fail: ['E7'] })
    expect([ids(first), first.run.left]).toEqual([['E7'], 2])
    const second = await drain('identity', { wave: 1, fail: ['E7'] })
    expect([ids(second), second.run.left]).toEqual([['E6'], 1])
    const third = await drain('identity', { wave: 1, fail: ['E7'] })
    expect([ids(third), third.run.left]).toEqual([['E8'], 0])
    // Only the failure is left: it is retried, and no run is woken for it.
    const fourth = await drain('identity', { wave: 1, fail: ['E7'] })
    expect([ids(fourth), fourth.run.left]).toEqual([['E7'], 0])
  })

  it('a wave whose results the ledger lost wakes no run (the next would meet the same ledger)', async () => {
    for (const id of ['E6', 'E7']) await upload(signDispatch(hrEvent('onboard', id)))
    const people = join(dir, 'people')
    // The ledger's folder turns into a file once the intake is in: the results cannot be written.
    const lost = await drain('identity', {
      wave: 1,
      during: async () => {
        await rm(people, { recursive: true, force: true })
        await writeFile(people, 'not a folder')
      },
    })
    expect(lost.run.people.map((p) => p.failed.map((f) => f.item))).toEqual([['ledger']])
    expect(lost.run.left).toBe(0)
    await rm(people, { force: true })
  })

  it('a person whose identity step failed waits for it; the run’s own stale event fails the run', async () => {
    const e1 = signDispatch(hrEvent('onboard', 'E1'))
    await upload(e1)
    const first = await drain('identity', { own: e1, fail: ['E1'] })
    expect(first.run.result).toBe('failed')
    expect((await drain('github')).seen).toEqual([])
    // The next drain retries the failed step.
    process.exitCode = 0
    expect((await drain('identity')).seen).toEqual(['E1 onboard e1-dev 2026-11-02'])
    expect((await drain('github')).seen).toEqual(['E1 onboard e1-dev 2026-11-02'])

    const stale = signDispatch(
      hrEvent('onboard', 'E1', (p) => {
        p.event_id = 'hr-stale'
        p.occurred_at = '2026-01-01T00:00:00Z'
      }),
    )
    await upload(stale)
    const refused = await drain('identity', { own: stale })
    expect(refused.seen).toEqual([])
    expect(refused.run.intake?.refused).toEqual([
      expect.objectContaining({ own: true, rule: expect.stringContaining('older than the last event applied') }),
    ])
    expect(process.exitCode).toBe(1)
    // Nothing was written for it; a later drain (another HR event's) refuses it again, as a warning only.
    process.exitCode = 0
    const after = await drain('identity')
    expect(after.run.intake?.refused).toEqual([expect.objectContaining({ own: false })])
    expect(after.run.result).toBe('unchanged')
    expect(process.exitCode ?? 0).toBe(0)
    expect((await record('E1')).received).not.toContain(eventHash('hr-stale'))
    expect((await record('E1')).last_event?.event_id).toBe('hr-onboard-E1')
  })
})
