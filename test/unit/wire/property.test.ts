/**
 * Properties over generated messages: every valid message survives encode → decode unchanged and
 * re-encodes to the same header; and against @x402/core's own zod schemas, this validator is never
 * laxer (whatever it accepts, the SDK accepts), also after random damage.
 */
import {
  PaymentPayloadV1Schema,
  PaymentPayloadV2Schema,
  PaymentRequiredV1Schema,
  PaymentRequiredV2Schema,
} from '@x402/core/schemas'
import fc from 'fast-check'
import { getAddress, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  checkPaymentPayloadV1,
  checkPaymentPayloadV2,
  checkPaymentRequiredV1,
  checkPaymentRequiredV2,
  EVM_CHAIN_IDS_V1,
  encodeHeader,
  safeDecodeHeader,
  safeDecodePaymentRequiredBody,
  type WireResult,
  type X402HeaderName,
} from '../../../harness/wire/index.ts'

type Json = Record<string, unknown>

const KNOWN = new Set([
  'x402Version',
  'scheme',
  'network',
  'amount',
  'maxAmountRequired',
  'asset',
  'payTo',
  'maxTimeoutSeconds',
  'extra',
  'resource',
  'description',
  'mimeType',
  'outputSchema',
  'accepts',
  'error',
  'extensions',
  'accepted',
  'payload',
  'signature',
  'authorization',
  'from',
  'to',
  'value',
  'validAfter',
  'validBefore',
  'nonce',
  'url',
  'name',
  'version',
])

/** Keys an SDK might add; never a key the schemas know, never `__proto__`. */
const extraKeys = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !KNOWN.has(k) && k !== '__proto__'),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 2 },
)

const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .chain((bytes) => fc.constantFrom(getAddress(toHex(bytes)), toHex(bytes)))
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => toHex(b))
const signature = fc.uint8Array({ minLength: 65, maxLength: 200 }).map((b) => toHex(b))
const uint = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }).map(String)
const seconds = fc.integer({ min: 1, max: 2 ** 31 })
const text = fc.string({ maxLength: 30 })
const v1Network = fc.constantFrom(...Object.keys(EVM_CHAIN_IDS_V1))
const v2Network = fc.integer({ min: 1, max: 2 ** 40 }).map((id) => `eip155:${id}`)
const eip712 = fc.record({
  name: fc.string({ minLength: 1, maxLength: 12 }),
  version: fc.constantFrom('1', '2'),
})

const withExtras = <T extends Json>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.tuple(arb, extraKeys).map(([value, extras]) => ({ ...extras, ...value }))

const requirementsV2 = withExtras(
  fc.record({
    scheme: fc.constant('exact'),
    network: v2Network,
    amount: uint,
    asset: address,
    payTo: address,
    maxTimeoutSeconds: seconds,
    extra: fc.tuple(eip712, extraKeys).map(([d, e]) => ({ ...e, ...d })),
  }),
)

const requirementsV1 = withExtras(
  fc.record(
    {
      scheme: fc.constant('exact'),
      network: v1Network,
      maxAmountRequired: uint,
      resource: fc.webUrl(),
      description: text,
      mimeType: fc.constantFrom('application/json', 'text/html'),
      payTo: address,
      maxTimeoutSeconds: seconds,
      asset: address,
      outputSchema: fc.option(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 })),
      extra: eip712,
    },
    {
      requiredKeys: [
        'scheme',
        'network',
        'maxAmountRequired',
        'resource',
        'description',
        'payTo',
        'maxTimeoutSeconds',
        'asset',
        'extra',
      ],
    },
  ),
)

const exactPayload = withExtras(
  fc.record({
    signature,
    authorization: withExtras(
      fc.record({
        from: address,
        to: address,
        value: uint,
        validAfter: uint,
        validBefore: uint,
        nonce: bytes32,
      }),
    ),
  }),
)

const resourceInfo = fc.record(
  { url: fc.webUrl(), description: text, mimeType: fc.constantFrom('application/json', 'text/plain') },
  { requiredKeys: ['url'] },
)

const paymentRequiredV2 = withExtras(
  fc.record(
    {
      x402Version: fc.constant(2 as const),
      error: text,
      resource: resourceInfo,
      accepts: fc.array(requirementsV2, { minLength: 1, maxLength: 3 }),
      extensions: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 10 }).filter((k) => k !== '__proto__'),
        fc.record({
          info: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
          schema: fc.constant({ type: 'object' }),
        }),
        { maxKeys: 2 },
      ),
    },
    { requiredKeys: ['x402Version', 'resource', 'accepts'] },
  ),
)

const paymentRequiredV1 = withExtras(
  fc.record({
    x402Version: fc.constant(1 as const),
    error: text,
    accepts: fc.array(requirementsV1, { minLength: 1, maxLength: 3 }),
  }),
)

const paymentPayloadV2 = withExtras(
  fc.record(
    {
      x402Version: fc.constant(2 as const),
      payload: exactPayload,
      resource: resourceInfo,
      accepted: requirementsV2,
    },
    { requiredKeys: ['x402Version', 'payload', 'accepted'] },
  ),
)

const paymentPayloadV1 = fc.tuple(requirementsV1, exactPayload, extraKeys).map(([r, payload, extras]) => ({
  ...extras,
  x402Version: 1 as const,
  scheme: r.scheme,
  network: r.network,
  payload,
}))

interface Kind {
  name: string
  header: X402HeaderName | 'body'
  arbitrary: fc.Arbitrary<Json>
  check: (value: unknown) => WireResult<unknown>
  sdk: { safeParse(value: unknown): { success: boolean } }
}

const kinds: Kind[] = [
  {
    name: 'PaymentRequired v2',
    header: 'PAYMENT-REQUIRED',
    arbitrary: paymentRequiredV2,
    check: checkPaymentRequiredV2,
    sdk: PaymentRequiredV2Schema,
  },
  {
    name: 'PaymentRequired v1',
    header: 'body',
    arbitrary: paymentRequiredV1,
    check: checkPaymentRequiredV1,
    sdk: PaymentRequiredV1Schema,
  },
  {
    name: 'PaymentPayload v2',
    header: 'PAYMENT-SIGNATURE',
    arbitrary: paymentPayloadV2,
    check: checkPaymentPayloadV2,
    sdk: PaymentPayloadV2Schema,
  },
  {
    name: 'PaymentPayload v1',
    header: 'X-PAYMENT',
    arbitrary: paymentPayloadV1,
    check: checkPaymentPayloadV1,
    sdk: PaymentPayloadV1Schema,
  },
]

/** Every path to a value inside `value` (objects and arrays), root excluded. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return []
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Json)
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])])
}

const DELETE = Symbol('delete')
/** Values that sit on the edge of what a field allows. */
const edgeValue = fc.constantFrom('', ' ', 0, -1, 1.5, null, true, '0', '01', '1.0', 'x', [], {})

function damage(value: Json, path: Array<string | number>, replacement: unknown): Json {
  const copy = structuredClone(value)
  let node = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>
  const last = path.at(-1)!
  if (replacement === DELETE) {
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1)
    else delete node[last]
  } else node[last] = replacement
  return copy
}

describe.each(kinds)('$name', ({ header, arbitrary, check, sdk }) => {
  it('property: generated messages are valid, and the SDK agrees', () => {
    fc.assert(
      fc.property(arbitrary, (message) => {
        expect(check(message)).toEqual({ ok: true, value: message })
        expect(sdk.safeParse(message).success).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('property: encode ∘ decode is the identity, and re-encoding gives the same header', () => {
    fc.assert(
      fc.property(arbitrary, (message) => {
        const encoded = header === 'body' ? JSON.stringify(message) : encodeHeader(message)
        const decoded =
          header === 'body' ? safeDecodePaymentRequiredBody(encoded) : safeDecodeHeader(header, encoded)
        // Compared with the JSON round trip of the message: fast-check's JSON values include -0, which JSON has not.
        expect(decoded).toEqual({ ok: true, value: JSON.parse(JSON.stringify(message)) })
        if (!decoded.ok) return
        expect(header === 'body' ? JSON.stringify(decoded.value) : encodeHeader(decoded.value)).toBe(encoded)
      }),
      { numRuns: 100 },
    )
  })

  it('property: after random damage, whatever this validator accepts the SDK accepts too', () => {
    const damaged = arbitrary.chain((message) => {
      const all = paths(message)
      return fc.record({
        message: fc.constant(message),
        path: fc.constantFrom(...all),
        replacement: fc.oneof(fc.constant(DELETE), edgeValue, fc.jsonValue({ maxDepth: 1 })),
      })
    })
    let rejected = 0
    fc.assert(
      fc.property(damaged, ({ message, path, replacement }) => {
        const value = damage(message, path, replacement)
        const ours = check(value)
        if (ours.ok) expect(sdk.safeParse(value).success).toBe(true)
        else rejected++
      }),
      { numRuns: 400 },
    )
    // The damage must actually exercise the rejecting side, or the property says nothing.
    expect(rejected).toBeGreaterThan(100)
  })
})
