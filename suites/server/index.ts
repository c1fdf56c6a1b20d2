/**
 * The server suite: certifies an x402 resource server (v1 and v2) by playing the paying client, honest
 * and hostile, with the chain and the built-in facilitator's log as the oracle. Its reference
 * implementations are the project's reference servers (harness/reference/server), which `demo` runs.
 */
import { referenceServerTarget } from '../../harness/reference/server/index.ts'
import { defineSuite, type RoleSuite } from '../../harness/runner/suite.ts'
import { serverCases } from './cases/index.ts'
import type { ServerContext } from './context.ts'
import { serverFixture } from './fixture.ts'

export { serverCases } from './cases/index.ts'
export type { ServerContext } from './context.ts'
export { createServerFixture, type ServerFixtureOptions, serverFixture } from './fixture.ts'

/** The server suite as the registry lists it. */
export const serverSuite: RoleSuite<ServerContext> = defineSuite<ServerContext>({
  name: 'server',
  role: 'server',
  fixture: serverFixture,
  cases: serverCases,
  references: [
    // v2 offers Permit2 exact and upto beside EIP-3009, so the demo runs those cases too.
    {
      name: 'server-v2',
      target: referenceServerTarget(2, { overrides: { permit2Kinds: ['exact', 'upto'] } }),
    },
    { name: 'server-v1', target: referenceServerTarget(1) },
  ],
})
