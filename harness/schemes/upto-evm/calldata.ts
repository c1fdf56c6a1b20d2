/**
 * The settlement call of `upto`: `x402UptoPermit2Proxy.settle(permit, amount, owner, witness,
 * signature)` with the actual amount (≤ the signed maximum), sent by the facilitator named in the
 * witness (scheme_upto_evm.md §1, Phase 4), arguments as @x402/evm 2.27 builds them.
 */
import { encodeFunctionData, type Hex } from 'viem'
import { x402UptoPermit2ProxyAbi } from '../../../contracts/artifacts/index.ts'
import { permitTransferFrom, plainSignature } from '../exact-permit2-evm/calldata.ts'
import type { UptoAuthorization } from './upto.ts'

/** Arguments of `settle` for `amount`. */
export function uptoSettleArgs(authorization: UptoAuthorization, amount: bigint, signature: Hex) {
  return [
    permitTransferFrom(authorization),
    amount,
    authorization.from,
    {
      to: authorization.witness.to,
      facilitator: authorization.witness.facilitator,
      validAfter: authorization.witness.validAfter,
    },
    plainSignature(signature),
  ] as const
}

/** Calldata of `settle` for `amount`. */
export function encodeUptoSettle(authorization: UptoAuthorization, amount: bigint, signature: Hex): Hex {
  return encodeFunctionData({
    abi: x402UptoPermit2ProxyAbi,
    functionName: 'settle',
    args: uptoSettleArgs(authorization, amount, signature),
  })
}
