/**
 * Settlement that is not a payment (FA-60), on a real devnet: the fee-on-transfer token is placed and
 * holdable, the built-in facilitator refuses its settlement with invalid_exact_evm_transfer_event_mismatch
 * (the transaction mined: payTo got amount - fee), facilitator.settle.transfer-event passes against the
 * built-in facilitator and fails the known-bad that trusts receipt.status.
 */
import { getAddress } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FEE_TOKEN, feeOf, feeTokenBalance, fundFeeToken } from '../../../harness/devnet/fee-token.ts'
import { createFacilitator } from '../../../harness/facilitator/index.ts'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { buildExactPayment } from '../../../harness/schemes/exact-evm/payment.ts'
import type { PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import { startBuiltinFacilitator } from '../../../suites/facilitator/builtin.ts'
import { knownBadTarget } from '../../known-bad/facilitator/index.ts'
import { trustsReceiptStatus } from '../../known-bad/facilitator/trusts-receipt-status.ts'
import { runFacilitatorSuite } from './run.ts'

const CASE = 'facilitator.settle.transfer-event'

let started: StartedEnvironment
beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 20_261_203 })
}, 120_000)
afterAll(async () => {
  await started?.stop()
})

describe('the fee-on-transfer token on the devnet', () => {
  test('sits at its fixed address with its EIP-712 domain, and a funded account holds it', async () => {
    const { devnet } = started.environment
    const code = await devnet.publicClient.getCode({ address: FEE_TOKEN.address })
    expect(code?.length ?? 0).toBeGreaterThan(2)
    const account = await devnet.fundedAccount({ usdc: 0n })
    await fundFeeToken(devnet, account, 5000n)
    expect(await feeTokenBalance(devnet, account.address)).toBe(5000n)
    expect(feeOf(1000n)).toBe(10n)
  })

  test('the built-in facilitator verifies it, settles it on chain and refuses the result', async () => {
    const { devnet } = started.environment
    const facilitator = createFacilitator({ devnet })
    const payer = await devnet.fundedAccount({ usdc: 0n })
    await fundFeeToken(devnet, payer, 5000n)
    const payTo = getAddress(`0x${'7e'.repeat(20)}`)
    const requirements: PaymentRequirementsV2 = {
      scheme: 'exact',
      network: devnet.preset.network,
      amount: '1000',
      asset: FEE_TOKEN.address,
      payTo,
      maxTimeoutSeconds: 300,
      extra: { ...FEE_TOKEN.eip712 },
    }
    const payment = await buildExactPayment({
      requirements,
      x402Version: 2,
      payer: payer.account,
      now: await devnet.now(),
      chainId: devnet.preset.chainId,
      domain: { ...FEE_TOKEN.eip712, verifyingContract: FEE_TOKEN.address },
    })
    const request = { x402Version: 2, paymentPayload: payment.payload, paymentRequirements: requirements }
    expect(await facilitator.verify(request)).toMatchObject({ isValid: true })
    const settlement = await facilitator.settle(request)
    expect(settlement).toMatchObject({
      success: false,
      errorReason: 'invalid_exact_evm_transfer_event_mismatch',
    })
    // It mined: payTo received the amount less the token's fee, which is why success would be a lie.
    expect(await feeTokenBalance(devnet, payTo)).toBe(1000n - feeOf(1000n))
  })
})

describe(`${CASE} against the built-in facilitator and its known-bad`, () => {
  test('the built-in facilitator passes at v1 and v2', async () => {
    const run = await runFacilitatorSuite(
      {
        kind: 'in-process',
        label: 'built-in',
        create: (environment) => startBuiltinFacilitator(environment),
      },
      started.environment,
      { cases: [CASE] },
    )
    expect(run.outcomes).toEqual({ [`${CASE}@v1`]: 'pass', [`${CASE}@v2`]: 'pass' })
  })

  test('the facilitator that trusts receipt.status fails at v1 and v2', async () => {
    const run = await runFacilitatorSuite(knownBadTarget(trustsReceiptStatus), started.environment, {
      cases: [CASE],
    })
    expect(run.outcomes).toEqual({ [`${CASE}@v1`]: 'fail', [`${CASE}@v2`]: 'fail' })
    for (const result of run.results) expect(result.message).toMatch(/did not transfer amount/)
  })
})
