/**
 * The paywalled resource server the client suite plays: what it records of each request it receives,
 * what a scripted endpoint answers, and the state a script sees. One endpoint per case run, each with
 * its own script (honest or hostile).
 */
import type { DecodedX402Headers } from '../../wire/index.ts'
import type { SettlementResponse, X402Version } from '../../wire/types.ts'

/** Which listener received a request: the paywall's own origin, or the second ("foreign") origin. */
export type PaywallOrigin = 'primary' | 'foreign'

/** What an endpoint answers one request with. */
export interface PaywallReply {
  status: number
  /** Response headers, sent with the names as given. */
  headers?: Record<string, string>
  body?: string
  /** Close the connection without answering (ends a client that keeps retrying). */
  drop?: boolean
}

/** A settlement the paywall asked the built-in facilitator for while answering a request. */
export interface PaywallSettlement {
  version: X402Version
  /** The body sent to the facilitator's `/settle`. */
  request: { x402Version: X402Version; paymentPayload: unknown; paymentRequirements: unknown }
  /** Its answer, or why there was none. */
  response?: SettlementResponse
  error?: string
  durationMs: number
}

/** One request the paywall received, with its x402 headers decoded, and what it answered. */
export interface PaywallRequest {
  /** 1, 2, 3… in arrival order on this endpoint. */
  seq: number
  /** Wall-clock arrival time, ms since the epoch. */
  at: number
  origin: PaywallOrigin
  method: string
  /** The full URL the request was made to. */
  url: string
  /** Lower-case header names; repeated headers joined with `, `. */
  headers: Record<string, string>
  body: string
  /** The x402 headers of the request, decoded (payment headers in particular). */
  decoded: DecodedX402Headers
  /** What the endpoint answered (absent while the answer is being prepared). */
  reply?: PaywallReply
  /** The settlement made while answering, if any. */
  settlement?: PaywallSettlement
}

/** What a script can see and do while answering a request. */
export interface EndpointState {
  /** Requests received on this endpoint before this one. */
  readonly previous: readonly PaywallRequest[]
  /** This endpoint's URL on the paywall's origin. */
  readonly url: string
  /** The same endpoint on the foreign origin (another port of 127.0.0.1: another origin). */
  readonly foreignUrl: string
  /** Settles a payment through the built-in facilitator and records it on the request. */
  settle(request: SettleRequest): Promise<PaywallSettlement>
}

/** A settlement request: the version, the decoded payload and the requirements it pays. */
export interface SettleRequest {
  version: X402Version
  paymentPayload: unknown
  paymentRequirements: unknown
}

/** Answers one request of an endpoint. */
export type EndpointScript = (
  request: PaywallRequest,
  state: EndpointState,
) => PaywallReply | Promise<PaywallReply>

/** Settles payments; the built-in facilitator (in-process) satisfies it. */
export interface SettlementService {
  settle(request: {
    x402Version: X402Version
    paymentPayload: unknown
    paymentRequirements: unknown
  }): Promise<SettlementResponse>
}
