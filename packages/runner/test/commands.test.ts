import { describe, expect, it } from 'vitest'
import {
  createPrettyPrinter,
  evaluateCondition,
  evaluateString,
  Masker,
  type ProgressEvent,
  parseKeyValueFile,
  parseWorkflowCommand,
} from '../src/index.js'

const ok = { success: () => true, failure: () => false, cancelled: () => false }
const failed = { success: () => false, failure: () => true, cancelled: () => false }

describe('file commands', () => {
  it('parses name=value and heredoc forms', () => {
    const content = 'a=1\nb=x=y\nmulti<<ghadelimiter_1\nline 1\n\nline 3\nghadelimiter_1\nempty<<EOF\nEOF\n'
    expect(parseKeyValueFile(content)).toEqual({ a: '1', b: 'x=y', multi: 'line 1\n\nline 3', empty: '' })
  })

  it('rejects a heredoc without its delimiter and a line without a name', () => {
    expect(() => parseKeyValueFile('x<<EOF\nvalue\n')).toThrow(/matching delimiter not found/)
    expect(() => parseKeyValueFile('just text\n')).toThrow(/invalid line/)
  })
})

describe('workflow commands', () => {
  it('parses properties and unescapes data', () => {
    expect(parseWorkflowCommand('::error file=a%2Cb.ts,line=3,title=T%3A1::bad%0Anews 100%25')).toEqual({
      command: 'error',
      properties: { file: 'a,b.ts', line: '3', title: 'T:1' },
      message: 'bad\nnews 100%',
    })
    expect(parseWorkflowCommand('::add-mask::s3cret')).toEqual({
      command: 'add-mask',
      properties: {},
      message: 's3cret',
    })
    expect(parseWorkflowCommand('plain :: text')).toBeUndefined()
  })

  it('masks every registered value, longest first, line by line for multi-line values', () => {
    const masker = new Masker()
    masker.add('abc')
    masker.add('abcdef')
    masker.add('first line\nsecond line')
    expect(masker.mask('x abcdef y abc')).toBe('x *** y ***')
    expect(masker.mask('second line only')).toBe('*** only')
  })
})

/** `${{ inner }}` without a template-looking string literal. */
const x = (inner: string) => `\${{ ${inner} }}`

describe('expressions', () => {
  const contexts = { github: { event: { client_payload: { id: 'E1' } } }, inputs: { dry: false }, env: {} }

  it('implies success() unless a status function is used', () => {
    expect(evaluateCondition(undefined, contexts, ok)).toBe(true)
    expect(evaluateCondition(undefined, contexts, failed)).toBe(false)
    expect(evaluateCondition("github.event.client_payload.id == 'E1'", contexts, failed)).toBe(false)
    expect(evaluateCondition("failure() && github.event.client_payload.id == 'E1'", contexts, failed)).toBe(true)
    expect(evaluateCondition(x('always()'), contexts, failed)).toBe(true)
    expect(evaluateCondition(x("'success()' == 'x'"), contexts, ok)).toBe(false)
    expect(evaluateCondition('inputs.dry', contexts, ok)).toBe(false)
  })

  it('evaluates templates like GitHub: one expression keeps its type, text around it makes a string', () => {
    expect(evaluateString(`employee-${x('github.event.client_payload.id')}`, contexts)).toBe('employee-E1')
    expect(evaluateString(x("'}}'"), contexts)).toBe('}}')
    expect(evaluateString(x('inputs.dry'), contexts)).toBe('false')
    expect(evaluateString(x('github.event.missing'), contexts)).toBe('')
    expect(() => evaluateString(x('nope('), contexts)).toThrow(/cannot evaluate/)
  })
})

describe('pretty printer', () => {
  it('prints job, step, status and duration lines and the log of a failed step', () => {
    let out = ''
    const print = createPrettyPrinter({ write: (text) => (out += text) })
    const events: ProgressEvent[] = [
      { type: 'job-start', job: 'grant', name: 'Grant access' },
      { type: 'step-start', job: 'grant', step: 0, name: 'Run ./actions/grant-github' },
      { type: 'log', job: 'grant', step: 0, stream: 'stdout', line: 'calling the API' },
      {
        type: 'step-end',
        job: 'grant',
        step: 0,
        name: 'Run ./actions/grant-github',
        outcome: 'failure',
        conclusion: 'failure',
        durationMs: 1500,
        error: 'Process completed with exit code 1.',
      },
      { type: 'job-end', job: 'grant', name: 'Grant access', result: 'failure', durationMs: 1600 },
    ]
    for (const event of events) print(event)
    expect(out).toBe(
      [
        '[grant] ▶ job Grant access',
        '[grant]   ✗ Run ./actions/grant-github  failure  1.5s — Process completed with exit code 1.',
        '[grant]     | calling the API',
        '[grant] ■ job Grant access: failure 1.6s',
        '',
      ].join('\n'),
    )
  })

  it('prints a wait for a concurrency group and a cancellation with its reason', () => {
    let out = ''
    const print = createPrettyPrinter({ write: (text) => (out += text) })
    print({ type: 'concurrency', job: 'access', group: 'access-acme', state: 'waiting' })
    print({ type: 'concurrency', group: 'deploy', state: 'cancelled', message: "Canceling since … 'deploy' exists" })
    expect(out).toBe(
      ["[access] … waiting for concurrency group 'access-acme'", "⊘ Canceling since … 'deploy' exists", ''].join('\n'),
    )
  })
})
