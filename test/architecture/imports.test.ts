/**
 * The architecture test: data flows one way (CLI and library entry → suites, reports → harness →
 * contract artifacts) and no module imports itself through others. The graph is read from the sources;
 * what existed when the test was written is listed in known.json and may only shrink.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { circles, importGraph, partyEdges, schemeEdges, upwardEdges } from './graph.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const known = JSON.parse(readFileSync(new URL('./known.json', import.meta.url), 'utf8')) as {
  circles: string[][]
  upward: string[]
}
const graph = importGraph(root)

describe('import graph', () => {
  test('reads the whole product', () => {
    expect(graph.size).toBeGreaterThan(200)
    expect(graph.get('cli/main.ts')?.size).toBeGreaterThan(0)
  })

  test('no import circle beyond the known ones (a known one may only shrink)', () => {
    const allowed = (circle: string[]) =>
      known.circles.some((old) => circle.every((module) => old.includes(module)))
    expect(circles(graph).filter((circle) => !allowed(circle))).toEqual([])
  })

  test('no upward import beyond the known ones (harness imports neither suites, reports nor the CLI)', () => {
    expect(upwardEdges(graph).filter((edge) => !known.upward.includes(edge))).toEqual([])
  })

  test('a scheme module imports only the wire, the model, the devnet, artifacts and other scheme modules', () => {
    expect(schemeEdges(graph)).toEqual([])
  })

  test("no party imports another party's internals, and the suite's actors import no reference", () => {
    expect(partyEdges(graph)).toEqual([])
  })

  test('the checks can fail: a made-up circle and upward edge are found', () => {
    const made = new Map(graph)
    made.set('harness/x.ts', new Set(['harness/y.ts', 'cli/main.ts']))
    made.set('harness/y.ts', new Set(['harness/x.ts']))
    expect(circles(made)).toContainEqual(['harness/x.ts', 'harness/y.ts'])
    expect(upwardEdges(made)).toContain('harness/x.ts -> cli/main.ts')
    made.set('harness/schemes/x/a.ts', new Set(['harness/facilitator/index.ts', 'harness/wire/fields.ts']))
    expect(schemeEdges(made)).toEqual(['harness/schemes/x/a.ts -> harness/facilitator/index.ts'])
    made.set('harness/actors/x.ts', new Set(['harness/reference/server/index.ts']))
    made.set('suites/x.ts', new Set(['harness/facilitator/batch/verify.ts', 'harness/facilitator/index.ts']))
    made.set('harness/facilitator/x.ts', new Set(['harness/actors/payer.ts', 'harness/facilitator/y.ts']))
    expect(partyEdges(made)).toEqual(
      expect.arrayContaining([
        'harness/actors/x.ts -> harness/reference/server/index.ts',
        'suites/x.ts -> harness/facilitator/batch/verify.ts',
        'harness/facilitator/x.ts -> harness/actors/payer.ts',
      ]),
    )
    expect(partyEdges(made)).not.toContain('suites/x.ts -> harness/facilitator/index.ts')
    expect(partyEdges(made)).not.toContain('harness/facilitator/x.ts -> harness/facilitator/y.ts')
  })
})
