/**
 * The ERC-3009 deposit of `batch-settlement` (scheme_batch_settlement_evm.md "Deposit"): the payer signs
 * a `ReceiveWithAuthorization` to the deposit collector whose nonce binds it to one channel and salt.
 * The builder, the facilitator's rule 8 and the client suite's verdict all read it from here.
 */
import { type Address, encodeAbiParameters, type Hex, keccak256 } from 'viem'
import { ERC3009_DEPOSIT_COLLECTOR_ADDRESS } from '../../devnet/batch.ts'
import { type AuthorizationTypedData, authorizationTypedData, eip3009Domain } from '../exact-evm/eip3009.ts'
import type { ChannelConfig } from './channel.ts'

/** The EIP-3009 nonce of a deposit: keccak256(abi.encode(channelId, salt)). */
export function depositNonce(channelId: Hex, salt: bigint): Hex {
  return keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'uint256' }], [channelId, salt]))
}

/** What a deposit authorization signs besides the channel: the token's domain, amount and window. */
export interface DepositTerms {
  /** The token's EIP-712 domain name and version (the offer's `extra.name` / `extra.version`). */
  name: string
  version: string
  chainId: number
  /** The token (the domain's verifying contract): the offer's asset, which rule 2 ties to the config's. */
  asset: Address
  amount: bigint
  validAfter: bigint
  validBefore: bigint
  salt: bigint
}

/** The `ReceiveWithAuthorization` typed data of a deposit from the channel's payer into the collector. */
export function depositTypedData(
  config: ChannelConfig,
  channelId: Hex,
  terms: DepositTerms,
): AuthorizationTypedData {
  return authorizationTypedData(
    eip3009Domain({
      name: terms.name,
      version: terms.version,
      chainId: terms.chainId,
      verifyingContract: terms.asset,
    }),
    {
      from: config.payer,
      to: ERC3009_DEPOSIT_COLLECTOR_ADDRESS,
      value: terms.amount,
      validAfter: terms.validAfter,
      validBefore: terms.validBefore,
      nonce: depositNonce(channelId, terms.salt),
    },
    'ReceiveWithAuthorization',
  )
}
