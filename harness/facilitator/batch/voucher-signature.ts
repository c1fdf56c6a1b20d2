/**
 * Rule 6 of batch-settlement verification (scheme_batch_settlement_evm.md "Verification Rules"): a
 * voucher is an EIP-712 `Voucher` signed by the channel's payer authorizer when it has one, else by the
 * payer (an EOA, or an ERC-1271 wallet through the node).
 */
import { recoverTypedDataAddress, zeroAddress } from 'viem'
import {
  batchDomain,
  type ChannelConfig,
  same,
  type Voucher,
  voucherTypes,
} from '../../schemes/batch-settlement-evm/channel.ts'
import type { FacilitatorContext } from '../config.ts'

/** Rule 6: ECDSA by the payer authorizer when set, else the payer (EOA or ERC-1271 wallet). */
export async function voucherSigned(
  context: FacilitatorContext,
  config: ChannelConfig,
  voucher: Pick<Voucher, 'channelId' | 'maxClaimableAmount' | 'signature'>,
): Promise<boolean> {
  const typed = {
    domain: batchDomain(context.preset.chainId),
    types: voucherTypes,
    primaryType: 'Voucher',
    message: { channelId: voucher.channelId, maxClaimableAmount: voucher.maxClaimableAmount },
  } as const
  if (config.payerAuthorizer !== zeroAddress) {
    try {
      return same(
        await recoverTypedDataAddress({ ...typed, signature: voucher.signature }),
        config.payerAuthorizer,
      )
    } catch {
      return false
    }
  }
  try {
    return await context.publicClient.verifyTypedData({
      ...typed,
      address: config.payer,
      signature: voucher.signature,
    })
  } catch {
    return false
  }
}
