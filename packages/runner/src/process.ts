import { spawn } from 'node:child_process'

export interface SpawnResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  aborted: boolean
  spawnError?: Error
}

export interface SpawnOptions {
  cwd: string
  env: Record<string, string>
  onLine: (stream: 'stdout' | 'stderr', line: string) => void
  timeoutMs?: number
  signal?: AbortSignal
}

/** Runs a command with an argument array, streaming complete lines; kills the whole group on timeout/abort. */
export function spawnLines(command: string, args: string[], options: SpawnOptions): Promise<SpawnResult> {
  return new Promise((resolve) => {
    let timedOut = false
    let aborted = false
    let spawnError: Error | undefined
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    const kill = () => {
      if (child.pid === undefined || child.exitCode !== null) return
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        child.kill('SIGTERM')
      }
      setTimeout(() => {
        try {
          if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }, 2000).unref()
    }
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true
            kill()
          }, options.timeoutMs)
    const onAbort = () => {
      aborted = true
      kill()
    }
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })

    const pending = { stdout: '', stderr: '' }
    const pipe = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      pending[stream] += chunk.toString('utf8')
      const lines = pending[stream].split('\n')
      pending[stream] = lines.pop() ?? ''
      for (const line of lines) options.onLine(stream, line.replace(/\r$/, ''))
    }
    child.stdout.on('data', pipe('stdout'))
    child.stderr.on('data', pipe('stderr'))
    child.on('error', (error) => {
      spawnError = error
    })
    child.on('close', (exitCode, signal) => {
      if (timer) clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      for (const stream of ['stdout', 'stderr'] as const) {
        if (pending[stream]) options.onLine(stream, pending[stream].replace(/\r$/, ''))
      }
      resolve({ exitCode, signal, timedOut, aborted, spawnError })
    })
  })
}
