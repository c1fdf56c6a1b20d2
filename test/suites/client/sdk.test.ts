/**
 * The real published clients through the command adapter (test/sdk/client-cli.ts: one process per
 * payment, exactly as `x402-conformance client --start` runs them): `@x402/fetch` 2.27 and `x402-fetch`
 * 1.2, each with the budget its defaults declare. Their outcomes are pinned in
 * test/sdk/expectations/client.json, a ratchet: an unexpected failure and an unexpected pass both fail.
 * Deviations are explained in docs/findings/client.md. `UPDATE_EXPECTATIONS=1` rewrites the file.
 */
import { expect } from 'vitest'
import { SDK_CLIENT_CLI, SDK_DEFAULT_BUDGETS } from '../../sdk/client-cli.ts'
import { describePinnedClients } from './pinned.ts'
import { runClientSuite } from './run.ts'

/** The SDK clients, by the name their expectations are filed under. */
const SDKS = [
  { name: '@x402/fetch 2.27', flag: 'v2', budget: SDK_DEFAULT_BUDGETS.v2, versions: [1, 2] },
  { name: 'x402-fetch 1.2', flag: 'v1', budget: SDK_DEFAULT_BUDGETS.v1, versions: [1] },
] as const

describePinnedClients({
  title: 'client suite against the real published SDK clients (command adapter)',
  file: new URL('../../sdk/expectations/client.json', import.meta.url),
  seed: 5,
  timeoutMs: 900_000,
  clients: SDKS.map((sdk) => ({
    name: sdk.name,
    run: (environment) => {
      const command = `${process.execPath} ${SDK_CLIENT_CLI} --sdk ${sdk.flag} {url}`
      return runClientSuite(
        environment,
        { kind: 'start', command },
        { budget: sdk.budget, timeoutMs: 60_000 },
      )
    },
    expectVersions: (versions) => expect(versions).toEqual(sdk.versions),
  })),
})
