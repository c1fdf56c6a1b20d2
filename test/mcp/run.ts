/**
 * A small local loop over the runner's pieces (worker environment, target adapters, `executeCase`),
 * so the MCP self-tests run a suite exactly as a runner worker does, in this process.
 */
import type { CaseDefinition } from '../../harness/model/case.ts'
import type { CaseResult, Role } from '../../harness/model/result.ts'
import { type StartedEnvironment, startWorkerEnvironment } from '../../harness/runner/environment.ts'
import { executeCase } from '../../harness/runner/execute.ts'
import type { RoleFixture, TargetSpec, WorkerEnvironment } from '../../harness/runner/fixture.ts'
import { runPool } from '../../harness/runner/pool.ts'
import { attachTarget } from '../../harness/targets/attach.ts'

export interface McpRunOptions {
  environment: WorkerEnvironment
  /** Only these case ids (default: every case). */
  caseIds?: readonly string[]
  concurrency?: number
  seed?: number
}

export interface McpRun {
  results: CaseResult[]
  capabilities: readonly string[]
  label: string
}

/** Starts the environment a runner worker would have. */
export function startEnvironment(seed = 1): Promise<StartedEnvironment> {
  return startWorkerEnvironment({ seed })
}

/** Runs `cases` of a role against `target` and returns every result. */
export async function runMcpSuite<Context>(
  role: Role,
  fixture: RoleFixture<Context>,
  cases: readonly CaseDefinition<Context>[],
  target: TargetSpec,
  options: McpRunOptions,
): Promise<McpRun> {
  const { environment } = options
  const attached = await attachTarget(target, { role, environment, replica: 0 })
  try {
    const session = await fixture.setup(environment, attached)
    try {
      const selected = cases.filter((definition) => options.caseIds?.includes(definition.id) ?? true)
      const results: CaseResult[] = []
      const runOptions = { timeoutMs: 20_000, verbose: true, seed: options.seed ?? 1 }
      await runPool(selected.length, options.concurrency ?? 4, async (index) => {
        results.push(await executeCase(selected[index]!, 2, session, attached, runOptions))
      })
      return { results, capabilities: session.capabilities, label: session.label }
    } finally {
      await session.teardown()
    }
  } finally {
    await attached.stop()
  }
}

/** `<id>` → `outcome message` for an assertion message. */
export function describeResults(results: readonly CaseResult[]): string {
  return results
    .map(
      (r) => `${r.id}: ${r.outcome}${r.message ? ` ${r.message}` : ''}${r.seen ? ` (seen ${r.seen})` : ''}`,
    )
    .sort()
    .join('\n')
}
