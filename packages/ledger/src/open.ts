// `openLedger(state, …)` turns the common `state` input into a ledger: `file:<dir>`, `github` or
// `github:<branch>`.

import { resolve } from 'node:path'
import { type Clock, type CommonInputs, type ContentShare, type RetryPolicy, UserError } from '@onramp/core'
import type { GithubClient } from '@onramp/core/github'
import { FileStore } from './file.js'
import { DEFAULT_STATE_BRANCH, GithubStore } from './github.js'
import { createLedger, type Ledger } from './ledger.js'
import { summarize } from './pending.js'

export interface OpenLedgerOptions {
  /** For `github`: a token allowed to write contents (and create the branch) in `repo`. */
  token?: string
  /** Default GITHUB_API_URL, else https://api.github.com. */
  apiUrl?: string
  /** `owner/name`; default GITHUB_REPOSITORY. */
  repo?: string
  clock?: Clock
  /** Policy for conflict retries. */
  policy?: RetryPolicy
  /** Use this client instead of building one (tests, or to share one per action). */
  octokit?: GithubClient
  /** Passed to createOctokit: fast waits for tests. */
  fast?: boolean
  /** Base for a relative `file:` dir; default the working directory (the workspace). */
  cwd?: string
  /** For `github`: the share of GitHub's content-creating limit a minute the ledger's client may spend. */
  contentShare?: ContentShare
  /** For `github` with `contentShare`: the drain group whose share the index carries from job to job. */
  group?: string
}

const GITHUB_API = 'https://api.github.com'

/** The ledger an action's common inputs name (`state`, `state-token`, `state-repository`), as every step opens it. */
export function openStepLedger(
  inputs: Pick<CommonInputs, 'state' | 'stateToken' | 'stateRepository'>,
  env: NodeJS.ProcessEnv,
  options: Pick<OpenLedgerOptions, 'apiUrl' | 'clock' | 'fast' | 'octokit' | 'contentShare' | 'group' | 'policy'> = {},
): Promise<Ledger> {
  return openLedger(inputs.state, {
    token: inputs.stateToken,
    apiUrl: options.apiUrl ?? env.GITHUB_API_URL,
    repo: inputs.stateRepository || env.GITHUB_REPOSITORY,
    clock: options.clock,
    fast: options.fast,
    octokit: options.octokit,
    contentShare: options.contentShare,
    group: options.group,
    policy: options.policy,
  })
}

const BRANCH = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]{1,100}$/

/** Async because the `github` backend loads Octokit on demand: an action on `file:` state never pays for it. */
export async function openLedger(state: string, options: OpenLedgerOptions = {}): Promise<Ledger> {
  const fail = (rule: string, field = 'with.state'): never => {
    throw new UserError({ field, rule })
  }
  const ledgerOptions = { clock: options.clock, policy: options.policy }
  if (state.startsWith('file:')) {
    const dir = state.slice('file:'.length)
    if (!dir) fail('file: needs a directory')
    return createLedger(new FileStore(resolve(options.cwd ?? process.cwd(), dir), options.clock), ledgerOptions)
  }
  const m = /^github(?::(.+))?$/.exec(state)
  if (!m) return fail('must be github, github:<branch> or file:<dir>')
  const branch = m[1] ?? DEFAULT_STATE_BRANCH
  if (!BRANCH.test(branch)) fail('github:<branch> needs a plain branch name')
  const repo = options.repo ?? process.env.GITHUB_REPOSITORY ?? ''
  const [owner, name, extra] = repo.split('/')
  if (!owner || !name || extra !== undefined) fail('must be owner/name', 'repository')
  const octokit =
    options.octokit ??
    (await import('@onramp/core/github')).createOctokit({
      token: options.token || fail('required when state is github', 'with.state-token'),
      baseUrl: options.apiUrl ?? process.env.GITHUB_API_URL ?? GITHUB_API,
      clock: options.clock,
      fast: options.fast,
      contentShare: options.contentShare,
    })
  return createLedger(
    new GithubStore(octokit, owner!, name!, branch, { summarize, group: options.group }),
    ledgerOptions,
  )
}

/** The endpoints a ledger on `state` talks to (for clockFromEnv): the GitHub API for `github`, none for a folder. */
export function stateEndpoints(state: string | undefined, apiUrl: string | undefined): string[] {
  if (!state?.startsWith('github')) return []
  return [apiUrl || GITHUB_API]
}
