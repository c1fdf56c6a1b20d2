/** The @x402/evm batch-settlement vectors (test/vectors/schemes/, scripts/scheme-vectors.ts), typed for the tests. */
import type { Address, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { BatchOffer } from '../../../../harness/schemes/batch-settlement-evm/build.ts'
import type { ChannelConfig } from '../../../../harness/schemes/batch-settlement-evm/channel.ts'
import raw from '../../../vectors/schemes/batch-settlement-evm.json' with { type: 'json' }

/** The payer and the separate voucher signer of the vectors (anvil accounts 1 and 2). */
export const payer = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
export const authorizer = privateKeyToAccount(
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
)

export const sdk = raw as unknown as {
  scheme: string
  chainId: number
  network: string
  now: number
  addresses: { batchSettlement: Address; depositCollector: Address }
  domain: Record<string, unknown>
  types: Record<'voucher' | 'refund' | 'claimBatch', Record<string, unknown>>
  channels: Array<{ config: ChannelConfig; channelId: Hex }>
  vouchers: Array<{ signer: Address; channelId: Hex; maxClaimableAmount: string; signature: Hex }>
  refund: { message: { channelId: Hex; nonce: string; amount: string }; hash: Hex }
  claimBatch: {
    message: { claims: Array<{ channelId: Hex; maxClaimableAmount: string; totalClaimed: string }> }
    hash: Hex
  }
  deposits: Array<{
    offer: BatchOffer
    config: ChannelConfig
    amount: string
    maxClaimableAmount: string
    payload: Record<string, unknown> & {
      deposit: { authorization: { erc3009Authorization: { validBefore: string; salt: Hex; signature: Hex } } }
    }
  }>
}
