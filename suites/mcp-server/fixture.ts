/**
 * The mcp-server suite's role fixture. `setup` connects as an MCP client (streamable HTTP to the
 * target URL, or stdio to a started command without one), picks the paid tool (`--tool`, else the
 * first tool whose unpaid call asks for payment), reads its PaymentRequired once, finds the offer
 * payable on the devnet and the opt-in hooks the tool declares, and declares capabilities (`chain`,
 * `builtin-facilitator`). `context` builds one case run's context on that one connection.
 */
import { createPayer, type PaymentDefects } from '../../harness/actors/payer.ts'
import type { Devnet } from '../../harness/devnet/types.ts'
import type { Capability } from '../../harness/model/case.ts'
import { type CaseGate, createCaseGate, type GateShare } from '../../harness/model/case-gate.ts'
import { Skip, TargetUnavailable } from '../../harness/model/verdict.ts'
import { createChainOracle } from '../../harness/oracle/index.ts'
import type { RoleFixture, RoleSession, WorkerEnvironment } from '../../harness/runner/fixture.ts'
import type { Target } from '../../harness/targets/types.ts'
import { type McpPaymentBinding, toolResultBinding } from '../../harness/transports/mcp/binding.ts'
import {
  connectMcp,
  type McpConnection,
  type McpEndpoint,
  type ToolAnswer,
} from '../../harness/transports/mcp/connection.ts'
import { EXECUTIONS_HOOK, FAILING_ARGUMENTS_HOOK } from '../../harness/transports/mcp/hooks.ts'
import { isJsonObject, type JsonObject, type ToolInfo } from '../../harness/transports/mcp/types.ts'
import { checkPaymentRequirementsV2 } from '../../harness/wire/messages.ts'
import type { PaymentPayloadV2, PaymentRequirementsV2, ResourceInfo } from '../../harness/wire/types.ts'
import type { CallOptions, McpServerContext } from './context.ts'
import { exampleArguments } from './tool-arguments.ts'
import { createMcpServerVerdicts, describeAnswer } from './verdicts.ts'

/** Options of {@link createMcpServerFixture}. */
export interface McpServerFixtureOptions {
  /** The paid tool to test (default: `X402_MCP_TOOL`, else the first tool that asks for payment). */
  tool?: string
  /** The arguments to call it with (default: `X402_MCP_ARGUMENTS` as JSON, else built from its inputSchema). */
  arguments?: JsonObject
  binding?: McpPaymentBinding
  /** How long to give a server to finish a settlement after answering, before reading the chain (ms). */
  graceMs?: number
}

const NOT_WIRED =
  'the MCP server is not wired to the built-in facilitator (start it with --start, which hands it X402_FACILITATOR_URL)'

/** Where the target speaks MCP: its URL (streamable HTTP), else its start command over stdio. */
export function endpointOf(target: Target): McpEndpoint {
  if (target.url !== undefined) return { kind: 'http', url: target.url }
  if (target.kind === 'start' && target.environment !== undefined)
    // A started target without a URL is attached as a command; its label is that command.
    return { kind: 'stdio', command: target.label, env: { ...target.environment } }
  throw new TargetUnavailable(`the MCP server target '${target.label}' has neither a URL nor a start command`)
}

/** Creates the MCP server fixture. */
export function createMcpServerFixture(options: McpServerFixtureOptions = {}): RoleFixture<McpServerContext> {
  const binding = options.binding ?? toolResultBinding
  return {
    role: 'mcp-server',
    async setup(environment: WorkerEnvironment, target: Target): Promise<RoleSession<McpServerContext>> {
      const { devnet, facilitator } = environment
      const endpoint = endpointOf(target)
      let connection: McpConnection
      try {
        connection = await connectMcp(endpoint, { name: `mcp-server:${target.label}` })
      } catch (error) {
        throw new TargetUnavailable(
          `MCP server ${target.label}: ${error instanceof Error ? error.message : error}`,
        )
      }
      try {
        const chosen = await chooseTool(connection, binding, options)
        // Paid calls hold a share; a reading of the execution counter holds the gate alone.
        const paidCalls = createCaseGate()
        const offer = payableOffer(chosen.paymentRequired, devnet)
        const wired = target.environment?.X402_FACILITATOR_URL === environment.facilitatorUrl
        const capabilities: Capability[] = [
          ...(offer.ok ? (['chain'] as const) : []),
          ...(wired ? (['builtin-facilitator'] as const) : []),
        ]
        const graceMs = options.graceMs ?? (wired ? 100 : 300)
        return {
          versions: [2],
          capabilities,
          label: `${target.label} (MCP over ${endpoint.kind === 'http' ? 'streamable HTTP' : 'stdio'}, tool ${chosen.tool.name})`,
          async teardown() {
            await connection.close()
          },
          async context(run): Promise<McpServerContext> {
            const { evidence } = run
            const note = (text: string, data?: unknown) =>
              evidence.add({ kind: 'note', text, ...(data === undefined ? {} : { data }) })
            const chain = createChainOracle({
              publicClient: devnet.publicClient,
              token: devnet.usdc,
              evidence,
            })
            const payable = (): PaymentRequirementsV2 => {
              if (!offer.ok) throw new Skip(offer.reason)
              return offer.offer
            }
            const record = (label: string, params: unknown, answer: ToolAnswer) =>
              note(`MCP tools/call (${label}): ${describeAnswer(answer).slice(0, 160)}`, { params, answer })
            const callTool = async (
              name: string,
              args: JsonObject,
              meta: JsonObject | undefined,
              label: string,
            ) => {
              const params = { name, arguments: args, ...(meta === undefined ? {} : { _meta: meta }) }
              const answer = await connection.call(params, { label })
              record(label, params, answer)
              const problem = connection.problem()
              if (problem !== undefined) throw new TargetUnavailable(problem)
              return answer
            }
            const requireWired = () => {
              if (!wired) throw new Skip(NOT_WIRED)
            }
            const resource = chosen.paymentRequired?.resource as ResourceInfo | undefined
            const withDomain = async (defects: PaymentDefects): Promise<PaymentDefects> => {
              const extra = offer.ok ? offer.offer.extra : undefined
              if (typeof extra?.name === 'string' && typeof extra.version === 'string') return defects
              return { ...defects, domain: { ...(await chain.domain()), ...defects.domain } }
            }
            const context: McpServerContext = {
              version: 2,
              caseId: run.caseId,
              evidence,
              signal: run.signal,
              devnet,
              capabilities,
              binding,
              tool: chosen.tool,
              arguments: chosen.arguments,
              paymentRequired: chosen.paymentRequired,
              offer: payable,
              call(callOptions: CallOptions = {}) {
                const meta =
                  callOptions.meta ??
                  ('payment' in callOptions ? { [binding.paymentKey]: callOptions.payment } : undefined)
                const send = () =>
                  callTool(
                    chosen.tool.name,
                    callOptions.arguments ?? chosen.arguments,
                    meta,
                    callOptions.label ?? (meta === undefined ? 'unpaid call' : 'paid call'),
                  )
                return meta === undefined ? send() : withShare(paidCalls, send)
              },
              quietly: (work) => withShare(paidCalls, (share) => share.exclusive(work)),
              async payer() {
                const payer = await createPayer({ devnet, evidence, ...(resource ? { resource } : {}) })
                return {
                  address: payer.address,
                  pay: async (defects = {}) =>
                    (await payer.pay(payable(), 2, await withDomain(defects))).payload as PaymentPayloadV2,
                }
              },
              async executions() {
                const tool = chosen.tool._meta?.[EXECUTIONS_HOOK]
                if (typeof tool !== 'string')
                  throw new Skip(
                    `the paid tool declares no execution counter (_meta["${EXECUTIONS_HOOK}"] naming a free tool that answers {"executions": n}), so the suite cannot see whether it ran`,
                  )
                const answer = await callTool(tool, {}, undefined, 'execution counter')
                const count =
                  answer.kind === 'result'
                    ? readCount(answer.result.structuredContent, answer.result.content[0]?.text)
                    : undefined
                if (count === undefined)
                  throw new TargetUnavailable(
                    `the execution counter tool '${tool}' answered ${describeAnswer(answer)}`,
                  )
                return count
              },
              failingArguments() {
                const args = chosen.tool._meta?.[FAILING_ARGUMENTS_HOOK]
                if (!isJsonObject(args))
                  throw new Skip(
                    `the paid tool declares no failing arguments (_meta["${FAILING_ARGUMENTS_HOOK}"]: arguments on which its handler fails), so the suite cannot make it fail`,
                  )
                return args
              },
              facilitator: {
                calls(payer, endpointName) {
                  requireWired()
                  return facilitator.log.calls({ payer, ...(endpointName ? { endpoint: endpointName } : {}) })
                },
                fault(payer, endpointName, fault, faultOptions) {
                  requireWired()
                  facilitator.faults.add(payer, endpointName, fault, faultOptions)
                },
              },
              chain,
              expect: createMcpServerVerdicts({ binding, chain, offer: payable, note, graceMs }),
              note,
            }
            return context
          },
        }
      } catch (error) {
        await connection.close()
        throw error
      }
    },
  }
}

/** The paid tool, its arguments and the PaymentRequired its unpaid call answered (when one could be read). */
async function chooseTool(
  connection: McpConnection,
  binding: McpPaymentBinding,
  options: McpServerFixtureOptions,
): Promise<{ tool: ToolInfo; arguments: JsonObject; paymentRequired: JsonObject | undefined }> {
  const tools = await connection.tools()
  if (tools.length === 0) throw new TargetUnavailable('the MCP server lists no tools')
  const named = options.tool ?? process.env.X402_MCP_TOOL
  const givenArguments = options.arguments ?? argumentsFromEnvironment()
  const candidates = named === undefined ? tools : tools.filter((tool) => tool.name === named)
  if (candidates.length === 0)
    throw new TargetUnavailable(
      `the MCP server has no tool '${named}' (it lists ${tools.map((t) => t.name).join(', ')})`,
    )
  for (const tool of candidates) {
    const args = givenArguments ?? exampleArguments(tool.inputSchema)
    const answer = await connection.call(
      { name: tool.name, arguments: args },
      { label: 'setup: unpaid call' },
    )
    const reading = answer.kind === 'result' ? binding.readPaymentRequired(answer.result) : undefined
    if (reading?.ok || named !== undefined)
      return { tool, arguments: args, paymentRequired: reading?.ok ? reading.value : undefined }
  }
  throw new TargetUnavailable(
    `no tool of the MCP server asked for payment when called without one (tools: ${tools.map((t) => t.name).join(', ')}); name the paid tool with --tool`,
  )
}

function argumentsFromEnvironment(): JsonObject | undefined {
  const text = process.env.X402_MCP_ARGUMENTS
  if (text === undefined || text === '') return undefined
  const parsed: unknown = JSON.parse(text)
  if (!isJsonObject(parsed)) throw new TargetUnavailable('X402_MCP_ARGUMENTS is not a JSON object')
  return parsed
}

/** The offer the suite can pay on the devnet: `exact`, the devnet's network and USDC. */
function payableOffer(
  paymentRequired: JsonObject | undefined,
  devnet: Devnet,
): { ok: true; offer: PaymentRequirementsV2 } | { ok: false; reason: string } {
  if (paymentRequired === undefined)
    return { ok: false, reason: 'the paid tool showed no PaymentRequired the suite could read' }
  const accepts = Array.isArray(paymentRequired.accepts) ? paymentRequired.accepts : []
  for (const entry of accepts) {
    const checked = checkPaymentRequirementsV2(entry)
    if (!checked.ok) continue
    const offer = checked.value
    if (
      offer.scheme === 'exact' &&
      offer.network === devnet.preset.network &&
      offer.asset.toLowerCase() === devnet.usdc.toLowerCase()
    )
      return { ok: true, offer }
  }
  return {
    ok: false,
    reason: `the PaymentRequired offers no valid v2 exact requirement on ${devnet.preset.network} in the devnet's USDC ${devnet.usdc}`,
  }
}

function readCount(structured: unknown, text: unknown): number | undefined {
  const from = (value: unknown) =>
    isJsonObject(value) && typeof value.executions === 'number' ? value.executions : undefined
  const direct = from(structured)
  if (direct !== undefined) return direct
  try {
    return typeof text === 'string' ? from(JSON.parse(text)) : undefined
  } catch {
    return undefined
  }
}

/** The MCP server fixture with default options (what the registry uses). */
export const mcpServerFixture: RoleFixture<McpServerContext> = createMcpServerFixture()

/** Runs `work` holding a share of `gate`, given back when it ends. */
async function withShare<T>(gate: CaseGate, work: (share: GateShare) => Promise<T>): Promise<T> {
  const done = new AbortController()
  try {
    return await work(await gate.enter(done.signal))
  } finally {
    done.abort()
  }
}
