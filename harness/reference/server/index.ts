/**
 * The project's reference resource servers, x402 v1 and v2: node:http, one paid resource
 * (`GET /weather`, 1000 atomic USDC), verifying and settling through the facilitator named by
 * X402_FACILITATOR_URL (the built-in one in the suite). They pass every MUST case of the server suite
 * and are what `demo` runs; the known-bad servers of the self-test are these with one step replaced.
 *
 * ```ts
 * const server = await startReferenceServer(2, targetEnvironment(devnet, { facilitatorUrl }))
 * // server.url === 'http://127.0.0.1:<port>/weather'
 * await server.stop()
 * ```
 */
import type { TargetEnvironment } from '../../devnet/environment.ts'
import type { InProcessTarget, TargetSpec } from '../../runner/fixture.ts'
import type { X402Version } from '../../wire/types.ts'
import { type BatchServerSteps, referenceBatchSteps } from './batch/index.ts'
import { type ReferenceServerOverrides, resolveConfig } from './config.ts'
import { type ListeningServer, listenReferenceServer } from './server.ts'
import { referenceSteps, type ServerSteps } from './steps.ts'

export {
  type BatchServerSteps,
  type BatchTerms,
  batchOffer,
  type ClaimOutcome,
  readBatchTerms,
  referenceBatchSteps,
} from './batch/index.ts'
export { type ReferenceServerConfig, type ReferenceServerOverrides, resolveConfig } from './config.ts'
export {
  createFacilitatorClient,
  type FacilitatorClient,
  type FacilitatorOutcome,
} from './facilitator-client.ts'
export { handlePaidRequest } from './flow.ts'
export { paymentRequiredFor, referenceOffers } from './offers.ts'
export {
  declaredFlow,
  FLOW_ORDERINGS,
  type FlowPhase,
  isPaymentFlow,
  type PaymentFlow,
  resolveFlow,
} from './payment-flow.ts'
export {
  PAYMENT_ID_PATTERN,
  PAYMENT_IDENTIFIER,
  PaymentIdentifierStore,
  paymentIdentifierExtension,
  paymentIdOf,
} from './payment-identifier.ts'
export {
  type Permit2Kind,
  type Permit2Terms,
  parsePermit2Kinds,
  permit2Offers,
  resolvePermit2Terms,
  settlementRequirements,
  UPTO_DEFAULT_CHARGE,
  UPTO_DEFAULT_MAXIMUM,
  type UptoTerms,
} from './permit2.ts'
export { type Reply, type Resource, serverError } from './reply.ts'
export type { ListeningServer } from './server.ts'
export {
  acceptedMatches,
  type DecodedPayment,
  type PaidRequest,
  referenceSteps,
  type ServerSteps,
  type StepContext,
  WEATHER_REPORT,
} from './steps.ts'

/** Options of {@link startReferenceServer}. */
export interface ReferenceServerOptions {
  /** Replacement steps (a variant of the reference; the known-bad servers use this). */
  steps?: Partial<ServerSteps>
  /** Values to use instead of the environment's. */
  overrides?: ReferenceServerOverrides
  /** Replacement batch-settlement steps (the known-bad batch servers). */
  batchSteps?: Partial<BatchServerSteps>
}

/**
 * Starts a reference server on 127.0.0.1 from the harness's target environment (X402_* and PORT;
 * port 0 or no PORT = a free port). Resolves once it listens.
 */
export async function startReferenceServer(
  version: X402Version,
  environment: Readonly<Record<string, string | undefined>> | TargetEnvironment,
  options: ReferenceServerOptions = {},
): Promise<ListeningServer> {
  const variables = environment as Readonly<Record<string, string | undefined>>
  const config = await resolveConfig(version, variables, options.overrides)
  return listenReferenceServer(
    config,
    { ...referenceSteps, ...options.steps },
    { ...referenceBatchSteps, ...options.batchSteps },
  )
}

/** The reference server as an in-process target (what `demo` and the self-tests run). */
export function referenceServerTarget(
  version: X402Version,
  options: ReferenceServerOptions & { label?: string } = {},
): Extract<TargetSpec, { kind: 'in-process' }> {
  return {
    kind: 'in-process',
    label: options.label ?? `reference server v${version}`,
    async create(environment): Promise<InProcessTarget> {
      const server = await startReferenceServer(version, environment, options)
      return { url: server.url, stop: () => server.stop() }
    },
  }
}
