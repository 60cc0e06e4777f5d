// provision-identity: one identity per person in Okta or a SCIM 2.0 provider. Onboard creates or corrects the
// account and its managed groups (before a start date: the account alone, STAGED); a role change sets the managed
// groups; offboard suspends or deactivates (SCIM: active false) and, in Okta, then ends every session; days later
// (guardrails dates.leaver.deactivate-after-days) the rerun of the offboard deactivates the suspended Okta user or
// deletes the SCIM user. Every change is read back by the reconcile loop.

import {
  accessStartsAt,
  type Clock,
  COMMON_INPUTS,
  clockFromEnv,
  DEFAULT_POLICY,
  formatLocal,
  getInputs,
  HTTP_URL,
  identityStage,
  input,
  postLeave,
  READ_BACK_POLICY,
  type Receipt,
  type RetryPolicy,
  reconcile,
  runsFast,
  UserError,
} from '@onramp/core'
import { type Batch, beginStep, CONVERGE_INPUTS, forEachPerson, scheduleItem, stateEndpoints } from '@onramp/ledger'
import { type Directory, ReportUnavailable } from './directory.js'
import { createHttp } from './http.js'
import { identityItems } from './items.js'
import { oktaDirectory } from './okta.js'
import { OKTA_SCOPES, oktaBearer, parseSigningKey } from './okta-auth.js'
import { SCIM_PROFILES, scimDirectory, scimProfileFor } from './scim.js'

const INPUTS = {
  ...COMMON_INPUTS,
  ...CONVERGE_INPUTS,
  provider: input.enum(['okta', 'scim'] as const, { default: 'okta' }),
  'okta-org-url': input.optional(HTTP_URL),
  'okta-token': input.secret({ required: false }),
  'okta-client-id': input.optional({
    pattern: /^[A-Za-z0-9_-]{1,100}$/,
    rule: 'must be an Okta client id (letters, digits, _ and -)',
  }),
  'okta-private-key': input.secret({ required: false }),
  'okta-key-id': input.optional({
    pattern: /^[\x21-\x7e]{1,200}$/,
    rule: 'must be the key id (kid) shown for the public key',
  }),
  'okta-scopes': input.string({
    default: OKTA_SCOPES.join(' '),
    pattern: /^okta\.[A-Za-z.]+( okta\.[A-Za-z.]+)*$/,
    rule: 'must be Okta API scopes separated by single spaces',
  }),
  'scim-base-url': input.optional(HTTP_URL),
  'scim-token': input.secret({ required: false }),
  'scim-profile': input.enum(SCIM_PROFILES, { default: 'auto' }),
  activate: input.boolean(true),
  'offboard-mode': input.enum(['suspend', 'deactivate'] as const, { default: 'suspend' }),
  'verify-timeout': input.integer({ default: 30, min: 1, max: 600 }),
}

export type Inputs = ReturnType<typeof readInputs>
export const readInputs = () => getInputs(INPUTS)

export interface RunOptions {
  env?: NodeJS.ProcessEnv
  /** Default the sandbox's time scale when every endpoint is loopback (clockFromEnv), else real time. */
  clock?: Clock
  /** Retries of each API call; default the core policy. */
  retry?: RetryPolicy
  /** Per-attempt timeout in ms; default 30 s. */
  timeoutMs?: number
  /** The provider's client, shared by a converge run (runMany). */
  dir?: Directory
  /** One person of a converge run (runMany). */
  batch?: Batch
}

/** The provider's client, or a UserError naming the missing inputs. */
export function directoryFor(inputs: Inputs, options: RunOptions = {}): Directory {
  const clock = options.clock ?? identityClock(inputs, options.env ?? process.env)
  const common = { clock, policy: options.retry ?? DEFAULT_POLICY, timeoutMs: options.timeoutMs ?? 30_000 }
  const required = (name: string) => ({ field: `with.${name}`, rule: `required when provider is ${inputs.provider}` })
  if (inputs.provider === 'okta') {
    const url = inputs.oktaOrgUrl
    const oauth = inputs.oktaClientId !== undefined
    const missing = [
      ...(url ? [] : [required('okta-org-url')]),
      ...(oauth && !inputs.oktaPrivateKey
        ? [{ field: 'with.okta-private-key', rule: 'required with okta-client-id' }]
        : []),
      ...(!oauth && !inputs.oktaToken
        ? [{ field: 'with.okta-client-id', rule: 'required when provider is okta (or, instead, okta-token)' }]
        : []),
    ]
    if (missing.length || !url) throw new UserError(missing)
    // OAuth 2.0 with a private key JWT when a service app is configured (Okta's recommendation); else SSWS.
    const authorize =
      oauth && inputs.oktaPrivateKey
        ? oktaBearer({
            orgUrl: url,
            clientId: inputs.oktaClientId!,
            signing: parseSigningKey(inputs.oktaPrivateKey),
            keyId: inputs.oktaKeyId,
            scopes: inputs.oktaScopes.split(' '),
            clock,
            http: createHttp({ ...common, service: 'okta', baseUrl: url, headers: {} }),
          })
        : undefined
    const headers: Record<string, string> = authorize ? {} : { authorization: `SSWS ${inputs.oktaToken}` }
    return oktaDirectory(createHttp({ ...common, service: 'okta', baseUrl: url, headers, authorize }))
  }
  const url = inputs.scimBaseUrl
  const token = inputs.scimToken
  const missing = [...(url ? [] : [required('scim-base-url')]), ...(token ? [] : [required('scim-token')])]
  if (missing.length || !url || !token) throw new UserError(missing)
  const profile = scimProfileFor(inputs.scimProfile, url)
  return scimDirectory(
    createHttp({
      ...common,
      service: 'scim',
      baseUrl: url,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/scim+json',
        'content-type': 'application/scim+json',
      },
    }),
    profile,
  )
}

/** The provider's endpoint and the ledger's decide whether the sandbox's time scale applies. */
function identityClock(inputs: Inputs, env: NodeJS.ProcessEnv): Clock {
  const provider = inputs.provider === 'okta' ? inputs.oktaOrgUrl : inputs.scimBaseUrl
  return clockFromEnv(env, [provider, ...stateEndpoints(inputs.state, env.GITHUB_API_URL)])
}

/** The lifecycle's one person, or (with `employee-ids`) a converge run over many. */
export const main = (inputs: Inputs, options: RunOptions = {}) =>
  inputs.employeeIds ? runMany(inputs, options) : run(inputs, options)

/** A converge run: every person through run(), one provider client (one rate budget) for all of them. */
export async function runMany(inputs: Inputs, options: RunOptions = {}) {
  const clock = options.clock ?? identityClock(inputs, options.env ?? process.env)
  const dir = options.dir ?? directoryFor(inputs, { ...options, clock })
  const shared = { ...options, clock, dir }
  return forEachPerson('identity', inputs, (one, batch) => run({ ...inputs, ...one }, { ...shared, batch }), {
    env: options.env,
    clock,
    fast: runsFast(clock),
  })
}

export async function run(inputs: Inputs, options: RunOptions = {}): Promise<void> {
  const clock = options.clock ?? identityClock(inputs, options.env ?? process.env)
  const dir = options.dir ?? directoryFor(inputs, { ...options, clock })
  const step = await beginStep('identity', inputs, {
    env: options.env,
    clock,
    fast: runsFast(clock),
    batch: options.batch,
  })
  // Not due yet (a last day, a start date): nothing is read or changed; the scheduled run comes back then.
  if (step.waiting) {
    await step.scheduled()
    return
  }
  const { event, plan, record } = step
  if (!plan.identity) {
    await step.finish({ result: 'unchanged', receipts: [] }, { note: 'No role names identity groups: nothing to do.' })
    return
  }
  const sessionsKey = 'identity-sessions'
  // A joiner before the start date (guardrails dates.time-zone): the account is prepared STAGED, without groups.
  const dates = step.access.guardrails.dates
  const staged = event.type === 'onboard' && identityStage(event, dates, step.now) === 'staged'
  const built = identityItems({
    dir,
    person: {
      employeeId: event.employeeId,
      email: event.email ?? record?.person?.email,
      name: event.name ?? record?.person?.name,
      ledgerId: record?.ids.identity,
    },
    eventType: event.type,
    identity: plan.identity,
    activate: inputs.activate,
    staged,
    offboardMode: inputs.offboardMode,
    // Days after the last day (guardrails dates.leaver.deactivate-after-days): the rerun of the offboard goes further.
    deactivateDue: event.type === 'offboard' && postLeave(event, step.access.guardrails.dates, step.now).deactivate,
  })
  const outcome = await reconcile(built.items, {
    dryRun: step.dryRun,
    clock,
    readBack: { ...READ_BACK_POLICY, deadlineMs: inputs.verifyTimeout * 1000 },
  })
  const other = await reportUnmanaged(built.unmanagedGroups)
  if (other) outcome.receipts.push(other)
  const start = staged ? accessStartsAt(event, dates) : undefined
  if (start !== undefined && outcome.result !== 'failed') outcome.receipts.push(stagedUntil(start, dates.timeZone))

  const id = built.accountId()
  const notes = [
    `Provider ${dir.provider}${dir.provider === 'okta' ? (inputs.oktaClientId ? ' (OAuth 2.0 service app)' : ' (API token)') : ` (profile ${dir.profile})`}.`,
  ]
  if (other?.result === 'unchanged' && !other.verified) notes.push(`Unmanaged groups not reported: ${other.reason}.`)
  if (start !== undefined)
    notes.push(
      `Before the start date: the account is STAGED, activated with its groups on ${formatLocal(start, dates.timeZone)}.`,
    )
  else if (event.type === 'onboard' && !inputs.activate) notes.push('activate is false: a new account stays STAGED.')
  if (plan.identity.account === 'keep')
    notes.push('The new role names no identity groups: managed groups removed, the account left as it is.')
  await step.finish(outcome, {
    ids: (ids) => {
      if (id) ids.identity = id
    },
    outputs: { 'identity-id': id ?? '' },
    mutate: (r) => {
      if (built.revokedSessions()) {
        r.steps[sessionsKey] = {
          result: 'changed',
          verified: false, // Okta offers no read of a user's sessions: the evidence is the 204
          at: new Date().toISOString(),
          run: options.env?.GITHUB_RUN_ID ?? process.env.GITHUB_RUN_ID,
          event_id: event.eventId,
        }
      }
    },
    note: notes.join(' '),
  })
}

/** What a staged account waits for: activation and its groups at the start date (local time). */
function stagedUntil(start: number, zone: string): Receipt {
  return scheduleItem('unchanged', `staged until ${formatLocal(start, zone)} (start): activation and groups then`)
}

/**
 * Groups outside every role are never touched, only reported. A report that cannot be made says so (a receipt
 * with verified false) instead of vanishing; being a report, not a change, it never fails the step.
 */
async function reportUnmanaged(list: () => Promise<string[] | undefined>): Promise<Receipt | undefined> {
  let groups: string[] | undefined
  try {
    groups = await list()
  } catch (error) {
    const why = error instanceof ReportUnavailable ? error.message : `the read failed (${(error as Error).message})`
    return {
      item: 'unmanaged-groups',
      action: 'none',
      before: null,
      after: null,
      verified: false,
      result: 'unchanged',
      reason: `not produced: ${why}`,
    }
  }
  if (!groups?.length) return undefined
  return {
    item: 'unmanaged-groups',
    action: 'none',
    before: groups,
    after: groups,
    verified: true,
    result: 'unchanged',
    reason: 'in no role of roles.yaml: left as is',
  }
}
