/** Secret masking as the runner does it: every registered value becomes `***` in anything printed. */
export class Masker {
  private readonly values = new Set<string>()

  add(value: string | undefined): void {
    if (!value) return
    const trimmed = value.trim()
    if (trimmed) this.values.add(trimmed)
    // Multi-line secrets are also masked line by line, since logs are printed per line.
    for (const line of value.split(/\r?\n/)) if (line.trim()) this.values.add(line.trim())
  }

  mask(text: string): string {
    if (this.values.size === 0 || !text) return text
    let out = text
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(value).join('***')
    return out
  }

  contains(text: string): boolean {
    for (const value of this.values) if (text.includes(value)) return true
    return false
  }
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file: `name=value` lines and
 * `name<<DELIMITER` heredocs, as the runner's SetEnvFileCommand does.
 */
export function parseKeyValueFile(content: string, fileName = 'file command'): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = content.split(/\r?\n/)
  let index = 0
  while (index < lines.length) {
    const line = lines[index] ?? ''
    index++
    if (line === '') continue
    const heredoc = line.indexOf('<<')
    const equals = line.indexOf('=')
    if (heredoc > 0 && (equals === -1 || heredoc < equals)) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      if (!delimiter) throw new Error(`${fileName}: empty delimiter for '${name}'`)
      const value: string[] = []
      let closed = false
      while (index < lines.length) {
        const next = lines[index] ?? ''
        index++
        if (next === delimiter) {
          closed = true
          break
        }
        value.push(next)
      }
      if (!closed) throw new Error(`${fileName}: matching delimiter not found '${delimiter}'`)
      out[name] = value.join('\n')
    } else if (equals > 0) {
      out[line.slice(0, equals)] = line.slice(equals + 1)
    } else {
      throw new Error(`${fileName}: invalid line '${line}' (expected name=value or name<<DELIMITER)`)
    }
  }
  return out
}

export interface WorkflowCommand {
  command: string
  properties: Record<string, string>
  message: string
}

function unescapeData(value: string): string {
  return value.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

function unescapeProperty(value: string): string {
  return unescapeData(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',')
}

/** Parses `::command key=value,key=value::message`; undefined for an ordinary log line. */
export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  if (!line.startsWith('::')) return undefined
  const end = line.indexOf('::', 2)
  if (end === -1) return undefined
  const info = line.slice(2, end)
  const space = info.indexOf(' ')
  const command = (space === -1 ? info : info.slice(0, space)).trim()
  if (!/^[A-Za-z][A-Za-z-]*$/.test(command)) return undefined
  const properties: Record<string, string> = {}
  if (space !== -1) {
    for (const pair of info.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=')
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1))
    }
  }
  return { command, properties, message: unescapeData(line.slice(end + 2)) }
}
