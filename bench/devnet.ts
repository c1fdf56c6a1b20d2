/**
 * Devnet ready time (anvil + USDC + Multicall3 + funding + built-in facilitator) beside a bare anvil
 * boot through prool, on the same machine, in one process. Medians over a few runs.
 */
import { Instance } from 'prool'
import { anvilBinary } from '../harness/devnet/binary.ts'
import { ACCOUNT_ROLES, freePort, startDevnet } from '../harness/devnet/index.ts'
import { startFacilitator } from '../harness/facilitator/index.ts'

export interface DevnetBench {
  bareAnvilMs: number
  devnetReadyMs: number
  ratio: number
  runs: number
}

export async function benchDevnet(runs = 5): Promise<DevnetBench> {
  const bare: number[] = []
  const ready: number[] = []
  for (let i = 0; i < runs; i++) {
    const port = await freePort()
    let start = performance.now()
    const anvil = Instance.anvil({ binary: anvilBinary(), host: '127.0.0.1', port, chainId: 84532 })
    await anvil.start()
    bare.push(performance.now() - start)
    await anvil.stop()

    start = performance.now()
    const devnet = await startDevnet()
    const facilitator = await startFacilitator({
      devnet,
      signer: devnet.accounts[ACCOUNT_ROLES.facilitator]!,
    })
    ready.push(performance.now() - start)
    await facilitator.stop()
    await devnet.stop()
  }
  const bareAnvilMs = median(bare)
  const devnetReadyMs = median(ready)
  return { bareAnvilMs, devnetReadyMs, ratio: devnetReadyMs / bareAnvilMs, runs }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

if (import.meta.main) {
  const result = await benchDevnet(Number(process.argv[2] ?? 5))
  console.log(`devnet ready time (median of ${result.runs})`)
  console.log(`  bare anvil through prool:        ${result.bareAnvilMs.toFixed(0)} ms`)
  console.log(
    `  devnet (anvil + USDC + Multicall3 + funding + facilitator): ${result.devnetReadyMs.toFixed(0)} ms (${result.ratio.toFixed(2)}x bare; target <= 1.5x)`,
  )
}
