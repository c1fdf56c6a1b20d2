/** Building the wire answers (spec §5.3 SettlementResponse, §5.4 VerifyResponse, §7.3 /supported). */
import type { SettlementResponse, SupportedResponse, VerifyResponse } from '../wire/types.ts'
import type { FacilitatorContext } from './config.ts'
import { type FacilitatorBody, networkId, versionOf } from './payment.ts'
import { uptoSupportedKind } from './permit2/supported.ts'
import { Reason } from './reasons.ts'

/** A VerifyResponse: `invalidReason` only when invalid, `payer` whenever the payload names one. */
export function verifyResponse(
  isValid: boolean,
  reason: string | undefined,
  payer: string | undefined,
): VerifyResponse {
  return {
    isValid,
    ...(isValid ? {} : { invalidReason: reason }),
    ...(payer === undefined ? {} : { payer }),
  }
}

/** A successful SettlementResponse. */
export function settleSuccess(transaction: string, network: string, payer: string): SettlementResponse {
  return { success: true, payer, transaction, network }
}

/**
 * A failed SettlementResponse: `transaction` is the empty string (spec §5.3.2). `message` says what
 * the chain answered, when a send failed (`errorMessage`, as the @x402 facilitators add it).
 */
export function settleFailure(
  reason: string,
  network: string,
  payer: string | undefined,
  message?: string,
): SettlementResponse {
  return {
    success: false,
    errorReason: reason,
    ...(message === undefined ? {} : { errorMessage: message }),
    ...(payer === undefined ? {} : { payer }),
    transaction: '',
    network,
  }
}

/**
 * The non-terminal `settlement_pending` answer (v2 core §9 after the pin): the broadcast hash and the
 * network, so the caller can reconcile on chain; `transaction` is never "" here (§5.3.2).
 */
export function settlePending(transaction: string, network: string, payer: string): SettlementResponse {
  return { success: false, errorReason: Reason.pending, payer, transaction, network }
}

/**
 * The `network` of a SettlementResponse, in the request's format: the requirements' own string when
 * they give one, else this chain's id for the payload's version (v1 name or CAIP-2).
 */
export function responseNetwork(context: FacilitatorContext, body: FacilitatorBody | undefined): string {
  const requested = body?.paymentRequirements.network
  if (typeof requested === 'string') return requested
  const version = body ? versionOf(body) : undefined
  return version === undefined ? context.preset.network : networkId(context, version)
}

/**
 * The EIP-712 domain name and version of the token this facilitator settles, when it knows them (the
 * preset's USDC): some servers build their offers' `extra` from `/supported`.
 */
function tokenDomain(context: FacilitatorContext): { extra?: { name: string; version: string } } {
  if (context.usdc.toLowerCase() !== context.preset.usdc.toLowerCase()) return {}
  const { name, version } = context.preset.eip712
  return { extra: { name, version } }
}

/**
 * GET /supported: `exact` on this chain for v1 (network name) and v2 (CAIP-2), with the token's
 * EIP-712 `name`/`version` in `extra` where known; v2 `batch-settlement`
 * with the receiver authorizer in `extra` (x402-digest §3.3: batch kinds carry
 * `{"receiverAuthorizer": "0x…"}`; the signer signs the claim and refund digests), and the settlement signer.
 */
export function supportedResponse(context: FacilitatorContext): Required<SupportedResponse> {
  return {
    kinds: [
      { x402Version: 1, scheme: 'exact', network: context.preset.networkV1, ...tokenDomain(context) },
      { x402Version: 2, scheme: 'exact', network: context.preset.network, ...tokenDomain(context) },
      {
        x402Version: 2,
        scheme: 'batch-settlement',
        network: context.preset.network,
        extra: { receiverAuthorizer: context.signer },
      },
      uptoSupportedKind(context),
    ],
    extensions: [],
    signers: { 'eip155:*': [context.signer] },
  }
}
