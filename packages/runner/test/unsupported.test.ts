import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkWorkflow, type ProgressEvent } from '../src/index.js'
import { fixtures, runFixture } from './helpers.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'onramp-runner-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function workflow(name: string, jobBody: string): string {
  const file = path.join(dir, `${name}.yml`)
  writeFileSync(file, `on: push\npermissions: {}\njobs:\n  only:\n${jobBody}`)
  return file
}

const steps = '    steps:\n      - run: echo hi\n'

const cases: Array<[string, string, RegExp]> = [
  [
    'matrix',
    `    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        os: [a, b]\n${steps}`,
    /unsupported: jobs\.only\.strategy/,
  ],
  [
    'services',
    `    runs-on: ubuntu-latest\n    services:\n      db:\n        image: postgres\n${steps}`,
    /unsupported: jobs\.only\.services/,
  ],
  ['container', `    runs-on: ubuntu-latest\n    container: node:24\n${steps}`, /unsupported: jobs\.only\.container/],
  ['windows', `    runs-on: windows-latest\n${steps}`, /unsupported: jobs\.only\.runs-on "windows-latest"/],
  [
    'reusable',
    '    uses: acme/workflows/.github/workflows/x.yml@0123456789abcdef0123456789abcdef01234567\n',
    /unsupported: jobs\.only\.uses/,
  ],
  [
    'pwsh',
    '    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n        shell: pwsh\n',
    /unsupported: jobs\.only\.steps\[0\]\.shell "pwsh"/,
  ],
  [
    'docker',
    '    runs-on: ubuntu-latest\n    steps:\n      - uses: docker://alpine:3\n',
    /unsupported: jobs\.only\.steps\[0\]: docker actions/,
  ],
  [
    'third-party',
    '    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/deploy@0123456789abcdef0123456789abcdef01234567\n',
    /unsupported: .*acme\/deploy@0123456789abcdef0123456789abcdef01234567 has no stand-in/,
  ],
]

describe('unsupported constructs', () => {
  it.each(cases)('%s fails clearly before anything runs', async (name, body, message) => {
    const events: ProgressEvent[] = []
    await expect(runFixture(workflow(name, body), { onProgress: (event) => events.push(event) })).rejects.toThrow(
      message,
    )
    expect(events.filter((e) => e.type !== 'annotation')).toEqual([])
  })

  it('fails a job whose runs-on expression resolves to a non-ubuntu runner', async () => {
    const file = workflow('dynamic', `    runs-on: \${{ vars.RUNNER }}\n${steps}`)
    const { result } = await runFixture(file, { vars: { RUNNER: 'macos-latest' } })
    expect(result.jobs.only!.result).toBe('failure')
    expect(result.jobs.only!.error).toMatch(/unsupported: jobs\.only\.runs-on 'macos-latest'/)
  })

  it('reports schema errors from the workflow parser', async () => {
    const file = workflow('invalid', `    runs-on: ubuntu-latest\n    bogus: 1\n${steps}`)
    await expect(runFixture(file)).rejects.toThrow(/invalid workflow .*Unexpected value 'bogus'/s)
  })

  it('rejects needs cycles and unknown needs', async () => {
    const file = path.join(dir, 'unknown-need.yml')
    writeFileSync(
      file,
      `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n${steps}  a:\n    needs: zz\n    runs-on: ubuntu-latest\n${steps}`,
    )
    await expect(runFixture(file)).rejects.toThrow(/zz/)
    const cycle = path.join(dir, 'cycle.yml')
    const job = (id: string, need: string) => `  ${id}:\n    needs: ${need}\n    runs-on: ubuntu-latest\n${steps}`
    writeFileSync(cycle, `on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n${steps}${job('x', 'y')}${job('y', 'x')}`)
    await expect(runFixture(cycle)).rejects.toThrow(/x|y/)
  })

  it('checkWorkflow validates without running', async () => {
    await expect(
      checkWorkflow({ workflowFile: 'workflows/needs.yml', repoRoot: fixtures, standIns: {}, eventName: 'push' }),
    ).resolves.toEqual({ name: 'needs order', triggers: ['push'], jobs: ['a', 'b', 'c'] })
    await expect(
      checkWorkflow({
        workflowFile: workflow('check', `    runs-on: macos-14\n${steps}`),
        repoRoot: fixtures,
        standIns: {},
      }),
    ).rejects.toThrow(/unsupported: jobs\.only\.runs-on/)
  })
})
