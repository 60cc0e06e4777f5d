// Every committed bundle starts on Node 24, the runtime of `using: node24` actions. Node 24 is installed from
// npm into .cache/node24 on first run (scripts/node24.mjs). Run by `pnpm test:node24` (and .ci/run).
import { spawnSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureNode24 } from '../../scripts/node24.mjs'
import { bundledActions, smokeProblems, startBundle } from '../support/bundle-smoke.js'

let node24 = ''
beforeAll(() => {
  node24 = ensureNode24()
}, 300_000)

describe('bundles start on Node 24', () => {
  it('the binary is Node 24', () => {
    expect(spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v24\./)
  })

  for (const action of bundledActions) {
    it(`${action} on node 24`, () => {
      expect(smokeProblems(startBundle(node24, action))).toEqual([])
    })
  }
})
