// Workflow run artifacts as GitHub Actions keeps them (REST "Artifacts", docs.github.com/rest/actions/artifacts):
// each a zip of the uploaded files, listed per repository and per run, newest first, with GitHub's fields; it
// expires by its retention on the sandbox clock (listed with `expired: true`, its download answered 410 Gone).
// A download is a 302 to a URL that works without credentials for one minute ("This URL expires after 1 minute"),
// served by the emulator itself as the blob store would.
import { createHash, randomBytes } from 'node:crypto'
import { zipSync } from 'fflate'
import { iso, nodeId } from './shapes.js'

const DAY = 86_400_000
/** GitHub's default retention, and the longest a repository allows by default. */
export const DEFAULT_RETENTION_DAYS = 90
const DOWNLOAD_URL_MS = 60_000

export interface ArtifactRec {
  id: number
  name: string
  /** `owner/repo`, lower-cased (the key), and as the repository spells it (in URLs). */
  repository: string
  fullName: string
  repositoryId: number
  runId: number
  headBranch: string
  headSha: string
  zip: Buffer
  digest: string
  createdAt: number
  expiresAt: number
}

export interface PublishArtifact {
  owner: string
  repo: string
  name: string
  runId: number
  headBranch?: string
  headSha?: string
  /** The artifact's files by their path inside the zip (`/`-separated, relative). */
  files: Record<string, Buffer | string>
  /** 1 to 90; default (or 0) the repository's 90. */
  retentionDays?: number
  /** Replace an artifact of the same name in the run (upload-artifact's `overwrite`); else that is an error. */
  overwrite?: boolean
}

export class ArtifactStore {
  private readonly artifacts: ArtifactRec[] = []
  private readonly downloads = new Map<string, { id: number; until: number }>()

  constructor(
    private readonly now: () => number,
    private readonly nextId: () => number,
  ) {}

  publish(a: PublishArtifact, repo: { id: number; fullName: string }): ArtifactRec {
    if (!a.name || /[":<>|*?\\/\r\n]/.test(a.name)) throw new Error('artifact name is not valid')
    const days = a.retentionDays || DEFAULT_RETENTION_DAYS
    if (!Number.isInteger(days) || days < 1 || days > DEFAULT_RETENTION_DAYS)
      throw new Error(`retention days must be a whole number from 1 to ${DEFAULT_RETENTION_DAYS}`)
    const repository = `${a.owner}/${a.repo}`.toLowerCase()
    const same = this.artifacts.findIndex(
      (x) => x.repository === repository && x.runId === a.runId && x.name === a.name,
    )
    if (same >= 0) {
      if (!a.overwrite) throw new Error('an artifact with this name already exists on the workflow run')
      this.artifacts.splice(same, 1)
    }
    const entries = Object.entries(a.files)
    if (!entries.length) throw new Error('an artifact holds at least one file')
    for (const [path] of entries)
      if (!path || path.startsWith('/') || path.split('/').includes('..'))
        throw new Error('artifact file paths are relative and stay inside the artifact')
    const zip = Buffer.from(
      zipSync(
        Object.fromEntries(
          entries.sort(([x], [y]) => (x < y ? -1 : 1)).map(([p, c]) => [p, typeof c === 'string' ? Buffer.from(c) : c]),
        ),
      ),
    )
    const createdAt = this.now()
    const record: ArtifactRec = {
      id: this.nextId(),
      name: a.name,
      repository,
      fullName: repo.fullName,
      repositoryId: repo.id,
      runId: a.runId,
      headBranch: a.headBranch ?? 'main',
      headSha: a.headSha ?? '0'.repeat(40),
      zip,
      digest: `sha256:${createHash('sha256').update(zip).digest('hex')}`,
      createdAt,
      expiresAt: createdAt + days * DAY,
    }
    this.artifacts.push(record)
    return record
  }

  /** Newest first; `runId` narrows to one run, `name` to one name. */
  list(repository: string, filter: { runId?: number; name?: string | null } = {}): ArtifactRec[] {
    return this.artifacts
      .filter(
        (a) =>
          a.repository === repository.toLowerCase() &&
          (filter.runId === undefined || a.runId === filter.runId) &&
          (filter.name == null || a.name === filter.name),
      )
      .sort((x, y) => y.createdAt - x.createdAt || y.id - x.id)
  }

  get(repository: string, id: number): ArtifactRec | undefined {
    return this.artifacts.find((a) => a.repository === repository.toLowerCase() && a.id === id)
  }

  delete(record: ArtifactRec): void {
    this.artifacts.splice(this.artifacts.indexOf(record), 1)
  }

  expired(a: ArtifactRec): boolean {
    return this.now() >= a.expiresAt
  }

  /** A one-minute download key for the artifact's zip. */
  downloadKey(a: ArtifactRec): string {
    const key = randomBytes(16).toString('hex')
    this.downloads.set(key, { id: a.id, until: this.now() + DOWNLOAD_URL_MS })
    return key
  }

  /** The zip behind a download key still valid, of an artifact still there and unexpired. */
  byDownloadKey(key: string): ArtifactRec | undefined {
    const d = this.downloads.get(key)
    if (!d || this.now() >= d.until) return undefined
    const a = this.artifacts.find((x) => x.id === d.id)
    return a && !this.expired(a) ? a : undefined
  }

  shape(base: string, a: ArtifactRec) {
    const url = `${base}/repos/${a.fullName}/actions/artifacts/${a.id}`
    return {
      id: a.id,
      node_id: nodeId('Artifact', a.id),
      name: a.name,
      size_in_bytes: a.zip.length,
      url,
      archive_download_url: `${url}/zip`,
      expired: this.expired(a),
      created_at: iso(a.createdAt),
      updated_at: iso(a.createdAt),
      expires_at: iso(a.expiresAt),
      digest: a.digest,
      workflow_run: {
        id: a.runId,
        repository_id: a.repositoryId,
        head_repository_id: a.repositoryId,
        head_branch: a.headBranch,
        head_sha: a.headSha,
      },
    }
  }

  state() {
    return this.artifacts.map((a) => ({
      id: a.id,
      repository: a.fullName,
      name: a.name,
      run_id: a.runId,
      size_in_bytes: a.zip.length,
      expired: this.expired(a),
      expires_at: iso(a.expiresAt),
    }))
  }
}
