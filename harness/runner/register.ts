/**
 * Registers a suite's cases as vitest tests in the current test file: the worker side of a run. Builds
 * the worker environment (devnet, built-in facilitator), attaches the target and sets up the role's
 * session while the file is collected (so only the versions the target supports become tests), runs
 * each case × version as a `test.concurrent`, and stops everything in `afterAll`.
 *
 * Two modes: `report` (CLI workers: every result travels to the CLI in `task.meta`, tests never fail)
 * and `assert` (an SDK author's own vitest run: `fail` and `error` fail the test, `skip` skips it).
 */
import { afterAll, describe, test } from 'vitest'
import type { CaseDefinition } from '../model/case.ts'
import type { CaseResult } from '../model/result.ts'
import { attachTarget } from '../targets/attach.ts'
import { markFirstCopy } from '../targets/replica-gate.ts'
import type { X402Version } from '../wire/types.ts'
import { startWorkerEnvironment } from './environment.ts'
import { executeCase } from './execute.ts'
import type { RoleSession, TargetSpec } from './fixture.ts'
import { SESSION_TEST, writeMessage } from './meta.ts'
import { oneLine } from './outcome.ts'
import type { RunOptions } from './plan.ts'
import type { RoleSuite } from './suite.ts'

export interface RegisterOptions extends RunOptions {
  mode: 'report' | 'assert'
  /** The report the results belong to (`report` mode). */
  group: string
  /** 0 for the first worker; replicas of a started target use their own ports. */
  replica: number
  /** The port of this replica's copy of a started target. */
  port?: number
  /** Ids of the cases to run, in this order; default every case of the suite. */
  caseIds?: readonly string[]
}

const ALL_VERSIONS: readonly X402Version[] = [1, 2]

/** Sets up the target and registers one test per case × supported version. */
export async function registerSuite(
  suite: RoleSuite,
  spec: TargetSpec,
  options: RegisterOptions,
): Promise<void> {
  const cases = pickCases(suite, options.caseIds)
  const cleanups: (() => Promise<void>)[] = []
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await step().catch(() => {})
    cleanups.length = 0
  }

  let session: RoleSession<unknown>
  let target: Awaited<ReturnType<typeof attachTarget>>
  let versions: X402Version[]
  const gate = options.gateDir === undefined ? undefined : { dir: options.gateDir, group: options.group }
  try {
    const started = await startWorkerEnvironment({
      seed: options.seed,
      ...(options.rpcUrl === undefined ? {} : { rpcUrl: options.rpcUrl }),
    })
    cleanups.push(started.stop)
    target = await attachTarget(spec, {
      role: suite.role,
      environment: started.environment,
      replica: options.replica,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(gate === undefined ? {} : { gate }),
      ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
    })
    cleanups.push(target.stop)
    session = await suite.fixture.setup(started.environment, target)
    cleanups.push(session.teardown)
    const wanted = options.versions ?? ALL_VERSIONS
    versions = session.versions.filter((version) => wanted.includes(version))
    if (versions.length === 0) {
      throw new Error(
        `the target supports x402 ${formatVersions(session.versions)}; ${
          options.versions
            ? `--x402-version ${options.versions.join(',')} selects none of them`
            : 'nothing to run'
        }`,
      )
    }
  } catch (error) {
    await cleanup()
    // Later copies of a started target wait for the first; one that failed before attaching must say so.
    if (gate !== undefined && options.replica === 0) await markFirstCopy(gate, 'failed')
    const message = oneLine(error instanceof Error ? error.message : String(error))
    if (options.mode === 'assert') throw new Error(`x402 conformance (${suite.name}): ${message}`)
    // A later copy that did not start because the first did not: the first one's error says it all.
    const silent = error instanceof Error && error.name === 'ReplicaNotStarted'
    test(SESSION_TEST, ({ task }) => {
      if (!silent) writeMessage(task.meta, { group: options.group, runError: message })
    })
    return
  }

  describe(`x402 conformance: ${suite.name} (${target.label})`, () => {
    afterAll(cleanup, 60_000)
    if (options.mode === 'report') {
      test(SESSION_TEST, ({ task }) =>
        writeMessage(task.meta, {
          group: options.group,
          session: {
            label: target.label,
            versions,
            ...(target.notice === undefined ? {} : { notice: target.notice }),
          },
        }),
      )
    }
    for (const definition of cases) {
      for (const version of definition.versions.filter((candidate) => versions.includes(candidate))) {
        test.concurrent(
          `${definition.id} [v${version}]`,
          async (context) => {
            const result = await executeCase(definition, version, session, target, options)
            writeMessage(context.task.meta, { group: options.group, result })
            if (options.mode === 'assert') {
              if (result.outcome === 'fail' || result.outcome === 'error')
                throw new Error(describeFailure(result))
              if (result.outcome === 'skip') context.skip(result.message)
            }
          },
          (definition.timeoutMs ?? options.timeoutMs) + 15_000,
        )
      }
    }
  })
}

function pickCases(suite: RoleSuite, ids: readonly string[] | undefined): CaseDefinition<unknown>[] {
  if (ids === undefined) return [...suite.cases]
  const byId = new Map(suite.cases.map((definition) => [definition.id, definition]))
  return ids.map((id) => {
    const definition = byId.get(id)
    if (definition === undefined) throw new Error(`suite '${suite.name}' has no case '${id}'`)
    return definition
  })
}

/** A failed result as one assertion message: what, expected, seen, where in the spec. */
export function describeFailure(result: CaseResult): string {
  const lines = [`${result.outcome}: ${result.message ?? result.title}`]
  if (result.expected !== undefined) lines.push(`expected: ${result.expected}`)
  if (result.seen !== undefined) lines.push(`seen: ${result.seen}`)
  for (const ref of result.spec ?? []) lines.push(`spec: ${ref.file} ${ref.section}`)
  return lines.join('\n')
}

function formatVersions(versions: readonly X402Version[]): string {
  return versions.length === 0 ? 'no version' : versions.map((version) => `v${version}`).join(', ')
}
