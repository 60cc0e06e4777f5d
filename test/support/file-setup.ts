// Runs before each test file. Files share a module graph per worker (vitest.config.ts, isolate: false): what an
// in-process action run keeps process-wide is reset, so each file starts as a fresh process would.
import { resetProcessState } from '@onramp/core/testing'

resetProcessState()
