// Writes policies/onramp-automation-role.json and policies/onramp-oidc-trust.json from the access files:
// guardrails.yaml (account, user path, boundary), roles.yaml (role keys, policies, groups), policies/github-oidc.json
// (repository, workflow file, ref) and the AWS job's environments in the workflow. `--check` fails when a committed
// document differs from what the access files say (a test runs it).
//
//   node --import ./scripts/register-ts.mjs scripts/generate-policies.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadAccess } from '@onramp/core'
import {
  automationRolePolicy,
  awsJobEnvironments,
  type GithubOidcSettings,
  oidcTrustPolicy,
} from '@onramp/core/aws-policies'

const root = new URL('..', import.meta.url).pathname

/** The two documents as committed text (two-space JSON, one trailing newline), keyed by file under policies/. */
export function generatePolicies(dir = root): Record<string, string> {
  const { roles, guardrails } = loadAccess({
    rolesFile: join(dir, '.github/access/roles.yaml'),
    guardrailsFile: join(dir, '.github/access/guardrails.yaml'),
  })
  const { 'converge-workflows': converge = [], ...settings } = JSON.parse(
    readFileSync(join(dir, 'policies/github-oidc.json'), 'utf8'),
  ) as Omit<GithubOidcSettings, 'environments' | 'more'> & { 'converge-workflows'?: string[] }
  const environmentsOf = (workflow: string) => awsJobEnvironments(readFileSync(join(dir, workflow), 'utf8'))
  const environments = environmentsOf(settings.workflow)
  const more = converge.map((workflow) => ({ workflow, environments: environmentsOf(workflow) }))
  const text = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`
  return {
    'onramp-automation-role.json': text(automationRolePolicy(roles, guardrails)),
    'onramp-oidc-trust.json': text(oidcTrustPolicy(guardrails, { ...settings, environments, more })),
  }
}

/** Files under policies/ whose committed text differs from the generated one. */
export function stalePolicies(dir = root): string[] {
  return Object.entries(generatePolicies(dir))
    .filter(([file, text]) => {
      try {
        return readFileSync(join(dir, 'policies', file), 'utf8') !== text
      } catch {
        return true
      }
    })
    .map(([file]) => file)
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const stale = stalePolicies()
    if (stale.length) {
      console.error(
        `policies/ is stale (${stale.join(', ')}): run node --import ./scripts/register-ts.mjs scripts/generate-policies.ts`,
      )
      process.exit(1)
    }
  } else {
    for (const [file, text] of Object.entries(generatePolicies())) writeFileSync(join(root, 'policies', file), text)
  }
}
