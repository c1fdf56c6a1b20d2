/**
 * The settlement call of `exact` Permit2: `x402ExactPermit2Proxy.settle(permit, owner, witness,
 * signature)` (scheme_exact_evm.md §2, Phase 4), arguments as @x402/evm 2.27 builds them (an ERC-6492
 * wrapper is unwrapped: the proxy checks a plain signature).
 */
import { encodeFunctionData, type Hex, parseErc6492Signature } from 'viem'
import { x402ExactPermit2ProxyAbi } from '../../../contracts/artifacts/index.ts'
import type { ExactPermit2Authorization } from './exact.ts'
import type { Permit2Authorization } from './permit2.ts'

/** Permit2's `PermitTransferFrom` struct of an authorization. */
export function permitTransferFrom(authorization: Permit2Authorization) {
  return {
    permitted: { token: authorization.permitted.token, amount: authorization.permitted.amount },
    nonce: authorization.nonce,
    deadline: authorization.deadline,
  }
}

/** The signature the proxy is given: the inner one of an ERC-6492 wrapper, else itself. */
export function plainSignature(signature: Hex): Hex {
  return parseErc6492Signature(signature).signature
}

/** Arguments of `settle`. */
export function exactPermit2SettleArgs(authorization: ExactPermit2Authorization, signature: Hex) {
  return [
    permitTransferFrom(authorization),
    authorization.from,
    { to: authorization.witness.to, validAfter: authorization.witness.validAfter },
    plainSignature(signature),
  ] as const
}

/** Calldata of `settle`. */
export function encodeExactPermit2Settle(authorization: ExactPermit2Authorization, signature: Hex): Hex {
  return encodeFunctionData({
    abi: x402ExactPermit2ProxyAbi,
    functionName: 'settle',
    args: exactPermit2SettleArgs(authorization, signature),
  })
}
