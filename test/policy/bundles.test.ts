// A broken bundle only shows at run time: start every committed dist on the Node at hand. The same check on
// Node 24 (what GitHub runs `using: node24` actions on) is test/node24/bundles.node24.test.ts, run by
// `pnpm test:node24` in .ci/run, so that `npm test` does not download a Node binary.
import { describe, expect, it } from 'vitest'
import { bundledActions, smokeProblems, startBundle } from '../support/bundle-smoke.js'

describe('bundles start', () => {
  it('every action has a committed bundle', () => {
    expect(bundledActions.length).toBeGreaterThanOrEqual(6)
  })

  for (const action of bundledActions) {
    it(`${action} on node ${process.versions.node}`, () => {
      expect(smokeProblems(startBundle(process.execPath, action))).toEqual([])
    })
  }
})
