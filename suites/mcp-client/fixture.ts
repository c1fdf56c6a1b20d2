/**
 * The mcp-client suite's role fixture. `setup` starts the suite's paid MCP tool (harness/transports/mcp
 * paywall) on loopback; `context` gives each case fresh endpoints on it and runs the client under
 * test once per endpoint with a fresh funded payer, the endpoint's URL for `{url}` and the tool and
 * arguments to call in X402_MCP_TOOL / X402_MCP_ARGUMENTS.
 */
import type { TargetEnvironment } from '../../harness/devnet/environment.ts'
import type { Capability } from '../../harness/model/case.ts'
import { CheckFailure, TargetUnavailable } from '../../harness/model/verdict.ts'
import { createChainOracle } from '../../harness/oracle/index.ts'
import type { RoleFixture, RoleSession, WorkerEnvironment } from '../../harness/runner/fixture.ts'
import type { Target } from '../../harness/targets/types.ts'
import { type McpPaymentBinding, toolResultBinding } from '../../harness/transports/mcp/binding.ts'
import {
  honestToolScript,
  type SettleService,
  startToolPaywall,
} from '../../harness/transports/mcp/paywall.ts'
import type { JsonObject } from '../../harness/transports/mcp/types.ts'
import type { PaymentRequirementsV2 } from '../../harness/wire/types.ts'
import { freshPayTo } from '../client/offers.ts'
import type { McpClientContext, McpClientRun } from './context.ts'
import { paymentsIn } from './observe.ts'
import { describeRun } from './verdicts.ts'

export interface McpClientFixtureOptions {
  binding?: McpPaymentBinding
}

/** Creates the MCP client fixture. */
export function createMcpClientFixture(options: McpClientFixtureOptions = {}): RoleFixture<McpClientContext> {
  const binding = options.binding ?? toolResultBinding
  return {
    role: 'mcp-client',
    async setup(environment: WorkerEnvironment, target: Target): Promise<RoleSession<McpClientContext>> {
      const pay = target.pay
      if (pay === undefined)
        throw new TargetUnavailable(`the MCP client target '${target.label}' cannot be run`)
      const { devnet, facilitator } = environment
      const paywall = await startToolPaywall()
      const settle: SettleService = (request) => facilitator.settle(request)
      const capabilities: Capability[] = ['chain']
      return {
        versions: [2],
        capabilities,
        label: `${target.label} (MCP client, x402 v2)`,
        teardown: () => paywall.stop(),
        async context(run): Promise<McpClientContext> {
          const { evidence } = run
          const note = (text: string, data?: unknown) =>
            evidence.add({ kind: 'note', text, ...(data === undefined ? {} : { data }) })
          const chain = createChainOracle({ publicClient: devnet.publicClient, token: devnet.usdc, evidence })
          const offer = (changes: Partial<PaymentRequirementsV2> = {}): PaymentRequirementsV2 => ({
            scheme: 'exact',
            network: devnet.preset.network,
            amount: '1500',
            asset: devnet.usdc,
            payTo: freshPayTo(),
            maxTimeoutSeconds: 90,
            extra: { ...devnet.preset.eip712 },
            ...changes,
          })
          const paymentRequired = (
            accepts: readonly PaymentRequirementsV2[],
            error?: string,
          ): JsonObject => ({
            x402Version: 2,
            error: error ?? 'Payment required to access this resource',
            resource: {
              url: 'mcp://tool/get_forecast',
              description: 'A weather forecast',
              mimeType: 'application/json',
            },
            accepts: [...accepts],
          })
          const context: McpClientContext = {
            version: 2,
            caseId: run.caseId,
            evidence,
            signal: run.signal,
            devnet,
            chain,
            binding,
            offer,
            paymentRequired,
            settle,
            endpoint: (script) => paywall.endpoint(script),
            honest(given) {
              const chosen = given ?? offer()
              const required = paymentRequired([chosen])
              const endpoint = paywall.endpoint(
                honestToolScript({
                  binding,
                  paymentRequired: required,
                  requirements: chosen as unknown as JsonObject,
                  settle,
                }),
              )
              return { endpoint, offer: chosen, paymentRequired: required }
            },
            async pay(endpoint, payOptions = {}) {
              const payer = await devnet.fundedAccount()
              const startedAt = performance.now()
              const overrides = {
                X402_PRIVATE_KEY: payer.privateKey,
                X402_MCP_TOOL: endpoint.tool.name,
                X402_MCP_ARGUMENTS: JSON.stringify(endpoint.arguments),
              } as Partial<TargetEnvironment>
              let report: McpClientRun['report']
              let contractFailure: CheckFailure | undefined
              try {
                report = await pay(endpoint.url, { signal: run.signal, environment: overrides })
              } catch (error) {
                if (!(error instanceof CheckFailure)) throw error
                contractFailure = error
              }
              const calls = [...endpoint.calls]
              const observed: McpClientRun = {
                endpoint,
                calls,
                payments: calls.flatMap((call) => paymentsIn(call, binding)),
                ...(report === undefined ? {} : { report }),
                ...(contractFailure === undefined ? {} : { contractFailure }),
                payer,
                durationMs: Math.round(performance.now() - startedAt),
              }
              note(
                `MCP client run${payOptions.label ? ` (${payOptions.label})` : ''}: ${describeRun(observed)}`,
                {
                  calls: calls.map((call) => ({
                    seq: call.seq,
                    params: call.params,
                    answer: call.answer,
                    settlement: call.settlement,
                  })),
                  report,
                },
              )
              return observed
            },
          }
          return context
        },
      }
    },
  }
}

/** The MCP client fixture with default options (what the registry uses). */
export const mcpClientFixture: RoleFixture<McpClientContext> = createMcpClientFixture()
