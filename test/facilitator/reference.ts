/**
 * The reference facilitator (`@x402/core` x402Facilitator + `@x402/evm` registerExactEvmScheme, 2.27)
 * on the devnet, with viem clients bound to the local RPC only. Used to cross-check the built-in
 * facilitator and as the baseline of bench/facilitator.ts.
 */
import { x402Facilitator } from '@x402/core/facilitator'
import type { PaymentPayload, PaymentRequirements, SettleResponse, VerifyResponse } from '@x402/core/types'
import { toFacilitatorEvmSigner } from '@x402/evm'
import { registerExactEvmScheme } from '@x402/evm/exact/facilitator'
import { publicActions } from 'viem'
import type { Devnet, DevnetAccount } from '../../harness/devnet/types.ts'
import type { FacilitatorRequest } from '../../harness/wire/types.ts'

/** verify/settle of the reference facilitator, taking the same request bodies as the built-in one. */
export interface ReferenceFacilitator {
  verify(request: FacilitatorRequest): Promise<VerifyResponse>
  settle(request: FacilitatorRequest): Promise<SettleResponse>
}

/** The reference facilitator settling from `signer` (default: the devnet's facilitator account [1]). */
export function referenceFacilitator(devnet: Devnet, signer?: DevnetAccount): ReferenceFacilitator {
  const account = signer ?? devnet.accounts[1]!
  // devnet.walletClient uses http(devnet.rpcUrl) and a chain whose only RPC is the local one.
  const client = devnet.walletClient(account).extend(publicActions)
  const facilitator = new x402Facilitator()
  registerExactEvmScheme(facilitator, {
    // The SDK's signer type wants loosely typed readContract/writeContract; viem's are generic.
    signer: toFacilitatorEvmSigner({ ...client, address: account.address } as unknown as Parameters<
      typeof toFacilitatorEvmSigner
    >[0]),
    networks: devnet.preset.network,
  })
  // The SDK types are structurally the wire types; the cast only drops our stricter unions.
  const payload = (request: FacilitatorRequest) => request.paymentPayload as unknown as PaymentPayload
  const requirements = (request: FacilitatorRequest) =>
    request.paymentRequirements as unknown as PaymentRequirements
  return {
    verify: (request) => facilitator.verify(payload(request), requirements(request)),
    settle: (request) => facilitator.settle(payload(request), requirements(request)),
  }
}
