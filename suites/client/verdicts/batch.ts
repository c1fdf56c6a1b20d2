/**
 * Verdicts on a client's `batch-settlement` payments (scheme_batch_settlement_evm.md "Client: Payment
 * Construction", CL-41): the channel built from the offer, the voucher signed by the payer authorizer,
 * the ERC-3009 deposit authorized by the payer. Each reads the payload with the scheme module (pinned
 * against the published SDK), never with a reference implementation's code.
 */
import {
  type Address,
  getAddress,
  type Hex,
  isAddressEqual,
  type PublicClient,
  recoverTypedDataAddress,
  zeroAddress,
} from 'viem'
import { ERC3009_DEPOSIT_COLLECTOR_ADDRESS } from '../../../harness/devnet/batch.ts'
import type { EvidenceRecorder } from '../../../harness/model/evidence.ts'
import { check, checkEqual, show } from '../../../harness/model/expect.ts'
import {
  batchDomain,
  type ChannelConfig,
  channelIdOf,
  type Voucher,
  voucherTypes,
} from '../../../harness/schemes/batch-settlement-evm/channel.ts'
import { depositTypedData } from '../../../harness/schemes/batch-settlement-evm/deposit.ts'
import { verifyAuthorizationSignature } from '../../../harness/schemes/exact-evm/eip3009.ts'
import { isRecord } from '../../../harness/wire/fields.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { specRefs } from '../../spec-refs.ts'

const spec = () => specRefs('CL-41')

/**
 * The channel config is the offer's terms (receiver, receiver authorizer, token, withdraw delay) for
 * the paying account, and the voucher names its EIP-712 id. Returns the channel id.
 */
export function expectChannelFromOffer(
  config: ChannelConfig,
  voucher: Pick<Voucher, 'channelId'>,
  offer: PaymentRequirementsV2,
  payer: Address | undefined,
  chainId: number,
): Hex {
  const extra = offer.extra as { receiverAuthorizer: string; withdrawDelay: number }
  const mapping: [string, string | number, string | number][] = [
    ['receiver (payTo)', config.receiver, offer.payTo],
    ['receiverAuthorizer (extra.receiverAuthorizer)', config.receiverAuthorizer, extra.receiverAuthorizer],
    ['token (asset)', config.token, offer.asset],
    ['withdrawDelay (extra.withdrawDelay)', config.withdrawDelay, extra.withdrawDelay],
  ]
  for (const [field, seen, expected] of mapping) {
    const same =
      typeof seen === 'string' && typeof expected === 'string'
        ? getAddress(seen) === getAddress(expected)
        : seen === expected
    check(same, `channelConfig.${field.split(' ')[0]} is not the offer's`, {
      expected: `${field}: ${show(expected)}`,
      seen: show(seen),
      spec: spec(),
    })
  }
  if (payer !== undefined)
    check(isAddressEqual(config.payer, payer), 'channelConfig.payer is not the paying account', {
      expected: payer,
      seen: config.payer,
      spec: spec(),
    })
  const channelId = channelIdOf(config, chainId)
  checkEqual(
    voucher.channelId.toLowerCase(),
    channelId.toLowerCase(),
    'voucher.channelId is not the EIP-712 hash of channelConfig',
    { spec: spec() },
  )
  return channelId
}

/** The voucher is an EIP-712 Voucher by the payer authorizer, or (authorizer 0) the payer's own scheme (EIP-1271 too). */
export async function expectVoucherSignedBy(
  client: PublicClient,
  evidence: EvidenceRecorder,
  config: ChannelConfig,
  channelId: Hex,
  voucher: Pick<Voucher, 'maxClaimableAmount' | 'signature'>,
  chainId: number,
): Promise<void> {
  const voucherTyped = {
    domain: batchDomain(chainId),
    types: voucherTypes,
    primaryType: 'Voucher' as const,
    message: { channelId, maxClaimableAmount: voucher.maxClaimableAmount },
  }
  const byPayer = isAddressEqual(config.payerAuthorizer, zeroAddress)
  const voucherSigner = byPayer ? config.payer : config.payerAuthorizer
  const voucherValid = byPayer
    ? await client
        .verifyTypedData({ ...voucherTyped, address: config.payer, signature: voucher.signature })
        .catch(() => false)
    : await recoverTypedDataAddress({ ...voucherTyped, signature: voucher.signature })
        .then((recovered) => isAddressEqual(recovered, config.payerAuthorizer))
        .catch(() => false)
  evidence.add({
    kind: 'typed-data',
    label: 'the first voucher',
    signer: voucherSigner,
    domain: { ...voucherTyped.domain },
    primaryType: 'Voucher',
    message: { channelId, maxClaimableAmount: `${voucher.maxClaimableAmount}` },
    signature: voucher.signature,
  })
  check(voucherValid, "the voucher signature is not the payer authorizer's", {
    expected: `an EIP-712 Voucher signature by ${voucherSigner}`,
    seen: voucher.signature,
    spec: spec(),
  })
}

/**
 * The deposit carries an ERC-3009 `ReceiveWithAuthorization` by the payer to the deposit collector of
 * the deposit amount, its nonce bound to the channel (keccak256(channelId, salt)).
 */
export async function expectDepositAuthorized(
  depositJson: { authorization?: unknown },
  config: ChannelConfig,
  channelId: Hex,
  depositAmount: bigint,
  token: { name: string; version: string; chainId: number; asset: Address },
): Promise<void> {
  const authorization = isRecord(depositJson.authorization)
    ? depositJson.authorization.erc3009Authorization
    : undefined
  check(isRecord(authorization), 'the deposit carries no erc3009Authorization', {
    expected:
      'deposit.authorization.erc3009Authorization (the offer names no assetTransferMethod: eip3009 is the default)',
    seen: show(depositJson.authorization),
    spec: spec(),
  })
  const { validAfter, validBefore, salt, signature } = authorization
  const typed = depositTypedData(config, channelId, {
    ...token,
    amount: depositAmount,
    validAfter: BigInt(String(validAfter)),
    validBefore: BigInt(String(validBefore)),
    salt: BigInt(String(salt)),
  })
  // EOA payers (the suite's accounts): recovery; the deposit landing on chain covers the rest.
  const verdict = await verifyAuthorizationSignature(typed, String(signature) as Hex)
  check(
    verdict.valid,
    'the ERC-3009 deposit authorization is not a valid receiveWithAuthorization by the payer',
    {
      expected: `ReceiveWithAuthorization from ${config.payer} to the deposit collector ${ERC3009_DEPOSIT_COLLECTOR_ADDRESS} of ${depositAmount}, nonce keccak256(channelId, salt)`,
      seen: show(authorization),
      spec: spec(),
    },
  )
}
