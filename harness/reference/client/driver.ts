/**
 * The reference client as a long-running driver (`x402-conformance client --driver <url>`): an HTTP
 * server on 127.0.0.1 that pays for the URL of each `POST {"url": …}` and answers with the client
 * contract's JSON object. It pays from the key it was started with and keeps its batch-settlement
 * channel records in memory.
 */
import { createServer, type Server } from 'node:http'
import { listenOnLoopback } from '../../http/listen.ts'
import { memoryChannelStore } from './batch-state.ts'
import type { ClientConfig } from './config.ts'
import { payForResource } from './pay.ts'
import type { ClientSteps } from './types.ts'

/** A running driver. */
export interface ClientDriver {
  url: string
  stop(): Promise<void>
}

/** Starts a driver for `config` on a free port of 127.0.0.1. */
export async function startClientDriver(
  config: ClientConfig,
  steps?: Partial<ClientSteps>,
): Promise<ClientDriver> {
  const channels = memoryChannelStore()
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      void (async () => {
        let url: unknown
        try {
          url = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { url?: unknown }).url
        } catch {
          url = undefined
        }
        if (request.method !== 'POST' || typeof url !== 'string') {
          // Anything else (the harness's reachability check included) learns how to use the driver.
          response.writeHead(request.method === 'POST' ? 400 : 200, { 'content-type': 'application/json' })
          response.end(JSON.stringify({ usage: 'POST {"url": "<paywalled url>"}' }))
          return
        }
        const report = await payForResource(url, config, { channels, ...(steps ? { steps } : {}) })
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(JSON.stringify(report))
      })()
    })
  })
  const listening = await listenOnLoopback(server)
  return { url: `${listening.origin}/pay`, stop: listening.close }
}
