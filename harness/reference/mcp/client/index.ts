/**
 * The project's reference MCP client (x402 v2, transports-v2/mcp.md): calls a tool, pays a
 * PaymentRequired once with an `exact` EIP-3009 authorization in `_meta["x402/payment"]`, and reports
 * like the HTTP client contract. It passes every case of the mcp-client suite; the known-bad MCP
 * clients are it with one step replaced.
 */
import type { TargetSpec } from '../../../runner/fixture.ts'
import { configFromEnvironment } from '../../client/index.ts'
import { callPaidTool, type McpPayOptions } from './pay.ts'

export { callPaidTool, type McpPayOptions } from './pay.ts'
export { type McpClientSteps, referenceMcpClientSteps } from './steps.ts'

/** The reference MCP client as an in-process target: the tool and arguments come in its environment. */
export function referenceMcpClientTarget(
  options: McpPayOptions & { label?: string } = {},
): Extract<TargetSpec, { kind: 'in-process' }> {
  return {
    kind: 'in-process',
    label: options.label ?? 'reference MCP client (x402 v2)',
    async create() {
      return {
        async pay(url, environment) {
          const args: unknown = JSON.parse(environment.X402_MCP_ARGUMENTS ?? '{}')
          return callPaidTool(
            url,
            environment.X402_MCP_TOOL ?? '',
            args as Record<string, unknown>,
            configFromEnvironment(environment, [2]),
            options,
          )
        },
        async stop() {},
      }
    },
  }
}
