import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signEvent, signedBytes, verifyEventSignature } from '../src/signature.js'

const now = new Date('2026-11-30T12:00:00Z')
const payload = {
  version: 2,
  event_id: 'hr-1',
  occurred_at: '2026-11-30T11:59:00Z',
  person: { employee_id: 'E1', name: 'Zoë' },
}
const verify = (type: string, p: Record<string, unknown>, keys = ['k1'], at = now) =>
  verifyEventSignature(type, p, { keys, now: at, maxAgeSeconds: 86_400 })

describe('event signatures', () => {
  it('signs the documented bytes: t, event type and RFC 8785 JSON without the signature', () => {
    const t = Math.floor(now.getTime() / 1000)
    // Keys sorted, no white space, non-ASCII as UTF-8 (JCS).
    const expected = `${t}.offboard.{"event_id":"hr-1","occurred_at":"2026-11-30T11:59:00Z","person":{"employee_id":"E1","name":"Zoë"},"version":2}`
    expect(signedBytes(t, 'offboard', { ...payload, signature: 'x' }).toString('utf8')).toBe(expected)
    const hex = createHmac('sha256', 'k1').update(Buffer.from(expected, 'utf8')).digest('hex')
    expect(signEvent('k1', 'offboard', payload, now)).toBe(`t=${t},v1=${hex}`)
  })

  it('accepts a valid signature under any accepted key (rotation)', () => {
    const signature = signEvent('old', 'onboard', payload, now)
    expect(verify('onboard', { ...payload, signature }, ['new', 'old'])).toEqual({ ok: true, signedAt: now })
  })

  it('refuses missing, malformed, wrong key, other event type, tampered, future and old', () => {
    const signature = signEvent('k1', 'onboard', payload, now)
    expect(verify('onboard', payload)).toEqual({ ok: false, reason: 'missing' })
    expect(verify('onboard', { ...payload, signature: 'v1=abc' })).toEqual({ ok: false, reason: 'malformed' })
    expect(verify('onboard', { ...payload, signature: 42 })).toEqual({ ok: false, reason: 'malformed' })
    expect(verify('onboard', { ...payload, signature }, ['k2'])).toEqual({ ok: false, reason: 'mismatch' })
    expect(verify('onboard', { ...payload, signature }, [''])).toEqual({ ok: false, reason: 'mismatch' })
    expect(verify('offboard', { ...payload, signature })).toEqual({ ok: false, reason: 'mismatch' })
    expect(verify('onboard', { ...payload, event_id: 'hr-2', signature })).toEqual({ ok: false, reason: 'mismatch' })
    const ahead = signEvent('k1', 'onboard', payload, new Date(now.getTime() + 301_000))
    expect(verify('onboard', { ...payload, signature: ahead })).toEqual({ ok: false, reason: 'future' })
    const old = signEvent('k1', 'onboard', payload, new Date(now.getTime() - 86_401_000))
    expect(verify('onboard', { ...payload, signature: old })).toEqual({ ok: false, reason: 'expired' })
  })
})
