/**
 * What the built-in facilitator needs to run: a chain to read, a signer to settle with, and the
 * token it settles. Built from a `Devnet` or from viem clients the caller already has.
 */
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem'
import { FEE_TOKEN } from '../devnet/fee-token-info.ts'
import type { ChainPreset } from '../devnet/presets.ts'
import type { Devnet, DevnetAccount } from '../devnet/types.ts'
import { KeyedQueue } from '../model/keyed-queue.ts'
import type { SettlementCheck } from './settlement-check.ts'

/** An EIP-3009 token the facilitator settles, with the EIP-712 domain its authorizations are signed in. */
export interface SettledToken {
  address: Address
  eip712: { name: string; version: string }
}

/**
 * How the facilitator orders the transactions it sends: `run(signer, send)`. The default (one send at
 * a time per signer, a `KeyedQueue`) is its nonce management: concurrent settles never take the same
 * transaction nonce of its signer.
 */
export interface SendQueue {
  run<T>(key: string, work: () => Promise<T>): Promise<T>
}

/** The chain side of a facilitator given as viem clients (the wallet client's account settles). */
export interface FacilitatorChain {
  publicClient: PublicClient<Transport, Chain>
  walletClient: WalletClient<Transport, Chain, Account>
  preset: ChainPreset
  /** The EIP-3009 token this facilitator accepts and settles (the preset's USDC on a devnet). */
  usdc: Address
}

/** Options of `createFacilitator`: a devnet (plus an optional signer) or explicit clients. */
/** How the facilitator reaches its chain and signs (the options of its context). */
export interface ContextOptions {
  /** The devnet to settle on. Give this or `chain`. */
  devnet?: Devnet
  /** Settlement signer on the devnet. Default: `devnet.accounts[1]` (the devnet's facilitator role). */
  signer?: DevnetAccount
  /** Explicit clients instead of a devnet. */
  chain?: FacilitatorChain
  /**
   * Seconds before `validBefore` after which an authorization is refused. Default 6, the reference
   * implementations' buffer ("3 blocks" on Base) so a payment verified now can still be mined.
   */
  validBeforeBufferSeconds?: number
  /** How long settle waits for a receipt before answering `unexpected_settle_error`. Default 30 s. */
  receiptTimeoutMs?: number
  /** How sends from the signer are ordered. Default: one at a time per signer. */
  sends?: SendQueue
  /**
   * The check that a mined settlement paid (the reference: the receipt holds the asset's
   * `Transfer(from, payTo, amount)`). Replaced only by known-bad facilitators.
   */
  settlementCheck?: SettlementCheck
}

/** The resolved configuration every module of the facilitator reads. */
export interface FacilitatorContext {
  publicClient: PublicClient<Transport, Chain>
  walletClient: WalletClient<Transport, Chain, Account>
  preset: ChainPreset
  usdc: Address
  /**
   * Every token it settles: the USDC first, then the devnet's fee-on-transfer token (FEE_TOKEN), whose
   * settlements mine but do not pay, and which the settlement check must therefore refuse.
   */
  tokens: readonly SettledToken[]
  settlementCheck?: SettlementCheck
  signer: Address
  validBeforeBufferSeconds: number
  receiptTimeoutMs: number
  /**
   * The one queue every transaction from the signer goes through (exact and batch-settlement alike),
   * so concurrent settles of different schemes never reuse the signer's transaction nonce.
   */
  sends: SendQueue
}

/** Resolves options into a context; throws when neither or both of `devnet` and `chain` are given. */
export function resolveContext(options: ContextOptions): FacilitatorContext {
  if ((options.devnet === undefined) === (options.chain === undefined)) {
    throw new Error('createFacilitator: give exactly one of `devnet` or `chain`')
  }
  const common = {
    validBeforeBufferSeconds: options.validBeforeBufferSeconds ?? 6,
    receiptTimeoutMs: options.receiptTimeoutMs ?? 30_000,
    sends: options.sends ?? new KeyedQueue(),
    ...(options.settlementCheck ? { settlementCheck: options.settlementCheck } : {}),
  }
  const tokens = (usdc: Address, preset: ChainPreset): SettledToken[] => [
    { address: usdc, eip712: { ...preset.eip712 } },
    { address: FEE_TOKEN.address, eip712: { ...FEE_TOKEN.eip712 } },
  ]
  if (options.devnet) {
    const devnet = options.devnet
    const signer = options.signer ?? devnet.accounts[1]
    if (!signer) throw new Error('createFacilitator: the devnet has no account [1] to settle with')
    return {
      ...common,
      publicClient: devnet.publicClient,
      walletClient: devnet.walletClient(signer),
      preset: devnet.preset,
      usdc: devnet.usdc,
      tokens: tokens(devnet.usdc, devnet.preset),
      signer: signer.address,
    }
  }
  const chain = options.chain!
  return {
    ...common,
    ...chain,
    tokens: tokens(chain.usdc, chain.preset),
    signer: chain.walletClient.account.address,
  }
}
