/**
 * Verdicts on a Permit2 payment a client signed (scheme_exact_evm.md §2 Phase 2, scheme_upto_evm.md §1
 * Phase 2): the payload reads as `{signature, permit2Authorization}`, the proxy of its scheme is the
 * spender, the witness binds payTo (and upto's facilitator), permitted is the offer's token and amount,
 * the deadline window is open, and the signature recovers to `from` over PermitWitnessTransferFrom.
 */
import { type Address, isAddressEqual, recoverTypedDataAddress } from 'viem'
import { X402_EXACT_PERMIT2_PROXY, X402_UPTO_PERMIT2_PROXY } from '../../../harness/devnet/permit2.ts'
import { check, show } from '../../../harness/model/expect.ts'
import {
  EXACT_PERMIT2_WITNESS,
  type Permit2Authorization,
  permit2TypedData,
  readPermit2Payload,
} from '../../../harness/schemes/exact-permit2-evm/index.ts'
import { UPTO_WITNESS } from '../../../harness/schemes/upto-evm/index.ts'
import { WireError } from '../../../harness/wire/errors.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import type { ObservedPayment } from '../context.ts'
import { expectOpenWindow } from './authorization.ts'
import { payloadJson } from './encoding.ts'
import { refs } from './run.ts'

/** Which Permit2-based payment: exact with Permit2 (CL-8) or upto (CL-9). */
export type Permit2PaymentKind = 'exact' | 'upto'

const RULE: Record<Permit2PaymentKind, string> = { exact: 'CL-8', upto: 'CL-9' }

/** The Permit2 authorization the payment carries, read strictly; fails naming every bad field. */
export function expectPermit2Payload(
  payment: ObservedPayment,
  kind: Permit2PaymentKind,
): { signature: `0x${string}`; authorization: Permit2Authorization } {
  const inner = payloadJson(payment).payload
  const witness = kind === 'upto' ? UPTO_WITNESS : EXACT_PERMIT2_WITNESS
  try {
    return readPermit2Payload(inner, witness, `${kind} Permit2 payload`)
  } catch (error) {
    const issues = error instanceof WireError ? error.issues.map((i) => `${i.path}: ${i.message}`) : []
    check(false, `the payment for a${kind === 'upto' ? 'n upto' : ' Permit2'} offer is no Permit2 payload`, {
      expected: `payload {signature, permit2Authorization{permitted{token, amount}, from, spender, nonce, deadline, witness{${witness.map((f) => f.name).join(', ')}}}}`,
      seen: issues.length > 0 ? issues.slice(0, 4).join('; ') : show(inner),
      spec: refs(RULE[kind]),
    })
    throw error
  }
}

/** The signed terms are the offer's: spender, witness.to, permitted token and amount, upto's facilitator. */
export function expectPermit2Terms(
  authorization: Permit2Authorization,
  offer: PaymentRequirementsV2,
  kind: Permit2PaymentKind,
): void {
  const rule = RULE[kind]
  const spender = kind === 'upto' ? X402_UPTO_PERMIT2_PROXY : X402_EXACT_PERMIT2_PROXY
  const same = (a: string, b: string) => isAddressEqual(a as Address, b as Address)
  check(same(authorization.spender, spender), 'permit2Authorization.spender is not the scheme’s x402 proxy', {
    expected: `spender ${spender} (${kind === 'upto' ? 'x402UptoPermit2Proxy' : 'x402ExactPermit2Proxy'})`,
    seen: authorization.spender,
    spec: refs(rule),
  })
  check(same(String(authorization.witness.to), offer.payTo), 'permit2Authorization.witness.to is not payTo', {
    expected: offer.payTo,
    seen: String(authorization.witness.to),
    spec: refs(rule),
  })
  check(
    same(authorization.permitted.token, offer.asset),
    'permit2Authorization.permitted.token is not the asset',
    {
      expected: offer.asset,
      seen: authorization.permitted.token,
      spec: refs(rule),
    },
  )
  check(
    authorization.permitted.amount === BigInt(offer.amount),
    kind === 'upto'
      ? 'permit2Authorization.permitted.amount is not the offer’s maximum'
      : 'permit2Authorization.permitted.amount is not the amount',
    { expected: offer.amount, seen: authorization.permitted.amount.toString(), spec: refs(rule) },
  )
  if (kind === 'upto') {
    const facilitator = String(offer.extra?.facilitatorAddress)
    check(
      same(String(authorization.witness.facilitator), facilitator),
      'permit2Authorization.witness.facilitator is not the offer’s extra.facilitatorAddress',
      { expected: facilitator, seen: String(authorization.witness.facilitator), spec: refs('CL-9') },
    )
  }
}

/**
 * The window is open on arrival: witness.validAfter not in the future (CL-31), the deadline not passed
 * (CL-45), at least {@link MIN_REMAINING_VALIDITY_SECONDS} left and at most maxTimeoutSeconds ahead (CL-32),
 * graded as for an EIP-3009 authorization.
 */
export function expectPermit2Window(
  payment: ObservedPayment,
  authorization: Permit2Authorization,
  offer: PaymentRequirementsV2,
): void {
  expectOpenWindow(payment, offer, {
    after: BigInt(authorization.witness.validAfter ?? 0n),
    before: authorization.deadline,
    afterField: 'permit2Authorization.witness.validAfter',
    beforeField: 'permit2Authorization.deadline',
  })
}

/** The signature recovers to `from` (and `from` is the payer handed to the client, when known). */
export async function expectPermit2Signer(
  signed: { signature: `0x${string}`; authorization: Permit2Authorization },
  kind: Permit2PaymentKind,
  chainId: number,
  payer: Address | undefined,
): Promise<void> {
  const { authorization, signature } = signed
  const witness = kind === 'upto' ? UPTO_WITNESS : EXACT_PERMIT2_WITNESS
  let recovered: Address | undefined
  try {
    recovered = await recoverTypedDataAddress({
      ...permit2TypedData(authorization, witness, chainId),
      signature,
    })
  } catch {
    recovered = undefined
  }
  check(
    recovered !== undefined && isAddressEqual(recovered, authorization.from),
    'the Permit2 signature does not recover to permit2Authorization.from',
    {
      expected: `a PermitWitnessTransferFrom signature by ${authorization.from} under Permit2's domain on chain ${chainId}`,
      seen: recovered === undefined ? 'no address recovers' : `recovers to ${recovered}`,
      spec: refs(RULE[kind]),
    },
  )
  if (payer !== undefined)
    check(isAddressEqual(authorization.from, payer), 'permit2Authorization.from is not the payer', {
      expected: payer,
      seen: authorization.from,
      spec: refs(RULE[kind]),
    })
}
