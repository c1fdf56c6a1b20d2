/**
 * Runner benchmark: the wall time of a small CLI run (one trivial case × 2 versions against a started
 * toy target), and the boot overhead of one runner worker (vitest fork + module load + devnet +
 * built-in facilitator + started target + fixture setup) seen from the CLI process.
 *
 *   node bench/runner.ts [repetitions]
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchJobs } from '../harness/runner/launch.ts'
import type { WorkerJob } from '../harness/runner/plan.ts'
import { root, spawnCli } from './cli.ts'

const toySuites = join(root, 'test/runner/fixtures/toy-suites.ts')
const toyServer = `${process.execPath} ${join(root, 'test/runner/fixtures/toy-server.ts')}`
const repetitions = Number(process.argv[2] ?? 3)

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ms = (value: number) => `${Math.round(value)} ms`

/** One CLI run, start to exit, in its own process. */
function cliRun(workers: number, cases: string[]): number {
  const run = spawnCli(
    [
      'server',
      'http://127.0.0.1:4781/',
      '--start',
      toyServer,
      '--suites',
      toySuites,
      ...cases.flatMap((id) => ['--case', id]),
      '--workers',
      String(workers),
    ],
    'bench',
  )
  if (run.stderr !== '' || run.exitCode === null) throw new Error(`CLI failed: ${run.stderr}`)
  return run.wallMs
}

/** One worker launched from this process: time to its cases being collected, run, and torn down. */
async function workerPhases(): Promise<{ boot: number; cases: number; teardown: number }> {
  const job: WorkerJob = {
    group: 'bench',
    suitesModule: pathToFileURL(toySuites).href,
    suite: 'toy-server',
    target: { kind: 'start', command: toyServer, url: 'http://127.0.0.1:4782/' },
    replica: 0,
    cases: ['server.toy.ok'],
    options: { timeoutMs: 10_000, concurrency: 4, verbose: false, seed: 1 },
  }
  const started = performance.now()
  let collected = 0
  let lastResult = 0
  await launchJobs([job], {
    maxWorkers: 1,
    concurrency: 4,
    cases: new Map(),
    listener: {
      planned: () => {
        collected = performance.now()
      },
      result: () => {
        lastResult = performance.now()
      },
    },
  })
  const ended = performance.now()
  return { boot: collected - started, cases: lastResult - collected, teardown: ended - lastResult }
}

cliRun(1, ['server.toy.ok']) // warm the compile cache
const phases: { boot: number; cases: number; teardown: number }[] = []
for (let i = 0; i < repetitions; i++) phases.push(await workerPhases())
const one = Array.from({ length: repetitions }, () => cliRun(1, ['server.toy.ok']))
const six = [
  'server.toy.ok',
  'server.toy.graded',
  'server.toy.may-open',
  'server.toy.must-break',
  'server.toy.v1-only',
  'server.toy.explicit-skip',
]
const small = Array.from({ length: repetitions }, () => cliRun(1, six))
const two = Array.from({ length: repetitions }, () => cliRun(2, six))

console.log(`runner benchmark (median of ${repetitions}; machine load matters: 2 shared cores)`)
console.log(
  `  worker boot (fork, modules, devnet, facilitator, target, setup): ${ms(median(phases.map((p) => p.boot)))}`,
)
console.log(
  `  trivial cases in that worker:                                  ${ms(median(phases.map((p) => p.cases)))}`,
)
console.log(
  `  worker teardown (target, facilitator, devnet, vitest close):   ${ms(median(phases.map((p) => p.teardown)))}`,
)
console.log(`  CLI run, 1 case x 2 versions, 1 worker, wall:                  ${ms(median(one))}`)
console.log(`  CLI run, 6 cases (7 case runs), 1 worker:                     ${ms(median(small))}`)
console.log(`  CLI run, same 6 cases, 2 workers:                              ${ms(median(two))}`)
