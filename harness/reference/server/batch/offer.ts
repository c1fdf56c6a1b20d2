/**
 * The `batch-settlement` offer of the reference v2 server (scheme_batch_settlement_evm.md "402 Response"):
 * the same price, asset and payTo as its `exact` offer, the facilitator's receiver authorizer (the
 * server delegates claim and refund authorization to it, as the spec allows) and a 15-minute withdraw
 * delay. Offered only when the facilitator's /supported lists the kind.
 */
import type { Address } from 'viem'
import { BATCH_SCHEME, MIN_WITHDRAW_DELAY } from '../../../schemes/batch-settlement-evm/channel.ts'
import type { PaymentRequirementsV2 } from '../../../wire/types.ts'
import { supportedKindAddress } from '../supported-kind.ts'

/** What the server needs to offer the scheme. */
export interface BatchTerms {
  receiverAuthorizer: Address
  withdrawDelay: number
}

/** The batch-settlement requirement for the server's price, asset and payTo. */
export function batchOffer(
  base: Pick<PaymentRequirementsV2, 'network' | 'amount' | 'asset' | 'payTo' | 'maxTimeoutSeconds'>,
  eip712: { name: string; version: string },
  terms: BatchTerms,
): PaymentRequirementsV2 {
  return {
    scheme: BATCH_SCHEME,
    network: base.network,
    amount: base.amount,
    asset: base.asset,
    payTo: base.payTo,
    maxTimeoutSeconds: base.maxTimeoutSeconds,
    extra: {
      receiverAuthorizer: terms.receiverAuthorizer,
      withdrawDelay: terms.withdrawDelay,
      name: eip712.name,
      version: eip712.version,
    },
  }
}

/**
 * The batch terms of the facilitator at `facilitatorUrl` for `network`: its v2 batch-settlement kind's
 * `extra.receiverAuthorizer`. Undefined when it lists none or cannot be asked (then the server offers
 * `exact` only).
 */
export async function readBatchTerms(
  facilitatorUrl: string,
  network: string,
  timeoutMs = 2_000,
): Promise<BatchTerms | undefined> {
  const receiverAuthorizer = await supportedKindAddress(
    facilitatorUrl,
    { scheme: BATCH_SCHEME, network, field: 'receiverAuthorizer' },
    timeoutMs,
  )
  return receiverAuthorizer === undefined
    ? undefined
    : { receiverAuthorizer, withdrawDelay: MIN_WITHDRAW_DELAY }
}
