/**
 * The reference MCP client's one paid tool call: call the tool, and when the result is a
 * PaymentRequired it can pay, sign an EIP-3009 authorization for the chosen offer and call the same
 * tool with the same arguments once more, the payment object in `_meta["x402/payment"]`. Reports
 * `{success, status, body, paymentResponse}` like the HTTP client contract (status: 200 for a completed
 * tool result, 402 for a PaymentRequired, 500 for a tool or JSON-RPC error). Never throws.
 */
import { privateKeyToAccount } from 'viem/accounts'
import {
  authorizationToWire,
  authorizationTypedData,
  signAuthorization,
} from '../../../schemes/exact-evm/eip3009.ts'
import type { ClientReport } from '../../../targets/client-report.ts'
import { connectMcp, type ToolAnswer } from '../../../transports/mcp/connection.ts'
import type { JsonObject, ToolCallParams } from '../../../transports/mcp/types.ts'
import type { ClientConfig, StepContext } from '../../client/index.ts'
import { defaultSteps, domainChecker } from '../../client/index.ts'
import { type McpClientSteps, referenceMcpClientSteps } from './steps.ts'

/** A defective `payAgain` still stops here. */
const MAX_PAYMENTS = 5

export interface McpPayOptions {
  steps?: Partial<McpClientSteps>
  /** Why the client did what it did; the CLI prints these on stderr. */
  onNote?: (note: string) => void
}

/** Calls `tool` with `args` on the MCP server at `url`, paying once when asked. */
export async function callPaidTool(
  url: string,
  tool: string,
  args: JsonObject,
  config: ClientConfig,
  options: McpPayOptions = {},
): Promise<ClientReport> {
  const steps: McpClientSteps = { ...referenceMcpClientSteps, ...options.steps }
  const note = options.onNote ?? (() => {})
  const account = privateKeyToAccount(config.privateKey)
  const context: StepContext = {
    config: { ...config, versions: [2] },
    domains: domainChecker(config.rpcUrl),
    steps: defaultSteps,
    payer: account.address,
  }
  let connection: Awaited<ReturnType<typeof connectMcp>> | undefined
  try {
    connection = await connectMcp({ kind: 'http', url })
    const params: ToolCallParams = { name: tool, arguments: args }
    let answer = await connection.call(params)
    let payments = 0
    for (;;) {
      if (answer.kind !== 'result') return report(answer, steps)
      const reading = steps.readPaymentRequired(answer.result, steps.binding)
      if (!reading.ok) {
        if (answer.result.isError === true) note(`not paying: ${reading.reason}`)
        return report(answer, steps)
      }
      if (payments > 0 && !steps.payAgain(answer.result, payments)) return report(answer, steps)
      if (payments >= MAX_PAYMENTS) return report(answer, steps)
      const { challenge } = reading
      const requirements = await steps.choose(challenge, context)
      if (requirements === undefined) {
        note('not paying: no offer this client supports (scheme, network, asset, budget, token domain)')
        return report(answer, steps)
      }
      const paying: StepContext = { ...context, version: 2 }
      const now = BigInt(Math.floor(Date.now() / 1000))
      const authorization = steps.authorize(requirements, now, paying)
      const typedData = authorizationTypedData(steps.domain(requirements, paying), authorization)
      const signature = await signAuthorization(account, typedData)
      const payload = steps.payload(challenge, requirements, {
        signature,
        authorization: authorizationToWire(authorization),
      })
      payments++
      answer = await connection.call(steps.attach(params, payload, steps.binding))
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    note(`failed: ${message}`)
    return { success: false, status: 0, body: message }
  } finally {
    await connection?.close()
  }
}

function report(answer: ToolAnswer, steps: McpClientSteps): ClientReport {
  if (answer.kind !== 'result')
    return { success: false, status: 500, body: answer.kind === 'rpc-error' ? answer.message : answer.error }
  const { result } = answer
  if (result.isError !== true) {
    const receipt = steps.binding.readReceipt(result)
    return {
      success: true,
      status: 200,
      body: result,
      ...(receipt === undefined ? {} : { paymentResponse: receipt }),
    }
  }
  const asksPayment = steps.binding.readPaymentRequired(result).ok
  return { success: false, status: asksPayment ? 402 : 500, body: result }
}
