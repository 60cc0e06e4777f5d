// The relay as a plain Node HTTP server. The body is read as raw bytes (the signature is over them) and
// reading stops at the size limit.

import { createServer, type IncomingMessage, type Server } from 'node:http'
import { createRelay, DEFAULT_MAX_BODY_BYTES, type RelayOptions, type RelayResponse } from './relay.js'

const tooLarge = (max: number): RelayResponse => ({
  status: 413,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ error: `body: larger than ${max} bytes` }),
})

function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) {
        resolve(undefined)
        req.pause()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function createRelayServer(options: RelayOptions): Server {
  const relay = createRelay(options)
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  return createServer((req, res) => {
    const send = (r: RelayResponse, close = false) => {
      res.writeHead(r.status, {
        ...r.headers,
        'content-length': String(Buffer.byteLength(r.body)),
        ...(close ? { connection: 'close' } : {}),
      })
      res.end(r.body)
    }
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > max) return send(tooLarge(max), true)
    const headers: Record<string, string | undefined> = {}
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v
    readBody(req, max)
      .then(async (body) => {
        if (!body) return send(tooLarge(max), true)
        const path = new URL(req.url ?? '/', 'http://relay.invalid').pathname
        send(await relay({ method: req.method ?? 'GET', path, headers, body }))
      })
      .catch((error) => {
        console.error(JSON.stringify({ outcome: 'error', reason: error instanceof Error ? error.name : 'unknown' }))
        if (!res.headersSent) send({ status: 500, headers: {}, body: '' })
        else res.destroy()
      })
  })
}
