/**
 * Builds the published form of the package into dist/: the TypeScript compiled to JavaScript with
 * declarations (Node does not strip types under node_modules), plus the non-TypeScript files the code
 * reads at run time. Runs at `npm pack` / `npm publish` (prepack); the checkout itself runs the sources.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')

/** Files read at run time beside the modules that read them. */
const ASSETS = ['harness/processes/reaper.sh', 'reports/schema/report.schema.json']

rmSync(dist, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
} catch {
  // tsc printed the errors.
  process.stderr.write('build: the TypeScript does not compile (errors above)\n')
  process.exit(1)
}
for (const asset of ASSETS) cpSync(join(root, asset), join(dist, asset))
process.stdout.write(`built ${dist}\n`)
