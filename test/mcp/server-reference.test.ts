/**
 * The reference MCP server against the whole mcp-server suite, over both transports: streamable HTTP
 * (in process) and stdio (its CLI started as a command, no URL). Every case passes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { referenceMcpServerTarget } from '../../harness/reference/mcp/server/index.ts'
import type { StartedEnvironment } from '../../harness/runner/environment.ts'
import { hasRequirement, requirementById } from '../../suites/catalog/index.ts'
import { mcpServerCases } from '../../suites/mcp-server/cases/index.ts'
import { mcpServerFixture } from '../../suites/mcp-server/fixture.ts'
import { describeResults, runMcpSuite, startEnvironment } from './run.ts'

let started: StartedEnvironment
beforeAll(async () => {
  started = await startEnvironment(3)
}, 60_000)
afterAll(async () => {
  await started?.stop()
})

describe('mcp-server cases', () => {
  test('have permanent mcp-server ids and trace to in-scope catalogue entries', () => {
    for (const definition of mcpServerCases) {
      expect(definition.id).toMatch(/^mcp-server\.[a-z0-9-]+\.[a-z0-9-]+$/)
      for (const id of definition.requirements) {
        expect(hasRequirement(id), `${definition.id} cites unknown ${id}`).toBe(true)
        expect(requirementById(id).scope, `${definition.id} cites out-of-scope ${id}`).toBe('now')
      }
    }
  })
})

const TRANSPORTS = {
  'streamable HTTP': referenceMcpServerTarget(),
  stdio: { kind: 'start', command: 'node harness/reference/mcp/server/cli.ts --stdio' },
} as const

for (const [transport, target] of Object.entries(TRANSPORTS)) {
  test(`the reference MCP server passes every mcp-server case over ${transport}`, async () => {
    const run = await runMcpSuite('mcp-server', mcpServerFixture, mcpServerCases, target, {
      environment: started.environment,
      seed: 3,
    })
    expect(run.label).toContain(transport === 'stdio' ? 'stdio' : 'streamable HTTP')
    expect(run.capabilities).toEqual(expect.arrayContaining(['chain', 'builtin-facilitator']))
    expect(run.results).toHaveLength(mcpServerCases.length)
    const wrong = run.results.filter((result) => result.outcome !== 'pass')
    expect(wrong, describeResults(run.results)).toEqual([])
  }, 120_000)
}
