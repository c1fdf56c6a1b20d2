/**
 * What the reference server advertises: one `exact` EIP-3009 requirement on the configured network
 * (v2: and a `batch-settlement` one when its facilitator supports the scheme),
 * and the 402 challenge that carries it (x402-specification-v2.md §5.1, x402-specification-v1.md §5.1).
 */
import type {
  PaymentRequired,
  PaymentRequiredV1,
  PaymentRequiredV2,
  PaymentRequirements,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
} from '../../wire/types.ts'
import { batchOffer } from './batch/offer.ts'
import type { ReferenceServerConfig } from './config.ts'
import { PAYMENT_IDENTIFIER, paymentIdentifierExtension } from './payment-identifier.ts'
import { permit2Offers } from './permit2.ts'

/** The requirements the server accepts for the resource at `resourceUrl`, in its version's shape. */
export function referenceOffers(config: ReferenceServerConfig, resourceUrl: string): PaymentRequirements[] {
  const extra = { name: config.eip712.name, version: config.eip712.version }
  if (config.version === 1) {
    const offer: PaymentRequirementsV1 = {
      scheme: 'exact',
      network: config.networkV1,
      maxAmountRequired: config.price,
      resource: resourceUrl,
      description: config.description,
      mimeType: config.mimeType,
      payTo: config.payTo,
      maxTimeoutSeconds: config.maxTimeoutSeconds,
      asset: config.asset,
      outputSchema: null,
      extra,
    }
    return [offer]
  }
  const offer: PaymentRequirementsV2 = {
    scheme: 'exact',
    network: config.network,
    amount: config.price,
    asset: config.asset,
    payTo: config.payTo,
    maxTimeoutSeconds: config.maxTimeoutSeconds,
    extra,
  }
  const batch = config.batch ? [batchOffer(offer, config.eip712, config.batch)] : []
  // A flow other than `authorization` MUST be declared (core v2 §6.1).
  if (config.paymentFlow !== 'authorization') offer.extra = { ...extra, paymentFlow: config.paymentFlow }
  // Permit2-based offers are opt-in and come after the EIP-3009 ones, so a client's first choice stays.
  const permit2 = config.permit2 ? permit2Offers(offer, config.permit2) : []
  return [offer, ...batch, ...permit2]
}

/** The challenge (PaymentRequired) for `offers`, with `error` saying why payment is (still) required. */
export function paymentRequiredFor(
  config: ReferenceServerConfig,
  offers: PaymentRequirements[],
  resourceUrl: string,
  error: string,
): PaymentRequired {
  if (config.version === 1) {
    const v1: PaymentRequiredV1 = { x402Version: 1, error, accepts: offers as PaymentRequirementsV1[] }
    return v1
  }
  const v2: PaymentRequiredV2 = {
    x402Version: 2,
    error,
    resource: { url: resourceUrl, description: config.description, mimeType: config.mimeType },
    accepts: offers as PaymentRequirementsV2[],
    ...(config.paymentIdentifier
      ? {
          extensions: { [PAYMENT_IDENTIFIER]: paymentIdentifierExtension(config.paymentIdentifier.required) },
        }
      : {}),
  }
  return v2
}
