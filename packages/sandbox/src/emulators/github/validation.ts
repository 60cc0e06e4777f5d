// Checks requests and responses against GitHub's official OpenAPI description (`@octokit/openapi`), as
// trimmed into the repository by scripts/trim-github-spec.ts (packages/sandbox/specs/github-api.json).
// Loaded only on demand: compiling the validators takes a few hundred ms, too slow for `pnpm sandbox`.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/** GitHub's description, cut down to the paths the emulator serves. */
export const GITHUB_SPEC_PATH = fileURLToPath(new URL('../../../specs/github-api.json', import.meta.url))

export interface Issue {
  kind: 'request' | 'response'
  operationId: string
  status?: number
  errors: string[]
}

export interface OpenApiCheck {
  request(
    operationId: string,
    req: {
      method: string
      path: string
      query: Record<string, string>
      headers: Record<string, string>
      body: unknown
    },
  ): string[]
  /** Errors for a response body; none when the description does not document the status. */
  response(operationId: string, status: number, body: unknown): string[]
}

const loaded = new Map<string, Promise<OpenApiCheck>>()

/** The paths the emulator serves; the rest of the description is dropped so validators compile fast. */
export function loadOpenApiCheck(paths: string[], definitionPath?: string): Promise<OpenApiCheck> {
  // Shared by every emulator in the process: loading takes about a second.
  const key = JSON.stringify([paths, definitionPath])
  let check = loaded.get(key)
  if (!check) {
    check = load(paths, definitionPath)
    loaded.set(key, check)
  }
  return check
}

async function load(paths: string[], definitionPath?: string): Promise<OpenApiCheck> {
  const spec = trimDescription(JSON.parse(await readFile(definitionPath ?? GITHUB_SPEC_PATH, 'utf8')), paths)
  loosen(spec)
  const [{ OpenAPIBackend }, { Ajv }, formats] = await Promise.all([
    import('openapi-backend'),
    import('ajv'),
    import('ajv-formats'),
  ])
  // Requests: openapi-backend routes and checks path, query and body.
  const api = new OpenAPIBackend({
    definition: structuredClone(spec) as never,
    quick: true,
    validate: true,
    ajvOpts: { strict: false, logger: false },
  })
  await api.init()
  // Responses: one Ajv over the whole (trimmed) description, `$ref`s compiled once and shared by every
  // operation; openapi-backend would inline them per operation, which compiles several times slower.
  const ajv = new Ajv({ strict: false, logger: false, allErrors: true, inlineRefs: false })
  formats.default.default(ajv)
  ajv.addSchema(spec, 'gh')
  const validators = new Map<string, ((b: unknown) => boolean) & { errors?: unknown }>()
  const responseValidator = (operationId: string, status: number) => {
    const key = `${operationId} ${status}`
    if (validators.has(key)) return validators.get(key)
    let v: ((b: unknown) => boolean) | undefined
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (op?.operationId !== operationId) continue
        let res = op.responses?.[String(status)]
        let pointer = `#/paths/${esc(path)}/${method}/responses/${status}`
        if (res?.$ref) {
          pointer = res.$ref
          res = resolvePointer(spec, res.$ref)
        }
        if (res?.content?.['application/json']?.schema)
          v = ajv.compile({ $ref: `gh${pointer}/content/application~1json/schema` })
      }
    }
    validators.set(key, v as never)
    return v as never
  }
  const fmt = (errors: { instancePath?: string; message?: string; params?: unknown }[] | null | undefined) =>
    (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`)
  return {
    request(operationId, req) {
      const r = api.validateRequest(req, operationId)
      return r.valid ? [] : fmt(r.errors as never)
    },
    response(operationId, status, body) {
      const v = responseValidator(operationId, status)
      if (!v || v(body)) return []
      return fmt(v.errors as never)
    },
  }
}

/**
 * The description with only `paths` (whole path items), no webhooks, no examples, and only the components those
 * paths reach. Used at load time and by scripts/trim-github-spec.ts, which writes the copy kept in the repository.
 */
export function trimDescription(spec: Record<string, any>, paths: string[]): Record<string, any> {
  const kept: Record<string, unknown> = {}
  for (const p of paths) {
    if (!spec.paths?.[p]) throw new Error(`GitHub OpenAPI description has no path ${p}`)
    kept[p] = spec.paths[p]
  }
  spec.paths = kept
  delete spec.webhooks
  delete spec['x-webhooks']
  stripExamples(spec.paths)
  spec.components = reachable(spec.paths, spec.components)
  return spec
}

const esc = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))

function resolvePointer(doc: unknown, ref: string): any {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: any, key) => node?.[key], doc)
}

/**
 * Two fixes so that correct GitHub bodies pass Ajv: `nullable` without `type` (beside `oneOf`/`allOf`), which Ajv
 * refuses, becomes `anyOf [schema, null]`; `oneOf` becomes `anyOf`, because some branches overlap (a 409 body is
 * both a `basic-error` and a `repository-rule-violation-error`, whose fields are all optional).
 */
function loosen(node: unknown): void {
  if (Array.isArray(node)) for (const n of node) loosen(n)
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    for (const v of Object.values(o)) loosen(v)
    if (Array.isArray(o.oneOf) && !o.discriminator && !o.anyOf) {
      o.anyOf = o.oneOf
      delete o.oneOf
    }
    if (o.nullable === true && !('type' in o)) {
      delete o.nullable
      const rest = { ...o }
      for (const k of Object.keys(o)) delete o[k]
      o.anyOf = [rest, { type: 'null' }]
    }
  }
}

/** Examples are documentation only and make up much of the description. */
function stripExamples(node: unknown): void {
  if (Array.isArray(node)) for (const n of node) stripExamples(n)
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    delete o.examples
    delete o.example
    for (const v of Object.values(o)) stripExamples(v)
  }
}

/** Only the components the kept paths refer to, directly or through other components. */
function reachable(paths: unknown, components: Record<string, Record<string, unknown>>) {
  const out: Record<string, Record<string, unknown>> = {}
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) visit(n)
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>
      const ref = typeof o.$ref === 'string' ? /^#\/components\/([^/]+)\/(.+)$/.exec(o.$ref) : null
      if (ref) {
        const [, kind, name] = ref as unknown as [string, string, string]
        if (!out[kind]?.[name] && components[kind]?.[name]) {
          out[kind] ??= {}
          out[kind][name] = components[kind][name]
          visit(components[kind][name])
        }
      }
      for (const v of Object.values(o)) visit(v)
    }
  }
  visit(paths)
  return out
}
