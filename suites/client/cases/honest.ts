/**
 * Honest challenges (v1 and v2): the client pays once, in its version's header, standard base64 JSON,
 * a valid payload, a faithful copy of the offer, an authorization that matches the offer field by field
 * and recovers to `from` under the offer's domain, a fresh nonce; and it reads the settlement. Most
 * cases judge one shared honest exchange per version (one client run serves them all), each checking
 * one thing, so a defect shows in exactly the case that names it.
 */

import { honestScript } from '../../../harness/actors/paywall/index.ts'
import { check, checkEqual } from '../../../harness/model/expect.ts'
import { expectExactlyOneTransferFrom } from '../../../harness/oracle/index.ts'
import { requiredAmount } from '../../../harness/schemes/exact-evm/payment.ts'
import { type ClientCaseDefinition, clientCase } from '../case.ts'
import type { ClientCaseContext, HonestExchange, ObservedPayment } from '../context.ts'
import { recordRun } from '../fixture.ts'
import {
  describeRun,
  expectAuthorization,
  expectDecimalStrings,
  expectFreshNonce,
  expectOfferedTerms,
  expectOnePayment,
  expectPayloadSchema,
  expectPaysAmount,
  expectPaysPayTo,
  expectSameRequest,
  expectSettlementReported,
  expectSignatureRecovers,
  expectStandardBase64,
  expectTimeWindow,
  expectVersionHeader,
  payloadJson,
  refs,
  requirementLevel,
} from '../verdicts/index.ts'

/** The shared honest exchange of the case's version, recorded in its evidence, and its one payment. */
async function honestPayment(
  context: ClientCaseContext,
): Promise<{ exchange: HonestExchange; payment: ObservedPayment }> {
  const exchange = await context.honestExchange()
  recordRun(context.evidence, exchange.run, `honest exchange v${context.version}`)
  return { exchange, payment: expectOnePayment(exchange.run, context.version) }
}

/** A case that judges one thing of the shared honest exchange (tagged `honest`). */
function onHonestExchange(
  definition: Omit<ClientCaseDefinition, 'run'> & {
    judge(context: ClientCaseContext, exchange: HonestExchange, payment: ObservedPayment): unknown
  },
) {
  const { judge, tags = [], ...meta } = definition
  return clientCase({
    ...meta,
    tags: ['honest', ...tags],
    async run(context) {
      const { exchange, payment } = await honestPayment(context)
      await judge(context, exchange, payment)
    },
  })
}

export const paysOnce = onHonestExchange({
  id: 'client.honest.pays-once',
  title:
    "An honest challenge is paid with one retry of the same request carrying the version's payment header",
  requirements: ['CL-1', 'CL-35', 'CL-22', 'CL-21', 'CL-20', 'CL-26'],
  judge(context, { run }, payment) {
    expectVersionHeader(payment, context.version)
    expectSameRequest(run, payment)
  },
})

export const headerEncoding = onHonestExchange({
  id: 'client.honest.header-encoding',
  title: 'The payment header is standard base64 of UTF-8 JSON',
  requirements: ['X-7', 'X-8'],
  tags: ['encoding'],
  judge: (_context, _exchange, payment) => expectStandardBase64(payment),
})

export const payloadSchema = onHonestExchange({
  id: 'client.honest.payload-schema',
  title: "The PaymentPayload passes its version's schema, with an EIP-3009 exact payload of decimal strings",
  requirements: ['CL-2', 'CL-3', 'CL-5', 'CL-27', 'CL-29', 'X-3', 'X-10', 'X-11'],
  level: 'schema',
  tags: ['schema'],
  judge(context, _exchange, payment) {
    expectPayloadSchema(payment, context.version)
    const payload = payloadJson(payment).payload as Record<string, unknown>
    check('authorization' in payload, 'an offer without assetTransferMethod was not paid with EIP-3009', {
      expected: 'payload {signature, authorization} (eip3009, the default method for an EIP-3009 token)',
      seen: `payload keys: ${Object.keys(payload).join(', ')}`,
      spec: refs('CL-27'),
      level: requirementLevel('CL-27'),
    })
    expectDecimalStrings(payment)
  },
})

export const acceptedCopy = onHonestExchange({
  id: 'client.honest.accepted-copy',
  title:
    'The payment names the offered terms: v2 accepted is a faithful copy of the offer, v1 its scheme and network',
  requirements: ['CL-23', 'CL-19'],
  judge: (context, { offered }, payment) => expectOfferedTerms(payment, context.version, [offered]),
})

export const paysPayTo = onHonestExchange({
  id: 'client.honest.pay-to',
  title: 'authorization.to is the offered payTo',
  requirements: ['CL-6'],
  judge: (_context, { offered }, payment) => expectPaysPayTo(payment, offered),
})

export const paysAmount = onHonestExchange({
  id: 'client.honest.amount',
  title: 'authorization.value is the offered amount, exactly',
  requirements: ['CL-30'],
  judge: (context, { offered }, payment) => expectPaysAmount(payment, offered, context.version),
})

export const timeWindow = onHonestExchange({
  id: 'client.honest.time-window',
  title: 'The authorization is valid on arrival and expires within maxTimeoutSeconds (documented slack)',
  requirements: ['CL-31', 'CL-32', 'CL-45'],
  tags: ['time'],
  judge: (_context, { offered }, payment) => expectTimeWindow(payment, offered),
})

export const freshNonce = onHonestExchange({
  id: 'client.honest.nonce',
  title: 'The nonce is 32 random bytes never used before: not in any other payment of the run, not on chain',
  requirements: ['CL-5', 'CL-33'],
  tags: ['replay'],
  judge: (context, { run }, payment) => expectFreshNonce(context, run, payment),
})

export const signatureRecovers = onHonestExchange({
  id: 'client.honest.signature',
  title:
    'The signature recovers to authorization.from under the domain from extra, the chain id and the asset',
  requirements: ['CL-7', 'CL-28', 'CL-6'],
  tags: ['eip712'],
  judge: (context, { offered }, payment) => expectSignatureRecovers(context, payment, offered),
})

export const settlementReported = onHonestExchange({
  id: 'client.honest.settlement-reported',
  title:
    'The client reads the settlement header of the paid response and reports it; the chain moved exactly the amount',
  requirements: ['CL-36'],
  tags: ['chain'],
  async judge(context, { run, offered }, payment) {
    expectSettlementReported(run, payment, context.version)
    if (context.target.kind === 'driver') return // a driver's own chain may not be the one the suite reads
    const { from } = expectAuthorization(payment)
    await expectExactlyOneTransferFrom(
      context.chain,
      { from, to: offered.payTo, value: BigInt(requiredAmount(offered, context.version)) },
      { message: 'the settled payment did not move exactly the offered amount to payTo' },
    )
  },
})

export const htmlBody = clientCase({
  id: 'client.honest.any-402-body',
  title: 'A v2 client pays from the PAYMENT-REQUIRED header whatever the 402 body holds (here an HTML page)',
  requirements: ['CL-20'],
  tags: ['honest'],
  async run(context) {
    const offer = context.offer()
    const { endpoint } = context.honest([offer], {
      challengeBody: '<!doctype html><html><body><h1>Payment required</h1></body></html>',
      settle: false,
    })
    const run = await context.pay(endpoint)
    const payment = expectOnePayment(run, context.version)
    expectVersionHeader(payment, context.version)
    checkEqual(
      expectOfferedTerms(payment, context.version, [offer]),
      offer,
      'the payment does not pay the offer of the PAYMENT-REQUIRED header',
      { spec: refs('CL-20') },
    )
  },
})

export const transferMethodEip3009 = clientCase({
  id: 'client.honest.transfer-method-eip3009',
  title:
    'An offer naming assetTransferMethod "eip3009" is paid with an EIP-3009 authorization and the method kept in accepted',
  requirements: ['CL-25', 'CL-23'],
  tags: ['honest'],
  async run(context) {
    const offer = context.offer({
      extra: { ...context.devnet.preset.eip712, assetTransferMethod: 'eip3009' },
    })
    const { endpoint } = context.honest([offer], { settle: false })
    const run = await context.pay(endpoint)
    const payment = expectOnePayment(run, context.version)
    expectOfferedTerms(payment, context.version, [offer])
    const json = payloadJson(payment)
    const extra = (json.accepted as { extra?: Record<string, unknown> } | undefined)?.extra
    check(
      extra?.assetTransferMethod === 'eip3009' && 'authorization' in (json.payload as object),
      'the payment is not an EIP-3009 payment marked eip3009',
      {
        expected: 'accepted.extra.assetTransferMethod "eip3009" with payload {signature, authorization}',
        seen: `assetTransferMethod ${JSON.stringify(extra?.assetTransferMethod)}, payload keys ${Object.keys(json.payload as object).join(', ')}`,
        spec: refs('CL-25'),
      },
    )
  },
})

export const headerNameCase = clientCase({
  id: 'client.honest.header-name-case',
  title: 'A challenge and settlement sent under lower-case header names are read like any others',
  versions: [2],
  requirements: ['X-9', 'CL-20'],
  tags: ['honest', 'encoding'],
  async run(context) {
    const offer = context.offer()
    const endpoint = context.endpoint(({ url }) => {
      const honest = honestScript({ paymentRequired: context.challenge(url, [offer]) })
      return async (request, state) => {
        const reply = await honest(request, state)
        const headers = Object.fromEntries(
          Object.entries(reply.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
        )
        return { ...reply, headers }
      }
    })
    const run = await context.pay(endpoint)
    const payment = expectOnePayment(run, context.version)
    expectOfferedTerms(payment, context.version, [offer])
    check(
      run.report?.paymentResponse !== undefined,
      'the client did not read the lower-case payment-response header',
      {
        expected: 'paymentResponse in its report',
        seen: describeRun(run),
        spec: refs('X-9', 'CL-36'),
        level: 'SHOULD',
      },
    )
  },
})

/** The honest cases. */
export const honestCases = [
  paysOnce,
  headerEncoding,
  payloadSchema,
  acceptedCopy,
  paysPayTo,
  paysAmount,
  timeWindow,
  freshNonce,
  signatureRecovers,
  settlementReported,
  htmlBody,
  transferMethodEip3009,
  headerNameCase,
] as const
