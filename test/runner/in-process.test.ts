/**
 * The in-process API as an SDK author uses it: `await conformance.server({ create })` in their own test
 * file registers one vitest test per case × version; fail/error fail the test, skip skips it.
 */
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { createVitest, type Reporter, type TestCase } from 'vitest/node'

test('conformance.server registers the suites in the caller vitest run', async () => {
  const seen = new Map<string, { state: string; errors: string[] }>()
  const reporter: Reporter = {
    onTestCaseResult(testCase: TestCase) {
      const result = testCase.result()
      seen.set(testCase.name, {
        state: result.state,
        errors: result.state === 'failed' ? result.errors.map((error) => error.message) : [],
      })
    },
  }
  const vitest = await createVitest(
    {
      config: false,
      root: fileURLToPath(new URL('./fixtures/', import.meta.url)),
      include: ['sdk-author.ts'],
      watch: false,
      pool: 'forks',
      reporters: [reporter],
    },
    {},
  )
  try {
    await vitest.start()
  } finally {
    await vitest.close()
    process.exitCode = undefined
  }
  expect(Object.fromEntries([...seen].map(([name, { state }]) => [name, state]))).toEqual({
    'server.toy.ok [v1]': 'passed',
    'server.toy.ok [v2]': 'passed',
    'server.toy.v1-only [v1]': 'passed',
    'server.toy.must-break [v2]': 'failed',
    'server.toy.explicit-skip [v2]': 'skipped',
  })
  expect(seen.get('server.toy.must-break [v2]')!.errors).toEqual([
    'fail: the target answered 500\nexpected: HTTP 200\nseen: HTTP 500\nspec: specs/transports-v2/http.md toy',
  ])
})
