/** The captured reference exchanges (see ./vectors/README.md), typed for the tests. */
import type { Hex } from 'viem'
import type {
  ExactEvmPayload,
  PaymentPayloadV1,
  PaymentPayloadV2,
  PaymentRequiredV1,
  PaymentRequiredV2,
  SettlementResponse,
} from '../../../harness/wire/types.ts'
import v1Json from './vectors/reference-v1-exchange.json' with { type: 'json' }
import v1ReplayJson from './vectors/reference-v1-replay.json' with { type: 'json' }
import v2Json from './vectors/reference-v2-exchange.json' with { type: 'json' }
import v2ReplayJson from './vectors/reference-v2-replay.json' with { type: 'json' }

/** A deep copy, so a test can mutate a vector without affecting others. */
export function copy<T>(value: T): T {
  return structuredClone(value)
}

/** The v1 exchange: x402-fetch 1.2 → x402-express 1.2 → x402 1.2 facilitator. */
export const v1 = {
  raw: v1Json,
  paymentRequired: v1Json.unpaid.body as PaymentRequiredV1,
  unpaidHeaders: v1Json.unpaid.headers as Record<string, string>,
  paidRequestHeaders: v1Json.requestsSent[1]!.headers as Record<string, string>,
  xPaymentHeader: v1Json.requestsSent[1]!.headers['x-payment']!,
  xPayment: v1Json.xPaymentDecoded as PaymentPayloadV1,
  paidHeaders: v1Json.paid.headers as Record<string, string>,
  xPaymentResponseHeader: v1Json.paid.headers['x-payment-response']!,
  xPaymentResponse: v1Json.xPaymentResponseDecoded as SettlementResponse,
  replay: v1ReplayJson,
}

/** The v2 exchange: @x402/fetch 2.27 → @x402/express 2.27 → @x402/core + @x402/evm 2.27 facilitator. */
export const v2 = {
  raw: v2Json,
  unpaidHeaders: v2Json.unpaid.headers as Record<string, string>,
  paymentRequiredHeader: v2Json.unpaid.headers['payment-required']!,
  paymentRequired: v2Json.unpaid.paymentRequiredDecoded as PaymentRequiredV2,
  paidRequestHeaders: v2Json.requestsSent[1]!.headers as Record<string, string>,
  paymentSignatureHeader: v2Json.requestsSent[1]!.headers['payment-signature']!,
  paymentSignature: v2Json.paymentSignatureDecoded as PaymentPayloadV2,
  paidHeaders: v2Json.paid.headers as Record<string, string>,
  paymentResponseHeader: v2Json.paid.headers['payment-response']!,
  paymentResponse: v2Json.paymentResponseDecoded as SettlementResponse,
  replay: v2ReplayJson,
}

/** The chain and token the vectors were signed for: Base Sepolia USDC on an anvil with chain id 84532. */
export const VECTOR_CHAIN_ID = 84532
export const VECTOR_USDC: Hex = '0x036CbD53842c5426634e7929541eC2318f3dCF7e'
/** anvil default mnemonic account #2, the payer in both vectors. */
export const VECTOR_PAYER_KEY: Hex = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'

/** The exact EVM payload of each vector. */
export const v1ExactPayload = (): ExactEvmPayload => copy(v1.xPayment.payload as ExactEvmPayload)
export const v2ExactPayload = (): ExactEvmPayload => copy(v2.paymentSignature.payload as ExactEvmPayload)
