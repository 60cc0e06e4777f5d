// A user error is bad input (a payload, a YAML file, an input): the message names the place and the rule
// and never the value. Anything else is a bug or an outage and is reported as such.

export interface Place {
  file?: string
  line?: number // 1-based
  column?: number // 1-based
  /** Dotted path of the field, e.g. `client_payload.email` or `roles.backend.aws.policies[0]`. */
  field?: string
}

export interface Problem extends Place {
  rule: string
}

export class UserError extends Error {
  readonly problems: Problem[]
  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems]
    super(list.map(formatProblem).join('\n'))
    this.name = 'UserError'
    this.problems = list
  }
}

export function formatProblem(p: Problem): string {
  const where = [p.file && `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`, p.field]
    .filter(Boolean)
    .join(' ')
  return where ? `${where}: ${p.rule}` : p.rule
}
