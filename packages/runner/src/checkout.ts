// The actions/checkout stand-in. The workspace already is the run's repository, so a checkout of it at the root
// is a no-op; `path:` puts a repository (the run's own, or one mapped in `repositories`) at that path in the
// workspace as a link to its local checkout, which is taken to be at `ref:` as for actions by reference.
// When `ref:` names another commit of that checkout's git history (a pull request's head, say), or
// `sparse-checkout:` is given, the files of that commit (only the sparse paths) are written at `path:` instead,
// as plain files: what a checkout of that commit holds, without its .git.
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import type { StandIn, StandInResult } from './types.js'

const FULL_SHA = /^[0-9a-f]{40}$/

/** Left in a folder the stand-in wrote, so that a later checkout at the same path may replace it. */
const MARKER = '.onramp-checkout'

function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function git(cwd: string, args: string[], input?: Buffer): { ok: boolean; out: string; bytes: Buffer } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 256 * 1024 * 1024 })
  return { ok: r.status === 0, out: r.stdout?.toString('utf8').trim() ?? '', bytes: r.stdout ?? Buffer.alloc(0) }
}

/** Full commit SHAs found in a checkout: a commit, once there, stays; every job of every run asks again. */
const knownCommits = new Set<string>()

/** The commit `ref` names in the checkout at `dir`, or undefined (not a git checkout, or an unknown ref). */
function resolveCommit(dir: string, ref: string): string | undefined {
  const key = `${dir}\0${ref}`
  if (FULL_SHA.test(ref) && knownCommits.has(key)) return ref
  const r = git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
  if (!r.ok || !r.out) return undefined
  if (r.out === ref) knownCommits.add(key)
  return r.out
}

/**
 * The paths a sparse checkout keeps: in cone mode (the action's default) the root's files and the folders named;
 * otherwise the patterns, anchored at the root (as `.github/access/` is in a sparse-checkout file).
 */
function sparsePaths(dir: string, commit: string, lines: string[], cone: boolean): string[] {
  const named = lines.map((l) => l.replace(/^\/+|\/+$/g, ''))
  if (!cone) return named
  const root = git(dir, ['ls-tree', '--name-only', '-z', commit])
  const rootFiles = root.out
    .split('\0')
    .filter(Boolean)
    .filter((name) => git(dir, ['cat-file', '-t', `${commit}:${name}`]).out === 'blob')
  return [...rootFiles, ...named]
}

/**
 * Writes the commit's tree at `target` (which must not exist; its parent must). It is written into a new directory
 * beside it and renamed into place: runs sharing a workspace may meanwhile link the same path to the repository
 * (the checkout at HEAD), and an untar there would write the older tree over the repository itself.
 */
export function writeCommit(source: string, commit: string, target: string, paths: string[] | undefined): void {
  // `git archive` writes exactly the tree of that commit (a pathspec that matches nothing is an error).
  const existing = paths?.filter((p) => git(source, ['cat-file', '-e', `${commit}:${p}`]).ok)
  const archive = git(source, ['archive', '--format=tar', commit, '--', ...(existing ?? [])])
  if (!archive.ok) throw new Error(`actions/checkout: could not read commit ${commit}`)
  const fresh = mkdtempSync(`${target}.checkout-`)
  try {
    const untar = spawnSync('tar', ['-x', '-C', fresh], { input: archive.bytes })
    if (untar.status !== 0) throw new Error(`actions/checkout: could not write commit ${commit}`)
    writeFileSync(path.join(fresh, MARKER), `${commit}\n`)
    // rename(2) replaces nothing but an empty directory: a link or a filled one there is an error, not a target.
    renameSync(fresh, target)
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true })
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR' || code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EISDIR')
      throw new Error(`actions/checkout: ${path.basename(target)} was filled by another checkout meanwhile`)
    throw error
  }
}

/** Clears a path an earlier checkout of this stand-in filled; refuses to touch anything else. */
function clearEarlierCheckout(target: string, rel: string): void {
  if (!existsSync(target) && !isLink(target)) return
  if (isLink(target) || existsSync(path.join(target, MARKER))) {
    rmSync(target, { recursive: true, force: true })
    return
  }
  throw new Error(`actions/checkout: path ${rel} already holds something else`)
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink()
  } catch {
    return false
  }
}

export const checkout: StandIn = async (w, ctx): Promise<StandInResult> => {
  const own = String(ctx.github.repository)
  const wanted = w.repository || own
  const mapped = Object.keys(ctx.repositories).find((k) => sameRepository(k, wanted))
  const source =
    mapped !== undefined
      ? path.resolve(ctx.repositories[mapped]!)
      : sameRepository(wanted, own)
        ? ctx.repoRoot
        : undefined
  if (!source) {
    throw new Error(`actions/checkout: repository ${wanted} has no local checkout (map it in repositories)`)
  }
  const sparse = (w['sparse-checkout'] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const commit = w.ref ? resolveCommit(source, w.ref) : undefined
  // HEAD only matters against a ref (each `git` start costs a fork of this process).
  const head = commit === undefined ? undefined : resolveCommit(source, 'HEAD')
  const otherCommit = commit !== undefined && (commit !== head || sparse.length > 0)
  if (!w.path) {
    if (realpathSync(source) !== realpathSync(ctx.workspace)) {
      throw new Error(`actions/checkout: repository ${wanted} at the workspace root; give it a path:`)
    }
    if (otherCommit && commit !== head) {
      throw new Error(`actions/checkout: the workspace holds ${head}, not ${w.ref}; start the run at that commit`)
    }
    return { outputs: commit ? { ref: w.ref!, commit } : {} }
  }
  const target = path.resolve(ctx.workspace, w.path)
  const rel = path.relative(ctx.workspace, target)
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error('actions/checkout: path must name a directory inside the workspace')
  }
  mkdirSync(path.dirname(target), { recursive: true })
  if (otherCommit) {
    clearEarlierCheckout(target, rel)
    const cone = String(w['sparse-checkout-cone-mode'] ?? 'true') !== 'false'
    writeCommit(source, commit!, target, sparse.length ? sparsePaths(source, commit!, sparse, cone) : undefined)
    ctx.log(`${wanted}@${commit} at ${rel}${sparse.length ? ` (sparse: ${sparse.join(', ')})` : ''}`)
    return { outputs: { ref: w.ref!, commit: commit! } }
  }
  try {
    symlinkSync(source, target, 'dir')
  } catch (error) {
    // Jobs of one run (and runs sharing the workspace) check out the same repository at the same path.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    if (existsSync(path.join(target, MARKER))) {
      clearEarlierCheckout(target, rel)
      symlinkSync(source, target, 'dir')
    } else if (realpathSync(target) !== realpathSync(source)) {
      throw new Error(`actions/checkout: path ${rel} already holds something else`)
    }
  }
  ctx.log(`${wanted}${w.ref ? `@${w.ref}` : ''} at ${rel}`)
  return { outputs: { ref: w.ref ?? '' } }
}
