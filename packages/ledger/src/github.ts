// The github backend: `people/<employee_id>.json` on a dedicated branch (default `onramp-state`) through the
// contents API. Each write sends the blob sha it read, so GitHub refuses a stale write (409, or 422 when a
// file appeared that we thought absent) and the ledger re-reads and re-applies. A re-read of a record this
// process has read is conditional (If-None-Match: a 304 costs no primary quota). Every write is a commit whose
// message names only the employee id(s), the event and the step: the branch history is the audit trail.
// A batch is one GraphQL createCommitOnBranch: every changed file in one commit, on the condition that the branch
// still points at the commit read (expectedHeadOid), so a commit that landed since makes GitHub refuse it
// (STALE_DATA) and the ledger re-reads and re-applies the batch. One content-creating request per batch, where the
// Git Data API takes three (tree, commit, ref). Listing is one recursive tree read. A batch reads the branch's
// head in one GraphQL query and its records a hundred to a query: GraphQL's quota is apart from REST's, and a
// query costs one point of it however many objects it names.
// The records hold names and emails: the state branch must live in a private repository.

import { createHash } from 'node:crypto'
import { budgetOfClient, type CarriedBucket, keptRead, LEDGER_COMMIT_WRITES, prepayWrites } from '@onramp/core'
import type { GithubClient } from '@onramp/core/github'
import { ConflictError } from './errors.js'
import type { BatchContext, LedgerEntry, LedgerStore, Versioned, VersionedMany, WriteContext } from './ledger.js'
import type { RecordSummary } from './pending.js'
import type { LedgerRecord } from './record.js'

export const DEFAULT_STATE_BRANCH = 'onramp-state'

const status = (error: unknown) => (error as { status?: number }).status
/** Blobs asked for in one GraphQL query: aliased `object(oid:)` fields, all in one point of GraphQL's quota. */
const BLOBS_PER_QUERY = 100
const RECORD_PATH = /^people\/([^/]+)\.json$/
const parse = (text: string) => JSON.parse(text) as LedgerRecord
const recordText = (r: LedgerRecord) => `${JSON.stringify(r, null, 2)}\n`
/** Git's name for a blob with this text: known before the commit, so the index can name the record it summarizes. */
const blobSha = (text: string) => {
  const bytes = Buffer.from(text)
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

export const INDEX_PATH = 'index.json'

/** A batch's commit (see above): GitHub answers the new commit's oid, which the ledger does not need. */
const COMMIT_ON_BRANCH = /* GraphQL */ `
  mutation ($input: CreateCommitOnBranchInput!) {
    createCommitOnBranch(input: $input) {
      commit {
        oid
      }
    }
  }
`
/** The branch's head: its commit and the commit's tree. */
const HEAD = /* GraphQL */ `
  query ($owner: String!, $name: String!, $ref: String!) {
    repository(owner: $owner, name: $name) {
      ref(qualifiedName: $ref) {
        target {
          oid
          ... on Commit {
            tree {
              oid
            }
          }
        }
      }
    }
  }
`
interface HeadAnswer {
  repository: { ref: { target: { oid: string; tree?: { oid: string } } | null } | null } | null
}

/** `n` blobs by oid, aliased b0…b(n-1), their oids passed as variables o0…o(n-1). */
const blobsQuery = (n: number) => {
  const ids = Array.from({ length: n }, (_, i) => i)
  return `query ($owner: String!, $name: String!, ${ids.map((i) => `$o${i}: GitObjectID!`).join(', ')}) {
  repository(owner: $owner, name: $name) {
${ids.map((i) => `    b${i}: object(oid: $o${i}) { ... on Blob { text isTruncated } }`).join('\n')}
  }
}`
}
interface BlobAnswer {
  text?: string | null
  isTruncated?: boolean
}

/** Raised when a summary's meaning changes: an index of another version is ignored (every record is read). */
const INDEX_VERSION = 2
type IndexEntries = Record<string, RecordSummary & { record: string }>
/** index.json: each record's summary under its blob sha, and each drain group's content bucket as its last job left it. */
interface IndexFile {
  people: IndexEntries
  buckets: Record<string, CarriedBucket>
}

/** A tree as the ledger reads it: each record's blob sha by employee id, and the index's blob sha. */
interface Tree {
  records: Map<string, string>
  index: string | undefined
}

export interface GithubStoreOptions {
  /** Keep the index: what a drain needs of each record written in a batch. */
  summarize?: (record: LedgerRecord) => RecordSummary
  /**
   * The concurrency group (a drain's step) whose GitHub content share the index carries from each batch's job to
   * the next (RequestBudget.carry): what the last job's bucket held is in the index it wrote.
   */
  group?: string
}

export class GithubStore implements LedgerStore {
  readonly description: string
  private branchReady: Promise<void> | undefined
  // Git objects are named by their content: a tree's entries and a blob's text never change, so each is read
  // once per process however many times a drain selects, converges and re-reads after a conflict.
  private readonly trees = new Map<string, Promise<Tree>>()
  private readonly blobs = new Map<string, Promise<string>>()
  constructor(
    private readonly octokit: GithubClient,
    private readonly owner: string,
    private readonly repo: string,
    private readonly branch: string = DEFAULT_STATE_BRANCH,
    private readonly options: GithubStoreOptions = {},
  ) {
    this.description = `github:${owner}/${repo}@${branch}`
  }

  private path(employeeId: string) {
    return `people/${employeeId}.json`
  }

  async read(employeeId: string, known?: Versioned): Promise<Versioned> {
    const { owner, repo, branch } = this
    let data: unknown
    let tag: string | undefined
    try {
      const res = await this.octokit.rest.repos.getContent({
        owner,
        repo,
        path: this.path(employeeId),
        ref: branch,
        ...(known?.tag ? { headers: { 'if-none-match': known.tag } } : {}),
      })
      data = res.data
      tag = res.headers.etag
    } catch (error) {
      // Not modified since `known` was read.
      if (status(error) === 304 && known) return known
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
    return { record: parse(text), version: file.sha, ...(tag ? { tag } : {}) }
  }

  async write(record: LedgerRecord, version: string | undefined, context: WriteContext): Promise<string | undefined> {
    // A record read from the branch proves the branch exists.
    if (version === undefined) await this.ensureBranch()
    const { owner, repo, branch } = this
    try {
      const { data } = await this.octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        branch,
        path: this.path(record.employee_id),
        message: context.message,
        content: Buffer.from(recordText(record)).toString('base64'),
        sha: version,
      })
      return data.content?.sha
    } catch (error) {
      if (status(error) === 409 || status(error) === 422) throw new ConflictError(record.employee_id, { cause: error })
      throw error
    }
  }

  /** The branch's head commit and its tree (one GraphQL query), or undefined when the branch does not exist yet. */
  private async head(): Promise<{ commit: string; tree: string } | undefined> {
    const { owner, repo, branch } = this
    let data: HeadAnswer
    try {
      data = await this.octokit.graphql<HeadAnswer>(HEAD, { owner, name: repo, ref: `refs/heads/${branch}` })
    } catch (error) {
      // No such repository for this token: as no branch, until a write says more.
      if ((error as { errors?: { type?: string }[] }).errors?.some((e) => e.type === 'NOT_FOUND')) return undefined
      throw error
    }
    const target = data.repository?.ref?.target
    return target?.tree ? { commit: target.oid, tree: target.tree.oid } : undefined
  }

  /** Blob shas by employee id, from one recursive read of the tree (the `people` subtree alone if truncated). */
  private entries(tree: string): Promise<Tree> {
    return keptRead(this.trees, tree, () => this.readEntries(tree))
  }

  private async readEntries(tree: string): Promise<Tree> {
    const { owner, repo } = this
    const records = new Map<string, string>()
    const { data } = await this.octokit.rest.git.getTree({ owner, repo, tree_sha: tree, recursive: 'true' })
    const index = data.tree.find((e) => e.path === INDEX_PATH && e.type === 'blob')?.sha
    let items = data.tree
    if (data.truncated) {
      const people = data.tree.find((e) => e.path === 'people' && e.type === 'tree')
      if (!people?.sha) return { records, index }
      const sub = await this.octokit.rest.git.getTree({ owner, repo, tree_sha: people.sha })
      if (sub.data.truncated) throw new Error('ledger: too many records to list in one tree read')
      items = sub.data.tree.map((e) => ({ ...e, path: `people/${e.path}` }))
    }
    for (const e of items) {
      const m = e.type === 'blob' && e.path && e.sha ? RECORD_PATH.exec(e.path) : null
      if (m) records.set(m[1]!, e.sha!)
    }
    return { records, index }
  }

  private async blob(sha: string): Promise<string> {
    return (await this.blobTexts([sha])).get(sha)!
  }

  /**
   * The texts of these blobs, by sha: those this process has not read yet in GraphQL queries of BLOBS_PER_QUERY
   * (one request, and one point of GraphQL's own quota, for a hundred records, where REST takes one each).
   */
  private async blobTexts(shas: string[]): Promise<Map<string, string>> {
    const unread = [...new Set(shas)].filter((sha) => !this.blobs.has(sha))
    for (let i = 0; i < unread.length; i += BLOBS_PER_QUERY) {
      const part = unread.slice(i, i + BLOBS_PER_QUERY)
      const query = this.queryBlobs(part)
      for (const sha of part)
        keptRead(this.blobs, sha, () => query.then((texts) => texts.get(sha) ?? this.restBlob(sha)))
    }
    return new Map(
      await Promise.all(shas.map(async (sha): Promise<[string, string]> => [sha, await this.blobs.get(sha)!])),
    )
  }

  /** One query for these blobs: their texts, except those GitHub cut short (read whole through REST). */
  private async queryBlobs(shas: string[]): Promise<Map<string, string>> {
    const { owner, repo } = this
    const variables: Record<string, string> = { owner, name: repo }
    shas.forEach((sha, i) => {
      variables[`o${i}`] = sha
    })
    const data = await this.octokit.graphql<{ repository: Record<string, BlobAnswer | null> }>(
      blobsQuery(shas.length),
      variables,
    )
    const texts = new Map<string, string>()
    shas.forEach((sha, i) => {
      const blob = data.repository[`b${i}`]
      if (typeof blob?.text === 'string' && !blob.isTruncated) texts.set(sha, blob.text)
    })
    return texts
  }

  private async restBlob(sha: string): Promise<string> {
    const { owner, repo } = this
    const { data } = await this.octokit.rest.git.getBlob({ owner, repo, file_sha: sha })
    return Buffer.from(data.content, 'base64').toString('utf8')
  }

  /** The index in this tree; empty when it has no index, or one of another version or unreadable. */
  private async indexIn(tree: Tree): Promise<IndexFile> {
    const none: IndexFile = { people: {}, buckets: {} }
    if (!tree.index) return none
    try {
      const file = JSON.parse(await this.blob(tree.index)) as Partial<IndexFile> & { version?: number }
      if (file.version !== INDEX_VERSION || !file.people || typeof file.people !== 'object') return none
      const buckets = file.buckets && typeof file.buckets === 'object' ? file.buckets : {}
      return { people: file.people, buckets }
    } catch (error) {
      if (error instanceof SyntaxError) return none
      throw error
    }
  }

  /** The budget of this store's client, when it carries a group's share from job to job. */
  private carried() {
    return this.options.group ? budgetOfClient.get(this.octokit)?.carry : undefined
  }

  async summaries(employeeIds?: string[]): Promise<Map<string, RecordSummary>> {
    const out = new Map<string, RecordSummary>()
    const head = await this.head()
    if (!head || !this.options.summarize) return out
    const tree = await this.entries(head.tree)
    const { people: index, buckets } = await this.indexIn(tree)
    const left = this.options.group ? buckets[this.options.group] : undefined
    if (left) this.carried()?.resume(left)
    for (const id of employeeIds ?? Object.keys(index)) {
      const e = Object.hasOwn(index, id) ? index[id] : undefined
      if (e && e.record === tree.records.get(id)) out.set(id, { held: e.held, pending: e.pending })
    }
    return out
  }

  async list(): Promise<LedgerEntry[]> {
    const head = await this.head()
    if (!head) return []
    return [...(await this.entries(head.tree)).records]
      .map(([employee_id, version]) => ({ employee_id, version }))
      .sort((a, b) => a.employee_id.localeCompare(b.employee_id))
  }

  /**
   * A batch's commit is paid for before it reads the head, then goes out at once: a commit that waits for its share
   * between the read and the write loses the compare-and-swap to the other jobs' commits, and each loss costs
   * another. (Paid and not sent, when nothing changed: the next batch spends it.)
   */
  async beforeBatch(): Promise<void> {
    await prepayWrites(this.octokit, LEDGER_COMMIT_WRITES)
  }

  async readMany(employeeIds: string[]): Promise<VersionedMany> {
    const head = await this.head()
    const records = new Map<string, Versioned>()
    const shas = head ? (await this.entries(head.tree)).records : new Map<string, string>()
    const texts = await this.blobTexts(employeeIds.flatMap((id) => shas.get(id) ?? []))
    for (const id of employeeIds) {
      const sha = shas.get(id)
      records.set(
        id,
        sha ? { record: parse(texts.get(sha)!), version: sha } : { record: undefined, version: undefined },
      )
    }
    return { records, version: head ? `${head.commit} ${head.tree}` : undefined }
  }

  async writeMany(records: LedgerRecord[], version: string | undefined, context: BatchContext): Promise<void> {
    const { owner, repo, branch } = this
    // The first batch on a repository without the branch creates it, then reads again at its head.
    if (!version) {
      await this.ensureBranch()
      throw new ConflictError(records[0]?.employee_id ?? 'batch')
    }
    const [parent, baseTree] = version.split(' ')
    const files = records.map((r) => ({ path: this.path(r.employee_id), content: recordText(r) }))
    if (this.options.summarize) files.push({ path: INDEX_PATH, content: await this.indexAfter(baseTree!, records) })
    const [headline, ...body] = context.message.split('\n')
    try {
      await this.octokit.graphql(COMMIT_ON_BRANCH, {
        input: {
          branch: { repositoryNameWithOwner: `${owner}/${repo}`, branchName: branch },
          expectedHeadOid: parent,
          message: { headline, body: body.join('\n').trim() || undefined },
          fileChanges: {
            additions: files.map((f) => ({
              path: f.path,
              contents: Buffer.from(f.content, 'utf8').toString('base64'),
            })),
          },
        },
      })
    } catch (error) {
      // The head moved since the read: another commit landed first.
      const errors = (error as { errors?: { type?: string }[] }).errors
      if (errors?.some((e) => e.type === 'STALE_DATA')) throw new ConflictError('batch', { cause: error })
      throw error
    }
  }

  /**
   * The index as this batch leaves it: the written records' summaries, and the base tree's entries still current
   * (an entry whose record was written another way since is dropped: it would only be ignored).
   */
  private async indexAfter(baseTree: string, written: LedgerRecord[]): Promise<string> {
    const summarize = this.options.summarize!
    const tree = await this.entries(baseTree)
    const base = await this.indexIn(tree)
    const people: IndexEntries = {}
    for (const [id, e] of Object.entries(base.people)) if (e.record === tree.records.get(id)) people[id] = e
    for (const r of written) people[r.employee_id] = { record: blobSha(recordText(r)), ...summarize(r) }
    // This commit is paid for (beforeBatch): the next job of the group goes on from what is left.
    const carry = this.carried()
    const buckets = carry ? { ...base.buckets, [this.options.group!]: carry.save() } : base.buckets
    return `${JSON.stringify({ version: INDEX_VERSION, people, buckets })}\n`
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
