import { configDefaults, defineConfig } from 'vitest/config'
import base from './vitest.config.js'

// The bundle smoke test on Node 24 only (`pnpm test:node24`): it installs Node 24 on first run.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/node24/**/*.test.ts'], exclude: configDefaults.exclude },
})
