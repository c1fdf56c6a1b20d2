/**
 * `node scripts/permit2-vectors.ts`: writes test/permit2/vectors/sdk-2.27.json from the real
 * @x402/evm 2.27 (installed package, unmodified): for each case the requirements, the payload its
 * client signs (exact with Permit2, upto), the EIP-712 digest it signed, and the settle calldata its
 * facilitator sends. The harness's own builders must reproduce them (test/permit2/vectors.test.ts).
 * The facilitator runs on a recording signer (no chain): it answers reads as a funded, approved payer
 * would and keeps what is written.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { PaymentPayload, PaymentRequirements } from '@x402/core/types'
import { x402ExactPermit2ProxyABI, x402UptoPermit2ProxyABI } from '@x402/evm'
import { ExactEvmScheme as ExactClient } from '@x402/evm/exact/client'
import { ExactEvmScheme as ExactFacilitator } from '@x402/evm/exact/facilitator'
import { UptoEvmScheme as UptoClient } from '@x402/evm/upto/client'
import { UptoEvmScheme as UptoFacilitator } from '@x402/evm/upto/facilitator'
import { type Address, encodeFunctionData, type Hex, hashTypedData } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

const PAYER_KEY: Hex = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a'
const FACILITATOR: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const PAY_TO: Address = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
const USDC_BASE_SEPOLIA: Address = '0x036CbD53842c5426634e7929541eC2318f3dCF7e'
const USDC_BASE: Address = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913'
const PLAIN_TOKEN: Address = '0xaCA19A78C02920b5212b3084666bf8b15B622bf5'

interface VectorCase {
  name: string
  scheme: 'exact' | 'upto'
  requirements: PaymentRequirements
  /** upto: the amounts settled (one settle call recorded per amount). */
  settleAmounts?: string[]
}

const cases: VectorCase[] = [
  {
    name: 'exact permit2, USDC on Base Sepolia',
    scheme: 'exact',
    requirements: requirements('exact', 'eip155:84532', USDC_BASE_SEPOLIA, '10000', 60),
  },
  {
    name: 'exact permit2, plain token, long timeout',
    scheme: 'exact',
    requirements: requirements('exact', 'eip155:84532', PLAIN_TOKEN, '1', 300),
  },
  {
    name: 'upto, plain token, partial and full settlement',
    scheme: 'upto',
    requirements: requirements('upto', 'eip155:84532', PLAIN_TOKEN, '20000', 300, {
      facilitatorAddress: FACILITATOR,
    }),
    settleAmounts: ['1858', '20000'],
  },
  {
    name: 'upto, USDC on Base',
    scheme: 'upto',
    requirements: requirements('upto', 'eip155:8453', USDC_BASE, '5000000', 120, {
      facilitatorAddress: FACILITATOR,
    }),
    settleAmounts: ['1'],
  },
]

function requirements(
  scheme: string,
  network: `eip155:${number}`,
  asset: Address,
  amount: string,
  maxTimeoutSeconds: number,
  extra: Record<string, unknown> = {},
): PaymentRequirements {
  return {
    scheme,
    network,
    asset,
    amount,
    payTo: PAY_TO,
    maxTimeoutSeconds,
    extra: { assetTransferMethod: 'permit2', ...extra },
  }
}

/** A client signer that keeps the typed data it signed. */
function recordingClientSigner() {
  const account = privateKeyToAccount(PAYER_KEY)
  const signed: Parameters<typeof hashTypedData>[0][] = []
  return {
    signed,
    signer: {
      address: account.address,
      signTypedData: (typedData: Parameters<typeof account.signTypedData>[0]) => {
        signed.push(typedData as Parameters<typeof hashTypedData>[0])
        return account.signTypedData(typedData)
      },
    },
  }
}

/** A facilitator signer without a chain: a funded, approved payer; keeps every write. */
function recordingFacilitatorSigner() {
  const writes: { address: Address; functionName: string; args: readonly unknown[] }[] = []
  const signer = {
    getAddresses: () => [FACILITATOR],
    address: FACILITATOR,
    getCode: async ({ address }: { address: Address }) =>
      address === privateKeyToAccount(PAYER_KEY).address ? '0x' : '0x60',
    readContract: async ({ functionName }: { functionName: string }) =>
      functionName === 'balanceOf' || functionName === 'allowance' ? 2n ** 255n : undefined,
    verifyTypedData: async () => true,
    writeContract: async (call: { address: Address; functionName: string; args: readonly unknown[] }) => {
      writes.push(call)
      return `0x${'ab'.repeat(32)}` as Hex
    },
    sendTransaction: async () => `0x${'ab'.repeat(32)}` as Hex,
    waitForTransactionReceipt: async () => ({ status: 'success' as const, logs: [] }),
    getTransactionCount: async () => 0,
  }
  return { writes, signer }
}

const vectors = []
for (const c of cases) {
  const client = recordingClientSigner()
  const scheme =
    c.scheme === 'exact' ? new ExactClient(client.signer as never) : new UptoClient(client.signer as never)
  const created = await scheme.createPaymentPayload(2, c.requirements as never)
  const payload = { ...created, accepted: c.requirements } as PaymentPayload
  const facilitator = recordingFacilitatorSigner()
  const settles: { amount: string; calldata: Hex; to: Address }[] = []
  for (const amount of c.settleAmounts ?? [c.requirements.amount]) {
    const settler =
      c.scheme === 'exact'
        ? new ExactFacilitator(facilitator.signer as never)
        : new UptoFacilitator(facilitator.signer as never)
    const response = await settler.settle(payload, { ...c.requirements, amount } as never)
    if (!response.success)
      throw new Error(`${c.name}: the SDK did not settle ${amount}: ${response.errorReason}`)
    const write = facilitator.writes.pop()
    if (!write) throw new Error(`${c.name}: no settle call recorded`)
    const abi = c.scheme === 'exact' ? x402ExactPermit2ProxyABI : x402UptoPermit2ProxyABI
    settles.push({
      amount,
      to: write.address,
      calldata: encodeFunctionData({ abi, functionName: write.functionName, args: write.args } as never),
    })
  }
  const typedData = client.signed[0]
  if (!typedData) throw new Error(`${c.name}: nothing signed`)
  vectors.push({
    name: c.name,
    scheme: c.scheme,
    payerPrivateKey: PAYER_KEY,
    requirements: c.requirements,
    payload,
    digest: hashTypedData(typedData),
    settles,
  })
}

const out = fileURLToPath(new URL('../test/permit2/vectors/sdk-2.27.json', import.meta.url))
writeFileSync(
  out,
  `${JSON.stringify({ generator: 'scripts/permit2-vectors.ts', sdk: '@x402/evm 2.27.0', vectors }, null, 2)}\n`,
)
process.stdout.write(`wrote ${vectors.length} vectors to ${out}\n`)
