import type { Address, Hex } from 'viem'
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
  const { data: code } = await devnet.publicClient.call({ data: creationCode })
  if (!code || code === '0x') throw new Error(`${name}: contract creation returned no code`)
  await devnet.testClient.setCode({ address, bytecode: code })
}
