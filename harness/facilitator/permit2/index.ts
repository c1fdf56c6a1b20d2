/**
 * Built-in Permit2 support of the facilitator (x402 v2): `exact` with `assetTransferMethod:
 * "permit2"` and the `upto` scheme, /verify and /settle against the devnet's Permit2 and x402 proxies.
 * The service hands it every body `isPermit2Body` accepts; per-payer faults apply before (the payer is
 * `permit2Authorization.from`). Gas-sponsoring extensions (eip2612GasSponsoring,
 * erc20ApprovalGasSponsoring) are not offered: /supported lists no extension, so a payer without the
 * Permit2 approval is answered `permit2_allowance_required`.
 */
import type { SettlementResponse, VerifyResponse } from '../../wire/types.ts'
import type { FacilitatorContext } from '../config.ts'
import type { FacilitatorBody } from '../payment.ts'
import { Reason } from '../reasons.ts'
import { verifyResponse } from '../responses.ts'
import { permit2PayerOf, readPermit2Payment } from './read.ts'
import { createPermit2Settle } from './settle.ts'
import { type ConsumedSet, verifyPermit2 } from './verify.ts'

export { isPermit2Body, permit2PayerOf } from './read.ts'
export { Permit2Reason, type Permit2ReasonCode } from './reasons.ts'
export { uptoSupportedKind } from './supported.ts'

/** The Permit2 handler of one facilitator. */
export interface Permit2Handler {
  verify(body: FacilitatorBody): Promise<VerifyResponse>
  settle(body: FacilitatorBody): Promise<SettlementResponse>
}

/** Creates the handler; it remembers the authorizations its zero upto settlements consumed. */
export function createPermit2Handler(context: FacilitatorContext): Permit2Handler {
  const consumed: ConsumedSet = new Set()
  const settle = createPermit2Settle(context, consumed)
  return {
    async verify(body) {
      const payer = permit2PayerOf(body)
      const read = readPermit2Payment(context, body, 'verify')
      if (!read.ok) return verifyResponse(false, read.reason, payer)
      try {
        const verdict = await verifyPermit2(context, read.value, 'verify', consumed)
        return verifyResponse(verdict.isValid, verdict.isValid ? undefined : verdict.reason, payer)
      } catch {
        return verifyResponse(false, Reason.unexpectedVerify, payer)
      }
    },
    settle,
  }
}
