/**
 * Payments for terms the server did not offer (x402-specification-v2.md §5.2.2: `accepted` is the
 * chosen requirement; a v1 payload names the scheme and network it pays). The server compares them
 * with its own offers and never takes amount or recipient from the client.
 */
import type { PaymentPayload } from '../../../harness/wire/types.ts'
import { serverCase } from '../case.ts'
import type { CasePayer, ServerContext } from '../context.ts'
import { expectPaymentRefused, priceOf, strangerAddress } from './shared.ts'

/** A payment for terms the server did not offer is refused with 402 (or 400), citing RS-19. */
function expectUnofferedRefused(
  context: ServerContext,
  payer: CasePayer,
  payment: PaymentPayload,
  label: string,
): Promise<void> {
  return expectPaymentRefused(context, payer, payment, label, [402, 400], ['RS-19'])
}

/** An honest payment naming another `network` or `scheme`: in `accepted` (v2), at the payload's top (v1). */
function payNaming(
  context: ServerContext,
  payer: CasePayer,
  field: 'network' | 'scheme',
  value: { v1: string; v2: string },
): Promise<PaymentPayload> {
  return payer.pay(
    context.version === 2
      ? { accepted: { [field]: value.v2 } }
      : { mutate: (payload) => ({ ...payload, [field]: value.v1 }) },
  )
}

/** One payment for terms the server did not offer, and how it is made. */
interface UnofferedTerms {
  id: string
  title: string
  /** Only where narrower than its requirements' versions. */
  versions?: (1 | 2)[]
  requirements: string[]
  label: string
  pay(context: ServerContext, payer: CasePayer): Promise<PaymentPayload>
}

const unofferedTerms: readonly UnofferedTerms[] = [
  {
    id: 'server.accepted.amount-lowered',
    title: 'A v2 payment whose accepted and authorization both name a lower amount buys nothing',
    versions: [2],
    requirements: ['RS-19', 'RS-39', 'RS-18'],
    label: 'accepted.amount lowered',
    pay: (context, payer) => {
      const lower = priceOf(context) / 2n
      return payer.pay({ authorization: { value: lower }, accepted: { amount: lower.toString() } })
    },
  },
  {
    id: 'server.accepted.payto-changed',
    title: 'A v2 payment whose accepted and authorization both pay a stranger buys nothing',
    versions: [2],
    requirements: ['RS-19', 'RS-39', 'RS-18'],
    label: 'accepted.payTo changed',
    pay: (_context, payer) => {
      const stranger = strangerAddress()
      return payer.pay({ authorization: { to: stranger }, accepted: { payTo: stranger } })
    },
  },
  {
    id: 'server.accepted.altered-after-signing',
    title: 'A v2 payment whose accepted was altered after signing (amount) is refused',
    versions: [2],
    requirements: ['RS-19', 'RS-18'],
    label: 'accepted.amount altered',
    pay: (context, payer) => payer.pay({ accepted: { amount: (priceOf(context) + 1000n).toString() } }),
  },
  {
    id: 'server.accepted.unoffered-network',
    title: 'A payment naming a network the server did not offer is refused',
    requirements: ['RS-19', 'RS-18'],
    label: 'unoffered network',
    pay: (context, payer) => payNaming(context, payer, 'network', { v1: 'ethereum', v2: 'eip155:1' }),
  },
  {
    id: 'server.accepted.unoffered-scheme',
    title: 'A payment naming a scheme the server did not offer is refused',
    requirements: ['RS-19', 'RS-18'],
    label: 'unoffered scheme',
    pay: (context, payer) => payNaming(context, payer, 'scheme', { v1: 'upto', v2: 'upto' }),
  },
]

export const acceptedCases = [
  ...unofferedTerms.map((row) =>
    serverCase({
      id: row.id,
      title: row.title,
      versions: row.versions,
      requirements: row.requirements,
      needs: ['chain'],
      async run(context) {
        const payer = await context.payer()
        await expectUnofferedRefused(context, payer, await row.pay(context, payer), row.label)
      },
    }),
  ),

  serverCase({
    id: 'server.accepted.requirements-not-from-client',
    title:
      'Whatever a payment claims, the server asks the facilitator only about its own advertised requirements',
    requirements: ['RS-39', 'RS-38'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const payer = await context.payer()
      const lower = priceOf(context) - 1n
      const stranger = strangerAddress()
      const payment = await payer.pay({
        authorization: { value: lower, to: stranger },
        ...(context.version === 2 ? { accepted: { amount: lower.toString(), payTo: stranger } } : {}),
      })
      const response = await context.request({ payment, label: 'a payment claiming its own price and payTo' })
      context.expect.noDelivery(response)
      context.expect.requirementsAdvertised(payer, payment, { allowNone: true })
    },
  }),
]
