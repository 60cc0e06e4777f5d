// grant-github: the person's org membership or invitation and team memberships, per the role map, verified
// by read-back and recorded in the ledger. Octokit is loaded only after the inputs, event and plan are valid.

import {
  type Clock,
  COMMON_INPUTS,
  type ContentShare,
  clockFromEnv,
  getInputs,
  HTTP_URL,
  input,
  reconcile,
  runsFast,
  type StepResult,
  worst,
} from '@onramp/core'
import type { GithubClient } from '@onramp/core/github'
import { type Batch, beginStep, CONVERGE_INPUTS, DRAIN_SHARE, forEachPerson, stateEndpoints } from '@onramp/ledger'
import { InvitationQueue } from './cap.js'
import { GithubApi, GithubCallError, TeamRoster } from './github.js'
import { type Built, buildItems, unidentified } from './items.js'

const INPUTS = {
  ...COMMON_INPUTS,
  ...CONVERGE_INPUTS,
  'github-token': input.secret(),
  'github-api-url': input.string({ default: 'https://api.github.com', ...HTTP_URL }),
  org: input.optional({
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/,
    rule: 'must be a GitHub organization login',
  }),
}

export type Inputs = ReturnType<typeof readInputs>

export const readInputs = () => getInputs(INPUTS)

export interface RunOptions {
  /** Tests: a client of their own (hooks, fast mode). */
  octokit?: GithubClient
  /** Read-back polling and the 24-hour invitation window; default the sandbox's time scale (clockFromEnv). */
  clock?: Clock
  /** Tests in process: the client's waits scaled down, no write pacing; default when the clock runs fast. */
  fast?: boolean
  env?: NodeJS.ProcessEnv
  /** One person of a converge run (runMany). */
  batch?: Batch
  /** A converge run's queue of invitations deferred by the cap (runMany): each deferred person's place in it. */
  queue?: InvitationQueue
  /** A converge run's team lists, shared by every person of the run (runMany). */
  roster?: TeamRoster
  /** A converge run's API per organization (runMany): its last listing of the invitations serves the next person. */
  apis?: Map<string, GithubApi>
}

const PACING =
  "Production pacing: the token's rate budget (GitHub's 80 content-creating requests a minute, 500 an hour, 900 points a minute, the primary quota), no fixed gap; a refusal waits for the reset or Retry-After."

/** The lifecycle's one person, or (with `employee-ids`) a converge run over many. */
export const main = (inputs: Inputs, options: RunOptions = {}) =>
  inputs.employeeIds ? runMany(inputs, options) : run(inputs, options)

/** A converge run: every person through run(), one Octokit (one rate budget) for all of them. */
export async function runMany(inputs: Inputs, options: RunOptions = {}) {
  const { clock, fast } = timing(inputs, options)
  // A drain shares GitHub's content-creating limit with the other systems' drains (DRAIN_SHARE).
  const drains = inputs.employeeIds?.trim() === 'pending' || Boolean(inputs.intentsToken)
  const octokit = options.octokit ?? (await createClient(inputs, clock, fast, drains ? DRAIN_SHARE.system : undefined))
  // People reach the cap in the run's order (deferred ones first, by start date: converge's queueOrder); the org's
  // team members are listed once for the run, not read per person and team.
  const shared = {
    ...options,
    clock,
    fast,
    octokit,
    queue: new InvitationQueue(),
    roster: options.roster ?? new TeamRoster(),
    apis: new Map<string, GithubApi>(),
  }
  return forEachPerson('github', inputs, (one, batch) => run({ ...inputs, ...one }, { ...shared, batch }), {
    env: options.env,
    clock,
    fast,
  })
}

/** The sandbox's time scale when every endpoint is loopback (clockFromEnv), else real time. */
function timing(inputs: Inputs, options: RunOptions): { clock: Clock; fast: boolean } {
  const env = options.env ?? process.env
  const clock =
    options.clock ?? clockFromEnv(env, [inputs.githubApiUrl, ...stateEndpoints(inputs.state, env.GITHUB_API_URL)])
  return { clock, fast: options.fast ?? runsFast(clock) }
}

const createClient = async (inputs: Inputs, clock: Clock, fast: boolean, contentShare?: ContentShare) =>
  (await import('@onramp/core/github')).createOctokit({
    token: inputs.githubToken,
    baseUrl: inputs.githubApiUrl.replace(/\/+$/, ''),
    clock,
    fast,
    contentShare,
  })

export async function run(inputs: Inputs, options: RunOptions = {}): Promise<StepResult> {
  const { clock, fast } = timing(inputs, options)
  const step = await beginStep('github', inputs, { env: options.env, clock, fast, batch: options.batch })
  // Not due yet (a start date, a last day): nothing is read or changed; the scheduled run comes back then.
  if (step.waiting) return step.scheduled()
  const plan = step.plan.github
  if (!plan) {
    return step.finish(
      { result: 'unchanged', receipts: [] },
      { note: 'The role names no GitHub access: nothing to do.' },
    )
  }
  // A drain shares GitHub's content-creating limit with the other systems' drains (DRAIN_SHARE).
  const drains = inputs.employeeIds?.trim() === 'pending' || Boolean(inputs.intentsToken)
  const octokit = options.octokit ?? (await createClient(inputs, clock, fast, drains ? DRAIN_SHARE.system : undefined))
  const org = inputs.org ?? plan.org
  let api = options.apis?.get(org)
  if (!api) {
    api = new GithubApi(octokit, org)
    options.apis?.set(org, api)
  }
  let built: Built
  try {
    built = await buildItems({
      api,
      plan,
      eventType: step.event.type,
      email: step.event.email ?? step.record?.person?.email,
      githubUsername: step.event.githubUsername,
      ids: { ...step.record?.ids.github },
      maxRemovals: step.access.guardrails.github?.maxRemovals ?? 0,
      now: () => clock.now(),
      since: step.event.occurredAt,
      queue: options.queue,
      roster: options.roster,
    })
  } catch (error) {
    // Finding the person failed (bad token, an outage past the retries): a failed step with a receipt and a
    // ledger entry, like any item, rather than a crash.
    if (!(error instanceof GithubCallError)) throw error
    built = unidentified(error.message)
  }
  const outcome = await reconcile(built.items, { dryRun: step.dryRun, clock })
  const reported = await built.report()
  const receipts = [...outcome.receipts, ...reported]
  const ids = built.ids()
  return step.finish(
    { result: worst(receipts.map((r) => r.result)), receipts },
    {
      ids: (r) => {
        r.github = { ...r.github, ...ids }
      },
      outputs: {
        login: ids.login ?? '',
        'invitation-id': ids.invitation_id === undefined ? '' : String(ids.invitation_id),
      },
      note: [`Person identified by: ${built.identity}.`, ...built.notes, PACING].join(' '),
    },
  )
}
