// Reads and writes the identity step makes per item, from the sandbox's request log (not a timed test):
//   pnpm build provision-identity && node --import ./scripts/register-ts.mjs test/bench/identity-reads.ts
import { type IdentityTarget, measureIdentityCalls } from '../support/identity-reads.js'

const targets: IdentityTarget[] = [
  { provider: 'okta' },
  { provider: 'scim' },
  ...(process.env.SCIM_PROFILES === 'generic' ? [] : [{ provider: 'scim', profile: 'aws-identity-center' } as const]),
]
for (const target of targets) {
  const name = target.profile ? `${target.provider} (${target.profile})` : target.provider
  for (const s of await measureIdentityCalls(target)) {
    const perItem = (s.reads / s.items).toFixed(2)
    console.log(
      `${name.padEnd(26)} ${s.event.padEnd(11)} items ${s.items}  reads ${s.reads} (${perItem}/item)  writes ${s.writes}  ${s.result}`,
    )
    console.log(`  reads by route: ${JSON.stringify(s.byRoute)}`)
  }
}
