import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RetryPolicy, UserError } from '@onramp/core'
import { json, type RecordedRequest, startServer, type TestServer } from '@onramp/core/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConflictError, createLedger, FileStore, type Ledger, type LedgerStore, openLedger } from '../src/index.js'

const fastPolicy: RetryPolicy = { baseMs: 5, capMs: 50, maxAttempts: 50, deadlineMs: 30_000 }

const step = (result: 'changed' | 'unchanged' = 'changed') => ({
  result,
  verified: true,
  at: '2026-11-26T04:00:00Z',
  run: '7',
})

/** A store whose first read is held until `during()` has run: a guaranteed lost-update race. */
function racing(store: LedgerStore, during: () => Promise<unknown>): LedgerStore {
  let first = true
  return {
    description: store.description,
    write: (r, v, c) => store.write(r, v, c),
    employeeIds: () => store.employeeIds(),
    async read(id) {
      const got = await store.read(id)
      if (first) {
        first = false
        await during()
      }
      return got
    },
  }
}

describe('file backend', () => {
  let dir: string
  let ledger: Ledger
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onramp-ledger-'))
    ledger = await openLedger(`file:${dir}`, { policy: fastPolicy })
  })

  it('creates, reads and updates a record; no change means no write', async () => {
    expect(await ledger.get('E1042')).toBeUndefined()
    const rec = await ledger.update(
      'E1042',
      (r) => {
        r.status = 'active'
        r.person = { name: 'Jane Doe', email: 'jane@example.com' }
        r.steps.identity = step()
      },
      { event: 'onboard/evt-1', step: 'identity' },
    )
    expect(rec).toMatchObject({ employee_id: 'E1042', status: 'active', steps: { identity: { result: 'changed' } } })
    expect(await ledger.get('E1042')).toEqual(rec)
    expect(await readdir(join(dir, 'people'))).toEqual(['E1042.json'])

    const again = await ledger.update('E1042', (r) => ({ ...r }), { event: 'onboard/evt-1', step: 'identity' })
    expect(again).toEqual(rec)
    const history = (await readFile(join(dir, 'history.jsonl'), 'utf8')).trim().split('\n')
    expect(history).toHaveLength(1)
    expect(JSON.parse(history[0]!)).toMatchObject({ employee_id: 'E1042', event: 'onboard/evt-1', step: 'identity' })
    expect(history[0]).not.toContain('jane')
  })

  it('a writer that lost the race re-reads and re-applies its mutation: both steps survive', async () => {
    const store = new FileStore(dir)
    const b = createLedger(store, { policy: fastPolicy })
    let bCalls = 0
    const a = createLedger(
      racing(store, () =>
        b.update(
          'E1042',
          (r) => {
            bCalls++
            r.steps.aws = step()
          },
          { event: 'onboard/evt-1', step: 'aws' },
        ),
      ),
      { policy: fastPolicy },
    )
    let aCalls = 0
    const rec = await a.update(
      'E1042',
      (r) => {
        aCalls++
        r.steps.github = step()
      },
      { event: 'onboard/evt-1', step: 'github' },
    )
    expect(aCalls).toBe(2) // applied to the stale read, refused, applied again to the fresh one
    expect(bCalls).toBe(1)
    expect(Object.keys(rec.steps).sort()).toEqual(['aws', 'github'])
    expect(Object.keys((await b.get('E1042'))!.steps).sort()).toEqual(['aws', 'github'])
  })

  it('many concurrent writers of different steps lose nothing', async () => {
    const ledgers = await Promise.all(
      Array.from({ length: 2 }, () => openLedger(`file:${dir}`, { policy: fastPolicy })),
    )
    const steps = Array.from({ length: 16 }, (_v, i) => `step-${i}`)
    await Promise.all(
      steps.map((s, i) =>
        ledgers[i % 2]!.update(
          'E7',
          (r) => {
            r.steps[s] = step()
          },
          { event: 'onboard/evt-2', step: s },
        ),
      ),
    )
    const rec = await ledgers[0]!.get('E7')
    expect(Object.keys(rec!.steps).sort()).toEqual([...steps].sort())
    expect(await readdir(join(dir, 'people'))).toEqual(['E7.json']) // no temp or lock files left behind
  })

  it('a stale lock left by a crashed writer is taken over; a fresh one is waited for', async () => {
    await ledger.update(
      'E1',
      (r) => {
        r.status = 'active'
      },
      { event: 'e', step: 's' },
    )
    const lock = join(dir, 'people', 'E1.json.lock')
    await writeFile(lock, '')
    const old = new Date(Date.now() - 60_000)
    const { utimes, unlink } = await import('node:fs/promises')
    await utimes(lock, old, old)
    await ledger.update(
      'E1',
      (r) => {
        r.role = 'x'
      },
      { event: 'e', step: 's' },
    )
    await writeFile(lock, '')
    setTimeout(() => void unlink(lock), 100)
    const rec = await ledger.update(
      'E1',
      (r) => {
        r.role = 'y'
      },
      { event: 'e', step: 's' },
    )
    expect(rec.role).toBe('y')
  })

  it('refuses bad employee ids and mutations that change the id', async () => {
    for (const id of ['', '..', '.', 'a/b', 'x'.repeat(65), 'jane@example.com']) {
      await expect(ledger.get(id)).rejects.toBeInstanceOf(UserError)
    }
    await expect(ledger.update('E1', (r) => ({ ...r, employee_id: 'E2' }), { event: 'e', step: 's' })).rejects.toThrow(
      'must not change employee_id',
    )
  })

  it('gives up after the policy when conflicts never clear', async () => {
    const store: LedgerStore = {
      description: 'always-conflict',
      read: async () => ({ record: undefined, version: undefined }),
      employeeIds: async () => [],
      write: async () => {
        throw new ConflictError('E1')
      },
    }
    const l = createLedger(store, { policy: { ...fastPolicy, maxAttempts: 3 } })
    await expect(
      l.update(
        'E1',
        (r) => {
          r.role = 'x'
        },
        { event: 'e', step: 's' },
      ),
    ).rejects.toMatchObject({
      name: 'RetryExhaustedError',
      attempts: 3,
    })
  })
})

describe('openLedger', () => {
  it('parses the state input', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'onramp-ws-'))
    expect((await openLedger('file:.onramp/state', { cwd })).description).toBe(`file:${join(cwd, '.onramp/state')}`)
    expect(
      (await openLedger('github', { token: 't', repo: 'acme/people-ops', apiUrl: 'http://127.0.0.1:1' })).description,
    ).toBe('github:acme/people-ops@onramp-state')
    expect((await openLedger('github:hr/state', { token: 't', repo: 'acme/people-ops' })).description).toBe(
      'github:acme/people-ops@hr/state',
    )
    await expect(openLedger('github', { repo: 'acme/people-ops' })).rejects.toThrow('with.state-token: required')
    await expect(openLedger('github', { token: 't', repo: 'acme' })).rejects.toThrow('repository: must be owner/name')
    await expect(openLedger('github:../x', { token: 't', repo: 'a/b' })).rejects.toThrow('with.state')
    await expect(openLedger('s3://bucket', {})).rejects.toThrow('with.state: must be github')
    await expect(openLedger('file:', {})).rejects.toThrow(UserError)
  })
})

// A tiny stand-in for the contents and refs APIs: enough to prove compare-and-swap against GitHub's contract.
interface FakeFile {
  content: string
  sha: string
}
function fakeGithub() {
  const refs = new Map<string, string>([['main', 'c0']])
  const files = new Map<string, FakeFile>() // `${branch}:${path}`
  const commits: { branch: string; path: string; message: string }[] = []
  let shaN = 0
  const handler = (req: RecordedRequest, res: ServerResponse) => {
    const url = new URL(req.url, 'http://x')
    const path = decodeURIComponent(url.pathname)
    const base = '/repos/acme/people-ops'
    if (!path.startsWith(base)) return json(res, 404, { message: 'Not Found' })
    const rest = path.slice(base.length)
    if (req.method === 'GET' && rest === '')
      return json(res, 200, { full_name: 'acme/people-ops', default_branch: 'main' })
    let m = /^\/git\/ref\/heads\/(.+)$/.exec(rest)
    if (req.method === 'GET' && m) {
      const sha = refs.get(m[1]!)
      return sha
        ? json(res, 200, { ref: `refs/heads/${m[1]}`, object: { sha, type: 'commit' } })
        : json(res, 404, { message: 'Not Found' })
    }
    if (req.method === 'POST' && rest === '/git/refs') {
      const body = JSON.parse(req.body) as { ref: string; sha: string }
      const name = body.ref.replace(/^refs\/heads\//, '')
      if (refs.has(name)) return json(res, 422, { message: 'Reference already exists' })
      refs.set(name, body.sha)
      return json(res, 201, { ref: body.ref, object: { sha: body.sha } })
    }
    m = /^\/contents\/(.+)$/.exec(rest)
    if (m && req.method === 'GET') {
      const ref = url.searchParams.get('ref') ?? 'main'
      if (!refs.has(ref)) return json(res, 404, { message: `No commit found for the ref ${ref}` })
      const f = files.get(`${ref}:${m[1]}`)
      if (!f) return json(res, 404, { message: 'Not Found' })
      return json(res, 200, {
        type: 'file',
        encoding: 'base64',
        path: m[1],
        sha: f.sha,
        content: Buffer.from(f.content).toString('base64'),
      })
    }
    if (m && req.method === 'PUT') {
      const body = JSON.parse(req.body) as { message: string; content: string; sha?: string; branch: string }
      if (!refs.has(body.branch)) return json(res, 404, { message: 'Branch not found' })
      const key = `${body.branch}:${m[1]}`
      const current = files.get(key)
      if (current && !body.sha) return json(res, 422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' })
      if (current && body.sha !== current.sha) return json(res, 409, { message: `${m[1]} does not match ${body.sha}` })
      if (!current && body.sha) return json(res, 409, { message: `${m[1]} does not match ${body.sha}` })
      const sha = `blob${++shaN}`
      files.set(key, { content: Buffer.from(body.content, 'base64').toString('utf8'), sha })
      commits.push({ branch: body.branch, path: m[1]!, message: body.message })
      refs.set(body.branch, `c${shaN}`)
      return json(res, current ? 200 : 201, {
        content: { path: m[1], sha },
        commit: { sha: `c${shaN}`, message: body.message },
      })
    }
    return json(res, 404, { message: 'Not Found' })
  }
  return { refs, files, commits, handler }
}

describe('github backend (against a fake contents API)', () => {
  let fake: ReturnType<typeof fakeGithub>
  let server: TestServer
  beforeAll(async () => {
    server = await startServer((req, res) => fake.handler(req, res))
  })
  afterAll(() => server.close())
  beforeEach(() => {
    fake = fakeGithub()
    server.requests.length = 0
  })
  const open = (state = 'github') =>
    openLedger(state, {
      token: 'ghs_test',
      repo: 'acme/people-ops',
      apiUrl: server.url,
      fast: true,
      policy: fastPolicy,
    })

  it('creates the state branch from the default branch, then commits one file per person', async () => {
    const ledger = await open()
    expect(await ledger.get('E1042')).toBeUndefined()
    const rec = await ledger.update(
      'E1042',
      (r) => {
        r.status = 'active'
        r.person = { name: 'Jane Doe', email: 'jane@example.com' }
        r.steps.identity = step()
      },
      { event: 'onboard/evt-1', step: 'identity' },
    )
    expect(fake.refs.get('onramp-state')).toMatch(/^c\d+$/)
    expect(server.requests.find((r) => r.method === 'POST')?.body).toBe('{"ref":"refs/heads/onramp-state","sha":"c0"}')
    expect(fake.commits).toEqual([
      { branch: 'onramp-state', path: 'people/E1042.json', message: 'onramp: E1042 onboard/evt-1 identity' },
    ])
    expect(JSON.parse(fake.files.get('onramp-state:people/E1042.json')!.content)).toEqual(rec)
    expect(await ledger.get('E1042')).toEqual(rec)
    // personal data only in the body
    expect(JSON.stringify(fake.commits)).not.toMatch(/jane/i)

    // unchanged: no commit
    await ledger.update(
      'E1042',
      (r) => {
        r.status = 'active'
      },
      { event: 'onboard/evt-1', step: 'identity' },
    )
    expect(fake.commits).toHaveLength(1)
  })

  it('concurrent writers of different steps all land', async () => {
    await (await open()).update(
      'E1042',
      (r) => {
        r.status = 'active'
      },
      { event: 'onboard/evt-1', step: 'validate' },
    )
    const steps = ['identity', 'github', 'aws', 'notify']
    await Promise.all(
      steps.map(async (s) =>
        (await open()).update(
          'E1042',
          (r) => {
            r.steps[s] = step()
          },
          { event: 'onboard/evt-1', step: s },
        ),
      ),
    )
    expect(Object.keys((await (await open()).get('E1042'))!.steps).sort()).toEqual([...steps].sort())
    expect(fake.commits).toHaveLength(5)
  })

  it('a forced race hits the 409 path', async () => {
    const { GithubStore } = await import('../src/github.js')
    const { createOctokit } = await import('@onramp/core/github')
    const octokit = createOctokit({ baseUrl: server.url, token: 't', fast: true })
    const store = new GithubStore(octokit, 'acme', 'people-ops', 'state')
    const b = createLedger(store, { policy: fastPolicy })
    await b.update(
      'E9',
      (r) => {
        r.status = 'active'
      },
      { event: 'onboard/evt-9', step: 'validate' },
    )
    let aCalls = 0
    const a = createLedger(
      racing(store, () =>
        b.update(
          'E9',
          (r) => {
            r.steps.aws = step()
          },
          { event: 'onboard/evt-9', step: 'aws' },
        ),
      ),
      { policy: fastPolicy },
    )
    const rec = await a.update(
      'E9',
      (r) => {
        aCalls++
        r.steps.github = step()
      },
      { event: 'onboard/evt-9', step: 'github' },
    )
    expect(aCalls).toBe(2)
    expect(Object.keys(rec.steps).sort()).toEqual(['aws', 'github'])
    const puts = server.requests.filter((r) => r.method === 'PUT')
    expect(puts).toHaveLength(4) // validate, aws, github refused (409), github again
    expect(fake.commits.map((c) => c.message)).toEqual([
      'onramp: E9 onboard/evt-9 validate',
      'onramp: E9 onboard/evt-9 aws',
      'onramp: E9 onboard/evt-9 github',
    ])
    expect(fake.refs.has('state')).toBe(true)
  })

  it('uses github:<branch>', async () => {
    await (await open('github:people-state')).update(
      'E1',
      (r) => {
        r.role = 'x'
      },
      {
        event: 'role-change/evt-3',
        step: 'github',
      },
    )
    expect(fake.commits[0]).toMatchObject({ branch: 'people-state', path: 'people/E1.json' })
  })
})
