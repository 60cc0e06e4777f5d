// Sends one event to GitHub as a repository_dispatch, authenticated as the GitHub App installation. The
// installation token is asked for this repository only, with contents: write (what the dispatches endpoint
// needs) and metadata: read; @octokit/auth-app caches it until shortly before it expires. Both calls go
// through the core GitHub client, so 5xx and 429 are retried under the one retry policy.

import { createAppAuth } from '@octokit/auth-app'
import type { RetryPolicy } from '@onramp/core'
import { createOctokit } from '@onramp/core/github'

export interface GithubAppConfig {
  appId: string
  privateKey: string
  installationId: number
  owner: string
  repo: string
  /** Default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3. */
  baseUrl?: string
  policy?: RetryPolicy
  /** Tests: retry waits scaled down, no write pacing. */
  fast?: boolean
}

export type Dispatch = (eventType: string, clientPayload: Record<string, unknown>) => Promise<void>

/** GitHub answered with a status that retrying cannot change (a 4xx other than 429), or retries ran out. */
export class DispatchError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly retryable: boolean,
    message: string,
  ) {
    super(message)
    this.name = 'DispatchError'
  }
}

export function createDispatch(config: GithubAppConfig): Dispatch {
  const octokit = createOctokit({
    baseUrl: config.baseUrl,
    policy: config.policy,
    fast: config.fast,
    userAgent: 'onramp-relay',
  })
  const auth = createAppAuth({
    appId: config.appId,
    privateKey: config.privateKey,
    installationId: config.installationId,
    request: octokit.request,
  })
  return async (eventType, clientPayload) => {
    try {
      const { token } = await auth({
        type: 'installation',
        repositoryNames: [config.repo],
        permissions: { contents: 'write', metadata: 'read' },
      })
      await octokit.request('POST /repos/{owner}/{repo}/dispatches', {
        owner: config.owner,
        repo: config.repo,
        event_type: eventType,
        client_payload: clientPayload,
        headers: { authorization: `token ${token}` },
      })
    } catch (error) {
      throw toDispatchError(error)
    }
  }
}

function toDispatchError(error: unknown): DispatchError {
  const status = (error as { status?: unknown }).status
  const code = typeof status === 'number' ? status : undefined
  // After the client's retries, what is left is either a refusal (4xx) or an outage that outlasted them.
  const retryable = code === undefined || code === 429 || code >= 500
  // GitHub's message names the rule (e.g. "Bad credentials", "Not Found"); the payload is never in it.
  const message = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error)
  return new DispatchError(code, retryable, `GitHub ${code ?? 'unreachable'}: ${message}`)
}
