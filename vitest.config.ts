import { availableParallelism } from 'node:os'
import { relative } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** Where the time goes: end-to-end workflow runs, then action bundle runs, then the runner and the CLI; the rest. */
const SLOW_FIRST = [/^test\/e2e\//, /^actions\//, /^(test\/cli|packages\/runner)\//]

/**
 * With durations recorded by an earlier run, Vitest starts the longest files first. Without them (a fresh checkout,
 * CI) it goes by file size, and the end-to-end files are small: they started last, and the slowest ran alone at the
 * end while the other workers sat idle. Then the slow kinds of file go first, by size within each kind.
 */
class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const path = (f: TestSpecification) => relative(this.ctx.config.root, f.moduleId)
    if (files.some((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${path(f)}`))) return sorted
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((re) => re.test(path(f)))
      return i === -1 ? SLOW_FIRST.length : i
    }
    return sorted
      .map((f, i) => ({ f, i, r: rank(f) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map(({ f }) => f)
  }
}

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'actions/*/__tests__/**/*.test.ts', 'test/**/*.test.ts'],
    // The Node 24 smoke test installs Node 24: `pnpm test:node24` (vitest.node24.config.ts) runs it.
    exclude: [...configDefaults.exclude, 'test/node24/**'],
    // Files run in parallel: they share nothing (every sandbox binds its own ephemeral ports, every ledger and
    // workspace is a temp dir), and most of their time is spent in spawned actions and HTTP round trips, so
    // more workers than cores still pays. Vitest's default on a two-core machine is a single worker.
    maxWorkers: Math.max(4, availableParallelism()),
    // Files share a module graph per worker: isolating each cost about 75 s of import time over the suite (95 s
    // summed, 20 s shared). Each file starts with its worker's first environment, and with what an in-process
    // action run keeps process-wide reset: @actions/core's summary path, the personal data registry
    // (test/support/file-setup.ts).
    isolate: false,
    setupFiles: ['test/support/file-setup.ts'],
    globalSetup: ['test/support/temp-root.ts'],
    // Generous: a lifecycle run shares the cores with the other files' runs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    sequence: { sequencer: SlowFirstSequencer },
  },
})
