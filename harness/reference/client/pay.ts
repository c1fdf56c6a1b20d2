/**
 * The reference client's one payment attempt (DESIGN.md client contract): request the resource, read the
 * 402, choose an offer, sign an EIP-3009 authorization, retry once with the payment header, and report
 * `{success, status, body, paymentResponse}`. It pays at most once unless a (defective) step says
 * otherwise, never follows a redirect with a payment attached, and never throws.
 */
import { privateKeyToAccount } from 'viem/accounts'
import { BATCH_SCHEME } from '../../schemes/batch-settlement-evm/channel.ts'
import {
  authorizationToWire,
  authorizationTypedData,
  signAuthorization,
} from '../../schemes/exact-evm/eip3009.ts'
import type { ClientReport } from '../../targets/client-report.ts'
import type {
  ExactEvmPayload,
  ExactEvmPermit2Payload,
  PaymentPayload,
  PaymentRequirements,
  PaymentRequirementsV2,
} from '../../wire/types.ts'
import { payBatch } from './batch.ts'
import { type BatchChannelStore, memoryChannelStore } from './batch-state.ts'
import type { ClientConfig } from './config.ts'
import { domainChecker } from './domain.ts'
import { permit2KindOf, signPermit2Payload } from './permit2.ts'
import { defaultSteps } from './steps.ts'
import type { ClientSteps, ReceivedResponse, StepContext } from './types.ts'

export interface PayOptions {
  /** Steps replacing the correct ones (the known-bad clients of the self-test). */
  steps?: Partial<ClientSteps>
  /** Why the client did what it did (refusals, errors); the CLI prints these on stderr. */
  onNote?: (note: string) => void
  signal?: AbortSignal
  /**
   * batch-settlement channel records, kept across payments (default: a fresh in-memory store, so a
   * lone call starts cold and recovers its channel from the chain).
   */
  channels?: BatchChannelStore
}

/** Redirects followed for the unpaid request, same origin only. */
const MAX_REDIRECTS = 3
/** A defective `payAgain` still stops here. */
const MAX_PAYMENTS = 10

/** Pays for `url` once and reports the outcome. */
export async function payForResource(
  url: string,
  config: ClientConfig,
  options: PayOptions = {},
): Promise<ClientReport> {
  const steps: ClientSteps = { ...defaultSteps, ...options.steps }
  const note = options.onNote ?? (() => {})
  const account = privateKeyToAccount(config.privateKey)
  const channels = options.channels ?? memoryChannelStore()
  const context: StepContext = {
    config,
    domains: domainChecker(config.rpcUrl),
    steps,
    payer: account.address,
  }
  // The signed `payload`: a Permit2 authorization for a Permit2-based offer, else EIP-3009.
  const signPayment = async (
    requirements: PaymentRequirements,
    now: bigint,
    paying: StepContext,
  ): Promise<ExactEvmPayload | ExactEvmPermit2Payload> => {
    if (permit2KindOf(requirements) !== undefined) {
      const v2 = requirements as PaymentRequirementsV2
      const authorization = steps.permit2Authorize(v2, now, paying)
      return signPermit2Payload(account, v2, authorization, config.chainId)
    }
    const authorization = steps.authorize(requirements, now, paying)
    const typedData = authorizationTypedData(steps.domain(requirements, paying), authorization)
    const signature = await signAuthorization(account, typedData)
    return { signature, authorization: authorizationToWire(authorization) }
  }
  let last: ReceivedResponse | undefined
  try {
    const first = await requestFollowingSameOrigin(url, {}, options.signal)
    last = first
    if (first.status !== 402) return report(first)

    let challengeResponse = first
    let payments = 0
    for (;;) {
      const reading = steps.readChallenge(challengeResponse, context)
      if (!reading.ok) {
        note(`not paying: ${reading.reason}`)
        return report(last)
      }
      const { challenge } = reading
      const requirements = await steps.choose(challenge, context)
      if (requirements === undefined) {
        note('not paying: no offer this client supports (scheme, network, asset, budget, token domain)')
        return report(last)
      }
      // The paid request; a redirect of it is followed only where the step allows.
      const send = async (headers: Record<string, string>): Promise<ReceivedResponse> => {
        const paid = await request(url, headers, options.signal)
        if (!isRedirect(paid.status)) return paid
        const location = paid.headers.get('location')
        const target = location === null ? undefined : new URL(location, url)
        if (target !== undefined && steps.followPaidRedirect(new URL(url), target))
          return request(target.href, headers, options.signal)
        note(`not following the redirect of the paid request to ${location ?? '(no location)'}`)
        return paid
      }
      if (requirements.scheme === BATCH_SCHEME) {
        const outcome = await payBatch(challenge, requirements, context, {
          account,
          store: channels,
          send,
          note,
        })
        if (!outcome.paid) {
          note(`not paying: ${outcome.reason}`)
          return report(last)
        }
        return report(outcome.response, outcome.settlement)
      }
      const now = BigInt(Math.floor(Date.now() / 1000))
      const paying: StepContext = { ...context, version: challenge.version }
      const signed = await signPayment(requirements, now, paying)
      const paymentId = steps.paymentId(challenge)
      const payload = steps.payload(challenge, requirements, signed, paymentId)
      const headerFor = (sent: PaymentPayload) => ({ [steps.header(challenge.version)]: steps.encode(sent) })
      payments++
      let paid: ReceivedResponse
      try {
        paid = await send(headerFor(payload))
      } catch (error) {
        // The answer was lost: under a payment-identifier id the same payment can get it back.
        const again = steps.retryLost(payload, paymentId)
        if (again === undefined || options.signal?.aborted) throw error
        note(
          `the answer to the paid request was lost (${describeError(error)}); sending it again under its id`,
        )
        paid = await send(headerFor(again))
      }
      last = paid
      if (paid.status === 402 && payments < MAX_PAYMENTS && steps.payAgain(paid, payments)) {
        challengeResponse = paid
        continue
      }
      return report(paid, steps.readSettlement(paid, challenge.version))
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    note(`failed: ${message}`)
    return { success: false, status: last?.status ?? 0, body: last === undefined ? message : readBody(last) }
  }
}

async function request(
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<ReceivedResponse> {
  const response = await fetch(url, { headers, redirect: 'manual', ...(signal ? { signal } : {}) })
  return { url, status: response.status, headers: response.headers, body: await response.text() }
}

/** The unpaid request follows redirects within its own origin only. */
async function requestFollowingSameOrigin(
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<ReceivedResponse> {
  let current = new URL(url)
  for (let hop = 0; ; hop++) {
    const response = await request(current.href, headers, signal)
    const location = response.headers.get('location')
    if (!isRedirect(response.status) || location === null || hop >= MAX_REDIRECTS) return response
    const next = new URL(location, current)
    if (next.origin !== current.origin) return response
    current = next
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400
}

function report(response: ReceivedResponse, paymentResponse?: unknown): ClientReport {
  return {
    success: response.status >= 200 && response.status < 300,
    status: response.status,
    body: readBody(response),
    ...(paymentResponse === undefined ? {} : { paymentResponse }),
  }
}

/** The body as JSON when it is JSON, else as text. */
function readBody(response: ReceivedResponse): unknown {
  try {
    return JSON.parse(response.body) as unknown
  } catch {
    return response.body
  }
}
