// The release checks: a tag is a semantic version that package.json and CHANGELOG.md agree on, and the major
// tag only ever moves forward.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { majorToMove, releaseNotes } from '../../scripts/release.mjs'

const root = new URL('../..', import.meta.url)
const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8')
const version = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version as string

describe('release', () => {
  it('the current version has release notes in CHANGELOG.md', () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(releaseNotes(`v${version}`, changelog, version)).toMatch(/\S/)
  })

  it('refuses a tag that is not vX.Y.Z, disagrees with package.json, or has no CHANGELOG section', () => {
    expect(() => releaseNotes('v1.0', changelog, '1.0')).toThrow('tag: must be vMAJOR.MINOR.PATCH')
    expect(() => releaseNotes('v1.0.0-rc.1', changelog, '1.0.0')).toThrow('tag: must be vMAJOR.MINOR.PATCH')
    expect(() => releaseNotes('v9.9.9', changelog, version)).toThrow(`package.json version is ${version}`)
    expect(() => releaseNotes('v9.9.9', changelog, '9.9.9')).toThrow('CHANGELOG.md: no "## [9.9.9]" section')
  })

  it('takes the notes from the version heading to the next', () => {
    const text = '# Changelog\n\n## [1.1.0] - 2026-12-01\n\n- new\n\n## [1.0.0] - 2026-11-30\n\n- first\n'
    expect(releaseNotes('v1.1.0', text, '1.1.0')).toBe('- new\n')
    expect(releaseNotes('v1.0.0', text, '1.0.0')).toBe('- first\n')
  })

  it('moves the major tag only to the highest release of that major', () => {
    const refs = ['refs/tags/v1', 'refs/tags/v1.0.0', 'refs/tags/v1.2.0', 'refs/tags/v2.0.0', 'refs/tags/v1.10.1']
    expect(majorToMove('v1.10.2', refs)).toBe('v1')
    expect(majorToMove('v1.2.1', refs)).toBeUndefined()
    expect(majorToMove('v2.0.1', refs)).toBe('v2')
    expect(majorToMove('v3.0.0', refs)).toBe('v3')
  })
})
