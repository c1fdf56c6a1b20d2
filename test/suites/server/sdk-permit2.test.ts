/**
 * The real @x402/express 2.27 server offering exact with Permit2 and upto (test/sdk/permit2-server.ts)
 * through the server suite's Permit2 cases, with pinned outcomes
 * (test/sdk/expectations/server-permit2.json): a ratchet like test/suites/server/sdk.test.ts.
 * X402_WRITE_EXPECTATIONS=1 rewrites the file from this run.
 */
import { describe } from 'vitest'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { SDK_PERMIT2_SERVER, sdkPermit2ServerTarget } from '../../sdk/permit2-server.ts'
import { testPinnedServer } from './pinned.ts'

const PERMIT2_CASES = serverCases
  .filter((definition) => definition.id.startsWith('server.permit2.'))
  .map((definition) => definition.id)

describe('the published server offering Permit2 payments against the server suite', () => {
  testPinnedServer({
    label: SDK_PERMIT2_SERVER,
    target: sdkPermit2ServerTarget(),
    caseIds: PERMIT2_CASES,
    file: new URL('../../sdk/expectations/server-permit2.json', import.meta.url),
    baselineTarget: `server suite Permit2 cases: ${SDK_PERMIT2_SERVER}, wired to the devnet's built-in facilitator`,
  })
})
