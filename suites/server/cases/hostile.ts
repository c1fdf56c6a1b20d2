/**
 * Hostile payments, one defect each, each from a fresh funded payer (scheme_exact_evm.md "Verification
 * Logic", spec §6.1.2): whatever the defect, the resource is not delivered, no money moves, and the
 * answer is 402 (a payment that fails verification).
 */
import { info } from '../../../harness/model/expect.ts'
import { serverCase } from '../case.ts'
import { isDelivery } from '../verdicts.ts'
import { corrupt, expectPaymentRefused, priceOf, strangerAccount, strangerAddress } from './shared.ts'

export const hostileCases = [
  serverCase({
    id: 'server.payment.underpayment',
    title: 'An authorization for less than the price buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-8'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay({ authorization: { value: priceOf(context) - 1n } })
      await expectPaymentRefused(context, payer, payment, 'underpayment')
    },
  }),

  serverCase({
    id: 'server.payment.overpayment',
    title: 'In v2 an authorization for more than the price buys nothing (exact means exact)',
    versions: [2],
    requirements: ['RS-15', 'RS-18', 'FA-34'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay({ authorization: { value: priceOf(context) + 1n } })
      await expectPaymentRefused(context, payer, payment, 'overpayment')
    },
  }),

  serverCase({
    id: 'server.payment.overpayment-v1',
    title: 'A v1 overpayment is either refused or settled for exactly the signed value (recorded)',
    versions: [1],
    requirements: ['FA-35', 'RS-36'],
    level: 'MUST',
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

  serverCase({
    id: 'server.payment.insufficient-balance',
    title: 'A payer without the funds buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-7'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer({ usdc: priceOf(context) - 1n })
      await expectPaymentRefused(context, payer, await payer.pay(), 'insufficient balance')
    },
  }),

  serverCase({
    id: 'server.authorization.expired',
    title: 'An authorization whose validBefore has passed buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-9'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const now = await context.devnet.now()
      const payment = await payer.pay({ authorization: { validAfter: now - 600n, validBefore: now - 60n } })
      await expectPaymentRefused(context, payer, payment, 'expired authorization')
    },
  }),

  serverCase({
    id: 'server.authorization.not-yet-valid',
    title: 'An authorization whose validAfter is in the future buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-46'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const now = await context.devnet.now()
      const payment = await payer.pay({
        authorization: { validAfter: now + 3600n, validBefore: now + 7200n },
      })
      await expectPaymentRefused(context, payer, payment, 'authorization not yet valid')
    },
  }),

  serverCase({
    id: 'server.authorization.wrong-payto',
    title: 'An authorization paying someone other than payTo buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-10'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay({ authorization: { to: strangerAddress() } })
      await expectPaymentRefused(context, payer, payment, 'authorization to a stranger')
    },
  }),

  serverCase({
    id: 'server.authorization.wrong-asset',
    title: 'A payment signed for another token buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-49'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const otherToken = strangerAddress()
      const payment = await payer.pay({
        domain: { verifyingContract: otherToken },
        ...(context.version === 2 ? { accepted: { asset: otherToken } } : {}),
      })
      await expectPaymentRefused(context, payer, payment, 'payment in another token')
    },
  }),

  serverCase({
    id: 'server.authorization.wrong-chain',
    title: 'A payment signed for another chain buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-49'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const chainId = context.devnet.preset.chainId === 1 ? 10 : 1
      const payment = await payer.pay({ domain: { chainId } })
      await expectPaymentRefused(context, payer, payment, `signed for chain ${chainId}`)
    },
  }),

  serverCase({
    id: 'server.authorization.wrong-signer',
    title: 'An authorization signed by someone other than from buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-6'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay({ signer: strangerAccount() })
      await expectPaymentRefused(context, payer, payment, 'signed by a stranger')
    },
  }),

  serverCase({
    id: 'server.authorization.corrupted-signature',
    title: 'A payment with a corrupted signature buys nothing',
    versions: [1, 2],
    requirements: ['RS-15', 'RS-18', 'FA-6'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay({ signature: corrupt })
      await expectPaymentRefused(context, payer, payment, 'corrupted signature')
    },
  }),
]
