/** What the Permit2 handler adds to GET /supported (kept apart: responses.ts imports it). */
import type { SupportedKind } from '../../wire/types.ts'
import type { FacilitatorContext } from '../config.ts'

/**
 * The `upto` kind of /supported: "The facilitator announces its address via the `/supported` endpoint
 * in the `extra` field" (scheme_upto_evm.md §1 Phase 2). exact-with-Permit2 needs no kind of its own.
 */
export function uptoSupportedKind(context: FacilitatorContext): SupportedKind {
  return {
    x402Version: 2,
    scheme: 'upto',
    network: context.preset.network,
    extra: { facilitatorAddress: context.signer },
  }
}
