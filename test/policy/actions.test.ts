// Every action's metadata: node24, a main that exists, kebab-case names, a description everywhere, and every
// input says whether it is required (an optional one has a default), as callers from other repositories read it.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const actions = readdirSync(join(root, 'actions')).filter((a) => existsSync(join(root, 'actions', a, 'action.yml')))
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

describe('action metadata', () => {
  it('finds the actions', () => {
    expect(actions.length).toBeGreaterThan(0)
  })

  for (const name of actions) {
    const dir = join(root, 'actions', name)
    const meta = load(readFileSync(join(dir, 'action.yml'), 'utf8')) as Record<string, any>

    it(`${name}: runs on node24 from an existing bundle`, () => {
      expect(meta.runs?.using).toBe('node24')
      expect(meta.runs?.main).toBe('dist/index.js')
      expect(existsSync(join(dir, meta.runs.main))).toBe(true)
      expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type).toBe('module')
    })

    it(`${name}: names and describes every input and output`, () => {
      expect(meta.name).toBeTruthy()
      expect(meta.description).toBeTruthy()
      for (const kind of ['inputs', 'outputs'] as const) {
        for (const [key, spec] of Object.entries<Record<string, unknown>>(meta[kind] ?? {})) {
          expect(key, `${kind}.${key} is kebab-case`).toMatch(KEBAB)
          expect(spec?.description, `${kind}.${key} has a description`).toBeTruthy()
          if (kind === 'inputs') {
            expect(typeof spec.required, `inputs.${key} says required: true or false`).toBe('boolean')
            if (spec.required === false) expect(typeof spec.default, `inputs.${key} has a default`).toBe('string')
            if (spec.required === true) expect(spec.default, `inputs.${key} is required: no default`).toBeUndefined()
          }
        }
      }
    })
  }
})
