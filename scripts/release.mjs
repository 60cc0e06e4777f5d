#!/usr/bin/env node
// The checks of .github/workflows/release.yml, kept out of YAML so they are tested (test/policy/release.test.ts).
//   node scripts/release.mjs notes vX.Y.Z        the tag matches package.json and has a CHANGELOG.md section;
//                                                prints that section (the release notes)
//   node scripts/release.mjs major vX.Y.Z < refs prints vX when vX.Y.Z is the highest vX.*.* among the tag refs
//                                                on stdin (one refs/tags/… a line), so a patch of an older minor
//                                                never moves vX backwards; prints nothing otherwise
import { readFileSync } from 'node:fs'

const SEMVER_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/
const root = new URL('..', import.meta.url)

export function parseTag(tag) {
  const m = SEMVER_TAG.exec(tag)
  if (!m) throw new Error(`tag: must be vMAJOR.MINOR.PATCH (semantic version, no pre-release)`)
  return m.slice(1).map(Number)
}

/** The CHANGELOG.md section of a version: from its `## [X.Y.Z]` heading to the next `## ` heading. */
export function releaseNotes(tag, changelog, packageVersion) {
  const version = parseTag(tag).join('.')
  if (packageVersion !== version) throw new Error(`package.json version is ${packageVersion}, the tag says ${version}`)
  const lines = changelog.split('\n')
  const start = lines.findIndex((l) => l.startsWith(`## [${version}]`))
  if (start < 0) throw new Error(`CHANGELOG.md: no "## [${version}]" section`)
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '))
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
  if (!body) throw new Error(`CHANGELOG.md: the "## [${version}]" section is empty`)
  return `${body}\n`
}

/** `vX` when `tag` is the highest release of its major among `refs`; undefined otherwise. */
export function majorToMove(tag, refs) {
  const [major] = parseTag(tag)
  const mine = parseTag(tag)
  for (const ref of refs) {
    const name = ref.replace(/^refs\/tags\//, '')
    if (!SEMVER_TAG.test(name)) continue
    const other = parseTag(name)
    if (other[0] !== major) continue
    for (let i = 0; i < 3; i++) {
      if (other[i] > mine[i]) return undefined
      if (other[i] < mine[i]) break
    }
  }
  return `v${major}`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, tag] = process.argv.slice(2)
  try {
    if (command === 'notes') {
      const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
      process.stdout.write(releaseNotes(tag, readFileSync(new URL('CHANGELOG.md', root), 'utf8'), pkg.version))
    } else if (command === 'major') {
      const refs = readFileSync(0, 'utf8').split('\n').filter(Boolean)
      const major = majorToMove(tag, refs)
      if (major) console.log(major)
    } else {
      throw new Error('usage: node scripts/release.mjs notes|major vX.Y.Z')
    }
  } catch (e) {
    console.error(`release: ${e.message}`)
    process.exit(1)
  }
}
