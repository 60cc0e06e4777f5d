// The actions/checkout stand-in. The workspace already is the run's repository, so a checkout of it at the root
// is a no-op; `path:` puts a repository (the run's own, or one mapped in `repositories`) at that path in the
// workspace as a link to its local checkout, which is taken to be at `ref:` as for actions by reference.
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import type { StandIn, StandInResult } from './types.js'

function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
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
  if (!w.path) {
    if (realpathSync(source) !== realpathSync(ctx.workspace)) {
      throw new Error(`actions/checkout: repository ${wanted} at the workspace root; give it a path:`)
    }
    return { outputs: {} }
  }
  const target = path.resolve(ctx.workspace, w.path)
  const rel = path.relative(ctx.workspace, target)
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new Error('actions/checkout: path must name a directory inside the workspace')
  }
  mkdirSync(path.dirname(target), { recursive: true })
  try {
    symlinkSync(source, target, 'dir')
  } catch (error) {
    // Jobs of one run (and runs sharing the workspace) check out the same repository at the same path.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    if (realpathSync(target) !== realpathSync(source)) {
      throw new Error(`actions/checkout: path ${rel} already holds something else`)
    }
  }
  ctx.log(`${wanted}${w.ref ? `@${w.ref}` : ''} at ${rel}`)
  return { outputs: { ref: w.ref ?? '' } }
}
