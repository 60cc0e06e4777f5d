// plan: what a change to the access files would do, for the pull request that proposes it. Checks the head's
// files with the loader every action uses, plans across every person in the ledger (planAccess), and shows the
// plan where a reviewer looks: the job summary, a JSON file for the run's artifacts, and one comment on the pull
// request, kept current. People appear by employee id only; the ledger's names and emails are masked first.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as core from '@actions/core'
import {
  type Access,
  type AccessPlan,
  accessIdentifiers,
  COMMON_INPUTS,
  clockFromEnv,
  declarePublicData,
  formatProblem,
  getInputs,
  HTTP_URL,
  input,
  loadAccess,
  maskRecordsPersonalData,
  type PlanRecord,
  planAccess,
  renderPlanMarkdown,
  runsFast,
  setOutputs,
  UserError,
  upsertStickyComment,
  withholdPersonalData,
  writeSummaryMarkdown,
} from '@onramp/core'
import type { GithubClient } from '@onramp/core/github'
import { type LedgerRecord, openStepLedger, readAllRecords, stateEndpoints } from '@onramp/ledger'

export const PLAN_MARKER = '<!-- onramp:plan -->'

const INPUTS = {
  'roles-file': COMMON_INPUTS['roles-file'],
  'guardrails-file': COMMON_INPUTS['guardrails-file'],
  'base-roles-file': input.optional(),
  'base-guardrails-file': input.optional(),
  state: COMMON_INPUTS.state,
  'state-token': COMMON_INPUTS['state-token'],
  'state-repository': COMMON_INPUTS['state-repository'],
  'github-token': input.secret(),
  'github-api-url': input.string({ default: 'https://api.github.com', ...HTTP_URL }),
  'pull-request': input.integer({ min: 1 }),
  'run-url': input.optional(HTTP_URL),
}

export type Inputs = ReturnType<typeof readInputs>
export const readInputs = () => getInputs(INPUTS)

export interface RunOptions {
  octokit?: GithubClient
  env?: NodeJS.ProcessEnv
}

export interface PlanOutcome {
  plan?: AccessPlan
  comment: { id: number; action: string }
}

export async function run(inputs: Inputs, options: RunOptions = {}): Promise<PlanOutcome> {
  const env = options.env ?? process.env
  // Scaled-down waits only on a time-scaled sandbox: every endpoint loopback (clockFromEnv).
  const clock = clockFromEnv(env, [inputs.githubApiUrl, ...stateEndpoints(inputs.state, inputs.githubApiUrl)])
  const fast = runsFast(clock)
  const [owner, repo] = String(env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo) throw new UserError({ field: 'GITHUB_REPOSITORY', rule: 'must be owner/name' })
  const octokit =
    options.octokit ??
    (await import('@onramp/core/github')).createOctokit({
      token: inputs.githubToken,
      baseUrl: inputs.githubApiUrl.replace(/\/+$/, ''),
      fast,
    })
  const comment = (body: string) =>
    upsertStickyComment(octokit, {
      owner,
      repo,
      issueNumber: inputs.pullRequest,
      marker: PLAN_MARKER,
      body: withholdPersonalData(body, 'the pull request comment'),
      truncatedNote: `_The plan is longer than one comment holds: the job summary${inputs.runUrl ? ` of [the run](${inputs.runUrl})` : ''} and its \`onramp-access-plan\` artifact have all of it._`,
    })

  // The proposed files pass the same checks every action makes, or the comment says what fails (no values).
  let head: Access
  try {
    head = loadAccess({ rolesFile: inputs.rolesFile, guardrailsFile: inputs.guardrailsFile })
  } catch (error) {
    // The annotations are the failure; a comment that cannot be posted must not hide them.
    if (error instanceof UserError)
      await comment(invalidHeadMarkdown(error, inputs.runUrl)).catch((e: Error) =>
        core.warning(`onramp: the pull request comment could not be posted: ${e.message}`),
      )
    throw error
  }
  const base = loadBase(inputs)
  declarePublicData({ text: [accessIdentifiers(head), base ? accessIdentifiers(base) : undefined] })

  const { records, unreadable } = await readLedger(inputs, env, fast)
  const plan = planAccess({ base, head, records, now: clock.now(), ...(unreadable.length ? { unreadable } : {}) })
  // A grants.yaml entry that cannot be applied (an unknown or offboarded person, too long) fails the check.
  if (plan.grants.problems.length) {
    const error = new UserError(plan.grants.problems.map((p) => ({ file: 'grants.yaml', ...p })))
    await comment(invalidHeadMarkdown(error, inputs.runUrl)).catch((e: Error) =>
      core.warning(`onramp: the pull request comment could not be posted: ${e.message}`),
    )
    throw error
  }

  // The plan holds employee ids, the access files' identifiers and a little prose (the guard's reason): a name
  // part that is also a word of that prose is withheld, as in summaries, rather than failing the plan.
  const json = withholdPersonalData(`${JSON.stringify(plan, null, 2)}\n`, 'the plan JSON')
  const planFile = join(env.RUNNER_TEMP || process.cwd(), 'onramp-access-plan.json')
  writeFileSync(planFile, json)

  const markdown = renderPlanMarkdown(plan)
  await writeSummaryMarkdown(markdown)
  const posted = await comment(`${markdown}${footer(inputs.runUrl)}`)
  if (!plan.guard.ok) core.warning(`onramp: the change exceeds the mass-change guard: ${plan.guard.reason ?? ''}`)
  core.info(`onramp: plan for ${plan.counts.affected} of ${plan.counts.managed} people; comment ${posted.action}`)
  setOutputs({
    'plan-file': planFile,
    affected: String(plan.counts.affected),
    guard: plan.guard.ok ? 'ok' : 'over',
    'comment-id': String(posted.id),
  })
  return { plan, comment: posted }
}

/** The base map, or undefined when the base has none yet (the pull request adds the access files). */
function loadBase(inputs: Inputs): Access | undefined {
  const rolesFile = inputs.baseRolesFile
  if (!rolesFile || !existsSync(rolesFile)) return undefined
  return loadAccess({ rolesFile, guardrailsFile: inputs.baseGuardrailsFile })
}

/**
 * Every person's record, names and emails masked before anything is logged, passed on without them. Without a
 * ledger (state none: a pull request from a fork gets no secrets) or when it cannot be read, the plan is made
 * without people and says so.
 */
async function readLedger(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  fast: boolean,
): Promise<{ records: PlanRecord[]; unreadable: string[] }> {
  if (inputs.state === 'none')
    return {
      records: [],
      unreadable: [
        'the ledger: this run has no state token (a pull request from a fork runs without secrets), so who holds each role is unknown and no person is listed',
      ],
    }
  let all: LedgerRecord[]
  try {
    const ledger = await openStepLedger(inputs, env, { apiUrl: inputs.githubApiUrl, fast })
    all = await readAllRecords(ledger)
  } catch (error) {
    if (error instanceof UserError) throw error
    const status = (error as { status?: number }).status
    core.warning(`onramp: the ledger could not be read${status ? ` (HTTP ${status})` : ''}; planning without it`)
    return {
      records: [],
      unreadable: [`the ledger: it could not be read${status ? ` (HTTP ${status})` : ''}, so no person is listed`],
    }
  }
  maskRecordsPersonalData(all)
  return {
    // What the plan reads, nothing more: the person's name, email and event stay behind.
    records: all.map((r) => ({
      employee_id: r.employee_id,
      status: r.status,
      role: r.role,
      ...((r as PlanRecord).granted ? { granted: (r as PlanRecord).granted } : {}),
      ...(r.grants ? { grants: r.grants } : {}),
      ids: { github: { login: r.ids.github?.login }, slack: { channels: r.ids.slack?.channels } },
    })),
    unreadable: [],
  }
}

function invalidHeadMarkdown(error: UserError, runUrl: string | undefined): string {
  const lines = error.problems.map((p) => `- ${formatProblem(p).replace(/[<>`|]/g, '')}`)
  return [
    '### onramp: the proposed access files do not pass the checks',
    '',
    'Nothing can be planned until they do; the same checks run before any change is applied.',
    '',
    ...lines,
    footer(runUrl),
  ].join('\n')
}

function footer(runUrl: string | undefined): string {
  return runUrl ? `\n\n<sub>[This run](${runUrl}): the job summary and the \`onramp-access-plan\` artifact.</sub>` : ''
}
