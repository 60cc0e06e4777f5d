#!/usr/bin/env node
// Writes packages/sandbox/specs/okta-management.yaml: the operations the Okta emulator serves, cut out of
// Okta's Management API OpenAPI description with every component they reference, and nothing else.
//
// Usage: node scripts/trim-okta-spec.mjs <management.yaml>
//
// The input is Okta's own description, `oas-spec/management.yaml` of the okta/okta-sdk-nodejs repository (the
// source its SDK is generated from; the npm package does not ship it, and `@okta/openapi` on npm is the
// older Swagger 2.0 description of SDK 2.x). Only this script reads it; tests read the trimmed copy.
// Apache-2.0: the copy says it is modified, and packages/sandbox/specs/NOTICE names the source.
//
// Trimming: only the listed methods of the listed paths; `components` reduced to what those reach through
// `$ref`; `example(s)` dropped (some hold `$ref`s that do not resolve); prose (`description`, `summary`
// strings) dropped. Schemas, enums, formats, required lists and responses stay exactly as Okta wrote them.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../packages/sandbox/package.json', import.meta.url))
const yaml = require('js-yaml')

/** Every route the Okta emulator registers (packages/sandbox/src/emulators/okta.ts); a test keeps them equal. */
export const OKTA_OPERATIONS = [
  'GET /api/v1/users',
  'POST /api/v1/users',
  'GET /api/v1/users/{userId}',
  'POST /api/v1/users/{userId}',
  'PUT /api/v1/users/{userId}',
  'DELETE /api/v1/users/{userId}',
  'GET /api/v1/users/{userId}/groups',
  'POST /api/v1/users/{userId}/lifecycle/activate',
  'POST /api/v1/users/{userId}/lifecycle/deactivate',
  'POST /api/v1/users/{userId}/lifecycle/suspend',
  'POST /api/v1/users/{userId}/lifecycle/unsuspend',
  'DELETE /api/v1/users/{userId}/sessions',
  'GET /api/v1/groups',
  'POST /api/v1/groups',
  'GET /api/v1/groups/{groupId}',
  'GET /api/v1/groups/{groupId}/users',
  'PUT /api/v1/groups/{groupId}/users/{userId}',
  'DELETE /api/v1/groups/{groupId}/users/{userId}',
]

const PROSE = new Set(['description', 'summary'])
const EXAMPLES = new Set(['example', 'examples'])

/** Drops examples and prose, but never a schema property that happens to carry such a name. */
function clean(value, underProperties = false) {
  if (Array.isArray(value)) return value.map((v) => clean(v))
  if (!value || typeof value !== 'object') return value
  const out = {}
  for (const [k, v] of Object.entries(value)) {
    if (!underProperties && EXAMPLES.has(k)) continue
    if (!underProperties && PROSE.has(k) && typeof v === 'string') continue
    if (k.startsWith('x-okta-') || k === 'x-codegen-request-body-name') continue
    out[k] = clean(v, !underProperties && k === 'properties')
  }
  return out
}

function refsIn(value, found = new Set()) {
  if (Array.isArray(value)) for (const v of value) refsIn(v, found)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.add(v)
      else refsIn(v, found)
    }
  }
  return found
}

export function trim(doc) {
  const paths = {}
  for (const op of OKTA_OPERATIONS) {
    const [method, path] = op.split(' ')
    const item = doc.paths?.[path]
    const operation = item?.[method.toLowerCase()]
    if (!operation) throw new Error(`${op}: not in the given description`)
    paths[path] ??= item.parameters ? { parameters: item.parameters } : {}
    paths[path][method.toLowerCase()] = operation
  }
  const kept = clean({ paths })
  // Follow `$ref`s to a fixed point: a component is kept once something kept points at it.
  const components = {}
  const queue = [...refsIn(kept)]
  const seen = new Set()
  while (queue.length) {
    const ref = queue.pop()
    if (seen.has(ref)) continue
    seen.add(ref)
    const parts = ref.replace(/^#\//, '').split('/')
    if (parts[0] !== 'components' || parts.length !== 3) throw new Error(`unsupported $ref ${ref}`)
    const target = doc.components?.[parts[1]]?.[parts[2]]
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`)
    const cleaned = clean(target)
    components[parts[1]] ??= {}
    components[parts[1]][parts[2]] = cleaned
    queue.push(...refsIn(cleaned))
  }
  const sorted = Object.fromEntries(
    Object.keys(components)
      .sort()
      .map((kind) => [
        kind,
        Object.fromEntries(
          Object.keys(components[kind])
            .sort()
            .map((n) => [n, components[kind][n]]),
        ),
      ]),
  )
  return {
    openapi: doc.openapi,
    info: { title: doc.info.title, version: doc.info.version, license: doc.info.license },
    servers: [{ url: '/' }],
    paths: kept.paths,
    components: sorted,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const input = process.argv[2]
  if (!input) {
    console.error('usage: node scripts/trim-okta-spec.mjs <management.yaml>')
    process.exit(1)
  }
  const doc = yaml.load(readFileSync(input, 'utf8'))
  const out = new URL('../packages/sandbox/specs/okta-management.yaml', import.meta.url)
  const header = [
    `# Okta Admin Management API ${doc.info.version}, trimmed by scripts/trim-okta-spec.mjs to the operations the`,
    '# sandbox Okta emulator serves. Modified from the original (operations, prose and examples removed).',
    '# Copyright Okta, Inc. Licensed under the Apache License, Version 2.0; see NOTICE beside this file.',
    '',
  ].join('\n')
  writeFileSync(out, header + yaml.dump(trim(doc), { lineWidth: -1, noRefs: true }))
  console.log(`wrote ${out.pathname}`)
}
