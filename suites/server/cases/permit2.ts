/**
 * Permit2-based payments at a resource server (x402 v2): `exact` with `assetTransferMethod:
 * "permit2"` (scheme_exact_evm.md §2) and `upto` (scheme_upto.md, scheme_upto_evm.md). The suite plays
 * the client with payments built by harness/schemes and judges by the chain (the offer's token) and the
 * built-in facilitator's log. A server whose challenge has no such offer skips, naming what is missing.
 */
import { X402_UPTO_PERMIT2_PROXY } from '../../../harness/devnet/permit2.ts'
import { check, show } from '../../../harness/model/expect.ts'
import { safeDecodeHeader } from '../../../harness/wire/headers.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { serverCase } from '../case.ts'
import {
  expectNothingMoved,
  freshPermit2Payer,
  offerChain,
  permit2OfferOf,
  signPermit2Payment,
  transfersFrom,
} from '../permit2.ts'
import { specOf } from '../spec.ts'
import { strangerAddress } from './shared.ts'

/** The `amount` a PAYMENT-RESPONSE carries, if it decodes and has one. */
function receiptAmount(headers: Record<string, string | undefined>): unknown {
  const raw = headers['payment-response']
  if (raw === undefined) return undefined
  const decoded = safeDecodeHeader('PAYMENT-RESPONSE', raw)
  return decoded.ok ? (decoded.value as { amount?: unknown }).amount : undefined
}

export const permit2Cases = [
  serverCase({
    id: 'server.permit2.exact-honest',
    title: 'An honest exact payment with Permit2 buys the resource, and payTo gains exactly the amount, once',
    versions: [2],
    requirements: ['RS-12', 'RS-18', 'RS-36'],
    needs: ['chain'],
    tags: ['permit2'],
    async run(context) {
      const offer = permit2OfferOf(context, 'exact')
      const chain = offerChain(context, offer)
      const payer = await freshPermit2Payer(context)
      const payment = await signPermit2Payment(context, offer, payer)
      const response = await context.request({ payment: payment.payload, label: 'honest Permit2 payment' })
      context.expect.delivered(response)
      const settlement = context.expect.settlementResponse(response, { success: true, payer: payer.address })
      const transfers = await transfersFrom(context, chain, payer)
      const [only] = transfers
      check(
        transfers.length === 1 &&
          only !== undefined &&
          only.to.toLowerCase() === offer.payTo.toLowerCase() &&
          only.value === BigInt(offer.amount),
        'the chain does not show exactly one transfer of the amount to payTo',
        {
          expected: `one transfer of ${offer.amount} ${offer.asset} to ${offer.payTo}`,
          seen: show(transfers.map((t) => `${t.value} to ${t.to}`)),
          spec: specOf('RS-36'),
        },
      )
      check(
        only.transactionHash.toLowerCase() === settlement.transaction.toLowerCase(),
        'the PAYMENT-RESPONSE names another transaction than the one that paid',
        { expected: only.transactionHash, seen: show(settlement.transaction), spec: specOf('RS-36') },
      )
    },
  }),

  serverCase({
    id: 'server.permit2.upto-charge',
    title:
      'An upto payment is settled for at most the signed maximum, and the PAYMENT-RESPONSE amount is what moved on chain',
    versions: [2],
    requirements: ['RS-20', 'RS-12', 'RS-36'],
    needs: ['chain'],
    tags: ['permit2', 'upto'],
    async run(context) {
      const offer = permit2OfferOf(context, 'upto')
      const maximum = BigInt(offer.amount)
      const chain = offerChain(context, offer)
      const payer = await freshPermit2Payer(context)
      const payment = await signPermit2Payment(context, offer, payer)
      const response = await context.request({ payment: payment.payload, label: 'honest upto payment' })
      context.expect.delivered(response)
      const transfers = await transfersFrom(context, chain, payer)
      const moved = transfers.reduce((sum, t) => sum + t.value, 0n)
      check(
        transfers.every((t) => t.to.toLowerCase() === offer.payTo.toLowerCase()) && transfers.length <= 1,
        'the upto payment did not move one charge to payTo',
        {
          expected: `at most one transfer, to ${offer.payTo}`,
          seen: show(transfers.map((t) => `${t.value} to ${t.to}`)),
          spec: specOf('RS-20', 'RS-36'),
        },
      )
      check(moved <= maximum, 'the upto payment was charged more than the signed maximum', {
        expected: `at most ${maximum}`,
        seen: `${moved}`,
        spec: specOf('RS-20'),
      })
      // A zero charge sends nothing (scheme_upto_evm.md Phase 4); otherwise the receipt names the transfer.
      if (moved > 0n) context.expect.settlementResponse(response, { success: true, payer: payer.address })
      const amount = receiptAmount(response.headers)
      check(amount === moved.toString(), 'the PAYMENT-RESPONSE amount is not what moved on chain', {
        expected: `amount: "${moved}" (the charge settled)`,
        seen: show(amount),
        spec: specOf('RS-20', 'RS-36'),
      })
      const settles = context.capabilities.includes('builtin-facilitator')
        ? context.facilitator.calls(payer.address, 'settle')
        : []
      for (const call of settles) {
        const asked = (call.request as { paymentRequirements?: { amount?: unknown } } | undefined)
          ?.paymentRequirements?.amount
        check(asked === moved.toString(), '/settle was not asked for the charge that moved', {
          expected: `paymentRequirements.amount "${moved}" (≤ ${maximum})`,
          seen: show(asked),
          spec: specOf('RS-20'),
        })
      }
    },
  }),

  serverCase({
    id: 'server.permit2.unoffered-terms',
    title:
      'A Permit2 payment for terms the server did not offer (another payTo, a lower amount, another spender) gets no resource',
    versions: [2],
    requirements: ['RS-39', 'RS-15', 'RS-18'],
    needs: ['chain'],
    tags: ['permit2', 'hostile'],
    async run(context) {
      const offer = permit2OfferOf(context, 'exact')
      const chain = offerChain(context, offer)
      const payer = await freshPermit2Payer(context)
      const stranger = strangerAddress()
      const lower = (BigInt(offer.amount) - 1n).toString()
      const variants: Array<{ label: string; accepted?: PaymentRequirementsV2; spender?: `0x${string}` }> = [
        { label: `signed and accepted for payTo ${stranger}`, accepted: { ...offer, payTo: stranger } },
        { label: `signed and accepted for amount ${lower}`, accepted: { ...offer, amount: lower } },
        { label: 'signed for the upto proxy as spender', spender: X402_UPTO_PERMIT2_PROXY },
      ]
      for (const variant of variants) {
        const payment = await signPermit2Payment(context, offer, payer, {
          ...(variant.accepted ? { accepted: variant.accepted } : {}),
          ...(variant.spender ? { authorization: { spender: variant.spender } } : {}),
        })
        const response = await context.request({ payment: payment.payload, label: variant.label })
        context.expect.noDelivery(response)
        context.expect.status(response, [402, 400], ['RS-15'])
      }
      await expectNothingMoved(context, chain, payer, ['RS-39', 'RS-18'])
    },
  }),

  serverCase({
    id: 'server.permit2.allowance-required',
    title:
      'An exact payment with Permit2 from a payer who has not approved Permit2 is answered 412 Precondition Failed',
    requirements: ['RS-21'],
    needs: ['chain'],
    tags: ['permit2'],
    async run(context) {
      const offer = permit2OfferOf(context, 'exact')
      const chain = offerChain(context, offer)
      const payer = await freshPermit2Payer(context, false)
      const payment = await signPermit2Payment(context, offer, payer)
      const response = await context.request({
        payment: payment.payload,
        label: 'Permit2 payment without the approval',
      })
      context.expect.noDelivery(response)
      await expectNothingMoved(context, chain, payer, ['RS-18'])
      context.expect.status(response, [412], ['RS-21'])
    },
  }),
]
