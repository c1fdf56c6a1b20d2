/**
 * The MCP server verdicts (transports-v2/mcp.md), in the shared vocabulary: what a tool answer must
 * look like (a PaymentRequired tool result, the tool's content, a receipt object) and what the chain
 * must show (nothing moved, exactly one settlement of the price to payTo). Each throws a
 * `CheckFailure` naming the requirement, or returns what it read.
 */
import { isDeepStrictEqual } from 'node:util'
import type { Address } from 'viem'
import { type CheckDetails, check, show } from '../../harness/model/expect.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import {
  type ChainOracle,
  checkTransactionSucceeded,
  expectExactlyOneTransferFrom,
  expectNoTransferFrom,
} from '../../harness/oracle/index.ts'
import type { McpPaymentBinding } from '../../harness/transports/mcp/binding.ts'
import type { ToolAnswer } from '../../harness/transports/mcp/connection.ts'
import { isJsonObject, type JsonObject, type ToolResult } from '../../harness/transports/mcp/types.ts'
import { formatIssues } from '../../harness/wire/errors.ts'
import { checkPaymentRequiredV2, checkSettlementResponse } from '../../harness/wire/messages.ts'
import type { PaymentRequirementsV2, SettlementResponse } from '../../harness/wire/types.ts'
import { specRefs } from '../spec-refs.ts'

/** What the verdicts need from the case run. */
export interface McpVerdictOptions {
  binding: McpPaymentBinding
  chain: ChainOracle
  offer(): PaymentRequirementsV2
  note(text: string, data?: unknown): void
  /** How long a server may take to finish a settlement after answering (ms). */
  graceMs: number
}

export interface McpServerVerdicts {
  /**
   * RS-22: a tool result (not a JSON-RPC error) with isError true whose structuredContent is an object
   * deep-equal to JSON.parse(content[0].text). Returns the PaymentRequired.
   */
  paymentRequiredResult(answer: ToolAnswer, requirements?: string[]): JsonObject
  /** RS-57: the PaymentRequired is a valid v2 one. */
  validPaymentRequired(value: JsonObject): void
  /** The tool's content was not returned: an error result or a JSON-RPC error, never a completed result. */
  noContent(answer: ToolAnswer, situation: string, details?: CheckDetails): void
  /** The tool's content was returned: a completed tool result (isError not true). */
  content(answer: ToolAnswer, situation: string, requirements: string[]): ToolResult
  /** RS-60: the receipt is a SettlementResponse object for a successful settlement of exactly the price by `payer`. */
  receipt(result: ToolResult, payer: Address): Promise<SettlementResponse>
  /** Nothing left `payer` (after the grace period). */
  noTransfer(payer: Address, requirements: string[]): Promise<void>
  /** Exactly one transfer of the price from `payer` to payTo. */
  settledOnce(payer: Address, requirements: string[]): Promise<void>
}

/** Describes an answer for a failure's `seen`. */
export function describeAnswer(answer: ToolAnswer): string {
  if (answer.kind === 'rpc-error') return `a JSON-RPC error ${answer.code}: ${answer.message}`
  if (answer.kind === 'failed') return `no answer: ${answer.error}`
  return `a tool result ${clip(show(answer.raw))}`
}

function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Creates the verdicts of one case run. */
export function createMcpServerVerdicts(options: McpVerdictOptions): McpServerVerdicts {
  const { binding, chain, note } = options
  const grace = () => new Promise((resolve) => setTimeout(resolve, options.graceMs))

  return {
    paymentRequiredResult(answer, requirements = ['RS-22']) {
      const spec = specRefs(...requirements)
      if (answer.kind !== 'result')
        throw new CheckFailure('the unpaid call did not get a tool result asking for payment', {
          expected:
            'a tool result with isError true, structuredContent the PaymentRequired, content[0].text its JSON',
          seen: describeAnswer(answer),
          spec,
        })
      const { result } = answer
      check(result.isError === true, 'the payment-required tool result does not have isError true', {
        expected: 'isError: true',
        seen: describeAnswer(answer),
        spec,
      })
      const structured = result.structuredContent
      check(isJsonObject(structured), 'the payment-required tool result has no structuredContent object', {
        expected: 'structuredContent: the PaymentRequired object',
        seen: describeAnswer(answer),
        spec,
      })
      const first = result.content[0]
      check(first?.type === 'text' && typeof first.text === 'string', 'content[0] is not a text block', {
        expected: 'content[0] = {type: "text", text: JSON.stringify(PaymentRequired)}',
        seen: show(result.content),
        spec,
      })
      let parsed: unknown
      try {
        parsed = JSON.parse(first.text as string)
      } catch {
        parsed = undefined
      }
      check(isDeepStrictEqual(parsed, structured), 'content[0].text is not the JSON of structuredContent', {
        expected: `JSON.parse(content[0].text) deep-equals structuredContent ${clip(show(structured))}`,
        seen: `content[0].text = ${clip(show(first.text))}`,
        spec,
      })
      return structured
    },

    validPaymentRequired(value) {
      const checked = checkPaymentRequiredV2(value)
      if (!checked.ok)
        throw new CheckFailure('the PaymentRequired is not a valid x402 v2 PaymentRequired', {
          expected: 'x402Version 2, resource {url, …}, accepts of valid PaymentRequirements (core v2 §5.1)',
          seen: `${formatIssues(checked.issues)} in ${clip(show(value))}`,
          spec: specRefs('RS-57'),
        })
    },

    noContent(answer, situation, details = {}) {
      if (answer.kind === 'result' && answer.result.isError !== true)
        throw new CheckFailure(`${situation}: the tool's content was returned`, {
          expected: 'an isError tool result (the PaymentRequired), never the tool content',
          seen: describeAnswer(answer),
          ...details,
        })
    },

    content(answer, situation, requirements) {
      if (answer.kind !== 'result' || answer.result.isError === true)
        throw new CheckFailure(`${situation}: the tool's content was not returned`, {
          expected: 'a completed tool result (isError not true)',
          seen: describeAnswer(answer),
          spec: specRefs(...requirements),
        })
      return answer.result
    },

    async receipt(result, payer) {
      const spec = specRefs('RS-23', 'RS-60')
      const offer = options.offer()
      const receipt = binding.readReceipt(result)
      check(receipt !== undefined, `the paid result has no _meta["${binding.paymentResponseKey}"]`, {
        expected: `result._meta["${binding.paymentResponseKey}"] = the SettlementResponse`,
        seen: `_meta = ${show(result._meta)}`,
        spec,
      })
      check(isJsonObject(receipt), 'the settlement response is not an object', {
        expected: 'a SettlementResponse object (not base64, not a string)',
        seen: clip(show(receipt)),
        spec,
      })
      const checked = checkSettlementResponse(receipt, 2)
      if (!checked.ok)
        throw new CheckFailure('the settlement response is not a valid SettlementResponse', {
          expected: 'success, transaction, network (core v2 §5.3)',
          seen: `${formatIssues(checked.issues)} in ${clip(show(receipt))}`,
          spec,
        })
      const settlement = checked.value
      check(settlement.success === true, 'the receipt of a delivered result does not say success', {
        expected: 'success: true',
        seen: show(settlement),
        spec,
      })
      check(settlement.network === offer.network, 'the receipt names another network', {
        expected: `network ${offer.network}`,
        seen: `network ${show(settlement.network)}`,
        spec,
      })
      if (settlement.payer !== undefined)
        check(settlement.payer.toLowerCase() === payer.toLowerCase(), 'the receipt names another payer', {
          expected: `payer ${payer}`,
          seen: `payer ${settlement.payer}`,
          spec,
        })
      const transaction = await chain.transaction(settlement.transaction, 'settlement named by the receipt')
      checkTransactionSucceeded(transaction, { spec })
      const transfer = await expectExactlyOneTransferFrom(
        chain,
        { from: payer, to: offer.payTo, value: BigInt(offer.amount) },
        { spec, note },
      )
      check(
        transfer.transactionHash.toLowerCase() === settlement.transaction.toLowerCase(),
        'the receipt names another transaction than the settlement',
        {
          expected: `transaction ${transfer.transactionHash}`,
          seen: `transaction ${settlement.transaction}`,
          spec,
        },
      )
      return settlement
    },

    async noTransfer(payer, requirements) {
      await grace()
      await expectNoTransferFrom(chain, payer, { spec: specRefs(...requirements), note })
    },

    async settledOnce(payer, requirements) {
      await grace()
      const offer = options.offer()
      await expectExactlyOneTransferFrom(
        chain,
        { from: payer, to: offer.payTo, value: BigInt(offer.amount) },
        { spec: specRefs(...requirements), note },
      )
    },
  }
}
