/**
 * The devnet's chain booted the quick way, for the `devnet` command: anvil started straight from the
 * pre-built state (prebuilt.ts), with nothing of viem or prool loaded, so the command can print how to
 * reach it about as soon as a bare anvil would be up. Without a pre-built state (the first devnet of a
 * kind) it boots the full way, which builds and saves the state for the next time.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { registerProcess } from '../processes/registry.ts'
import { anvilBinary } from './binary.ts'
import { freePort } from './ports.ts'
import { type PrebuiltAccount, prebuiltKey, readPrebuilt } from './prebuilt.ts'
import { type ChainPreset, DEFAULT_USDC_PER_ACCOUNT, type PresetName, presets } from './presets.ts'
import { anvilRpc } from './raw-rpc.ts'

/** A running devnet chain, as far as printing it and attaching to it go. */
export interface BootedChain {
  preset: ChainPreset
  rpcUrl: string
  usdc: ChainPreset['usdc']
  accounts: readonly PrebuiltAccount[]
  stop(): Promise<void>
}

const BOOT_TIMEOUT_MS = 20_000

export async function bootDevnetChain(options: { preset: PresetName; port?: number }): Promise<BootedChain> {
  const preset = presets[options.preset]
  const binary = anvilBinary()
  const prebuilt = readPrebuilt(prebuiltKey(preset.name, DEFAULT_USDC_PER_ACCOUNT, binary))
  if (!prebuilt) {
    const { startDevnet } = await import('./devnet.ts')
    const devnet = await startDevnet({
      preset: preset.name,
      ...(options.port === undefined ? {} : { port: options.port }),
    })
    return {
      preset,
      rpcUrl: devnet.rpcUrl,
      usdc: devnet.usdc,
      accounts: devnet.accounts,
      stop: () => devnet.stop(),
    }
  }
  const port = options.port ?? (await freePort())
  const rpcUrl = `http://127.0.0.1:${port}`
  const args = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(preset.chainId)]
  const anvil = spawn(binary, [...args, '--load-state', prebuilt.stateFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => anvil.once('exit', () => resolve()))
  let unregister = () => {}
  const stop = async () => {
    if (anvil.exitCode === null && anvil.signalCode === null) anvil.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())])
    if (anvil.exitCode === null && anvil.signalCode === null) anvil.kill('SIGKILL')
    unregister()
  }
  if (anvil.pid !== undefined) unregister = registerProcess(anvil.pid, `anvil:${port}`, stop)
  try {
    await listening(anvil, port)
    // The snapshot's latest block is as old as the snapshot: a new block gives `latest` today's time.
    await anvilRpc(rpcUrl, 'evm_mine')
  } catch (error) {
    await stop()
    throw error
  }
  return { preset, rpcUrl, usdc: preset.usdc, accounts: prebuilt.accounts, stop }
}

/** Resolves when anvil says it listens; rejects with its last words when it exits or takes too long. */
function listening(anvil: ReturnType<typeof spawn>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const said: string[] = []
    const timer = setTimeout(() => fail('did not start in time'), BOOT_TIMEOUT_MS)
    const fail = (why: string) => {
      clearTimeout(timer)
      reject(new Error(`anvil ${why} on 127.0.0.1:${port}${said.length ? `: ${said.slice(-1)[0]}` : ''}`))
    }
    for (const stream of [anvil.stdout, anvil.stderr]) {
      if (!stream) continue
      createInterface({ input: stream }).on('line', (line) => {
        said.push(line.trim())
        if (/Listening on/.test(line)) {
          clearTimeout(timer)
          resolve()
        }
      })
    }
    anvil.once('exit', (code) => fail(`exited (${code})`))
    anvil.once('error', (error) => fail(`could not be run (${error.message})`))
  })
}
