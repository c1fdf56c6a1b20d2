/**
 * `--rpc <url>`: a `Devnet` over one that is already running (e.g. `x402-conformance devnet`), so a
 * target wired to it and the suite see the same chain. Only anvil-backed chains with the USDC at the
 * preset's canonical address qualify (cases fund fresh accounts with `anvil_setBalance` and `mint`).
 */
import { createPublicClient, http } from 'viem'
import { devnetHandle } from './handle.ts'
import { presets } from './presets.ts'
import type { Devnet } from './types.ts'

/** Why a URL is not a usable devnet, in one line. */
export class DevnetUnavailable extends Error {
  override name = 'DevnetUnavailable'
}

export async function connectDevnet(rpcUrl: string): Promise<Devnet> {
  const probe = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 3000 }) })
  let chainId: number
  try {
    chainId = await probe.getChainId()
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message
    throw new DevnetUnavailable(`devnet ${rpcUrl} is unreachable${cause ? `: ${cause}` : ''}`)
  }
  const preset = Object.values(presets).find((candidate) => candidate.chainId === chainId)
  if (preset === undefined)
    throw new DevnetUnavailable(`devnet ${rpcUrl} has chain id ${chainId}, no known preset`)
  const code = await probe.getCode({ address: preset.usdc })
  if (code === undefined || code === '0x') {
    throw new DevnetUnavailable(
      `devnet ${rpcUrl} has no USDC at ${preset.usdc} (start it with x402-conformance devnet)`,
    )
  }
  // Not ours to stop: it belongs to whoever started it.
  return devnetHandle(preset, rpcUrl, async () => {})
}
