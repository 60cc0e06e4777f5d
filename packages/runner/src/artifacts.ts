// The actions/upload-artifact stand-in: the files are kept in the run's artifact folder, one sub-folder per
// artifact name (`<dir>/<name>/`; give each run a folder of its own), where a test or a person reads them. Like
// the action (v4 and later): `path:` is one path per line (files or folders, absolute or relative to the
// workspace; no glob patterns here), a name used twice fails unless `overwrite: true`, and `if-no-files-found`
// says whether nothing to upload is a warning (default), an error or nothing.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import type { StandIn, StandInResult } from './types.js'

export function uploadArtifact(dir: string): StandIn {
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
    const found = lines.map((l) => path.resolve(ctx.workspace, l)).filter((p) => existsSync(p))
    if (!found.length) {
      const mode = w['if-no-files-found'] || 'warn'
      const message = `No files were found with the provided path: ${lines.join(', ')}. No artifacts will be uploaded.`
      if (mode === 'error') throw new Error(`upload-artifact: ${message}`)
      if (mode === 'warn') ctx.log(`warning: ${message}`)
      return { outputs: {} }
    }
    const target = path.join(dir, name)
    if (existsSync(target)) {
      if (String(w.overwrite) !== 'true')
        throw new Error(`upload-artifact: an artifact with this name already exists on the workflow run`)
      rmSync(target, { recursive: true, force: true })
    }
    mkdirSync(target, { recursive: true })
    for (const p of found) cpSync(p, path.join(target, path.basename(p)), { recursive: true })
    const digest = createHash('sha256')
    for (const file of listFiles(target)) digest.update(readFileSync(file))
    const id = String(nextId++)
    ctx.log(`artifact ${name} (${found.length} path(s)) kept at ${target}`)
    return {
      outputs: {
        'artifact-id': id,
        'artifact-url': `${ctx.github.server_url}/${ctx.github.repository}/actions/runs/${ctx.github.run_id}/artifacts/${id}`,
        'artifact-digest': digest.digest('hex'),
      },
    }
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const p = path.join(dir, entry)
      return statSync(p).isDirectory() ? listFiles(p) : [p]
    })
}
