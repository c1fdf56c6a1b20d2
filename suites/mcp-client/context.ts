/**
 * What an MCP client case runs with: fresh endpoints on the suite's paid MCP tool (honest or scripted),
 * the ability to run the client under test against one, every call it made (with the payments found
 * in them, wherever they were put), the built-in facilitator's settlement and the chain oracle.
 */
import type { Devnet, DevnetAccount } from '../../harness/devnet/types.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import type { CheckFailure } from '../../harness/model/verdict.ts'
import type { ChainOracle } from '../../harness/oracle/index.ts'
import type { ClientReport } from '../../harness/targets/client-report.ts'
import type { McpPaymentBinding } from '../../harness/transports/mcp/binding.ts'
import type {
  ReceivedCall,
  SettleService,
  ToolEndpoint,
  ToolScript,
} from '../../harness/transports/mcp/paywall.ts'
import type { JsonObject } from '../../harness/transports/mcp/types.ts'
import type { PaymentRequirementsV2 } from '../../harness/wire/types.ts'

/** A payment found in a call: where it was, and in which form. */
export interface FoundPayment {
  call: ReceivedCall
  /** `_meta["x402/payment"]`, `_meta["x402.payment"]`, `arguments["payment"]`… */
  where: string
  /** Whether it was under the binding's key in `_meta`. */
  underBindingKey: boolean
  /** `object` as the spec says, or `string` (base64 or JSON text). */
  form: 'object' | 'string'
  /** The payload, decoded when it was a string. */
  json: unknown
}

/** One run of the client under test against one endpoint. */
export interface McpClientRun {
  endpoint: ToolEndpoint
  calls: readonly ReceivedCall[]
  /** Every payment found in the calls, in order. */
  payments: readonly FoundPayment[]
  report?: ClientReport
  /** Why there is no report: the client broke the contract. */
  contractFailure?: CheckFailure
  payer: DevnetAccount
  durationMs: number
}

/** The context of one MCP client case run. */
export interface McpClientContext {
  version: 2
  caseId: string
  evidence: EvidenceRecorder
  signal: AbortSignal
  devnet: Devnet
  chain: ChainOracle
  binding: McpPaymentBinding
  /** The honest offer: exact, the devnet's network and USDC, a fresh payTo. */
  offer(changes?: Partial<PaymentRequirementsV2>): PaymentRequirementsV2
  /** A v2 PaymentRequired for the paywall's tool offering `accepts`. */
  paymentRequired(accepts: readonly PaymentRequirementsV2[], error?: string): JsonObject
  /** Settles through the built-in facilitator. */
  settle: SettleService
  /** A fresh endpoint answered by `script`. */
  endpoint(script: ToolScript): ToolEndpoint
  /** An honest endpoint selling the tool for `offer` (default: the honest offer). */
  honest(offer?: PaymentRequirementsV2): {
    endpoint: ToolEndpoint
    offer: PaymentRequirementsV2
    paymentRequired: JsonObject
  }
  /** Runs the client once against `endpoint` (a fresh funded payer) and observes what it sent. */
  pay(endpoint: ToolEndpoint, options?: { label?: string }): Promise<McpClientRun>
}
