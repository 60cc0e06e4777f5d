// A converge run over people in a file ledger: who `all` selects, what each person's step is asked to rerun, and
// that one person's thrown error neither stops the others nor goes unreported.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UserError } from '@onramp/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  beginStep,
  type CommonInputsFor,
  forEachPerson,
  isWaiting,
  type LedgerRecord,
  parseEmployeeIds,
} from '../src/index.js'

const root = new URL('../../..', import.meta.url).pathname
const onboard = (id: string) => ({
  event_id: `hr-${id}`,
  type: 'onboard' as const,
  occurred_at: '2026-11-20T09:00:00Z',
})
const record = (id: string, over: Partial<LedgerRecord> = {}): LedgerRecord => ({
  employee_id: id,
  status: 'active',
  role: 'backend-engineer',
  ids: {},
  steps: {},
  notified: {},
  last_event: { ...onboard(id), role: 'backend-engineer' },
  ...over,
})

describe('parseEmployeeIds', () => {
  it('reads all, or ids separated by newlines, commas or spaces, without duplicates', () => {
    expect(parseEmployeeIds('all')).toEqual({ all: true })
    expect(parseEmployeeIds(' E1,\nE2  E1 ')).toEqual({ ids: ['E1', 'E2'] })
  })

  it('refuses an empty list, all inside a list, and entries that are not ids, naming no value', () => {
    for (const bad of ['', ' , ', 'all,E1', 'affected E1', 'E1,../x,$(id)']) {
      const error = (() => {
        try {
          parseEmployeeIds(bad)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(UserError)
      expect((error as UserError).problems[0]?.field).toBe('with.employee-ids')
      expect((error as UserError).message).not.toContain('$(id)')
    }
  })
})

const NOW = Date.parse('2026-11-30T12:00:00Z')

describe('isWaiting', () => {
  it('is a step of the current event recorded pending or deferred', () => {
    const step = (result: 'pending' | 'deferred' | 'changed', event_id: string) => ({
      result,
      verified: true,
      at: '2026-11-20T09:00:00Z',
      event_id,
    })
    expect(isWaiting(record('E1', { steps: { github: step('pending', 'hr-E1') } }), 'github', NOW)).toBe(true)
    expect(isWaiting(record('E1', { steps: { github: step('deferred', 'hr-E1') } }), 'github', NOW)).toBe(true)
    expect(isWaiting(record('E1', { steps: { github: step('changed', 'hr-E1') } }), 'github', NOW)).toBe(false)
    expect(isWaiting(record('E1', { steps: { github: step('pending', 'hr-old') } }), 'github', NOW)).toBe(false)
    expect(isWaiting(record('E1', { steps: { github: step('pending', 'hr-E1') } }), 'aws', NOW)).toBe(false)
  })
})

describe('forEachPerson', () => {
  let dir: string
  const saved = { ...process.env }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onramp-converge-'))
    await mkdir(join(dir, 'people'), { recursive: true })
    const write = (r: LedgerRecord) => writeFile(join(dir, 'people', `${r.employee_id}.json`), JSON.stringify(r))
    await write(record('E1'))
    await write(record('E2'))
    await write(record('E3', { status: 'offboarded', last_event: { ...onboard('E3'), type: 'offboard' } }))
    await write(record('E4', { status: 'new', last_event: undefined, unapplied_event: onboard('E4') }))
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

  const inputs = (employeeIds: string): CommonInputsFor => ({
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
    eventKey: undefined,
    employeeIds,
    repairWaiting: false,
    baseRolesFile: undefined,
    allowance: 0,
  })
  const env = () => ({ GITHUB_EVENT_NAME: 'schedule', GITHUB_RUN_ID: '77', RUNNER_TEMP: dir })

  it('reruns each selected person’s last event through beginStep; a throw fails that person only', async () => {
    const seen: string[] = []
    const run = await forEachPerson(
      'github',
      inputs('all'),
      async (one, batch) => {
        const step = await beginStep('github', one, { batch, env: env() })
        seen.push(`${step.event.employeeId} ${step.event.type} ${step.event.eventId}`)
        if (step.event.employeeId === 'E2') throw new Error('socket hang up')
        await step.finish({
          result: 'changed',
          receipts: [
            { item: 'team:backend', action: 'create', before: null, after: {}, verified: true, result: 'changed' },
          ],
        })
      },
      { env: env() },
    )
    // all: the active people and the one with an unapplied event; the offboarded one is left alone.
    expect(seen).toEqual(['E1 onboard hr-E1', 'E2 onboard hr-E2', 'E4 onboard hr-E4'])
    expect(run.people.map((p) => [p.employee_id, p.result])).toEqual([
      ['E1', 'changed'],
      ['E2', 'failed'],
      ['E4', 'changed'],
    ])
    expect(run.people[1]!.failed[0]!.reason).toContain('socket hang up')
    expect(process.exitCode).toBe(1)
    const output = await readFile(process.env.GITHUB_OUTPUT!, 'utf8')
    expect(output).toContain('{"E1":"changed","E2":"failed","E4":"changed"}')
    expect(output).toContain('{"E1":["team:backend"],"E4":["team:backend"]}')
    const summary = await readFile(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).toContain(
      '| E2 | failed | 0 | step: unexpected failure (a bug or an outage): Error: socket hang up |',
    )
    // Each person's step was recorded in their own record.
    const e1 = JSON.parse(await readFile(join(dir, 'people', 'E1.json'), 'utf8'))
    expect(e1.steps.github).toMatchObject({ result: 'changed', event_id: 'hr-E1', run: '77' })
    const report = JSON.parse(await readFile(join(dir, 'onramp-github-converge.json'), 'utf8'))
    expect(report.people.map((p: { employee_id: string }) => p.employee_id)).toEqual(['E1', 'E2', 'E4'])
    expect(report.people).toHaveLength(3)
  })

  it('refuses inputs that name one person, and state none', async () => {
    await expect(
      forEachPerson('aws', { ...inputs('E1'), role: 'designer' }, async () => {}, { env: env() }),
    ).rejects.toThrow('with.role')
    await expect(
      forEachPerson('aws', { ...inputs('E1'), state: 'none' }, async () => {}, { env: env() }),
    ).rejects.toThrow('with.state')
  })

  it('each person’s step starts from the record the run selected: the ledger is not read again', async () => {
    const records: string[] = []
    let reads = 0
    await forEachPerson(
      'github',
      inputs('E1,E2'),
      async (one, batch) => {
        const get = batch.ledger!.get
        batch.ledger!.get = (id) => {
          reads++
          return get(id)
        }
        const step = await beginStep('github', one, { batch, env: env() })
        records.push(`${step.record?.employee_id} ${step.record?.last_event?.event_id}`)
        await step.finish({ result: 'unchanged', receipts: [] })
      },
      { env: env() },
    )
    expect(records).toEqual(['E1 hr-E1', 'E2 hr-E2'])
    expect(reads).toBe(0)
  })

  it('cancelled (SIGTERM): the person in flight finishes, nobody else starts, the results held are written', async () => {
    const listeners = process.listenerCount('SIGTERM')
    const stops: unknown[] = []
    const run = await forEachPerson(
      'github',
      inputs('all'),
      async (one, batch) => {
        const step = await beginStep('github', one, { batch, env: env() })
        // The runner's signal, as the process receives it (the listeners only: nothing is killed).
        process.emit('SIGTERM', 'SIGTERM')
        process.emit('SIGINT', 'SIGINT')
        await step.finish({ result: 'changed', receipts: [] })
      },
      { env: env(), onStop: async (ledger) => void stops.push(ledger) },
    )
    expect(stops).toHaveLength(1)
    expect(run.people.map((p) => [p.employee_id, p.result, p.failed[0]?.reason])).toEqual([
      ['E1', 'changed', undefined],
      ['E2', 'failed', 'not run: the job was cancelled'],
      ['E4', 'failed', 'not run: the job was cancelled'],
    ])
    // E1's result was held for the chunk's commit, and written; E2 was never touched.
    const read = async (id: string) => JSON.parse(await readFile(join(dir, 'people', `${id}.json`), 'utf8'))
    expect((await read('E1')).steps.github).toMatchObject({ result: 'changed', event_id: 'hr-E1' })
    expect((await read('E2')).steps.github).toBeUndefined()
    expect(process.listenerCount('SIGTERM')).toBe(listeners)
  })
})
