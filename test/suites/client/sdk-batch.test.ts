/**
 * The real published batch-settlement client (test/sdk/batch-client-cli.ts: `@x402/fetch` 2.27 with
 * `@x402/evm` 2.27's BatchSettlementEvmScheme, channel records in the SDK's file storage, one process
 * per payment as `x402-conformance client --start` runs it) against the client suite's batch-settlement
 * cases. Outcomes are pinned in test/sdk/expectations/client-batch.json, a ratchet like
 * ./sdk.test.ts: an unexpected failure and an unexpected pass both fail. `UPDATE_EXPECTATIONS=1`
 * rewrites the file.
 */
import { batchCases } from '../../../suites/client/cases/batch.ts'
import { sdkBatchClientCommand } from '../../sdk/batch-client-cli.ts'
import { describePinnedClients, pinnedCommand } from './pinned.ts'

describePinnedClients({
  title: 'client batch-settlement cases against the real SDK batch client (command adapter)',
  file: new URL('../../sdk/expectations/client-batch.json', import.meta.url),
  seed: 17,
  timeoutMs: 600_000,
  clients: [
    pinnedCommand(
      '@x402/fetch 2.27 + @x402/evm batch-settlement (command)',
      sdkBatchClientCommand(),
      batchCases,
    ),
  ],
})
