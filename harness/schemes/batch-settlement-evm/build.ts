/**
 * Building `batch-settlement` payments the way a client does (our own code, no SDK): a channel config,
 * signed cumulative vouchers, an ERC-3009 deposit into the collector, and the /verify-/settle bodies.
 * Used by the facilitator cases and the bench.
 */
import { type Address, type Hex, type LocalAccount, padHex, toHex } from 'viem'
import { randomNonce, signAuthorization } from '../exact-evm/eip3009.ts'
import { batchDomain, type ChannelConfig, channelIdOf, voucherTypes } from './channel.ts'
import { depositTypedData } from './deposit.ts'

/** The v2 requirements of a batch-settlement offer on the devnet. */
export interface BatchOffer {
  scheme: 'batch-settlement'
  network: string
  amount: string
  asset: Address
  payTo: Address
  maxTimeoutSeconds: number
  extra: { receiverAuthorizer: Address; withdrawDelay: number; name: string; version: string }
}

/** A channel a payer opens to an offer's receiver, and what signing for it needs. */
export interface BatchChannel {
  offer: BatchOffer
  config: ChannelConfig
  channelId: Hex
  chainId: number
  payer: LocalAccount
}

/** Makes the channel of `payer` for `offer` (payer is its own payer authorizer unless told). */
export function openChannel(options: {
  offer: BatchOffer
  payer: LocalAccount
  chainId: number
  payerAuthorizer?: Address
  salt?: Hex
}): BatchChannel {
  const config: ChannelConfig = {
    payer: options.payer.address,
    payerAuthorizer: options.payerAuthorizer ?? options.payer.address,
    receiver: options.offer.payTo,
    receiverAuthorizer: options.offer.extra.receiverAuthorizer,
    token: options.offer.asset,
    withdrawDelay: options.offer.extra.withdrawDelay,
    salt: options.salt ?? (randomNonce() as Hex),
  }
  return {
    offer: options.offer,
    config,
    channelId: channelIdOf(config, options.chainId),
    chainId: options.chainId,
    payer: options.payer,
  }
}

/** The wire config (withdrawDelay a number, as the SDK sends it). */
export function wireConfig(config: ChannelConfig): Record<string, unknown> {
  return { ...config }
}

/** A wire voucher of `cumulative`, signed by `signer` (default: the payer). */
export async function signVoucher(
  channel: BatchChannel,
  cumulative: bigint,
  signer: LocalAccount = channel.payer,
): Promise<{ channelId: Hex; maxClaimableAmount: string; signature: Hex }> {
  const signature = await signer.signTypedData({
    domain: batchDomain(channel.chainId),
    types: voucherTypes,
    primaryType: 'Voucher',
    message: { channelId: channel.channelId, maxClaimableAmount: cumulative },
  })
  return { channelId: channel.channelId, maxClaimableAmount: cumulative.toString(), signature }
}

/**
 * A `deposit` payload: `amount` into the channel through the EIP-3009 collector, with a first voucher
 * (signed by the payer unless `voucherSigner`; a fresh random salt unless `salt`).
 */
export async function depositPayload(
  channel: BatchChannel,
  amount: bigint,
  firstVoucher: bigint,
  now: bigint = BigInt(Math.floor(Date.now() / 1000)),
  options: { salt?: bigint; voucherSigner?: LocalAccount } = {},
): Promise<Record<string, unknown>> {
  const salt = options.salt ?? BigInt(randomNonce())
  const validBefore = now + BigInt(channel.offer.maxTimeoutSeconds)
  const typed = depositTypedData(channel.config, channel.channelId, {
    name: channel.offer.extra.name,
    version: channel.offer.extra.version,
    chainId: channel.chainId,
    asset: channel.offer.asset,
    amount,
    validAfter: 0n,
    validBefore,
    salt,
  })
  const signature = await signAuthorization(channel.payer, typed)
  return {
    type: 'deposit',
    channelConfig: wireConfig(channel.config),
    voucher: await signVoucher(channel, firstVoucher, options.voucherSigner),
    deposit: {
      amount: amount.toString(),
      authorization: {
        erc3009Authorization: {
          validAfter: '0',
          validBefore: validBefore.toString(),
          salt: padHex(toHex(salt), { size: 32 }),
          signature,
        },
      },
    },
  }
}

/** A `voucher` payload. */
export async function voucherPayload(channel: BatchChannel, cumulative: bigint, signer?: LocalAccount) {
  return {
    type: 'voucher',
    channelConfig: wireConfig(channel.config),
    voucher: await signVoucher(channel, cumulative, signer),
  }
}

/** One wire claim row `{voucher: {channel, maxClaimableAmount}, signature, totalClaimed}`. */
export function claimRowOf(
  config: ChannelConfig,
  maxClaimableAmount: bigint | string,
  signature: Hex,
  totalClaimed: bigint,
): Record<string, unknown> {
  return {
    voucher: { channel: wireConfig(config), maxClaimableAmount: `${maxClaimableAmount}` },
    signature,
    totalClaimed: `${totalClaimed}`,
  }
}

/** One claim row of a signed voucher of `channel`. */
export function claimRow(
  channel: BatchChannel,
  voucher: { maxClaimableAmount: string; signature: Hex },
  totalClaimed: bigint,
): Record<string, unknown> {
  return claimRowOf(channel.config, voucher.maxClaimableAmount, voucher.signature, totalClaimed)
}

/** The /verify and /settle body of a payload for an offer. */
export function batchRequest(offer: BatchOffer, payload: unknown) {
  return {
    x402Version: 2,
    paymentPayload: { x402Version: 2, accepted: offer, payload },
    paymentRequirements: offer,
  }
}
