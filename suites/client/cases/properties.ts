/**
 * Property cases (fast-check): for any well-formed random challenge, the client pays the one offer it
 * supports and signs exactly its terms (payTo, amount, time window, domain, `accepted`, extensions);
 * for any malformed challenge, it signs nothing. Each property run is one run of the client, so runs
 * are few; the seed, the path and the shrunk counterexample are recorded with a replay command.
 */

import fc from 'fast-check'
import {
  challengeReplyFor,
  challengeThen,
  rawHeaderChallenge,
} from '../../../harness/actors/paywall/index.ts'
import type { DevnetAccount } from '../../../harness/devnet/types.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import { amountField } from '../../../harness/schemes/exact-evm/payment.ts'
import { encodeHeader } from '../../../harness/wire/index.ts'
import type { ExtensionEntry, PaymentRequirements } from '../../../harness/wire/types.ts'
import { restated, runProperty } from '../../property.ts'
import { clientCase } from '../case.ts'
import type { ClientCaseContext, ClientRun } from '../context.ts'
import { recordRun } from '../fixture.ts'
import {
  expectExtensionsEchoed,
  expectNoPayment,
  expectOfferedTerms,
  expectOnePayment,
  expectPaysAmount,
  expectPaysPayTo,
  expectSignatureRecovers,
  expectTimeWindow,
} from '../verdicts/index.ts'
import { UNKNOWN_SCHEME } from './choice.ts'

/**
 * Client runs per property. A run of a command target is a process start (about a second), so those get
 * few runs and no shrinking (each shrink step would be another run): the first counterexample found is
 * reported. In-process targets get more runs and shrinking. The run count, not a time limit, bounds the
 * work, so an outcome depends on the seed alone.
 */
function propertyParameters(context: ClientCaseContext): { numRuns: number; endOnFailure: boolean } {
  return context.target.kind === 'in-process'
    ? { numRuns: 40, endOnFailure: false }
    : { numRuns: 12, endOnFailure: true }
}

/** Runs `property` with the case's seed and records its outcome; rethrows the counterexample's failure. */
async function checkProperty<T>(
  context: ClientCaseContext,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<ClientRun>,
): Promise<void> {
  let lastFailure: { error: unknown; run?: ClientRun } | undefined
  const details = await runProperty(
    context,
    fc.asyncProperty(arbitrary, async (value) => {
      let outcome: ClientRun | undefined
      try {
        outcome = await predicate(value)
      } catch (error) {
        if (context.signal.aborted) throw error
        const run = typeof error === 'object' && error !== null ? failedRun.get(error) : undefined
        lastFailure = { error, ...(run === undefined ? {} : { run }) }
        throw error
      }
      return outcome !== undefined
    }),
    propertyParameters(context),
  )
  if (!details.failed) return
  if (lastFailure?.run !== undefined) recordRun(context.evidence, lastFailure.run, 'counterexample')
  const error = details.errorInstance ?? lastFailure?.error
  if (error instanceof Error && error.name === 'CheckFailure') {
    const failure = error as CheckFailure
    throw restated(
      failure,
      `${failure.message} (property counterexample after ${details.numShrinks} shrinks)`,
    )
  }
  throw error
}

/** Runs whose failure must carry the run as evidence (a property's predicate throws before it returns). */
const failedRun = new WeakMap<object, ClientRun>()

/** Runs `judge` on `run`, remembering the run when it throws. */
function judging(run: ClientRun, judge: () => void | Promise<void>): Promise<ClientRun> {
  return (async () => {
    try {
      await judge()
    } catch (error) {
      if (typeof error === 'object' && error !== null) failedRun.set(error, run)
      throw error
    }
    return run
  })()
}

/** A random well-formed challenge: one offer the client supports, decoys it must skip, random metadata. */
interface RandomChallenge {
  amount: bigint
  maxTimeoutSeconds: number
  payTo: string
  extraKeys: Record<string, string>
  decoysBefore: number
  decoysAfter: number
  description: string
  extensions: Record<string, Record<string, unknown>>
}

const hexAddress = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`)

const randomChallenge: fc.Arbitrary<RandomChallenge> = fc.record({
  // Below 0.1 USDC: x402-fetch's default ceiling; any client pays this much.
  amount: fc.bigInt({ min: 1n, max: 99_999n }),
  maxTimeoutSeconds: fc.integer({ min: 10, max: 86_400 }),
  payTo: hexAddress,
  extraKeys: fc.dictionary(fc.stringMatching(/^x-[a-z]{1,8}$/), fc.string({ maxLength: 12 }), { maxKeys: 3 }),
  decoysBefore: fc.integer({ min: 0, max: 2 }),
  decoysAfter: fc.integer({ min: 0, max: 1 }),
  description: fc.string({ maxLength: 40 }),
  extensions: fc.dictionary(
    fc.stringMatching(/^ext-[a-z]{1,6}$/),
    fc.dictionary(
      fc.stringMatching(/^[a-z]{1,6}$/),
      fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean()),
      {
        maxKeys: 3,
      },
    ),
    { maxKeys: 2 },
  ),
})

export const authorizationMatches = clientCase({
  id: 'client.property.authorization-matches-challenge',
  title: 'For any well-formed challenge, the signed authorization matches the supported offer field by field',
  requirements: ['CL-24', 'CL-23', 'CL-19', 'CL-6', 'CL-30', 'CL-31', 'CL-32', 'CL-7', 'CL-4'],
  tags: ['property'],
  timeoutMs: 180_000,
  async run(context) {
    const payer: DevnetAccount | undefined =
      context.target.kind === 'driver' ? undefined : await context.fundedPayer()
    await checkProperty(context, randomChallenge, async (random) => {
      const supported = context.offer({
        amount: random.amount,
        maxTimeoutSeconds: random.maxTimeoutSeconds,
        payTo: random.payTo,
        extra: { ...random.extraKeys, ...context.devnet.preset.eip712 },
      })
      const decoy = () => context.offer({ scheme: UNKNOWN_SCHEME, amount: random.amount + 1n, extra: null })
      const offers: PaymentRequirements[] = [
        ...Array.from({ length: random.decoysBefore }, decoy),
        supported,
        ...Array.from({ length: random.decoysAfter }, decoy),
      ]
      const extensions: Record<string, ExtensionEntry> = Object.fromEntries(
        Object.entries(random.extensions).map(([name, info]) => [name, { info, schema: { type: 'object' } }]),
      )
      const v2 = context.version === 2 && Object.keys(extensions).length > 0
      const { endpoint } = context.honest(offers, {
        settle: false,
        ...(v2 ? { extensions } : {}),
        ...(context.version === 2
          ? { resource: { url: 'http://127.0.0.1/', description: random.description } }
          : {}),
      })
      const run = await context.pay(endpoint, { quiet: true, ...(payer === undefined ? {} : { payer }) })
      return judging(run, async () => {
        const payment = expectOnePayment(run, context.version)
        const paid = expectOfferedTerms(payment, context.version, offers)
        if (paid !== supported) {
          throw new CheckFailure('the client paid an offer it cannot support', {
            expected: `the one exact offer on its network: ${JSON.stringify(supported)}`,
            seen: JSON.stringify(paid),
          })
        }
        expectPaysPayTo(payment, supported)
        expectPaysAmount(payment, supported, context.version)
        expectTimeWindow(payment, supported)
        await expectSignatureRecovers({ evidence: { add: () => {}, items: [] } }, payment, supported)
        if (v2) expectExtensionsEchoed(payment, extensions)
      })
    })
  },
})

/** One way to break a challenge; each leaves it impossible to pay as offered. */
type Mutation =
  | { kind: 'drop'; field: 'payTo' | 'amount' | 'asset' | 'network' | 'scheme' | 'maxTimeoutSeconds' }
  | { kind: 'retype'; field: 'payTo' | 'amount' | 'asset' | 'maxTimeoutSeconds'; value: unknown }
  | { kind: 'amount'; value: string }
  | { kind: 'timeout'; value: number }
  | { kind: 'version'; value: unknown }
  | { kind: 'address'; field: 'payTo' | 'asset'; value: string }
  | { kind: 'accepts'; value: unknown }
  | { kind: 'truncate'; keep: number }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('drop' as const),
    // Not `extra`: a client may read a missing EIP-712 domain from the token itself and still pay exactly.
    field: fc.constantFrom(
      'payTo',
      'amount',
      'asset',
      'network',
      'scheme',
      'maxTimeoutSeconds',
    ) as fc.Arbitrary<'payTo' | 'amount' | 'asset' | 'network' | 'scheme' | 'maxTimeoutSeconds'>,
  }),
  fc.record({
    kind: fc.constant('retype' as const),
    field: fc.constantFrom('payTo', 'amount', 'asset', 'maxTimeoutSeconds') as fc.Arbitrary<
      'payTo' | 'amount' | 'asset' | 'maxTimeoutSeconds'
    >,
    value: fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.constant({}),
      fc.constant([]),
      fc.integer({ min: 1, max: 5000 }),
    ),
  }),
  fc.record({
    kind: fc.constant('amount' as const),
    value: fc.constantFrom(
      '-1234',
      '1234.5',
      '1e3',
      '',
      ' 1234',
      '0x4d2',
      '1234abc',
      '١٢٣٤',
      '+1234',
      '01234',
    ),
  }),
  fc.record({ kind: fc.constant('timeout' as const), value: fc.constantFrom(0, -60, 1.5, Number.MAX_VALUE) }),
  fc.record({ kind: fc.constant('version' as const), value: fc.constantFrom(0, 3, 99, '2', '1', null) }),
  fc.record({
    kind: fc.constant('address' as const),
    field: fc.constantFrom('payTo', 'asset') as fc.Arbitrary<'payTo' | 'asset'>,
    value: fc.constantFrom('merchant', '0x1234', `0x${'zz'.repeat(20)}`, ''),
  }),
  fc.record({ kind: fc.constant('accepts' as const), value: fc.constantFrom([], {}, null, 'exact') }),
  fc.record({
    kind: fc.constant('truncate' as const),
    keep: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
  }),
)

export const malformedNeverSigned = clientCase({
  id: 'client.property.malformed-never-signed',
  title:
    'For any malformed challenge (dropped or mistyped field, impossible value, unknown version, truncated), the client signs nothing',
  requirements: ['CL-37', 'X-11', 'X-7', 'CL-31', 'CL-35'],
  tags: ['property', 'hostile', 'malformed'],
  timeoutMs: 180_000,
  async run(context) {
    const payer: DevnetAccount | undefined =
      context.target.kind === 'driver' ? undefined : await context.fundedPayer()
    const amountKey = amountField(context.version)
    await checkProperty(context, mutation, async (change) => {
      const endpoint = context.endpoint(({ url }) => {
        const offer = { ...context.offer() } as Record<string, unknown>
        const field = (name: string) => (name === 'amount' ? amountKey : name)
        // Offer-level changes first: the challenge is built from the changed offer.
        switch (change.kind) {
          case 'drop':
            delete offer[field(change.field)]
            break
          case 'retype':
            offer[field(change.field)] =
              change.field === 'maxTimeoutSeconds' && typeof change.value === 'number'
                ? String(change.value)
                : change.value
            break
          case 'amount':
            offer[amountKey] = change.value
            break
          case 'timeout':
            offer.maxTimeoutSeconds = change.value
            break
          case 'address':
            offer[change.field] = change.value
            break
        }
        const challenge = context.challenge(url, [offer as never]) as unknown as Record<string, unknown>
        if (change.kind === 'version') challenge.x402Version = change.value
        if (change.kind === 'accepts') challenge.accepts = change.value
        if (change.kind === 'truncate') {
          const full = context.version === 1 ? JSON.stringify(challenge) : encodeHeader(challenge)
          const cut = full.slice(0, Math.max(1, Math.floor(full.length * change.keep)))
          return challengeThen(
            context.version === 1
              ? { status: 402, headers: { 'content-type': 'application/json' }, body: cut }
              : rawHeaderChallenge(cut),
          )
        }
        return challengeThen(challengeReplyFor(context.version, challenge))
      })
      const run = await context.pay(endpoint, { quiet: true, ...(payer === undefined ? {} : { payer }) })
      return judging(run, () =>
        expectNoPayment(run, `a malformed challenge (${JSON.stringify(change)})`, ['CL-37']),
      )
    })
  },
})

/** The property cases. */
export const propertyCases = [authorizationMatches, malformedNeverSigned] as const
