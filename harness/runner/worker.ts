/**
 * Entry of a runner worker: the generated test file of a job calls `runJob`, which finds the job's
 * suite and target and registers its cases (in `report` mode) in this vitest file.
 */
import type { TargetSpec } from './fixture.ts'
import type { WorkerJob } from './plan.ts'
import { registerSuite } from './register.ts'
import { loadSuites, type RoleSuite, suiteNamed } from './suite.ts'

/** Registers the cases of `job` in the current test file. */
export async function runJob(job: WorkerJob): Promise<void> {
  const suite = suiteNamed(await loadSuites(job.suitesModule), job.suite)
  await registerSuite(suite, resolveTarget(suite, job), {
    ...job.options,
    mode: 'report',
    group: job.group,
    replica: job.replica,
    ...(job.port === undefined ? {} : { port: job.port }),
    caseIds: job.cases,
  })
}

function resolveTarget(suite: RoleSuite, job: WorkerJob): TargetSpec {
  const target = job.target
  if (target.kind !== 'reference') return target
  const reference = suite.references?.find((candidate) => candidate.name === target.name)
  if (reference === undefined)
    throw new Error(`suite '${suite.name}' has no reference implementation '${target.name}'`)
  return reference.target
}
