/**
 * Hostile payments, one defect each, each from a fresh funded payer (scheme_exact_evm.md "Verification
 * Logic", spec §6.1.2): whatever the defect, the resource is not delivered, no money moves, and the
 * answer is 402 (a payment that fails verification).
 */
import type { PaymentDefects } from '../../../harness/actors/payer.ts'
import { info } from '../../../harness/model/expect.ts'
import { serverCase } from '../case.ts'
import type { ServerContext } from '../context.ts'
import { isDelivery } from '../verdicts.ts'
import { corrupt, expectPaymentRefused, priceOf, strangerAccount, strangerAddress } from './shared.ts'

/** One hostile payment: what it is, the facilitator rule it breaks, and the one defect it carries. */
interface HostilePayment {
  id: string
  title: string
  versions?: (1 | 2)[]
  /** The facilitator requirement the defect breaks (besides RS-15 and RS-18, which every row cites). */
  breaks: string
  /** The label of the request in the evidence. */
  label: string | ((context: ServerContext) => string)
  /** The payer's funds, when not the default. */
  fund?: (context: ServerContext) => { usdc: bigint }
  defect(context: ServerContext): PaymentDefects | Promise<PaymentDefects>
}

/** The chain id a payment for another chain is signed for. */
const otherChain = (context: ServerContext) => (context.devnet.preset.chainId === 1 ? 10 : 1)

/** An authorization valid from `after` to `before` seconds from the devnet's now. */
async function windowFromNow(context: ServerContext, after: bigint, before: bigint) {
  const now = await context.devnet.now()
  return { authorization: { validAfter: now + after, validBefore: now + before } }
}

const hostilePayments: readonly HostilePayment[] = [
  {
    id: 'server.payment.underpayment',
    title: 'An authorization for less than the price buys nothing',
    breaks: 'FA-8',
    label: 'underpayment',
    defect: (context) => ({ authorization: { value: priceOf(context) - 1n } }),
  },
  {
    id: 'server.payment.overpayment',
    title: 'In v2 an authorization for more than the price buys nothing (exact means exact)',
    versions: [2],
    breaks: 'FA-34',
    label: 'overpayment',
    defect: (context) => ({ authorization: { value: priceOf(context) + 1n } }),
  },
  {
    id: 'server.payment.insufficient-balance',
    title: 'A payer without the funds buys nothing',
    breaks: 'FA-7',
    label: 'insufficient balance',
    fund: (context) => ({ usdc: priceOf(context) - 1n }),
    defect: () => ({}),
  },
  {
    id: 'server.authorization.expired',
    title: 'An authorization whose validBefore has passed buys nothing',
    breaks: 'FA-9',
    label: 'expired authorization',
    defect: (context) => windowFromNow(context, -600n, -60n),
  },
  {
    id: 'server.authorization.not-yet-valid',
    title: 'An authorization whose validAfter is in the future buys nothing',
    breaks: 'FA-46',
    label: 'authorization not yet valid',
    defect: (context) => windowFromNow(context, 3600n, 7200n),
  },
  {
    id: 'server.authorization.wrong-payto',
    title: 'An authorization paying someone other than payTo buys nothing',
    breaks: 'FA-10',
    label: 'authorization to a stranger',
    defect: () => ({ authorization: { to: strangerAddress() } }),
  },
  {
    id: 'server.authorization.wrong-asset',
    title: 'A payment signed for another token buys nothing',
    breaks: 'FA-49',
    label: 'payment in another token',
    defect: (context) => {
      const otherToken = strangerAddress()
      return {
        domain: { verifyingContract: otherToken },
        ...(context.version === 2 ? { accepted: { asset: otherToken } } : {}),
      }
    },
  },
  {
    id: 'server.authorization.wrong-chain',
    title: 'A payment signed for another chain buys nothing',
    breaks: 'FA-49',
    label: (context) => `signed for chain ${otherChain(context)}`,
    defect: (context) => ({ domain: { chainId: otherChain(context) } }),
  },
  {
    id: 'server.authorization.wrong-signer',
    title: 'An authorization signed by someone other than from buys nothing',
    breaks: 'FA-6',
    label: 'signed by a stranger',
    defect: () => ({ signer: strangerAccount() }),
  },
  {
    id: 'server.authorization.corrupted-signature',
    title: 'A payment with a corrupted signature buys nothing',
    breaks: 'FA-6',
    label: 'corrupted signature',
    defect: () => ({ signature: corrupt }),
  },
]

/** The case of one hostile payment: sent from a fresh funded payer, it must be refused. */
const hostileCase = (row: HostilePayment) =>
  serverCase({
    id: row.id,
    title: row.title,
    versions: row.versions,
    requirements: ['RS-15', 'RS-18', row.breaks],
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer(row.fund?.(context))
      const payment = await payer.pay(await row.defect(context))
      const label = typeof row.label === 'string' ? row.label : row.label(context)
      await expectPaymentRefused(context, payer, payment, label)
    },
  })

export const hostileCases = [
  ...hostilePayments.slice(0, 2).map(hostileCase),
  serverCase({
    id: 'server.payment.overpayment-v1',
    title: 'A v1 overpayment is either refused or settled for exactly the signed value (recorded)',
    versions: [1],
    requirements: ['FA-35', 'RS-36'],
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const value = priceOf(context) + 1n
      const response = await context.request({
        payment: await payer.pay({ authorization: { value } }),
        label: 'overpayment',
      })
      if (isDelivery(response)) {
        await context.expect.exactlyOneTransfer(payer, { value })
        info(
          `the server accepted an overpayment of 1 atomic unit and settled ${value} (v1 "meets or exceeds")`,
        )
      }
      await context.expect.noTransfer(payer)
      info(`the server refused an overpayment with HTTP ${response.status}`)
    },
  }),
  ...hostilePayments.slice(2).map(hostileCase),
]
