/**
 * The MCP and A2A transports (`specs/transports-v{1,2}/{mcp,a2a}.md`): listed so the report shows them
 * as uncovered by design. The suite speaks HTTP only for now.
 */
import { specFile } from './cite.ts'
import type { RequirementInput } from './types.ts'

const MCP_LATER = 'the MCP transport is out of scope for now (HTTP first)'
const A2A_LATER = 'the A2A transport is out of scope for now (HTTP first)'

/** MCP and A2A entries, all `later`. */
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
    scope: 'later',
    scopeReason: MCP_LATER,
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
    scope: 'later',
    scopeReason: MCP_LATER,
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
    scope: 'later',
    scopeReason: MCP_LATER,
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
    scope: 'later',
    scopeReason: MCP_LATER,
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
    scope: 'later',
    scopeReason: MCP_LATER,
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
