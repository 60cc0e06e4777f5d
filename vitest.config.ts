import { availableParallelism } from 'node:os'
import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'actions/*/__tests__/**/*.test.ts', 'test/**/*.test.ts'],
    // The Node 24 smoke test installs Node 24: `pnpm test:node24` (vitest.node24.config.ts) runs it.
    exclude: [...configDefaults.exclude, 'test/node24/**'],
    // Files run in parallel: they share nothing (every sandbox binds its own ephemeral ports, every ledger and
    // workspace is a temp dir), and most of their time is spent in spawned actions and HTTP round trips, so
    // more workers than cores still pays. Vitest's default on a two-core machine is a single worker.
    maxWorkers: Math.max(4, availableParallelism()),
    // Each file in a module graph of its own. Sharing one per worker cut the summed import time from about 94 s to
    // 29 s, but @actions/core's summary keeps the first GITHUB_STEP_SUMMARY path it sees, so an in-process run's
    // summary went to another file's path: isolation is what keeps in-process tests honest.
    isolate: true,
    // Generous: a lifecycle run shares the cores with the other files' runs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
})
