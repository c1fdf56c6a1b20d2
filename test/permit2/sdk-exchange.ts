/**
 * Paid requests with the real published SDKs, unmodified, through the devnet and the built-in
 * facilitator: an @x402/express server offering exact with Permit2 (the plain ERC-20) and upto (which
 * charges less than the maximum through setSettlementOverrides), paid by @x402/fetch with @x402/evm's
 * exact and upto clients. `node test/permit2/sdk-exchange.ts` prints one JSON line per route.
 * Run by sdk-exchange.test.ts inside a network namespace that has only loopback.
 */
import { registerExactEvmScheme } from '@x402/evm/exact/client'
import { UptoEvmScheme as UptoClient } from '@x402/evm/upto/client'
import { paymentMiddleware, setSettlementOverrides } from '@x402/express'
import { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client } from '@x402/fetch'
import express from 'express'
import { privateKeyToAccount } from 'viem/accounts'
import { PLAIN_TOKEN_ADDRESS, tokenBalance } from '../../harness/devnet/permit2.ts'
import { onDevnet, printExchange, settleCalls } from '../interop/devnet-exchange.ts'
import { paidOutcome } from '../sdk/clients.ts'
import { listen } from '../sdk/listen.ts'
import {
  exactAndUptoResourceServer,
  plainTokenPrice,
  SDK_PERMIT2_PRICE,
  SDK_UPTO_CHARGE,
  SDK_UPTO_MAXIMUM,
} from '../sdk/permit2-server.ts'

await onDevnet(async ({ devnet, facilitator, payer, payTo }) => {
  const network = devnet.preset.network
  const app = express()
  app.use(
    paymentMiddleware(
      {
        'GET /exact-permit2': {
          accepts: { scheme: 'exact', price: plainTokenPrice(SDK_PERMIT2_PRICE), network, payTo },
          description: 'exact with Permit2',
          mimeType: 'application/json',
        },
        'GET /upto': {
          accepts: { scheme: 'upto', price: plainTokenPrice(SDK_UPTO_MAXIMUM), network, payTo },
          description: 'metered',
          mimeType: 'application/json',
        },
      },
      exactAndUptoResourceServer(facilitator.url, network),
    ),
  )
  app.get('/exact-permit2', (_req, res) => {
    res.json({ paid: 'exact' })
  })
  app.get('/upto', (_req, res) => {
    setSettlementOverrides(res, { amount: SDK_UPTO_CHARGE.toString() })
    res.json({ paid: 'upto', used: SDK_UPTO_CHARGE.toString() })
  })
  const server = await listen(app)
  const signer = privateKeyToAccount(payer.privateKey)
  // The plain token is not one of the SDK's default assets: the payer opts in to it (spend controls).
  const client = x402Client.fromConfig({
    schemes: [{ network: 'eip155:*', client: new UptoClient(signer) }],
    spendControls: { allowedAssets: [{ network, asset: PLAIN_TOKEN_ADDRESS }] },
  })
  registerExactEvmScheme(client, { signer })
  const pay = wrapFetchWithPayment(fetch, client)
  try {
    for (const route of ['exact-permit2', 'upto']) {
      const balances = async () => ({
        payer: await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, payer.address),
        payTo: await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, payTo),
      })
      const settlesBefore = settleCalls(facilitator)
      const before = await balances()
      const response = await pay(`${server.url}/${route}`, { method: 'GET' })
      const header = response.headers.get('PAYMENT-RESPONSE')
      const outcome = await paidOutcome(response, header, decodePaymentResponseHeader)
      const after = await balances()
      printExchange({ route }, { outcome, settles: settleCalls(facilitator) - settlesBefore, before, after })
    }
  } finally {
    await server.stop()
  }
})
