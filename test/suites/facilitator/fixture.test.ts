/**
 * The facilitator fixture's edges: the versions it learns from /supported, a facilitator that lists
 * nothing for this devnet (the run cannot be done: TargetUnavailable), a /supported that is broken
 * (both versions are tested, and the shape case fails), and the signers pattern match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presets } from '../../../harness/devnet/presets.ts'
import { type StartedEnvironment, startWorkerEnvironment } from '../../../harness/runner/environment.ts'
import { attachTarget } from '../../../harness/targets/attach.ts'
import type { SupportedKind } from '../../../harness/wire/types.ts'
import { startBuiltinFacilitator } from '../../../suites/facilitator/builtin.ts'
import { patternMatches } from '../../../suites/facilitator/cases/supported.ts'
import { facilitatorFixture, versionsServed } from '../../../suites/facilitator/fixture.ts'
import { ok, replyBody } from '../../known-bad/facilitator/defect.ts'

let started: StartedEnvironment

beforeAll(async () => {
  started = await startWorkerEnvironment({ seed: 3 })
}, 60_000)
afterAll(async () => {
  await started?.stop()
})

describe('versionsServed', () => {
  const preset = presets['base-sepolia']
  it("takes the versions whose exact kind names this chain, in each version's format", () => {
    const kinds: SupportedKind[] = [
      { x402Version: 1, scheme: 'exact', network: 'base-sepolia' },
      { x402Version: 2, scheme: 'exact', network: 'eip155:84532' },
    ]
    expect(versionsServed({ kinds }, preset)).toEqual([1, 2])
    expect(versionsServed({ kinds: [kinds[1]!] }, preset)).toEqual([2])
    expect(
      versionsServed({ kinds: [{ x402Version: 2, scheme: 'exact', network: 'eip155:*' }] }, preset),
    ).toEqual([2])
  })
  it('ignores other schemes, other chains and a v1 kind named in CAIP-2', () => {
    const kinds: SupportedKind[] = [
      { x402Version: 1, scheme: 'exact', network: 'eip155:84532' },
      { x402Version: 2, scheme: 'upto', network: 'eip155:84532' },
      { x402Version: 2, scheme: 'exact', network: 'eip155:8453' },
    ]
    expect(versionsServed({ kinds }, preset)).toEqual([])
  })
})

describe('patternMatches (signers keys)', () => {
  it('matches the network itself and its namespace wildcard only', () => {
    expect(patternMatches('eip155:84532', 'eip155:84532')).toBe(true)
    expect(patternMatches('eip155:*', 'eip155:84532')).toBe(true)
    expect(patternMatches('solana:*', 'eip155:84532')).toBe(false)
    expect(patternMatches('eip155:8453', 'eip155:84532')).toBe(false)
  })
})

describe('facilitator fixture setup', () => {
  it('refuses a facilitator that lists no exact kind for this devnet (TargetUnavailable)', async () => {
    const target = await attachTarget(
      {
        kind: 'in-process',
        label: 'mainnet-only facilitator',
        create: (environment) =>
          startBuiltinFacilitator(environment, {
            wrap: (service) => ({
              async answer(request) {
                const reply = await service.answer(request)
                if (request.path !== '/supported' || replyBody(reply) === undefined) return reply
                return ok({
                  kinds: [{ x402Version: 2, scheme: 'exact', network: 'eip155:1' }],
                  extensions: [],
                  signers: {},
                })
              },
            }),
          }),
      },
      { role: 'facilitator', environment: started.environment, replica: 0 },
    )
    try {
      await expect(facilitatorFixture.setup(started.environment, target)).rejects.toMatchObject({
        name: 'TargetUnavailable',
        message: expect.stringContaining("lists no 'exact' kind for this devnet"),
      })
    } finally {
      await target.stop()
    }
  })

  it('learns v1 and v2 from the built-in facilitator, and builds contexts that replay with the run seed', async () => {
    const target = await attachTarget(
      {
        kind: 'in-process',
        label: 'built-in',
        create: (environment) => startBuiltinFacilitator(environment),
      },
      { role: 'facilitator', environment: started.environment, replica: 0 },
    )
    try {
      const session = await facilitatorFixture.setup(started.environment, target)
      expect(session.versions).toEqual([1, 2])
      expect(session.capabilities).toEqual(['chain'])
      const { createEvidenceRecorder } = await import('../../../harness/model/evidence.ts')
      const context = await session.context({
        caseId: 'facilitator.verify.valid',
        version: 1,
        evidence: createEvidenceRecorder(),
        signal: new AbortController().signal,
        seed: 99,
      })
      expect(context.replay).toBe(
        'x402-conformance demo --role facilitator --case facilitator.verify.valid --x402-version 1 --seed 3',
      )
      // exact v1, exact v2 (EIP-3009 and Permit2), batch-settlement v2, upto v2
      expect(context.supported?.kinds.length).toBe(4)
      expect(context.payments.requirements()).toMatchObject({
        network: 'base-sepolia',
        maxAmountRequired: '1000',
      })
    } finally {
      await target.stop()
    }
  })
})
