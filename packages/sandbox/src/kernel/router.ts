// Path-pattern routing for REST emulators. Route ids keep the documented `{param}` form so the log, faults
// and limits speak the same names as the API reference.

export interface Route<H> {
  id: string
  method: string
  mutating: boolean
  params: Record<string, string>
  handler: H
}

interface Entry<H> {
  method: string
  pattern: string
  regex: RegExp
  names: string[]
  mutating: boolean
  handler: H
}

export class Router<H> {
  private entries: Entry<H>[] = []

  /** `pattern` like `/orgs/{org}/memberships/{username}`; params match one path segment. */
  on(method: string, pattern: string, handler: H, opts: { mutating?: boolean } = {}): this {
    const names: string[] = []
    const source = pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
      names.push(name)
      return '([^/]+)'
    })
    this.entries.push({
      method: method.toUpperCase(),
      pattern,
      regex: new RegExp(`^${source}/?$`),
      names,
      mutating: opts.mutating ?? !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()),
      handler,
    })
    return this
  }

  /** Every registered route as `METHOD pattern`, the form route ids take. */
  ids(): string[] {
    return this.entries.map((e) => `${e.method} ${e.pattern}`)
  }

  match(method: string, path: string): Route<H> | undefined {
    for (const e of this.entries) {
      if (e.method !== method.toUpperCase()) continue
      const m = e.regex.exec(path)
      if (!m) continue
      const params: Record<string, string> = {}
      e.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1]!)
      })
      return { id: `${e.method} ${e.pattern}`, method: e.method, mutating: e.mutating, params, handler: e.handler }
    }
    return undefined
  }
}
