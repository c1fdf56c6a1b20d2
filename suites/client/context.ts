/**
 * What a client case runs with: a fresh endpoint on the suite's paywall with the challenge the case
 * scripts, the ability to run the client under test against it, the requests the paywall received
 * (decoded), the payments in them, and the chain oracle.
 */
import type {
  EndpointOptions,
  EndpointScript,
  PaywallEndpoint,
  PaywallRequest,
} from '../../harness/actors/paywall/index.ts'
import type { Devnet, DevnetAccount } from '../../harness/devnet/types.ts'
import type { Facilitator } from '../../harness/facilitator/index.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import type { CheckFailure } from '../../harness/model/verdict.ts'
import type { ChainOracle } from '../../harness/oracle/index.ts'
import type { ClientReport } from '../../harness/targets/client-report.ts'
import type { Target } from '../../harness/targets/types.ts'
import type {
  ExtensionEntry,
  PaymentPayload,
  PaymentRequired,
  PaymentRequirements,
  ResourceInfo,
  WireIssue,
  X402Version,
} from '../../harness/wire/index.ts'

/** One payment header the client sent, as the paywall received it. */
export interface ObservedPayment {
  /** The request that carried it. */
  request: PaywallRequest
  /** The header it came in. */
  header: 'PAYMENT-SIGNATURE' | 'X-PAYMENT'
  raw: string
  /** Arrival time, unix seconds (wall clock of the suite). */
  receivedAt: number
  /** The JSON inside, decoded leniently (any base64 alphabet), when there is JSON at all. */
  json?: unknown
  /** Strict decoding and validation as the header's message (PaymentPayload of its version). */
  strict: { ok: true; value: PaymentPayload } | { ok: false; issues: WireIssue[] }
}

/** One run of the client under test against one endpoint. */
export interface ClientRun {
  endpoint: PaywallEndpoint
  /** Every request the endpoint received (on either origin), in order. */
  requests: readonly PaywallRequest[]
  /** Every payment header in them, in order. */
  payments: readonly ObservedPayment[]
  /** The client's own account (DESIGN.md client contract), when it gave one. */
  report?: ClientReport
  /** Why there is no report: the client broke the contract (no JSON line, crash, garbage). */
  contractFailure?: CheckFailure
  /** The payer handed to the client for this run (none for a driver, which has its own key). */
  payer?: DevnetAccount
  durationMs: number
}

/** Changes to the honest offer of a case. */
export interface OfferChanges {
  scheme?: string
  network?: string
  amount?: bigint | string
  asset?: string
  payTo?: string
  maxTimeoutSeconds?: number
  /** Replaces `extra` (`null` leaves it out). */
  extra?: Record<string, unknown> | null
}

/** What a challenge carries besides `accepts`. */
export interface ChallengeOptions {
  error?: string
  /** v2 `resource` (default: the endpoint URL with a description and mime type). */
  resource?: ResourceInfo
  /** v2 `extensions`. */
  extensions?: Record<string, ExtensionEntry>
}

/** Options of one client run. */
export interface RunOptions {
  /** Pay from this account (default: a fresh funded payer per run; a driver always uses its own key). */
  payer?: DevnetAccount
  /** Label of the run in the evidence. */
  label?: string
  /** Do not record the run's exchanges as evidence (property runs record only the counterexample). */
  quiet?: boolean
}

/** The context of one client case run. */
export interface ClientCaseContext {
  caseId: string
  version: X402Version
  evidence: EvidenceRecorder
  signal: AbortSignal
  /** Seed of this case run (fast-check seeds from it). */
  seed: number
  /** The command line that replays this case (`--seed` of the run). */
  replay: string
  devnet: Devnet
  /** The worker's built-in facilitator (batch endpoints verify through it; settlements go through the paywall). */
  facilitator: Facilitator
  /** Chain oracle over the devnet's USDC, recording into this case's evidence. */
  chain: ChainOracle
  /** How the client under test is attached. */
  target: Pick<Target, 'kind' | 'label'>
  /** The client's declared budget in atomic units (cases needing `client-budget` only). */
  budget?: bigint
  /** The honest offer of this version: exact, the devnet network and USDC, a fresh payTo. */
  offer(changes?: OfferChanges): PaymentRequirements
  /** A challenge of this version for `url`, offering `accepts`. */
  challenge(url: string, accepts: readonly PaymentRequirements[], options?: ChallengeOptions): PaymentRequired
  /** A fresh endpoint on the paywall. */
  endpoint(
    build: (where: { url: string; foreignUrl: string }) => EndpointScript,
    options?: EndpointOptions,
  ): PaywallEndpoint
  /** An honest endpoint whose challenge offers `accepts` (built for its URL). */
  honest(
    accepts: readonly PaymentRequirements[],
    options?: ChallengeOptions & { settle?: boolean; challengeBody?: string; label?: string },
  ): { endpoint: PaywallEndpoint; paymentRequired: PaymentRequired }
  /** A fresh funded account (for runs that must share one payer). */
  fundedPayer(): Promise<DevnetAccount>
  /** Runs the client once against `endpoint` and observes what it sent; records the exchanges as evidence. */
  pay(endpoint: PaywallEndpoint, options?: RunOptions): Promise<ClientRun>
  /** The honest exchange of this version, run once per worker and shared by the cases that judge it. */
  honestExchange(): Promise<HonestExchange>
  /**
   * Where else in this worker each nonce of `run` was seen (any payer): other runs of the client so
   * far, the version probes of the session included. Keys are nonces in lower case.
   */
  nonceSeenElsewhere(run: ClientRun): ReadonlyMap<string, string>
}

/** The shared honest exchange of one version: what was offered and what the client did. */
export interface HonestExchange {
  paymentRequired: PaymentRequired
  offered: PaymentRequirements
  run: ClientRun
}
