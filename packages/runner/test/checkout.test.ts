// The actions/checkout stand-in writing another commit's tree: never through a link that a run sharing the
// workspace put at the path meanwhile, which points at the repository itself.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCommit } from '../src/checkout.js'

function repoWithTwoCommits(): { repo: string; first: string } {
  const repo = mkdtempSync(join(tmpdir(), 'onramp-checkout-repo-'))
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo })
      .toString()
      .trim()
  git('init', '-q')
  writeFileSync(join(repo, 'file.txt'), 'first\n')
  git('add', '.')
  git('commit', '-qm', 'first')
  const first = git('rev-parse', 'HEAD')
  writeFileSync(join(repo, 'file.txt'), 'second\n')
  git('commit', '-qam', 'second')
  return { repo, first }
}

describe('a checkout at another commit', () => {
  it('writes the tree and its marker at a free path', () => {
    const { repo, first } = repoWithTwoCommits()
    const workspace = mkdtempSync(join(tmpdir(), 'onramp-checkout-ws-'))
    writeCommit(repo, first, join(workspace, '.onramp'), undefined)
    expect(readFileSync(join(workspace, '.onramp', 'file.txt'), 'utf8')).toBe('first\n')
    expect(readFileSync(join(workspace, '.onramp', '.onramp-checkout'), 'utf8')).toBe(`${first}\n`)
    expect(readdirSync(workspace)).toEqual(['.onramp'])
  })

  it('refuses a path another run linked to the repository meanwhile, and leaves the repository as it was', () => {
    const { repo, first } = repoWithTwoCommits()
    const workspace = mkdtempSync(join(tmpdir(), 'onramp-checkout-ws-'))
    symlinkSync(repo, join(workspace, '.onramp'), 'dir')
    expect(() => writeCommit(repo, first, join(workspace, '.onramp'), undefined)).toThrow(
      /\.onramp was filled by another checkout meanwhile/,
    )
    expect(readFileSync(join(repo, 'file.txt'), 'utf8')).toBe('second\n')
    expect(existsSync(join(repo, '.onramp-checkout'))).toBe(false)
    expect(readdirSync(workspace)).toEqual(['.onramp'])
  })
})
