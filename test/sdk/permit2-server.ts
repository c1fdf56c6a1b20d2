/**
 * The real published resource server offering Permit2-based payments: `@x402/express` 2.27 with
 * `@x402/evm` 2.27's exact and upto server schemes, selling `GET /weather` for $0.001 in the devnet USDC
 * (EIP-3009, as test/sdk/servers.ts), for 1000 units of the devnet's plain ERC-20 with
 * `assetTransferMethod: "permit2"`, and metered with upto (maximum 20000 units of the plain token, the
 * handler charging 1858 through `setSettlementOverrides`, as the SDK's docs do it).
 */
import { HTTPFacilitatorClient } from '@x402/core/server'
import { ExactEvmScheme } from '@x402/evm/exact/server'
import { UptoEvmScheme } from '@x402/evm/upto/server'
import { paymentMiddleware, setSettlementOverrides, x402ResourceServer } from '@x402/express'
import express from 'express'
import { PLAIN_TOKEN_ADDRESS } from '../../harness/devnet/permit2-addresses.ts'
import type { TargetSpec } from '../../harness/runner/fixture.ts'
import { listen } from './listen.ts'
import { WEATHER } from './servers.ts'

/** The SDK Permit2 server's label as a target. */
export const SDK_PERMIT2_SERVER = '@x402/express 2.27.0 + @x402/evm exact (Permit2) and upto'

/** The prices in atomic units of the plain token, and what the handler meters an upto request at. */
export const SDK_PERMIT2_PRICE = 1000n
export const SDK_UPTO_MAXIMUM = 20_000n
export const SDK_UPTO_CHARGE = 1858n

/** The scheme the payment header of `request` says it pays (undefined when there is none). */
function paidScheme(header: string | undefined): unknown {
  if (header === undefined) return undefined
  try {
    return (JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { accepted?: { scheme?: unknown } })
      .accepted?.scheme
  } catch {
    return undefined
  }
}

/** A Permit2 price: `amount` units of the devnet's plain ERC-20 (not one of the SDK's default assets). */
export function plainTokenPrice(amount: bigint) {
  return { amount: amount.toString(), asset: PLAIN_TOKEN_ADDRESS, extra: { assetTransferMethod: 'permit2' } }
}

/** An @x402/express resource server with @x402/evm's exact and upto schemes on `network`. */
export function exactAndUptoResourceServer(
  facilitatorUrl: string,
  network: `${string}:${string}`,
): x402ResourceServer {
  return new x402ResourceServer(new HTTPFacilitatorClient({ url: facilitatorUrl }))
    .register(network, new ExactEvmScheme())
    .register(network, new UptoEvmScheme())
}

/** The SDK Permit2 server as an in-process target of the server suite (v2). */
export function sdkPermit2ServerTarget(): Extract<TargetSpec, { kind: 'in-process' }> {
  return {
    kind: 'in-process',
    label: SDK_PERMIT2_SERVER,
    async create(environment) {
      const network = environment.X402_NETWORK as `${string}:${string}`
      const payTo = environment.X402_PAY_TO as `0x${string}`
      const resourceServer = exactAndUptoResourceServer(environment.X402_FACILITATOR_URL!, network)
      const app = express()
      app.use(
        paymentMiddleware(
          {
            'GET /weather': {
              accepts: [
                { scheme: 'exact', price: '$0.001', network, payTo },
                { scheme: 'exact', price: plainTokenPrice(SDK_PERMIT2_PRICE), network, payTo },
                { scheme: 'upto', price: plainTokenPrice(SDK_UPTO_MAXIMUM), network, payTo },
              ],
              description: 'Weather report',
              mimeType: 'application/json',
            },
          },
          resourceServer,
        ),
      )
      app.get('/weather', (req, res) => {
        // Only an upto payment is metered; exact settles its price.
        if (paidScheme(req.header('payment-signature')) === 'upto')
          setSettlementOverrides(res, { amount: SDK_UPTO_CHARGE.toString() })
        res.json(WEATHER)
      })
      const server = await listen(app)
      return { url: `${server.url}/weather`, stop: server.stop }
    },
  }
}
