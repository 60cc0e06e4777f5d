// The bundle's entry (dist/server.js). `node dist/server.js` starts the HTTP server; as a Lambda function
// (handler `server.handler`) it answers function URL events. Both read their configuration from the
// environment (config.ts).

import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { formatProblem, UserError } from '@onramp/core'
import { relayOptionsFromEnv } from './config.js'
import { createLambdaHandler } from './lambda.js'
import { createRelayServer } from './node.js'

export const handler = createLambdaHandler(() => relayOptionsFromEnv())

function isMain(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href
  } catch {
    return false
  }
}

if (isMain()) {
  let options: ReturnType<typeof relayOptionsFromEnv>
  try {
    options = relayOptionsFromEnv()
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    for (const p of error.problems) console.error(`onramp-relay: ${formatProblem(p)}`)
    process.exit(2)
  }
  const port = Number(process.env.PORT || 8080)
  const host = process.env.HOST || '0.0.0.0'
  const server = createRelayServer(options)
  server.listen(port, host, () => {
    const bound = server.address()
    console.log(JSON.stringify({ outcome: 'listening', port: typeof bound === 'object' && bound ? bound.port : port }))
  })
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)))
}
