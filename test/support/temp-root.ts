// Vitest's global setup: every temporary folder the suite makes goes under one folder, removed when the suite ends.
// The tests', the local runner's and the spawned actions' alike (os.tmpdir() reads TMPDIR, which workers and the
// runner's steps inherit), so a run of the suite leaves nothing behind in the machine's temp folder.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'onramp-test-'))
  process.env.TMPDIR = root
  return () => rmSync(root, { recursive: true, force: true })
}
