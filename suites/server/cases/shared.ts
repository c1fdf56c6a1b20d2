/** Small helpers the server cases share: the refusal verdicts, fresh addresses, the price. */

import { randomBytes } from 'node:crypto'
import { type Address, getAddress, type Hex, toHex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { requiredAmount } from '../../../harness/schemes/exact-evm/payment.ts'
import type { PaymentPayload } from '../../../harness/wire/types.ts'
import type { CasePayer, ServerContext, ServerResponse } from '../context.ts'

/**
 * A refused payment: nothing delivered, no money moved (after the server had time to finish), and the
 * status the spec gives (402 for a payment that fails, unless `statuses` says otherwise).
 */
export async function expectRefused(
  context: ServerContext,
  payer: CasePayer,
  response: ServerResponse,
  statuses: readonly number[] = [402],
  requirements: readonly string[] = ['RS-15'],
): Promise<void> {
  context.expect.noDelivery(response)
  await context.expect.noTransfer(payer)
  context.expect.status(response, statuses, requirements)
}

/** Sends `payment` once under `label` and judges the refusal the way `expectRefused` does. */
export async function expectPaymentRefused(
  context: ServerContext,
  payer: CasePayer,
  payment: PaymentPayload,
  label: string,
  statuses?: readonly number[],
  requirements?: readonly string[],
): Promise<void> {
  await expectRefused(context, payer, await context.request({ payment, label }), statuses, requirements)
}

/** The price of the case's offer in atomic units (in the amount field of the case's version). */
export function priceOf(context: Pick<ServerContext, 'offer' | 'version'>): bigint {
  return BigInt(requiredAmount(context.offer(), context.version))
}

/** A random address nobody controls (a stranger's payTo, another token). */
export function strangerAddress(): Address {
  return getAddress(toHex(randomBytes(20)))
}

/** A random local account (a signer who is not the payer). */
export function strangerAccount() {
  return privateKeyToAccount(generatePrivateKey())
}

/** `signature` with one byte of `r` flipped: still 65 bytes, no longer the payer's. */
export function corrupt(signature: Hex): Hex {
  const at = 2 + 2 * 10
  const byte = Number.parseInt(signature.slice(at, at + 2), 16) ^ 0xff
  return `${signature.slice(0, at)}${byte.toString(16).padStart(2, '0')}${signature.slice(at + 2)}` as Hex
}
