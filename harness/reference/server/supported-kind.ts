/**
 * What the reference server reads of its facilitator's GET /supported before it offers a scheme that
 * needs the facilitator's own terms (batch-settlement's receiverAuthorizer, upto's facilitatorAddress).
 */
import { type Address, getAddress } from 'viem'

/**
 * `extra[field]` of the facilitator's v2 `scheme` kind for `network`, when it is an EVM address.
 * Undefined when it lists none or cannot be asked: then the server does not offer the scheme.
 */
export async function supportedKindAddress(
  facilitatorUrl: string,
  kind: { scheme: string; network: string; field: string },
  timeoutMs = 2_000,
): Promise<Address | undefined> {
  try {
    const response = await fetch(`${facilitatorUrl}/supported`, { signal: AbortSignal.timeout(timeoutMs) })
    if (response.status !== 200) return undefined
    const body = (await response.json()) as { kinds?: unknown }
    const kinds = Array.isArray(body.kinds) ? (body.kinds as Array<Record<string, unknown>>) : []
    const listed = kinds.find(
      (item) =>
        item !== null &&
        typeof item === 'object' &&
        item.x402Version === 2 &&
        item.scheme === kind.scheme &&
        item.network === kind.network,
    )
    const address = (listed?.extra as Record<string, unknown> | undefined)?.[kind.field]
    return typeof address === 'string' && /^0x[0-9a-fA-F]{40}$/.test(address)
      ? getAddress(address.toLowerCase())
      : undefined
  } catch {
    return undefined
  }
}
