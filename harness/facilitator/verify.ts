/**
 * `exact` EVM (EIP-3009) verification for x402 v1 and v2. The checks run in this order; the first
 * failure is the answer (so a payment with one defect always gets that defect's reason):
 *
 *  1. version           paymentPayload.x402Version 1 or 2, and the envelope's if given  → invalid_x402_version
 *  2. scheme            requirements and payload both say `exact`                       → unsupported_scheme
 *  3. network           requirements: this chain (v1 name/CAIP-2); payload: the same    → invalid_network
 *  4. requirements      amount, asset, payTo, maxTimeoutSeconds well-formed             → invalid_payment_requirements
 *  5. asset             a settled token (the USDC, the devnet's fee token)              → invalid_payment_requirements
 *  6. EIP-712 domain    extra.name / extra.version are that token's                     → invalid_payment_requirements
 *  7. accepted (v2)     accepted.{amount, asset, payTo} equal the requirements'         → invalid_payload
 *  8. payload           signature hex, authorization fields typed                       → invalid_payload
 *  9. signature         ecrecover == from, low s (no code) or ERC-1271 (code)           → invalid_exact_evm_payload_signature
 * 10. recipient         authorization.to == payTo                                       → invalid_exact_evm_payload_recipient_mismatch
 * 11. amount            v2: value == amount; v1: value >= maxAmountRequired             → …_authorization_value_mismatch / …_value
 * 12. time window       validBefore >= now + 6 s, validAfter <= now                     → …_valid_before / …_valid_after
 * 13. nonce             authorizationState(from, nonce) is false                        → invalid_exact_evm_nonce_already_used
 * 14. balance           balanceOf(from) >= value                                        → insufficient_funds
 * 15. simulation        eth_call of the settling transferWithAuthorization              → invalid_transaction_state
 *
 * Choices the spec leaves open, and why:
 * - Version is read before scheme (the brief lists scheme first) because where the payload names its
 *   scheme depends on the version (v1 `scheme`, v2 `accepted.scheme`). Only multi-defect answers differ.
 * - `now` = max(block timestamp, wall clock), the block being the one the chain reads ran against: the
 *   block clock can run ahead (increaseTime) and the wall clock ahead of an idle chain; the later of the
 *   two refuses an expired authorization the next block could no longer mine.
 * - validBefore keeps the reference implementations' 6 s buffer (configurable), so a payment
 *   verified now is still valid when its settlement is mined. validAfter == now is accepted.
 * - v1 amount: `>=`, as x402-specification-v1.md §6.1.2 step 3 says ("meets or exceeds"); the legacy
 *   `x402` 1.2.0 facilitator agrees, @x402/evm's v1 path is strict. v2: strict equality (spec-v2 §6.1.2).
 * - v2 `accepted` is compared with the requirements on scheme, network, amount, asset and payTo (spec
 *   §6.1.2 step 5 "parameter matching"); @x402/evm compares scheme and network only.
 * - Balance and nonce are checked explicitly before the simulation so each gets its own reason.
 */
import type { Address, Hex } from 'viem'
import { readChainState } from './chain-state.ts'
import type { FacilitatorContext } from './config.ts'
import { type ExactPayment, type FacilitatorBody, readPayment } from './payment.ts'
import { Reason, type ReasonCode } from './reasons.ts'
import { isTransportFailure, revertReason } from './revert.ts'
import { authorizationDigest } from './signature.ts'
import { transferCalldata } from './transfer.ts'

/** The outcome of verification. A valid verdict carries what settlement sends. */
export type Verdict =
  | { isValid: true; payment: ExactPayment; calldata: Hex; payerHasCode: boolean }
  | { isValid: false; reason: ReasonCode; payment?: ExactPayment }

/** How to verify: with or without step 15, the simulation. */
export interface VerifyMode {
  simulate: boolean
}

/**
 * Runs the 15 checks above. Throws only when the chain cannot be read (the caller answers
 * unexpected_verify_error / unexpected_settle_error).
 */
export async function verifyBody(
  context: FacilitatorContext,
  body: FacilitatorBody,
  mode: VerifyMode,
): Promise<Verdict> {
  const read = readPayment(context, body)
  if (!read.ok) return { isValid: false, reason: read.reason }
  const payment = read.value
  const { from, to, value, validAfter, validBefore } = payment.authorization
  const invalid = (reason: ReasonCode): Verdict => ({ isValid: false, reason, payment })

  // One round trip for the chain (code, nonce state, balance, block time, ecrecover, ERC-1271,
  // simulation; see chain-state.ts); the results are looked at in the order above. A payer with code
  // (a smart wallet) is settled in the bytes form, so it is simulated again in that form.
  const eoaCalldata = transferCalldata(payment, false)
  const digest = authorizationDigest(context, payment.token, payment.authorization)
  const chain = await readChainState(context, {
    token: payment.asset,
    authorization: payment.authorization,
    digest,
    signature: payment.signature,
    ...(mode.simulate ? { simulate: eoaCalldata } : {}),
  })

  // 9. Signature.
  const signed = chain.payerHasCode ? chain.erc1271Valid : chain.ecrecovered === from
  if (!signed) return invalid(Reason.signature)

  // 10. Recipient.
  if (to !== payment.payTo) return invalid(Reason.recipient)

  // 11. Amount.
  if (payment.version === 2 && value !== payment.amount) return invalid(Reason.valueMismatchV2)
  if (payment.version === 1 && value < payment.amount) return invalid(Reason.valueV1)

  // 12. Time window.
  const wall = BigInt(Math.floor(Date.now() / 1000))
  const now = chain.blockTimestamp > wall ? chain.blockTimestamp : wall
  if (validBefore < now + BigInt(context.validBeforeBufferSeconds)) return invalid(Reason.validBefore)
  if (validAfter > now) return invalid(Reason.validAfter)

  // 13. Nonce, 14. balance.
  if (chain.nonceUsed) return invalid(Reason.nonceUsed)
  if (chain.balance < value) return invalid(Reason.funds)

  // 15. Simulation, from the settlement signer, of exactly what settle will send.
  const calldata = chain.payerHasCode ? transferCalldata(payment, true) : eoaCalldata
  if (mode.simulate) {
    const failure = chain.payerHasCode
      ? await simulate(context, payment.asset, calldata)
      : chain.simulationFailure
    if (failure) return invalid(failure)
  }
  return { isValid: true, payment, calldata, payerHasCode: chain.payerHasCode }
}

async function simulate(
  context: FacilitatorContext,
  token: Address,
  data: Hex,
): Promise<ReasonCode | undefined> {
  try {
    await context.publicClient.call({ account: context.signer, to: token, data })
    return undefined
  } catch (error) {
    if (isTransportFailure(error)) throw error
    // Everything before passed, so a revert here is a state change in between (named by its revert
    // string when it is one of FiatToken's) or a token quirk (invalid_transaction_state).
    return revertReason(error)
  }
}
