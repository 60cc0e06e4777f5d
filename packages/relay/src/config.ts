// Configuration from the environment, the same for the Node server and the Lambda function. A missing or
// malformed variable is named; its value never is (several are secrets).

import { readFileSync } from 'node:fs'
import { UserError } from '@onramp/core'
import { SeenEvents } from './dedup.js'
import { createDispatch } from './dispatch.js'
import { parseMapping } from './mapping.js'
import { DEFAULT_MAX_BODY_BYTES, type RelayOptions } from './relay.js'
import { DEFAULT_WINDOW_SECONDS } from './verify.js'

export function relayOptionsFromEnv(env: Record<string, string | undefined> = process.env): RelayOptions {
  const problems: { field: string; rule: string }[] = []
  const need = (name: string): string => {
    const v = env[name]
    if (!v) problems.push({ field: name, rule: 'required' })
    return v ?? ''
  }
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const v = env[name]
    if (v === undefined || v === '') return fallback
    const n = Number(v)
    if (!Number.isInteger(n) || n < min || n > max)
      problems.push({ field: name, rule: `must be an integer ${min}-${max}` })
    return n
  }

  let mappingText = env.RELAY_MAPPING
  const mappingFile = env.RELAY_MAPPING_FILE
  if (!mappingText && mappingFile) {
    try {
      mappingText = readFileSync(mappingFile, 'utf8')
    } catch {
      problems.push({ field: 'RELAY_MAPPING_FILE', rule: 'must name a readable file' })
    }
  } else if (!mappingText) problems.push({ field: 'RELAY_MAPPING_FILE', rule: 'required (or RELAY_MAPPING)' })
  const hrKeys = need('RELAY_HR_KEYS')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
  const eventKey = need('ONRAMP_EVENT_KEY')
  const appId = need('GITHUB_APP_ID')
  // A PEM pasted into a single-line variable arrives with literal \n.
  const privateKey = need('GITHUB_APP_PRIVATE_KEY').replace(/\\n/g, '\n')
  const installationId = int('GITHUB_APP_INSTALLATION_ID', Number.NaN, 1, Number.MAX_SAFE_INTEGER)
  if (!env.GITHUB_APP_INSTALLATION_ID) problems.push({ field: 'GITHUB_APP_INSTALLATION_ID', rule: 'required' })
  const repository = need('ONRAMP_REPOSITORY')
  const [owner, repo, ...rest] = repository.split('/')
  if (repository && (!owner || !repo || rest.length))
    problems.push({ field: 'ONRAMP_REPOSITORY', rule: 'must be owner/name' })
  const baseUrl = env.GITHUB_API_URL || 'https://api.github.com'
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) problems.push({ field: 'GITHUB_API_URL', rule: 'must be an http(s) URL' })
  const windowSeconds = int('RELAY_WINDOW_SECONDS', DEFAULT_WINDOW_SECONDS, 30, 3600)
  const maxBodyBytes = int('RELAY_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, 1024, 6 * 1024 * 1024)
  const dedupSeconds = int('RELAY_DEDUP_SECONDS', 86_400, 300, 30 * 86_400)
  if (problems.length) throw new UserError(problems)

  const mapping = parseMapping(mappingText!, mappingFile || 'RELAY_MAPPING')
  return {
    mapping,
    hrKeys,
    eventKey,
    windowSeconds,
    maxBodyBytes,
    dedup: new SeenEvents(dedupSeconds * 1000),
    dispatch: createDispatch({ appId, privateKey, installationId, owner: owner!, repo: repo!, baseUrl }),
  }
}
