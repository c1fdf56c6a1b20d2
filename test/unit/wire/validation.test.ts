/**
 * Validation names the field: table tests over every required field of every message (missing, wrong
 * type), then the format rules (amounts, addresses, CAIP-2, nonce, timeouts...), all from real vectors.
 */
import { describe, expect, it } from 'vitest'
import type { PathSegment } from '../../../harness/wire/errors.ts'
import {
  checkFacilitatorRequest,
  checkPaymentPayload,
  checkPaymentPayloadV1,
  checkPaymentPayloadV2,
  checkPaymentRequired,
  checkPaymentRequiredV1,
  checkPaymentRequiredV2,
  checkPaymentRequirementsV1,
  checkPaymentRequirementsV2,
  checkSettlementResponse,
  checkSupported,
  checkVerifyResponse,
  formatPath,
  parsePaymentPayload,
  WireError,
  type WireIssue,
  type WireResult,
} from '../../../harness/wire/index.ts'
import { copy, v1, v2 } from './vectors.ts'

type Json = Record<string, unknown>
type Checker = (value: unknown) => WireResult<unknown>

interface MessageTable {
  name: string
  base: () => Json
  check: Checker
  required: string[]
}

/** Parses `accepts[0].amount` into `['accepts', 0, 'amount']`. */
function segments(path: string): PathSegment[] {
  return path.split(/\.|(?=\[)/).map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part))
}

function parentOf(root: Json, path: PathSegment[]): Record<PropertyKey, unknown> {
  let node: unknown = root
  for (const segment of path.slice(0, -1)) node = (node as Record<PropertyKey, unknown>)[segment]
  return node as Record<PropertyKey, unknown>
}

function without(root: Json, path: string): Json {
  const value = copy(root)
  const parts = segments(path)
  delete parentOf(value, parts)[parts.at(-1)!]
  return value
}

function setAt(root: Json, path: string, replacement: unknown): Json {
  const value = copy(root)
  const parts = segments(path)
  parentOf(value, parts)[parts.at(-1)!] = replacement
  return value
}

function getAt(root: Json, path: string): unknown {
  const parts = segments(path)
  return parentOf(root, parts)[parts.at(-1)!]
}

/** A value of another JSON type than `original`. */
function wrongType(original: unknown): unknown {
  if (typeof original === 'string') return 42
  if (typeof original === 'number') return String(original)
  if (typeof original === 'boolean') return 'true'
  if (Array.isArray(original)) return {}
  return 'not-an-object'
}

function issuesOf(result: WireResult<unknown>): WireIssue[] {
  return result.ok ? [] : result.issues
}

const facilitatorRequestV2 = (): Json => ({
  x402Version: 2,
  paymentPayload: copy(v2.paymentSignature),
  paymentRequirements: copy(v2.paymentRequired.accepts[0]),
})

const supportedV2 = (): Json => ({
  kinds: [
    { x402Version: 2, scheme: 'exact', network: 'eip155:84532' },
    { x402Version: 1, scheme: 'exact', network: 'base-sepolia' },
  ],
  extensions: ['bazaar'],
  signers: { 'eip155:*': ['0x90F79bf6EB2c4f870365E785982E1f101E93b906'] },
})

const authorizationFields = ['from', 'to', 'value', 'validAfter', 'validBefore', 'nonce']

const tables: MessageTable[] = [
  {
    name: 'PaymentRequirements v2',
    base: () => copy(v2.paymentRequired.accepts[0]) as unknown as Json,
    check: checkPaymentRequirementsV2,
    required: ['scheme', 'network', 'amount', 'asset', 'payTo', 'maxTimeoutSeconds'],
  },
  {
    name: 'PaymentRequirements v1',
    base: () => copy(v1.paymentRequired.accepts[0]) as unknown as Json,
    check: checkPaymentRequirementsV1,
    required: [
      'scheme',
      'network',
      'maxAmountRequired',
      'asset',
      'payTo',
      'resource',
      'description',
      'maxTimeoutSeconds',
    ],
  },
  {
    name: 'PaymentRequired v2 (PAYMENT-REQUIRED)',
    base: () => copy(v2.paymentRequired) as unknown as Json,
    check: checkPaymentRequiredV2,
    required: ['x402Version', 'resource', 'resource.url', 'accepts', 'accepts[0].amount', 'accepts[0].payTo'],
  },
  {
    name: 'PaymentRequired v1 (402 body)',
    base: () => copy(v1.paymentRequired) as unknown as Json,
    check: checkPaymentRequiredV1,
    required: ['x402Version', 'error', 'accepts', 'accepts[0].maxAmountRequired', 'accepts[0].resource'],
  },
  {
    name: 'PaymentPayload v1 (X-PAYMENT)',
    base: () => copy(v1.xPayment) as unknown as Json,
    check: checkPaymentPayloadV1,
    required: [
      'x402Version',
      'scheme',
      'network',
      'payload',
      'payload.signature',
      'payload.authorization',
      ...authorizationFields.map((f) => `payload.authorization.${f}`),
    ],
  },
  {
    name: 'PaymentPayload v2 (PAYMENT-SIGNATURE)',
    base: () => copy(v2.paymentSignature) as unknown as Json,
    check: checkPaymentPayloadV2,
    required: [
      'x402Version',
      'accepted',
      'accepted.scheme',
      'accepted.network',
      'accepted.amount',
      'accepted.asset',
      'accepted.payTo',
      'accepted.maxTimeoutSeconds',
      'payload',
      'payload.signature',
      'payload.authorization',
      ...authorizationFields.map((f) => `payload.authorization.${f}`),
    ],
  },
  {
    name: 'SettlementResponse v1 (X-PAYMENT-RESPONSE)',
    base: () => copy(v1.xPaymentResponse) as Json,
    check: (value) => checkSettlementResponse(value, 1),
    required: ['success', 'transaction', 'network', 'payer'],
  },
  {
    name: 'SettlementResponse v2 (PAYMENT-RESPONSE)',
    base: () => copy(v2.paymentResponse) as Json,
    check: (value) => checkSettlementResponse(value, 2),
    required: ['success', 'transaction', 'network'],
  },
  {
    name: 'VerifyResponse',
    base: () => ({ isValid: false, invalidReason: 'insufficient_funds', payer: v1.xPaymentResponse.payer }),
    check: checkVerifyResponse,
    required: ['isValid'],
  },
  {
    name: 'facilitator request (/verify, /settle)',
    base: facilitatorRequestV2,
    check: checkFacilitatorRequest,
    required: [
      'x402Version',
      'paymentPayload',
      'paymentRequirements',
      'paymentPayload.accepted.amount',
      'paymentPayload.payload.authorization.nonce',
      'paymentRequirements.payTo',
    ],
  },
  {
    name: '/supported v2',
    base: supportedV2,
    check: (value) => checkSupported(value, 2),
    required: [
      'kinds',
      'extensions',
      'signers',
      'kinds[0].x402Version',
      'kinds[0].scheme',
      'kinds[1].network',
    ],
  },
  {
    name: '/supported v1',
    base: () => ({ kinds: [{ x402Version: 1, scheme: 'exact', network: 'base-sepolia' }] }),
    check: (value) => checkSupported(value, 1),
    required: ['kinds', 'kinds[0].x402Version', 'kinds[0].scheme', 'kinds[0].network'],
  },
]

describe.each(tables)('$name', ({ base, check, required }) => {
  it('the base message is valid', () => {
    expect(issuesOf(check(base()))).toEqual([])
  })

  it.each(required)('missing %s is one `missing` issue at that path', (path) => {
    expect(issuesOf(check(without(base(), path)))).toEqual([
      { path, code: 'missing', message: expect.stringMatching(/^required field is missing/) },
    ])
  })

  it.each(required)('%s with the wrong JSON type is one issue at that path', (path) => {
    const original = getAt(base(), path)
    const issues = issuesOf(check(setAt(base(), path, wrongType(original))))
    // A literal (x402Version) reports `value` (expected 2, got "2"); everything else `type`.
    const code = path.endsWith('x402Version') ? 'value' : 'type'
    expect(issues).toEqual([{ path, code, message: expect.stringMatching(/^expected .+, got /) }])
  })

  it('unknown extra keys are tolerated, at the top and nested, and the value is returned as given', () => {
    const value = { ...base(), sdkAddedField: { anything: [1, 2, 3] } }
    const result = check(value)
    expect(result.ok).toBe(true)
    expect(result.ok && result.value).toBe(value)
  })
})

interface FormatCase {
  message: string
  check: Checker
  base: () => Json
  path: string
  bad: unknown
  code: WireIssue['code']
  says: RegExp
}

const req2 = (): Json => copy(v2.paymentRequired.accepts[0]) as unknown as Json
const req1 = (): Json => copy(v1.paymentRequired.accepts[0]) as unknown as Json
const pay2 = (): Json => copy(v2.paymentSignature) as unknown as Json
const pay1 = (): Json => copy(v1.xPayment) as unknown as Json
const required2 = (): Json => copy(v2.paymentRequired) as unknown as Json
const uint256Overflow = ((1n << 256n) + 0n).toString()

const formatCases: FormatCase[] = [
  ...['01', '-1', '+1', '1.5', '1e3', ' 1', '', '0x10', '1_000'].map(
    (bad): FormatCase => ({
      message: 'v2 amount',
      check: checkPaymentRequirementsV2,
      base: req2,
      path: 'amount',
      bad,
      code: 'format',
      says: /atomic amount/,
    }),
  ),
  {
    message: 'v2 amount beyond uint256',
    check: checkPaymentRequirementsV2,
    base: req2,
    path: 'amount',
    bad: uint256Overflow,
    code: 'format',
    says: /uint256/,
  },
  {
    message: 'v1 maxAmountRequired',
    check: checkPaymentRequirementsV1,
    base: req1,
    path: 'maxAmountRequired',
    bad: '0.001',
    code: 'format',
    says: /atomic amount/,
  },
  ...['base-sepolia', 'eip155:0x14a34', 'eip155:084532', 'EIP155:84532', 'eip155:', 'eip155'].map(
    (bad): FormatCase => ({
      message: 'v2 network',
      check: checkPaymentRequirementsV2,
      base: req2,
      path: 'network',
      bad,
      code: 'format',
      says: /CAIP-2/,
    }),
  ),
  {
    message: 'v1 network given as CAIP-2',
    check: checkPaymentRequirementsV1,
    base: req1,
    path: 'network',
    bad: 'eip155:84532',
    code: 'format',
    says: /v1 network name/,
  },
  ...[
    'merchant',
    '0x90F79bf6EB2c4f870365E785982E1f101E93b90',
    '90F79bf6EB2c4f870365E785982E1f101E93b906',
  ].map(
    (bad): FormatCase => ({
      message: 'payTo on an EVM network',
      check: checkPaymentRequirementsV2,
      base: req2,
      path: 'payTo',
      bad,
      code: 'format',
      says: /address/,
    }),
  ),
  {
    message: 'asset on an EVM network',
    check: checkPaymentRequirementsV1,
    base: req1,
    path: 'asset',
    bad: 'USDC',
    code: 'format',
    says: /address/,
  },
  {
    message: 'empty scheme',
    check: checkPaymentRequirementsV2,
    base: req2,
    path: 'scheme',
    bad: '',
    code: 'format',
    says: /empty/,
  },
  ...[0, -1].map(
    (bad): FormatCase => ({
      message: 'maxTimeoutSeconds',
      check: checkPaymentRequirementsV2,
      base: req2,
      path: 'maxTimeoutSeconds',
      bad,
      code: 'value',
      says: /positive/,
    }),
  ),
  {
    message: 'fractional maxTimeoutSeconds',
    check: checkPaymentRequirementsV2,
    base: req2,
    path: 'maxTimeoutSeconds',
    bad: 1.5,
    code: 'format',
    says: /whole number/,
  },
  {
    message: 'v1 resource',
    check: checkPaymentRequirementsV1,
    base: req1,
    path: 'resource',
    bad: '/weather',
    code: 'format',
    says: /URL/,
  },
  {
    message: 'v2 resource.url',
    check: checkPaymentRequiredV2,
    base: required2,
    path: 'resource.url',
    bad: 'weather',
    code: 'format',
    says: /URL/,
  },
  {
    message: 'empty accepts',
    check: checkPaymentRequiredV2,
    base: required2,
    path: 'accepts',
    bad: [],
    code: 'value',
    says: /at least 1/,
  },
  {
    message: 'x402Version 1 in v2',
    check: checkPaymentRequiredV2,
    base: required2,
    path: 'x402Version',
    bad: 1,
    code: 'value',
    says: /expected 2/,
  },
  {
    message: 'EIP-712 version for exact EVM',
    check: checkPaymentRequiredV2,
    base: required2,
    path: 'accepts[0].extra.version',
    bad: 2,
    code: 'type',
    says: /EIP-712/,
  },
  ...['0x12', `0x${'ab'.repeat(31)}`, `0x${'ab'.repeat(33)}`, 'ab'.repeat(32), `0x${'zz'.repeat(32)}`].map(
    (bad): FormatCase => ({
      message: 'EIP-3009 nonce',
      check: checkPaymentPayloadV2,
      base: pay2,
      path: 'payload.authorization.nonce',
      bad,
      code: 'format',
      says: /32-byte hex/,
    }),
  ),
  ...['', '0x', 'abc', '0x123', `0x${'g'.repeat(130)}`].map(
    (bad): FormatCase => ({
      message: 'signature',
      check: checkPaymentPayloadV1,
      base: pay1,
      path: 'payload.signature',
      bad,
      code: 'format',
      says: /hex bytes/,
    }),
  ),
  ...['1795246176.0', '-5', '0x6B0C1D20', ''].map(
    (bad): FormatCase => ({
      message: 'validBefore',
      check: checkPaymentPayloadV2,
      base: pay2,
      path: 'payload.authorization.validBefore',
      bad,
      code: 'format',
      says: /atomic amount/,
    }),
  ),
  {
    message: 'authorization.from',
    check: checkPaymentPayloadV1,
    base: pay1,
    path: 'payload.authorization.from',
    bad: 'payer',
    code: 'format',
    says: /address/,
  },
  {
    message: 'accepted.payTo',
    check: checkPaymentPayloadV2,
    base: pay2,
    path: 'accepted.payTo',
    bad: '0xnope',
    code: 'format',
    says: /address/,
  },
  {
    message: 'x402Version 2 in an X-PAYMENT payload',
    check: checkPaymentPayloadV1,
    base: pay1,
    path: 'x402Version',
    bad: 2,
    code: 'value',
    says: /expected 1/,
  },
  {
    message: 'v2 settlement amount',
    check: (value) => checkSettlementResponse(value, 2),
    base: () => copy(v2.paymentResponse) as Json,
    path: 'amount',
    bad: '10.5',
    code: 'format',
    says: /atomic amount/,
  },
]

describe('format rules', () => {
  it.each(formatCases)(
    '$message = $bad is reported at $path ($code)',
    ({ check, base, path, bad, code, says }) => {
      const issues = issuesOf(check(setAt(base(), path, bad)))
      expect(issues).toEqual([{ path, code, message: expect.stringMatching(says) }])
      // The message also quotes what was received, so a report can show it.
      if (typeof bad === 'string' && bad !== '' && bad.length < 60)
        expect(issues[0]?.message).toContain(JSON.stringify(bad))
    },
  )

  it('valid edge values are accepted', () => {
    const ok = (check: Checker, value: Json): void => expect(issuesOf(check(value))).toEqual([])
    ok(checkPaymentRequirementsV2, setAt(req2(), 'amount', '0'))
    ok(checkPaymentRequirementsV2, setAt(req2(), 'amount', ((1n << 256n) - 1n).toString()))
    ok(checkPaymentRequirementsV2, setAt(req2(), 'payTo', '0x90f79bf6eb2c4f870365e785982e1f101e93b906'))
    ok(checkPaymentRequirementsV2, setAt(setAt(req2(), 'scheme', 'upto'), 'extra', null))
    // Non-EVM networks: asset and payTo are not EVM addresses (spec-v2: ISO 4217 code, role constant).
    ok(checkPaymentRequirementsV2, { ...req2(), network: 'ach:us', asset: 'USD', payTo: 'merchant' })
    ok(checkPaymentRequirementsV2, {
      ...req2(),
      network: 'solana:EtWTRABZaYq6iMfeYKouRu166VU2xqa1',
      asset: '4zMMC9srt5Ri5X14GAgXhaHii3GnPAEERYPJgZJDncDU',
      payTo: '2wKupLR9q6wXYppw8Gr2NvWxKBUqm4PPJKkQfoxHDBg4',
    })
    // Permit2 leaves the EIP-712 token domain out of extra.
    ok(checkPaymentRequirementsV2, setAt(req2(), 'extra', { assetTransferMethod: 'permit2' }))
    ok(checkPaymentRequirementsV1, setAt(req1(), 'outputSchema', null))
    ok(checkPaymentRequirementsV1, without(without(req1(), 'mimeType'), 'outputSchema'))
    ok((value) => checkSettlementResponse(value, 2), without(copy(v2.paymentResponse) as Json, 'payer'))
    ok((value) => checkSettlementResponse(value, 1), {
      success: false,
      errorReason: 'insufficient_funds',
      transaction: '',
      network: 'base-sepolia',
      payer: v1.xPaymentResponse.payer,
    })
    ok(checkPaymentPayloadV2, setAt(pay2(), 'payload.signature', `0x${'ab'.repeat(200)}`))
  })

  it('a payTo of another case than the checksum is accepted (the SDKs compare addresses case-insensitively)', () => {
    const lower = setAt(
      pay2(),
      'accepted.payTo',
      (v2.paymentSignature.accepted.payTo as string).toLowerCase(),
    )
    expect(checkPaymentPayloadV2(lower).ok).toBe(true)
  })
})

describe('cross-field rules', () => {
  it('a successful settlement must name its transaction', () => {
    const result = checkSettlementResponse({ ...copy(v2.paymentResponse), transaction: '' }, 2)
    expect(issuesOf(result)).toEqual([
      { path: 'transaction', code: 'mismatch', message: expect.stringMatching(/success/) },
    ])
  })

  it('a facilitator request whose x402Version disagrees with its payload is a mismatch', () => {
    const result = checkFacilitatorRequest({ ...facilitatorRequestV2(), x402Version: 1 })
    expect(issuesOf(result)).toEqual([
      {
        path: 'paymentPayload.x402Version',
        code: 'mismatch',
        message: "is 2 but the request's x402Version is 1",
      },
    ])
  })

  it('a facilitator request judges v1 payloads with v1 rules', () => {
    const request = { x402Version: 1, paymentPayload: copy(v1.xPayment), paymentRequirements: req2() }
    const paths = issuesOf(checkFacilitatorRequest(request)).map((i) => i.path)
    expect(paths).toEqual([
      'paymentRequirements.network',
      'paymentRequirements.maxAmountRequired',
      'paymentRequirements.resource',
      'paymentRequirements.description',
    ])
  })

  it('a v1 /supported response lists only v1 kinds', () => {
    const result = checkSupported(
      { kinds: [{ x402Version: 2, scheme: 'exact', network: 'eip155:84532' }] },
      1,
    )
    expect(issuesOf(result)).toEqual([
      { path: 'kinds[0].x402Version', code: 'value', message: expect.stringMatching(/only v1 kinds/) },
    ])
  })

  it('a v2 /supported kind uses the network format of its own version', () => {
    const value = supportedV2()
    ;(value.kinds as Json[])[1]!.network = 'eip155:84532'
    expect(issuesOf(checkSupported(value, 2))).toEqual([
      { path: 'kinds[1].network', code: 'format', message: expect.stringMatching(/v1 network name/) },
    ])
  })

  it('exact EVM requirements carry the token EIP-712 domain in extra (unless Permit2)', () => {
    expect(issuesOf(checkPaymentRequiredV2(without(required2(), 'accepts[0].extra.name')))).toEqual([
      {
        path: 'accepts[0].extra.name',
        code: 'missing',
        message: expect.stringMatching(/EIP-712 domain name/),
      },
    ])
    expect(issuesOf(checkPaymentRequirementsV2(setAt(req2(), 'extra', null))).map((i) => i.path)).toEqual([
      'extra.name',
      'extra.version',
    ])
    expect(issuesOf(checkPaymentRequirementsV1(without(req1(), 'extra'))).map((i) => i.path)).toEqual([
      'extra.name',
      'extra.version',
    ])
  })

  it('a Permit2 exact payload is checked as Permit2, not as EIP-3009', () => {
    const permit2 = {
      ...pay2(),
      accepted: { ...req2(), extra: { assetTransferMethod: 'permit2' } },
      payload: {
        signature: `0x${'11'.repeat(65)}`,
        permit2Authorization: {
          permitted: { token: v2.paymentSignature.accepted.asset, amount: '1000' },
          from: v1.xPaymentResponse.payer,
          spender: '0x402085c248EeA27D92E8b30b2C58ed07f9E20001',
          nonce: '12345678901234567890',
          deadline: '1795246176',
          witness: { to: v2.paymentSignature.accepted.payTo, validAfter: '0' },
        },
      },
    }
    expect(issuesOf(checkPaymentPayloadV2(permit2))).toEqual([])
    const bad = setAt(permit2, 'payload.permit2Authorization.nonce', `0x${'ab'.repeat(32)}`)
    expect(issuesOf(checkPaymentPayloadV2(bad))).toEqual([
      {
        path: 'payload.permit2Authorization.nonce',
        code: 'format',
        message: expect.stringMatching(/atomic amount/),
      },
    ])
  })

  it('a non-exact or non-EVM scheme payload is only required to be an object', () => {
    const upto = setAt(pay2(), 'accepted.scheme', 'upto')
    expect(checkPaymentPayloadV2(setAt(upto, 'payload', { anything: true })).ok).toBe(true)
    expect(
      checkPaymentPayloadV1(setAt(setAt(pay1(), 'network', 'solana'), 'payload', { transaction: 'AAA' })).ok,
    ).toBe(true)
  })
})

describe('reporting', () => {
  it('every problem is reported, not only the first', () => {
    let value = pay2()
    value = setAt(value, 'accepted.amount', '1.0')
    value = without(value, 'accepted.asset')
    value = setAt(value, 'payload.authorization.nonce', '0x00')
    value = setAt(value, 'payload.authorization.value', 1000)
    value = setAt(value, 'resource', { description: 'no url' })
    const paths = issuesOf(checkPaymentPayload(value)).map((i) => `${i.path}:${i.code}`)
    expect(paths.sort()).toEqual(
      [
        'accepted.amount:format',
        'accepted.asset:missing',
        'payload.authorization.nonce:format',
        'payload.authorization.value:type',
        'resource.url:missing',
      ].sort(),
    )
  })

  it('the dispatching checks need a usable x402Version', () => {
    expect(issuesOf(checkPaymentPayload({}))).toEqual([
      { path: 'x402Version', code: 'missing', message: 'required field is missing (expected 1 or 2)' },
    ])
    expect(issuesOf(checkPaymentRequired({ x402Version: 3 }))).toEqual([
      { path: 'x402Version', code: 'value', message: 'expected 1 or 2, got the number 3' },
    ])
    expect(issuesOf(checkPaymentPayload('x'))).toEqual([
      { path: '', code: 'type', message: 'expected an object, got the string "x"' },
    ])
    expect(issuesOf(checkPaymentPayload(null))).toEqual([
      { path: '', code: 'type', message: 'expected an object, got null' },
    ])
  })

  it('parse functions throw a WireError that carries every issue and names the paths in its message', () => {
    const value = setAt(setAt(pay1(), 'payload.authorization.nonce', '0x1'), 'network', 'eip155:84532')
    try {
      parsePaymentPayload(value)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(WireError)
      const e = error as WireError
      expect(e.subject).toBe('PaymentPayload')
      expect(e.issues.map((i) => i.path)).toEqual(['network', 'payload.authorization.nonce'])
      expect(e.message).toMatch(/^PaymentPayload: network: expected a v1 network name/)
    }
  })

  it('formatPath quotes keys that are not identifiers', () => {
    expect(formatPath(['accepts', 0, 'extra', 'name'])).toBe('accepts[0].extra.name')
    expect(formatPath(['extensions', 'sign-in-with-x', 'info'])).toBe('extensions["sign-in-with-x"].info')
    expect(formatPath([])).toBe('')
  })
})
