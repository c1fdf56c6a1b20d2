/**
 * A payment of the other protocol version (transports-v1/http.md and transports-v2/http.md: each
 * version has its own headers and payload shape). A server that speaks one version does not sell for
 * the other's payload, whichever header it arrives in.
 */
import { skip } from '../../../harness/model/expect.ts'
import { paymentHeaderName } from '../../../harness/wire/headers.ts'
import type {
  PaymentRequirements,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
} from '../../../harness/wire/types.ts'
import { requirementsIn } from '../../requirements.ts'
import { serverCase } from '../case.ts'
import type { ServerContext } from '../context.ts'
import { expectRefused } from './shared.ts'

/** The case's offer restated in the other version's shape (same price, token and payTo). */
function otherVersionOffer(context: ServerContext): PaymentRequirements {
  const offer = context.offer()
  const v2 = context.version === 2
  return requirementsIn(
    v2 ? 1 : 2,
    context.devnet.preset,
    {
      scheme: offer.scheme,
      amount: v2
        ? (offer as PaymentRequirementsV2).amount
        : (offer as PaymentRequirementsV1).maxAmountRequired,
      asset: offer.asset,
      payTo: offer.payTo,
      maxTimeoutSeconds: offer.maxTimeoutSeconds,
      extra: offer.extra ?? (v2 ? null : {}),
    },
    { resource: context.url, description: '' },
  )
}

export const versionCases = [
  serverCase({
    id: 'server.version.foreign-payload',
    title: "The other version's payload in this version's payment header buys nothing",
    requirements: ['RS-14', 'RS-15', 'RS-18'],
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.payFor(otherVersionOffer(context), context.version === 2 ? 1 : 2)
      const response = await context.request({
        payment,
        headerName: paymentHeaderName(context.version),
        label: `a v${payment.x402Version} payload in ${paymentHeaderName(context.version)}`,
      })
      await expectRefused(context, payer, response, [400, 402], ['RS-14', 'RS-15'])
    },
  }),

  serverCase({
    id: 'server.version.foreign-header',
    title: "The other version's payment in its own header buys nothing from a one-version server",
    requirements: ['RS-15', 'RS-18'],
    needs: ['chain'],
    async run(context) {
      const other = context.version === 2 ? 1 : 2
      if (context.versions.includes(other))
        skip(`the server also speaks v${other} (this case applies to one-version servers only)`)
      const payer = await context.payer()
      const payment = await payer.payFor(otherVersionOffer(context), context.version === 2 ? 1 : 2)
      const response = await context.request({
        payment,
        label: `a v${other} payment in ${paymentHeaderName(other)}`,
      })
      await expectRefused(context, payer, response, [402, 400], ['RS-15'])
    },
  }),
]
