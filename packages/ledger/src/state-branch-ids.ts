// A stopgap `listIds` for readAllRecords on the `github` backend: the state branch's people/ folder in one call
// (the contents API lists up to 1,000 entries of a folder); no branch or folder yet means nobody. Callers pass it
// only to a ledger that cannot list itself; once the github store names its employee ids, this goes.
import type { GithubClient } from '@onramp/core/github'
import { DEFAULT_STATE_BRANCH } from './github.js'

export async function stateBranchIds(
  octokit: GithubClient,
  repository: string,
  branch: string = DEFAULT_STATE_BRANCH,
): Promise<string[]> {
  const [owner, repo] = repository.split('/') as [string, string]
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path: 'people', ref: branch })
    return Array.isArray(data)
      ? data.filter((e) => e.type === 'file' && e.name.endsWith('.json')).map((e) => e.name.slice(0, -'.json'.length))
      : []
  } catch (error) {
    if ((error as { status?: number }).status === 404) return []
    throw error
  }
}
