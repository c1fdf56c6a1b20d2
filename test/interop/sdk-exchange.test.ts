/**
 * The real published SDKs (@x402/fetch + @x402/express for v2, x402-fetch + x402-express for v1),
 * unmodified, complete a paid request through the devnet and its built-in facilitator, inside a network
 * namespace with only loopback: nothing may reach a public facilitator or RPC.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { canIsolate, onlyLoopback, runWithOnlyLoopback } from './isolation.ts'

const script = fileURLToPath(new URL('./exchange.ts', import.meta.url))
const PRICE = 1000n // $0.001 in USDC atomic units

function runExchange(version: 'v1' | 'v2') {
  const stdout = runWithOnlyLoopback([process.execPath, script, version], `exchange ${version}`, 60_000)
  const line = stdout.trim().split('\n').at(-1) ?? ''
  return JSON.parse(line) as {
    isolated: boolean
    outcome: { success: boolean; status: number; body: string; paymentResponse?: Record<string, unknown> }
    settles: number
    payerDelta: string
    payToDelta: string
  }
}

describe.skipIf(!onlyLoopback() && !canIsolate())('real SDKs pay through the devnet, offline', () => {
  for (const version of ['v2', 'v1'] as const) {
    test(`${version}: a paid request succeeds and moves exactly the price`, () => {
      const run = runExchange(version)
      expect(run.isolated).toBe(true)
      expect(run.outcome.status).toBe(200)
      expect(JSON.parse(run.outcome.body)).toEqual({ report: { weather: 'sunny', temperature: 70 } })
      expect(run.outcome.paymentResponse).toMatchObject({ success: true })
      expect(run.settles).toBe(1)
      expect(BigInt(run.payerDelta)).toBe(-PRICE)
      expect(BigInt(run.payToDelta)).toBe(PRICE)
    })
  }
})
