// Display names from HR events. A name is only ever shown, never turned into an identifier, so the rules
// keep it printable and honest: no control or bidi characters, no look-alike letters from another script
// inside one word, and none of the punctuation that only appears in markup or shell text.

import type { CheckResult } from './email.js'

const MAX_CODE_POINTS = 128
const MAX_RAW = 1024

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u
// Zero-width joiner and non-joiner are needed by several scripts; other format characters hide text.
const FORMAT = /(?![\u200C\u200D])\p{Cf}/u
// Letters, marks, digits, spaces (ASCII and ideographic) and the punctuation real names use.
const ALLOWED = /^[\p{L}\p{M}\p{Nd} \u3000'\u2019.,()\u00B7\u30FB-]+$/u

const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Thai',
  'Ethiopic',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
] as const
const SCRIPT_RE = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')] as const)
// Scripts that are written together within one word.
const COMPATIBLE: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Han', 'Hiragana', 'Katakana']),
  new Set(['Han', 'Hangul']),
]

export function checkName(raw: string): CheckResult {
  if (raw.length > MAX_RAW) return fail(`longer than ${MAX_CODE_POINTS} characters`)
  const value = raw.normalize('NFC').trim()
  if (value === '') return fail('must not be empty')
  if ([...value].length > MAX_CODE_POINTS) return fail(`longer than ${MAX_CODE_POINTS} characters`)
  if (/\p{Cc}/u.test(value)) return fail('contains a control character (such as a newline)')
  if (BIDI.test(value)) return fail('contains a bidirectional control character')
  if (FORMAT.test(value)) return fail('contains an invisible formatting character')
  if (!ALLOWED.test(value))
    return fail("contains a character not allowed in a name (letters, digits, spaces and ' . , - ( ) only)")
  if (!/\p{L}/u.test(value)) return fail('contains no letters')
  for (const word of value.split(/[^\p{L}\p{M}]+/u)) {
    if (mixedScripts(word)) return fail('mixes scripts within a word (look-alike characters)')
  }
  return { ok: true, value }
}

function mixedScripts(word: string): boolean {
  const seen = new Set<string>()
  for (const ch of word) {
    if (!/\p{L}/u.test(ch)) continue
    seen.add(SCRIPT_RE.find(([, re]) => re.test(ch))?.[0] ?? 'other')
  }
  if (seen.size <= 1) return false
  return !COMPATIBLE.some((set) => [...seen].every((s) => set.has(s)))
}

function fail(rule: string): CheckResult {
  return { ok: false, rule }
}
