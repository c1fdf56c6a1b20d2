import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Address, type Hex, keccak256 } from 'viem'
import type { Devnet } from './types.ts'

/**
 * Puts a contract at `address` without mining anything: an eth_call of its creation code returns the
 * runtime code (constructor-fixed values such as an EIP-712 domain live in it as immutables), and
 * anvil_setCode places it. Storage at `address` is left as it is.
 */
export async function placeContract(
  devnet: Devnet,
  address: Address,
  creationCode: Hex,
  name: string,
): Promise<void> {
  const code = await runtimeCode(devnet, creationCode, name)
  await devnet.testClient.setCode({ address, bytecode: code })
}

const memory = new Map<Hex, Hex>()
const cacheDir = join(tmpdir(), 'x402-conformance-runtime-code')

/**
 * The runtime code a creation code produces depends on nothing but that code, so it is computed once
 * and kept (in memory and in a temp folder keyed by its hash): later devnets skip the EVM run.
 */
async function runtimeCode(devnet: Devnet, creationCode: Hex, name: string): Promise<Hex> {
  const key = keccak256(creationCode)
  const known = memory.get(key) ?? (await readFile(join(cacheDir, key), 'utf8').catch(() => undefined))
  if (known?.startsWith('0x')) {
    memory.set(key, known as Hex)
    return known as Hex
  }
  const { data: code } = await devnet.publicClient.call({ data: creationCode })
  if (!code || code === '0x') throw new Error(`${name}: contract creation returned no code`)
  memory.set(key, code)
  // Best effort, written atomically so a concurrent reader never sees half a file.
  const file = join(cacheDir, key)
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`
  await mkdir(cacheDir, { recursive: true })
    .then(() => writeFile(partial, code))
    .then(() => rename(partial, file))
    .catch(() => {})
  return code
}
