// The github backend: `people/<employee_id>.json` on a dedicated branch (default `onramp-state`) through the
// contents API. Each write sends the blob sha it read, so GitHub refuses a stale write (409, or 422 when a
// file appeared that we thought absent) and the ledger re-reads and re-applies. Every write is a commit whose
// message names only the employee id, the event and the step: the branch history is the audit trail.
// The records hold names and emails: the state branch must live in a private repository.

import type { GithubClient } from '@onramp/core/github'
import { ConflictError } from './errors.js'
import type { LedgerStore, Versioned, WriteContext } from './ledger.js'
import type { LedgerRecord } from './record.js'

export const DEFAULT_STATE_BRANCH = 'onramp-state'

const status = (error: unknown) => (error as { status?: number }).status

export class GithubStore implements LedgerStore {
  readonly description: string
  private branchReady: Promise<void> | undefined
  constructor(
    private readonly octokit: GithubClient,
    private readonly owner: string,
    private readonly repo: string,
    private readonly branch: string = DEFAULT_STATE_BRANCH,
  ) {
    this.description = `github:${owner}/${repo}@${branch}`
  }

  private path(employeeId: string) {
    return `people/${employeeId}.json`
  }

  async read(employeeId: string): Promise<Versioned> {
    const { owner, repo, branch } = this
    let data: unknown
    try {
      ;({ data } = await this.octokit.rest.repos.getContent({ owner, repo, path: this.path(employeeId), ref: branch }))
    } catch (error) {
      // No such file, or no state branch yet: no record.
      if (status(error) === 404) return { record: undefined, version: undefined }
      throw error
    }
    const file = data as { type?: string; encoding?: string; content?: string; sha: string }
    if (Array.isArray(data) || file.type !== 'file') throw new Error(`ledger: ${this.path(employeeId)} is not a file`)
    let text: string
    if (file.encoding === 'base64' && file.content) text = Buffer.from(file.content, 'base64').toString('utf8')
    else {
      // Over 1 MB the JSON form carries no content; the raw media type does.
      const raw = await this.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner,
        repo,
        path: this.path(employeeId),
        ref: branch,
        mediaType: { format: 'raw' },
      })
      text = String(raw.data)
    }
    return { record: JSON.parse(text) as LedgerRecord, version: file.sha }
  }

  /**
   * The `people/` folder in one contents call. GitHub lists at most 1,000 entries of a folder this way; a run
   * over more people needs the tree read (Git Data API), which replaces this.
   */
  async employeeIds(): Promise<string[]> {
    const { owner, repo, branch } = this
    let data: unknown
    try {
      ;({ data } = await this.octokit.rest.repos.getContent({ owner, repo, path: 'people', ref: branch }))
    } catch (error) {
      if (status(error) === 404) return []
      throw error
    }
    if (!Array.isArray(data)) throw new Error('ledger: people/ is not a folder')
    return data
      .flatMap((e: { type?: string; name: string }) =>
        e.type === 'file' && e.name.endsWith('.json') ? [e.name.slice(0, -'.json'.length)] : [],
      )
      .sort()
  }

  async write(record: LedgerRecord, version: string | undefined, context: WriteContext): Promise<void> {
    await this.ensureBranch()
    const { owner, repo, branch } = this
    try {
      await this.octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        branch,
        path: this.path(record.employee_id),
        message: context.message,
        content: Buffer.from(`${JSON.stringify(record, null, 2)}\n`).toString('base64'),
        sha: version,
      })
    } catch (error) {
      if (status(error) === 409 || status(error) === 422) throw new ConflictError(record.employee_id, { cause: error })
      throw error
    }
  }

  /** Create the state branch from the default branch's head the first time it is needed. */
  private ensureBranch(): Promise<void> {
    this.branchReady ??= (async () => {
      const { owner, repo } = this
      try {
        await this.octokit.rest.git.getRef({ owner, repo, ref: `heads/${this.branch}` })
        return
      } catch (error) {
        if (status(error) !== 404) throw error
      }
      const { data: info } = await this.octokit.rest.repos.get({ owner, repo })
      const { data: head } = await this.octokit.rest.git.getRef({ owner, repo, ref: `heads/${info.default_branch}` })
      try {
        await this.octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${this.branch}`, sha: head.object.sha })
      } catch (error) {
        // Another job created it first.
        if (status(error) !== 422) throw error
      }
    })().catch((error) => {
      this.branchReady = undefined
      throw error
    })
    return this.branchReady
  }
}
