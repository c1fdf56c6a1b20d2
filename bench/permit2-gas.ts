/**
 * `node bench/permit2-gas.ts`: gas of one settlement through the built-in facilitator on the devnet,
 * EIP-3009 exact (USDC) against exact with Permit2 and an upto partial settlement (the plain ERC-20),
 * each the median of a few payments of fresh payers (gasUsed of the settlement receipt).
 */
import { startDevnet } from '../harness/devnet/index.ts'
import { PLAIN_TOKEN_ADDRESS, permit2Payer } from '../harness/devnet/permit2.ts'
import { createFacilitator } from '../harness/facilitator/index.ts'
import { buildExactPayment } from '../harness/schemes/exact-evm/payment.ts'
import { buildExactPermit2Payment } from '../harness/schemes/exact-permit2-evm/index.ts'
import { buildUptoPayment } from '../harness/schemes/upto-evm/index.ts'
import type { PaymentRequirementsV2 } from '../harness/wire/types.ts'

const RUNS = 5
const devnet = await startDevnet()
try {
  const facilitator = createFacilitator({ devnet })
  const payTo = devnet.accounts[3]!.address
  const base = { network: devnet.preset.network, payTo, maxTimeoutSeconds: 60 }
  const gasOf = async (request: unknown): Promise<bigint> => {
    const settled = await facilitator.settle(request)
    if (!settled.success) throw new Error(`settle failed: ${settled.errorReason}`)
    const receipt = await devnet.publicClient.getTransactionReceipt({
      hash: settled.transaction as `0x${string}`,
    })
    return receipt.gasUsed
  }
  const median = (values: bigint[]) =>
    [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[values.length >> 1]!
  const kinds: Record<string, () => Promise<bigint>> = {
    'exact eip3009 (USDC)': async () => {
      const payer = await devnet.fundedAccount()
      const requirements: PaymentRequirementsV2 = {
        ...base,
        scheme: 'exact',
        amount: '1000',
        asset: devnet.usdc,
        extra: { ...devnet.preset.eip712 },
      }
      const { payload } = await buildExactPayment({
        requirements,
        payer: payer.account,
        now: await devnet.now(),
      })
      return gasOf({ x402Version: 2, paymentPayload: payload, paymentRequirements: requirements })
    },
    'exact permit2 (plain ERC-20)': async () => {
      const payer = await permit2Payer(devnet)
      const requirements: PaymentRequirementsV2 = {
        ...base,
        scheme: 'exact',
        amount: '1000',
        asset: PLAIN_TOKEN_ADDRESS,
        extra: { assetTransferMethod: 'permit2' },
      }
      const { payload } = await buildExactPermit2Payment({
        requirements,
        payer: payer.account,
        now: await devnet.now(),
      })
      return gasOf({ x402Version: 2, paymentPayload: payload, paymentRequirements: requirements })
    },
    'upto partial settle (plain ERC-20)': async () => {
      const payer = await permit2Payer(devnet)
      const requirements: PaymentRequirementsV2 = {
        ...base,
        scheme: 'upto',
        amount: '20000',
        asset: PLAIN_TOKEN_ADDRESS,
        extra: { assetTransferMethod: 'permit2', facilitatorAddress: facilitator.signer },
      }
      const { payload } = await buildUptoPayment({
        requirements,
        payer: payer.account,
        now: await devnet.now(),
      })
      return gasOf({
        x402Version: 2,
        paymentPayload: payload,
        paymentRequirements: { ...requirements, amount: '1858' },
      })
    },
  }
  for (const [name, run] of Object.entries(kinds)) {
    const gas: bigint[] = []
    for (let i = 0; i < RUNS; i++) gas.push(await run())
    process.stdout.write(`${name.padEnd(36)} ${median(gas)} gas (median of ${RUNS})\n`)
  }
} finally {
  await devnet.stop()
}
