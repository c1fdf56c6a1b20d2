/**
 * The real published resource servers as in-process targets of the server suite: @x402/express 2.27
 * (v2) and x402-express 1.2 (v1), each selling GET /weather and wired to the devnet environment
 * (the built-in facilitator), exactly as test/sdk/servers.ts configures them.
 */
import type { TargetSpec } from '../../../harness/runner/fixture.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import { startSdkServerV1, startSdkServerV2 } from '../../sdk/servers.ts'

/** The SDK servers, by the version each speaks. */
export const SDK_SERVERS: Record<X402Version, string> = { 2: '@x402/express 2.27.0', 1: 'x402-express 1.2.0' }

/** The SDK server of `version` as an in-process target. */
export function sdkServerTarget(version: X402Version): Extract<TargetSpec, { kind: 'in-process' }> {
  return {
    kind: 'in-process',
    label: SDK_SERVERS[version],
    async create(environment) {
      const start = version === 2 ? startSdkServerV2 : startSdkServerV1
      const server = await start({
        facilitatorUrl: environment.X402_FACILITATOR_URL!,
        payTo: environment.X402_PAY_TO as `0x${string}`,
        network: version === 2 ? environment.X402_NETWORK! : environment.X402_NETWORK_V1!,
      })
      return { url: `${server.url}/weather`, stop: server.stop }
    },
  }
}
