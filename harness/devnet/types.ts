/** The devnet's public surface: what suites, actors and the built-in facilitator may use. */
import type { Address, Chain, Hex, PublicClient, TestClient, Transport, WalletClient } from 'viem'
import type { LocalAccount } from 'viem/accounts'
import type { ChainPreset } from './presets.ts'

/** A funded account the harness controls. */
export interface DevnetAccount {
  address: Address
  privateKey: Hex
  account: LocalAccount
}

/** How much a new funded account gets. Defaults: 100 USDC (100_000_000 atomic units) and 10 ETH. */
export interface FundOptions {
  usdc?: bigint
  eth?: bigint
}

export interface Devnet {
  preset: ChainPreset
  /** JSON-RPC URL on 127.0.0.1. */
  rpcUrl: string
  /** The viem chain for this devnet (preset chain id, RPC pointing at the local node only). */
  chain: Chain
  /** Address of the EIP-3009 USDC (the preset's canonical address). */
  usdc: Address
  publicClient: PublicClient<Transport, Chain>
  testClient: TestClient<'anvil', Transport, Chain>
  /** A wallet client for any account of the devnet (signs locally, sends to the devnet). */
  walletClient(account: DevnetAccount): WalletClient<Transport, Chain, LocalAccount>
  /**
   * Deterministic funded accounts (anvil's default mnemonic, in order). By convention:
   * [0] deployer/minter, [1] facilitator signer, [2] payer, [3] payTo; the rest are free.
   */
  accounts: readonly DevnetAccount[]
  /** A fresh random account funded with ETH and USDC, for one case. */
  fundedAccount(options?: FundOptions): Promise<DevnetAccount>
  /** USDC balance in atomic units. */
  usdcBalance(address: Address): Promise<bigint>
  /** Test-only USDC mint. */
  mint(to: Address, amount: bigint): Promise<void>
  /** The chain's notion of now (seconds): max(latest block timestamp, wall clock). */
  now(): Promise<bigint>
  /** Moves the chain clock forward; the next block has at least this timestamp. */
  increaseTime(seconds: number): Promise<void>
  snapshot(): Promise<Hex>
  revert(id: Hex): Promise<void>
  /** Stops anvil. Safe to call twice. */
  stop(): Promise<void>
}
