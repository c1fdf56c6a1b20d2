/**
 * The reference client's Permit2-based payments (x402 v2): `exact` with `extra.assetTransferMethod:
 * "permit2"` (scheme_exact_evm.md §2 Phase 2: spender the x402ExactPermit2Proxy, witness.to the payTo,
 * permitted the asset and amount) and `upto` (scheme_upto_evm.md §1 Phase 2: the upto proxy, and
 * witness.facilitator the offer's extra.facilitatorAddress; permitted.amount is the maximum). Paid only
 * when no EIP-3009 offer is payable; the payer must have approved Permit2 for the token (once).
 */
import type { LocalAccount } from 'viem'
import { EXACT_PERMIT2_WITNESS, exactPermit2Method } from '../../schemes/exact-permit2-evm/exact.ts'
import {
  type Permit2Authorization,
  permit2AuthorizationToWire,
  permit2TypedData,
  randomPermit2Nonce,
  signPermit2,
} from '../../schemes/exact-permit2-evm/permit2.ts'
import { UPTO_WITNESS, uptoMethod } from '../../schemes/upto-evm/upto.ts'
import { chainIdOfNetwork } from '../../wire/networks.ts'
import type { ExactEvmPermit2Payload, PaymentRequirements, PaymentRequirementsV2 } from '../../wire/types.ts'

/** The Permit2-based kinds the reference client pays. */
export type Permit2Kind = 'exact' | 'upto'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/** The Permit2-based kind of a v2 offer, or undefined (EIP-3009, another method, or an upto offer without a facilitator). */
export function permit2KindOf(offer: PaymentRequirements): Permit2Kind | undefined {
  if (!('amount' in offer)) return undefined
  const extra = (offer.extra ?? {}) as Record<string, unknown>
  if (offer.scheme === 'exact') return extra.assetTransferMethod === 'permit2' ? 'exact' : undefined
  if (offer.scheme !== 'upto') return undefined
  const method = extra.assetTransferMethod
  if (method !== undefined && method !== 'permit2') return undefined
  return typeof extra.facilitatorAddress === 'string' && ADDRESS.test(extra.facilitatorAddress)
    ? 'upto'
    : undefined
}

/** The honest authorization for `requirements` at `now`: the scheme module's spender and witness. */
export function honestPermit2Authorization(
  requirements: PaymentRequirementsV2,
  now: bigint,
  payer: `0x${string}`,
): Permit2Authorization {
  const method = permit2KindOf(requirements) === 'upto' ? uptoMethod : exactPermit2Method
  return {
    from: payer,
    permitted: { token: requirements.asset as `0x${string}`, amount: BigInt(requirements.amount) },
    spender: method.spender,
    nonce: randomPermit2Nonce(),
    deadline: now + BigInt(requirements.maxTimeoutSeconds),
    witness: method.witness(requirements),
  }
}

/** Signs `authorization` under Permit2's domain on the offer's chain; the wire `payload`. */
export async function signPermit2Payload(
  account: LocalAccount,
  requirements: PaymentRequirementsV2,
  authorization: Permit2Authorization,
  fallbackChainId: number,
): Promise<ExactEvmPermit2Payload> {
  const witness = permit2KindOf(requirements) === 'upto' ? UPTO_WITNESS : EXACT_PERMIT2_WITNESS
  const chainId = chainIdOfNetwork(requirements.network) ?? fallbackChainId
  const signature = await signPermit2(account, permit2TypedData(authorization, witness, chainId))
  // The wire witness has the scheme's fields (upto adds `facilitator` to exact's `to`, `validAfter`).
  const wire = permit2AuthorizationToWire(authorization) as ExactEvmPermit2Payload['permit2Authorization']
  return { signature, permit2Authorization: wire }
}
