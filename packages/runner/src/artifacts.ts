// The actions/upload-artifact stand-in: the files are kept in the run's artifact folder, one sub-folder per
// artifact name (`<dir>/<name>/`; give each run a folder of its own), where a test or a person reads them, and,
// given `publish` (runInSandbox gives the sandbox's GitHub), published as the run's artifact to the REST API. Like
// the action (v4 and later): `path:` is one path per line (files or folders, absolute or relative to the
// workspace; no glob patterns here), a name used twice fails unless `overwrite: true`, and `if-no-files-found`
// says whether nothing to upload is a warning (default), an error or nothing; hidden files are left out unless
// `include-hidden-files: true` (v4.4.0 and later). The artifact holds the files relative
// to their root: a folder's contents, a lone file at the top, and for several paths their least common ancestor
// (upload-artifact README, "Upload using Multiple Paths and Exclusions").
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { StandIn, StandInResult } from './types.js'

/** The longest retention a repository allows by default, and what `retention-days: 0` (or none) means. */
const MAX_RETENTION_DAYS = 90

/** An uploaded artifact, as handed to `publish`. */
export interface UploadedArtifact {
  /** `owner/repo` of the run. */
  repository: string
  runId: number
  headBranch: string
  headSha: string
  name: string
  /** Its files by their path inside the artifact (`/`-separated). */
  files: Record<string, Buffer>
  /** 1 to 90. */
  retentionDays: number
  overwrite: boolean
}

/** Publishes an artifact where the REST API lists it; answers its id and the SHA-256 of its zip (`sha256:<hex>`). */
export type ArtifactPublisher = (artifact: UploadedArtifact) => { id: number; digest: string }

export function uploadArtifact(dir: string, publish?: ArtifactPublisher): StandIn {
  let nextId = 1
  return async (w, ctx): Promise<StandInResult> => {
    const name = w.name || 'artifact'
    if (/[":<>|*?\\/\r\n]/.test(name)) throw new Error(`upload-artifact: the artifact name is not valid`)
    const lines = (w.path ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
    if (!lines.length) throw new Error('upload-artifact: path is required')
    if (lines.some((l) => /[*?[\]!]/.test(l))) throw new Error('unsupported: upload-artifact glob patterns')
    const retentionDays = retention(w['retention-days'], ctx.log)
    // Since v4.4.0 hidden files and folders (a name starting with `.`) are left out unless include-hidden-files.
    const hidden = String(w['include-hidden-files']) === 'true'
    const found = lines
      .map((l) => path.resolve(ctx.workspace, l))
      .filter((p) => existsSync(p) && (hidden || !isHidden(p)))
      .filter((p) => listFiles(p, hidden).length > 0)
    if (!found.length) {
      const mode = w['if-no-files-found'] || 'warn'
      const message = `No files were found with the provided path: ${lines.join(', ')}. No artifacts will be uploaded.`
      if (mode === 'error') throw new Error(`upload-artifact: ${message}`)
      if (mode === 'warn') ctx.log(`warning: ${message}`)
      return { outputs: {} }
    }
    const overwrite = String(w.overwrite) === 'true'
    const target = path.join(dir, name)
    if (existsSync(target) && !overwrite)
      throw new Error(`upload-artifact: an artifact with this name already exists on the workflow run`)
    const files = artifactFiles(found, hidden)

    let id = String(nextId++)
    let digest: string
    if (publish) {
      const runId = Number(ctx.github.run_id)
      if (!Number.isSafeInteger(runId)) throw new Error('upload-artifact: the run id must be a number to publish')
      const ref = String(ctx.github.ref ?? '')
      // v4 makes the artifact available to the REST API as soon as the upload finishes, while the run goes on
      // (actions/upload-artifact README, "v4 - What's new"; GitHub changelog 2023-12-14, "Artifacts v4 is now
      // generally available"): so the next step of the job can already list and download it.
      const published = publish({
        repository: String(ctx.github.repository),
        runId,
        headBranch: ref.replace(/^refs\/heads\//, ''),
        headSha: String(ctx.github.sha),
        name,
        files,
        retentionDays,
        overwrite,
      })
      id = String(published.id)
      digest = published.digest.replace(/^sha256:/, '')
    } else {
      digest = createHash('sha256')
        .update(Object.values(files).reduce((all, b) => Buffer.concat([all, b]), Buffer.alloc(0)))
        .digest('hex')
    }
    rmSync(target, { recursive: true, force: true })
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(target, ...rel.split('/'))
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, content)
    }
    ctx.log(`artifact ${name} (${Object.keys(files).length} file(s)) kept at ${target}${publish ? `, id ${id}` : ''}`)
    return {
      outputs: {
        'artifact-id': id,
        'artifact-url': `${ctx.github.server_url}/${ctx.github.repository}/actions/runs/${ctx.github.run_id}/artifacts/${id}`,
        'artifact-digest': digest,
      },
    }
  }
}

/** `retention-days`: empty or 0 is the repository's default; past the repository's maximum, the maximum. */
function retention(value: string | undefined, log: (line: string) => void): number {
  if (value === undefined || value.trim() === '') return MAX_RETENTION_DAYS
  const days = Number(value)
  if (!Number.isInteger(days) || days < 0) throw new Error('upload-artifact: retention-days must be a whole number')
  if (days === 0) return MAX_RETENTION_DAYS
  if (days > MAX_RETENTION_DAYS) {
    log(`warning: retention-days cannot exceed the repository's maximum; using ${MAX_RETENTION_DAYS} instead.`)
    return MAX_RETENTION_DAYS
  }
  return days
}

/** Every file under the found paths, by its path relative to their root (a lone path's folder, or common ancestor). */
function artifactFiles(found: string[], hidden: boolean): Record<string, Buffer> {
  const root =
    found.length === 1
      ? statSync(found[0]!).isDirectory()
        ? found[0]!
        : path.dirname(found[0]!)
      : commonAncestor(found)
  const files: Record<string, Buffer> = {}
  for (const p of found)
    for (const file of listFiles(p, hidden))
      files[path.relative(root, file).split(path.sep).join('/')] = readFileSync(file)
  return files
}

function commonAncestor(paths: string[]): string {
  const split = paths.map((p) => p.split(path.sep))
  const common: string[] = []
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0]![i]); i++) common.push(split[0]![i]!)
  const ancestor = common.join(path.sep) || path.sep
  // The same file named twice: its folder is the root.
  return statSync(ancestor).isDirectory() ? ancestor : path.dirname(ancestor)
}

const isHidden = (p: string) => path.basename(p).startsWith('.')

function listFiles(p: string, hidden: boolean): string[] {
  if (!statSync(p).isDirectory()) return [p]
  return readdirSync(p)
    .sort()
    .filter((entry) => hidden || !entry.startsWith('.'))
    .flatMap((entry) => listFiles(path.join(p, entry), hidden))
}
