/**
 * `x402-conformance devnet [--chain base-sepolia|base] [--port N] [--facilitator-port N] [--json]`:
 * boots anvil with USDC and Multicall3 at their canonical addresses, funded accounts and the built-in
 * facilitator, prints how to reach them, and runs until interrupted.
 */
import { parseArgs } from 'node:util'
import { exportLines, targetEnvironment } from '../../harness/devnet/environment.ts'
import { FEE_TOKEN } from '../../harness/devnet/fee-token-info.ts'
import * as permit2 from '../../harness/devnet/permit2-addresses.ts'
import { isPresetName, MULTICALL3_ADDRESS } from '../../harness/devnet/presets.ts'
import { bootDevnetChain } from '../../harness/devnet/quick-start.ts'
import { ACCOUNT_ROLES } from '../../harness/devnet/roles.ts'
import type { FacilitatorService } from '../../harness/facilitator/service.ts'
import { onShutdown, setSignalExitCode, shutDown } from '../../harness/processes/registry.ts'
import { parsePort, UsageError } from '../usage.ts'

/** `devnet --help`. */
export const devnetUsage = `usage: x402-conformance devnet [--chain base-sepolia|base] [--port N] [--facilitator-port N] [--json]

  boots a local chain with USDC and Multicall3 at their canonical addresses, funded accounts and the
  built-in facilitator, prints how to reach them, and runs until Ctrl-C
  --chain <name>          base-sepolia (default, chain id 84532) or base (8453)
  --port <n>              the RPC port (default: a free port)
  --facilitator-port <n>  the built-in facilitator's port (default: a free port)
  --json                  print one JSON object instead of export lines`

export async function devnetCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      chain: { type: 'string', default: 'base-sepolia' },
      port: { type: 'string' },
      'facilitator-port': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.help) {
    process.stdout.write(`${devnetUsage}\n`)
    return 0
  }
  const chain = values.chain
  if (!isPresetName(chain)) throw new UsageError(`--chain must be base-sepolia or base, got '${chain}'`)
  const port = parsePort(values.port, '--port')
  const facilitatorPort = parsePort(values['facilitator-port'], '--facilitator-port')

  // Only light modules so far: the chain boots from its pre-built state and the facilitator's port is
  // served at once; viem and the facilitator load after the lines are printed (requests wait for them).
  // anvil boots while the HTTP side loads.
  const booting = bootDevnetChain({ preset: chain, ...(port === undefined ? {} : { port }) })
  booting.catch(() => {}) // handled below, once awaited; not an unhandled rejection meanwhile
  const { serveDeferred } = await import('../../harness/facilitator/deferred.ts')
  const devnet = await booting
  // Loading viem blocks the event loop for a few hundred ms: it starts once the lines are out.
  let serviceLoaded: (service: FacilitatorService) => void = () => {}
  let serviceFailed: (error: unknown) => void = () => {}
  const service = new Promise<FacilitatorService>((resolve, reject) => {
    serviceLoaded = resolve
    serviceFailed = reject
  })
  const facilitator = await serveDeferred(
    service,
    facilitatorPort === undefined ? {} : { port: facilitatorPort },
  ).catch(async (error: unknown) => {
    await devnet.stop()
    throw error
  })
  service.catch((error: unknown) => {
    process.stderr.write(
      `x402-conformance devnet: the built-in facilitator failed to load: ${String(error)}\n`,
    )
    setSignalExitCode(2)
    shutDown(2)
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
      feeOnTransferToken: FEE_TOKEN,
      permit2: {
        permit2: permit2.PERMIT2_ADDRESS,
        exactProxy: permit2.X402_EXACT_PERMIT2_PROXY,
        uptoProxy: permit2.X402_UPTO_PERMIT2_PROXY,
        token: permit2.PLAIN_TOKEN_ADDRESS,
        unapprovedAccount: permit2.PERMIT2_UNAPPROVED_ACCOUNT,
      },
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
        `# Permit2 ${permit2.PERMIT2_ADDRESS}, x402 exact proxy ${permit2.X402_EXACT_PERMIT2_PROXY}, upto proxy ${permit2.X402_UPTO_PERMIT2_PROXY}, plain ERC-20 (no EIP-3009) ${permit2.PLAIN_TOKEN_ADDRESS}\n` +
        `# Funded accounts (ETH, USDC and the plain ERC-20, Permit2 approved except [${permit2.PERMIT2_UNAPPROVED_ACCOUNT}]; local test keys only):\n${accounts}\n` +
        `# Fee-on-transfer EIP-3009 token (1% fee; mint is open): ${FEE_TOKEN.address} ${JSON.stringify(FEE_TOKEN.eip712)}\n`,
    )
  }

  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()))
  setImmediate(() => loadFacilitator(devnet).then(serviceLoaded, serviceFailed))

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

/** The built-in facilitator on the booted chain (loads viem). */
async function loadFacilitator(
  chain: Awaited<ReturnType<typeof bootDevnetChain>>,
): Promise<FacilitatorService> {
  const [{ devnetHandle }, { createFacilitator }] = await Promise.all([
    import('../../harness/devnet/handle.ts'),
    import('../../harness/facilitator/index.ts'),
  ])
  const devnet = devnetHandle(chain.preset, chain.rpcUrl, chain.stop)
  return createFacilitator({ devnet, signer: devnet.accounts[ACCOUNT_ROLES.facilitator]! }).service
}
