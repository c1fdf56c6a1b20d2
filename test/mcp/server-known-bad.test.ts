/**
 * The mcp-server suite catches every known-bad MCP server: each is the reference MCP server with one
 * step replaced; every case it lists must fail (or warn, for a SHOULD), and every mcp-server case is
 * listed by at least one known-bad. What each trips is printed as the score card.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CaseResult } from '../../harness/model/result.ts'
import { referenceMcpServerTarget } from '../../harness/reference/mcp/server/index.ts'
import type { StartedEnvironment } from '../../harness/runner/environment.ts'
import { mcpServerCases } from '../../suites/mcp-server/cases/index.ts'
import { mcpServerFixture } from '../../suites/mcp-server/fixture.ts'
import { knownBadMcpServers } from '../known-bad/mcp-server/index.ts'
import { runMcpSuite, startEnvironment } from './run.ts'

const CAUGHT = new Set(['fail', 'warn'])
let started: StartedEnvironment
const score: string[] = []

beforeAll(async () => {
  started = await startEnvironment(5)
}, 60_000)

afterAll(async () => {
  await started?.stop()
  if (score.length > 0)
    console.log(`known-bad MCP servers and the cases that caught them:\n${score.sort().join('\n')}`)
})

describe('known-bad MCP servers', () => {
  test('unique names; they list only real cases; every mcp-server case catches one', () => {
    expect(new Set(knownBadMcpServers.map((bad) => bad.name)).size).toBe(knownBadMcpServers.length)
    const ids = new Set(mcpServerCases.map((definition) => definition.id))
    const listed = new Set(knownBadMcpServers.flatMap((bad) => bad.caughtBy))
    for (const id of listed) expect(ids.has(id), `unknown case ${id}`).toBe(true)
    expect(
      [...ids].filter((id) => !listed.has(id)),
      'cases no known-bad proves',
    ).toEqual([])
  })

  for (const bad of knownBadMcpServers) {
    test(`${bad.name} is caught by ${bad.caughtBy.join(', ')}`, async () => {
      const run = await runMcpSuite(
        'mcp-server',
        mcpServerFixture,
        mcpServerCases,
        referenceMcpServerTarget({ ...bad.server, label: `known-bad ${bad.name}` }),
        { environment: started.environment, seed: 5 },
      )
      const byId = new Map<string, CaseResult>(run.results.map((result) => [result.id, result]))
      const survived = bad.caughtBy.filter((id) => !CAUGHT.has(byId.get(id)?.outcome ?? 'missing'))
      const tripped = run.results.filter((result) => CAUGHT.has(result.outcome)).map((result) => result.id)
      score.push(`  ${bad.name} (breaks ${bad.breaks.join(', ')}): ${tripped.sort().join(', ') || 'nothing'}`)
      expect(
        survived.map((id) => `${id}: ${byId.get(id)?.outcome} ${byId.get(id)?.message ?? ''}`),
        `${bad.name} survived`,
      ).toEqual([])
    }, 120_000)
  }
})
