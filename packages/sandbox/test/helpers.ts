// Starts one emulator on 127.0.0.1:0 with its own clock, log and faults, for contract tests.
import {
  type Emulator,
  FaultInjector,
  type Kernel,
  RequestLog,
  type Running,
  SandboxClock,
  serve,
} from '../src/kernel/index.js'

export interface Started<E extends Emulator> extends Running {
  emulator: E
  clock: SandboxClock
  log: RequestLog
}

export async function startEmulator<E extends Emulator>(
  make: (kernel: Kernel) => E,
  opts: { timeScale?: number; startAt?: number } = {},
): Promise<Started<E>> {
  const clock = new SandboxClock(opts.timeScale ?? 1, opts.startAt ?? Date.now())
  const log = new RequestLog()
  const kernel = { clock, log }
  const emulator = make(kernel)
  const running = await serve(emulator, kernel, new FaultInjector())
  return { ...running, emulator, clock, log }
}
