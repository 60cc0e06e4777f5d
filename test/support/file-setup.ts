// Runs before each test file. Files share a module graph per worker (vitest.config.ts, isolate: false): each file
// starts as a fresh process would, with the environment the worker started with and none of what an in-process
// action run keeps process-wide.
import { resetProcessState } from '@onramp/core/testing'

const state = globalThis as { onrampWorkerEnv?: NodeJS.ProcessEnv }
state.onrampWorkerEnv ??= { ...process.env }
const initial = state.onrampWorkerEnv
// Vitest's own variables are its to set.
const ours = (key: string) => !key.startsWith('VITEST')
for (const key of Object.keys(process.env).filter(ours)) if (!(key in initial)) delete process.env[key]
for (const key of Object.keys(initial).filter(ours)) process.env[key] = initial[key]
resetProcessState()
