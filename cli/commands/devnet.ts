/**
 * `x402-conformance devnet [--chain base-sepolia|base] [--port N] [--facilitator-port N] [--json]`:
 * boots anvil with USDC and Multicall3 at their canonical addresses, funded accounts and the built-in
 * facilitator, prints how to reach them, and runs until interrupted.
 */
import { parseArgs } from 'node:util'
import { exportLines, targetEnvironment } from '../../harness/devnet/environment.ts'
import { ACCOUNT_ROLES, isPresetName, MULTICALL3_ADDRESS, startDevnet } from '../../harness/devnet/index.ts'
import { startFacilitator } from '../../harness/facilitator/index.ts'
import { onShutdown, setSignalExitCode } from '../../harness/processes/registry.ts'
import { parsePort, UsageError } from '../usage.ts'

export const devnetUsage = `usage: x402-conformance devnet [--chain base-sepolia|base] [--port N] [--facilitator-port N] [--json]`

export async function devnetCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      chain: { type: 'string', default: 'base-sepolia' },
      port: { type: 'string' },
      'facilitator-port': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  const chain = values.chain
  if (!isPresetName(chain)) throw new UsageError(`--chain must be base-sepolia or base, got '${chain}'`)
  const port = parsePort(values.port, '--port')
  const facilitatorPort = parsePort(values['facilitator-port'], '--facilitator-port')

  const devnet = await startDevnet({ preset: chain, ...(port === undefined ? {} : { port }) })
  const facilitator = await startFacilitator({
    devnet,
    signer: devnet.accounts[ACCOUNT_ROLES.facilitator]!,
    ...(facilitatorPort === undefined ? {} : { port: facilitatorPort }),
  }).catch(async (error: unknown) => {
    await devnet.stop()
    throw error
  })

  const env = targetEnvironment(devnet, { facilitatorUrl: facilitator.url })
  if (values.json) {
    const info = {
      chain: devnet.preset.name,
      rpcUrl: devnet.rpcUrl,
      chainId: devnet.preset.chainId,
      network: devnet.preset.network,
      networkV1: devnet.preset.networkV1,
      usdc: devnet.usdc,
      eip712: devnet.preset.eip712,
      multicall3: MULTICALL3_ADDRESS,
      facilitatorUrl: facilitator.url,
      env,
      accounts: devnet.accounts.map(({ address, privateKey }, index) => ({ index, address, privateKey })),
    }
    process.stdout.write(`${JSON.stringify(info)}\n`)
  } else {
    const accounts = devnet.accounts
      .map(({ address, privateKey }, index) => `#   [${index}] ${address} ${privateKey}`)
      .join('\n')
    process.stdout.write(
      `# x402 devnet (${devnet.preset.name}, chain id ${devnet.preset.chainId}) is running. Ctrl-C stops it.\n` +
        `${exportLines(env)}\n` +
        `# Funded accounts (ETH and USDC; local test keys only):\n${accounts}\n`,
    )
  }

  // Run until interrupted; the registry stops anvil, this hook stops the facilitator.
  setSignalExitCode(0)
  await new Promise<void>((resolve) => {
    onShutdown(async () => {
      await facilitator.stop()
      await devnet.stop()
      if (!values.json) process.stderr.write('# devnet stopped\n')
      resolve()
    })
  })
  return 0
}
