/**
 * Payments the facilitator suite sends, playing the resource server: requirements for the devnet's
 * USDC, fresh funded payers, and signed `exact` payments (harness/schemes/exact-evm/payment.ts) that are honest or carry
 * exactly one defect. Also the on-chain moves a case needs around a payment: using its nonce, cancelling
 * it, and a deployed ERC-1271 smart wallet to pay from.
 */
import { type Address, getAddress, type Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { smartWalletAbi, smartWalletBytecode, usdcAbi } from '../../contracts/artifacts/index.ts'
import { waitForReceipt } from '../../harness/devnet/receipt.ts'
import type { Devnet, DevnetAccount, FundOptions } from '../../harness/devnet/types.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import { type Authorization, signCancelAuthorization } from '../../harness/schemes/exact-evm/eip3009.ts'
import {
  buildExactPayment,
  type ExactPayment,
  type ExactPaymentOptions,
  exactDomain,
  V1_VALID_AFTER_SKEW_SECONDS,
} from '../../harness/schemes/exact-evm/payment.ts'
import type {
  ExactEvmPayload,
  FacilitatorRequest,
  PaymentRequirements,
  PaymentRequirementsV1,
  PaymentRequirementsV2,
  X402Version,
} from '../../harness/wire/types.ts'
import { requirementsIn } from '../requirements.ts'

/** What the suite's resource server asks for; every field has a default for the devnet. */
export interface PaymentTerms {
  /** Atomic units. Default {@link DEFAULT_AMOUNT}. */
  amount?: bigint
  /** Default: a fresh address (so balance changes belong to this case alone). */
  payTo?: Address
  /** Default 300. */
  maxTimeoutSeconds?: number
  /** Default the devnet's USDC. */
  asset?: Address
  /** Default the devnet's network in the version's format (v1 name, v2 CAIP-2). */
  network?: string
  /** Default `exact`. */
  scheme?: string
  /** Default the token's EIP-712 domain `{name, version}`; `null` leaves `extra` out. */
  extra?: Record<string, unknown> | null
}

/** One payment as sent: who pays whom, the requirements, the signed payload and the request body. */
export interface Deal {
  version: X402Version
  /** The key that signed (for a smart wallet, its owner). Funded unless the case said otherwise. */
  payer: DevnetAccount
  /** `authorization.from` as signed (the payer's address, or a smart wallet's). */
  from: Address
  payTo: Address
  /** The amount the requirements ask for. */
  amount: bigint
  requirements: PaymentRequirements
  payment: ExactPayment
  /** The /verify and /settle body. */
  request: FacilitatorRequest
  /** The authorization as sent on the wire, as bigints. */
  authorization: Authorization
}

/** How to build a deal: the terms, the payer, and any override of the signed payment. */
export interface DealOptions extends Omit<ExactPaymentOptions, 'requirements' | 'payer'> {
  terms?: PaymentTerms
  /** Default: a fresh funded account. */
  payer?: DevnetAccount
  /** Funding of the fresh payer (default 100 USDC and 10 ETH). */
  fund?: FundOptions
  /** Changes the request body after signing (a mismatched `accepted`, a wrong version...). */
  patch?: (request: FacilitatorRequest) => void
}

/** The payment side of a facilitator case. */
export interface Payments {
  version: X402Version
  /** A fresh funded account. */
  payer(fund?: FundOptions): Promise<DevnetAccount>
  /** A fresh address nobody controls: a payTo whose balance only this case changes. */
  payee(): Address
  /** Requirements of this case's version. */
  requirements(terms?: PaymentTerms): PaymentRequirements
  /** A signed payment (honest unless `options` says otherwise), its typed data recorded as evidence. */
  deal(options?: DealOptions): Promise<Deal>
  /**
   * Now (seconds) by both clocks a facilitator may use: the latest block's timestamp and the wall
   * clock. They drift apart when a case moves the devnet clock (`increaseTime`), so a payment that must
   * be expired for every facilitator ends before `earliest`, and one that must still be valid lasts past
   * `latest`; honest payments are built that way.
   */
  clock(): Promise<Clock>
  /** Uses the authorization's nonce on chain: the suite itself submits `transferWithAuthorization`. */
  spendOnChain(deal: Deal): Promise<void>
  /** Cancels the authorization on chain: the payer signs `CancelAuthorization` and the suite submits it. */
  cancelOnChain(deal: Deal): Promise<void>
  /** Deploys an ERC-1271 smart wallet owned by `owner` and funds it with `usdc`. */
  smartWallet(owner: DevnetAccount, usdc: bigint): Promise<Address>
}

/** The two clocks a facilitator may judge time by. */
export interface Clock {
  /** min(latest block timestamp, wall clock) */
  earliest: bigint
  /** max(latest block timestamp, wall clock) */
  latest: bigint
}

/** The amount a case pays unless it says otherwise: 0.001 USDC, as the reference examples charge. */
export const DEFAULT_AMOUNT = 1000n

/** The payments of one case run at `version`. */
export function payments(devnet: Devnet, version: X402Version, evidence: EvidenceRecorder): Payments {
  const requirements = (terms: PaymentTerms = {}): PaymentRequirements => {
    const extra = terms.extra === null ? undefined : (terms.extra ?? { ...devnet.preset.eip712 })
    return requirementsIn(
      version,
      devnet.preset,
      {
        scheme: terms.scheme ?? 'exact',
        network: terms.network,
        amount: (terms.amount ?? DEFAULT_AMOUNT).toString(),
        asset: terms.asset ?? devnet.usdc,
        payTo: terms.payTo ?? freshAddress(),
        maxTimeoutSeconds: terms.maxTimeoutSeconds ?? 300,
        extra,
      },
      {
        resource: 'http://127.0.0.1/x402-conformance/resource',
        description: 'x402-conformance facilitator suite',
      },
    )
  }

  // A submitter for the suite's own transactions, so they never touch the payer's or facilitator's nonce.
  const submitter = async () => devnet.walletClient(await devnet.fundedAccount({ usdc: 0n }))

  const self: Payments = {
    version,
    payer: (fund) => devnet.fundedAccount(fund),
    payee: freshAddress,
    requirements,
    async clock() {
      const block = await devnet.publicClient.getBlock({ blockTag: 'latest' })
      const wall = BigInt(Math.floor(Date.now() / 1000))
      return block.timestamp < wall
        ? { earliest: block.timestamp, latest: wall }
        : { earliest: wall, latest: block.timestamp }
    },
    async deal(options = {}) {
      const { terms, payer: given, fund, patch, ...overrides } = options
      const payer = given ?? (await devnet.fundedAccount(fund))
      const wanted = requirements(terms)
      // The reference clients' window (v1 validAfter = now - 600; v2 0; validBefore = now + timeout),
      // wide enough to hold by either clock.
      const { earliest, latest } = await self.clock()
      const window = {
        validAfter: version === 1 ? earliest - V1_VALID_AFTER_SKEW_SECONDS : 0n,
        validBefore: latest + BigInt(wanted.maxTimeoutSeconds),
      }
      // Sign against the requirements the client would see, with a domain derivable even when the
      // terms are broken on purpose (unsupported network, no extra): the token's own domain by default.
      const payment = await buildExactPayment({
        requirements: wanted,
        x402Version: version,
        payer: payer.account,
        now: latest,
        chainId: overrides.chainId ?? devnet.preset.chainId,
        ...overrides,
        authorization: { ...window, ...overrides.authorization },
        domain: { ...devnet.preset.eip712, verifyingContract: devnet.usdc, ...overrides.domain },
      })
      evidence.add(payment.evidence)
      const request = {
        x402Version: version,
        paymentPayload: structuredClone(payment.payload),
        paymentRequirements: structuredClone(wanted),
      } as FacilitatorRequest
      patch?.(request)
      const wire = (request.paymentPayload.payload as ExactEvmPayload).authorization
      return {
        version,
        payer,
        from: getAddress(wire.from),
        payTo: getAddress(wanted.payTo),
        amount: BigInt(
          version === 1
            ? (wanted as PaymentRequirementsV1).maxAmountRequired
            : (wanted as PaymentRequirementsV2).amount,
        ),
        requirements: wanted,
        payment,
        request,
        authorization: {
          from: getAddress(wire.from),
          to: getAddress(wire.to),
          value: BigInt(wire.value),
          validAfter: BigInt(wire.validAfter),
          validBefore: BigInt(wire.validBefore),
          nonce: wire.nonce as Hex,
        },
      }
    },
    async spendOnChain(deal) {
      const { from, to, value, validAfter, validBefore, nonce } = deal.authorization
      const wallet = await submitter()
      const hash = await wallet.writeContract({
        address: devnet.usdc,
        abi: usdcAbi,
        functionName: 'transferWithAuthorization',
        args: [from, to, value, validAfter, validBefore, nonce, deal.payment.signature],
      })
      await mined(devnet, hash, 'the suite could not use the nonce on chain')
    },
    async cancelOnChain(deal) {
      const domain = exactDomain(deal.requirements, devnet.preset.chainId)
      const cancel = { authorizer: deal.from, nonce: deal.authorization.nonce }
      const signature = await signCancelAuthorization(deal.payer.account, domain, cancel)
      const wallet = await submitter()
      const hash = await wallet.writeContract({
        address: devnet.usdc,
        abi: usdcAbi,
        functionName: 'cancelAuthorization',
        args: [cancel.authorizer, cancel.nonce, signature],
      })
      await mined(devnet, hash, 'the suite could not cancel the authorization on chain')
    },
    async smartWallet(owner, usdc) {
      const hash = await devnet.walletClient(owner).deployContract({
        abi: smartWalletAbi,
        bytecode: smartWalletBytecode,
        args: [owner.address],
      })
      const receipt = await waitForReceipt(devnet.publicClient, hash)
      if (receipt.status !== 'success' || !receipt.contractAddress)
        throw new Error('SmartWallet was not deployed')
      const wallet = getAddress(receipt.contractAddress)
      if (usdc > 0n) await devnet.mint(wallet, usdc)
      return wallet
    },
  }
  return self
}

/** A fresh address with no history (its key is thrown away). */
export function freshAddress(): Address {
  return privateKeyToAccount(generatePrivateKey()).address
}

async function mined(devnet: Devnet, hash: Hex, failure: string): Promise<void> {
  const receipt = await waitForReceipt(devnet.publicClient, hash)
  if (receipt.status !== 'success') throw new Error(`${failure} (transaction ${hash} reverted)`)
}
