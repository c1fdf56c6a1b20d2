/**
 * Writes test/vectors/schemes/*.json: what the published `@x402/evm` (the version in node_modules)
 * produces for fixed keys, requirements and instants, so the scheme modules under harness/schemes/ are
 * pinned against the SDK and not only against themselves (a judge and a reference built on the same
 * wrong module would agree). Run `node scripts/scheme-vectors.ts` after an SDK upgrade and review the
 * diff; the tests in test/unit/schemes/ check that our builders and readers reproduce every vector.
 * The SDK draws nonces and salts at random: the vectors record them, and our builders are given them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  authorizationTypes,
  BATCH_SETTLEMENT_ADDRESS,
  BATCH_SETTLEMENT_DOMAIN,
  BATCH_SETTLEMENT_SCHEME,
  claimBatchTypes,
  ERC3009_DEPOSIT_COLLECTOR_ADDRESS,
  refundTypes,
  voucherTypes,
} from '@x402/evm'
import {
  computeChannelId,
  createBatchSettlementEIP3009DepositPayload,
  signVoucher,
} from '@x402/evm/batch-settlement/client'
import { ExactEvmScheme } from '@x402/evm/exact/client'
import { ExactEvmSchemeV1 } from '@x402/evm/v1'
import { hashTypedData } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'test', 'vectors', 'schemes')
const sdkVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules', '@x402', 'evm', 'package.json'), 'utf8')) as {
    version: string
  }
).version

/** Anvil's accounts 1 and 2 (public test keys): the payer and a separate voucher signer. */
const payer = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const authorizer = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a')
const NETWORK = 'eip155:84532'
const USDC = '0x036CbD53842c5426634e7929541eC2318f3dCF7e'
const PAY_TO = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const RECEIVER_AUTHORIZER = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
/** The instant every vector is made at (the SDK reads the wall clock). */
const NOW = 1_790_000_000

const bigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)
const write = (name: string, value: unknown) => {
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, name), `${JSON.stringify(value, bigints, 2)}\n`)
  process.stdout.write(`wrote ${join('test', 'vectors', 'schemes', name)}\n`)
}

Date.now = () => NOW * 1000

const exactV2 = {
  scheme: 'exact',
  network: NETWORK,
  amount: '10000',
  asset: USDC,
  payTo: PAY_TO,
  maxTimeoutSeconds: 300,
  extra: { name: 'USDC', version: '2' },
}
const exactV1 = {
  scheme: 'exact',
  network: 'base-sepolia',
  maxAmountRequired: '10000',
  resource: 'http://127.0.0.1:4021/weather',
  description: 'weather',
  mimeType: 'application/json',
  asset: USDC,
  payTo: PAY_TO,
  maxTimeoutSeconds: 60,
  extra: { name: 'USDC', version: '2' },
}
write('exact-evm.json', {
  source: `@x402/evm ${sdkVersion} (scripts/scheme-vectors.ts)`,
  payer: payer.address,
  now: NOW,
  types: { TransferWithAuthorization: authorizationTypes.TransferWithAuthorization },
  payments: [
    {
      name: 'v2',
      x402Version: 2,
      requirements: exactV2,
      payload: (await new ExactEvmScheme(payer).createPaymentPayload(2, exactV2 as never)).payload,
    },
    {
      name: 'v1',
      x402Version: 1,
      requirements: exactV1,
      payload: (await new ExactEvmSchemeV1(payer).createPaymentPayload(1, exactV1 as never)).payload,
    },
  ],
})

const batchOffer = {
  scheme: BATCH_SETTLEMENT_SCHEME,
  network: NETWORK,
  amount: '1000',
  asset: USDC,
  payTo: PAY_TO,
  maxTimeoutSeconds: 300,
  extra: { receiverAuthorizer: RECEIVER_AUTHORIZER, withdrawDelay: 900, name: 'USDC', version: '2' },
}
const channel = (payerAuthorizer: string, salt: `0x${string}`) => ({
  payer: payer.address,
  payerAuthorizer: payerAuthorizer as `0x${string}`,
  receiver: PAY_TO as `0x${string}`,
  receiverAuthorizer: RECEIVER_AUTHORIZER as `0x${string}`,
  token: USDC as `0x${string}`,
  withdrawDelay: 900,
  salt,
})
const configs = [
  channel(payer.address, `0x${'00'.repeat(32)}`),
  channel(authorizer.address, `0x${'ab'.repeat(32)}`),
]
const chainId = 84532
const domain = { ...BATCH_SETTLEMENT_DOMAIN, chainId, verifyingContract: BATCH_SETTLEMENT_ADDRESS }
const channelIds = configs.map((config) => computeChannelId(config, NETWORK))
const refund = { channelId: channelIds[0]!, nonce: 3n, amount: 2500n }
const claims = {
  claims: [
    { channelId: channelIds[0]!, maxClaimableAmount: 5000n, totalClaimed: 4000n },
    { channelId: channelIds[1]!, maxClaimableAmount: 7000n, totalClaimed: 7000n },
  ],
}
write('batch-settlement-evm.json', {
  source: `@x402/evm ${sdkVersion} (scripts/scheme-vectors.ts)`,
  scheme: BATCH_SETTLEMENT_SCHEME,
  chainId,
  network: NETWORK,
  now: NOW,
  addresses: {
    batchSettlement: BATCH_SETTLEMENT_ADDRESS,
    depositCollector: ERC3009_DEPOSIT_COLLECTOR_ADDRESS,
  },
  domain,
  types: { voucher: voucherTypes, refund: refundTypes, claimBatch: claimBatchTypes },
  channels: configs.map((config, index) => ({ config, channelId: channelIds[index] })),
  vouchers: await Promise.all(
    [
      { signer: payer, channel: 0, maxClaimableAmount: '1000' },
      { signer: authorizer, channel: 1, maxClaimableAmount: '340282366920938463463374607431768211455' },
    ].map(async (voucher) => ({
      signer: voucher.signer.address,
      ...(await signVoucher(
        voucher.signer,
        channelIds[voucher.channel]!,
        voucher.maxClaimableAmount,
        NETWORK,
      )),
    })),
  ),
  refund: {
    message: refund,
    hash: hashTypedData({ domain, types: refundTypes, primaryType: 'Refund', message: refund }),
  },
  claimBatch: {
    message: claims,
    hash: hashTypedData({ domain, types: claimBatchTypes, primaryType: 'ClaimBatch', message: claims }),
  },
  deposits: await Promise.all(
    [
      { config: configs[0]!, amount: '5000', maxClaimableAmount: '1000', voucherSigner: undefined },
      { config: configs[1]!, amount: '9000', maxClaimableAmount: '2000', voucherSigner: authorizer },
    ].map(async (deposit) => ({
      offer: batchOffer,
      config: deposit.config,
      amount: deposit.amount,
      maxClaimableAmount: deposit.maxClaimableAmount,
      payload: (
        await createBatchSettlementEIP3009DepositPayload(
          payer,
          2,
          batchOffer as never,
          deposit.config,
          deposit.amount,
          deposit.maxClaimableAmount,
          deposit.voucherSigner,
        )
      ).payload,
    })),
  ),
})
