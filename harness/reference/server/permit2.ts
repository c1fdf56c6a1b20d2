/**
 * The reference v2 server's Permit2-based offers, opt-in (`permit2` in the overrides,
 * `X402_SERVER_PERMIT2=exact,upto`, or `--permit2 exact,upto`): `exact` with
 * `extra.assetTransferMethod: "permit2"` (scheme_exact_evm.md §2) and `upto` (scheme_upto_evm.md §1),
 * both in the devnet's plain ERC-20, which has no EIP-3009, so Permit2 is the only way to pay it. upto
 * names the facilitator its /supported upto kind announces and settles a metered charge ≤ the maximum.
 */
import type { Address } from 'viem'
import { PLAIN_TOKEN_ADDRESS } from '../../devnet/permit2-addresses.ts'
import type { PaymentRequirements, PaymentRequirementsV2 } from '../../wire/types.ts'
import { supportedKindAddress } from './supported-kind.ts'

/** The Permit2-based kinds the server can add to its offer. */
export type Permit2Kind = 'exact' | 'upto'

/** What the server offers with Permit2. */
export interface Permit2Terms {
  /** The token the Permit2 offers are priced in (default the devnet's plain ERC-20). */
  asset: Address
  /** Whether it offers exact with Permit2 (at the server's price). */
  exact: boolean
  /** The upto offer, when it has one. */
  upto?: UptoTerms
}

/** The upto offer's terms. */
export interface UptoTerms {
  /** The facilitator allowed to settle (its /supported `extra.facilitatorAddress`). */
  facilitatorAddress: Address
  /** The signed maximum, atomic units. */
  maximum: string
  /** What a request is metered at and settled for (≤ maximum). */
  charge: string
}

/** Default upto terms: a distinctive charge well below the maximum, so "charged the maximum" stands out. */
export const UPTO_DEFAULT_MAXIMUM = '20000'
export const UPTO_DEFAULT_CHARGE = '1858'

/** Reads `exact,upto` (the env var and CLI flag); throws on anything else. */
export function parsePermit2Kinds(text: string): Permit2Kind[] {
  const kinds = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
  for (const kind of kinds)
    if (kind !== 'exact' && kind !== 'upto') throw new Error(`permit2 kinds are exact and upto, not ${kind}`)
  return [...new Set(kinds)] as Permit2Kind[]
}

/**
 * The terms for `kinds`: upto needs the facilitator address of the facilitator's v2 upto kind for
 * `network` (without one, upto is not offered: nobody could settle it).
 */
export async function resolvePermit2Terms(
  kinds: readonly Permit2Kind[],
  facilitatorUrl: string,
  network: string,
): Promise<Permit2Terms | undefined> {
  if (kinds.length === 0) return undefined
  const facilitatorAddress = kinds.includes('upto')
    ? await readUptoFacilitator(facilitatorUrl, network)
    : undefined
  return {
    asset: PLAIN_TOKEN_ADDRESS,
    exact: kinds.includes('exact'),
    ...(facilitatorAddress
      ? {
          upto: { facilitatorAddress, maximum: UPTO_DEFAULT_MAXIMUM, charge: UPTO_DEFAULT_CHARGE },
        }
      : {}),
  }
}

/** The Permit2-based requirements beside the server's own `exact` offer (same payTo and timeout). */
export function permit2Offers(
  base: Pick<PaymentRequirementsV2, 'network' | 'amount' | 'payTo' | 'maxTimeoutSeconds'>,
  terms: Permit2Terms,
): PaymentRequirementsV2[] {
  const common = {
    network: base.network,
    asset: terms.asset,
    payTo: base.payTo,
    maxTimeoutSeconds: base.maxTimeoutSeconds,
  }
  const offers: PaymentRequirementsV2[] = []
  if (terms.exact)
    offers.push({
      scheme: 'exact',
      amount: base.amount,
      ...common,
      extra: { assetTransferMethod: 'permit2' },
    })
  if (terms.upto)
    offers.push({
      scheme: 'upto',
      amount: terms.upto.maximum,
      ...common,
      extra: { assetTransferMethod: 'permit2', facilitatorAddress: terms.upto.facilitatorAddress },
    })
  return offers
}

/**
 * The requirements /settle is asked with: for upto the metered charge ("The resource server MUST set
 * the `amount` field … passed to the facilitator's settle endpoint to the desired settlement amount",
 * scheme_upto.md §5), the matched offer itself otherwise.
 */
export function settlementRequirements(
  requirements: PaymentRequirements,
  terms: Permit2Terms | undefined,
): PaymentRequirements {
  if (requirements.scheme !== 'upto' || terms?.upto === undefined) return requirements
  return { ...requirements, amount: terms.upto.charge } as PaymentRequirements
}

/** `extra.facilitatorAddress` of the facilitator's v2 upto kind for `network`, if it lists one. */
async function readUptoFacilitator(
  facilitatorUrl: string,
  network: string,
  timeoutMs = 2_000,
): Promise<Address | undefined> {
  return supportedKindAddress(
    facilitatorUrl,
    { scheme: 'upto', network, field: 'facilitatorAddress' },
    timeoutMs,
  )
}
