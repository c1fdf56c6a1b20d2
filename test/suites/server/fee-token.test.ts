/**
 * The server suite's oracle watches the token the server is paid in and judges by its Transfer events:
 * a server selling in the devnet's fee-on-transfer token through a facilitator that trusts
 * receipt.status (known-bad paid-in-fee-token) delivers with a successful PAYMENT-RESPONSE, and the
 * honest-payment cases fail it because payTo received the price less the fee, in two transfers.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { StartedEnvironment } from '../../../harness/runner/environment.ts'
import { knownBadServerTarget } from '../../known-bad/server/index.ts'
import paidInFeeToken from '../../known-bad/server/paid-in-fee-token.ts'
import { runServerSuite, startEnvironment } from './run.ts'

let started: StartedEnvironment
beforeAll(async () => {
  started = await startEnvironment(9)
}, 60_000)
afterAll(async () => {
  await started?.stop()
})

test('a fee-token settlement reported as paid fails on the Transfer events, not on the receipt', async () => {
  const { results } = await runServerSuite(knownBadServerTarget(paidInFeeToken, 2), {
    environment: started.environment,
    caseIds: ['server.payment.honest', 'server.payment.settlement-response'],
    versions: [2],
  })
  expect(results.map((result) => result.outcome)).toEqual(['fail', 'fail'])
  for (const result of results) {
    expect(result.message).toMatch(/exactly one transfer of the price to payTo/)
    // The price was 1000: the token moved 990 to payTo and 10 to its fee collector, in a mined transaction.
    expect(result.seen).toMatch(
      /2 transfers: 990 from .* 10 from .*0x000000000000000000000000000000000000FEE0/,
    )
  }
})
