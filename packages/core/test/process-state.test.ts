import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as core from '@actions/core'
import { afterEach, describe, expect, it } from 'vitest'
import { containsPersonalData, maskPersonalData } from '../src/io.js'
import { resetProcessState } from '../src/testing/index.js'

const saved = process.env.GITHUB_STEP_SUMMARY
afterEach(() => {
  process.env.GITHUB_STEP_SUMMARY = saved
  resetProcessState()
})

describe('resetProcessState', () => {
  it('sends the next summary to the path the environment names now, and forgets personal data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onramp-state-'))
    const [first, second] = [join(dir, 'first.md'), join(dir, 'second.md')]
    await Promise.all([writeFile(first, ''), writeFile(second, '')])
    process.env.GITHUB_STEP_SUMMARY = first
    await core.summary.addRaw('one').write()
    // @actions/core keeps the path it read first: without a reset, a later run's summary lands here too.
    process.env.GITHUB_STEP_SUMMARY = second
    core.summary.addRaw('unwritten')
    await core.summary.addRaw('two').write()
    expect(await readFile(first, 'utf8')).toBe('oneunwrittentwo')

    maskPersonalData(['Jamie Doe'])
    resetProcessState()
    await core.summary.addRaw('three').write()
    expect(await readFile(second, 'utf8')).toBe('three')
    expect(containsPersonalData('welcome Jamie Doe')).toBe(false)
  })
})
