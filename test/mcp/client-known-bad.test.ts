/**
 * The mcp-client suite catches every known-bad MCP client (the reference MCP client with one step
 * replaced): every case it lists fails (or warns, for a SHOULD), and every mcp-client case is listed
 * by at least one known-bad. What each trips is printed as the score card.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CaseResult } from '../../harness/model/result.ts'
import { referenceMcpClientTarget } from '../../harness/reference/mcp/client/index.ts'
import type { StartedEnvironment } from '../../harness/runner/environment.ts'
import { mcpClientCases } from '../../suites/mcp-client/cases/index.ts'
import { mcpClientFixture } from '../../suites/mcp-client/fixture.ts'
import { knownBadMcpClients } from '../known-bad/mcp-client/index.ts'
import { runMcpSuite, startEnvironment } from './run.ts'

const CAUGHT = new Set(['fail', 'warn'])
let started: StartedEnvironment
const score: string[] = []

beforeAll(async () => {
  started = await startEnvironment(6)
}, 60_000)

afterAll(async () => {
  await started?.stop()
  if (score.length > 0)
    console.log(`known-bad MCP clients and the cases that caught them:\n${score.sort().join('\n')}`)
})

describe('known-bad MCP clients', () => {
  test('unique names; they list only real cases; every mcp-client case catches one', () => {
    expect(new Set(knownBadMcpClients.map((bad) => bad.name)).size).toBe(knownBadMcpClients.length)
    const ids = new Set(mcpClientCases.map((definition) => definition.id))
    const listed = new Set(knownBadMcpClients.flatMap((bad) => bad.caughtBy))
    for (const id of listed) expect(ids.has(id), `unknown case ${id}`).toBe(true)
    expect(
      [...ids].filter((id) => !listed.has(id)),
      'cases no known-bad proves',
    ).toEqual([])
  })

  for (const bad of knownBadMcpClients) {
    test(`${bad.name} is caught by ${bad.caughtBy.join(', ')}`, async () => {
      const run = await runMcpSuite(
        'mcp-client',
        mcpClientFixture,
        mcpClientCases,
        referenceMcpClientTarget({ ...bad.client, label: `known-bad ${bad.name}` }),
        { environment: started.environment, seed: 6 },
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
