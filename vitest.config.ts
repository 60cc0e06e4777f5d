import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'actions/*/__tests__/**/*.test.ts', 'test/**/*.test.ts'],
    // The Node 24 smoke test installs Node 24: `pnpm test:node24` (vitest.node24.config.ts) runs it.
    exclude: [...configDefaults.exclude, 'test/node24/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
})
