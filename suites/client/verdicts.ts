/**
 * The client suite's verdict vocabulary: what the client must have sent (one paid retry, in the right
 * header, standard base64 JSON, a valid payload, a faithful `accepted`, an authorization that matches the
 * offer and recovers to `from`), what it must not have sent (a payment for a challenge it cannot
 * honour, a second payment), and how it must end (a clean report). Each check fails with what was
 * expected, what was seen and the catalogue's spec section.
 *
 * Where the spec is silent the slack is documented here: see the `*_SLACK_SECONDS` constants.
 */
import { isDeepStrictEqual } from 'node:util'
import { type Address, getAddress, type Hex, isAddressEqual } from 'viem'
import { matchOffered, type PaywallRequest } from '../../harness/actors/paywall/index.ts'
import { check, show } from '../../harness/model/expect.ts'
import type { SpecRef } from '../../harness/model/result.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import {
  authorizationFromWire,
  authorizationTypedData,
  recoverAuthorizationSigner,
} from '../../harness/schemes/exact-evm/eip3009.ts'
import { exactDomain, requiredAmount, typedDataEvidence } from '../../harness/schemes/exact-evm/payment.ts'
import type { ClientReport } from '../../harness/targets/client-report.ts'
import {
  checkPaymentPayloadV1,
  checkPaymentPayloadV2,
  decodeBase64,
  decodeBase64Json,
  getHeader,
  paymentHeaderName,
  paymentResponseHeaderName,
  safeDecodeHeader,
  type WireIssue,
} from '../../harness/wire/index.ts'
import type {
  ExactEvmAuthorization,
  ExtensionEntry,
  PaymentRequirements,
  PaymentRequirementsV2,
  X402Version,
} from '../../harness/wire/types.ts'
import { requirementById } from '../catalog/index.ts'
import { specRefs } from '../spec-refs.ts'
import type { ClientCaseContext, ClientRun, ObservedPayment } from './context.ts'
import { record, sentAuthorization } from './observe.ts'

/**
 * How far the client's `validAfter` may lie ahead of the suite's clock when the payment arrives. Client
 * and suite share the machine's clock, so this only absorbs rounding to whole seconds; a client on
 * another machine (a driver) may need its clock set right.
 */
export const VALID_AFTER_SLACK_SECONDS = 2

/**
 * How far `validBefore` may lie beyond `maxTimeoutSeconds` after the payment arrives (CL-32). The client
 * computes `now + maxTimeoutSeconds` before it sends, so an honest client is at or below the bound; the
 * slack absorbs whole-second rounding and a small clock difference. The spec sets no bound at all, so
 * exceeding it is a SHOULD.
 */
export const VALID_BEFORE_SLACK_SECONDS = 5

/** The reference facilitators refuse `validBefore < now + 6` ("3 blocks"), so a payment needs this much left. */
export const MIN_REMAINING_VALIDITY_SECONDS = 6

/** The spec sections of catalogue requirements, for a failure's `spec`. */
export const refs: (...ids: string[]) => SpecRef[] = specRefs

/** What the client did, in one line: each request and its answer, then its report. */
export function describeRun(run: ClientRun): string {
  const requests = run.requests.map((request) => describeRequest(request)).join('; ')
  const ending =
    run.report !== undefined
      ? `reported ${show({ success: run.report.success, status: run.report.status })}`
      : `no report (${run.contractFailure?.message ?? 'unknown'})`
  return `${run.requests.length} request(s)${requests === '' ? '' : `: ${requests}`}; ${ending}`
}

function describeRequest(request: PaywallRequest): string {
  const payments = ['payment-signature', 'x-payment'].filter((name) => request.headers[name] !== undefined)
  const carried = payments.length === 0 ? 'no payment' : payments.map((name) => name.toUpperCase()).join('+')
  const answer = request.reply?.drop ? 'dropped' : String(request.reply?.status ?? '?')
  return `#${request.seq} ${request.method}${request.origin === 'foreign' ? ' (foreign origin)' : ''} ${carried} → ${answer}`
}

/** The requests that carried a payment header, in order. */
export function paidRequests(run: ClientRun): PaywallRequest[] {
  const seen = new Set<PaywallRequest>()
  for (const payment of run.payments) seen.add(payment.request)
  return [...seen]
}

/**
 * The client paid the honest challenge with exactly one paid request; returns its payment (the one in
 * the version's header when it sent several headers). More than one paid request is CL-18 (a SHOULD).
 */
export function expectOnePayment(run: ClientRun, version: X402Version): ObservedPayment {
  const paid = paidRequests(run)
  if (paid.length === 0) {
    throw new CheckFailure('the client did not pay an honest challenge it supports', {
      expected: `one retry of the request carrying ${paymentHeaderName(version)}`,
      seen: describeRun(run),
      spec: refs('CL-1'),
    })
  }
  const first = paid[0]!
  const payment =
    run.payments.find((p) => p.request === first && p.header === paymentHeaderName(version)) ??
    run.payments.find((p) => p.request === first)!
  check(paid.length === 1, 'the client paid more than once for one resource', {
    expected: 'exactly one paid request',
    seen: describeRun(run),
    spec: refs('CL-18'),
    level: requirementLevel('CL-18'),
  })
  return payment
}

/** The client sent no payment header at all (it signed nothing it could be held to). */
export function expectNoPayment(run: ClientRun, challenge: string, requirements: string[]): void {
  if (run.payments.length === 0) return
  const first = run.payments[0]!
  throw new CheckFailure(`the client paid ${challenge}`, {
    expected: 'no payment header: the client refuses to sign',
    seen: `${describeRun(run)}; it sent ${first.header}: ${summarisePayment(first)}`,
    spec: refs(...requirements),
  })
}

/** The client refused `challenge`: it paid nothing and ended with a report of the failure. */
export function expectRefused(run: ClientRun, challenge: string, requirements: string[]): void {
  expectNoPayment(run, challenge, requirements)
  expectCleanFailure(run)
}

/** The client paid at most once (a second 402 after paying must not be paid again, CL-18). */
export function expectAtMostOnePayment(run: ClientRun, situation: string): void {
  const paid = paidRequests(run)
  check(paid.length <= 1, `the client paid again ${situation}`, {
    expected: 'at most one paid request, then a report of the failure',
    seen: describeRun(run),
    spec: refs('CL-18'),
    level: requirementLevel('CL-18'),
  })
}

/**
 * The client ended cleanly: it gave its report (no crash, no hang), and did not claim a success it did
 * not get. A missing report is a SHOULD (robustness); a false success is graded at the case's level.
 */
export function expectCleanFailure(run: ClientRun): ClientReport {
  const report = run.report
  if (report === undefined) {
    throw new CheckFailure(
      `the client did not fail cleanly: ${run.contractFailure?.message ?? 'no report'}`,
      {
        expected: 'a report {"success": false, "status": …} (DESIGN.md client contract)',
        seen: run.contractFailure?.seen ?? describeRun(run),
        level: 'SHOULD',
      },
    )
  }
  check(!report.success, 'the client reported success for a resource it did not obtain', {
    expected: '"success": false',
    seen: describeRun(run),
  })
  return report
}

/** A payment's decoded JSON object (any base64 alphabet), or a failure saying it is not JSON. */
export function payloadJson(payment: ObservedPayment): Record<string, unknown> {
  const json = record(payment.json)
  if (json === undefined) {
    throw new CheckFailure(`the ${payment.header} header does not hold a JSON object`, {
      expected: 'base64 of a JSON PaymentPayload',
      seen: clip(payment.raw),
      spec: refs('X-7'),
    })
  }
  return json
}

/** The payment came in the header of the challenge's version, with a payload of that version (CL-1, CL-35). */
export function expectVersionHeader(payment: ObservedPayment, version: X402Version): void {
  const header = paymentHeaderName(version)
  check(payment.header === header, `the payment came in ${payment.header}, not in the v${version} header`, {
    expected: `${header} (a v${version} challenge)`,
    seen: payment.header,
    spec: refs('CL-1', 'CL-35'),
  })
  const sentVersion = payloadJson(payment).x402Version
  check(
    sentVersion === version,
    `the payment answers a v${version} challenge with x402Version ${show(sentVersion)}`,
    {
      expected: `x402Version: ${version}`,
      seen: `x402Version: ${show(sentVersion)}`,
      spec: refs('CL-35'),
    },
  )
}

/**
 * The header value is standard base64 of UTF-8 JSON (X-7, a MUST); base64url is a SHOULD (X-8: every
 * reference decoder rejects it); missing padding passes, as the catalogue holds.
 */
export function expectStandardBase64(payment: ObservedPayment): void {
  const base64 = decodeBase64(payment.raw)
  if (!base64.ok) {
    const problem = base64.issues[0]!.message
    if (/base64url/.test(problem)) {
      throw new CheckFailure(`the ${payment.header} header uses the base64url alphabet`, {
        expected: 'standard base64 (RFC 4648 §4, + and /)',
        seen: `${problem}: ${clip(payment.raw)}`,
        spec: refs('X-8'),
        level: requirementLevel('X-8'),
      })
    }
    const unpadded = /padding/.test(problem) && decodeBase64(padded(payment.raw)).ok
    if (!unpadded) {
      throw new CheckFailure(`the ${payment.header} header is not base64-encoded JSON`, {
        expected: 'base64 of the JSON PaymentPayload',
        seen: `${problem}: ${clip(payment.raw)}`,
        spec: refs('X-7'),
      })
    }
  }
  const json = decodeBase64Json(base64.ok ? payment.raw : padded(payment.raw))
  if (!json.ok) {
    throw new CheckFailure(`the ${payment.header} header is base64, but not of UTF-8 JSON`, {
      expected: 'base64 of the JSON PaymentPayload',
      seen: `${json.issues[0]!.message}: ${clip(payment.raw)}`,
      spec: refs('X-7'),
    })
  }
}

function padded(raw: string): string {
  return raw.length % 4 === 0 ? raw : raw + '='.repeat(4 - (raw.length % 4))
}

/** The payload passes the schema of its version, exact EVM payload included (CL-2/CL-3, CL-5, X-3/X-10, X-11). */
export function expectPayloadSchema(payment: ObservedPayment, version: X402Version): void {
  const json = payloadJson(payment)
  const checked = version === 1 ? checkPaymentPayloadV1(json) : checkPaymentPayloadV2(json)
  if (checked.ok) return
  throw new CheckFailure(`the v${version} PaymentPayload is malformed`, {
    expected: `a v${version} PaymentPayload with an exact EVM payload (every field present, strings where the spec says string)`,
    seen: describeIssues(checked.issues),
    spec: refs(version === 1 ? 'CL-3' : 'CL-2', 'CL-5'),
  })
}

/** Uint fields are decimal strings (CL-29, a SHOULD; the schema case already fails a non-string). */
export function expectDecimalStrings(payment: ObservedPayment): void {
  const sent = sentAuthorization(payment.json)
  if (sent === undefined) return
  for (const field of ['value', 'validAfter', 'validBefore'] as const) {
    const value = sent[field]
    check(
      typeof value === 'string' && /^(0|[1-9][0-9]*)$/.test(value),
      `authorization.${field} is not a decimal string`,
      {
        expected: 'a decimal integer string, as in every spec example',
        seen: show(value),
        spec: refs('CL-29'),
        level: requirementLevel('CL-29'),
      },
    )
  }
}

/**
 * The offer the payment pays: v2 its `accepted` must be a faithful copy of one offered entry (CL-23); v1
 * its scheme and network must be one offer's (CL-19; several offers on one network are told apart by
 * `payTo`).
 */
export function expectOfferedTerms(
  payment: ObservedPayment,
  version: X402Version,
  offers: readonly PaymentRequirements[],
): PaymentRequirements {
  const json = payloadJson(payment)
  if (version === 2) {
    const matched = matchOffered(2, json, offers)
    if (matched !== undefined) return matched
    throw new CheckFailure('accepted is not a copy of any offered requirement', {
      expected: `one of the offered entries, field for field: ${show(offers)}`,
      seen: `accepted: ${show(json.accepted)}${describeDifference(json.accepted, offers)}`,
      spec: refs('CL-23'),
    })
  }
  const candidates = offers.filter((offer) => offer.scheme === json.scheme && offer.network === json.network)
  if (candidates.length === 0) {
    throw new CheckFailure('the v1 payment names a scheme and network that were not offered', {
      expected: `one of ${show(offers.map((offer) => ({ scheme: offer.scheme, network: offer.network })))}`,
      seen: show({ scheme: json.scheme, network: json.network }),
      spec: refs('CL-19'),
    })
  }
  const to = sentAuthorization(json)?.to
  return candidates.find((offer) => typeof to === 'string' && sameAddress(offer.payTo, to)) ?? candidates[0]!
}

function describeDifference(accepted: unknown, offers: readonly PaymentRequirements[]): string {
  const sent = record(accepted)
  if (sent === undefined || offers.length === 0) return ''
  const closest = offers[0] as PaymentRequirementsV2
  const differing = Object.keys({ ...closest, ...sent }).filter(
    (key) => !isDeepStrictEqual((closest as unknown as Record<string, unknown>)[key], sent[key]),
  )
  return differing.length === 0 ? '' : ` (differs from the first offer in: ${differing.join(', ')})`
}

/** The authorization, parsed for judging; a malformed one fails with the schema's words. */
export function expectAuthorization(payment: ObservedPayment): ExactEvmAuthorization & { signature: string } {
  const sent = sentAuthorization(payment.json)
  if (sent === undefined) {
    throw new CheckFailure('the payment carries no EIP-3009 authorization', {
      expected: 'payload {signature, authorization {from, to, value, validAfter, validBefore, nonce}}',
      seen: clip(show(payment.json)),
      spec: refs('CL-5'),
    })
  }
  return sent as unknown as ExactEvmAuthorization & { signature: string }
}

/** `authorization.to` is the offer's `payTo` (CL-6; addresses compared case-insensitively). */
export function expectPaysPayTo(payment: ObservedPayment, offer: PaymentRequirements): void {
  const { to } = expectAuthorization(payment)
  check(typeof to === 'string' && sameAddress(to, offer.payTo), 'authorization.to is not the offered payTo', {
    expected: `to = ${offer.payTo}`,
    seen: `to = ${show(to)}`,
    spec: refs('CL-6'),
  })
}

/**
 * `authorization.value` is the offered amount exactly (CL-30). v1 allows paying more ("meets or exceeds"):
 * an overpayment there is a SHOULD, since it costs the payer and the reference clients pay exactly.
 */
export function expectPaysAmount(
  payment: ObservedPayment,
  offer: PaymentRequirements,
  version: X402Version,
): void {
  const { value } = expectAuthorization(payment)
  const amount = BigInt(requiredAmount(offer, version))
  const sent = typeof value === 'string' && /^[0-9]+$/.test(value) ? BigInt(value) : undefined
  const details = { expected: `value = ${amount}`, seen: `value = ${show(value)}`, spec: refs('CL-30') }
  check(sent !== undefined, 'authorization.value is not an amount', details)
  if (version === 1 && sent > amount) {
    throw new CheckFailure('the v1 authorization pays more than maxAmountRequired', {
      ...details,
      level: 'SHOULD',
    })
  }
  check(
    sent === amount,
    version === 1
      ? 'the v1 authorization pays less than maxAmountRequired'
      : 'authorization.value is not the offered amount',
    details,
  )
}

/**
 * The time window is open when the payment arrives: validAfter not in the future (CL-31, a MUST: the
 * server could settle it later), validBefore not passed (CL-45, a SHOULD: an expired one moves nothing). And validBefore leaves at least {@link MIN_REMAINING_VALIDITY_SECONDS} and at
 * most maxTimeoutSeconds (+ {@link VALID_BEFORE_SLACK_SECONDS}) (CL-32, a SHOULD).
 */
export function expectTimeWindow(payment: ObservedPayment, offer: PaymentRequirements): void {
  const { validAfter, validBefore } = expectAuthorization(payment)
  const now = BigInt(payment.receivedAt)
  const after = uint(validAfter, 'validAfter')
  const before = uint(validBefore, 'validBefore')
  const window = `validAfter ${after}, validBefore ${before}, received at ${now} (maxTimeoutSeconds ${offer.maxTimeoutSeconds})`
  check(after <= now + BigInt(VALID_AFTER_SLACK_SECONDS), 'authorization.validAfter is in the future', {
    expected: `validAfter <= now (+${VALID_AFTER_SLACK_SECONDS} s of rounding)`,
    seen: window,
    spec: refs('CL-31'),
  })
  // An expired authorization can never move funds: a SHOULD, graded by risk (CL-45).
  check(before > now, 'authorization.validBefore has already passed when the payment arrives', {
    expected: 'validBefore > now',
    seen: window,
    spec: refs('CL-45', 'CL-31'),
    level: requirementLevel('CL-45'),
  })
  const level = requirementLevel('CL-32')
  check(
    before >= now + BigInt(MIN_REMAINING_VALIDITY_SECONDS),
    'authorization.validBefore leaves too little time to settle',
    {
      expected: `validBefore >= now + ${MIN_REMAINING_VALIDITY_SECONDS} (reference facilitators refuse less)`,
      seen: window,
      spec: refs('CL-32'),
      level,
    },
  )
  const bound = now + BigInt(offer.maxTimeoutSeconds) + BigInt(VALID_BEFORE_SLACK_SECONDS)
  check(before <= bound, 'authorization.validBefore lies beyond maxTimeoutSeconds', {
    expected: `validBefore <= now + maxTimeoutSeconds (+${VALID_BEFORE_SLACK_SECONDS} s of slack) = ${bound}`,
    seen: window,
    spec: refs('CL-32'),
    level,
  })
}

/** `authorization.nonce` is a 0x-prefixed 32-byte hex string (CL-5). */
export function expectNonceFormat(nonce: unknown): asserts nonce is string {
  check(
    typeof nonce === 'string' && /^0x[0-9a-fA-F]{64}$/.test(nonce),
    'authorization.nonce is not 32 bytes of hex',
    {
      expected: 'a 0x-prefixed 32-byte hex string',
      seen: show(nonce),
      spec: refs('CL-5'),
    },
  )
}

/**
 * The nonce is 32 bytes of hex (CL-5), was not used in any other payment of this worker (CL-33: the
 * version probes and every other case count), and is not already used on chain.
 */
export async function expectFreshNonce(
  context: Pick<ClientCaseContext, 'nonceSeenElsewhere' | 'chain'>,
  run: ClientRun,
  payment: ObservedPayment,
): Promise<void> {
  const { from, nonce } = expectAuthorization(payment)
  expectNonceFormat(nonce)
  const elsewhere = context.nonceSeenElsewhere(run).get(nonce.toLowerCase())
  check(elsewhere === undefined, 'the client reused a nonce from another payment', {
    expected:
      'a fresh random 32-byte nonce for every payment (a repeat, even by another payer, is not random)',
    seen: `nonce ${nonce} was also sent in: ${elsewhere}`,
    spec: refs('CL-33'),
  })
  if (typeof from === 'string' && /^0x[0-9a-fA-F]{40}$/.test(from)) {
    // The nonce state now includes this payment's own settlement; what matters is the state before it.
    const settled = payment.request.settlement?.response?.success === true
    if (!settled) {
      const used = await context.chain.authorizationUsed(from, nonce)
      check(!used, 'the nonce is already used on chain', {
        expected: 'a nonce the token has never seen for this payer',
        seen: `authorizationState(${from}, ${nonce}) = true`,
        spec: refs('CL-33'),
      })
    }
  }
}

/**
 * The signature recovers to `authorization.from` under the offer's domain: `extra.name`,
 * `extra.version`, the chain id of the offered network and the offered `asset` (CL-7), and is the
 * 65-byte form an EOA makes (CL-28). Records the typed data as evidence.
 */
export async function expectSignatureRecovers(
  context: Pick<ClientCaseContext, 'evidence'>,
  payment: ObservedPayment,
  offer: PaymentRequirements,
): Promise<Address> {
  const sent = expectAuthorization(payment)
  const domain = exactDomain(offer)
  let authorization: ReturnType<typeof authorizationFromWire>
  try {
    authorization = authorizationFromWire(sent)
  } catch (error) {
    throw new CheckFailure('the authorization cannot be read as EIP-3009 typed data', {
      expected: 'addresses, decimal uint256 strings and a 32-byte nonce',
      seen: error instanceof Error ? error.message : String(error),
      spec: refs('CL-5'),
    })
  }
  const typedData = authorizationTypedData(domain, authorization)
  const signature = sent.signature
  check(
    typeof signature === 'string' && /^0x[0-9a-fA-F]{130}$/.test(signature),
    'the signature is not a 65-byte ECDSA signature',
    {
      expected: '0x followed by 130 hex digits',
      seen: show(signature),
      spec: refs('CL-28'),
    },
  )
  let signer: Address
  try {
    signer = await recoverAuthorizationSigner(typedData, signature as Hex)
  } catch (error) {
    throw new CheckFailure('the signature cannot be recovered', {
      expected: `an EIP-712 signature by ${authorization.from}`,
      seen: error instanceof Error ? error.message.split('\n')[0] : String(error),
      spec: refs('CL-7'),
    })
  }
  context.evidence.add(
    typedDataEvidence(
      typedData,
      signer,
      signature,
      "the authorization the client signed, under the offer's domain",
    ),
  )
  check(
    isAddressEqual(signer, authorization.from),
    'the signature does not recover to authorization.from under the offered domain',
    {
      expected: `signer ${authorization.from} under domain ${show(domain)}`,
      seen: `signer ${signer} (signed under another domain, chain or token, or by another key)`,
      spec: refs('CL-7'),
    },
  )
  return signer
}

/** Every offered extension comes back with each `info` key unchanged (CL-4; additions allowed). */
export function expectExtensionsEchoed(
  payment: ObservedPayment,
  offered: Record<string, ExtensionEntry>,
): void {
  const sent = record(payloadJson(payment).extensions)
  for (const [name, entry] of Object.entries(offered)) {
    const echoed = record(record(sent?.[name])?.info)
    check(echoed !== undefined, `the payment does not echo the ${name} extension`, {
      expected: `extensions.${name}.info with at least ${show(entry.info)}`,
      seen: `extensions: ${show(sent)}`,
      spec: refs('CL-4'),
    })
    for (const [key, value] of Object.entries(entry.info)) {
      check(isDeepStrictEqual(echoed[key], value), `extensions.${name}.info.${key} was dropped or changed`, {
        expected: show(value),
        seen: Object.hasOwn(echoed, key) ? show(echoed[key]) : 'absent',
        spec: refs('CL-4'),
      })
    }
  }
}

/**
 * The client read the settlement header of the paid response and reported it: success, status 200, and
 * a `paymentResponse` equal to what the header carried.
 */
export function expectSettlementReported(
  run: ClientRun,
  payment: ObservedPayment,
  version: X402Version,
): void {
  const reply = payment.request.reply
  const name = paymentResponseHeaderName(version)
  const raw = reply?.headers === undefined ? undefined : getHeader(reply.headers, name)
  check(
    reply?.status === 200 && raw !== undefined,
    'the paywall did not deliver (the payment did not settle)',
    {
      expected: `200 with ${name}`,
      seen: `${reply?.status ?? 'no answer'}; settlement: ${show(payment.request.settlement?.response ?? payment.request.settlement?.error)}`,
      spec: refs('CL-1'),
    },
  )
  const settlement = safeDecodeHeader(name, raw)
  const report = run.report
  check(report !== undefined, 'the client gave no report', { expected: 'a report', seen: describeRun(run) })
  check(report.success && report.status === 200, 'the client did not report the delivered resource', {
    expected: '"success": true, "status": 200',
    seen: show({ success: report.success, status: report.status }),
  })
  check(
    settlement.ok && isDeepStrictEqual(report.paymentResponse, settlement.value),
    `the client did not report the ${name} it received`,
    {
      expected: `paymentResponse = ${show(settlement.ok ? settlement.value : raw)}`,
      seen: `paymentResponse = ${show(report.paymentResponse)}`,
      spec: refs('CL-36'),
    },
  )
}

/** The paid request repeats the unpaid one: same method and URL (CL-22). */
export function expectSameRequest(run: ClientRun, payment: ObservedPayment): void {
  const first = run.requests[0]
  check(first !== undefined && first !== payment.request, 'the client paid before it was asked to', {
    expected: 'a request without payment, a 402, then the paid retry',
    seen: describeRun(run),
    spec: refs('CL-22'),
  })
  const paid = payment.request
  check(
    paid.method === first.method && paid.url === first.url,
    'the paid request is not a repeat of the original request',
    {
      expected: `${first.method} ${first.url}`,
      seen: `${paid.method} ${paid.url}`,
      spec: refs('CL-22'),
    },
  )
}

/** The level the catalogue gives a requirement, as a check level. */
export function requirementLevel(id: string): 'MUST' | 'SHOULD' | 'MAY' {
  const { level } = requirementById(id)
  return level === 'schema' ? 'MUST' : level
}

/** A short account of a payment for a failure message. */
export function summarisePayment(payment: ObservedPayment): string {
  const sent = sentAuthorization(payment.json)
  if (sent === undefined) return clip(show(payment.json ?? payment.raw))
  return show({ to: sent.to, value: sent.value, validBefore: sent.validBefore, nonce: sent.nonce })
}

function uint(value: unknown, field: string): bigint {
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return BigInt(value)
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value)
  throw new CheckFailure(`authorization.${field} is not an unsigned integer`, {
    expected: 'a decimal integer string',
    seen: show(value),
    spec: refs('CL-5'),
  })
}

function sameAddress(a: string, b: string): boolean {
  try {
    return getAddress(a.toLowerCase()) === getAddress(b.toLowerCase())
  } catch {
    return false
  }
}

function describeIssues(issues: readonly WireIssue[]): string {
  return issues
    .slice(0, 6)
    .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
    .join('; ')
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text
}
