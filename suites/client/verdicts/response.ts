/** Verdicts on what a client makes of the answers: extensions echoed, the settlement reported. */

import { isDeepStrictEqual } from 'node:util'
import { check, show } from '../../../harness/model/expect.ts'
import { getHeader, paymentResponseHeaderName, safeDecodeHeader } from '../../../harness/wire/index.ts'
import type { ExtensionEntry, X402Version } from '../../../harness/wire/types.ts'
import type { ClientRun, ObservedPayment } from '../context.ts'
import { record } from '../observe.ts'
import { payloadJson } from './encoding.ts'
import { describeRun, refs } from './run.ts'

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
