/**
 * What a facilitator case runs with: the facilitator under test (over HTTP, with evidence), the devnet,
 * payments to send, and the chain oracle. The suite plays the resource server.
 */
import type { Devnet } from '../../harness/devnet/types.ts'
import type { CaseDefinition } from '../../harness/model/case.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import type { ChainOracle } from '../../harness/oracle/index.ts'
import type { SupportedResponse, X402Version } from '../../harness/wire/types.ts'
import { type RoleCaseDefinition, roleCase } from '../case-terms.ts'
import type { FacilitatorClient } from './api.ts'
import type { Payments } from './payments.ts'

/** The context of one facilitator case run. */
export interface FacilitatorCaseContext {
  caseId: string
  /** The x402 version of this run: every payment the case builds is of this version. */
  version: X402Version
  evidence: EvidenceRecorder
  /** Aborted when the case times out. */
  signal: AbortSignal
  /** Seed of this case run (property cases). */
  seed: number
  devnet: Devnet
  facilitator: FacilitatorClient
  payments: Payments
  chain: ChainOracle
  /** `/supported` as the session saw it at setup, when it was a usable answer. */
  supported: SupportedResponse | undefined
  /** The command line that replays this case run (same run seed, so the same case seed). */
  replay: string
  /**
   * Runs `work` while no other case of this worker moves the devnet clock or depends on a window of a
   * few seconds: cases run concurrently, and one case's `increaseTime` would expire another's payment.
   */
  exclusiveClock<T>(work: () => Promise<T>): Promise<T>
  /**
   * Runs `work` while no other case of this worker runs at all: for moves of the devnet clock longer
   * than the payment windows of other cases (a withdraw delay). Never call it inside `exclusiveClock`.
   */
  exclusiveDevnet<T>(work: () => Promise<T>): Promise<T>
}

/** Declares a facilitator case (role `facilitator`). */
export const facilitatorCase: (
  definition: RoleCaseDefinition<FacilitatorCaseContext>,
) => CaseDefinition<FacilitatorCaseContext> = roleCase<FacilitatorCaseContext>('facilitator')
