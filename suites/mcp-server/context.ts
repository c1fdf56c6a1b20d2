/**
 * What an MCP server case runs with: the paid tool (and the arguments it is called with), the
 * PaymentRequired it showed at setup, the payable offer, a `tools/call` that records every exchange,
 * fresh funded payers, the suite's opt-in hooks (execution counter, failing arguments), the built-in
 * facilitator's log and faults, the chain oracle and the MCP server verdicts.
 */
import type { Address } from 'viem'
import type { PaymentDefects } from '../../harness/actors/payer.ts'
import type { Devnet } from '../../harness/devnet/types.ts'
import type {
  FacilitatorCall,
  FacilitatorEndpoint,
  Fault,
  FaultEndpoint,
} from '../../harness/facilitator/index.ts'
import type { Capability } from '../../harness/model/case.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import type { ChainOracle } from '../../harness/oracle/index.ts'
import type { McpPaymentBinding } from '../../harness/transports/mcp/binding.ts'
import type { ToolAnswer } from '../../harness/transports/mcp/connection.ts'
import type { JsonObject, ToolInfo } from '../../harness/transports/mcp/types.ts'
import type { PaymentPayloadV2, PaymentRequirementsV2 } from '../../harness/wire/types.ts'
import type { McpServerVerdicts } from './verdicts.ts'

/** One `tools/call` of the paid tool. Without `payment` and `meta` it is an unpaid call. */
export interface CallOptions {
  /** Sent as is under the binding's payment key (an object, a string, anything). */
  payment?: unknown
  /** The whole `_meta` instead (overrides `payment`). */
  meta?: JsonObject
  /** Arguments instead of the case's. */
  arguments?: JsonObject
  label?: string
}

/** A fresh funded payer of one case. */
export interface McpCasePayer {
  address: Address
  /** Signs a payment for the case's offer, honest unless `defects` say otherwise. */
  pay(defects?: PaymentDefects): Promise<PaymentPayloadV2>
}

/** The context of one MCP server case run. */
export interface McpServerContext {
  version: 2
  caseId: string
  evidence: EvidenceRecorder
  signal: AbortSignal
  devnet: Devnet
  capabilities: readonly Capability[]
  binding: McpPaymentBinding
  /** The paid tool under test and the arguments each call sends. */
  tool: ToolInfo
  arguments: JsonObject
  /** The PaymentRequired the tool answered at setup (undefined when it asked for none the suite could read). */
  paymentRequired: JsonObject | undefined
  /** The offer payment cases pay; skips the case, saying why, when none is payable on the devnet. */
  offer(): PaymentRequirementsV2
  /** Calls the paid tool (recorded). */
  call(options?: CallOptions): Promise<ToolAnswer>
  /** A fresh funded payer (100 USDC). */
  payer(): Promise<McpCasePayer>
  /** How many times the paid tool ran, by the server's execution counter; skips when it declares none. */
  executions(): Promise<number>
  /** Runs `work` while no other case's paid call is in flight (for reading the shared execution counter). */
  quietly<T>(work: () => Promise<T>): Promise<T>
  /** Arguments on which the paid tool fails, as the server declares; skips when it declares none. */
  failingArguments(): JsonObject
  facilitator: {
    calls(payer: Address | string, endpoint?: FacilitatorEndpoint): FacilitatorCall[]
    fault(payer: Address | string, endpoint: FaultEndpoint, fault: Fault, options?: { times?: number }): void
  }
  chain: ChainOracle
  expect: McpServerVerdicts
  note(text: string, data?: unknown): void
}
