/**
 * The paying client the server suite plays: a fresh funded devnet account that signs `exact` EIP-3009
 * payments for an offer, honest or with any single defect (harness/schemes/exact-evm/payment.ts overrides), records
 * what it signed as evidence, and can alter a v2 `accepted` after signing (which the signature does not
 * cover). Sending is the caller's (the suite records its own HTTP exchanges).
 */
import type { Address } from 'viem'
import type { Devnet, DevnetAccount, FundOptions } from '../devnet/types.ts'
import type { EvidenceRecorder } from '../model/evidence.ts'
import {
  buildExactPayment,
  type ExactPayment,
  type ExactPaymentOptions,
} from '../schemes/exact-evm/payment.ts'
import { encodePaymentHeader } from '../wire/headers.ts'
import type {
  PaymentPayload,
  PaymentRequirements,
  PaymentRequirementsV2,
  ResourceInfo,
  X402Version,
} from '../wire/types.ts'

/** A defect (or several) to build into a payment; every field is optional, none = honest. */
export type PaymentDefects = Omit<ExactPaymentOptions, 'requirements' | 'payer' | 'x402Version'> & {
  /** v2: fields of `accepted` changed after signing (the authorization stays as signed). */
  accepted?: Partial<PaymentRequirementsV2> & Record<string, unknown>
  /** Any change to the finished payload (e.g. a v1 payload's `network`), applied last. */
  mutate?: (payload: PaymentPayload) => PaymentPayload
}

/** A payer: one funded account, signing payments. */
export interface Payer {
  account: DevnetAccount
  address: Address
  /**
   * Signs a payment of `version` (the version of the challenge the requirements came in, never read
   * from their keys) with `defects`, at chain time unless `defects.now` says otherwise. Records the
   * signed typed data as evidence.
   */
  pay(
    requirements: PaymentRequirements,
    version: X402Version,
    defects?: PaymentDefects,
  ): Promise<ExactPayment>
  /** The payer's token balance now. */
  balance(): Promise<bigint>
}

/** Options of {@link createPayer}. */
export interface PayerOptions {
  devnet: Devnet
  /** Where signed typed data goes. */
  evidence?: EvidenceRecorder
  /** v2: the `resource` to copy into payloads (the reference client copies the challenge's). */
  resource?: ResourceInfo
  /** How the account is funded (default: the devnet's default, 100 USDC and 10 ETH). */
  fund?: FundOptions
  /** Use this account instead of a fresh one. */
  account?: DevnetAccount
}

/** A payer on a fresh funded account (or the one given). */
export async function createPayer(options: PayerOptions): Promise<Payer> {
  const { devnet, evidence } = options
  const account = options.account ?? (await devnet.fundedAccount(options.fund))
  return {
    account,
    address: account.address,
    async pay(requirements, version, defects = {}) {
      const { accepted, mutate, ...overrides } = defects
      const payment = await buildExactPayment({
        ...(options.resource === undefined || version === 1 ? {} : { resource: options.resource }),
        ...overrides,
        now: overrides.now ?? (await devnet.now()),
        requirements,
        x402Version: version,
        payer: account.account,
      })
      evidence?.add(payment.evidence)
      let payload: PaymentPayload = payment.payload
      if (accepted !== undefined && payload.x402Version === 2) {
        payload = { ...payload, accepted: { ...payload.accepted, ...accepted } }
      }
      if (mutate) payload = mutate(structuredClone(payload))
      return { ...payment, payload }
    },
    balance() {
      return devnet.usdcBalance(account.address)
    },
  }
}

/** The header (name, value) that carries `payload`: `X-PAYMENT` (v1) or `PAYMENT-SIGNATURE` (v2). */
export function paymentHeader(payload: PaymentPayload): { name: string; value: string } {
  return encodePaymentHeader(payload)
}
