/**
 * The CLI side of a run: a vitest reporter that collects the results the workers send in `task.meta`
 * (see `meta.ts`), turns anything vitest itself reports (a worker that failed to load or crashed, a test
 * with no result) into run errors or `error` results, and tells a listener as cases start and end.
 */
import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node'
import type { CaseMeta } from '../model/case.ts'
import type { CaseResult } from '../model/result.ts'
import type { X402Version } from '../wire/types.ts'
import { readMessage, SESSION_TEST, type SessionInfo } from './meta.ts'
import { oneLine } from './outcome.ts'
import type { WorkerJob } from './plan.ts'

/** What the CLI shows while a run goes on. */
export interface RunListener {
  /** The number of case runs known so far (grows as workers finish setting up). */
  planned?(total: number): void
  /** A worker of `group` set up its target (before any of its cases ends). */
  session?(group: string, session: SessionInfo): void
  started?(name: string): void
  result?(group: string, result: CaseResult): void
  runError?(message: string): void
}

/** What one group (one target, one report) got. */
export interface GroupOutcome {
  results: CaseResult[]
  /** The target as workers saw it (label, versions), from the first worker that set up. */
  session?: SessionInfo
  runErrors: string[]
}

const NAME = /^(?<id>\S+) \[v(?<version>\d+)\]$/

/** Collects a run's results by group. */
export class RunCollector implements Reporter {
  readonly groups = new Map<string, GroupOutcome>()
  /** Run errors not tied to one group. */
  readonly runErrors: string[] = []
  readonly #jobs: Map<string, WorkerJob>
  readonly #cases: Map<string, CaseMeta>
  readonly #listener: RunListener
  readonly #collected = new Map<string, number>()
  readonly #seen = new Set<string>()

  /** `jobs` by the absolute path of their test file; `cases` by id (for results vitest had to make up). */
  constructor(jobs: Map<string, WorkerJob>, cases: Map<string, CaseMeta>, listener: RunListener = {}) {
    this.#jobs = jobs
    this.#cases = cases
    this.#listener = listener
    for (const job of jobs.values()) this.#group(job.group)
  }

  onTestModuleCollected(module: TestModule): void {
    let count = 0
    for (const test of module.children.allTests()) if (test.name !== SESSION_TEST) count += 1
    this.#collected.set(module.moduleId, count)
    this.#listener.planned?.([...this.#collected.values()].reduce((sum, value) => sum + value, 0))
  }

  onTestCaseReady(test: TestCase): void {
    if (test.name !== SESSION_TEST) this.#listener.started?.(test.name)
  }

  onTestCaseResult(test: TestCase): void {
    if (this.#seen.has(test.id)) return
    this.#seen.add(test.id)
    const message = readMessage(test.meta())
    const group = this.#jobs.get(test.module.moduleId)?.group ?? message?.group ?? 'unknown'
    if (message !== undefined && 'session' in message) {
      this.#group(message.group).session ??= message.session
      this.#listener.session?.(message.group, message.session)
      return
    }
    if (message !== undefined && 'runError' in message) {
      this.#runError(message.group, message.runError)
      return
    }
    if (message !== undefined && 'result' in message) {
      this.#result(message.group, message.result)
      return
    }
    if (test.name === SESSION_TEST) return
    const result = test.result()
    const why =
      result.state === 'failed'
        ? oneLine(result.errors[0]?.message ?? 'failed without a message')
        : `vitest reported the test as ${result.state}`
    this.#madeUp(group, test.name, why)
  }

  onTestModuleEnd(module: TestModule): void {
    const job = this.#jobs.get(module.moduleId)
    for (const error of module.errors()) this.#runError(job?.group, `worker failed: ${errorLine(error)}`)
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    for (const error of unhandledErrors) {
      // Vitest names the test file an unhandled error came from, when it knows it.
      const file = (error as { VITEST_TEST_PATH?: unknown }).VITEST_TEST_PATH
      const group = typeof file === 'string' ? this.#jobs.get(file)?.group : undefined
      this.#runError(group, `runner error: ${errorLine(error)}`)
    }
    // Tests that never reported (their worker died) still get a result, so nothing silently disappears.
    for (const module of modules) {
      const group = this.#jobs.get(module.moduleId)?.group ?? 'unknown'
      for (const test of module.children.allTests()) {
        if (this.#seen.has(test.id) || test.name === SESSION_TEST) continue
        this.#seen.add(test.id)
        this.#madeUp(group, test.name, 'the case never finished (its worker stopped)')
      }
    }
  }

  #group(name: string): GroupOutcome {
    let group = this.groups.get(name)
    if (group === undefined) {
      group = { results: [], runErrors: [] }
      this.groups.set(name, group)
    }
    return group
  }

  #result(group: string, result: CaseResult): void {
    this.#group(group).results.push(result)
    this.#listener.result?.(group, result)
  }

  #runError(group: string | undefined, message: string): void {
    const list = group === undefined ? this.runErrors : this.#group(group).runErrors
    if (list.includes(message)) return
    list.push(message)
    this.#listener.runError?.(message)
  }

  /** An `error` result for a test that ended without sending one. */
  #madeUp(group: string, name: string, why: string): void {
    const match = NAME.exec(name)
    const meta = match?.groups ? this.#cases.get(match.groups.id!) : undefined
    if (meta === undefined || match?.groups === undefined) {
      this.#runError(group, `${name}: ${why}`)
      return
    }
    this.#result(group, {
      id: meta.id,
      version: Number(match.groups.version) as X402Version,
      title: meta.title,
      role: meta.role,
      requirements: [...meta.requirements],
      level: meta.level,
      tags: [...(meta.tags ?? [])],
      outcome: 'error',
      message: why,
      durationMs: 0,
      evidence: [],
    })
  }
}

function errorLine(error: SerializedError): string {
  const name = typeof error.name === 'string' && error.name !== 'Error' ? `${error.name}: ` : ''
  return `${name}${oneLine(String(error.message ?? error))}`
}
