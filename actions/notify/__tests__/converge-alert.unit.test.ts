// The one alert of a converge run: who failed and, in a report, the drift per person and item, read from the
// jobs' outputs in `needs`; anything malformed there is skipped, never echoed.
import { describe, expect, it } from 'vitest'
import { convergeFindings } from '../src/main.js'
import { convergeAlertMessage } from '../src/messages.js'

const needs = JSON.stringify({
  identity: { result: 'failure', outputs: { results: '{"E1":"pending","E2":"failed"}', changes: '{}' } },
  github: { result: 'success', outputs: { results: '{"E1":"changed"}', changes: '{"E1":["team:backend"]}' } },
  aws: {
    result: 'success',
    outputs: {
      results: 'not json',
      changes: '{"E2":["policy:arn:aws:iam::aws:policy/ReadOnlyAccess","<@U123> hi there"],"../x":["team:a"]}',
    },
  },
})

describe('converge alert', () => {
  it('reads failed people and changed items per job from needs, skipping what is not an id or an item key', () => {
    expect(convergeFindings(needs)).toEqual({
      failed: { E2: ['identity'] },
      changes: { E1: ['github: team:backend'], E2: ['aws: policy:arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    })
    expect(convergeFindings('{')).toEqual({ failed: {}, changes: {} })
  })

  it('a report lists drift and failures by employee id and item; an apply lists only who failed', () => {
    const findings = convergeFindings(needs)
    const drift = convergeAlertMessage({ channel: '#a', kind: 'drift', findings, failedJobs: ['identity'] })
    expect(drift.text).toBe('onramp reconcile: drift for 2, failed for 1: E1, E2.')
    const body = JSON.stringify(drift.blocks)
    expect(body).toContain('*E1*: github: team:backend')
    expect(body).toContain('*E2*: identity')
    const apply = convergeAlertMessage({ channel: '#a', kind: 'failures', findings, failedJobs: ['identity'] })
    expect(apply.text).toBe('onramp converge failed for 1 person: E2.')
    expect(JSON.stringify(apply.blocks)).not.toContain('team:backend')
  })
})
