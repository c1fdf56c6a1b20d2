/**
 * The facilitator's request handling, independent of the HTTP server: routing, body checks, faults,
 * verify/settle/supported, and the oracle log. Never throws; every call ends in a logged reply.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import {
  type BatchFacilitatorSteps,
  batchPayerOf,
  createBatchHandler,
  isBatchBody,
  referenceBatchSteps,
} from './batch/index.ts'
import type { FacilitatorContext } from './config.ts'
import type { FaultPlan, FaultTable } from './faults.ts'
import type { FacilitatorEndpoint, OracleLog } from './log.ts'
import { type FacilitatorBody, payerOf, readEnvelope } from './payment.ts'
import { createPermit2Handler, isPermit2Body, permit2PayerOf } from './permit2/index.ts'
import { Reason } from './reasons.ts'
import { responseNetwork, settleFailure, supportedResponse, verifyResponse } from './responses.ts'
import { createSettle } from './settle.ts'
import { verifyBody } from './verify.ts'

/** A request as the service sees it. `body` is raw text (HTTP), parsed JSON (in-process), or too large. */
export interface IncomingRequest {
  method: string
  path: string
  transport: 'http' | 'in-process'
  body: { text: string } | { json: unknown } | { tooLarge: true }
}

/** What to send back: JSON, raw text (a garbage fault), or nothing at all (a dropped connection). */
export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status: number; body: string; contentType: string }
  | { kind: 'drop' }

/** The service: one `answer` function plus the state it shares. */
export interface FacilitatorService {
  answer(request: IncomingRequest): Promise<Reply>
}

const ROUTES: Record<string, { endpoint: FacilitatorEndpoint; method: 'GET' | 'POST' }> = {
  '/verify': { endpoint: 'verify', method: 'POST' },
  '/settle': { endpoint: 'settle', method: 'POST' },
  '/supported': { endpoint: 'supported', method: 'GET' },
  '/health': { endpoint: 'health', method: 'GET' },
}

const json = (status: number, body: unknown): Reply => ({ kind: 'json', status, body })
const error = (status: number, message: string): Reply => json(status, { error: message })

/** Options of the service: `batchSteps` replaces batch rules (known-bad facilitators only). */
export interface ServiceOptions {
  batchSteps?: Partial<BatchFacilitatorSteps>
}

/** Creates the service for one facilitator. */
export function createService(
  context: FacilitatorContext,
  log: OracleLog,
  faults: FaultTable,
  options: ServiceOptions = {},
): FacilitatorService {
  const settle = createSettle(context)
  const batch = createBatchHandler(context, { ...referenceBatchSteps, ...options.batchSteps })
  const permit2 = createPermit2Handler(context)

  async function route(request: IncomingRequest, note: (call: CallNote) => void): Promise<Reply> {
    const target = ROUTES[request.path]
    if (!target) return error(404, `no such endpoint: ${request.method} ${request.path}`)
    note({ endpoint: target.endpoint })
    if (request.method !== target.method) return error(405, `${request.path} takes ${target.method}`)
    if (target.endpoint === 'supported') return json(200, supportedResponse(context))
    if (target.endpoint === 'health') return json(200, { status: 'ok' })

    if ('tooLarge' in request.body) return error(413, 'request body too large')
    let parsed: unknown
    if ('text' in request.body) {
      try {
        parsed = JSON.parse(request.body.text)
      } catch {
        note({ request: request.body.text })
        return error(400, 'request body is not valid JSON')
      }
    } else {
      parsed = request.body.json
    }
    note({ request: parsed })
    const body = readEnvelope(parsed)
    if (!body)
      return error(
        400,
        'request body must be a JSON object with paymentPayload and paymentRequirements objects',
      )
    // The batch scheme has no authorization.from: its payer is channelConfig.payer.
    const payer =
      payerOf(body) ?? permit2PayerOf(body) ?? (isBatchBody(body) ? batchPayerOf(body) : undefined)
    if (payer !== undefined) note({ payer })

    const endpoint = target.endpoint === 'verify' ? 'verify' : 'settle'
    const plan = faults.take(payer, endpoint)
    note({ faults: plan.applied })
    if (plan.delayMs > 0) await sleep(plan.delayMs)
    const reply = await answerWith(plan, endpoint, body, payer)
    if (plan.extensionResponses === undefined || reply.kind !== 'json') return reply
    const sidechannel = Buffer.from(JSON.stringify(plan.extensionResponses)).toString('base64')
    return { ...reply, headers: { ...reply.headers, 'extension-responses': sidechannel } }
  }

  /** The answer to a verify or settle once the faults that delay or decorate it are applied. */
  async function answerWith(
    plan: FaultPlan,
    endpoint: 'verify' | 'settle',
    body: FacilitatorBody,
    payer: string | undefined,
  ): Promise<Reply> {
    if (plan.answer?.kind === 'pending' && !isBatchBody(body))
      return json(200, await settle(body, { pending: true }))
    if (plan.answer && plan.answer.kind !== 'pending') return faultReply(plan.answer, endpoint, body, payer)

    if (isBatchBody(body)) return json(200, await batch[endpoint](body)) // the batch-settlement scheme
    if (isPermit2Body(body)) return json(200, await permit2[endpoint](body)) // exact with Permit2, and upto
    if (endpoint === 'verify') {
      try {
        const verdict = await verifyBody(context, body, { simulate: true })
        return json(200, verifyResponse(verdict.isValid, verdict.isValid ? undefined : verdict.reason, payer))
      } catch {
        return json(200, verifyResponse(false, Reason.unexpectedVerify, payer))
      }
    }
    return json(200, await settle(body))
  }

  function faultReply(
    fault: Exclude<NonNullable<FaultPlan['answer']>, { kind: 'pending' }>,
    endpoint: 'verify' | 'settle',
    body: FacilitatorBody,
    payer: string | undefined,
  ): Reply {
    switch (fault.kind) {
      case 'reject':
        return json(
          200,
          endpoint === 'verify'
            ? verifyResponse(false, fault.reason, payer)
            : settleFailure(fault.reason, responseNetwork(context, body), payer),
        )
      case 'no-transaction':
        return json(200, { success: true, transaction: '', network: responseNetwork(context, body), payer })
      case 'garbage':
        if (fault.body === 'wrong-shape') {
          return json(
            200,
            endpoint === 'verify' ? { isValid: 'true', payer: 1 } : { success: 'true', transaction: 1 },
          )
        }
        return {
          kind: 'text',
          status: 200,
          body: '<<not json>> {"isValid": tru',
          contentType: 'application/json',
        }
      case 'http-500':
        return error(500, 'injected facilitator fault')
      case 'drop':
        return { kind: 'drop' }
      case 'answer':
        return json(fault.status ?? 200, structuredClone(fault.body))
    }
  }

  return {
    async answer(request) {
      const time = Date.now()
      const started = performance.now()
      const call: CallNote = { endpoint: 'other', faults: [] }
      const note = (update: CallNote) => Object.assign(call, update)
      if ('text' in request.body && request.body.text !== '') call.request = request.body.text
      let reply: Reply
      try {
        reply = await route(request, note)
      } catch {
        reply = error(500, 'internal facilitator error') // a bug of ours; never a stack trace on the wire
      }
      log.record({
        time,
        endpoint: call.endpoint ?? 'other',
        transport: request.transport,
        method: request.method,
        path: request.path,
        request: call.request,
        response: reply.kind === 'drop' ? undefined : reply.body,
        httpStatus: reply.kind === 'drop' ? null : reply.status,
        durationMs: performance.now() - started,
        ...(call.payer === undefined ? {} : { payer: call.payer }),
        faults: call.faults ?? [],
      })
      return reply
    },
  }
}

/** What `route` learns about a call as it goes, for the log. */
interface CallNote {
  endpoint?: FacilitatorEndpoint
  request?: unknown
  payer?: string
  faults?: string[]
}
