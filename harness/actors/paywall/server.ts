/**
 * The paywall: a resource server on node:http at 127.0.0.1 whose endpoints are scripted one per case
 * run. It listens on two ports, two origins: its own, and a "foreign" one that redirect cases send
 * clients to. Every request is recorded with its x402 headers decoded, whichever origin received it.
 *
 * ```ts
 * const paywall = await startPaywall({ settlement: facilitator })
 * const endpoint = paywall.endpoint(honestScript({ version: 2, paymentRequired }))
 * // … run the client against endpoint.url …
 * endpoint.requests          // what the client sent, decoded
 * await paywall.stop()
 * ```
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { type Listening, listenOnLoopback } from '../../http/listen.ts'
import { decodeX402Headers } from '../../wire/index.ts'
import type {
  EndpointScript,
  EndpointState,
  PaywallOrigin,
  PaywallReply,
  PaywallRequest,
  PaywallSettlement,
  SettlementService,
  SettleRequest,
} from './types.ts'

/** Requests one endpoint answers before it starts dropping connections (a looping client then ends). */
export const DEFAULT_MAX_REQUESTS = 8

/** Request bodies above this are cut (clients under test send GETs; this only bounds memory). */
const BODY_LIMIT = 1 << 20

/** Large enough for any payment header a client may send (Node's default is 16 KiB). */
const MAX_HEADER_SIZE = 1 << 20

export interface PaywallOptions {
  /** Where honest payments are settled (the built-in facilitator). */
  settlement: SettlementService
}

export interface EndpointOptions {
  /** A name for the endpoint in the URL (`/x402/<label>-<random>`), for readable evidence. */
  label?: string
  /** Requests answered before connections are dropped. Default {@link DEFAULT_MAX_REQUESTS}. */
  maxRequests?: number
}

/** One scripted endpoint. */
export interface PaywallEndpoint {
  /** URL on the paywall's own origin. */
  url: string
  /** The same path on the foreign origin. */
  foreignUrl: string
  /** Every request received so far on either origin, in arrival order. */
  readonly requests: readonly PaywallRequest[]
  /** Requests beyond `maxRequests` that were dropped unanswered. */
  readonly dropped: number
  /** Stops answering (later requests get 410). */
  close(): void
}

/** A running paywall. */
export interface Paywall {
  /** `http://127.0.0.1:<port>`. */
  origin: string
  /** The second origin, `http://127.0.0.1:<other port>`. */
  foreignOrigin: string
  endpoint(script: EndpointScript, options?: EndpointOptions): PaywallEndpoint
  /** Like `endpoint`, for scripts that need the endpoint's own URLs (a challenge naming its resource). */
  endpointWith(
    build: (where: { url: string; foreignUrl: string }) => EndpointScript,
    options?: EndpointOptions,
  ): PaywallEndpoint
  /** Stops both listeners. Safe to call twice. */
  stop(): Promise<void>
}

interface EndpointRecord {
  script: EndpointScript
  requests: PaywallRequest[]
  maxRequests: number
  dropped: number
  closed: boolean
  url: string
  foreignUrl: string
}

/** Starts the paywall on two free ports of 127.0.0.1. */
export async function startPaywall(options: PaywallOptions): Promise<Paywall> {
  const endpoints = new Map<string, EndpointRecord>()
  const handler =
    (origin: PaywallOrigin) =>
    (request: IncomingMessage, response: ServerResponse): void => {
      void answer(origin, request, response).catch((error: unknown) => {
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'text/plain' })
          response.end(`paywall error: ${error instanceof Error ? error.message : String(error)}`)
        } else response.destroy()
      })
    }

  async function answer(
    origin: PaywallOrigin,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const body = await readBody(request)
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    const record = endpoints.get(path)
    if (record === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' })
      response.end('no such endpoint')
      return
    }
    const headers = flattenHeaders(request)
    const base = origin === 'primary' ? primary.origin : foreign.origin
    const recorded: PaywallRequest = {
      seq: record.requests.length + 1,
      at: Date.now(),
      origin,
      method: request.method ?? 'GET',
      url: `${base}${request.url ?? '/'}`,
      headers,
      body,
      decoded: decodeX402Headers(headers),
    }
    const previous = record.requests.slice()
    record.requests.push(recorded)
    if (record.requests.length > record.maxRequests) {
      record.dropped++
      recorded.reply = { status: 0, drop: true }
      response.destroy()
      return
    }
    let reply: PaywallReply
    if (record.closed) {
      reply = { status: 410, headers: { 'content-type': 'text/plain' }, body: 'endpoint closed' }
    } else {
      const state: EndpointState = {
        previous,
        url: record.url,
        foreignUrl: record.foreignUrl,
        settle: async (settle) => {
          const settlement = await settleWith(options.settlement, settle)
          recorded.settlement = settlement
          return settlement
        },
      }
      reply = await record.script(recorded, state)
    }
    recorded.reply = reply
    if (reply.drop) {
      response.destroy()
      return
    }
    const replyBody = reply.body ?? ''
    response.writeHead(reply.status, {
      'content-length': String(Buffer.byteLength(replyBody)),
      ...reply.headers,
    })
    response.end(replyBody)
  }

  const primary = await listen(handler('primary'))
  const foreign = await listen(handler('foreign'))
  let stopped: Promise<void> | undefined
  const endpointWith: Paywall['endpointWith'] = (build, endpointOptions = {}) => {
    const label = (endpointOptions.label ?? 'case').replace(/[^a-zA-Z0-9-]/g, '-')
    const path = `/x402/${label}-${randomBytes(6).toString('hex')}`
    const url = `${primary.origin}${path}`
    const foreignUrl = `${foreign.origin}${path}`
    const record: EndpointRecord = {
      script: build({ url, foreignUrl }),
      requests: [],
      maxRequests: endpointOptions.maxRequests ?? DEFAULT_MAX_REQUESTS,
      dropped: 0,
      closed: false,
      url,
      foreignUrl,
    }
    endpoints.set(path, record)
    return {
      url,
      foreignUrl,
      get requests() {
        return record.requests
      },
      get dropped() {
        return record.dropped
      },
      close() {
        record.closed = true
      },
    }
  }
  return {
    origin: primary.origin,
    foreignOrigin: foreign.origin,
    endpoint: (script, endpointOptions) => endpointWith(() => script, endpointOptions),
    endpointWith,
    stop() {
      stopped ??= Promise.all([primary.close(), foreign.close()]).then(() => undefined)
      return stopped
    },
  }
}

async function settleWith(service: SettlementService, request: SettleRequest): Promise<PaywallSettlement> {
  const body = {
    x402Version: request.version,
    paymentPayload: request.paymentPayload,
    paymentRequirements: request.paymentRequirements,
  }
  const started = performance.now()
  try {
    const response = await service.settle(body)
    return {
      version: request.version,
      request: body,
      response,
      durationMs: Math.round(performance.now() - started),
    }
  } catch (error) {
    return {
      version: request.version,
      request: body,
      error: error instanceof Error ? error.message : String(error),
      durationMs: Math.round(performance.now() - started),
    }
  }
}

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= BODY_LIMIT) chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Listening> {
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_SIZE }, handler)
  // Clients under test open a connection per run; keep-alive sockets must not hold stop() up.
  server.keepAliveTimeout = 1000
  return listenOnLoopback(server)
}
