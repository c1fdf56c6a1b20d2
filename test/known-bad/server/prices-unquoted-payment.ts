import { randomBytes } from 'node:crypto'
import { acceptedMatches, referenceSteps } from '../../../harness/reference/server/index.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { knownBad } from './known-bad.ts'

/** The quotes this server issued, by id (in memory: a restart forgets them). */
const quotes = new Map<string, PaymentRequirementsV2>()

/**
 * Quotes each challenge under an id in `extra.quote` and checks a payment against the quote it names;
 * a payment naming no quote it remembers is priced from its own `accepted`.
 */
export default knownBad({
  name: 'prices-unquoted-payment',
  breaks: ['RS-47', 'RS-39'],
  defect:
    "checks a payment against the quote it names, and prices one that names no quote it knows (no prior challenge, or a restart) from the client's accepted",
  versions: [2],
  replace: {
    steps: {
      offers(context) {
        return referenceSteps.offers(context).map((offer) => {
          if (offer.scheme !== 'exact') return offer
          const quoted = { ...offer, extra: { ...offer.extra, quote: randomBytes(16).toString('hex') } }
          quotes.set(quoted.extra.quote, quoted as PaymentRequirementsV2)
          return quoted
        })
      },
      match(context, payload, offers) {
        if (payload.x402Version !== 2) return referenceSteps.match(context, payload, offers)
        const quote = quotes.get(String(payload.accepted.extra?.quote))
        if (quote) return acceptedMatches(payload.accepted, quote) ? quote : undefined
        const offer = offers.find((entry) => entry.scheme === 'exact')
        return offer && payload.accepted.scheme === offer.scheme && payload.accepted.network === offer.network
          ? payload.accepted
          : undefined
      },
    },
  },
  caughtBy: ['server.accepted.unquoted-lower-amount', 'server.accepted.unquoted-payto'],
})
