/** Verdicts on a client run as a whole: how many payments it sent, its refusals, its report, the retried request. */
import type { PaywallRequest } from '../../../harness/actors/paywall/index.ts'
import { check, show } from '../../../harness/model/expect.ts'
import type { SpecRef } from '../../../harness/model/result.ts'
import { CheckFailure } from '../../../harness/model/verdict.ts'
import type { ClientReport } from '../../../harness/targets/client-report.ts'
import { paymentHeaderName } from '../../../harness/wire/index.ts'
import type { X402Version } from '../../../harness/wire/types.ts'
import { requirementById } from '../../catalog/index.ts'
import { specRefs } from '../../spec-refs.ts'
import type { ClientRun, ObservedPayment } from '../context.ts'
import { sentAuthorization } from '../observe.ts'

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

export function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text
}
