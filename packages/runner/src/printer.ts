import type { ProgressEvent, WorkflowResult } from './types.js'

export interface PrinterOptions {
  write?: (text: string) => void
  /** Print every log line as it comes; otherwise a step's log is printed only when it fails. */
  verbose?: boolean
  color?: boolean
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`
  return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`
}

const MARK: Record<string, string> = { success: '✓', failure: '✗', skipped: '-', cancelled: '⊘' }

/** Progress callback printing job, step, status and duration lines (input already masked by the runner). */
export function createPrettyPrinter(options: PrinterOptions = {}): (event: ProgressEvent) => void {
  const write = options.write ?? ((text: string) => process.stdout.write(text))
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text)
  const colorOf = (status: string) => (status === 'success' ? 32 : status === 'failure' ? 31 : 33)
  const buffered = new Map<string, string[]>()
  const line = (job: string | undefined, text: string) => write(`${job ? paint(36, `[${job}] `) : ''}${text}\n`)
  return (event) => {
    switch (event.type) {
      case 'workflow-start':
        line(undefined, `▶ ${event.name} (${event.file}) on ${event.eventName}`)
        break
      case 'job-start':
        line(event.job, `▶ job ${event.name}`)
        break
      case 'step-start':
        buffered.set(`${event.job}#${event.step}`, [])
        if (options.verbose) line(event.job, `  ▷ ${event.name}`)
        break
      case 'log': {
        if (options.verbose) line(event.job, `    | ${event.line}`)
        else buffered.get(`${event.job}#${event.step}`)?.push(event.line)
        break
      }
      case 'step-end': {
        const key = `${event.job}#${event.step}`
        const status = event.outcome === event.conclusion ? event.outcome : `${event.outcome} (continue-on-error)`
        const time = event.outcome === 'skipped' ? '' : `  ${formatDuration(event.durationMs)}`
        const error = event.error ? ` — ${event.error}` : ''
        line(
          event.job,
          `  ${paint(colorOf(event.conclusion), `${MARK[event.outcome] ?? '?'} ${event.name}`)}  ${status}${time}${error}`,
        )
        if (event.outcome === 'failure') for (const l of buffered.get(key) ?? []) line(event.job, `    | ${l}`)
        buffered.delete(key)
        break
      }
      case 'annotation': {
        const where = event.file ? ` ${event.file}${event.line ? `:${event.line}` : ''}` : ''
        const color = event.level === 'error' ? 31 : event.level === 'warning' ? 33 : 34
        line(event.job, `  ${paint(color, `! ${event.level}${where}`)}: ${event.message}`)
        break
      }
      case 'job-end': {
        const error = event.error ? ` — ${event.error}` : ''
        const time = event.result === 'skipped' ? '' : ` ${formatDuration(event.durationMs)}`
        line(event.job, `${paint(colorOf(event.result), `■ job ${event.name}: ${event.result}`)}${time}${error}`)
        break
      }
      case 'concurrency':
        line(
          event.job,
          event.state === 'waiting'
            ? paint(33, `… waiting for concurrency group '${event.group}'`)
            : paint(33, `⊘ ${event.message ?? `cancelled from concurrency group '${event.group}'`}`),
        )
        break
      case 'workflow-end':
        line(
          undefined,
          paint(colorOf(event.conclusion), `■ ${event.conclusion} in ${formatDuration(event.durationMs)}`),
        )
        break
    }
  }
}

/** Prints each job's step summary (markdown as-is), already masked. */
export function printSummaries(result: WorkflowResult, write: (text: string) => void = (t) => process.stdout.write(t)) {
  for (const [id, job] of Object.entries(result.jobs)) {
    if (!job.summary.trim()) continue
    write(`\n──── summary: ${id} (${job.name}) ────\n${job.summary.endsWith('\n') ? job.summary : `${job.summary}\n`}`)
  }
}
