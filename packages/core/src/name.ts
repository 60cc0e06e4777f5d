// Display names from HR events. A name is only ever shown, never turned into an identifier, so the rules
// keep it printable and honest: no control or bidi characters, no look-alike letters from another script
// inside one word, and none of the punctuation that only appears in markup or shell text.

import type { CheckResult } from './email.js'

const MAX_CODE_POINTS = 128
const MAX_RAW = 1024

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u
// Characters that render as nothing (Hangul fillers, the combining grapheme joiner, variation selectors, tag
// characters, Khmer inherent vowels, Mongolian variation selectors): a name made of or padded with them looks
// like another name, or like no name at all.
const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is matched on its own, by design
  /[\u115F\u1160\u3164\uFFA0\u034F\u17B4\u17B5\u180B-\u180F\uFE00-\uFE0F\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u
// Zero-width joiner and non-joiner are needed by several scripts (checked below); other format characters hide text.
const FORMAT = /(?![\u200C\u200D])\p{Cf}/u
const JOINER = /[\u200C\u200D]/u
// Scripts whose spelling needs a zero-width (non-)joiner between letters: Persian, Urdu, the Indic scripts.
const JOINING_SCRIPTS =
  /\p{Script=Arabic}|\p{Script=Syriac}|\p{Script=Devanagari}|\p{Script=Bengali}|\p{Script=Gurmukhi}|\p{Script=Gujarati}|\p{Script=Oriya}|\p{Script=Tamil}|\p{Script=Telugu}|\p{Script=Kannada}|\p{Script=Malayalam}|\p{Script=Sinhala}/u
// Latin look-alikes with no compatibility mapping: small capitals (IPA and phonetic extensions).
const SMALL_CAPITALS = /[\u0262\u026A\u0274\u0276\u0280\u028F\u0299\u029B\u029C\u029F\u1D00-\u1DBF\uA730\uA731\uA7AF]/u
// A letter that is not a modifier (ʻ, ʼ) and not a filler: something a reader sees as a letter.
const VISIBLE_LETTER = /(?![\u115F\u1160\u3164\uFFA0])[\p{Lu}\p{Ll}\p{Lt}\p{Lo}]/u
// Letters, marks, digits, spaces (ASCII and ideographic) and the punctuation real names use.
// U+02BB (ʻokina) is a letter (Lm); U+2019 is the apostrophe as typed in O’Brien; joiners are placed above.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each code point is matched on its own, by design
const ALLOWED = /^[\p{L}\p{M}\p{Nd} \u3000'\u2019.,()\u00B7\u30FB\u200C\u200D-]+$/u

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
  if (INVISIBLE.test(value)) return fail('contains an invisible or filler character')
  if (FORMAT.test(value)) return fail('contains an invisible formatting character')
  if (!joinersBetweenLetters(value))
    return fail('has a zero-width joiner or non-joiner outside a word of a script that uses one')
  if (!ALLOWED.test(value))
    return fail("contains a character not allowed in a name (letters, digits, spaces and ' . , - ( ) only)")
  if (!VISIBLE_LETTER.test(value)) return fail('contains no visible letter')
  if (SMALL_CAPITALS.test(value) || [...value].some(isCompatibilityLetter))
    return fail('contains a styled look-alike of a letter (mathematical, full-width, superscript or small capital)')
  for (const word of value.split(/[^\p{L}\p{M}]+/u)) {
    if (mixedScripts(word)) return fail('mixes scripts within a word (look-alike characters)')
  }
  return { ok: true, value }
}

/** A letter whose compatibility form (NFKC) is another letter: 𝐀, Ａ, ᵃ, ﬁ and the like. */
function isCompatibilityLetter(ch: string): boolean {
  return /\p{L}/u.test(ch) && ch.normalize('NFKC') !== ch
}

/** Each U+200C / U+200D stands after a letter (or its marks) and before a letter, both of a joining script. */
function joinersBetweenLetters(value: string): boolean {
  const chars = [...value]
  for (let i = 0; i < chars.length; i++) {
    if (!JOINER.test(chars[i]!)) continue
    let before = i - 1
    while (before >= 0 && /\p{M}/u.test(chars[before]!)) before--
    const prev = chars[before]
    const next = chars[i + 1]
    if (!prev || !next || !JOINING_SCRIPTS.test(prev) || !JOINING_SCRIPTS.test(next)) return false
    if (!/\p{L}/u.test(prev) || !/\p{L}/u.test(next)) return false
  }
  return true
}

function mixedScripts(word: string): boolean {
  const seen = new Set<string>()
  for (const ch of word) {
    // Letters shared by every script (ʻ U+02BB, ʼ U+02BC) belong to none.
    if (!/\p{L}/u.test(ch) || /\p{Script=Common}|\p{Script=Inherited}/u.test(ch)) continue
    seen.add(SCRIPT_RE.find(([, re]) => re.test(ch))?.[0] ?? 'other')
  }
  if (seen.size <= 1) return false
  return !COMPATIBLE.some((set) => [...seen].every((s) => set.has(s)))
}

function fail(rule: string): CheckResult {
  return { ok: false, rule }
}
