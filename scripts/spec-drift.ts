/**
 * Lists the catalogue entries whose cited section text changed since it was read (the pin, or the
 * entry's newer source), given a later copy of the spec:
 *
 *   node scripts/spec-drift.ts <checkout holding specs/ | git dir> [--commit <rev>] [--json]
 *   npm run spec:drift -- <path>
 *
 * Prints one line per drifted citation and exits 1 when any changed, moved or vanished (a drift
 * alarm for CI); 0 when none did; 2 when the copy cannot be read. Citations whose text the index
 * does not carry (parts of a newer source read from the file index) are listed as not tracked and
 * do not fail the run.
 */
import { parseArgs } from 'node:util'
import { findDrift } from '../suites/catalog/drift.ts'
import { catalog, SPEC } from '../suites/catalog/index.ts'
import { loadSpecIndex } from '../suites/catalog/spec-index.ts'
import { listSpecFiles, openSpecTree, readSpecFile } from './spec-tree.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { commit: { type: 'string' }, json: { type: 'boolean', default: false } },
})
const path = positionals[0]
if (path === undefined) {
  process.stderr.write('usage: spec-drift <checkout holding specs/ | git dir> [--commit <rev>] [--json]\n')
  process.exit(2)
}
const tree = openSpecTree(path, values.commit)
try {
  if (listSpecFiles(tree).length === 0) throw new Error('no files under specs/')
} catch (error) {
  process.stderr.write(`spec-drift: cannot read a spec from ${path}: ${(error as Error).message}\n`)
  process.exit(2)
}
const drifts = findDrift(catalog, loadSpecIndex(), SPEC, (file) => readSpecFile(tree, file))
const alarming = drifts.filter((d) => d.kind !== 'not-tracked')
if (values.json) process.stdout.write(`${JSON.stringify({ drifts }, null, 2)}\n`)
else {
  for (const d of drifts)
    process.stdout.write(`${d.id}\t${d.kind}\t${d.readAt.slice(0, 7)}\t${d.file}\t${d.section}\n`)
  const ids = new Set(alarming.map((d) => d.id))
  process.stdout.write(`spec-drift: ${ids.size} entries cite text that changed since it was read\n`)
}
process.exit(alarming.length > 0 ? 1 : 0)
