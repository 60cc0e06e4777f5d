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
    // A worker runs its files in one module graph: each file paid about a second importing the sandbox, the SDKs
    // and vitest anew (import 94 s → 29 s summed over files). Files set up what they use (every test file makes its
    // own sandbox, temp dirs and GITHUB_* paths); module state is keyed or reset per instance (the SCIM config).
    isolate: false,
    // Generous: a lifecycle run shares the cores with the other files' runs.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
})
