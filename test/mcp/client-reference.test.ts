/**
 * The reference MCP client against the whole mcp-client suite, in process and as a command (`{url}`
 * replaced, one JSON line on stdout): every case passes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { referenceMcpClientTarget } from '../../harness/reference/mcp/client/index.ts'
import type { StartedEnvironment } from '../../harness/runner/environment.ts'
import { hasRequirement, requirementById } from '../../suites/catalog/index.ts'
import { mcpClientCases } from '../../suites/mcp-client/cases/index.ts'
import { mcpClientFixture } from '../../suites/mcp-client/fixture.ts'
import { describeResults, runMcpSuite, startEnvironment } from './run.ts'

let started: StartedEnvironment
beforeAll(async () => {
  started = await startEnvironment(4)
}, 60_000)
afterAll(async () => {
  await started?.stop()
})

describe('mcp-client cases', () => {
  test('have permanent mcp-client ids and trace to in-scope catalogue entries', () => {
    for (const definition of mcpClientCases) {
      expect(definition.id).toMatch(/^mcp-client\.[a-z0-9-]+\.[a-z0-9-]+$/)
      for (const id of definition.requirements) {
        expect(hasRequirement(id), `${definition.id} cites unknown ${id}`).toBe(true)
        expect(requirementById(id).scope, `${definition.id} cites out-of-scope ${id}`).toBe('now')
      }
    }
  })
})

const TARGETS = {
  'in process': referenceMcpClientTarget(),
  'as a command': { kind: 'start', command: 'node harness/reference/mcp/client/cli.ts {url}' },
} as const

for (const [how, target] of Object.entries(TARGETS)) {
  test(`the reference MCP client passes every mcp-client case ${how}`, async () => {
    const run = await runMcpSuite('mcp-client', mcpClientFixture, mcpClientCases, target, {
      environment: started.environment,
      seed: 4,
    })
    expect(run.results).toHaveLength(mcpClientCases.length)
    const wrong = run.results.filter((result) => result.outcome !== 'pass')
    expect(wrong, describeResults(run.results)).toEqual([])
  }, 120_000)
}
