/**
 * The MCP client verdicts (transports-v2/mcp.md): where and in which form the payment travels, the
 * paid call repeating the unpaid one, how many times the client pays. Each throws a `CheckFailure`
 * naming the requirement, or returns what it read.
 */
import { isDeepStrictEqual } from 'node:util'
import { check, show } from '../../harness/model/expect.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import { formatIssues } from '../../harness/wire/errors.ts'
import { checkPaymentPayloadV2 } from '../../harness/wire/messages.ts'
import { specRefs } from '../spec-refs.ts'
import type { FoundPayment, McpClientRun } from './context.ts'

function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** What the client did, for a failure's `seen`. */
export function describeRun(run: McpClientRun): string {
  const calls = run.calls.map(
    (call) =>
      `#${call.seq} ${call.params.name} arguments ${clip(show(call.params.arguments), 120)} _meta keys ${show(Object.keys(call.params._meta ?? {}))}`,
  )
  const outcome = run.contractFailure
    ? `no report (${run.contractFailure.message})`
    : `report ${clip(show(run.report), 160)}`
  return `${run.calls.length} call(s): ${calls.join('; ') || 'none'}; ${outcome}`
}

/** The client reported as the contract says (a broken contract is a failure of the case). */
export function expectReport(run: McpClientRun): NonNullable<McpClientRun['report']> {
  if (run.contractFailure) throw run.contractFailure
  return run.report!
}

/** Exactly one call carried a payment; returns it. */
export function expectOnePayment(run: McpClientRun, requirements: string[]): FoundPayment {
  const paid = new Set(run.payments.map((payment) => payment.call.seq))
  const [only] = run.payments
  if (paid.size === 1 && only) return only
  throw new CheckFailure(
    paid.size === 0 ? 'the client did not pay the PaymentRequired' : 'the client paid more than once',
    {
      expected: 'one paid call after the PaymentRequired',
      seen: describeRun(run),
      spec: specRefs(...requirements),
    },
  )
}

/** CL-12: the payment is a PaymentPayload object under `_meta["x402/payment"]`. */
export function expectPaymentObject(payment: FoundPayment, paymentKey: string): void {
  const spec = specRefs('CL-12')
  check(payment.underBindingKey, `the payment is not in _meta["${paymentKey}"]`, {
    expected: `params._meta["${paymentKey}"] = the PaymentPayload`,
    seen: `the payment is in ${payment.where}`,
    spec,
  })
  check(payment.form === 'object', 'the payment is a string, not a PaymentPayload object', {
    expected: 'a JSON object (not base64, not JSON text)',
    seen: `${payment.where} holds a string`,
    spec,
  })
  const checked = checkPaymentPayloadV2(payment.json)
  if (!checked.ok)
    throw new CheckFailure('the payment is not a valid v2 PaymentPayload', {
      expected: 'x402Version 2, accepted, payload (core v2 §5.2)',
      seen: `${formatIssues(checked.issues)} in ${clip(show(payment.json))}`,
      spec,
    })
}

/** CL-52: no payment anywhere but under the binding's key. */
export function expectNoPaymentElsewhere(run: McpClientRun): void {
  const elsewhere = run.payments.filter((payment) => !payment.underBindingKey)
  if (elsewhere.length > 0)
    throw new CheckFailure('the client sent a payment outside _meta["x402/payment"]', {
      expected: 'payments only in params._meta["x402/payment"]',
      seen: elsewhere
        .map((payment) => `call #${payment.call.seq}: ${payment.where} (${payment.form})`)
        .join('; '),
      spec: specRefs('CL-52'),
    })
}

/** CL-49: the paid call is the first call again: same tool, same arguments (the payment aside). */
export function expectSameCall(run: McpClientRun, paid: FoundPayment): void {
  const first = run.calls[0]
  check(
    first !== undefined && first.seq !== paid.call.seq,
    'the client paid without calling the tool first',
    {
      expected: 'an unpaid call, then the same call with the payment',
      seen: describeRun(run),
      spec: specRefs('CL-49'),
    },
  )
  check(paid.call.params.name === first.params.name, 'the paid call names another tool', {
    expected: `tool ${first.params.name}`,
    seen: `tool ${paid.call.params.name}`,
    spec: specRefs('CL-49'),
  })
  check(
    isDeepStrictEqual(paid.call.params.arguments ?? {}, first.params.arguments ?? {}),
    'the paid call does not send the same arguments',
    {
      expected: `arguments ${show(first.params.arguments ?? {})}`,
      seen: `arguments ${show(paid.call.params.arguments ?? {})}`,
      spec: specRefs('CL-49'),
    },
  )
}

/** No call carried a payment. */
export function expectNoPayment(run: McpClientRun, situation: string, requirements: string[]): void {
  if (run.payments.length > 0)
    throw new CheckFailure(`the client paid ${situation}`, {
      expected: 'no payment',
      seen: describeRun(run),
      spec: specRefs(...requirements),
    })
}

/** At most one call carried a payment. */
export function expectAtMostOnePayment(run: McpClientRun, situation: string, requirements: string[]): void {
  const paid = new Set(run.payments.map((payment) => payment.call.seq))
  if (paid.size > 1)
    throw new CheckFailure(`the client paid ${paid.size} times ${situation}`, {
      expected: 'at most one paid call',
      seen: describeRun(run),
      spec: specRefs(...requirements),
    })
}
