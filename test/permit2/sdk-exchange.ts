/**
 * Paid requests with the real published SDKs, unmodified, through the devnet and the built-in
 * facilitator: an @x402/express server offering exact with Permit2 (the plain ERC-20) and upto (which
 * charges less than the maximum through setSettlementOverrides), paid by @x402/fetch with @x402/evm's
 * exact and upto clients. `node test/permit2/sdk-exchange.ts` prints one JSON line per route.
 * Run by sdk-exchange.test.ts inside a network namespace that has only loopback.
 */
import { HTTPFacilitatorClient } from '@x402/core/server'
import { registerExactEvmScheme } from '@x402/evm/exact/client'
import { ExactEvmScheme as ExactServer } from '@x402/evm/exact/server'
import { UptoEvmScheme as UptoClient } from '@x402/evm/upto/client'
import { UptoEvmScheme as UptoServer } from '@x402/evm/upto/server'
import { paymentMiddleware, setSettlementOverrides, x402ResourceServer } from '@x402/express'
import { decodePaymentResponseHeader, wrapFetchWithPayment, x402Client } from '@x402/fetch'
import express from 'express'
import { privateKeyToAccount } from 'viem/accounts'
import { ACCOUNT_ROLES, startDevnet } from '../../harness/devnet/index.ts'
import { PLAIN_TOKEN_ADDRESS, tokenBalance } from '../../harness/devnet/permit2.ts'
import { startFacilitator } from '../../harness/facilitator/index.ts'
import { stopAllProcesses } from '../../harness/processes/registry.ts'
import { onlyLoopback } from '../interop/isolation.ts'
import { listen } from '../sdk/listen.ts'

/** The prices (atomic units of the plain token) and upto's usage-based charge. */
export const EXACT_PRICE = 1000n
export const UPTO_MAXIMUM = 20_000n
export const UPTO_CHARGE = 1858n

const devnet = await startDevnet()
try {
  const facilitator = await startFacilitator({ devnet, signer: devnet.accounts[ACCOUNT_ROLES.facilitator]! })
  const payer = devnet.accounts[ACCOUNT_ROLES.payer]!
  const payTo = devnet.accounts[ACCOUNT_ROLES.payTo]!.address
  const network = devnet.preset.network
  const resourceServer = new x402ResourceServer(new HTTPFacilitatorClient({ url: facilitator.url }))
    .register(network, new ExactServer())
    .register(network, new UptoServer())
  const price = (amount: bigint) => ({
    amount: amount.toString(),
    asset: PLAIN_TOKEN_ADDRESS,
    extra: { assetTransferMethod: 'permit2' },
  })
  const app = express()
  app.use(
    paymentMiddleware(
      {
        'GET /exact-permit2': {
          accepts: { scheme: 'exact', price: price(EXACT_PRICE), network, payTo },
          description: 'exact with Permit2',
          mimeType: 'application/json',
        },
        'GET /upto': {
          accepts: { scheme: 'upto', price: price(UPTO_MAXIMUM), network, payTo },
          description: 'metered',
          mimeType: 'application/json',
        },
      },
      resourceServer,
    ),
  )
  app.get('/exact-permit2', (_req, res) => {
    res.json({ paid: 'exact' })
  })
  app.get('/upto', (_req, res) => {
    setSettlementOverrides(res, { amount: UPTO_CHARGE.toString() })
    res.json({ paid: 'upto', used: UPTO_CHARGE.toString() })
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
      const settlesBefore = facilitator.log.calls().filter((call) => call.endpoint === 'settle').length
      const before = await balances()
      const response = await pay(`${server.url}/${route}`, { method: 'GET' })
      const header = response.headers.get('PAYMENT-RESPONSE')
      const outcome = {
        status: response.status,
        body: await response.text(),
        ...(header ? { paymentResponse: decodePaymentResponseHeader(header) } : {}),
      }
      const after = await balances()
      const settles =
        facilitator.log.calls().filter((call) => call.endpoint === 'settle').length - settlesBefore
      process.stdout.write(
        `${JSON.stringify({
          route,
          isolated: onlyLoopback(),
          outcome,
          settles,
          payerDelta: String(after.payer - before.payer),
          payToDelta: String(after.payTo - before.payTo),
        })}\n`,
      )
    }
  } finally {
    await server.stop()
    await facilitator.stop()
  }
} finally {
  await devnet.stop()
  await stopAllProcesses()
}
