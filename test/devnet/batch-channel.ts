/**
 * A batch-settlement channel as the @x402/evm 2.27 client builds one against the devnet's USDC: the
 * offer it pays, the channel config it deposits into and the channel's id, for the tests that drive a
 * facilitator (the SDK's or the built-in one) through a channel.
 */
import type { PaymentRequirements } from '@x402/core/types'
import type { ChannelConfig } from '@x402/evm'
import { computeChannelId } from '@x402/evm/batch-settlement/client'
import { type Address, type Hex, padHex } from 'viem'
import type { Devnet } from '../../harness/devnet/types.ts'

/** Who takes part in the channel; the salt tells channels of the same parties apart. */
export interface ChannelParties {
  payer: Address
  receiver: Address
  /** Signs the receiver's claims (the facilitator's signer). */
  receiverAuthorizer: Address
  salt: number
}

export interface BatchChannel {
  requirements: PaymentRequirements
  config: ChannelConfig
  channelId: Hex
}

/** The payer's own channel (payer authorizer: the payer) to `receiver` on `network`, 1000 per request. */
export function batchChannel(
  devnet: Devnet,
  network: `${string}:${string}`,
  parties: ChannelParties,
): BatchChannel {
  const requirements: PaymentRequirements = {
    scheme: 'batch-settlement',
    network,
    amount: '1000',
    asset: devnet.usdc,
    payTo: parties.receiver,
    maxTimeoutSeconds: 3600,
    extra: { receiverAuthorizer: parties.receiverAuthorizer, withdrawDelay: 900, name: 'USDC', version: '2' },
  }
  const config: ChannelConfig = {
    payer: parties.payer,
    payerAuthorizer: parties.payer,
    receiver: parties.receiver,
    receiverAuthorizer: parties.receiverAuthorizer,
    token: devnet.usdc,
    withdrawDelay: 900,
    salt: padHex(`0x${parties.salt.toString(16)}`, { size: 32 }),
  }
  return { requirements, config, channelId: computeChannelId(config, network) as Hex }
}
