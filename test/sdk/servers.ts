/**
 * The real published resource-server middlewares, configured only with local endpoints:
 * `@x402/express` 2.27 (v2) and `x402-express` 1.2 (v1). Each serves `GET /weather` for $0.001.
 */
import { HTTPFacilitatorClient } from '@x402/core/server'
import { ExactEvmScheme } from '@x402/evm/exact/server'
import { paymentMiddleware as paymentMiddlewareV2, x402ResourceServer } from '@x402/express'
import express from 'express'
import { paymentMiddleware as paymentMiddlewareV1 } from 'x402-express'
import { listen, type RunningServer } from './listen.ts'

export interface SdkServerOptions {
  facilitatorUrl: string
  payTo: `0x${string}`
  /** CAIP-2 for v2, v1 name for v1. */
  network: string
  port?: number
}

export const WEATHER = { report: { weather: 'sunny', temperature: 70 } }

export async function startSdkServerV2(options: SdkServerOptions): Promise<RunningServer> {
  const facilitator = new HTTPFacilitatorClient({ url: options.facilitatorUrl })
  const network = options.network as `${string}:${string}`
  const resourceServer = new x402ResourceServer(facilitator).register(network, new ExactEvmScheme())
  const app = express()
  app.use(
    paymentMiddlewareV2(
      {
        'GET /weather': {
          accepts: { scheme: 'exact', price: '$0.001', network, payTo: options.payTo },
          description: 'Weather report',
          mimeType: 'application/json',
        },
      },
      resourceServer,
    ),
  )
  app.get('/weather', (_req, res) => {
    res.json(WEATHER)
  })
  return listen(app, options.port)
}

export async function startSdkServerV1(options: SdkServerOptions): Promise<RunningServer> {
  const app = express()
  app.use(
    paymentMiddlewareV1(
      options.payTo,
      {
        'GET /weather': {
          price: '$0.001',
          network: options.network as 'base-sepolia',
          config: { description: 'Weather report', mimeType: 'application/json' },
        },
      },
      { url: options.facilitatorUrl as `${string}://${string}` },
    ),
  )
  app.get('/weather', (_req, res) => {
    res.json(WEATHER)
  })
  return listen(app, options.port)
}
