/**
 * The `batch-settlement` channel contracts on the devnet, at the canonical CREATE2 addresses the spec
 * (scheme_batch_settlement_evm.md, "Reference Implementation") and @x402/evm 2.27 use, so the SDK's
 * batch-settlement client, server and facilitator work against the devnet unmodified.
 */
import { type Address, encodeDeployData } from 'viem'
import {
  batchSettlementBytecode,
  erc3009DepositCollectorAbi,
  erc3009DepositCollectorBytecode,
} from '../../contracts/artifacts/index.ts'
import { placeContract } from './place.ts'
import type { Devnet } from './types.ts'

/** `x402BatchSettlement`: the channel contract (deposit, claim, settle, refund, withdraw). */
export const BATCH_SETTLEMENT_ADDRESS: Address = '0x4020074e9dF2ce1deE5A9C1b5c3f541D02a10003'

/** `ERC3009DepositCollector`: pulls deposits with the payer's `ReceiveWithAuthorization`. */
export const ERC3009_DEPOSIT_COLLECTOR_ADDRESS: Address = '0x4020806089470a89826cB9fB1f4059150b550004'

/**
 * `Permit2DepositCollector`: NOT placed by the devnet (there is no Permit2 on it); deposits with
 * `assetTransferMethod: "permit2"` therefore fail on the devnet.
 */
export const PERMIT2_DEPOSIT_COLLECTOR_ADDRESS: Address = '0x4020425FAf3B746C082C2f942b4E5159887B0005'

/** Where `placeBatchSettlement` put the contracts. */
export interface BatchSettlementPlacement {
  settlement: Address
  erc3009DepositCollector: Address
}

/**
 * Puts the channel contract and the EIP-3009 deposit collector at their canonical addresses. Their
 * constructor-fixed values (the EIP-712 domain name and version, the collector's settlement address)
 * are immutables in the runtime code, so an eth_call of the creation code gives code that works where
 * `anvil_setCode` places it; nothing is mined. Placing again replaces only the code: channel state
 * (storage) stays.
 */
export async function placeBatchSettlement(devnet: Devnet): Promise<BatchSettlementPlacement> {
  const collector = encodeDeployData({
    abi: erc3009DepositCollectorAbi,
    bytecode: erc3009DepositCollectorBytecode,
    // The collector only accepts calls from the settlement contract at its canonical address.
    args: [BATCH_SETTLEMENT_ADDRESS],
  })
  await Promise.all([
    placeContract(devnet, BATCH_SETTLEMENT_ADDRESS, batchSettlementBytecode, 'BatchSettlement'),
    placeContract(devnet, ERC3009_DEPOSIT_COLLECTOR_ADDRESS, collector, 'Erc3009DepositCollector'),
  ])
  return { settlement: BATCH_SETTLEMENT_ADDRESS, erc3009DepositCollector: ERC3009_DEPOSIT_COLLECTOR_ADDRESS }
}
