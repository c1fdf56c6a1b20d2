/**
 * Payment requirements of one version built from version-neutral terms: v1's shape (maxAmountRequired,
 * resource, description, mimeType) or v2's (amount). The suites that play a server (the client suite's
 * paywall, the facilitator suite) and the server suite's cross-version cases state their terms once.
 */
import type { ChainPreset } from '../harness/devnet/presets.ts'
import type {
  PaymentRequirements,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
  RequirementsExtra,
  X402Version,
} from '../harness/wire/types.ts'

/** What requirements say in every version. */
export interface RequirementsTerms {
  scheme: string
  /** Default: the preset's network in the version's format (v1 name, v2 CAIP-2). */
  network?: string | undefined
  /** Atomic units. */
  amount: string
  asset: string
  payTo: string
  maxTimeoutSeconds: number
  /** Left out when undefined; `null` stands in v1 only (v2 leaves it out). */
  extra: RequirementsExtra | null | undefined
}

/** v1's description of the resource sold. */
export interface V1Resource {
  resource: string
  description: string
}

/** `terms` as requirements of `version` on `preset`'s chain. */
export function requirementsIn(
  version: X402Version,
  preset: Pick<ChainPreset, 'network' | 'networkV1'>,
  terms: RequirementsTerms,
  v1: V1Resource,
): PaymentRequirements {
  if (version === 1) {
    const requirements: PaymentRequirementsV1 = {
      scheme: terms.scheme,
      network: terms.network ?? preset.networkV1,
      maxAmountRequired: terms.amount,
      resource: v1.resource,
      description: v1.description,
      mimeType: 'application/json',
      payTo: terms.payTo,
      maxTimeoutSeconds: terms.maxTimeoutSeconds,
      asset: terms.asset,
      ...(terms.extra === undefined ? {} : { extra: terms.extra }),
    }
    return requirements
  }
  const requirements: PaymentRequirementsV2 = {
    scheme: terms.scheme,
    network: terms.network ?? preset.network,
    amount: terms.amount,
    asset: terms.asset,
    payTo: terms.payTo,
    maxTimeoutSeconds: terms.maxTimeoutSeconds,
    ...(terms.extra == null ? {} : { extra: terms.extra }),
  }
  return requirements
}
