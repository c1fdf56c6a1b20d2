/**
 * The built-in facilitator's settlement on a real devnet: a valid payment settles exactly once (the
 * chain moved the money once, a second settle fails), concurrent settles of one payment move money
 * once, a failed re-verify sends nothing, and an ERC-1271 smart wallet can pay.
 */
import { type Address, getAddress, type Hex, isHash } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smartWalletAbi, smartWalletBytecode } from '../../contracts/artifacts/index.ts'
import { startDevnet } from '../../harness/devnet/index.ts'
import type { Devnet, DevnetAccount } from '../../harness/devnet/types.ts'
import { eip3009Abi } from '../../harness/facilitator/abi.ts'
import { createFacilitator, type Facilitator, Reason } from '../../harness/facilitator/index.ts'
import { type PaymentSpec, paymentRequest } from './payments.ts'

let devnet: Devnet
let facilitator: Facilitator
const AMOUNT = 2500n

beforeAll(async () => {
  devnet = await startDevnet()
  facilitator = createFacilitator({ devnet })
})
afterAll(async () => {
  await devnet?.stop()
})

const usedOnChain = (from: Address, nonce: Hex) =>
  devnet.publicClient.readContract({
    address: devnet.usdc,
    abi: eip3009Abi,
    functionName: 'authorizationState',
    args: [from, nonce],
  })

/** A fresh payer and a fresh payTo, so balance deltas belong to this test alone. */
async function parties() {
  const [payer, payee] = await Promise.all([devnet.fundedAccount(), devnet.fundedAccount({ usdc: 0n })])
  return { payer, payee }
}

async function balances(...addresses: Address[]) {
  return Promise.all(addresses.map((address) => devnet.usdcBalance(address)))
}

describe.each([1, 2] as const)('settle, x402 v%i', (version) => {
  const network = () => (version === 1 ? devnet.preset.networkV1 : devnet.preset.network)
  const spec = (
    payer: DevnetAccount,
    payee: DevnetAccount,
    extra: Partial<PaymentSpec> = {},
  ): PaymentSpec => ({
    version,
    signer: payer.account,
    payTo: payee.address,
    amount: AMOUNT,
    ...extra,
  })

  it('settles a valid payment once: the transfer is on chain, a second settle fails and moves nothing', async () => {
    const { payer, payee } = await parties()
    const body = await paymentRequest(devnet, spec(payer, payee))
    const [payerBefore, payeeBefore] = await balances(payer.address, payee.address)

    const first = await facilitator.settle(body)
    expect(first).toEqual({
      success: true,
      payer: payer.address,
      transaction: first.transaction,
      network: network(),
    })
    expect(isHash(first.transaction)).toBe(true)
    const receipt = await devnet.publicClient.getTransactionReceipt({ hash: first.transaction as Hex })
    expect(receipt.status).toBe('success')
    expect(receipt.from.toLowerCase()).toBe(facilitator.signer.toLowerCase())
    expect(await usedOnChain(payer.address, body.nonce)).toBe(true)
    expect(await balances(payer.address, payee.address)).toEqual([
      payerBefore! - AMOUNT,
      payeeBefore! + AMOUNT,
    ])

    const second = await facilitator.settle(body)
    expect(second).toEqual({
      success: false,
      errorReason: Reason.nonceUsed,
      payer: payer.address,
      transaction: '',
      network: network(),
    })
    expect(await balances(payer.address, payee.address)).toEqual([
      payerBefore! - AMOUNT,
      payeeBefore! + AMOUNT,
    ])
  })

  it('moves money once when the same payment is settled concurrently', async () => {
    const { payer, payee } = await parties()
    const body = await paymentRequest(devnet, spec(payer, payee))
    const [payerBefore] = await balances(payer.address)
    const answers = await Promise.all(Array.from({ length: 6 }, () => facilitator.settle(body)))
    const successes = answers.filter((answer) => answer.success)
    expect(successes).toHaveLength(1)
    for (const answer of answers.filter((a) => !a.success)) {
      expect(answer).toMatchObject({ success: false, errorReason: Reason.nonceUsed, transaction: '' })
    }
    expect(await balances(payer.address, payee.address)).toEqual([payerBefore! - AMOUNT, AMOUNT])
  })

  it('settles payments of different payers concurrently, each once', async () => {
    const payee = await devnet.fundedAccount({ usdc: 0n })
    const payers = await Promise.all(Array.from({ length: 5 }, () => devnet.fundedAccount()))
    const bodies = await Promise.all(payers.map((payer) => paymentRequest(devnet, spec(payer, payee))))
    const answers = await Promise.all(bodies.map((body) => facilitator.settle(body)))
    expect(answers.map((answer) => answer.success)).toEqual([true, true, true, true, true])
    expect(new Set(answers.map((answer) => answer.transaction)).size).toBe(5)
    expect(await devnet.usdcBalance(payee.address)).toBe(5n * AMOUNT)
  })

  it('settles without a prior verify, and fails an expired payment without sending anything', async () => {
    const { payer, payee } = await parties()
    const now = await devnet.now()
    const body = await paymentRequest(devnet, spec(payer, payee, { validBefore: now - 1n }))
    const signerNonce = await devnet.publicClient.getTransactionCount({ address: facilitator.signer })
    expect(await facilitator.settle(body)).toEqual({
      success: false,
      errorReason: Reason.validBefore,
      payer: payer.address,
      transaction: '',
      network: network(),
    })
    expect(await devnet.publicClient.getTransactionCount({ address: facilitator.signer })).toBe(signerNonce)
    expect(await usedOnChain(payer.address, body.nonce)).toBe(false)
    expect(await balances(payer.address, payee.address)).toEqual([100_000_000n, 0n])
  })

  it('fails a payment whose balance went away after verify, and moves nothing', async () => {
    const { payer, payee } = await parties()
    const body = await paymentRequest(devnet, spec(payer, payee))
    expect((await facilitator.verify(body)).isValid).toBe(true)
    // The payer empties its balance between verify and settle (the front-running of issue #1169).
    const all = await devnet.usdcBalance(payer.address)
    const hash = await devnet.walletClient(payer).writeContract({
      address: devnet.usdc,
      abi: [
        {
          type: 'function',
          name: 'transfer',
          stateMutability: 'nonpayable',
          inputs: [
            { name: 'to', type: 'address' },
            { name: 'value', type: 'uint256' },
          ],
          outputs: [{ type: 'bool' }],
        },
      ],
      functionName: 'transfer',
      args: [devnet.accounts[5]!.address, all],
    })
    await devnet.publicClient.waitForTransactionReceipt({ hash })
    const answer = await facilitator.settle(body)
    expect(answer).toMatchObject({ success: false, errorReason: Reason.funds, transaction: '' })
    expect(await devnet.usdcBalance(payee.address)).toBe(0n)
  })
})

describe('settle, amounts and smart wallets', () => {
  it('v1 settles an overpayment for the signed value (what the payer authorized)', async () => {
    const { payer, payee } = await parties()
    const body = await paymentRequest(devnet, {
      version: 1,
      signer: payer.account,
      payTo: payee.address,
      amount: AMOUNT,
      value: AMOUNT + 7n,
    })
    expect((await facilitator.settle(body)).success).toBe(true)
    expect(await devnet.usdcBalance(payee.address)).toBe(AMOUNT + 7n)
  })

  it('an ERC-1271 smart wallet pays (bytes signature overload), and a stranger cannot sign for it', async () => {
    const owner = await devnet.fundedAccount({ usdc: 0n })
    const payee = await devnet.fundedAccount({ usdc: 0n })
    const deploy = await devnet.walletClient(owner).deployContract({
      abi: smartWalletAbi,
      bytecode: smartWalletBytecode,
      args: [owner.address],
    })
    const { contractAddress } = await devnet.publicClient.waitForTransactionReceipt({ hash: deploy })
    if (!contractAddress) throw new Error('SmartWallet was not deployed')
    const wallet = getAddress(contractAddress)
    await devnet.mint(wallet, 10_000n)

    const stranger = await devnet.fundedAccount({ usdc: 0n })
    const forged = await paymentRequest(devnet, {
      version: 2,
      signer: stranger.account,
      from: wallet,
      payTo: payee.address,
      amount: AMOUNT,
    })
    expect(await facilitator.verify(forged)).toEqual({
      isValid: false,
      invalidReason: Reason.signature,
      payer: wallet,
    })

    for (const version of [1, 2] as const) {
      const body = await paymentRequest(devnet, {
        version,
        signer: owner.account,
        from: wallet,
        payTo: payee.address,
        amount: AMOUNT,
      })
      expect(await facilitator.verify(body)).toEqual({ isValid: true, payer: wallet })
      const settled = await facilitator.settle(body)
      expect(settled).toMatchObject({ success: true, payer: wallet })
      const tx = await devnet.publicClient.getTransaction({ hash: settled.transaction as Hex })
      // The bytes overload, not (v, r, s): selector of transferWithAuthorization(...,bytes).
      expect(tx.input.slice(0, 10)).toBe('0xcf092995')
    }
    expect(await devnet.usdcBalance(payee.address)).toBe(2n * AMOUNT)
    expect(await devnet.usdcBalance(wallet)).toBe(10_000n - 2n * AMOUNT)
  })

  it('an EOA payment is sent in the (v, r, s) form', async () => {
    const { payer, payee } = await parties()
    const body = await paymentRequest(devnet, {
      version: 2,
      signer: payer.account,
      payTo: payee.address,
      amount: 1n,
    })
    const settled = await facilitator.settle(body)
    const tx = await devnet.publicClient.getTransaction({ hash: settled.transaction as Hex })
    expect(tx.input.slice(0, 10)).toBe('0xe3ee160e')
  })
})
