/** The reference server's HTTP side: node:http on 127.0.0.1, the paid resource at `config.path`. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { LOOPBACK, listenOnLoopback } from '../../http/listen.ts'
import {
  type BatchRuntime,
  type BatchServerSteps,
  batchOfferIn,
  ChannelLedger,
  type ClaimOutcome,
  claimAndSettle,
  referenceBatchSteps,
} from './batch/index.ts'
import type { ReferenceServerConfig } from './config.ts'
import { createFacilitatorClient } from './facilitator-client.ts'
import { handlePaidRequest } from './flow.ts'
import { referenceOffers } from './offers.ts'
import { PaymentIdentifierStore } from './payment-identifier.ts'
import { type Reply, serverError } from './reply.ts'
import type { PaidRequest, ServerSteps, StepContext } from './steps.ts'

/** A listening reference server. */
export interface ListeningServer {
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** The paid resource's URL (what the suite is pointed at). */
  url: string
  port: number
  /** Stops listening and closes open connections. Safe to call twice. */
  stop(): Promise<void>
  /** Present when the server offers batch-settlement: claims what it charged and sweeps it to payTo. */
  claimAndSettle?: () => Promise<ClaimOutcome>
}

/** Serves the paid resource with `steps` until stopped. */
export async function listenReferenceServer(
  config: ReferenceServerConfig,
  steps: ServerSteps,
  batchSteps: BatchServerSteps = referenceBatchSteps,
): Promise<ListeningServer> {
  const facilitator = createFacilitatorClient(config.facilitatorUrl, config.facilitatorTimeoutMs)
  const batch: BatchRuntime | undefined = config.batch
    ? { ledger: new ChannelLedger(), steps: batchSteps }
    : undefined
  const paymentIds = config.paymentIdentifier ? new PaymentIdentifierStore() : undefined
  const server = createServer((req, res) => {
    void answer(req, res).catch(() => res.destroy())
  })
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const target = req.url ?? '/'
    const context: StepContext = {
      config,
      facilitator,
      resourceUrl: `http://${req.headers.host ?? `${LOOPBACK}:${config.port}`}${config.path}`,
      ...(batch ? { batch } : {}),
      ...(paymentIds ? { paymentIds } : {}),
    }
    if (!steps.route(context, target)) {
      send(res, {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: '{"error":"not found"}',
      })
      return
    }
    req.resume() // the body is not part of the payment
    const request = { method: req.method ?? 'GET', headers: req.headers }
    let reply: Reply
    try {
      reply = steps.paywall(context, target)
        ? await handlePaidRequest(steps, context, request)
        : await freeReply(steps, context, request)
    } catch (error) {
      reply = serverError(`internal error: ${error instanceof Error ? error.message : String(error)}`)
    }
    send(res, reply)
  }
  // Garbage at the HTTP layer gets a status, not a crash: 431 for oversized headers, else 400.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status =
      error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    else socket.destroy()
  })
  const listening = await listenOnLoopback(server, config.port)
  return {
    origin: listening.origin,
    url: `${listening.origin}${config.path}`,
    port: listening.port,
    stop: listening.close,
    ...(batch
      ? {
          claimAndSettle: () => {
            const offer = batchOfferIn(referenceOffers(config, `${listening.origin}${config.path}`))
            if (!offer) throw new Error('the server offers no batch-settlement')
            return claimAndSettle(batch.ledger, facilitator, offer)
          },
        }
      : {}),
  }
}

/** What the router answers for a route the paywall let through (never the reference's paid resource). */
async function freeReply(steps: ServerSteps, context: StepContext, request: PaidRequest): Promise<Reply> {
  const resource = await steps.serve(context, request)
  return { status: 200, headers: { 'content-type': resource.contentType }, body: resource.body }
}

function send(res: ServerResponse, reply: Reply) {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) })
  res.end(reply.body)
}
