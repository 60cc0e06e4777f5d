// Untrusted-YAML loading with positions. Values come from js-yaml's `load` (JSON schema: no custom types,
// duplicate keys rejected, no aliases); line/column for a JSON pointer come from the parser's event stream,
// computed only when a problem needs to be reported.

import { EVENT_ID, type Event, getScalarValue, JSON_SCHEMA, load, parseEvents, YAMLException } from 'js-yaml'
import { UserError } from './errors.js'

export interface Position {
  line: number // 1-based
  column: number // 1-based
}

/** Parses one YAML document. Syntax errors become a `UserError` at js-yaml's mark. */
export function parseYaml(text: string, file: string): unknown {
  try {
    // Aliases are refused: a role map has no need for them and they let a small file expand enormously.
    return load(text, { schema: JSON_SCHEMA, filename: file, maxAliases: 0 })
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e
    const empty = /input is empty/.test(e.reason)
    const rule = empty ? 'the file is empty' : `YAML syntax: ${withoutTokens(e.reason)}`
    return e.mark
      ? raise(file, rule, { line: e.mark.line + 1, column: e.mark.column + 1 })
      : raise(file, rule, undefined)
  }
}

// Some reasons quote a tag or alias name from the file; keep the rule, drop the token.
function withoutTokens(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/!<[^>]*>/g, '!<…>')
    .replace(/(such characters): .*$/, '$1')
}

function raise(file: string, rule: string, at: Position | undefined): never {
  throw new UserError({ file, ...at, rule })
}

/** Where a JSON pointer points in `text`: the key itself when `key` is set, otherwise the value. */
export class Locator {
  private index?: Map<string, { key?: number; value: number }>
  private lines?: number[]
  constructor(private readonly text: string) {}

  locate(pointer: string, key = false): Position | undefined {
    this.index ??= indexEvents(this.text)
    // Walk up to the nearest ancestor that exists (e.g. a missing key is reported at its parent).
    for (let p = pointer; ; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      const hit = this.index.get(p)
      if (hit) return this.position(key && p === pointer && hit.key !== undefined ? hit.key : hit.value)
      if (p === '') return undefined
    }
  }

  private position(offset: number): Position {
    if (!this.lines) {
      this.lines = [0]
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.lines.push(i + 1)
    }
    let lo = 0
    let hi = this.lines.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.lines[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - this.lines[lo]! + 1 }
  }
}

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1')
}

interface Frame {
  pointer: string
  kind: 'map' | 'seq'
  index: number
  pendingKey?: { name: string; offset: number }
}

function indexEvents(text: string): Map<string, { key?: number; value: number }> {
  const out = new Map<string, { key?: number; value: number }>()
  let events: Event[]
  try {
    events = parseEvents(text, {})
  } catch {
    return out
  }
  const stack: Frame[] = []
  // The pointer of the node an event opens, and records a mapping key when the event is one.
  const place = (offset: number): string | undefined => {
    const top = stack[stack.length - 1]
    if (!top) {
      out.set('', { value: offset })
      return ''
    }
    if (top.kind === 'seq') {
      const pointer = `${top.pointer}/${top.index++}`
      out.set(pointer, { value: offset })
      return pointer
    }
    if (!top.pendingKey) return undefined // this node is a key
    const pointer = `${top.pointer}/${escapePointer(top.pendingKey.name)}`
    out.set(pointer, { key: top.pendingKey.offset, value: offset })
    top.pendingKey = undefined
    return pointer
  }
  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const pointer = place(ev.start)
        stack.push({ pointer: pointer ?? '\0', kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq', index: 0 })
        break
      }
      case EVENT_ID.SCALAR: {
        const start = ev.style === 2 || ev.style === 3 ? ev.valueStart - 1 : ev.valueStart // include the quote
        const top = stack[stack.length - 1]
        if (top?.kind === 'map' && !top.pendingKey) {
          top.pendingKey = { name: getScalarValue(text, ev), offset: start }
        } else {
          place(start)
        }
        break
      }
      case EVENT_ID.POP:
        stack.pop()
        break
      default:
        break
    }
  }
  return out
}
