/**
 * The real published `batch-settlement` resource server: `@x402/express` 2.27 with `@x402/evm` 2.27's
 * `BatchSettlementEvmScheme` (server side), selling `GET /weather` for 1000 atomic units of the devnet
 * USDC through the facilitator at `X402_FACILITATOR_URL`, and only in that scheme.
 *
 * Wiring choices (what the SDK leaves to the integrator):
 * - no `receiverAuthorizerSigner`: the server delegates the receiver-authorizer role to the facilitator
 *   (the built-in one advertises `extra.receiverAuthorizer` in /supported), so claims and refunds are
 *   signed by the facilitator;
 * - channel state in the SDK's `InMemoryChannelStorage` (one server process, as a target is);
 * - the SDK defaults for everything else: `withdrawDelay` 900 s, `minDeposit` hint 10 × the price,
 *   vouchers verified locally while the mirrored on-chain state is fresh (≤ 300 s).
 *
 * `claimAndSettle()` runs the SDK's channel manager once: one facilitator `claim` with every voucher
 * charged beyond what is claimed, then one `settle` sweeping the claimed funds to `payTo`.
 */
import { HTTPFacilitatorClient } from '@x402/core/server'
import type { Network } from '@x402/core/types'
import {
  type BatchSettlementChannelManager,
  BatchSettlementEvmScheme,
  type ClaimResult,
  type SettleResult,
} from '@x402/evm/batch-settlement/server'
import { paymentMiddleware, x402ResourceServer } from '@x402/express'
import express from 'express'
import { presets } from '../../harness/devnet/presets.ts'
import type { TargetSpec } from '../../harness/runner/fixture.ts'
import { listen, type RunningServer } from './listen.ts'
import { WEATHER } from './servers.ts'

/** What the SDK batch server charges per request, in atomic units of the devnet USDC. */
export const BATCH_PRICE = 1000n

/** The paid resource's path. */
export const BATCH_RESOURCE_PATH = '/weather'

/** The SDK batch server's label as a target. */
export const SDK_BATCH_SERVER = '@x402/express 2.27.0 + @x402/evm batch-settlement'

/** A running SDK batch server. */
export interface RunningBatchServer extends RunningServer {
  /** `{url}/weather`, the paid resource. */
  resourceUrl: string
  /** The SDK scheme instance (its storage holds the server's channel records). */
  scheme: BatchSettlementEvmScheme
  /** The SDK channel manager, bound to this server's facilitator, network, payTo and asset. */
  channelManager: BatchSettlementChannelManager
  /**
   * Claims every voucher charged beyond the claimed total, then settles (the SDK's `claimAndSettle`).
   * `settle` is absent when there was nothing to claim. Throws what the SDK throws on a failed
   * facilitator answer (`Claim failed: <reason> — <message>`).
   */
  claimAndSettle(): Promise<{ claims: ClaimResult[]; settle?: SettleResult }>
  /**
   * Sweeps claimed-but-unsettled funds to `payTo` (the SDK's `settle`), whether or not this server just
   * claimed: `claimAndSettle` skips settling when it had nothing to claim, e.g. after a cooperative
   * refund claimed the outstanding voucher. Throws on a failed facilitator answer (also `nothing_to_settle`).
   */
  settle(): Promise<SettleResult>
}

/** Reads a required variable of the DESIGN.md environment; throws naming it when missing. */
function need(environment: Record<string, string | undefined>, name: string): string {
  const value = environment[name]
  if (value === undefined || value === '') throw new Error(`${name} is not set`)
  return value
}

/** The token's EIP-712 domain for `asset`, from the devnet presets (the devnet places the real one). */
function assetDomain(network: string, asset: string): { name: string; version: string } {
  const preset = Object.values(presets).find(
    (candidate) => candidate.network === network && candidate.usdc.toLowerCase() === asset.toLowerCase(),
  )
  if (preset === undefined) throw new Error(`no preset for asset ${asset} on ${network}`)
  return { ...preset.eip712 }
}

/**
 * Starts the SDK batch-settlement server on 127.0.0.1 from the DESIGN.md environment
 * (`X402_FACILITATOR_URL`, `X402_PAY_TO`, `X402_NETWORK`, `X402_ASSET`; `PORT` optional).
 *
 * ```ts
 * const server = await startSdkBatchServerV2(targetEnvironment(devnet, { facilitatorUrl }))
 * // … pay server.resourceUrl with a batch client …
 * await server.claimAndSettle()
 * await server.stop()
 * ```
 */
export async function startSdkBatchServerV2(
  environment: Record<string, string | undefined>,
): Promise<RunningBatchServer> {
  const facilitator = new HTTPFacilitatorClient({ url: need(environment, 'X402_FACILITATOR_URL') })
  const network = need(environment, 'X402_NETWORK') as Network
  const payTo = need(environment, 'X402_PAY_TO') as `0x${string}`
  const asset = need(environment, 'X402_ASSET') as `0x${string}`
  const scheme = new BatchSettlementEvmScheme(payTo)
  const resourceServer = new x402ResourceServer(facilitator).register(network, scheme)
  const app = express()
  app.use(
    paymentMiddleware(
      {
        [`GET ${BATCH_RESOURCE_PATH}`]: {
          accepts: {
            scheme: 'batch-settlement',
            price: { amount: BATCH_PRICE.toString(), asset, extra: assetDomain(network, asset) },
            network,
            payTo,
          },
          description: 'Weather report',
          mimeType: 'application/json',
        },
      },
      resourceServer,
    ),
  )
  app.get(BATCH_RESOURCE_PATH, (_req, res) => {
    res.json(WEATHER)
  })
  const port = environment.PORT === undefined ? 0 : Number(environment.PORT)
  const running = await listen(app, port)
  const channelManager = scheme.createChannelManager(facilitator, network, asset)
  return {
    ...running,
    resourceUrl: `${running.url}${BATCH_RESOURCE_PATH}`,
    scheme,
    channelManager,
    claimAndSettle: () => channelManager.claimAndSettle(),
    settle: () => channelManager.settle(),
  }
}

/** The SDK batch server as an in-process target of the server suite (its URL is the paid resource). */
export function sdkBatchServerTarget(): Extract<TargetSpec, { kind: 'in-process' }> {
  return {
    kind: 'in-process',
    label: SDK_BATCH_SERVER,
    async create(environment) {
      const server = await startSdkBatchServerV2(environment)
      return { url: server.resourceUrl, stop: server.stop }
    },
  }
}
