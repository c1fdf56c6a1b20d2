/** Every server case, by area, in the order a report lists them. */
import { collectCases } from '../../../harness/model/case.ts'
import type { ServerContext } from '../context.ts'
import { acceptedCases } from './accepted.ts'
import { assetContractCases } from './asset-contract.ts'
import { batchCases, batchPropertyCases } from './batch.ts'
import { challengeCases } from './challenge.ts'
import { failureCases } from './failure.ts'
import { flowCases } from './flows.ts'
import { honestCases } from './honest.ts'
import { hostileCases } from './hostile.ts'
import { malformedCases } from './malformed.ts'
import { pathVariantCases } from './path-variants.ts'
import { paymentIdentifierCases } from './payment-identifier.ts'
import { pendingCases } from './pending.ts'
import { permit2Cases } from './permit2.ts'
import { propertyCases } from './properties.ts'
import { refusalCases } from './refusal.ts'
import { replayCases } from './replay.ts'
import { settleAnswerCases } from './settle-answers.ts'
import { unquotedCases } from './unquoted.ts'
import { versionCases } from './version.ts'

export const serverCases = collectCases<ServerContext>(
  challengeCases,
  assetContractCases,
  pathVariantCases,
  honestCases,
  hostileCases,
  refusalCases,
  replayCases,
  acceptedCases,
  unquotedCases,
  versionCases,
  malformedCases,
  failureCases,
  pendingCases,
  flowCases,
  paymentIdentifierCases,
  settleAnswerCases,
  propertyCases,
  batchCases,
  batchPropertyCases,
  permit2Cases,
)
