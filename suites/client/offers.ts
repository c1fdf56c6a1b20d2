/**
 * The offers and challenges the suite's paywall makes: honest `exact` requirements for the devnet's USDC
 * in each version's shape (v1 `maxAmountRequired` and a v1 network name, v2 `amount` and CAIP-2), paid
 * to a fresh address so every balance change belongs to one case.
 */
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import type { Devnet } from '../../harness/devnet/types.ts'
import type {
  PaymentRequired,
  PaymentRequirements,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
  X402Version,
} from '../../harness/wire/types.ts'
import { requirementsIn } from '../requirements.ts'
import type { ChallengeOptions, OfferChanges } from './context.ts'

/** What an honest offer asks by default: 0.001234 USDC (distinctive, so a wrong amount stands out). */
export const DEFAULT_AMOUNT = 1_234n

/** Default `maxTimeoutSeconds` of an offer (distinctive, so a client's own constant stands out). */
export const DEFAULT_MAX_TIMEOUT_SECONDS = 90

/** v1 requirements name their resource; the challenge puts its endpoint's URL where this stands. */
const RESOURCE_PLACEHOLDER = 'http://127.0.0.1/x402-conformance-resource'

/** A fresh address nobody holds a key for the suite to use, lower case as some servers send it. */
export function freshPayTo(): string {
  return privateKeyToAccount(generatePrivateKey()).address.toLowerCase()
}

/** The honest offer of `version` on `devnet`, with `changes` applied. */
export function honestOffer(
  devnet: Devnet,
  version: X402Version,
  changes: OfferChanges = {},
): PaymentRequirements {
  const extra = changes.extra === undefined ? { ...devnet.preset.eip712 } : changes.extra
  return requirementsIn(
    version,
    devnet.preset,
    {
      scheme: changes.scheme ?? 'exact',
      network: changes.network,
      amount: String(changes.amount ?? DEFAULT_AMOUNT),
      asset: changes.asset ?? devnet.usdc,
      payTo: changes.payTo ?? freshPayTo(),
      maxTimeoutSeconds: changes.maxTimeoutSeconds ?? DEFAULT_MAX_TIMEOUT_SECONDS,
      extra: extra === null ? undefined : extra,
    },
    { resource: RESOURCE_PLACEHOLDER, description: 'x402-conformance test resource' },
  )
}

/** A challenge of `version` for the resource at `url`. */
export function challengeFor(
  version: X402Version,
  url: string,
  accepts: readonly PaymentRequirements[],
  options: ChallengeOptions = {},
): PaymentRequired {
  if (version === 1) {
    return {
      x402Version: 1,
      error: options.error ?? 'X-PAYMENT header is required',
      accepts: accepts.map((offer) =>
        (offer as PaymentRequirementsV1).resource === RESOURCE_PLACEHOLDER
          ? { ...offer, resource: url }
          : offer,
      ) as PaymentRequirementsV1[],
    }
  }
  return {
    x402Version: 2,
    ...(options.error === undefined ? {} : { error: options.error }),
    resource: options.resource ?? {
      url,
      description: 'x402-conformance test resource',
      mimeType: 'application/json',
    },
    accepts: [...accepts] as PaymentRequirementsV2[],
    ...(options.extensions === undefined ? {} : { extensions: options.extensions }),
  }
}
