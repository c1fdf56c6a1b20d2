/**
 * The facilitator's v2 kind of one scheme on the devnet's network (or on every EVM network,
 * `eip155:*`) as /supported listed it at setup: where a case reads the kind's extra (the batch
 * receiver authorizer, upto's facilitator address) or skips when the scheme is not offered.
 */
import { isRecord } from './api.ts'
import type { FacilitatorCaseContext } from './context.ts'

/** The listed v2 kind of `scheme` for the devnet's network, if any. */
export function supportedKindOf(
  context: Pick<FacilitatorCaseContext, 'devnet' | 'supported'>,
  scheme: string,
): Record<string, unknown> | undefined {
  const network = context.devnet.preset.network
  const kinds: unknown[] = Array.isArray(context.supported?.kinds) ? context.supported.kinds : []
  return kinds.find(
    (item): item is Record<string, unknown> =>
      isRecord(item) &&
      item.x402Version === 2 &&
      item.scheme === scheme &&
      (item.network === network || item.network === 'eip155:*'),
  )
}
