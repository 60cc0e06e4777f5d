import { describe, expect, it } from 'vitest'
import { MAX_COMMENT_CHARS, stickyBody } from '../src/sticky-comment.js'

describe('stickyBody', () => {
  const marker = '<!-- onramp:plan -->'
  const truncatedNote = '_Cut: the job summary has all of it._'

  it('puts the marker first and leaves a body that fits as it is', () => {
    expect(stickyBody({ marker, body: 'a\nb', truncatedNote })).toBe(`${marker}\na\nb`)
  })

  it('cuts a body too long for one comment at a line boundary, with the note, within GitHub’s limit', () => {
    const line = `| E${'1'.repeat(20)} | \`team:platform\` |`
    const body = Array.from({ length: 5000 }, () => line).join('\n')
    const out = stickyBody({ marker, body, truncatedNote })
    expect(out.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(out.startsWith(`${marker}\n`)).toBe(true)
    expect(out.endsWith(`\n\n${truncatedNote}`)).toBe(true)
    const kept = out.slice(marker.length + 1, -(truncatedNote.length + 2)).split('\n')
    expect(kept.every((l) => l === line)).toBe(true)
  })
})
