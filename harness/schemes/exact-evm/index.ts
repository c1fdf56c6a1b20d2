/** EVM helpers for x402: EIP-3009 typed data and signing, and building signed `exact` payments. */
export * from './eip3009.ts'
export * from './payment.ts'
