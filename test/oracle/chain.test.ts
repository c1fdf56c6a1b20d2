/**
 * The chain oracle against a real devnet: balances and deltas, Transfer events by receipt and by
 * address, authorizationState before and after a real transferWithAuthorization, the token's domain,
 * and the verdicts failing on exactly the wrong observations.
 */
import { getAddress, type Hex, parseSignature } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { usdcAbi } from '../../contracts/artifacts/index.ts'
import { type Devnet, type DevnetAccount, startDevnet } from '../../harness/devnet/index.ts'
import { createEvidenceRecorder } from '../../harness/model/evidence.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import {
  checkExactlyOneTransfer,
  checkNoTransfer,
  checkTransactionSucceeded,
  createChainOracle,
  expectExactlyOneTransferFrom,
  expectNoTransferFrom,
} from '../../harness/oracle/index.ts'
import { buildExactPayment, type ExactPayment } from '../../harness/schemes/exact-evm/index.ts'
import type { PaymentRequirementsV2 } from '../../harness/wire/types.ts'

let devnet: Devnet
beforeAll(async () => {
  devnet = await startDevnet()
})
afterAll(async () => {
  await devnet?.stop()
})

/** An honest EIP-3009 payment of `value` from `payer` to `payTo`, signed but not submitted. */
async function signPayment(payer: DevnetAccount, value: bigint, payTo: `0x${string}`): Promise<ExactPayment> {
  const requirements: PaymentRequirementsV2 = {
    scheme: 'exact',
    network: devnet.preset.network,
    amount: value.toString(),
    asset: devnet.usdc,
    payTo,
    maxTimeoutSeconds: 60,
    extra: { ...devnet.preset.eip712 },
  }
  return buildExactPayment({ requirements, payer: payer.account, now: await devnet.now() })
}

/** Submits a signed payment's transferWithAuthorization (account 5 pays the gas) and waits for it. */
async function submit(payment: ExactPayment): Promise<Hex> {
  const a = payment.typedData.message
  const { v, r, s } = parseSignature(payment.signature)
  const hash = await devnet.walletClient(devnet.accounts[5]!).writeContract({
    address: devnet.usdc,
    abi: usdcAbi,
    functionName: 'transferWithAuthorization',
    args: [a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, Number(v), r, s],
  } as never)
  await devnet.publicClient.waitForTransactionReceipt({ hash })
  return hash
}

/** Settles an honest EIP-3009 payment of `value` from a fresh payer to `payTo` directly on chain. */
async function settleDirectly(value: bigint, payTo: `0x${string}`) {
  const payer = await devnet.fundedAccount()
  const payment = await signPayment(payer, value, payTo)
  const hash = await submit(payment)
  return { payer, hash, nonce: payment.typedData.message.nonce as Hex }
}

describe('chain oracle', () => {
  test('sees one transfer by receipt and by address, the balance deltas and the used nonce', async () => {
    const evidence = createEvidenceRecorder()
    const oracle = createChainOracle({ publicClient: devnet.publicClient, token: devnet.usdc, evidence })
    const payTo = getAddress(devnet.accounts[3]!.address)
    const payer = await devnet.fundedAccount()
    const snapshot = await oracle.snapshot({ payer: payer.address, payTo })
    const payment = await signPayment(payer, 1234n, payTo)
    const a = payment.typedData.message
    expect(await oracle.authorizationUsed(payer.address, a.nonce)).toBe(false)
    await expectNoTransferFrom(oracle, payer.address)

    const hash = await submit(payment)

    const tx = await oracle.transaction(hash, 'settlement')
    expect(tx.status).toBe('success')
    expect(tx.transfers).toHaveLength(1)
    expect(tx.transfers[0]).toMatchObject({ from: payer.address, to: payTo, value: 1234n })
    checkTransactionSucceeded(tx)

    const one = await expectExactlyOneTransferFrom(oracle, { from: payer.address, to: payTo, value: 1234n })
    expect(one.transactionHash).toBe(hash)
    expect(await oracle.authorizationUsed(payer.address, a.nonce)).toBe(true)

    const deltas = await snapshot.deltas()
    expect(deltas.find((d) => d.label === 'payer')?.delta).toBe(-1234n)
    expect(deltas.find((d) => d.label === 'payTo')?.delta).toBe(1234n)
    expect(evidence.items.filter((item) => item.kind === 'balance')).toHaveLength(2)
    expect(evidence.items.find((item) => item.kind === 'transaction')).toMatchObject({
      hash,
      status: 'success',
      transfers: [{ from: payer.address, to: payTo, value: '1234' }],
    })

    // The verdicts fail on the wrong amount, the wrong recipient and on money that moved.
    await expect(
      expectExactlyOneTransferFrom(oracle, { from: payer.address, to: payTo, value: 1233n }),
    ).rejects.toThrow(CheckFailure)
    expect(() => checkExactlyOneTransfer(tx.transfers, { to: payer.address, value: 1234n })).toThrow(
      CheckFailure,
    )
    await expect(expectNoTransferFrom(oracle, payer.address)).rejects.toThrow(/money moved/)
  })

  test('counts every transfer: two settlements are not exactly one', async () => {
    const payTo = getAddress(devnet.accounts[4]!.address)
    const first = await settleDirectly(10n, payTo)
    const oracle = createChainOracle({ publicClient: devnet.publicClient, token: devnet.usdc })
    const transfers = await oracle.transfers({ from: first.payer.address })
    expect(transfers).toHaveLength(1)
    const doubled = [...transfers, { ...transfers[0]!, logIndex: 99 }]
    expect(() => checkExactlyOneTransfer(doubled, { to: payTo, value: 10n })).toThrow(/exactly one/)
    expect(() => checkNoTransfer(transfers)).toThrow(CheckFailure)
  })

  test('an unknown hash is missing, not an error; the domain is the token own', async () => {
    const oracle = createChainOracle({ publicClient: devnet.publicClient, token: devnet.usdc })
    const missing = await oracle.transaction(`0x${'ab'.repeat(32)}`)
    expect(missing.status).toBe('missing')
    expect(() => checkTransactionSucceeded(missing)).toThrow(/did not succeed/)
    expect((await oracle.transaction('not-a-hash')).status).toBe('missing')
    expect(await oracle.domain()).toEqual(devnet.preset.eip712)
  })
})
