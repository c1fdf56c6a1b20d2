/**
 * One paid request with the real published SDKs through the devnet and the built-in facilitator:
 * `node test/interop/exchange.ts v1|v2` prints one JSON line with what happened on the wire and on chain.
 * Run by sdk-exchange.test.ts inside a network namespace that has only loopback.
 */
import { ACCOUNT_ROLES, startDevnet } from '../../harness/devnet/index.ts'
import { startFacilitator } from '../../harness/facilitator/index.ts'
import { stopAllProcesses } from '../../harness/processes/registry.ts'
import { payWithSdkClientV1, payWithSdkClientV2 } from '../sdk/clients.ts'
import { startSdkServerV1, startSdkServerV2 } from '../sdk/servers.ts'
import { onlyLoopback } from './isolation.ts'

const version = process.argv[2]
if (version !== 'v1' && version !== 'v2') {
  process.stderr.write('usage: exchange.ts v1|v2\n')
  process.exit(2)
}

const devnet = await startDevnet()
try {
  const facilitator = await startFacilitator({ devnet, signer: devnet.accounts[ACCOUNT_ROLES.facilitator]! })
  const payer = devnet.accounts[ACCOUNT_ROLES.payer]!
  const payTo = devnet.accounts[ACCOUNT_ROLES.payTo]!.address
  const network = version === 'v2' ? devnet.preset.network : devnet.preset.networkV1
  const server = await (version === 'v2' ? startSdkServerV2 : startSdkServerV1)({
    facilitatorUrl: facilitator.url,
    payTo,
    network,
  })
  try {
    const before = { payer: await devnet.usdcBalance(payer.address), payTo: await devnet.usdcBalance(payTo) }
    const url = `${server.url}/weather`
    const outcome =
      version === 'v2'
        ? await payWithSdkClientV2(url, payer.privateKey)
        : await payWithSdkClientV1(url, payer.privateKey, devnet.chain)
    const after = { payer: await devnet.usdcBalance(payer.address), payTo: await devnet.usdcBalance(payTo) }
    const settles = facilitator.log.calls().filter((call) => call.endpoint === 'settle').length
    process.stdout.write(
      `${JSON.stringify({
        isolated: onlyLoopback(),
        outcome,
        settles,
        payerDelta: String(after.payer - before.payer),
        payToDelta: String(after.payTo - before.payTo),
      })}\n`,
    )
  } finally {
    await server.stop()
    await facilitator.stop()
  }
} finally {
  await devnet.stop()
  await stopAllProcesses()
}
