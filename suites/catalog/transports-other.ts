/**
 * The MCP and A2A transports (`specs/transports-v{1,2}/{mcp,a2a}.md`). MCP (v2, the tool-result
 * binding) is covered by the mcp-server and mcp-client suites; its newer entries (RS-57.., CL-49..)
 * follow them below. A2A is listed so the report shows it as uncovered by design.
 */
import { specFile } from './cite.ts'
import { FOUNDATION_MAIN } from './spec.ts'
import type { RequirementInput, SpecCitation } from './types.ts'

/** `specs/transports-v2/mcp.md` as foundation main 92f06b5 has it (the source of the newer MCP entries). */
const mcpV2 = (section: string): SpecCitation => ({
  ...specFile('transports-v2/mcp.md', section),
  source: FOUNDATION_MAIN,
})

const A2A_LATER = 'the A2A transport is out of scope for now (HTTP first)'

/** MCP entries (in scope) and A2A entries (`later`). */
export const otherTransportRequirements: readonly RequirementInput[] = [
  {
    id: 'RS-22',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'A paid MCP tool called without payment returns a tool result with isError true whose structuredContent is the PaymentRequired and whose content[0].text is JSON.stringify of the same object.',
    quote: 'Servers MUST provide the `PaymentRequired` in both formats:',
    spec: specFile('transports-v2/mcp.md', 'Payment Required Signaling / Server Requirements'),
    seeAlso: [specFile('transports-v1/mcp.md', 'Payment Required Signaling / Server Requirements')],
    basis: 'keyword',
    scope: 'now',
  },
  {
    id: 'RS-23',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement: 'An MCP server returns the settlement result in result._meta["x402/payment-response"].',
    quote: 'Servers communicate payment settlement results using the `_meta["x402/payment-response"]` field.',
    spec: specFile('transports-v2/mcp.md', 'Settlement Response Delivery'),
    seeAlso: [specFile('transports-v1/mcp.md', 'Settlement Response Delivery')],
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'RS-24',
    level: 'SHOULD',
    role: 'server',
    versions: [1, 2],
    statement:
      "If settlement fails after an MCP tool ran, the server returns only the payment error, not the tool's content.",
    quote:
      "If settlement fails after the tool has already executed, the server should not return the tool's content",
    spec: specFile('transports-v2/mcp.md', 'Settlement Response Delivery / Settlement Failure'),
    seeAlso: [specFile('transports-v1/mcp.md', 'Settlement Response Delivery / Settlement Failure')],
    basis: 'keyword',
    scope: 'now',
  },
  {
    id: 'CL-11',
    level: 'SHOULD',
    role: 'client',
    versions: [1, 2],
    statement:
      'An MCP client prefers structuredContent, falls back to parsing content[0].text, and recognises a PaymentRequired by x402Version and accepts.',
    quote:
      'Clients SHOULD prefer `structuredContent` when available, falling back to parsing `content[0].text`',
    spec: specFile('transports-v2/mcp.md', 'Payment Required Signaling / Client Requirements'),
    seeAlso: [specFile('transports-v1/mcp.md', 'Payment Required Signaling / Client Requirements')],
    basis: 'keyword',
    scope: 'now',
  },
  {
    id: 'CL-12',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'An MCP client sends the PaymentPayload as an object (not base64) in params._meta["x402/payment"].',
    quote: 'Clients send payment data using the MCP `_meta` field with key `x402/payment`.',
    spec: specFile('transports-v2/mcp.md', 'Payment Payload Transmission'),
    seeAlso: [specFile('transports-v1/mcp.md', 'Payment Payload Transmission')],
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'RS-57',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      "The PaymentRequired of an MCP server's isError tool result is a valid v2 PaymentRequired (x402Version 2, resource, accepts of well-formed requirements).",
    quote: 'Server returns a tool result with `isError: true` and `PaymentRequired` data',
    spec: mcpV2('Payment Flow Overview'),
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'RS-58',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'An MCP server runs a paid tool only after verifying its payment: a call without payment does not execute the tool.',
    quote: 'Server verifies payment, executes tool, settles payment',
    spec: mcpV2('Payment Flow Overview'),
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'RS-59',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A call whose _meta["x402/payment"] is not a valid PaymentPayload object (garbage, a string, the wrong shape) gets an isError PaymentRequired result, never the tool\'s content.',
    quote: 'Payment verification failed, returns `PaymentRequired` with reason',
    spec: mcpV2('Error Handling'),
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'RS-60',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'The value of result._meta["x402/payment-response"] is a SettlementResponse object (not a string or base64) describing the settlement the chain shows.',
    quote: '**Data Format**: `SettlementResponse` schema',
    spec: mcpV2('Settlement Response Delivery'),
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'RS-61',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A payment an MCP server must refuse (underpaid, expired, to another payTo, another asset or network, an altered accepted, a replay, a concurrent copy of a settled one) buys no tool content, and no more than one settlement ever happens per authorization.',
    quote: 'Server verifies payment, executes tool, settles payment',
    spec: mcpV2('Payment Flow Overview'),
    seeAlso: [mcpV2('Error Handling')],
    basis: 'implied',
    scope: 'now',
  },
  {
    id: 'RS-62',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'When settlement fails, the MCP server returns a tool result with isError true carrying a PaymentRequired, as for payment required signaling.',
    quote: 'When payment settlement fails, servers return a tool result with `isError: true`.',
    spec: mcpV2('Settlement Response Delivery / Settlement Failure'),
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'RS-63',
    level: 'SHOULD',
    role: 'server',
    versions: [2],
    statement:
      'A paid call whose tool fails (the handler throws or returns isError) is not settled: the payer is not charged for an error.',
    quote: 'Server verifies payment, executes tool, settles payment',
    spec: mcpV2('Payment Flow Overview'),
    basis: 'implied',
    scope: 'now',
  },
  {
    id: 'CL-49',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'The paid retry of an MCP client calls the same tool with the same arguments, adding the payment in _meta only.',
    quote: 'Client retries the tool call with payment in `_meta["x402/payment"]`',
    spec: mcpV2('Payment Flow Overview'),
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'CL-50',
    level: 'SHOULD',
    role: 'client',
    versions: [2],
    statement:
      'An MCP client makes at most one paid retry per call: a paid call answered with another PaymentRequired is not paid again.',
    quote: 'Client retries the tool call with payment in `_meta["x402/payment"]`',
    spec: mcpV2('Payment Flow Overview'),
    basis: 'implied',
    scope: 'now',
  },
  {
    id: 'CL-51',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'An MCP client pays only a tool result that asks for payment (isError true with a PaymentRequired): a completed result or an ordinary tool error is never paid.',
    quote: 'When a tool requires payment, servers MUST return a tool result with `isError: true`',
    spec: mcpV2('Payment Required Signaling'),
    basis: 'implied',
    scope: 'now',
  },
  {
    id: 'CL-52',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'An MCP client never sends its payment under another key (the pre-spec dotted _meta["x402.payment"], base64 or not) or in the tool arguments, even when the server asks for that legacy wire.',
    quote: 'Clients send payment data using the MCP `_meta` field with key `x402/payment`.',
    spec: mcpV2('Payment Payload Transmission'),
    basis: 'mechanism',
    scope: 'now',
  },
  {
    id: 'RS-25',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'An A2A agent signals payment with task state input-required and metadata x402.payment.status "payment-required" plus x402.payment.required; success is payment-completed with x402.payment.receipts, failure is state failed with payment-failed and x402.payment.error.',
    quote:
      "The server agent indicates payment is required using A2A's task state `input-required` with payment metadata.",
    spec: specFile('transports-v2/a2a.md', 'Payment Required Signaling'),
    seeAlso: [
      specFile('transports-v2/a2a.md', 'Payment Status Lifecycle'),
      specFile('transports-v1/a2a.md', 'Payment Required Signaling'),
    ],
    basis: 'mechanism',
    scope: 'later',
    scopeReason: A2A_LATER,
  },
  {
    id: 'RS-26',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      'A2A agents declare the x402 extension URI in their AgentCard, and clients activate it with the X-A2A-Extensions header.',
    quote: 'Agents supporting x402 payments must declare the extension in their AgentCard',
    spec: specFile('transports-v2/a2a.md', 'Extension Declaration and Activation'),
    seeAlso: [specFile('transports-v1/a2a.md', 'Extension Declaration and Activation')],
    basis: 'keyword',
    scope: 'later',
    scopeReason: A2A_LATER,
  },
]
