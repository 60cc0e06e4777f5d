// Requests the identity step makes per item, from the sandbox's request log: one onboard and one role change
// of the sample hire, through provision-identity's built bundle, against Okta or a SCIM profile.
import type { ScimOptions } from '@onramp/sandbox'
import { startHarness } from './harness.js'

export interface StepCalls {
  event: 'onboard' | 'role-change'
  /** Reconcile items (receipts), the unmanaged-groups report not counted. */
  items: number
  reads: number
  writes: number
  /** Reads per route, to see where they go. */
  byRoute: Record<string, number>
  result: string
  /** Whether every changing request is followed by a read before the next change (and after the last). */
  readAfterEveryWrite: boolean
}

export interface IdentityTarget {
  provider: 'okta' | 'scim'
  /** SCIM only: how the emulator behaves, and the `scim-profile` input given to the action. */
  profile?: NonNullable<ScimOptions['profile']>
}

// OAuth token requests are authentication, not reads of the directory.
const AUTH_ROUTES = new Set(['POST /oauth2/v1/token'])

export async function measureIdentityCalls(target: IdentityTarget): Promise<StepCalls[]> {
  const emulator = target.provider
  const h = await startHarness(target.profile ? { options: { scim: { profile: target.profile } } } : {})
  try {
    const inputs: Record<string, string> = { provider: target.provider }
    if (target.profile) inputs['scim-profile'] = target.profile
    const out: StepCalls[] = []
    for (const event of ['onboard', 'role-change'] as const) {
      const since = h.sandbox.log.list().at(-1)?.seq ?? 0
      const r = await h.run('provision-identity', { event: await h.event(event), inputs })
      if (r.code !== 0) throw new Error(`${event} on ${emulator} failed:\n${r.stdout}\n${r.stderr}`)
      const entries = h.sandbox.log.list({ emulator }).filter((e) => e.seq > since && !AUTH_ROUTES.has(e.route ?? ''))
      const byRoute: Record<string, number> = {}
      for (const e of entries.filter((x) => !x.mutating)) {
        const key = e.route ?? `${e.method} ${e.path}`
        byRoute[key] = (byRoute[key] ?? 0) + 1
      }
      const readAfterEveryWrite = entries.every(
        (e, i) => !e.mutating || (entries[i + 1] !== undefined && !entries[i + 1]!.mutating),
      )
      const receipts = JSON.parse(r.outputs.receipt ?? '[]') as { item: string }[]
      out.push({
        event,
        items: receipts.filter((x) => x.item !== 'unmanaged-groups').length,
        reads: entries.filter((e) => !e.mutating).length,
        writes: entries.filter((e) => e.mutating).length,
        byRoute,
        result: r.outputs.result ?? '',
        readAfterEveryWrite,
      })
    }
    return out
  } finally {
    await h.close()
  }
}
