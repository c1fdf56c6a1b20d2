/**
 * `batchSteps` of createFacilitator: a batch-settlement step a known-bad facilitator replaces is
 * replaced only when asked, and the reference (no option) keeps every rule.
 */
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import { createFacilitator, type Facilitator } from '../../harness/facilitator/index.ts'
import {
  type BatchOffer,
  batchRequest,
  depositPayload,
  openChannel,
  voucherPayload,
} from '../../harness/schemes/batch-settlement-evm/build.ts'

describe('createFacilitator batchSteps', () => {
  let devnet: Devnet
  let reference: Facilitator
  let defective: Facilitator
  beforeAll(async () => {
    devnet = await startDevnet({ preset: 'base-sepolia' })
    reference = createFacilitator({ devnet })
    defective = createFacilitator({ devnet, batchSteps: { voucherSignature: async () => true } })
  })
  afterAll(async () => {
    await devnet?.stop()
  })

  test('a replaced voucherSignature step accepts a voucher signed by a stranger; the reference refuses it', async () => {
    const payer = await devnet.fundedAccount({ usdc: 100_000n })
    const offer: BatchOffer = {
      scheme: 'batch-settlement',
      network: devnet.preset.network,
      amount: '1000',
      asset: devnet.usdc,
      payTo: privateKeyToAccount(generatePrivateKey()).address,
      maxTimeoutSeconds: 3600,
      extra: {
        receiverAuthorizer: reference.signer,
        withdrawDelay: 900,
        name: devnet.preset.eip712.name,
        version: devnet.preset.eip712.version,
      },
    }
    const channel = openChannel({ offer, payer: payer.account, chainId: devnet.preset.chainId })
    const deposited = await reference.settle(
      batchRequest(offer, await depositPayload(channel, 10_000n, 1_000n, await devnet.now())),
    )
    expect(deposited).toMatchObject({ success: true, amount: '10000' })
    const stranger = privateKeyToAccount(generatePrivateKey())
    const forged = batchRequest(offer, await voucherPayload(channel, 2_000n, stranger))
    expect(await reference.verify(forged)).toMatchObject({
      isValid: false,
      invalidReason: 'invalid_batch_settlement_evm_voucher_signature',
    })
    expect(await defective.verify(forged)).toMatchObject({ isValid: true, extra: { balance: '10000' } })
  })
})
