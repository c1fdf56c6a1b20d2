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
export { conformance, type InProcessOptions } from './harness/runner/api.ts'
export type { InProcessTarget } from './harness/runner/fixture.ts'
export type { X402Version } from './harness/wire/types.ts'
