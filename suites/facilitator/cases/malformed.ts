/**
 * Malformed /verify and /settle bodies (spec §7.1, §7.2, §9 `invalid_payload`): each gets a clean
 * refusal (HTTP 4xx, or 200 with isValid/success false and a payload or requirements code), nothing is
 * settled, and the facilitator still answers afterwards. A dropped connection or a facilitator that
 * stops answering is a crash (fail); a 5xx is a refusal but not a clean one (warn).
 */
import { show } from '../../../harness/model/expect.ts'
import { CheckFailure, TargetUnavailable } from '../../../harness/model/verdict.ts'
import type { FacilitatorRequest } from '../../../harness/wire/types.ts'
import { isRecord } from '../api.ts'
import type { FacilitatorCaseContext } from '../context.ts'
import { facilitatorCase } from '../context.ts'
import { expectNoMovement, reasonsOf, refs } from '../verdicts.ts'

/** One malformed body: what it is, and its text given an honest request to spoil. */
interface MalformedBody {
  name: string
  body(request: FacilitatorRequest): string
}

const malformedBodies: readonly MalformedBody[] = [
  { name: 'truncated JSON', body: (request) => JSON.stringify(request).slice(0, 40) },
  { name: 'a JSON array', body: () => '[]' },
  { name: 'JSON null', body: () => 'null' },
  { name: 'an empty object', body: () => '{}' },
  {
    name: 'no paymentRequirements',
    body: (request) =>
      JSON.stringify({ x402Version: request.x402Version, paymentPayload: request.paymentPayload }),
  },
  {
    name: 'paymentPayload a string',
    body: (request) => JSON.stringify({ ...request, paymentPayload: 'not a payment payload' }),
  },
  {
    name: 'payload without authorization',
    body: (request) =>
      JSON.stringify({
        ...request,
        paymentPayload: { ...request.paymentPayload, payload: { signature: '0x' } },
      }),
  },
  {
    name: 'authorization.value not a number',
    body: (request) => {
      const spoiled = structuredClone(request) as unknown as {
        paymentPayload: { payload: { authorization: Record<string, unknown> } }
      }
      spoiled.paymentPayload.payload.authorization.value = 'one thousand'
      return JSON.stringify(spoiled)
    },
  },
]

/** Statuses of a clean refusal. */
const CLEAN_STATUSES = [400, 413, 415, 422]

async function sendMalformed(context: FacilitatorCaseContext, endpoint: 'verify' | 'settle'): Promise<void> {
  const { payments, facilitator, chain } = context
  const deal = await payments.deal()
  const watch = await chain.snapshot({ payer: deal.from, payTo: deal.payTo })
  const key = endpoint === 'verify' ? 'isValid' : 'success'
  const reasonKey = endpoint === 'verify' ? 'invalidReason' : 'errorReason'
  const accepted = reasonsOf('FA-42')
  const unclean: string[] = []
  for (const malformed of malformedBodies) {
    let status: number
    let text: string
    try {
      const response = await facilitator.raw({
        method: 'POST',
        path: `/${endpoint}`,
        headers: { 'content-type': 'application/json' },
        body: malformed.body(deal.request),
        label: `${endpoint}: ${malformed.name}`,
      })
      status = response.status
      text = response.body
    } catch (error) {
      if (!(error instanceof TargetUnavailable)) throw error
      await expectStillAnswering(context, malformed.name)
      throw new CheckFailure(
        `the facilitator dropped the connection on a malformed /${endpoint} body (${malformed.name})`,
        {
          expected: 'an HTTP 4xx, or 200 with a refusal',
          seen: error.message,
          spec: refs('FA-42'),
        },
      )
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    const answer = isRecord(json) ? json : undefined
    if (answer?.[key] === true) {
      throw new CheckFailure(`/${endpoint} accepted a malformed body (${malformed.name})`, {
        expected: `${key}: false or an HTTP 4xx`,
        seen: `HTTP ${status} ${text.slice(0, 200)}`,
        spec: refs('FA-42'),
      })
    }
    const refused = status === 200 && answer?.[key] === false
    if (refused) {
      const reason = answer?.[reasonKey]
      if (typeof reason !== 'string' || !accepted.includes(reason))
        unclean.push(`${malformed.name}: ${reasonKey} ${show(reason)}`)
    } else if (!CLEAN_STATUSES.includes(status)) {
      unclean.push(`${malformed.name}: HTTP ${status}${json === undefined ? ' (not JSON)' : ''}`)
    }
  }
  await expectStillAnswering(context, 'the malformed bodies')
  await expectNoMovement(watch, `malformed /${endpoint} bodies`, refs('FA-42'))
  if (unclean.length > 0) {
    throw new CheckFailure(`some malformed /${endpoint} bodies got no clean refusal`, {
      expected: `HTTP ${CLEAN_STATUSES.join('/')}, or 200 with ${key} false and one of ${accepted.join(', ')}`,
      seen: unclean.join('; '),
      spec: refs('FA-42', 'FA-43'),
      level: 'SHOULD',
    })
  }
}

/** The facilitator still answers GET /supported (it did not crash). */
async function expectStillAnswering(context: FacilitatorCaseContext, after: string): Promise<void> {
  try {
    await context.facilitator.supported('supported (still answering?)')
  } catch (error) {
    if (!(error instanceof TargetUnavailable)) throw error
    throw new CheckFailure(`the facilitator stopped answering after ${after}`, {
      expected: 'GET /supported still answers',
      seen: error.message,
      spec: refs('FA-42', 'FA-1'),
    })
  }
}

/** Malformed /verify bodies are refused cleanly. */
export const verifyMalformed = facilitatorCase({
  id: 'facilitator.verify.malformed-body',
  title: 'Malformed /verify bodies get a clean refusal and the facilitator keeps answering',
  requirements: ['FA-42'],
  tags: ['hostile'],
  run: (context) => sendMalformed(context, 'verify'),
})

/** Malformed /settle bodies are refused cleanly and settle nothing. */
export const settleMalformed = facilitatorCase({
  id: 'facilitator.settle.malformed-body',
  title: 'Malformed /settle bodies get a clean refusal, settle nothing, and the facilitator keeps answering',
  requirements: ['FA-42'],
  tags: ['hostile', 'chain'],
  run: (context) => sendMalformed(context, 'settle'),
})
