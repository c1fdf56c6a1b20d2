/**
 * The server's side of claiming (scheme_batch_settlement_evm.md "Claim & Settlement Strategy"): one
 * `claim` over every channel with charges not yet claimed (each at what was charged, under the
 * payer's latest voucher), then one `settle` that sweeps everything claimed to payTo. The facilitator
 * is the receiver authorizer, so the server sends no authorizer signature.
 */

import { claimRowOf } from '../../../schemes/batch-settlement-evm/build.ts'
import type { ChannelLedger } from '../../../schemes/batch-settlement-evm/ledger.ts'
import type { FacilitatorRequest, PaymentRequirementsV2 } from '../../../wire/types.ts'
import type { FacilitatorClient } from '../facilitator-client.ts'

/** What one claim-and-settle did. */
export interface ClaimOutcome {
  /** Channels claimed, and the claim's transaction ('' when nothing was outstanding). */
  claimedChannels: number
  claimTransaction: string
  /** The settle's transaction and the amount it moved to payTo (as the facilitator reported). */
  settleTransaction: string
  settledAmount: string
}

/** Claims every outstanding charge and sweeps it to payTo. Throws with the facilitator's reason on failure. */
export async function claimAndSettle(
  ledger: ChannelLedger,
  facilitator: FacilitatorClient,
  offer: PaymentRequirementsV2,
): Promise<ClaimOutcome> {
  const request = (payload: Record<string, unknown>): FacilitatorRequest => ({
    x402Version: 2,
    paymentPayload: { x402Version: 2, accepted: offer, payload },
    paymentRequirements: offer,
  })
  const outstanding = ledger
    .all()
    .filter(([, record]) => record.chargedCumulativeAmount > BigInt(record.snapshot.totalClaimed))
  let claimTransaction = ''
  if (outstanding.length > 0) {
    const claims = outstanding.map(([, record]) =>
      claimRowOf(record.config, record.signedMaxClaimable, record.signature, record.chargedCumulativeAmount),
    )
    const claimed = await facilitator.settle(request({ type: 'claim', claims }))
    if (!claimed.ok) throw new Error(claimed.error)
    if (!claimed.response.success) throw new Error(`claim refused: ${claimed.response.errorReason}`)
    claimTransaction = claimed.response.transaction
    for (const [, record] of outstanding)
      record.snapshot = { ...record.snapshot, totalClaimed: `${record.chargedCumulativeAmount}` }
  }
  const settled = await facilitator.settle(
    request({ type: 'settle', receiver: offer.payTo, token: offer.asset }),
  )
  if (!settled.ok) throw new Error(settled.error)
  if (!settled.response.success) throw new Error(`settle refused: ${settled.response.errorReason}`)
  return {
    claimedChannels: outstanding.length,
    claimTransaction,
    settleTransaction: settled.response.transaction,
    settledAmount: typeof settled.response.amount === 'string' ? settled.response.amount : '',
  }
}
