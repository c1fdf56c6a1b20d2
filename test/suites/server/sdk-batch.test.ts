/**
 * The real @x402/evm 2.27 batch-settlement server (BatchSettlementEvmScheme behind @x402/express,
 * test/sdk/batch-server.ts) through the server suite's batch cases, with pinned outcomes
 * (test/sdk/expectations/server-batch.json): a ratchet like test/suites/server/sdk.test.ts.
 * X402_WRITE_EXPECTATIONS=1 rewrites the file from this run.
 */
import { describe } from 'vitest'
import { serverCases } from '../../../suites/server/cases/index.ts'
import { SDK_BATCH_SERVER, sdkBatchServerTarget } from '../../sdk/batch-server.ts'
import { testPinnedServer } from './pinned.ts'

const BATCH_CASES = serverCases
  .filter((definition) => definition.tags?.includes('batch'))
  .map((definition) => definition.id)

describe('the published batch-settlement server against the server suite', () => {
  testPinnedServer({
    label: SDK_BATCH_SERVER,
    target: sdkBatchServerTarget(),
    caseIds: BATCH_CASES,
    file: new URL('../../sdk/expectations/server-batch.json', import.meta.url),
    baselineTarget: `server suite batch cases: ${SDK_BATCH_SERVER}, wired to the devnet's built-in facilitator`,
  })
})
