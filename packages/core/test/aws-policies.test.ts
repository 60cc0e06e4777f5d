// The generator's inputs from the workflow: which environments the AWS job runs in (the trust policy pins each).
import { describe, expect, it } from 'vitest'
import { awsJobEnvironments, oidcTrustPolicy } from '../src/aws-policies.js'
import type { Guardrails } from '../src/types.js'

const job = (environment: string) =>
  `jobs:\n  validate:\n    environment: other\n  aws:\n${environment}\n    steps: []\n  notify:\n`

describe('awsJobEnvironments', () => {
  it('reads the literals an environment expression can yield, or a plain name, of the aws job only', () => {
    const expr = "    environment: ${{ needs.v.outputs.t == 'offboard' && 'onramp-offboarding' || 'onramp-access' }}"
    expect(awsJobEnvironments(job(expr))).toEqual(['onramp-access', 'onramp-offboarding'])
    expect(awsJobEnvironments(job('    environment: prod'))).toEqual(['prod'])
    expect(awsJobEnvironments(job('    runs-on: ubuntu-latest'))).toEqual([])
  })

  it('a trust policy needs at least one environment: a job without one is an error, never an open policy', () => {
    const guardrails = {
      aws: { permissionsBoundary: 'arn:aws:iam::123456789012:policy/b', userPath: '/onramp/', allowedPolicies: [] },
    } as unknown as Guardrails
    const github = { repository: 'acme/ops', workflow: '.github/workflows/l.yml', ref: 'refs/heads/main' }
    expect(() => oidcTrustPolicy(guardrails, { ...github, environments: [] })).toThrow(/no environment/)
    const doc = oidcTrustPolicy(guardrails, { ...github, environments: ['prod'] })
    expect(doc.Statement[0]!.Condition!.StringEquals!['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/ops:environment:prod:job_workflow_ref:acme/ops/.github/workflows/l.yml@refs/heads/main',
    ])
  })
})
