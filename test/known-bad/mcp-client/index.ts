/**
 * The catalogue of known-bad MCP clients the mcp-client suite must catch: each is the reference MCP
 * client with one step replaced (harness/reference/mcp/client/steps.ts).
 */

import type { McpPayOptions } from '../../../harness/reference/mcp/client/index.ts'
import { referenceMcpClientSteps } from '../../../harness/reference/mcp/client/index.ts'
import { LEGACY_PAYMENT_META_KEY } from '../../../harness/transports/mcp/binding.ts'
import { isJsonObject } from '../../../harness/transports/mcp/types.ts'
import { encodeBase64Json } from '../../../harness/wire/json.ts'
import type { KnownBad } from '../known-bad.ts'

/** `replace` is the variation of the reference MCP client (its steps). */
export type KnownBadMcpClient = KnownBad<McpPayOptions>

const bad = (definition: KnownBadMcpClient): KnownBadMcpClient => Object.freeze(definition)

export const knownBadMcpClients: readonly KnownBadMcpClient[] = [
  bad({
    name: 'base64-payment',
    breaks: ['CL-12'],
    defect: 'sends the payment base64-encoded (the HTTP header form) instead of an object',
    replace: {
      steps: { attach: (params, payload, binding) => binding.withPayment(params, encodeBase64Json(payload)) },
    },
    caughtBy: ['mcp-client.payment.meta-object'],
  }),
  bad({
    name: 'payment-in-arguments',
    breaks: ['CL-12', 'CL-49'],
    defect: 'puts the payment into the tool arguments instead of _meta',
    replace: {
      steps: {
        attach: (params, payload) => ({ ...params, arguments: { ...params.arguments, payment: payload } }),
      },
    },
    caughtBy: ['mcp-client.payment.meta-object'],
  }),
  bad({
    name: 'drops-arguments',
    breaks: ['CL-49'],
    defect: 'retries the paid call without the tool arguments',
    replace: {
      steps: {
        attach: (params, payload, binding) =>
          binding.withPayment(
            { name: params.name, ...(params._meta ? { _meta: params._meta } : {}) },
            payload,
          ),
      },
    },
    caughtBy: ['mcp-client.payment.same-call'],
  }),
  bad({
    name: 'overpays',
    breaks: ['CL-30'],
    defect: 'signs for twice the offered amount',
    replace: {
      steps: {
        authorize(requirements, now, context) {
          const authorization = referenceMcpClientSteps.authorize(requirements, now, context)
          return { ...authorization, value: authorization.value * 2n }
        },
      },
    },
    caughtBy: ['mcp-client.payment.signed-terms'],
  }),
  bad({
    name: 'pays-again',
    breaks: ['CL-50'],
    defect: 'pays again whenever the paid call is answered with a PaymentRequired',
    replace: { steps: { payAgain: () => true } },
    caughtBy: ['mcp-client.payment.one-retry'],
  }),
  bad({
    name: 'structured-only',
    breaks: ['CL-11'],
    defect: 'reads the PaymentRequired from structuredContent only, never from content[0].text',
    replace: {
      steps: {
        readPaymentRequired(result, binding) {
          if (!isJsonObject(result.structuredContent)) return { ok: false, reason: 'no structuredContent' }
          return referenceMcpClientSteps.readPaymentRequired(result, binding)
        },
      },
    },
    caughtBy: ['mcp-client.detection.text-fallback'],
  }),
  bad({
    name: 'ignores-is-error',
    breaks: ['CL-51'],
    defect: 'pays any result whose structuredContent looks like a PaymentRequired, isError or not',
    replace: {
      steps: {
        readPaymentRequired: (result, binding) =>
          referenceMcpClientSteps.readPaymentRequired({ ...result, isError: true }, binding),
      },
    },
    caughtBy: ['mcp-client.detection.not-payment-required'],
  }),
  bad({
    name: 'legacy-dotted-key',
    breaks: ['CL-52'],
    defect: 'also sends the payment base64-encoded under the pre-spec _meta["x402.payment"], for old servers',
    replace: {
      steps: {
        attach(params, payload, binding) {
          const paid = binding.withPayment(params, payload)
          return { ...paid, _meta: { ...paid._meta, [LEGACY_PAYMENT_META_KEY]: encodeBase64Json(payload) } }
        },
      },
    },
    caughtBy: ['mcp-client.wire.legacy-dotted-key', 'mcp-client.payment.meta-object'],
  }),
]
