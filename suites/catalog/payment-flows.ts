/**
 * Payment flow models (core v2 §6.1, x402-foundation #3053; `exact`'s "Payment Flow", #3145) and the
 * payment-identifier conflict rule (#2307), read at the newer sources of suites/catalog/spec.ts.
 */
import { FOUNDATION_CORE_V2_2026_09, FOUNDATION_EXACT_FLOWS, FOUNDATION_PAYMENT_IDENTIFIER } from './spec.ts'
import type { RequirementInput, SpecCitation } from './types.ts'

const FLOWS_SECTION = '§6.1 Asset Transfer Methods and Payment Flow Models'

/** The v2 core's §6.1, as the index copy of the Aug–Sep 2026 rewrite has it. */
const coreFlows: SpecCitation = {
  file: 'specs/x402-specification-v2.md',
  section: FLOWS_SECTION,
  source: FOUNDATION_CORE_V2_2026_09,
}

/** `exact`'s "Payment Flow" section. */
const exactFlow: SpecCitation = {
  file: 'specs/schemes/exact/scheme_exact.md',
  section: 'Payment Flow',
  source: FOUNDATION_EXACT_FLOWS,
}

/** A section of `extensions/payment_identifier.md` at its newest index copy. */
export const paymentIdentifier = (section: string): SpecCitation => ({
  file: 'specs/extensions/payment_identifier.md',
  section,
  source: FOUNDATION_PAYMENT_IDENTIFIER,
})

export const paymentFlowRequirements: readonly RequirementInput[] = [
  {
    id: 'RS-52',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      "A server whose payment flow is not authorization (it settles before the resource, without a verify first) declares that flow in the offer's extra.paymentFlow.",
    quote:
      'When the resolved payment flow is not `authorization`, `PaymentRequired` `accepts[].extra.paymentFlow` MUST be present',
    spec: coreFlows,
    seeAlso: [exactFlow],
    basis: 'keyword',
    tags: ['payment-flow'],
  },
  {
    id: 'RS-53',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A server refuses a payment whose accepted terms name an assetTransferMethod or paymentFlow it does not support for the offer: nothing is delivered and nothing settled.',
    quote: 'Resource servers MUST reject unsupported `assetTransferMethod` / payment flow combinations.',
    spec: coreFlows,
    basis: 'keyword',
    acceptedStatus: [402, 400],
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          "resolves the flow from the server's own matching requirements and accepts an `accepted` whose extra names another paymentFlow, so the payment is verified, settled and delivered",
        suiteHolds: 'a payment whose accepted terms name a flow the offer does not have is refused',
        why: 'extra.paymentFlow is protocol-reserved and MUST be interpreted as defined, not as an opaque extra field; the client accepted terms the server does not run',
      },
    ],
    tags: ['payment-flow'],
  },
  {
    id: 'RS-54',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'At least one check (a verify, or a settle before the resource) runs before the resource executes: what a black box sees is that a delivered resource never reaches the client before the facilitator answered a check of its payment.',
    quote:
      'Invariant: at least one check — a verify or settle before the resource — MUST run before the resource executes.',
    spec: coreFlows,
    basis: 'keyword',
    tags: ['payment-flow'],
  },
  {
    id: 'CL-46',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'A client does not pay an accepts entry whose extra.paymentFlow it does not recognise, and skips such entries when choosing (SHOULD): it pays a recognised entry beside them.',
    quote:
      'Clients MUST NOT construct a payment for a `paymentFlow` they do not recognize, and SHOULD skip such `accepts[]` entries when selecting.',
    spec: coreFlows,
    basis: 'keyword',
    tags: ['payment-flow'],
  },
  {
    id: 'CL-47',
    level: 'SHOULD',
    role: 'client',
    versions: [2],
    statement:
      'Offered the same payment under authorization and under a pre-handler flow (upfront), a client chooses authorization.',
    quote:
      'When a resource offers both `authorization` (post-handler settlement) and a pre-handler-settlement flow (`upfront` or `escrow`) for the same request, clients SHOULD prefer `authorization`.',
    spec: coreFlows,
    seeAlso: [exactFlow],
    basis: 'keyword',
    tags: ['payment-flow'],
  },
  {
    id: 'RS-55',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'A server advertising payment-identifier answers 409 Conflict to a payment that reuses an id with a different payload, and neither settles it nor delivers.',
    quote:
      'Later requests with the same `id` and a different fingerprint should fail with `409 Conflict` instead of reusing the cached response or executing a second operation.',
    spec: paymentIdentifier('Idempotency Behavior'),
    seeAlso: [paymentIdentifier('Request Binding'), paymentIdentifier('Recovering a Lost Response')],
    basis: 'mechanism',
    acceptedStatus: [409],
    tags: ['payment-identifier'],
  },
  {
    id: 'CL-48',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'A client that uses payment-identifier echoes the extension with an info.id of 16 to 128 characters from [A-Za-z0-9_-], and a new id for a new payment.',
    quote: '**Length**: 16-128 characters',
    spec: paymentIdentifier('`id` Format'),
    seeAlso: [paymentIdentifier('Responsibilities')],
    basis: 'mechanism',
    tags: ['payment-identifier'],
  },
]
