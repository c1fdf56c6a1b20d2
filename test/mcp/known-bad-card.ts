/**
 * The score card of an MCP role's known-bads: every case a known-bad lists must catch it (fail, or
 * warn for a SHOULD), every case of the role must be listed by one, and what each trips is printed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CaseDefinition } from '../../harness/model/case.ts'
import type { CaseResult, Role } from '../../harness/model/result.ts'
import type { StartedEnvironment } from '../../harness/runner/environment.ts'
import type { RoleFixture, TargetSpec } from '../../harness/runner/fixture.ts'
import type { KnownBad } from '../known-bad/known-bad.ts'
import { runMcpSuite, startEnvironment } from './run.ts'

const CAUGHT = new Set(['fail', 'warn'])

/** One MCP role's known-bads and how to make each a target. */
export interface McpKnownBadCard<Context, Replacement> {
  role: Extract<Role, 'mcp-server' | 'mcp-client'>
  /** Plural noun for names and the printed card, e.g. `MCP servers`. */
  what: string
  fixture: RoleFixture<Context>
  cases: readonly CaseDefinition<Context>[]
  bads: readonly KnownBad<Replacement>[]
  target(bad: KnownBad<Replacement>): TargetSpec
  seed: number
}

/** Declares the card's vitest tests. */
export function describeMcpKnownBads<Context, Replacement>(
  card: McpKnownBadCard<Context, Replacement>,
): void {
  let started: StartedEnvironment
  const score: string[] = []

  beforeAll(async () => {
    started = await startEnvironment(card.seed)
  }, 60_000)

  afterAll(async () => {
    await started?.stop()
    if (score.length > 0)
      console.log(`known-bad ${card.what} and the cases that caught them:\n${score.sort().join('\n')}`)
  })

  describe(`known-bad ${card.what}`, () => {
    test(`unique names; they list only real cases; every ${card.role} case catches one`, () => {
      expect(new Set(card.bads.map((bad) => bad.name)).size).toBe(card.bads.length)
      const ids = new Set(card.cases.map((definition) => definition.id))
      const listed = new Set(card.bads.flatMap((bad) => bad.caughtBy))
      for (const id of listed) expect(ids.has(id), `unknown case ${id}`).toBe(true)
      expect(
        [...ids].filter((id) => !listed.has(id)),
        'cases no known-bad proves',
      ).toEqual([])
    })

    for (const bad of card.bads) {
      test(`${bad.name} is caught by ${bad.caughtBy.join(', ')}`, async () => {
        const run = await runMcpSuite(card.role, card.fixture, card.cases, card.target(bad), {
          environment: started.environment,
          seed: card.seed,
        })
        const byId = new Map<string, CaseResult>(run.results.map((result) => [result.id, result]))
        const survived = bad.caughtBy.filter((id) => !CAUGHT.has(byId.get(id)?.outcome ?? 'missing'))
        const tripped = run.results.filter((result) => CAUGHT.has(result.outcome)).map((result) => result.id)
        score.push(
          `  ${bad.name} (breaks ${bad.breaks.join(', ')}): ${tripped.sort().join(', ') || 'nothing'}`,
        )
        expect(
          survived.map((id) => `${id}: ${byId.get(id)?.outcome} ${byId.get(id)?.message ?? ''}`),
          `${bad.name} survived`,
        ).toEqual([])
      }, 120_000)
    }
  })
}
