// `pnpm sandbox`: starts every emulator, prints the endpoints, inputs and environment, runs until SIGINT/SIGTERM.
// Flags: --roles <file> --guardrails <file> --time-scale <n> --limits --scim-profile <generic|aws-identity-center> --json
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { SCIM_PROFILES, type ScimProfile, startSandbox } from './index.js'

const { values } = parseArgs({
  options: {
    roles: { type: 'string' },
    guardrails: { type: 'string' },
    'time-scale': { type: 'string' },
    limits: { type: 'boolean', default: false },
    'scim-profile': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
})

// The repository's own access files seed the sandbox unless others are named.
const roles = values.roles ?? (existsSync('.github/access/roles.yaml') ? '.github/access/roles.yaml' : undefined)
const guardrails =
  values.guardrails ?? (existsSync('.github/access/guardrails.yaml') ? '.github/access/guardrails.yaml' : undefined)

const scimProfile = values['scim-profile'] as ScimProfile | undefined
if (scimProfile && !SCIM_PROFILES.includes(scimProfile)) {
  console.error(`--scim-profile must be one of ${SCIM_PROFILES.join(', ')}`)
  process.exit(1)
}

const began = performance.now()
const sandbox = await startSandbox({
  roles,
  guardrails,
  timeScale: values['time-scale'] ? Number(values['time-scale']) : undefined,
  limits: values.limits,
  options: scimProfile ? { scim: { profile: scimProfile } } : undefined,
})
const startedMs = Math.round(performance.now() - began)

const endpoints: Record<string, string> = {}
for (const [name, r] of Object.entries(sandbox.emulators)) endpoints[name] = r.url
endpoints['smtp (SMTP)'] = `smtp://${sandbox.emulators.smtp.smtp.host}:${sandbox.emulators.smtp.smtp.port}`

if (values.json) {
  console.log(JSON.stringify({ startedMs, endpoints, inputs: sandbox.inputs, env: sandbox.env }))
} else {
  const lines = [
    `onramp sandbox started in ${startedMs} ms (time scale ${sandbox.clock.timeScale}, limits ${values.limits ? 'on' : 'off'})`,
    '',
    'Endpoints (each also serves /__sandbox/{state,log,counters,faults,seed,clock}):',
    ...Object.entries(endpoints).map(([k, v]) => `  ${k.padEnd(12)} ${v}`),
    '',
    'Action inputs:',
    ...Object.entries(sandbox.inputs).map(([k, v]) => `  ${k}: ${v.includes('\n') ? JSON.stringify(v) : v}`),
    '',
    'Environment:',
    ...Object.entries(sandbox.env).map(([k, v]) => `  export ${k}=${v}`),
    '',
    'Ctrl-C to stop.',
  ]
  console.log(lines.join('\n'))
}

let stopping = false
const stop = async (signal: string) => {
  if (stopping) return
  stopping = true
  await sandbox.close()
  if (!values.json) console.log(`\n${signal}: sandbox stopped`)
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
