/**
 * Correct resource servers the suite has never seen the like of (issue 13), each the reference server
 * with one step replaced by another still-correct behaviour: a v2 offer that also carries
 * `maxAmountRequired`, a server that settles without `/verify`, one that verifies and settles by itself,
 * one whose offer omits the EIP-712 domain, one whose challenge is a flattened body without `accepts`.
 */
import type { Devnet } from '../../../harness/devnet/types.ts'
import { createFacilitator, FacilitatorReplyError } from '../../../harness/facilitator/index.ts'
import {
  acceptedMatches,
  type FacilitatorOutcome,
  type ReferenceServerOptions,
  referenceServerTarget,
  referenceSteps,
} from '../../../harness/reference/server/index.ts'
import type { TargetSpec } from '../../../harness/runner/fixture.ts'
import { decodeBase64Json, encodeBase64Json } from '../../../harness/wire/json.ts'
import type { PaymentPayload, PaymentRequirementsV2, X402Version } from '../../../harness/wire/types.ts'

type Target = Extract<TargetSpec, { kind: 'in-process' }>

const target = (version: X402Version, label: string, options: ReferenceServerOptions): Target =>
  referenceServerTarget(version, { ...options, label })

/** A v2 server whose offers also carry `maxAmountRequired` (another value than `amount`). */
export function v2WithMaxAmountRequired(): Target {
  return target(2, 'v2 offer carrying maxAmountRequired', {
    steps: {
      offers: (context) =>
        referenceSteps.offers(context).map((offer) => ({ ...offer, maxAmountRequired: '999999' })),
    },
  })
}

/** Settles without asking `/verify` (a settle-first server; the facilitator's settle checks the payment). */
export function settleOnly(version: X402Version): Target {
  return target(version, 'settles without /verify', {
    steps: { verify: async () => ({ ok: true, response: { isValid: true } }) },
  })
}

/** Verifies and submits `transferWithAuthorization` itself (its own in-process facilitator and signer). */
export async function selfSettling(version: X402Version, devnet: Devnet): Promise<Target> {
  const own = createFacilitator({ devnet, signer: await devnet.fundedAccount() })
  const call = async <T>(run: () => Promise<T>): Promise<FacilitatorOutcome<T>> => {
    try {
      return { ok: true, response: await run() }
    } catch (error) {
      if (error instanceof FacilitatorReplyError) return { ok: false, error: error.message }
      throw error
    }
  }
  return target(version, 'settles by itself', {
    steps: {
      verify: (_context, request) => call(() => own.verify(request)),
      settle: (_context, request) => call(() => own.settle(request)),
    },
  })
}

const withoutDomain = (offer: PaymentRequirementsV2): PaymentRequirementsV2 => {
  const { name: _name, version: _version, ...extra } = offer.extra ?? {}
  return { ...offer, extra }
}

/** Advertises its v2 offer without `extra.name`/`extra.version` (it knows its token's domain itself). */
export function offerWithoutDomain(): Target {
  return target(2, 'v2 offer without the EIP-712 domain', {
    steps: {
      challenge: (context, paymentRequired, status) =>
        referenceSteps.challenge(
          context,
          paymentRequired.x402Version === 2
            ? { ...paymentRequired, accepts: paymentRequired.accepts.map(withoutDomain) }
            : paymentRequired,
          status,
        ),
      // Its payloads echo the domain-less offer: checked as if the offer had named the token's domain.
      decode(context, raw) {
        const json = decodeBase64Json(raw)
        if (!json.ok) return referenceSteps.decode(context, raw)
        const payload = json.value as { accepted?: { extra?: Record<string, unknown> } }
        const named = structuredClone(payload)
        if (named.accepted) named.accepted.extra = { ...context.config.eip712, ...named.accepted.extra }
        const decoded = referenceSteps.decode(context, encodeBase64Json(named))
        return decoded.ok ? { ok: true, payload: json.value as PaymentPayload } : decoded
      },
      match: (context, payload, offers) =>
        payload.x402Version === 2
          ? (offers as PaymentRequirementsV2[]).find((offer) =>
              acceptedMatches(payload.accepted, withoutDomain(offer)),
            )
          : referenceSteps.match(context, payload, offers),
    },
  })
}

/** Answers 402 with its one v2 offer flattened into the body: no PAYMENT-REQUIRED header, no `accepts`. */
export const flattenedChallengeSteps: ReferenceServerOptions['steps'] = {
  challenge: (_context, paymentRequired, status) => ({
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ x402Version: 2, error: paymentRequired.error, ...paymentRequired.accepts[0] }),
  }),
}

/** The flattened-challenge server as an in-process target. */
export function flattenedChallenge(): Target {
  return target(2, 'flattened v2 challenge body', { steps: flattenedChallengeSteps })
}
