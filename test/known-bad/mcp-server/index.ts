/**
 * The catalogue of known-bad MCP servers the mcp-server suite must catch: each is the reference MCP
 * server with one step replaced (harness/reference/mcp/server/steps.ts).
 */
import { referenceMcpSteps } from '../../../harness/reference/mcp/server/index.ts'
import type { JsonObject } from '../../../harness/transports/mcp/types.ts'
import { encodeBase64Json } from '../../../harness/wire/json.ts'
import type {
  FacilitatorRequest,
  PaymentPayloadV2,
  PaymentRequirementsV2,
} from '../../../harness/wire/types.ts'
import { type KnownBadMcpServer, knownBadMcpServer } from './known-bad.ts'

export type { KnownBadMcpServer } from './known-bad.ts'

/** The request with the payload's accepted replaced by the server's own requirements. */
function withOwnOffer(request: FacilitatorRequest): FacilitatorRequest {
  return {
    ...request,
    paymentPayload: {
      ...(request.paymentPayload as PaymentPayloadV2),
      accepted: request.paymentRequirements as PaymentRequirementsV2,
    },
  }
}

export const knownBadMcpServers: readonly KnownBadMcpServer[] = [
  knownBadMcpServer({
    name: 'text-only-challenge',
    breaks: ['RS-22'],
    defect: 'asks for payment with the JSON in content[0].text only, no structuredContent',
    replace: {
      steps: {
        async challenge(_context, paymentRequired) {
          return { isError: true, content: [{ type: 'text', text: JSON.stringify(paymentRequired) }] }
        },
      },
    },
    caughtBy: ['mcp-server.challenge.tool-result'],
  }),

  knownBadMcpServer({
    name: 'challenge-text-differs',
    breaks: ['RS-22'],
    defect: 'puts a human sentence in content[0].text instead of the PaymentRequired JSON',
    replace: {
      steps: {
        async challenge(_context, paymentRequired) {
          return {
            isError: true,
            structuredContent: paymentRequired as unknown as JsonObject,
            content: [{ type: 'text', text: 'Payment required: 0.001 USDC' }],
          }
        },
      },
    },
    caughtBy: ['mcp-server.challenge.tool-result'],
  }),

  knownBadMcpServer({
    name: 'challenge-without-resource',
    breaks: ['RS-57'],
    defect: 'sends a PaymentRequired without the v2 resource object',
    replace: {
      steps: {
        paymentRequired(context, offers, error) {
          const { resource: _dropped, ...rest } = referenceMcpSteps.paymentRequired(context, offers, error)
          return rest as never
        },
      },
    },
    caughtBy: ['mcp-server.challenge.schema'],
  }),

  knownBadMcpServer({
    name: 'runs-tool-unpaid',
    breaks: ['RS-58'],
    defect: 'runs the paid tool before it asks for payment (and throws the result away)',
    replace: {
      steps: {
        async challenge(context, paymentRequired, params) {
          if (context.binding.readPayment(params) === undefined)
            await referenceMcpSteps.execute(context, params)
          return referenceMcpSteps.challenge(context, paymentRequired, params)
        },
      },
    },
    caughtBy: ['mcp-server.challenge.tool-not-run'],
  }),

  knownBadMcpServer({
    name: 'trusts-payment-presence',
    breaks: ['RS-59'],
    defect: 'serves the tool to any call that carries something under _meta["x402/payment"], unverified',
    replace: {
      steps: {
        decode(context, raw) {
          const decoded = referenceMcpSteps.decode(context, raw)
          return decoded.ok
            ? decoded
            : { ok: true, payload: { unverified: raw } as unknown as PaymentPayloadV2 }
        },
        match(context, payload, offers) {
          return referenceMcpSteps.match(context, payload, offers) ?? offers[0]
        },
        verified: () => true,
        async settle(context) {
          return { ok: true, response: { success: true, transaction: '', network: context.config.network } }
        },
        settled: () => true,
      },
    },
    caughtBy: ['mcp-server.payment.not-a-payload'],
  }),

  knownBadMcpServer({
    name: 'omits-receipt',
    breaks: ['RS-23'],
    defect: 'returns the paid content without _meta["x402/payment-response"]',
    replace: { steps: { receipt: (_context, result) => result } },
    caughtBy: ['mcp-server.payment.honest'],
  }),

  knownBadMcpServer({
    name: 'base64-receipt',
    breaks: ['RS-60'],
    defect: 'sends the SettlementResponse base64-encoded (the HTTP header form) instead of an object',
    replace: {
      steps: {
        receipt: (context, result, settlement) =>
          context.binding.withReceipt(result, encodeBase64Json(settlement)),
      },
    },
    caughtBy: ['mcp-server.payment.honest'],
  }),

  knownBadMcpServer({
    name: 'trusts-accepted',
    breaks: ['RS-61'],
    defect:
      "takes the client's accepted as the requirements it verifies and settles (the client sets price and payee)",
    replace: {
      steps: {
        match(_context, payload, offers) {
          const offer = offers[0]!
          return payload.accepted.scheme === offer.scheme ? payload.accepted : undefined
        },
      },
    },
    caughtBy: ['mcp-server.hostile.underpayment', 'mcp-server.hostile.wrong-pay-to'],
  }),

  knownBadMcpServer({
    name: 'ignores-accepted',
    breaks: ['RS-61'],
    defect:
      "never compares the client's accepted with its offers: it swaps in its own offer before verifying and settling",
    replace: {
      steps: {
        match: (_context, _payload, offers) => offers[0],
        verify: (context, request) => referenceMcpSteps.verify(context, withOwnOffer(request)),
        settle: (context, request) => referenceMcpSteps.settle(context, withOwnOffer(request)),
      },
    },
    caughtBy: ['mcp-server.hostile.altered-accepted'],
  }),

  knownBadMcpServer({
    name: 'fails-open',
    breaks: ['RS-61'],
    defect:
      'serves every well-formed payment: an unmatched offer, a failed verification or settlement do not stop it',
    replace: {
      steps: {
        match: (context, payload, offers) => referenceMcpSteps.match(context, payload, offers) ?? offers[0],
        verified: () => true,
        settled: () => true,
      },
    },
    caughtBy: [
      'mcp-server.hostile.expired',
      'mcp-server.hostile.wrong-asset',
      'mcp-server.hostile.wrong-network',
    ],
  }),

  knownBadMcpServer({
    name: 'replay-cache',
    breaks: ['RS-61'],
    defect: 'remembers paid signatures and serves them again without verifying or settling',
    replace: (() => {
      const paid = new Map<string, unknown>()
      const signatureOf = (payload: PaymentPayloadV2) => JSON.stringify(payload.payload)
      return {
        steps: {
          verified(context, outcome) {
            return referenceMcpSteps.verified(context, outcome) || paid.size > 0
          },
          async settle(context, request) {
            const key = signatureOf(request.paymentPayload as PaymentPayloadV2)
            const earlier = paid.get(key)
            if (earlier !== undefined) return { ok: true, response: earlier as never }
            const outcome = await referenceMcpSteps.settle(context, request)
            if (outcome.ok && outcome.response.success) paid.set(key, outcome.response)
            return outcome
          },
        },
      }
    })(),
    caughtBy: ['mcp-server.hostile.replay'],
  }),

  knownBadMcpServer({
    name: 'coalesces-duplicates',
    breaks: ['RS-61'],
    defect: 'answers copies of a payment that arrive while it is being settled with that one settlement',
    replace: (() => {
      const inFlight = new Map<string, ReturnType<typeof referenceMcpSteps.settle>>()
      return {
        steps: {
          settle(context, request) {
            const key = JSON.stringify(request.paymentPayload.payload)
            const running = inFlight.get(key)
            if (running !== undefined) return running
            const settling = referenceMcpSteps.settle(context, request).finally(() => inFlight.delete(key))
            inFlight.set(key, settling)
            return settling
          },
        },
      }
    })(),
    caughtBy: ['mcp-server.hostile.concurrent-copies'],
  }),

  knownBadMcpServer({
    name: 'delivers-on-settle-failure',
    breaks: ['RS-24', 'RS-62'],
    defect: 'returns the tool content although the settlement failed',
    replace: {
      steps: { settled: () => true },
    },
    caughtBy: ['mcp-server.failure.settle-rejected'],
  }),

  knownBadMcpServer({
    name: 'settles-handler-errors',
    breaks: ['RS-63'],
    defect: 'settles the payment even when the tool failed',
    replace: { steps: { settleFor: () => true } },
    caughtBy: ['mcp-server.failure.handler-error'],
  }),
]
