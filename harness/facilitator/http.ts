/**
 * The facilitator's HTTP server (node:http, 127.0.0.1 only): POST /verify, POST /settle,
 * GET /supported, GET /health. Malformed bodies get 400 `{error}`, unknown paths 404, wrong methods 405,
 * oversized bodies 413; `isValid: false` and `success: false` are 200 like the reference facilitators.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenOnLoopback } from '../http/listen.ts'
import type { FacilitatorService, IncomingRequest, Reply } from './service.ts'

/** Options of the HTTP server. */
export interface ServeOptions {
  /** Port on 127.0.0.1. Default 0 (a free port). */
  port?: number
  /** Largest accepted request body in bytes. Default 256 KiB (a real payment body is under 2 KiB). */
  maxBodyBytes?: number
}

/** A listening server. */
export interface FacilitatorServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string
  port: number
  /** Stops listening and closes every open connection. Safe to call twice. */
  stop(): Promise<void>
}

/** Serves `service` over HTTP on 127.0.0.1. */
export async function serveFacilitator(
  service: FacilitatorService,
  options: ServeOptions = {},
): Promise<FacilitatorServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024
  const server = createServer((req, res) => {
    void handle(service, req, res, maxBodyBytes)
  })
  // A client that sends garbage at the HTTP layer gets a 400 from node, not a crash of ours.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  const listening = await listenOnLoopback(server, options.port)
  return { url: listening.origin, port: listening.port, stop: listening.close }
}

async function handle(
  service: FacilitatorService,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
) {
  try {
    const body = await readBody(req, maxBodyBytes)
    const request: IncomingRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://facilitator').pathname,
      transport: 'http',
      body: body === undefined ? { tooLarge: true } : { text: body },
    }
    const reply = await service.answer(request)
    send(req, res, reply, body === undefined)
  } catch {
    // The request stream failed (client went away): nothing left to answer.
    res.destroy()
  }
}

/** The body as UTF-8 text, or undefined when it exceeds `limit` bytes (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      total += chunk.length
      if (total > limit) {
        done = true
        req.pause()
        resolve(undefined)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', reject)
  })
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply, closeAfter: boolean) {
  if (reply.kind === 'drop') {
    req.socket.destroy()
    return
  }
  const text = reply.kind === 'json' ? JSON.stringify(reply.body) : reply.body
  res.writeHead(reply.status, {
    'content-type': reply.kind === 'json' ? 'application/json; charset=utf-8' : reply.contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...(reply.kind === 'json' ? reply.headers : {}),
    ...(closeAfter ? { connection: 'close' } : {}),
  })
  res.end(text)
  // An unread oversized body must not be parsed as the next request on a kept-alive connection.
  if (closeAfter) res.on('finish', () => req.socket.destroy())
}
