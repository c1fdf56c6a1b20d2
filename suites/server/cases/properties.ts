/**
 * Properties (fast-check), seeded per case run and replayable:
 * - any single-field mutation of an honest payment is never delivered and moves no money;
 * - any interleaving of fresh payments and replays (sequential and concurrent) delivers exactly as
 *   often as it settles, and each payment at most once;
 * - arbitrary payment header bytes are never delivered.
 */
import fc from 'fast-check'
import { getAddress, type Hex, toHex } from 'viem'
import { check, show } from '../../../harness/model/expect.ts'
import { paymentHeaderName } from '../../../harness/wire/headers.ts'
import { encodeBase64Json } from '../../../harness/wire/json.ts'
import type { PaymentPayload } from '../../../harness/wire/types.ts'
import { serverCase } from '../case.ts'
import { checkProperty } from '../property.ts'
import { specOf } from '../spec.ts'
import { isDelivery } from '../verdicts.ts'
import { priceOf } from './shared.ts'

/** One change to one field of a signed payment. */
type Mutation =
  | { field: string; change: 'shift'; by: bigint; up: boolean }
  | { field: string; change: 'set'; to: string | number }
  | { field: 'payload.signature'; change: 'flip'; byte: number; mask: number }

const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => getAddress(toHex(bytes)))
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => toHex(bytes))
const shift = (field: string) =>
  fc.record({
    field: fc.constant(field),
    change: fc.constant('shift' as const),
    by: fc.bigInt({ min: 1n, max: 10n ** 9n }),
    up: fc.boolean(),
  })
const set = (field: string, to: fc.Arbitrary<string | number>) =>
  fc.record({ field: fc.constant(field), change: fc.constant('set' as const), to })

/** Mutations of every field the payer signs or the server must compare, for one version. */
function mutations(version: 1 | 2): fc.Arbitrary<Mutation> {
  const common: fc.Arbitrary<Mutation>[] = [
    shift('payload.authorization.value'),
    shift('payload.authorization.validAfter'),
    shift('payload.authorization.validBefore'),
    set('payload.authorization.from', address),
    set('payload.authorization.to', address),
    set('payload.authorization.nonce', bytes32),
    fc.record({
      field: fc.constant('payload.signature' as const),
      change: fc.constant('flip' as const),
      byte: fc.integer({ min: 0, max: 64 }),
      mask: fc.integer({ min: 1, max: 255 }),
    }),
    set('x402Version', fc.constantFrom(version === 1 ? 2 : 1, 3, 0)),
  ]
  const terms: fc.Arbitrary<Mutation>[] =
    version === 2
      ? [
          set('accepted.scheme', fc.constantFrom('upto', 'EXACT', 'exact-evm')),
          set('accepted.network', fc.constantFrom('eip155:1', 'eip155:8453', 'eip155:84532', 'base-sepolia')),
          shift('accepted.amount'),
          set('accepted.asset', address),
          set('accepted.payTo', address),
        ]
      : [
          set('scheme', fc.constantFrom('upto', 'EXACT', 'exact-evm')),
          set('network', fc.constantFrom('base', 'base-sepolia', 'ethereum', 'eip155:84532')),
        ]
  return fc.oneof(...common, ...terms)
}

/** Applies a mutation; undefined when it would not change the payment (e.g. the same address). */
function mutate(payload: PaymentPayload, mutation: Mutation): PaymentPayload | undefined {
  const copy = structuredClone(payload) as unknown as Record<string, unknown>
  const path = mutation.field.split('.')
  let holder = copy
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>
  const key = path.at(-1)!
  const before = holder[key]
  let after: unknown
  if (mutation.change === 'shift') {
    const value = BigInt(String(before))
    after = (mutation.up || value < mutation.by ? value + mutation.by : value - mutation.by).toString()
  } else if (mutation.change === 'set') {
    after = mutation.to
  } else {
    const hex = String(before).slice(2)
    const at = mutation.byte * 2
    const byte = Number.parseInt(hex.slice(at, at + 2), 16) ^ mutation.mask
    after = `0x${hex.slice(0, at)}${byte.toString(16).padStart(2, '0')}${hex.slice(at + 2)}` as Hex
  }
  const unchanged =
    typeof before === 'string' && typeof after === 'string'
      ? before.toLowerCase() === after.toLowerCase()
      : before === after
  if (unchanged) return undefined
  holder[key] = after
  return copy as unknown as PaymentPayload
}

/** One step of an interleaving: a new payment, a replay of an earlier one, or copies sent at once. */
type Step = { op: 'fresh'; copies: number } | { op: 'replay'; of: number; copies: number }

const steps = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('fresh' as const), copies: fc.constantFrom(1, 1, 2, 3) }),
    fc.record({ op: fc.constant('replay' as const), of: fc.nat(7), copies: fc.constantFrom(1, 1, 2, 3) }),
  ),
  { minLength: 1, maxLength: 4 },
)

/** Header values: printable text, base64 of anything, base64 JSON of near-payloads. */
function headerBytes(version: 1 | 2): fc.Arbitrary<string> {
  const printable = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 200,
  })
  const nearPayload = fc.record(
    {
      x402Version: fc.oneof(fc.constant(version), fc.integer()),
      scheme: fc.oneof(fc.constant('exact'), fc.string()),
      network: fc.string(),
      accepted: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })),
      payload: fc.record(
        {
          signature: fc.oneof(fc.constant('0x'), fc.string()),
          authorization: fc.dictionary(fc.string({ maxLength: 12 }), fc.string()),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  )
  return fc.oneof(
    printable,
    fc.base64String({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 3 }).map((value) => encodeBase64Json(value ?? null)),
    nearPayload.map((value) => encodeBase64Json(value)),
  )
}

export const propertyCases = [
  serverCase({
    id: 'server.property.single-field-mutation',
    title: 'No single-field mutation of an honest payment is delivered or moves money',
    requirements: ['RS-18', 'RS-19', 'RS-15'],
    tags: ['property', 'slow'],
    needs: ['chain'],
    timeoutMs: 60_000,
    async run(context) {
      const payer = await context.payer()
      await checkProperty(context, mutations(context.version), async (mutation) => {
        const mutated = mutate(await payer.pay(), mutation)
        fc.pre(mutated !== undefined)
        const response = await context.request({
          payment: mutated!,
          // The case version's header, whatever x402Version the mutation wrote into the payload.
          headerName: paymentHeaderName(context.version),
          label: `mutated ${mutation.field}`,
        })
        check(!isDelivery(response), `a payment with ${mutation.field} mutated was delivered`, {
          expected: 'no delivery',
          seen: `HTTP ${response.status}`,
          spec: specOf('RS-18', 'RS-19'),
        })
        const moved = await context.chain.transfers({ from: payer.address })
        check(moved.length === 0, `a payment with ${mutation.field} mutated moved money`, {
          expected: 'no transfer',
          seen: `${moved.length} transfer(s)`,
          spec: specOf('RS-18'),
        })
      })
      await context.expect.noTransfer(payer)
    },
  }),

  serverCase({
    id: 'server.property.replay-interleaving',
    title: 'Any interleaving of payments and replays delivers exactly as often as it settles',
    requirements: ['RS-37', 'RS-18', 'RS-36'],
    tags: ['property', 'slow'],
    needs: ['chain'],
    timeoutMs: 90_000,
    async run(context) {
      const payer = await context.payer()
      const price = priceOf(context)
      let delivered = 0
      await checkProperty(
        context,
        steps,
        async (plan: Step[]) => {
          const before = (await context.chain.transfers({ from: payer.address })).length
          const payments: PaymentPayload[] = []
          const deliveries: number[] = []
          let runDeliveries = 0
          for (const step of plan) {
            let index: number
            if (step.op === 'fresh' || payments.length === 0) {
              payments.push(await payer.pay())
              deliveries.push(0)
              index = payments.length - 1
            } else {
              index = step.of % payments.length
            }
            const responses = await Promise.all(
              Array.from({ length: step.copies }, () =>
                context.request({
                  payment: payments[index]!,
                  label: `payment ${index + 1} (${step.op}, ${step.copies} at once)`,
                }),
              ),
            )
            const count = responses.filter(isDelivery).length
            deliveries[index]! += count
            runDeliveries += count
          }
          delivered += runDeliveries
          check(
            deliveries.every((count) => count <= 1),
            'a payment was delivered more than once',
            {
              expected: 'each payment delivered at most once',
              seen: `deliveries per payment: ${show(deliveries)}`,
              spec: specOf('RS-37'),
            },
          )
          const transfers = (await context.chain.transfers({ from: payer.address })).slice(before)
          check(transfers.length === runDeliveries, 'deliveries and settlements differ', {
            expected: `${runDeliveries} transfer(s), one per delivery`,
            seen: `${transfers.length} transfer(s)`,
            spec: specOf('RS-36', 'RS-37'),
          })
          check(
            transfers.every(
              (t) => t.value === price && t.to.toLowerCase() === context.offer().payTo.toLowerCase(),
            ),
            'a settlement moved another amount or paid someone else',
            {
              expected: `transfers of ${price} to ${context.offer().payTo}`,
              seen: show(transfers.map((t) => ({ to: t.to, value: t.value.toString() }))),
              spec: specOf('RS-36'),
            },
          )
        },
        { numRuns: Math.max(5, Math.ceil(context.numRuns / 2)) },
      )
      const all = await context.chain.transfers({ from: payer.address })
      check(all.length === delivered, 'over the whole property, deliveries and settlements differ', {
        expected: `${delivered} transfer(s)`,
        seen: `${all.length} transfer(s)`,
        spec: specOf('RS-36', 'RS-37'),
      })
    },
  }),

  serverCase({
    id: 'server.property.header-bytes',
    title: 'No payment header made of arbitrary bytes is delivered',
    requirements: ['RS-14', 'RS-18'],
    tags: ['property'],
    timeoutMs: 60_000,
    async run(context) {
      await checkProperty(context, headerBytes(context.version), async (header) => {
        const response = await context.request({ rawHeader: header, label: 'arbitrary payment header' })
        check(!isDelivery(response), 'an arbitrary payment header was delivered', {
          expected: 'no delivery',
          seen: `HTTP ${response.status} for header ${show(header.slice(0, 80))}`,
          spec: specOf('RS-18', 'RS-14'),
        })
      })
    },
  }),
]
