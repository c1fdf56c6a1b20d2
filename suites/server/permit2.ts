/**
 * What the server suite's Permit2 cases share (x402 v2): the server's `exact` offer with
 * `extra.assetTransferMethod: "permit2"` or its `upto` offer (scheme_exact_evm.md §2,
 * scheme_upto_evm.md §1), a fresh payer holding that offer's token who approved Permit2 (or not), the
 * suite's own payments built by harness/schemes, and the chain oracle over the offer's token. A server
 * whose v2 challenge has no such offer on the devnet skips these cases, saying so.
 */
import { PLAIN_TOKEN_ADDRESS, permit2Payer } from '../../harness/devnet/permit2.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import { check, show, skip } from '../../harness/model/expect.ts'
import { type ChainOracle, createChainOracle, type TokenTransfer } from '../../harness/oracle/index.ts'
import {
  type AuthorizationOverrides,
  buildExactPermit2Payment,
  type ExactPermit2Witness,
  type Permit2Payment,
} from '../../harness/schemes/exact-permit2-evm/index.ts'
import { buildUptoPayment, type UptoWitness } from '../../harness/schemes/upto-evm/index.ts'
import type { PaymentRequiredV2, PaymentRequirementsV2 } from '../../harness/wire/types.ts'
import type { ServerContext } from './context.ts'
import { specOf } from './spec.ts'

/** The two Permit2-based kinds. */
export type Permit2Kind = 'exact' | 'upto'

/** How each kind is named in a skip. */
const KIND_NAMES: Record<Permit2Kind, string> = {
  exact: 'exact offer with extra.assetTransferMethod "permit2"',
  upto: 'upto offer',
}

/** The server's Permit2 offer of `kind` on the devnet, or a skip naming what was not offered. */
export function permit2OfferOf(context: ServerContext, kind: Permit2Kind): PaymentRequirementsV2 {
  const network = context.devnet.preset.network
  const accepts =
    context.version === 2 ? ((context.challenge as PaymentRequiredV2 | undefined)?.accepts ?? []) : []
  const offer = accepts.find((item) => {
    if (item.network !== network) return false
    const method = (item.extra as Record<string, unknown> | undefined)?.assetTransferMethod
    return kind === 'exact' ? item.scheme === 'exact' && method === 'permit2' : item.scheme === 'upto'
  })
  if (!offer)
    skip(
      `the server offers no ${KIND_NAMES[kind]} on ${network} (these cases run when its v2 challenge carries one, e.g. the reference server with --permit2 ${kind})`,
    )
  const tokens = [PLAIN_TOKEN_ADDRESS, context.devnet.usdc].map((token) => token.toLowerCase())
  if (!tokens.includes(offer.asset.toLowerCase()))
    skip(
      `the server's ${KIND_NAMES[kind]} is priced in ${offer.asset}, a token the devnet funds no payer with (the plain ERC-20 ${PLAIN_TOKEN_ADDRESS} or the USDC)`,
    )
  return offer
}

/** The oracle over the offer's token, recording into the case's evidence. */
export function offerChain(context: ServerContext, offer: PaymentRequirementsV2): ChainOracle {
  return createChainOracle({
    publicClient: context.devnet.publicClient,
    token: offer.asset,
    evidence: context.evidence,
  })
}

/** A fresh payer holding the plain token (and USDC), who approved Permit2 unless `approve` is false. */
export function freshPermit2Payer(context: ServerContext, approve = true): Promise<DevnetAccount> {
  return permit2Payer(context.devnet, { approve })
}

/** Options of a Permit2 payment the suite signs for an offer. */
export interface Permit2PaymentChanges<W extends ExactPermit2Witness | UptoWitness> {
  /** The requirements echoed in `accepted` (default: the offer). */
  accepted?: PaymentRequirementsV2
  authorization?: AuthorizationOverrides<W>
}

/** A signed Permit2 payment of `payer` for `offer` (exact or upto by the offer's scheme). */
export async function signPermit2Payment(
  context: ServerContext,
  offer: PaymentRequirementsV2,
  payer: DevnetAccount,
  changes: Permit2PaymentChanges<ExactPermit2Witness & UptoWitness> = {},
): Promise<Permit2Payment> {
  const requirements = changes.accepted ?? offer
  const resource = (context.challenge as PaymentRequiredV2 | undefined)?.resource
  const options = {
    requirements,
    payer: payer.account,
    now: await context.devnet.now(),
    ...(resource ? { resource } : {}),
    ...(changes.authorization ? { authorization: changes.authorization } : {}),
  }
  const payment =
    offer.scheme === 'upto' ? await buildUptoPayment(options) : await buildExactPermit2Payment(options)
  context.evidence.add(payment.evidence)
  return payment as Permit2Payment
}

/** The transfers of the offer's token out of `payer`, after giving the server time to finish. */
export async function transfersFrom(
  context: ServerContext,
  chain: ChainOracle,
  payer: DevnetAccount,
): Promise<TokenTransfer[]> {
  await new Promise((resolve) => setTimeout(resolve, 150))
  const transfers = await chain.transfers({ from: payer.address })
  context.note(
    `${chain.token} transfers from ${payer.address}: ${transfers.length}`,
    transfers.map((t) => ({ ...t, value: t.value.toString(), blockNumber: t.blockNumber.toString() })),
  )
  return transfers
}

/** No transfer of the offer's token left `payer` (a refused payment moved nothing). */
export async function expectNothingMoved(
  context: ServerContext,
  chain: ChainOracle,
  payer: DevnetAccount,
  requirements: readonly string[],
): Promise<void> {
  const transfers = await transfersFrom(context, chain, payer)
  check(transfers.length === 0, 'money moved although the payment was refused', {
    expected: 'no transfer from the payer',
    seen: show(transfers.map((t) => `${t.value} to ${t.to}`)),
    spec: specOf(...requirements),
  })
}
