/**
 * The deterministic accounts of the devnet: anvil's default mnemonic ("test test ... junk"), whose keys
 * are public test keys known to every EVM tool. Never use them anywhere but a local devnet.
 */
import type { Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { DEVNET_PRIVATE_KEYS } from './roles.ts'
import type { DevnetAccount } from './types.ts'

export { ACCOUNT_ROLES, DEVNET_MNEMONIC, DEVNET_PRIVATE_KEYS } from './roles.ts'

export function toDevnetAccount(privateKey: Hex): DevnetAccount {
  const account = privateKeyToAccount(privateKey)
  return { address: account.address, privateKey, account }
}

export const devnetAccounts: readonly DevnetAccount[] = DEVNET_PRIVATE_KEYS.map(toDevnetAccount)
