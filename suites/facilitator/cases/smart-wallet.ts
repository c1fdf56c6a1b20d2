/**
 * Smart-wallet payers (ERC-1271; x402-digest §2.8). The spec says nothing about contract wallets, so
 * accepting a valid one is a SHOULD (the reference SDKs do); accepting a signature the wallet itself
 * rejects is a broken MUST (FA-6: the signature must be valid for authorization.from).
 */
import { CheckFailure } from '../../../harness/model/verdict.ts'
import { describeAnswer } from '../api.ts'
import { facilitatorCase } from '../context.ts'
import { expectNoSignerRace } from '../signer-race.ts'
import {
  deltasOf,
  expectNotSettled,
  expectSettled,
  expectVerifyInvalid,
  must,
  reasonsOf,
  refs,
} from '../verdicts.ts'

const WALLET_FUNDS = 100_000n

/** A deployed ERC-1271 wallet's payment, signed by its owner, verifies and settles. */
export const smartWalletValid = facilitatorCase({
  id: 'facilitator.smart-wallet.valid',
  title: "An ERC-1271 smart wallet's payment signed by its owner is valid and settles",
  requirements: ['FA-6', 'FA-14'],
  level: 'SHOULD',
  tags: ['chain', 'smart-wallet'],
  async run({ payments, facilitator, chain }) {
    const owner = await payments.payer({ usdc: 0n })
    const wallet = await payments.smartWallet(owner, WALLET_FUNDS)
    const deal = await payments.deal({ payer: owner, authorization: { from: wallet } })
    const verified = await facilitator.verify(deal.request)
    if (verified.body?.isValid !== true) {
      throw new CheckFailure("/verify refused a smart wallet's valid ERC-1271 signature", {
        expected: 'isValid: true',
        seen: describeAnswer(verified),
        spec: refs('FA-6'),
      })
    }
    const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    const settled = await facilitator.settle(deal.request)
    if (settled.body?.success !== true) {
      const deltas = await deltasOf(watch)
      if (deltas.payer === 0n && deltas.payTo === 0n) {
        expectNoSignerRace(settled)
        throw new CheckFailure('/settle did not settle a smart-wallet payment that /verify accepted', {
          expected: 'success: true',
          seen: describeAnswer(settled),
          spec: refs('FA-14'),
        })
      }
    }
    // Once it says success (or money moved), the settlement must be exactly right: a MUST.
    await must(() => expectSettled(settled, deal, watch, chain))
  },
})

/** A signature the wallet does not accept (a stranger's) is refused and never settled. */
export const smartWalletInvalid = facilitatorCase({
  id: 'facilitator.smart-wallet.invalid-signature',
  title:
    "A smart wallet's payment signed by someone the wallet does not accept is refused and settles nothing",
  requirements: ['FA-6', 'FA-16'],
  tags: ['chain', 'smart-wallet', 'hostile'],
  async run({ payments, facilitator, chain, version }) {
    const owner = await payments.payer({ usdc: 0n })
    const stranger = await payments.payer({ usdc: 0n })
    const wallet = await payments.smartWallet(owner, WALLET_FUNDS)
    const deal = await payments.deal({
      payer: owner,
      signer: stranger.account,
      authorization: { from: wallet },
    })
    const refusal = {
      reasons: reasonsOf('FA-6'),
      requirements: ['FA-6'],
      defect: 'a smart-wallet payment signed by a key the wallet does not accept',
    }
    expectVerifyInvalid(await facilitator.verify(deal.request), refusal)
    const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
    await expectNotSettled(
      await facilitator.settle(deal.request),
      watch,
      { ...refusal, requirements: ['FA-6', 'FA-16'] },
      version,
      chain,
    )
  },
})
