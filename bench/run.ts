/**
 * `npm run bench`: every benchmark of the project, one after the other, each in its own process so
 * one's load does not skew the next. Each prints its own numbers; nothing here asserts a time.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const benches = [
  'devnet.ts',
  'devnet-as-run.ts',
  'facilitator.ts',
  'server-suite.ts',
  'client-suite.ts',
  'facilitator-suite.ts',
  'runner.ts',
  'batch.ts',
  'permit2-gas.ts',
]

let failed = 0
for (const bench of benches) {
  const script = fileURLToPath(new URL(`./${bench}`, import.meta.url))
  console.log(`\n== bench/${bench}`)
  const started = performance.now()
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    failed++
    console.log(`   bench/${bench} failed (exit ${result.status}) after ${seconds} s`)
  } else {
    console.log(`   (${seconds} s)`)
  }
}
process.exitCode = failed === 0 ? 0 : 1
