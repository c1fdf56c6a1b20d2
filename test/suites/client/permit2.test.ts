/**
 * Permit2 `exact` and `upto` in the client suite: the reference client (it pays a Permit2-based offer
 * when no EIP-3009 one is payable) passes both cases; a client that does not pay them skips, naming the
 * offer; the known-bad clients (wrong spender, witness.to, upto facilitator) are caught.
 */
import { defaultSteps } from '../../../harness/reference/client/index.ts'
import { clientCases } from '../../../suites/client/index.ts'
import { describeClientCaseGroup } from './case-group.ts'

/** The reference client's choice with every Permit2-based offer left out (a client without Permit2). */
const eip3009Only: typeof defaultSteps.choose = async (challenge, context) => {
  const offer = await defaultSteps.choose(challenge, context)
  const permit2 = offer?.scheme === 'upto' || offer?.extra?.assetTransferMethod === 'permit2'
  return permit2 ? undefined : offer
}

describeClientCaseGroup({
  title: 'Permit2 cases of the client suite',
  seed: 21,
  caseIds: clientCases.filter((c) => c.id.startsWith('client.permit2.')).map((c) => c.id),
  count: 2,
  skippedBy: {
    title: 'a client that pays only EIP-3009 skips them, naming the offer',
    steps: { choose: eip3009Only },
    label: 'no permit2',
    message: /does not pay (an exact offer with extra.assetTransferMethod|an upto offer)/,
  },
  knownBads: ['permit2-spender-is-permit2', 'permit2-witness-to-self', 'upto-facilitator-is-payto'],
  othersPass: true,
})
