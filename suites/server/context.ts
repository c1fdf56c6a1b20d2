/**
 * What a server case runs with: the target's paid resource, the challenge it showed, a factory of
 * fresh funded payers, a request function that records every exchange, the built-in facilitator's log
 * and faults (when the server is wired to it), the chain oracle and the server verdicts.
 */
import type { Address } from 'viem'
import type { PaymentDefects } from '../../harness/actors/payer.ts'
import type { Devnet, DevnetAccount, FundOptions } from '../../harness/devnet/types.ts'
import type {
  FacilitatorCall,
  FacilitatorEndpoint,
  Fault,
  FaultEndpoint,
} from '../../harness/facilitator/index.ts'
import type { Capability } from '../../harness/model/case.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import type { ChainOracle } from '../../harness/oracle/index.ts'
import type { ExactPayment } from '../../harness/schemes/exact-evm/payment.ts'
import type {
  PaymentPayload,
  PaymentRequired,
  PaymentRequirements,
  X402Version,
} from '../../harness/wire/types.ts'
import type { ChallengeReading } from './challenge.ts'
import type { ServerResponse } from './response.ts'
import type { ServerVerdicts } from './verdicts.ts'

export type { ServerResponse } from './response.ts'

/** One request to the paid resource. Without `payment` or `rawHeader` it is an unpaid request. */
export interface RequestOptions {
  /** Sent base64-encoded in its version's header (`X-PAYMENT` v1, `PAYMENT-SIGNATURE` v2). */
  payment?: PaymentPayload
  /** Sent as is, in `headerName` (default: the case version's payment header). */
  rawHeader?: string
  headerName?: string
  /** More request headers. */
  headers?: Record<string, string>
  method?: string
  label?: string
  timeoutMs?: number
}

/** A fresh funded payer of one case. */
export interface CasePayer {
  address: Address
  account: DevnetAccount
  /** Signs a payment for the case's offer, honest unless `defects` say otherwise. */
  pay(defects?: PaymentDefects): Promise<PaymentPayload>
  /** Like `pay`, returning what was signed too. */
  sign(defects?: PaymentDefects): Promise<ExactPayment>
  /** Signs a payment of `version` for other requirements (another version's, an altered offer). */
  payFor(
    requirements: PaymentRequirements,
    version: X402Version,
    defects?: PaymentDefects,
  ): Promise<PaymentPayload>
  /** Token balance when the payer was created. */
  initialBalance: bigint
}

/** The built-in facilitator as a case sees it (only with the `builtin-facilitator` capability). */
export interface FacilitatorView {
  /** The calls the server made for `payer` (optionally to one endpoint), recorded as evidence. */
  calls(payer: Address | string, endpoint?: FacilitatorEndpoint): FacilitatorCall[]
  /** Makes the facilitator misbehave for `payer`. */
  fault(payer: Address | string, endpoint: FaultEndpoint, fault: Fault, options?: { times?: number }): void
  /** Waits until the facilitator has answered a call of `payer` to `endpoint` (undefined after `timeoutMs`). */
  waitFor(
    payer: Address | string,
    endpoint: FacilitatorEndpoint,
    timeoutMs: number,
  ): Promise<FacilitatorCall | undefined>
}

/** The context of one server case run. */
export interface ServerContext {
  version: X402Version
  caseId: string
  /** The paid resource's URL (the target URL the user gave). */
  url: string
  evidence: EvidenceRecorder
  signal: AbortSignal
  /** Seed of this case run (property cases). */
  seed: number
  /** Runs of a property case. */
  numRuns: number
  /** The command line that replays this case run with the same seed. */
  replay: string
  devnet: Devnet
  /** Every version the server showed at setup. */
  versions: readonly X402Version[]
  capabilities: readonly Capability[]
  /** This version's challenge as read at setup (undefined when it did not decode). */
  challenge: PaymentRequired | undefined
  /**
   * The offer payment cases pay (the challenge's, or the user's `--offer`); skips the case, saying why
   * and what would enable it, when nothing is payable on the devnet.
   */
  offer(): PaymentRequirements
  /** Requests the resource without payment now (recorded) and reads the challenge. */
  fetchChallenge(options?: Pick<RequestOptions, 'headers' | 'label'>): Promise<{
    response: ServerResponse
    reading: ChallengeReading
  }>
  /** A fresh funded payer (default funding: 100 USDC, 10 ETH). */
  payer(fund?: FundOptions): Promise<CasePayer>
  request(options?: RequestOptions): Promise<ServerResponse>
  facilitator: FacilitatorView
  chain: ChainOracle
  expect: ServerVerdicts
  /** Adds a note to the evidence. */
  note(text: string, data?: unknown): void
}
