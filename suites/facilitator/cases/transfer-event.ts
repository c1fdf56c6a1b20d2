/**
 * A settlement is a payment only when it transfers `amount` of `asset` to `payTo` (scheme_exact.md
 * "Transfer correctness"), not when its transaction mines. The devnet's fee-on-transfer token
 * (harness/devnet/fee-token.ts) makes the difference visible: `transferWithAuthorization` of it mines
 * with status success and moves `amount - fee` to payTo. The suite verifies and settles an honest
 * payment in it; any refusal (the asset is not one the target settles, or the settle checked the
 * Transfer event) passes, and `success: true` must name a transaction whose receipt holds the asset's
 * own Transfer(from, payTo, amount) — which, for this token, none does.
 */

import { FEE_TOKEN, fundFeeToken } from '../../../harness/devnet/fee-token.ts'
import { check, skip } from '../../../harness/model/expect.ts'
import { createChainOracle, describeTransfers, matchesTransfer } from '../../../harness/oracle/index.ts'
import { describeAnswer } from '../api.ts'
import { facilitatorCase } from '../context.ts'
import { refs } from '../verdicts.ts'

/** What the payer holds of the fee token: enough for any payment of the suite. */
const FEE_TOKEN_FUNDING = 1_000_000_000n

export const settleTransferEvent = facilitatorCase({
  id: 'facilitator.settle.transfer-event',
  title: 'A settlement that mines but pays payTo less than amount (fee-on-transfer token) is not a success',
  requirements: ['FA-60'],
  tags: ['chain', 'security'],
  async run({ payments, facilitator, devnet, evidence, supported, version }) {
    const network = version === 1 ? devnet.preset.networkV1 : devnet.preset.network
    const kind = supported?.kinds.find(
      (entry) => entry.scheme === 'exact' && entry.x402Version === version && entry.network === network,
    )
    if (kind === undefined)
      skip(`the facilitator lists no exact kind for ${network} at v${version} in /supported`)

    const payer = await payments.payer({ usdc: 0n })
    await fundFeeToken(devnet, payer, FEE_TOKEN_FUNDING)
    const deal = await payments.deal({
      payer,
      terms: { asset: FEE_TOKEN.address, extra: { ...FEE_TOKEN.eip712 } },
      domain: { ...FEE_TOKEN.eip712, verifyingContract: FEE_TOKEN.address },
    })
    const oracle = createChainOracle({
      publicClient: devnet.publicClient,
      token: FEE_TOKEN.address,
      evidence,
    })
    const watch = await oracle.snapshot({ payer: deal.from, payTo: deal.payTo })
    const verified = await facilitator.verify(deal.request, 'verify (fee-on-transfer token)')
    // Settled whatever /verify said: a facilitator that refuses at verify but settles anyway is judged too.
    const answer = await facilitator.settle(deal.request, 'settle (fee-on-transfer token)')
    const settlement = answer.body
    await watch.deltas() // evidence: what moved in the fee token, whatever the answer
    if (settlement?.success !== true) {
      evidence.add({
        kind: 'note',
        text: `the fee-on-transfer settlement was not reported a success (verify: ${describeAnswer(verified)}; settle: ${describeAnswer(answer)})`,
      })
      return
    }
    const mined = await oracle.transaction(settlement.transaction, 'the settlement reported a success')
    const expected = { from: deal.from, to: deal.payTo, value: deal.amount }
    check(
      mined.transfers.some((transfer) => matchesTransfer(transfer, expected)),
      'settle reported success for a transaction that did not transfer amount of the asset to payTo',
      {
        expected: `success false, or a transaction holding Transfer(${deal.from}, ${deal.payTo}, ${deal.amount}) of ${FEE_TOKEN.address}`,
        seen: `success true, transaction ${settlement.transaction} (receipt ${mined.status}): ${describeTransfers(mined.transfers)}`,
        spec: refs('FA-60'),
      },
    )
  },
})
