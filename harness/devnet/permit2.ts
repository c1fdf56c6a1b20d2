/**
 * Permit2 on the devnet: the canonical Permit2, the x402 `exact` and `upto` Permit2 proxies at the
 * addresses @x402/evm 2.27 uses (scheme_exact_evm.md §2 and scheme_upto_evm.md, "Annex"), and a plain
 * ERC-20 without EIP-3009, so Permit2 is the only gasless way to pay it. Every deterministic account
 * holds that token and has approved Permit2 for it and for the USDC, except one
 * ({@link PERMIT2_UNAPPROVED_ACCOUNT}), which is what a fresh wallet looks like (the approval cases).
 */
import { type Address, encodeAbiParameters, encodeDeployData, keccak256, maxUint256, toHex } from 'viem'
import {
  erc20TokenAbi,
  erc20TokenBytecode,
  permit2Bytecode,
  x402ExactPermit2ProxyAbi,
  x402ExactPermit2ProxyBytecode,
  x402UptoPermit2ProxyAbi,
  x402UptoPermit2ProxyBytecode,
} from '../../contracts/artifacts/index.ts'
import {
  PERMIT2_ADDRESS,
  PERMIT2_UNAPPROVED_ACCOUNT,
  PLAIN_TOKEN_ADDRESS,
  X402_EXACT_PERMIT2_PROXY,
  X402_UPTO_PERMIT2_PROXY,
} from './permit2-addresses.ts'
import { placeContract } from './place.ts'
import { waitForReceipt } from './receipt.ts'
import type { Devnet, DevnetAccount } from './types.ts'

export {
  PERMIT2_ADDRESS,
  PERMIT2_UNAPPROVED_ACCOUNT,
  PLAIN_TOKEN_ADDRESS,
  X402_EXACT_PERMIT2_PROXY,
  X402_UPTO_PERMIT2_PROXY,
} from './permit2-addresses.ts'

/** The plain token's units per deterministic account: 1,000,000 tokens of 6 decimals. */
export const PLAIN_TOKEN_PER_ACCOUNT = 1_000_000_000_000n

/** OpenZeppelin ERC20 storage (`forge inspect Erc20Token storageLayout`; the Usdc has the same first slots). */
const BALANCES_SLOT = 0n
const ALLOWANCES_SLOT = 1n
const TOTAL_SUPPLY_SLOT = 2n

/** Where `placePermit2` put the contracts. */
export interface Permit2Placement {
  permit2: Address
  exactProxy: Address
  uptoProxy: Address
  token: Address
}

/**
 * Places Permit2, both proxies and the plain token (code only: their constructor-fixed values are
 * immutables or constants), then funds the deterministic accounts with the token and grants the
 * Permit2 approvals by writing storage, so nothing is mined.
 */
export async function placePermit2(devnet: Devnet): Promise<Permit2Placement> {
  const proxy = (
    abi: typeof x402ExactPermit2ProxyAbi | typeof x402UptoPermit2ProxyAbi,
    bytecode: `0x${string}`,
  ) => encodeDeployData({ abi, bytecode, args: [PERMIT2_ADDRESS] })
  const word = (value: bigint) => toHex(value, { size: 32 })
  const approved = devnet.accounts.filter((_, index) => index !== PERMIT2_UNAPPROVED_ACCOUNT)
  await Promise.all([
    placeContract(devnet, PERMIT2_ADDRESS, permit2Bytecode, 'Permit2'),
    placeContract(
      devnet,
      X402_EXACT_PERMIT2_PROXY,
      proxy(x402ExactPermit2ProxyAbi, x402ExactPermit2ProxyBytecode),
      'X402ExactPermit2Proxy',
    ),
    placeContract(
      devnet,
      X402_UPTO_PERMIT2_PROXY,
      proxy(x402UptoPermit2ProxyAbi, x402UptoPermit2ProxyBytecode),
      'X402UptoPermit2Proxy',
    ),
    placeContract(devnet, PLAIN_TOKEN_ADDRESS, erc20TokenBytecode, 'Erc20Token'),
    ...devnet.accounts.map((account) =>
      devnet.testClient.setStorageAt({
        address: PLAIN_TOKEN_ADDRESS,
        index: balanceSlot(account.address),
        value: word(PLAIN_TOKEN_PER_ACCOUNT),
      }),
    ),
    devnet.testClient.setStorageAt({
      address: PLAIN_TOKEN_ADDRESS,
      index: word(TOTAL_SUPPLY_SLOT),
      value: word(PLAIN_TOKEN_PER_ACCOUNT * BigInt(devnet.accounts.length)),
    }),
    ...approved.flatMap((account) =>
      [PLAIN_TOKEN_ADDRESS, devnet.usdc].map((token) =>
        devnet.testClient.setStorageAt({
          address: token,
          index: allowanceSlot(account.address, PERMIT2_ADDRESS),
          value: word(maxUint256),
        }),
      ),
    ),
  ])
  return {
    permit2: PERMIT2_ADDRESS,
    exactProxy: X402_EXACT_PERMIT2_PROXY,
    uptoProxy: X402_UPTO_PERMIT2_PROXY,
    token: PLAIN_TOKEN_ADDRESS,
  }
}

/** Options of {@link permit2Payer}. */
export interface Permit2PayerOptions {
  /** Units of the plain token minted to the payer. Default 100 tokens (100_000_000). */
  tokens?: bigint
  /** Whether the payer approves Permit2 (for the plain token and the USDC). Default true. */
  approve?: boolean
}

/**
 * A fresh payer for one case: ETH and USDC (devnet.fundedAccount), the plain token, and, unless told
 * otherwise, the one-time `approve(Permit2, max)` a wallet makes, as real transactions.
 */
export async function permit2Payer(
  devnet: Devnet,
  options: Permit2PayerOptions = {},
): Promise<DevnetAccount> {
  const account = await devnet.fundedAccount()
  const wallet = devnet.walletClient(account)
  const send = async (hash: `0x${string}`, what: string) => {
    const receipt = await waitForReceipt(devnet.publicClient, hash)
    if (receipt.status !== 'success') throw new Error(`${what} for ${account.address} reverted`)
  }
  const tokens = options.tokens ?? 100_000_000n
  if (tokens > 0n) {
    await send(
      await wallet.writeContract({
        address: PLAIN_TOKEN_ADDRESS,
        abi: erc20TokenAbi,
        functionName: 'mint',
        args: [account.address, tokens],
      }),
      'mint',
    )
  }
  if (options.approve ?? true) {
    for (const token of [PLAIN_TOKEN_ADDRESS, devnet.usdc]) {
      await send(await approvePermit2(devnet, account, token), 'approve(Permit2)')
    }
  }
  return account
}

/** Sends `token.approve(Permit2, max)` from `account` (the one-time step of scheme_exact_evm.md §2 Phase 1, Option A). */
export function approvePermit2(
  devnet: Devnet,
  account: DevnetAccount,
  token: Address,
): Promise<`0x${string}`> {
  return devnet.walletClient(account).writeContract({
    address: token,
    abi: erc20TokenAbi,
    functionName: 'approve',
    args: [PERMIT2_ADDRESS, maxUint256],
  })
}

/** Balance of `owner` in any ERC-20 of the devnet. */
export function tokenBalance(devnet: Devnet, token: Address, owner: Address): Promise<bigint> {
  return devnet.publicClient.readContract({
    address: token,
    abi: erc20TokenAbi,
    functionName: 'balanceOf',
    args: [owner],
  })
}

/** What `owner` lets Permit2 spend of `token`. */
export function permit2Allowance(devnet: Devnet, token: Address, owner: Address): Promise<bigint> {
  return devnet.publicClient.readContract({
    address: token,
    abi: erc20TokenAbi,
    functionName: 'allowance',
    args: [owner, PERMIT2_ADDRESS],
  })
}

function balanceSlot(owner: Address): `0x${string}` {
  return keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [owner, BALANCES_SLOT]))
}

function allowanceSlot(owner: Address, spender: Address): `0x${string}` {
  const inner = keccak256(
    encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [owner, ALLOWANCES_SLOT]),
  )
  return keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'bytes32' }], [spender, inner]))
}
