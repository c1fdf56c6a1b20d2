/**
 * The client suite: the suite plays the paywalled resource server (honest and hostile) and judges what
 * the client under test signs and sends. Registered in suites/index.ts; `demo` runs it against the
 * project's reference clients (v1 and v2).
 */

import { collectCases } from '../../harness/model/case.ts'
import { DEFAULT_CLIENT_BUDGET, referenceClientTarget } from '../../harness/reference/client/index.ts'
import { defineSuite, type RoleSuite } from '../../harness/runner/suite.ts'
import { batchCases } from './cases/batch.ts'
import { choiceCases } from './cases/choice.ts'
import { extensionCases } from './cases/extensions.ts'
import { flowCases } from './cases/flows.ts'
import { honestCases } from './cases/honest.ts'
import { hostileCases } from './cases/hostile.ts'
import { malformedCases } from './cases/malformed.ts'
import { nonceCases } from './cases/nonce.ts'
import { paymentIdentifierCases } from './cases/payment-identifier.ts'
import { permit2Cases } from './cases/permit2.ts'
import { poisonedCases } from './cases/poisoned.ts'
import { propertyCases } from './cases/properties.ts'
import type { ClientCaseContext } from './context.ts'
import { createClientFixture, declaredClientBudgets } from './fixture.ts'

export type { ClientCaseContext, ClientRun, HonestExchange, ObservedPayment } from './context.ts'
export { type ClientFixtureOptions, createClientFixture, declaredClientBudgets } from './fixture.ts'

/** Labels of the reference clients `demo` runs; they keep the default budget of the reference client. */
const REFERENCE_LABELS = { v1: 'reference client v1', v2: 'reference client v2' } as const
for (const label of Object.values(REFERENCE_LABELS)) declaredClientBudgets.set(label, DEFAULT_CLIENT_BUDGET)

/** Every client case, in report order. */
export const clientCases = collectCases<ClientCaseContext>(
  honestCases,
  choiceCases,
  flowCases,
  extensionCases,
  paymentIdentifierCases,
  nonceCases,
  malformedCases,
  hostileCases,
  poisonedCases,
  propertyCases,
  batchCases,
  permit2Cases,
)

/** The client suite with a given fixture (the self-test declares the reference client's budget). */
export function clientSuiteWith(fixture = createClientFixture()): RoleSuite<ClientCaseContext> {
  return defineSuite<ClientCaseContext>({
    name: 'client',
    role: 'client',
    fixture,
    cases: clientCases,
    references: [
      { name: 'client-v1', target: referenceClientTarget({ versions: [1], label: REFERENCE_LABELS.v1 }) },
      { name: 'client-v2', target: referenceClientTarget({ versions: [2], label: REFERENCE_LABELS.v2 }) },
    ],
  })
}

/** The client suite as registered. */
export const clientSuite: RoleSuite<ClientCaseContext> = clientSuiteWith()
