/**
 * The library entry of x402-conformance: the vitest API that certifies an implementation inside the
 * caller's own test run, and the parts an implementer's test needs around it — the devnet, the
 * built-in facilitator and the reference server and client to test against.
 *
 * ```ts
 * import { conformance } from 'x402-conformance'
 * await conformance.server({ label: 'my-server', create: async (env) => ({ url, stop }) })
 * ```
 */

import { DEFAULT_SUITES_MODULE } from './cli/suites-module.ts'
import { type Conformance, createConformance } from './harness/runner/api.ts'
import { loadSuites } from './harness/runner/suite.ts'

export { exportLines, type TargetEnvironment, targetEnvironment } from './harness/devnet/environment.ts'
export {
  ACCOUNT_ROLES,
  type ChainPreset,
  type Devnet,
  type DevnetAccount,
  MULTICALL3_ADDRESS,
  type PresetName,
  presets,
  type StartDevnetOptions,
  startDevnet,
  USDC_DECIMALS,
} from './harness/devnet/index.ts'
export {
  type Facilitator,
  type FacilitatorOptions,
  type RunningFacilitator,
  startFacilitator,
} from './harness/facilitator/index.ts'
export {
  type PayOptions as ReferencePayOptions,
  payForResource,
  REFERENCE_CLIENT_CLI,
  referenceClientTarget,
} from './harness/reference/client/index.ts'
export {
  type ListeningServer,
  type ReferenceServerOptions,
  startReferenceServer,
} from './harness/reference/server/index.ts'
export type { Conformance, InProcessOptions } from './harness/runner/api.ts'
export type { InProcessTarget } from './harness/runner/fixture.ts'
export type { X402Version } from './harness/wire/types.ts'

/** Registers this project's conformance suites of a role in the current vitest file (await it at top level). */
export const conformance: Conformance = createConformance(() => loadSuites(DEFAULT_SUITES_MODULE))
