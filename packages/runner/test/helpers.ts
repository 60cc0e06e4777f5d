import { fileURLToPath } from 'node:url'
import { type ProgressEvent, type RunWorkflowOptions, runWorkflow } from '../src/index.js'

export const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url))

export async function runFixture(workflow: string, options: Partial<RunWorkflowOptions> = {}) {
  const events: ProgressEvent[] = []
  const result = await runWorkflow({
    workflowFile: workflow.includes('/') ? workflow : `workflows/${workflow}`,
    repoRoot: fixtures,
    eventName: 'push',
    event: {},
    standIns: {},
    onProgress: (event) => events.push(event),
    ...options,
  })
  return { result, events }
}
