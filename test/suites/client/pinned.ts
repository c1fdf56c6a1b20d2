/**
 * The ratchet of the SDK client self-tests: each client's outcomes (`id@vN → outcome`) are pinned in an
 * expectations file under the client's name, and an unexpected failure and an unexpected pass both
 * fail. `UPDATE_EXPECTATIONS=1` records what the run saw instead and rewrites the file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import type { TargetSpec } from '../../../harness/runner/fixture.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import { outcomes, runClientSuite, type SuiteRun, startEnvironment } from './run.ts'

type Expectations = Record<string, Record<string, string>>

/** One SDK client whose outcomes are pinned. */
export interface PinnedClient {
  /** The name its outcomes are filed under. */
  name: string
  /** Runs the client suite (or the cases it is pinned for) against it. */
  run(environment: StartedEnvironment): Promise<SuiteRun>
  /** Checks the versions the fixture learned it speaks. */
  expectVersions(versions: readonly X402Version[]): void
}

/**
 * A client command pinned over some of the cases (`definitions`): it must speak v2, and a case may take
 * two minutes (one process per payment).
 */
export function pinnedCommand(
  name: string,
  command: TargetSpec,
  definitions: readonly { id: string }[],
): PinnedClient {
  return {
    name,
    run: (environment) =>
      runClientSuite(environment, command, {
        caseIds: definitions.map((definition) => definition.id),
        timeoutMs: 120_000,
      }),
    expectVersions: (versions) => expect(versions).toContain(2),
  }
}

export interface PinnedClients {
  /** The `describe` title. */
  title: string
  /** The expectations file (under test/sdk/expectations/). */
  file: URL
  /** The worker environment's seed. */
  seed: number
  /** Each client's test timeout. */
  timeoutMs: number
  clients: readonly PinnedClient[]
}

/** Declares `<name> matches its pinned outcomes` for every client, in one worker environment. */
export function describePinnedClients(pinned: PinnedClients): void {
  const update = process.env.UPDATE_EXPECTATIONS === '1'
  // Updating may create the file; otherwise a missing file fails the run here.
  const expectations: Expectations =
    update && !existsSync(pinned.file) ? {} : (JSON.parse(readFileSync(pinned.file, 'utf8')) as Expectations)

  let environment: StartedEnvironment

  beforeAll(async () => {
    environment = await startEnvironment(pinned.seed)
  }, 120_000)

  afterAll(async () => {
    await environment?.stop()
    if (update) writeFileSync(pinned.file, `${JSON.stringify(expectations, null, 2)}\n`)
  })

  describe(pinned.title, () => {
    for (const client of pinned.clients) {
      test(
        `${client.name} matches its pinned outcomes`,
        async () => {
          const run = await client.run(environment)
          client.expectVersions(run.versions)
          const seen = Object.fromEntries(
            Object.entries(outcomes(run.results)).sort(([a], [b]) => (a < b ? -1 : 1)),
          )
          if (update) {
            expectations[client.name] = seen
            return
          }
          const pinnedOutcomes = expectations[client.name] ?? {}
          const differences = [...new Set([...Object.keys(pinnedOutcomes), ...Object.keys(seen)])]
            .filter((key) => pinnedOutcomes[key] !== seen[key])
            .map((key) => {
              const result = run.results.find((candidate) => `${candidate.id}@v${candidate.version}` === key)
              return `${key}: pinned ${pinnedOutcomes[key] ?? '(none)'}, seen ${seen[key] ?? '(not run)'}${result?.message ? ` — ${result.message}` : ''}`
            })
          expect(differences).toEqual([])
        },
        pinned.timeoutMs,
      )
    }
  })
}
