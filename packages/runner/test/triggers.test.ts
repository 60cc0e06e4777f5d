// push and schedule as GitHub starts them: branch and path filters, the cron that fired, a push's ref and sha.
import { describe, expect, it } from 'vitest'
import { runFixture } from './helpers.js'

const SHA = 'a'.repeat(40)
const push = (ref: string, modified: string[]) => ({
  ref,
  after: SHA,
  commits: [{ id: SHA, added: [], removed: [], modified }],
})

describe('push and schedule triggers', () => {
  it('runs a push to a matching branch that changes a matching path, with its ref and sha', async () => {
    const { result, events } = await runFixture('triggers.yml', {
      eventName: 'push',
      event: push('refs/heads/main', ['.github/access/roles.yaml']),
    })
    expect(result.conclusion).toBe('success')
    const lines = events.flatMap((e) => (e.type === 'log' ? [e.line] : []))
    expect(lines).toContain(`refs/heads/main ${SHA}`)
  })

  it('refuses a push to another branch, or one that changes no matching path (an excluded one included)', async () => {
    await expect(
      runFixture('triggers.yml', { eventName: 'push', event: push('refs/heads/topic', ['.github/access/roles.yaml']) }),
    ).rejects.toThrow('does not match on.push.branches')
    await expect(
      runFixture('triggers.yml', { eventName: 'push', event: push('refs/heads/main', ['README.md']) }),
    ).rejects.toThrow('no changed file matches on.push.paths')
    await expect(
      runFixture('triggers.yml', { eventName: 'push', event: push('refs/heads/main', ['.github/access/README.md']) }),
    ).rejects.toThrow('no changed file matches on.push.paths')
  })

  it('runs a schedule event naming one of the crons, and refuses another', async () => {
    const { result } = await runFixture('triggers.yml', { eventName: 'schedule', event: { schedule: '17 * * * *' } })
    expect(result.conclusion).toBe('success')
    await expect(
      runFixture('triggers.yml', { eventName: 'schedule', event: { schedule: '0 * * * *' } }),
    ).rejects.toThrow("one of on.schedule's crons")
  })
})
