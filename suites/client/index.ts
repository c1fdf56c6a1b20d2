/**
 * The client suite: the suite plays the paywalled resource server (honest and hostile) and judges what
 * the client under test signs and sends. Registered in suites/index.ts; `demo` runs it against the
 * project's reference clients (v1 and v2).
 */

import { collectCases } from '../../harness/model/case.ts'
import { referenceClientTarget } from '../../harness/reference/client/index.ts'
import { defineSuite, type RoleSuite } from '../../harness/runner/suite.ts'
import { choiceCases } from './choice.ts'
import type { ClientCaseContext } from './context.ts'
import { extensionCases } from './extensions.ts'
import { createClientFixture } from './fixture.ts'
import { honestCases } from './honest.ts'
import { hostileCases } from './hostile.ts'
import { malformedCases } from './malformed.ts'
import { nonceCases } from './nonce.ts'
import { propertyCases } from './properties.ts'

export type { ClientCaseContext, ClientRun, HonestExchange, ObservedPayment } from './context.ts'
export { type ClientFixtureOptions, createClientFixture } from './fixture.ts'

/** Every client case, in report order. */
export const clientCases = collectCases<ClientCaseContext>(
  honestCases,
  choiceCases,
  extensionCases,
  nonceCases,
  malformedCases,
  hostileCases,
  propertyCases,
)

/** The client suite with a given fixture (the self-test declares the reference client's budget). */
export function clientSuiteWith(fixture = createClientFixture()): RoleSuite<ClientCaseContext> {
  return defineSuite<ClientCaseContext>({
    name: 'client',
    role: 'client',
    fixture,
    cases: clientCases,
    references: [
      { name: 'client-v1', target: referenceClientTarget({ versions: [1], label: 'reference client v1' }) },
      { name: 'client-v2', target: referenceClientTarget({ versions: [2], label: 'reference client v2' }) },
    ],
  })
}

/** The client suite as registered. */
export const clientSuite: RoleSuite<ClientCaseContext> = clientSuiteWith()
