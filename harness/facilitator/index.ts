/**
 * The built-in facilitator: `exact` EIP-3009 verify/settle for x402 v1 and v2 on the devnet, with an
 * oracle log of every call and per-payer faults.
 *
 * ```ts
 * const facilitator = await startFacilitator({ devnet })       // signer: devnet.accounts[1]
 * facilitator.faults.add(payer, 'settle', { kind: 'reject', reason: 'insufficient_funds' }, { times: 1 })
 * // … point the server under test at facilitator.url …
 * facilitator.log.calls({ payer, endpoint: 'settle' })
 * await facilitator.stop()
 * ```
 */
import type { Address } from 'viem'
import { isRecord } from '../wire/fields.ts'
import type { SettlementResponse, SupportedResponse, VerifyResponse } from '../wire/types.ts'
import type { BatchFacilitatorSteps } from './batch/index.ts'
import { type ContextOptions, type FacilitatorContext, resolveContext } from './config.ts'
import { FaultTable } from './faults.ts'
import { type FacilitatorServer, type ServeOptions, serveFacilitator } from './http.ts'
import { OracleLog } from './log.ts'
import { supportedResponse } from './responses.ts'
import { createService, type FacilitatorService, type Reply } from './service.ts'

export {
  type BatchFacilitatorSteps,
  type ClaimSent,
  type ClaimTools,
  referenceBatchSteps,
} from './batch/index.ts'
export type { FacilitatorChain } from './config.ts'

/** Options of {@link createFacilitator}. */
export interface FacilitatorOptions extends ContextOptions {
  /** Replacement batch-settlement steps (known-bad facilitators). Default: the reference's. */
  batchSteps?: Partial<BatchFacilitatorSteps>
}
export type { Fault, FaultEndpoint, FaultRule } from './faults.ts'
export { FaultTable } from './faults.ts'
export { serveFacilitator } from './http.ts'
export type { CallQuery, FacilitatorCall, FacilitatorEndpoint } from './log.ts'
export { OracleLog } from './log.ts'
export { Reason, type ReasonCode } from './reasons.ts'
export type { FacilitatorService } from './service.ts'
export { checkTransferEvent, type SettlementCheck } from './settlement-check.ts'

/** An in-process facilitator: the same handling as over HTTP, called directly (logged as `in-process`). */
export interface Facilitator {
  /** The settlement signer's address (also in `/supported` `signers`). */
  signer: Address
  /**
   * POST /verify. Throws {@link FacilitatorReplyError} when the answer is not a 200 VerifyResponse
   * (a malformed request, or a garbage/500/drop fault).
   */
  verify(request: unknown): Promise<VerifyResponse>
  /** POST /settle. Throws {@link FacilitatorReplyError} like `verify`. */
  settle(request: unknown): Promise<SettlementResponse>
  /** GET /supported. */
  supported(): SupportedResponse
  /** Every call answered, HTTP and in-process. */
  log: OracleLog
  /** Per-payer faults, applied to HTTP and in-process calls alike. */
  faults: FaultTable
  /** The request handler, for embedding in another server. */
  service: FacilitatorService
}

/** A facilitator listening on 127.0.0.1. */
export interface RunningFacilitator extends Facilitator {
  /** `http://127.0.0.1:<port>`. */
  url: string
  port: number
  /** Stops the HTTP server (the devnet is the caller's). Safe to call twice. */
  stop(): Promise<void>
}

/** Thrown by in-process `verify`/`settle` when the facilitator did not answer 200 with JSON. */
export class FacilitatorReplyError extends Error {
  readonly reply: Reply
  constructor(reply: Reply) {
    super(
      reply.kind === 'drop'
        ? 'facilitator dropped the connection'
        : `facilitator answered HTTP ${reply.status}: ${typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)}`,
    )
    this.name = 'FacilitatorReplyError'
    this.reply = reply
  }
}

/** Creates an in-process facilitator (no server). */
export function createFacilitator(options: FacilitatorOptions): Facilitator {
  const context: FacilitatorContext = resolveContext(options)
  const log = new OracleLog()
  const faults = new FaultTable()
  const service = createService(
    context,
    log,
    faults,
    options.batchSteps ? { batchSteps: options.batchSteps } : {},
  )
  const post = async (
    path: string,
    request: unknown,
    expected: (body: Record<string, unknown>) => boolean,
  ) => {
    const reply = await service.answer({
      method: 'POST',
      path,
      transport: 'in-process',
      // A copy, so that the caller changing its object later does not rewrite the log.
      body: { json: structuredClone(request) },
    })
    if (reply.kind !== 'json' || reply.status !== 200 || !isRecord(reply.body) || !expected(reply.body)) {
      throw new FacilitatorReplyError(reply)
    }
    return structuredClone(reply.body)
  }
  return {
    signer: context.signer,
    verify: async (request) =>
      (await post('/verify', request, (body) => typeof body.isValid === 'boolean')) as VerifyResponse,
    settle: async (request) =>
      (await post(
        '/settle',
        request,
        (body) => typeof body.success === 'boolean' && typeof body.transaction === 'string',
      )) as SettlementResponse,
    supported: () => supportedResponse(context),
    log,
    faults,
    service,
  }
}

/** Creates a facilitator and serves it over HTTP on 127.0.0.1. */
export async function startFacilitator(
  options: FacilitatorOptions & ServeOptions,
): Promise<RunningFacilitator> {
  const facilitator = createFacilitator(options)
  const server: FacilitatorServer = await serveFacilitator(facilitator.service, options)
  return { ...facilitator, url: server.url, port: server.port, stop: server.stop }
}
