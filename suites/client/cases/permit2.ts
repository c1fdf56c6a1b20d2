/**
 * Permit2-based payments a client signs (x402 v2): the suite's paywall offers only `exact` with
 * `extra.assetTransferMethod: "permit2"` (scheme_exact_evm.md §2), or only `upto` naming the built-in
 * facilitator (scheme_upto_evm.md §1), in the devnet USDC the client holds, and judges the payload:
 * spender, witness, permitted token and amount, deadline window, and the signer. Nothing is settled (a
 * fresh payer has not approved Permit2). A client that does not pay the offer skips, saying so.
 */
import { skip } from '../../../harness/model/expect.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { clientCase } from '../case.ts'
import type { ClientCaseContext } from '../context.ts'
import {
  expectOnePayment,
  expectPermit2Payload,
  expectPermit2Signer,
  expectPermit2Terms,
  expectPermit2Window,
  type Permit2PaymentKind,
  paidRequests,
} from '../verdicts/index.ts'

/** upto's maximum in the offer: distinctive, and far from the exact default. */
const UPTO_MAXIMUM = 20_480n

/** The offer of `kind` the paywall makes (only it, so any payment is for it). */
function permit2Offer(context: ClientCaseContext, kind: Permit2PaymentKind): PaymentRequirementsV2 {
  const eip712 = context.devnet.preset.eip712
  if (kind === 'exact')
    return context.offer({ extra: { ...eip712, assetTransferMethod: 'permit2' } }) as PaymentRequirementsV2
  return context.offer({
    scheme: 'upto',
    amount: UPTO_MAXIMUM,
    extra: { ...eip712, assetTransferMethod: 'permit2', facilitatorAddress: context.facilitator.signer },
  }) as PaymentRequirementsV2
}

const OFFERED: Record<Permit2PaymentKind, string> = {
  exact: 'an exact offer with extra.assetTransferMethod "permit2"',
  upto: 'an upto offer',
}

/** Runs the client against the offer and judges the Permit2 payment it sends. */
async function judgePermit2Payment(context: ClientCaseContext, kind: Permit2PaymentKind): Promise<void> {
  const offer = permit2Offer(context, kind)
  const { endpoint } = context.honest([offer], { settle: false, label: `${kind} Permit2 offer` })
  const run = await context.pay(endpoint, { label: `offered only ${OFFERED[kind]}` })
  if (paidRequests(run).length === 0)
    skip(`the client does not pay ${OFFERED[kind]} (offered only that, it sent no payment)`)
  const payment = expectOnePayment(run, 2)
  const signed = expectPermit2Payload(payment, kind)
  expectPermit2Terms(signed.authorization, offer, kind)
  await expectPermit2Signer(signed, kind, context.devnet.preset.chainId, run.payer?.address)
  expectPermit2Window(payment, signed.authorization, offer)
}

export const permit2Cases = [
  clientCase({
    id: 'client.permit2.exact-payload',
    title:
      'Paying an exact offer with Permit2, the client signs a PermitWitnessTransferFrom for the x402ExactPermit2Proxy, payTo, the asset and the amount',
    versions: [2],
    requirements: ['CL-8', 'CL-31', 'CL-32'],
    tags: ['permit2'],
    run: (context) => judgePermit2Payment(context, 'exact'),
  }),

  clientCase({
    id: 'client.permit2.upto-payload',
    title:
      'Paying an upto offer, the client signs the maximum for the x402UptoPermit2Proxy with the offer’s facilitatorAddress as witness.facilitator',
    versions: [2],
    requirements: ['CL-9', 'CL-31', 'CL-32'],
    tags: ['permit2', 'upto'],
    run: (context) => judgePermit2Payment(context, 'upto'),
  }),
]
