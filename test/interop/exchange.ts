/**
 * One paid request with the real published SDKs through the devnet and the built-in facilitator:
 * `node test/interop/exchange.ts v1|v2` prints one JSON line with what happened on the wire and on chain.
 * Run by sdk-exchange.test.ts inside a network namespace that has only loopback.
 */
import { payWithSdkClientV1, payWithSdkClientV2 } from '../sdk/clients.ts'
import { startSdkServerV1, startSdkServerV2 } from '../sdk/servers.ts'
import { onDevnet, printExchange, settleCalls } from './devnet-exchange.ts'

const version = process.argv[2]
if (version !== 'v1' && version !== 'v2') {
  process.stderr.write('usage: exchange.ts v1|v2\n')
  process.exit(2)
}

await onDevnet(async ({ devnet, facilitator, payer, payTo }) => {
  const network = version === 'v2' ? devnet.preset.network : devnet.preset.networkV1
  const server = await (version === 'v2' ? startSdkServerV2 : startSdkServerV1)({
    facilitatorUrl: facilitator.url,
    payTo,
    network,
  })
  try {
    const balances = async () => ({
      payer: await devnet.usdcBalance(payer.address),
      payTo: await devnet.usdcBalance(payTo),
    })
    const before = await balances()
    const url = `${server.url}/weather`
    const outcome =
      version === 'v2'
        ? await payWithSdkClientV2(url, payer.privateKey)
        : await payWithSdkClientV1(url, payer.privateKey, devnet.chain)
    const after = await balances()
    printExchange({}, { outcome, settles: settleCalls(facilitator), before, after })
  } finally {
    await server.stop()
  }
})
