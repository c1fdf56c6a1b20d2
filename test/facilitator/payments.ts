/**
 * Test helper: signed `exact` EIP-3009 facilitator requests (v1 or v2) for the devnet, with one field
 * overridable at a time so each test carries exactly one defect. Signs with real keys (viem).
 */
import type { Address, Hex, LocalAccount } from 'viem'
import type { Devnet } from '../../harness/devnet/types.ts'
import {
  authorizationToWire,
  authorizationTypedData,
  eip3009Domain,
  randomNonce,
  signAuthorization,
} from '../../harness/schemes/exact-evm/eip3009.ts'
import type {
  FacilitatorRequest,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
} from '../../harness/wire/types.ts'

/** What to pay and how to spoil it. Every field but `version`, `signer`, `payTo` and `amount` is an override. */
export interface PaymentSpec {
  version: 1 | 2
  /** The key that signs. */
  signer: LocalAccount
  payTo: Address
  /** What the requirements ask for (atomic units). */
  amount: bigint
  /** `authorization.from`. Default: the signer's address (a smart wallet passes its own address). */
  from?: Address
  /** `authorization.to`. Default: payTo. */
  to?: Address
  /** `authorization.value`. Default: amount. */
  value?: bigint
  validAfter?: bigint
  validBefore?: bigint
  nonce?: Hex
  /** Overrides of the signed EIP-712 domain (default: the devnet token's). */
  domain?: Partial<{ name: string; version: string; chainId: number; verifyingContract: Address }>
  /** Replaces the signature. */
  signature?: Hex
  /** v2: overrides of `accepted` (default: equal to the requirements). */
  accepted?: Partial<PaymentRequirementsV2>
}

/** A signed /verify or /settle body (and the authorization nonce, for chain checks). */
export async function paymentRequest(
  devnet: Devnet,
  spec: PaymentSpec,
): Promise<FacilitatorRequest & { nonce: Hex }> {
  const now = await devnet.now()
  const authorization = {
    from: spec.from ?? spec.signer.address,
    to: spec.to ?? spec.payTo,
    value: spec.value ?? spec.amount,
    validAfter: spec.validAfter ?? now - 600n,
    validBefore: spec.validBefore ?? now + 300n,
    nonce: spec.nonce ?? randomNonce(),
  }
  const domain = {
    ...eip3009Domain({
      name: devnet.preset.eip712.name,
      version: devnet.preset.eip712.version,
      chainId: devnet.preset.chainId,
      verifyingContract: devnet.usdc,
    }),
    ...spec.domain,
  }
  const signature =
    spec.signature ?? (await signAuthorization(spec.signer, authorizationTypedData(domain, authorization)))
  const payload = { signature, authorization: authorizationToWire(authorization) }
  const extra = { name: devnet.preset.eip712.name, version: devnet.preset.eip712.version }
  if (spec.version === 1) {
    const requirements: PaymentRequirementsV1 = {
      scheme: 'exact',
      network: devnet.preset.networkV1,
      maxAmountRequired: spec.amount.toString(),
      asset: devnet.usdc,
      payTo: spec.payTo,
      resource: 'http://127.0.0.1/paid',
      description: 'test resource',
      mimeType: 'application/json',
      maxTimeoutSeconds: 300,
      extra,
    }
    return {
      x402Version: 1,
      paymentPayload: { x402Version: 1, scheme: 'exact', network: devnet.preset.networkV1, payload },
      paymentRequirements: requirements,
      nonce: authorization.nonce,
    }
  }
  const requirements: PaymentRequirementsV2 = {
    scheme: 'exact',
    network: devnet.preset.network,
    amount: spec.amount.toString(),
    asset: devnet.usdc,
    payTo: spec.payTo,
    maxTimeoutSeconds: 300,
    extra,
  }
  return {
    x402Version: 2,
    paymentPayload: {
      x402Version: 2,
      resource: { url: 'http://127.0.0.1/paid' },
      accepted: { ...requirements, ...spec.accepted },
      payload,
    },
    paymentRequirements: requirements,
    nonce: authorization.nonce,
  }
}
