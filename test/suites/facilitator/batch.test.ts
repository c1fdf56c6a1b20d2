/**
 * The facilitator suite's batch-settlement cases: each passes against the built-in facilitator, and each
 * is skipped (with its reason) against a facilitator whose /supported lists no batch-settlement kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { startBuiltinFacilitator } from '../../../suites/facilitator/builtin.ts'
import { batchCases } from '../../../suites/facilitator/cases/batch.ts'
import { ok, replyBody } from '../../known-bad/facilitator/defect.ts'
import { describeResults, keyOf, runFacilitatorSuite } from './run.ts'

let started: StartedEnvironment
const ids = batchCases.map((definition) => definition.id)

beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 4 })
}, 60_000)
afterAll(async () => {
  await started?.stop()
})

describe('facilitator batch-settlement cases', () => {
  it('are eight v2 cases tagged batch, tracing FA-28', () => {
    expect(ids).toHaveLength(8)
    for (const definition of batchCases) {
      expect(definition.versions).toEqual([2])
      expect(definition.tags).toContain('batch')
      expect(definition.requirements).toContain('FA-28')
    }
  })

  it('all pass against the built-in facilitator', async () => {
    const run = await runFacilitatorSuite(
      {
        kind: 'in-process',
        label: 'built-in',
        create: (environment) => startBuiltinFacilitator(environment),
      },
      started.environment,
      { cases: ids },
    )
    expect(run.results.map(keyOf).sort()).toEqual(ids.map((id) => `${id}@v2`).sort())
    expect(describeResults(run.results)).toBe('')
  }, 120_000)

  it('are skipped when /supported lists no batch-settlement kind', async () => {
    const run = await runFacilitatorSuite(
      {
        kind: 'in-process',
        label: 'exact only',
        create: (environment) =>
          startBuiltinFacilitator(environment, {
            wrap: (service) => ({
              async answer(request) {
                const reply = await service.answer(request)
                const body = replyBody(reply)
                if (request.path !== '/supported' || body === undefined || !Array.isArray(body.kinds))
                  return reply
                const kinds: unknown[] = body.kinds
                return ok({
                  ...body,
                  kinds: kinds.filter(
                    (kind) =>
                      !(typeof kind === 'object' && kind !== null && 'scheme' in kind) ||
                      kind.scheme !== 'batch-settlement',
                  ),
                })
              },
            }),
          }),
      },
      started.environment,
      { cases: ids },
    )
    expect(run.results).toHaveLength(ids.length)
    for (const result of run.results) {
      expect(result.outcome, keyOf(result)).toBe('skip')
      expect(result.message ?? '', keyOf(result)).toMatch(/no v2 batch-settlement kind/)
    }
  }, 120_000)
})
