import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { inputEnvName, parseAnnotations, parseFileCommand, runBundle } from '../src/testing/index.js'

describe('parseFileCommand', () => {
  it('reads name=value lines and heredoc blocks', () => {
    const text = [
      'result=changed',
      'url=https://x.test/?a=b',
      'receipt<<ghadelimiter_1234',
      '{"a":1}',
      'second line=with equals',
      'x<<y',
      'ghadelimiter_1234',
      'empty=',
      'result=unchanged',
      '',
    ].join('\n')
    expect(parseFileCommand(text)).toEqual({
      result: 'unchanged',
      url: 'https://x.test/?a=b',
      receipt: '{"a":1}\nsecond line=with equals\nx<<y',
      empty: '',
    })
  })

  it('handles CRLF and empty heredocs', () => {
    expect(parseFileCommand('a<<EOF\r\nEOF\r\nb=1\r\n')).toEqual({ a: '', b: '1' })
  })

  it('a value may contain << after =', () => {
    expect(parseFileCommand('cmd=a<<b\n')).toEqual({ cmd: 'a<<b' })
  })

  it('fails on an unterminated heredoc or a bare line', () => {
    expect(() => parseFileCommand('a<<EOF\nvalue\n')).toThrow('missing delimiter EOF')
    expect(() => parseFileCommand('nonsense\n')).toThrow('cannot parse line 1')
  })
})

describe('parseAnnotations', () => {
  it('unescapes properties and data', () => {
    expect(
      parseAnnotations('plain\n::warning file=a%2Cb.yml,line=3,title=x%3A y::two%0Alines 100%25\n::notice::hi\n'),
    ).toEqual([
      { level: 'warning', message: 'two\nlines 100%', properties: { file: 'a,b.yml', line: '3', title: 'x: y' } },
      { level: 'notice', message: 'hi', properties: {} },
    ])
  })
})

describe('runBundle', () => {
  let actionDir: string
  beforeAll(async () => {
    actionDir = await mkdtemp(join(tmpdir(), 'onramp-fixture-'))
    await mkdir(join(actionDir, 'dist'))
    await writeFile(
      join(actionDir, 'action.yml'),
      [
        'name: fixture',
        'inputs:',
        '  dry-run: { default: "false" }',
        '  roles-file: { default: .github/access/roles.yaml }',
        '  exit-code: { required: false }',
        '  no-default: {}',
        'runs: { using: node24, main: dist/index.js }',
      ].join('\n'),
    )
    // A stand-in for a bundle: what @actions/core would write, by hand.
    await writeFile(
      join(actionDir, 'dist', 'index.js'),
      `import { appendFileSync, readFileSync } from 'node:fs'
const env = process.env
const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
appendFileSync(env.GITHUB_OUTPUT, 'result=changed\\n')
appendFileSync(env.GITHUB_OUTPUT, 'env<<ghadelimiter_x\\n' + JSON.stringify(Object.keys(env).sort()) + '\\nghadelimiter_x\\n')
appendFileSync(env.GITHUB_OUTPUT, 'inputs=' + JSON.stringify(Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('INPUT_')))) + '\\n')
appendFileSync(env.GITHUB_OUTPUT, 'event=' + event.client_payload.employee_id + ',' + env.GITHUB_EVENT_NAME + '\\n')
appendFileSync(env.GITHUB_OUTPUT, 'cwd=' + (process.cwd() === env.GITHUB_WORKSPACE) + '\\n')
appendFileSync(env.GITHUB_STEP_SUMMARY, '<h2>done</h2>\\n')
appendFileSync(env.GITHUB_ENV, 'ONRAMP_X<<d\\nmulti\\nline\\nd\\n')
console.log('::error file=roles.yaml,line=2::bad role')
console.error('to stderr')
process.exit(Number(env['INPUT_EXIT-CODE'] || 0))
`,
    )
    await writeFile(join(actionDir, 'package.json'), '{"type":"module"}')
  })

  it('runs the bundle under the runner contract', async () => {
    process.env.ONRAMP_SHOULD_NOT_LEAK = '1'
    const r = await runBundle(actionDir, {
      inputs: { 'exit-code': 3, 'dry-run': true },
      env: { GITHUB_API_URL: 'http://127.0.0.1:1' },
      event: { action: 'onboard', client_payload: { employee_id: 'E1042' } },
      eventName: 'repository_dispatch',
    })
    delete process.env.ONRAMP_SHOULD_NOT_LEAK
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('to stderr')
    expect(r.outputs.result).toBe('changed')
    expect(r.outputs.event).toBe('E1042,repository_dispatch')
    expect(r.outputs.cwd).toBe('true')
    expect(JSON.parse(r.outputs.inputs!)).toEqual({
      'INPUT_DRY-RUN': 'true',
      'INPUT_ROLES-FILE': '.github/access/roles.yaml',
      'INPUT_EXIT-CODE': '3',
    })
    expect(JSON.parse(r.outputs.env!)).toEqual([
      'GITHUB_API_URL',
      'GITHUB_ENV',
      'GITHUB_EVENT_NAME',
      'GITHUB_EVENT_PATH',
      'GITHUB_OUTPUT',
      'GITHUB_PATH',
      'GITHUB_REPOSITORY',
      'GITHUB_RUN_ID',
      'GITHUB_SERVER_URL',
      'GITHUB_STATE',
      'GITHUB_STEP_SUMMARY',
      'GITHUB_WORKSPACE',
      'INPUT_DRY-RUN',
      'INPUT_EXIT-CODE',
      'INPUT_ROLES-FILE',
      'PATH',
      'RUNNER_TEMP',
    ])
    expect(r.summary).toBe('<h2>done</h2>\n')
    expect(r.env).toEqual({ ONRAMP_X: 'multi\nline' })
    expect(r.annotations).toEqual([
      { level: 'error', message: 'bad role', properties: { file: 'roles.yaml', line: '2' } },
    ])
  })

  it('names inputs as the runner does', () => {
    expect(inputEnvName('role name-x')).toBe('INPUT_ROLE_NAME-X')
  })
})
