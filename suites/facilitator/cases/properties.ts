/**
 * Property cases (fast-check): any single-field mutation of a valid payment is refused by /verify and
 * moves nothing at /settle; for random valid payments, the settled values add up to the balance
 * changes. Runs use the case seed; a failure records the seed, the path and the shrunk counterexample
 * (then replays it once with full evidence) and a command line that reproduces the run.
 */

import fc from 'fast-check'
import { type Address, getAddress, type Hex, toHex } from 'viem'
import type { DevnetAccount } from '../../../harness/devnet/types.ts'
import { createEvidenceRecorder, type EvidenceRecorder } from '../../../harness/model/evidence.ts'
import { show } from '../../../harness/model/expect.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import { type ChainOracle, createChainOracle } from '../../../harness/oracle/index.ts'
import { amountField } from '../../../harness/schemes/exact-evm/payment.ts'
import type { FacilitatorRequest } from '../../../harness/wire/types.ts'
import { restated, runProperty } from '../../property.ts'
import { describeAnswer, type FacilitatorClient, facilitatorClient } from '../api.ts'
import { type FacilitatorCaseContext, facilitatorCase } from '../context.ts'
import { type Deal, type Payments, payments } from '../payments.ts'
import { expectNoSignerRace } from '../signer-race.ts'
import { deltasOf, refs } from '../verdicts.ts'

/** The tools of one property run, recording into `evidence` (a scratch recorder, or the case's). */
export interface Tools {
  facilitator: FacilitatorClient
  payments: Payments
  chain: ChainOracle
}

function tools(context: FacilitatorCaseContext, evidence: EvidenceRecorder): Tools {
  return {
    facilitator: facilitatorClient(context.facilitator.url, evidence, context.signal),
    payments: payments(context.devnet, context.version, evidence),
    chain: createChainOracle({
      publicClient: context.devnet.publicClient,
      token: context.devnet.usdc,
      evidence,
    }),
  }
}

/** How long a facilitator property may run and shrink before it reports what it has. */
const PROPERTY_TIME_LIMIT_MS = 60_000

/**
 * Runs `property` with the case seed. On failure: records the property evidence, replays the shrunk
 * counterexample with the case's own evidence (so the report shows the failing exchanges), and fails
 * with the counterexample.
 */
export async function checkProperty<T>(
  context: FacilitatorCaseContext,
  arbitrary: fc.Arbitrary<T>,
  numRuns: number,
  predicate: (value: T, tools: Tools) => Promise<void>,
  describe: (value: T) => unknown,
): Promise<void> {
  const scratch = tools(context, createEvidenceRecorder())
  const details = await runProperty(
    context,
    fc.asyncProperty(arbitrary, (value) => predicate(value, scratch)),
    // Runs and shrinking on chain are slow: stop after a minute with the smallest counterexample so far.
    { numRuns, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS },
    describe,
  )
  const counterexample = details.counterexample?.[0]
  if (!details.failed) return
  if (counterexample !== undefined) {
    try {
      await predicate(counterexample, tools(context, context.evidence))
    } catch (error) {
      if (error instanceof CheckFailure) throw withCounterexample(error, describe(counterexample))
      throw error
    }
  }
  const failure = details.errorInstance
  if (failure instanceof CheckFailure)
    throw withCounterexample(failure, counterexample === undefined ? undefined : describe(counterexample))
  if (failure instanceof Error) throw failure
  // The run failed but neither left an error nor failed again on replay: the target's answers depend on
  // timing. Money rules must hold on every run, so this is a failure, said as what was seen.
  throw new CheckFailure('the property failed during the run but not when its counterexample was replayed', {
    expected: 'the property holds on every run',
    seen: `failed after ${details.numRuns} runs${counterexample === undefined ? '' : ` on ${show(describe(counterexample))}`}; the replay passed`,
  })
}

function withCounterexample(failure: CheckFailure, counterexample: unknown): CheckFailure {
  return restated(failure, `${failure.message} (counterexample ${show(counterexample)})`)
}

/** One change to one field of an honest request. */
type Mutation =
  | {
      field: 'authorization.from' | 'authorization.to' | 'requirements.payTo' | 'requirements.asset'
      address: Address
    }
  | { field: 'authorization.value' | 'authorization.validAfter' | 'authorization.validBefore'; delta: bigint }
  | { field: 'requirements.amount'; delta: bigint }
  | { field: 'authorization.nonce'; nonce: Hex }
  | { field: 'signature'; byte: number; xor: number }

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => getAddress(toHex(bytes)))
const delta = fc.oneof(fc.bigInt({ min: 1n, max: 1_000_000n }), fc.bigInt({ min: -1_000_000n, max: -1n }))

/** Mutations of a v1 or v2 payment. v1 requirements may only go up: a v1 overpayment is valid (">="). */
function mutation(version: 1 | 2): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({
      field: fc.constantFrom(
        'authorization.from',
        'authorization.to',
        'requirements.payTo',
        'requirements.asset',
      ),
      address,
    }),
    fc.record({
      field: fc.constantFrom('authorization.value', 'authorization.validAfter', 'authorization.validBefore'),
      delta,
    }),
    fc.record({
      field: fc.constant('requirements.amount'),
      delta: version === 1 ? fc.bigInt({ min: 1n, max: 1_000_000n }) : delta,
    }),
    fc.record({
      field: fc.constant('authorization.nonce'),
      nonce: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => toHex(bytes)),
    }),
    fc.record({
      field: fc.constant('signature'),
      byte: fc.integer({ min: 0, max: 64 }),
      xor: fc.integer({ min: 1, max: 255 }),
    }),
  ) as fc.Arbitrary<Mutation>
}

/** Applies `change` to a copy of `deal.request`; returns it and the addresses whose balance must not move. */
function mutate(
  deal: Deal,
  change: Mutation,
): { request: FacilitatorRequest; watched: Record<string, Address> } {
  const request = structuredClone(deal.request)
  const payload = request.paymentPayload.payload as { signature: Hex; authorization: Record<string, string> }
  const requirements = request.paymentRequirements as unknown as Record<string, string>
  const watched: Record<string, Address> = { payer: deal.from, payTo: deal.payTo }
  const shifted = (value: string, by: bigint) => {
    const next = BigInt(value) + by
    return (next < 0n ? BigInt(value) - by : next).toString() // never negative: go the other way
  }
  switch (change.field) {
    case 'authorization.from':
    case 'authorization.to': {
      const key = change.field.slice('authorization.'.length)
      payload.authorization[key] = otherThan(payload.authorization[key]!, change.address)
      watched.mutated = payload.authorization[key] as Address
      break
    }
    case 'requirements.payTo':
    case 'requirements.asset': {
      const key = change.field.slice('requirements.'.length)
      requirements[key] = otherThan(requirements[key]!, change.address)
      if (key === 'payTo') watched.mutated = requirements[key] as Address
      break
    }
    case 'authorization.value':
    case 'authorization.validAfter':
    case 'authorization.validBefore': {
      const key = change.field.slice('authorization.'.length)
      payload.authorization[key] = shifted(payload.authorization[key]!, change.delta)
      break
    }
    case 'requirements.amount': {
      const key = amountField(request.x402Version)
      requirements[key] = shifted(requirements[key]!, change.delta)
      break
    }
    case 'authorization.nonce':
      payload.authorization.nonce =
        change.nonce === payload.authorization.nonce ? toHex(1n, { size: 32 }) : change.nonce
      break
    case 'signature': {
      const index = 2 + 2 * change.byte
      const byte = Number.parseInt(payload.signature.slice(index, index + 2), 16) ^ change.xor
      payload.signature =
        `${payload.signature.slice(0, index)}${byte.toString(16).padStart(2, '0')}${payload.signature.slice(index + 2)}` as Hex
      break
    }
  }
  return { request, watched }
}

/** `candidate`, or (in the unlikely case it is the same address) a different one. */
function otherThan(original: string, candidate: Address): Address {
  if (original.toLowerCase() !== candidate.toLowerCase()) return candidate
  const last = candidate.slice(-1) === '0' ? '1' : '0'
  return getAddress(`${candidate.slice(0, -1)}${last}`)
}

const describeMutation = (change: Mutation): unknown =>
  JSON.parse(
    JSON.stringify(change, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)),
  )

/** Any single-field mutation of a valid payment: /verify refuses it and /settle moves nothing. */
export const propertySingleFieldMutation = facilitatorCase({
  id: 'facilitator.property.single-field-mutation',
  title: 'Any single-field mutation of a valid payment is refused by /verify and moves nothing at /settle',
  requirements: ['FA-6', 'FA-8', 'FA-10', 'FA-16', 'FA-49'],
  tags: ['property', 'hostile', 'chain'],
  timeoutMs: 180_000,
  async run(context) {
    const payer: DevnetAccount = await context.payments.payer()
    await checkProperty(
      context,
      mutation(context.version),
      20,
      async (change, { facilitator, payments: pay, chain }) => {
        const deal = await pay.deal({ payer })
        const { request, watched } = mutate(deal, change)
        const verified = await facilitator.verify(request, `verify (${change.field} mutated)`)
        if (verified.body?.isValid === true) {
          throw new CheckFailure(
            `/verify accepted a payment whose ${change.field} was changed after signing`,
            {
              expected: 'isValid: false',
              seen: describeAnswer(verified),
              spec: refs('FA-6', 'FA-8', 'FA-10', 'FA-49'),
            },
          )
        }
        const watch = await chain.snapshot(watched)
        const settled = await facilitator.settle(request, `settle (${change.field} mutated)`)
        const deltas = await deltasOf(watch)
        const moved = Object.entries(deltas).filter(([, d]) => d !== 0n)
        if (moved.length > 0 || settled.body?.success === true) {
          throw new CheckFailure(
            `/settle of a payment whose ${change.field} was changed after signing did not refuse it`,
            {
              expected: 'success false and no balance change',
              seen: `${describeAnswer(settled)}; ${moved.map(([label, d]) => `${label} ${d}`).join(', ') || 'no movement'}`,
              spec: refs('FA-16'),
            },
          )
        }
      },
      describeMutation,
    )
  },
})

/** Random valid payments: the sum of the settled values equals the balance changes. */
export const propertySettledSum = facilitatorCase({
  id: 'facilitator.property.settled-sum',
  title: 'For random valid payments, the values reported settled add up to the balance changes',
  requirements: ['FA-14', 'FA-15'],
  tags: ['property', 'chain'],
  timeoutMs: 180_000,
  async run(context) {
    const payer = await context.payments.payer({ usdc: 1_000_000_000n })
    await checkProperty(
      context,
      fc.array(fc.bigInt({ min: 1n, max: 1_000_000n }), { minLength: 1, maxLength: 4 }),
      6,
      async (amounts, { facilitator, payments: pay, chain }) => {
        const payTo = pay.payee()
        const deals = await Promise.all(
          amounts.map((amount) => pay.deal({ payer, terms: { amount, payTo } })),
        )
        const watch = await chain.snapshot({ payer: payer.address, payTo })
        const answers = await Promise.all(deals.map((deal) => facilitator.settle(deal.request)))
        const settled = deals
          .filter((_, i) => answers[i]!.body?.success === true)
          .reduce((sum, deal) => sum + deal.authorization.value, 0n)
        const deltas = await deltasOf(watch)
        if (deltas.payTo !== settled || deltas.payer !== -settled) {
          throw new CheckFailure('the values reported settled do not add up to the balance changes', {
            expected: `payer -${settled}, payTo +${settled} (sum of the successful settlements)`,
            seen: `payer ${deltas.payer}, payTo ${deltas.payTo}`,
            spec: refs('FA-14', 'FA-15'),
          })
        }
        if (settled === 0n) {
          for (const answer of answers) expectNoSignerRace(answer)
          throw new CheckFailure('no valid payment was settled', {
            expected: 'success true for valid payments',
            seen: answers.map(describeAnswer).join('; '),
            spec: refs('FA-14'),
          })
        }
      },
      (amounts) => amounts.map(String),
    )
  },
})
