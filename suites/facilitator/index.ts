/**
 * The facilitator suite: certifies any x402 facilitator (POST /verify, POST /settle, GET /supported)
 * with the suite playing the resource server and the chain as the oracle. Its reference implementation
 * is the built-in facilitator.
 *
 *   x402-conformance facilitator http://127.0.0.1:4020 --rpc http://127.0.0.1:8545
 *   x402-conformance facilitator http://127.0.0.1:4020 --start "node my-facilitator.js"
 */
import { collectCases } from '../../harness/model/case.ts'
import { defineSuite } from '../../harness/runner/suite.ts'
import { startBuiltinFacilitator } from './builtin.ts'
import { batchCases } from './cases/batch.ts'
import { batchLifecycleCases } from './cases/batch-lifecycle.ts'
import { settleMalformed, verifyMalformed } from './cases/malformed.ts'
import { settlePending } from './cases/pending.ts'
import { permit2Cases } from './cases/permit2.ts'
import { propertySettledSum, propertySingleFieldMutation } from './cases/properties.ts'
import {
  settleConcurrent,
  settleConcurrentPayers,
  settleDefects,
  settleExpiredAfterVerify,
  settleReplay,
  settleValid,
  settleWithoutVerify,
} from './cases/settle.ts'
import { smartWalletInvalid, smartWalletValid } from './cases/smart-wallet.ts'
import { supportedShape, supportedSigners } from './cases/supported.ts'
import { settleTransferEvent } from './cases/transfer-event.ts'
import { uptoSettledSum } from './cases/upto-property.ts'
import {
  verifyAcceptedDiffers,
  verifyDefects,
  verifyMissingDomain,
  verifyOverpaymentV1,
  verifyPayToCase,
  verifyRefusalStatus,
  verifyUnsupported,
  verifyValid,
  verifyValidBeforeBoundary,
} from './cases/verify.ts'
import type { FacilitatorCaseContext } from './context.ts'
import { facilitatorFixture } from './fixture.ts'

export type { FacilitatorCaseContext } from './context.ts'
export { facilitatorFixture } from './fixture.ts'

/** Every facilitator case, in report order. */
export const facilitatorCases = collectCases<FacilitatorCaseContext>(
  [supportedShape, supportedSigners],
  [verifyValid],
  verifyDefects,
  [
    verifyValidBeforeBoundary,
    verifyOverpaymentV1,
    verifyMissingDomain,
    verifyPayToCase,
    verifyAcceptedDiffers,
    verifyRefusalStatus,
  ],
  verifyUnsupported,
  [verifyMalformed],
  [
    settleValid,
    settleWithoutVerify,
    settleReplay,
    settleConcurrent,
    settleConcurrentPayers,
    settleExpiredAfterVerify,
    settlePending,
    settleTransferEvent,
  ],
  settleDefects,
  [settleMalformed],
  [smartWalletValid, smartWalletInvalid],
  // Before the batch cases: their clock jumps take the devnet's case gate exclusively, and a case
  // queued behind them spends its timeout waiting.
  permit2Cases,
  [uptoSettledSum],
  [propertySingleFieldMutation, propertySettledSum],
  batchCases,
  batchLifecycleCases,
)

/** The facilitator suite, with the built-in facilitator as its reference implementation. */
export const facilitatorSuite = defineSuite<FacilitatorCaseContext>({
  name: 'facilitator',
  role: 'facilitator',
  fixture: facilitatorFixture,
  cases: facilitatorCases,
  references: [
    {
      name: 'facilitator-builtin',
      target: {
        kind: 'in-process',
        label: 'built-in facilitator',
        create: (environment) => startBuiltinFacilitator(environment),
      },
    },
  ],
})
