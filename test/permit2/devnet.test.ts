/**
 * Permit2 on a real devnet: the contracts at the addresses @x402/evm 2.27 uses, the deterministic
 * accounts funded with the plain ERC-20 and Permit2-approved (all but one), and the SDK's own exact
 * (permit2) and upto client + facilitator paying through them, unmodified.
 */
import type { PaymentPayload, PaymentRequirements } from '@x402/core/types'
import {
  PERMIT2_ADDRESS as SDK_PERMIT2_ADDRESS,
  toFacilitatorEvmSigner,
  x402ExactPermit2ProxyAddress,
  x402UptoPermit2ProxyAddress,
} from '@x402/evm'
import { ExactEvmScheme as ExactClient } from '@x402/evm/exact/client'
import { ExactEvmScheme as ExactFacilitator } from '@x402/evm/exact/facilitator'
import { UptoEvmScheme as UptoClient } from '@x402/evm/upto/client'
import { UptoEvmScheme as UptoFacilitator } from '@x402/evm/upto/facilitator'
import { getAddress, maxUint256, publicActions } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { x402ExactPermit2ProxyAbi } from '../../contracts/artifacts/index.ts'
import { ACCOUNT_ROLES, type Devnet, startDevnet } from '../../harness/devnet/index.ts'
import {
  PERMIT2_ADDRESS,
  PERMIT2_UNAPPROVED_ACCOUNT,
  PLAIN_TOKEN_ADDRESS,
  PLAIN_TOKEN_PER_ACCOUNT,
  permit2Allowance,
  permit2Payer,
  tokenBalance,
  X402_EXACT_PERMIT2_PROXY,
  X402_UPTO_PERMIT2_PROXY,
} from '../../harness/devnet/permit2.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'

const NETWORK = 'eip155:84532'

describe('Permit2 on the devnet', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ preset: 'base-sepolia' })
  })
  afterAll(async () => {
    await devnet?.stop()
  })

  const facilitatorSigner = () => {
    const relayer = devnet.accounts[ACCOUNT_ROLES.facilitator]!
    const client = devnet.walletClient(relayer).extend(publicActions)
    // The SDK's signer type declares loosely typed readContract/writeContract; viem's are generic.
    return toFacilitatorEvmSigner({ ...client, address: relayer.address } as unknown as Parameters<
      typeof toFacilitatorEvmSigner
    >[0])
  }
  const clientSigner = (payer: DevnetAccount) => payer.account

  test('the addresses are the SDK constants and every contract has code', async () => {
    expect(PERMIT2_ADDRESS).toBe(SDK_PERMIT2_ADDRESS)
    expect(X402_EXACT_PERMIT2_PROXY).toBe(x402ExactPermit2ProxyAddress)
    expect(X402_UPTO_PERMIT2_PROXY).toBe(x402UptoPermit2ProxyAddress)
    for (const address of [
      PERMIT2_ADDRESS,
      X402_EXACT_PERMIT2_PROXY,
      X402_UPTO_PERMIT2_PROXY,
      PLAIN_TOKEN_ADDRESS,
    ]) {
      const code = await devnet.publicClient.getCode({ address })
      expect(code?.length ?? 0, address).toBeGreaterThan(2)
    }
    const proxyPermit2 = await devnet.publicClient.readContract({
      address: X402_EXACT_PERMIT2_PROXY,
      abi: x402ExactPermit2ProxyAbi,
      functionName: 'PERMIT2',
    })
    expect(getAddress(proxyPermit2)).toBe(PERMIT2_ADDRESS)
  })

  test('deterministic accounts hold the plain token and approved Permit2, except the unapproved one', async () => {
    for (const [index, account] of devnet.accounts.entries()) {
      expect(await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, account.address)).toBe(PLAIN_TOKEN_PER_ACCOUNT)
      const expected = index === PERMIT2_UNAPPROVED_ACCOUNT ? 0n : maxUint256
      expect(await permit2Allowance(devnet, PLAIN_TOKEN_ADDRESS, account.address), `[${index}] token`).toBe(
        expected,
      )
      expect(await permit2Allowance(devnet, devnet.usdc, account.address), `[${index}] usdc`).toBe(expected)
    }
  })

  const requirementsFor = (scheme: 'exact' | 'upto', amount: string, extra: Record<string, unknown>) =>
    ({
      scheme,
      network: NETWORK,
      amount,
      asset: PLAIN_TOKEN_ADDRESS,
      payTo: devnet.accounts[ACCOUNT_ROLES.payTo]!.address,
      maxTimeoutSeconds: 60,
      extra: { assetTransferMethod: 'permit2', ...extra },
    }) satisfies PaymentRequirements

  test('the SDK pays exact with Permit2 in the plain token through its own facilitator', async () => {
    const payer = await permit2Payer(devnet)
    const requirements = requirementsFor('exact', '12345', {})
    const created = await new ExactClient(clientSigner(payer)).createPaymentPayload(2, requirements)
    const payload: PaymentPayload = {
      ...created,
      accepted: requirements,
      resource: { url: 'http://127.0.0.1/x' },
    }
    const facilitator = new ExactFacilitator(facilitatorSigner())
    const before = await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, requirements.payTo)
    expect(await facilitator.verify(payload, requirements)).toMatchObject({ isValid: true })
    const settled = await facilitator.settle(payload, requirements)
    expect(settled).toMatchObject({ success: true })
    expect(await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, requirements.payTo)).toBe(before + 12345n)
    // Single use: the same payload again fails.
    expect(await facilitator.verify(payload, requirements)).toMatchObject({ isValid: false })
  })

  test('the SDK pays upto with a partial settlement through its own facilitator', async () => {
    const payer = await permit2Payer(devnet)
    const facilitator = new UptoFacilitator(facilitatorSigner())
    const requirements = requirementsFor('upto', '20000', facilitator.getExtra(NETWORK) ?? {})
    const created = await new UptoClient(clientSigner(payer)).createPaymentPayload(2, requirements)
    const payload: PaymentPayload = {
      ...created,
      accepted: requirements,
      resource: { url: 'http://127.0.0.1/x' },
    }
    expect(await facilitator.verify(payload, requirements)).toMatchObject({ isValid: true })
    const before = await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, payer.address)
    const settled = await facilitator.settle(payload, { ...requirements, amount: '1858' })
    expect(settled).toMatchObject({ success: true, amount: '1858' })
    expect(await tokenBalance(devnet, PLAIN_TOKEN_ADDRESS, payer.address)).toBe(before - 1858n)
  })

  test('a payer without the Permit2 approval is told so by the SDK facilitator', async () => {
    const payer = await permit2Payer(devnet, { approve: false })
    const requirements = requirementsFor('exact', '1000', {})
    const created = await new ExactClient(clientSigner(payer)).createPaymentPayload(2, requirements)
    const payload: PaymentPayload = {
      ...created,
      accepted: requirements,
      resource: { url: 'http://127.0.0.1/x' },
    }
    const verdict = await new ExactFacilitator(facilitatorSigner()).verify(payload, requirements)
    expect(verdict).toMatchObject({ isValid: false, invalidReason: 'permit2_allowance_required' })
  })
})
