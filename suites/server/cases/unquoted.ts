/**
 * Payments for terms the server never quoted (RS-47, RS-39): sent without a challenge before them, or
 * naming a quote a restarted server forgot. A server that prices from the payment when it has no
 * record of a quote sells at the client's price, or to the client's payTo. Per-challenge values of the
 * offer (a quote id, a nonce: whatever differs between two challenges) are replaced by ones the server
 * never issued, so the payment cannot lean on any challenge.
 */
import { randomBytes } from 'node:crypto'
import type { PaymentDefects } from '../../../harness/actors/payer.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { serverCase } from '../case.ts'
import type { ServerContext } from '../context.ts'
import { sameJson } from '../verdicts.ts'
import { expectPaymentRefused, priceOf, strangerAddress } from './shared.ts'

type Json = Record<string, unknown>

/** A value of the same kind the server never issued. */
function neverIssued(value: unknown): unknown {
  if (typeof value === 'number') return value + 1 + Math.floor(Math.random() * 1_000_000)
  if (typeof value === 'string' && /^0x[0-9a-fA-F]*$/.test(value))
    return `0x${randomBytes(Math.max(1, (value.length - 2) >> 1)).toString('hex')}`
  if (typeof value === 'string') return `${randomBytes(8).toString('hex')}-never-issued`
  return undefined
}

/** `offer` with every top-level and `extra` value that differs in `other` (a fresh challenge) replaced. */
function unquoted(offer: PaymentRequirementsV2, other: unknown): PaymentRequirementsV2 {
  const theirs = (other ?? {}) as Json
  const copy = structuredClone(offer) as unknown as Json
  const replace = (mine: Json, fresh: Json) => {
    for (const key of Object.keys(mine))
      if (!sameJson(mine[key], fresh[key]) && typeof mine[key] !== 'object')
        mine[key] = neverIssued(mine[key])
  }
  replace(copy, theirs)
  if (copy.extra && typeof copy.extra === 'object') replace(copy.extra as Json, (theirs.extra ?? {}) as Json)
  return copy as unknown as PaymentRequirementsV2
}

/** The case's offer as no challenge quoted it, or as the server quoted it again now when nothing varies. */
async function unquotedOffer(context: ServerContext): Promise<PaymentRequirementsV2> {
  const offer = context.offer() as PaymentRequirementsV2
  const { reading } = await context.fetchChallenge({ label: 'a second challenge, to see what varies' })
  const fresh = reading.v2?.ok
    ? reading.v2.value.accepts.find(
        (entry) => entry.scheme === offer.scheme && entry.network === offer.network,
      )
    : undefined
  const changed = unquoted(offer, fresh ?? offer)
  context.note('terms sent as no challenge quoted them', changed)
  return changed
}

/**
 * A payment on unquoted terms with one change the payer profits from (`terms`: the change to
 * accepted, and the authorization that pays it) buys nothing: 402, or 400 for terms it cannot read.
 */
function unquotedCase(
  id: string,
  title: string,
  label: string,
  terms: (context: ServerContext) => {
    accepted: Partial<PaymentRequirementsV2>
    authorization: PaymentDefects['authorization']
  },
) {
  return serverCase({
    id: `server.accepted.${id}`,
    title,
    versions: [2],
    requirements: ['RS-47', 'RS-39', 'RS-18'],
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const change = terms(context)
      const accepted = { ...(await unquotedOffer(context)), ...change.accepted }
      const payment = await payer.pay({ authorization: change.authorization, accepted })
      await expectPaymentRefused(context, payer, payment, label, [402, 400], ['RS-47'])
    },
  })
}

export const unquotedCases = [
  unquotedCase(
    'unquoted-lower-amount',
    'A payment for a lower amount, on terms no challenge quoted, buys nothing',
    'unquoted terms, lower amount',
    (context) => {
      const lower = priceOf(context) / 2n
      return { accepted: { amount: lower.toString() }, authorization: { value: lower } }
    },
  ),

  unquotedCase(
    'unquoted-payto',
    "A payment to the client's own payTo, on terms no challenge quoted, buys nothing",
    'unquoted terms, another payTo',
    () => {
      const stranger = strangerAddress()
      return { accepted: { payTo: stranger }, authorization: { to: stranger } }
    },
  ),
]
