/**
 * The unmodified @x402/evm 2.27 Permit2 flows (exact with Permit2, and upto with a usage-based charge)
 * pay through the devnet and the built-in facilitator, inside a network namespace with only loopback.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { canIsolate, onlyLoopback, runWithOnlyLoopback } from '../interop/isolation.ts'

const script = fileURLToPath(new URL('./sdk-exchange.ts', import.meta.url))

interface RouteRun {
  route: string
  isolated: boolean
  outcome: { success: boolean; status: number; body: string; paymentResponse?: Record<string, unknown> }
  settles: number
  payerDelta: string
  payToDelta: string
}

describe.skipIf(!onlyLoopback() && !canIsolate())('real SDKs pay Permit2 exact and upto, offline', () => {
  test('exact moves the price; upto moves the charge, below the maximum', () => {
    const runs = runWithOnlyLoopback([process.execPath, script], 'exchange', 90_000)
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as RouteRun)
    const [exact, upto] = runs
    expect(exact).toMatchObject({
      route: 'exact-permit2',
      isolated: true,
      settles: 1,
      payerDelta: '-1000',
      payToDelta: '1000',
    })
    expect(exact!.outcome.status).toBe(200)
    expect(exact!.outcome.paymentResponse).toMatchObject({ success: true })
    expect(upto).toMatchObject({
      route: 'upto',
      isolated: true,
      settles: 1,
      payerDelta: '-1858',
      payToDelta: '1858',
    })
    expect(upto!.outcome.status).toBe(200)
    expect(upto!.outcome.paymentResponse).toMatchObject({ success: true, amount: '1858' })
  })
})
