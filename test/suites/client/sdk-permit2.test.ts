/**
 * The real published client with upto registered (test/sdk/upto-client-cli.ts: `@x402/fetch` 2.27 with
 * `@x402/evm` 2.27's exact and upto clients, one process per payment) against the client suite's
 * Permit2 cases. Outcomes are pinned in test/sdk/expectations/client-permit2.json, a ratchet like
 * ./sdk.test.ts. `UPDATE_EXPECTATIONS=1` rewrites the file.
 */
import { permit2Cases } from '../../../suites/client/cases/permit2.ts'
import { sdkUptoClientCommand } from '../../sdk/upto-client-cli.ts'
import { describePinnedClients, pinnedCommand } from './pinned.ts'

describePinnedClients({
  title: 'client Permit2 cases against the real SDK client with upto (command adapter)',
  file: new URL('../../sdk/expectations/client-permit2.json', import.meta.url),
  seed: 23,
  timeoutMs: 600_000,
  clients: [
    pinnedCommand(
      '@x402/fetch 2.27 + @x402/evm exact and upto (command)',
      sdkUptoClientCommand(),
      permit2Cases,
    ),
  ],
})
