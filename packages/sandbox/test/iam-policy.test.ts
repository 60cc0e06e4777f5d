// The IAM emulator's condition evaluation, operator by operator, as the IAM user guide describes it ("Condition
// operators", "Multivalued context keys", "...IfExists"): the caller policy is only as good as this.
import { describe, expect, it } from 'vitest'
import { conditionHolds, evaluate } from '../src/emulators/iam-policy.js'

const holds = (condition: Record<string, Record<string, string | string[]>>, ctx: Record<string, string | string[]>) =>
  conditionHolds(condition, ctx)

describe('IAM condition evaluation', () => {
  it('String and Arn operators compare case-sensitively; *Like knows only * and ?', () => {
    expect(holds({ StringEquals: { 'aws:RequestTag/role': ['a', 'b'] } }, { 'aws:requesttag/role': 'b' })).toBe(true)
    expect(holds({ StringEquals: { 'aws:RequestTag/role': 'a' } }, { 'aws:requesttag/role': 'A' })).toBe(false)
    expect(holds({ StringLike: { k: 'E?0*' } }, { k: 'E1042' })).toBe(true)
    expect(holds({ StringLike: { k: 'E[0-9]*' } }, { k: 'E1042' })).toBe(false) // no character classes
    expect(holds({ ArnLike: { k: 'arn:aws:iam::*:user/onramp/*' } }, { k: 'arn:aws:iam::1:user/onramp/x' })).toBe(true)
  })

  it('an absent key: false, except negated operators, IfExists and ForAllValues; Null tests presence', () => {
    expect(holds({ StringEquals: { k: 'v' } }, {})).toBe(false)
    expect(holds({ StringNotEquals: { k: 'v' } }, {})).toBe(true)
    expect(holds({ StringEqualsIfExists: { k: 'v' } }, {})).toBe(true)
    expect(holds({ StringEqualsIfExists: { k: 'v' } }, { k: 'w' })).toBe(false)
    expect(holds({ 'ForAllValues:StringEquals': { k: ['a'] } }, {})).toBe(true)
    expect(holds({ 'ForAnyValue:StringEquals': { k: ['a'] } }, {})).toBe(false)
    expect(holds({ Null: { k: 'true' } }, {})).toBe(true)
    expect(holds({ Null: { k: 'false' } }, { k: '' })).toBe(true)
  })

  it('set operators over a multivalued key; keys AND, values OR; key names case-insensitive', () => {
    const ctx = { 'aws:tagkeys': ['managed-by', 'role'] }
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['managed-by', 'role', 'x'] } }, ctx)).toBe(true)
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['role'] } }, ctx)).toBe(false)
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['role'] } }, ctx)).toBe(true)
    expect(holds({ StringEquals: { a: '1', b: '2' } }, { a: '1', b: '3' })).toBe(false)
  })

  it('an unknown operator is an error, never a silent match', () => {
    expect(() => holds({ NumericLessThan: { k: '3' } }, { k: '2' })).toThrow(/not modelled/)
  })

  it('with a context, conditions decide; without one (the simulator), they are reported missing', () => {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: { StringEquals: { k: 'v' } } }],
    })
    const id = [{ id: 'p', type: 'user-managed' as const, document: doc }]
    expect(evaluate(id, undefined, 'iam:GetUser', 'x', { k: 'v' }).decision).toBe('allowed')
    expect(evaluate(id, undefined, 'iam:GetUser', 'x', { k: 'w' }).decision).toBe('implicitDeny')
    expect(evaluate(id, undefined, 'iam:GetUser', 'x')).toMatchObject({
      decision: 'implicitDeny',
      missingContextValues: ['k'],
    })
  })
})
