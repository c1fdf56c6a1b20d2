/**
 * Reading a resource server's 402 challenge: the v2 `PAYMENT-REQUIRED` header and/or a v1 JSON body,
 * which versions the server shows it supports, and the offer the suite can pay on the devnet.
 */
import type { Devnet } from '../../harness/devnet/types.ts'
import type { HttpResponse } from '../../harness/http/exchange.ts'
import type { WireResult } from '../../harness/wire/errors.ts'
import { getHeader, safeDecodeHeader, safeDecodePaymentRequiredBody } from '../../harness/wire/headers.ts'
import { chainIdOfNetwork } from '../../harness/wire/networks.ts'
import type {
  PaymentRequired,
  PaymentRequiredV1,
  PaymentRequiredV2,
  PaymentRequirements,
  X402Version,
} from '../../harness/wire/types.ts'

/** What one unpaid response shows, per version. A version is absent when the response has no trace of it. */
export interface ChallengeReading {
  /** The PAYMENT-REQUIRED header decoded and validated (present when the header is). */
  v2?: WireResult<PaymentRequiredV2>
  /** The JSON body as a v1 PaymentRequirementsResponse (present when the body is JSON with x402Version 1). */
  v1?: WireResult<PaymentRequiredV1>
  /**
   * A JSON body with x402Version 2 when no PAYMENT-REQUIRED header came: the server speaks v2 (its
   * header case fails), and the suite may still find its terms there.
   */
  v2Body?: Record<string, unknown>
}

/** Reads both places a challenge can be. Never throws. */
export function readChallenge(response: Pick<HttpResponse, 'headers' | 'body'>): ChallengeReading {
  const reading: ChallengeReading = {}
  const header = getHeader(response.headers, 'PAYMENT-REQUIRED')
  if (header !== undefined) reading.v2 = safeDecodeHeader('PAYMENT-REQUIRED', header)
  const version = bodyVersion(response.body)
  if (version === 1) reading.v1 = safeDecodePaymentRequiredBody(response.body)
  if (version === 2 && header === undefined)
    reading.v2Body = JSON.parse(response.body) as Record<string, unknown>
  return reading
}

/** The `x402Version` of a JSON object body, if any. */
function bodyVersion(body: string): unknown {
  try {
    const json: unknown = JSON.parse(body)
    return typeof json === 'object' && json !== null
      ? (json as { x402Version?: unknown }).x402Version
      : undefined
  } catch {
    return undefined
  }
}

/** The versions a challenge shows, newest first. */
export function versionsOf(reading: ChallengeReading): X402Version[] {
  const versions: X402Version[] = []
  if (reading.v2 || reading.v2Body) versions.push(2)
  if (reading.v1) versions.push(1)
  return versions
}

/** The challenge of one version, when it decoded and validated. */
export function challengeOf(reading: ChallengeReading, version: X402Version): PaymentRequired | undefined {
  const result = version === 2 ? reading.v2 : reading.v1
  return result?.ok ? result.value : undefined
}

/** Whether any requirement of the challenge is on the devnet's chain (so the suite can read its chain). */
export function onDevnet(challenge: PaymentRequired | undefined, devnet: Devnet): boolean {
  const accepts: readonly PaymentRequirements[] = challenge?.accepts ?? []
  return accepts.some((offer) => chainIdOfNetwork(offer.network) === devnet.preset.chainId)
}

/** Whether no version's challenge, as sent, names any network (it did not decode, or has no accepts). */
export function namesNoNetwork(reading: ChallengeReading): boolean {
  const sent = (result: WireResult<unknown> | undefined) =>
    result === undefined ? undefined : result.ok ? result.value : result.json
  return [sent(reading.v2) ?? reading.v2Body, sent(reading.v1)].every((json) => {
    const accepts = (json as { accepts?: unknown } | undefined)?.accepts
    return (
      !Array.isArray(accepts) ||
      !accepts.some((entry) => typeof (entry as { network?: unknown } | null)?.network === 'string')
    )
  })
}
