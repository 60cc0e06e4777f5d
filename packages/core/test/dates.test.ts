import { describe, expect, it } from 'vitest'
import {
  accessEndsAt,
  accessStartsAt,
  completeDue,
  type DatedEvent,
  type DatesPolicy,
  dueTasks,
  formatLocal,
  identityStage,
  notYet,
  postLeave,
  scheduleFor,
  shiftDays,
  startOfDate,
} from '../src/index.js'

const policy = (timeZone: string, over: Partial<DatesPolicy> = {}): DatesPolicy => ({
  timeZone,
  joiner: { githubDaysBefore: 0, awsDaysBefore: 0, welcomeDaysBefore: 3 },
  leaver: {},
  ...over,
})
const onboard = (startDate: string): DatedEvent => ({
  type: 'onboard',
  eventId: 'hr-1',
  occurredAt: '2026-12-01T09:00:00Z',
  startDate,
})
const at = (iso: string) => Date.parse(iso)

describe('start dates in the organization time zone', () => {
  it('starts at local midnight east and west of UTC', () => {
    expect(new Date(startOfDate('2026-12-14', 'Asia/Tokyo')).toISOString()).toBe('2026-12-13T15:00:00.000Z')
    expect(new Date(startOfDate('2026-12-14', 'America/Los_Angeles')).toISOString()).toBe('2026-12-14T08:00:00.000Z')
    expect(new Date(startOfDate('2026-12-14', 'UTC')).toISOString()).toBe('2026-12-14T00:00:00.000Z')
  })

  it('counts calendar days across a daylight-saving change, keeping the local time', () => {
    // Los Angeles springs forward on 2027-03-14: three calendar days before 03-16 00:00 PDT is 03-13 00:00 PST.
    const start = startOfDate('2027-03-16', 'America/Los_Angeles')
    const welcome = shiftDays(start, -3, 'America/Los_Angeles')
    expect(new Date(welcome).toISOString()).toBe('2027-03-13T08:00:00.000Z')
    expect(start - welcome).toBe(71 * 3_600_000)
    // Berlin falls back on 2026-10-25: one day after 10-25 00:00 CEST is 10-26 00:00 CET, 25 hours later.
    const d = startOfDate('2026-10-25', 'Europe/Berlin')
    expect(shiftDays(d, 1, 'Europe/Berlin') - d).toBe(25 * 3_600_000)
  })

  it('takes the first pass of a local time a daylight-saving change repeats, and refuses a day not on the calendar', () => {
    // Havana falls back at 01:00 CDT to 00:00 CST on 2026-11-01: midnight happens twice, the day starts at the first.
    expect(new Date(startOfDate('2026-11-01', 'America/Havana')).toISOString()).toBe('2026-11-01T04:00:00.000Z')
    // Berlin's 02:00 on 2026-10-25 happens twice (CEST, then CET): a last hour of 2 ends access at the first.
    const leave: DatedEvent = { type: 'offboard', eventId: 'hr-2', occurredAt: '2026-10-01T09:00:00Z' }
    const berlin = policy('Europe/Berlin')
    expect(accessEndsAt({ ...leave, lastDay: '2026-10-25', lastHour: 2 }, berlin)).toBe(at('2026-10-25T00:00:00Z'))
    expect(accessEndsAt({ ...leave, lastDay: '2026-10-25', lastHour: 3 }, berlin)).toBe(at('2026-10-25T02:00:00Z'))
    // Santiago springs forward at midnight (2026-09-06 00:00 does not exist): the day starts at 01:00.
    expect(new Date(startOfDate('2026-09-06', 'America/Santiago')).toISOString()).toBe('2026-09-06T04:00:00.000Z')
    expect(() => startOfDate('2026-02-30', 'UTC')).toThrow(/not a calendar date/)
    expect(() => startOfDate('2026-2-3', 'UTC')).toThrow(/not a calendar date/)
  })

  it('waits the GitHub and AWS grants and the welcome by their lead times; the identity step stages', () => {
    const p = policy('Asia/Tokyo', { joiner: { githubDaysBefore: 2, awsDaysBefore: 0, welcomeDaysBefore: 3 } })
    const e = onboard('2026-12-14')
    const tasks = scheduleFor(e, p)
    expect(tasks.map((t) => `${t.step}:${t.why}@${t.due}`)).toEqual([
      'notify:welcome@2026-12-10T15:00:00.000Z',
      'github:early@2026-12-11T15:00:00.000Z',
      'identity:start@2026-12-13T15:00:00.000Z',
      'aws:start@2026-12-13T15:00:00.000Z',
      'notify:start@2026-12-13T15:00:00.000Z',
    ])
    const before = at('2026-12-05T00:00:00Z')
    expect(notYet('github', e, p, before)).toEqual({ until: '2026-12-11T15:00:00.000Z', why: 'early' })
    expect(notYet('aws', e, p, before)?.why).toBe('start')
    expect(notYet('identity', e, p, before)).toBeUndefined()
    expect(identityStage(e, p, before)).toBe('staged')
    expect(identityStage(e, p, at('2026-12-13T15:00:00Z'))).toBe('active')
    expect(notYet('aws', e, p, at('2026-12-13T15:00:00Z'))).toBeUndefined()
    expect(accessStartsAt(e, p)).toBe(at('2026-12-13T15:00:00Z'))
  })

  it('applies at once when there is no start date or it is past', () => {
    const p = policy('America/Los_Angeles')
    expect(scheduleFor({ ...onboard('2026-12-14'), startDate: undefined }, p)).toEqual([])
    const past = onboard('2026-11-20')
    expect(notYet('github', past, p, at('2026-12-01T09:00:00Z'))).toBeUndefined()
    expect(dueTasks(scheduleFor(past, p), at('2026-12-01T09:00:00Z'))).toHaveLength(5)
  })
})

describe('last days', () => {
  const off = (over: Partial<DatedEvent> = {}): DatedEvent => ({
    type: 'offboard',
    eventId: 'hr-9',
    occurredAt: '2026-12-01T09:00:00Z',
    lastDay: '2026-12-04',
    ...over,
  })
  it('ends access at the end of the last day, or at its hour, in the organization time zone', () => {
    expect(new Date(accessEndsAt(off(), policy('America/Los_Angeles'))!).toISOString()).toBe('2026-12-05T08:00:00.000Z')
    expect(new Date(accessEndsAt(off({ lastHour: 17 }), policy('Asia/Tokyo'))!).toISOString()).toBe(
      '2026-12-04T08:00:00.000Z',
    )
  })
  it('ends access at once when urgent, undated, or the day is past', () => {
    const p = policy('UTC')
    expect(accessEndsAt(off({ urgent: true }), p)).toBe(at('2026-12-01T09:00:00Z'))
    expect(accessEndsAt(off({ lastDay: undefined }), p)).toBe(at('2026-12-01T09:00:00Z'))
    expect(accessEndsAt(off({ lastDay: '2026-11-01' }), p)).toBe(at('2026-12-01T09:00:00Z'))
    expect(scheduleFor(off({ urgent: true }), p)).toEqual([])
  })
  it('schedules the post-leave steps after access ended', () => {
    const p = policy('UTC', { leaver: { deactivateAfterDays: 7, deleteAfterDays: 30 } })
    const e = off()
    const tasks = scheduleFor(e, p)
    expect(tasks.filter((t) => t.why !== 'leave').map((t) => `${t.step}:${t.why}@${t.due}`)).toEqual([
      'identity:deactivate@2026-12-12T00:00:00.000Z',
      'aws:delete@2027-01-04T00:00:00.000Z',
    ])
    expect(notYet('identity', e, p, at('2026-12-03T00:00:00Z'))?.why).toBe('leave')
    expect(postLeave(e, p, at('2026-12-12T00:00:00Z'))).toEqual({ deactivate: true, delete: false })
  })
})

describe('tasks done', () => {
  it('stamps the step’s due tasks with when and how late', () => {
    const p = policy('UTC')
    const tasks = scheduleFor(onboard('2026-12-14'), p)
    const now = at('2026-12-14T02:30:00Z')
    const done = completeDue(tasks, 'aws', now)
    const aws = done.find((t) => t.step === 'aws')!
    expect(aws.done_at).toBe('2026-12-14T02:30:00.000Z')
    expect(aws.late_ms).toBe(2.5 * 3_600_000)
    expect(dueTasks(done, now).map((t) => t.step)).toEqual(['notify', 'identity', 'github', 'notify'])
    expect(formatLocal('2026-12-13T15:00:00Z', 'Asia/Tokyo')).toBe('2026-12-14 00:00 Asia/Tokyo')
  })
})
