/**
 * Known-bad clients: each is the reference client (harness/reference/client) with exactly one step
 * replaced, breaking one requirement, and lists the client cases that must catch it with the outcome
 * they must give (`fail` for a MUST, `warn` for a SHOULD). The self-test fails if any survives.
 */
import { getAddress } from 'viem'
import { PERMIT2_ADDRESS } from '../../../harness/devnet/permit2-addresses.ts'
import { type ClientSteps, defaultSteps, type StepContext } from '../../../harness/reference/client/index.ts'
import type { Authorization } from '../../../harness/schemes/exact-evm/eip3009.ts'
import type { Permit2Authorization } from '../../../harness/schemes/exact-permit2-evm/index.ts'
import { encodeBase64Json } from '../../../harness/wire/index.ts'
import type { PaymentRequirements, PaymentRequirementsV2 } from '../../../harness/wire/types.ts'
import type { KnownBad } from '../known-bad.ts'

/**
 * A defective client: `replace` is the replaced step(s) of the reference client (one decision made
 * wrong); `caughtBy` maps `caseId@vN` to the outcome that case must give it.
 */
export type KnownBadClient = KnownBad<Partial<ClientSteps>, Readonly<Record<string, 'fail' | 'warn'>>>

/** Both versions of a case must give `outcome`. */
function both(id: string, outcome: 'fail' | 'warn'): Record<string, 'fail' | 'warn'> {
  return { [`${id}@v1`]: outcome, [`${id}@v2`]: outcome }
}

/** The reference `authorize` step with some fields of its honest authorization replaced. */
function authorizeWith(
  change: (honest: Authorization, now: bigint, context: StepContext) => Partial<Authorization>,
): Pick<ClientSteps, 'authorize'> {
  return {
    authorize: (requirements, now, context) => {
      const honest = defaultSteps.authorize(requirements, now, context)
      return { ...honest, ...change(honest, now, context) }
    },
  }
}

/** The reference `permit2Authorize` step with some fields of its honest authorization replaced. */
function permit2AuthorizeWith(
  change: (
    honest: Permit2Authorization,
    requirements: PaymentRequirementsV2,
  ) => Partial<Permit2Authorization>,
): Pick<ClientSteps, 'permit2Authorize'> {
  return {
    permit2Authorize: (requirements, now, context) => {
      const honest = defaultSteps.permit2Authorize(requirements, now, context)
      return { ...honest, ...change(honest, requirements) }
    },
  }
}

const SAME_NONCE = `0x${'5a'.repeat(32)}` as const

export const knownBadClients: readonly KnownBadClient[] = [
  {
    name: 'overpays',
    breaks: ['CL-30'],
    defect: 'signs for one atomic unit more than the offered amount',
    replace: authorizeWith((honest) => ({ value: honest.value + 1n })),
    // v1 allows paying more ("meets or exceeds"): a SHOULD there, a MUST in v2.
    caughtBy: { 'client.honest.amount@v1': 'warn', 'client.honest.amount@v2': 'fail' },
  },
  {
    name: 'own-pay-to',
    breaks: ['CL-6'],
    defect: "pays its own idea of payTo (X402_PAY_TO from its environment) instead of the offer's",
    replace: authorizeWith((_honest, _now, context) => ({
      to: context.config.configuredPayTo ?? context.payer,
    })),
    caughtBy: {
      ...both('client.honest.pay-to', 'fail'),
      ...both('client.property.authorization-matches-challenge', 'fail'),
    },
  },
  {
    name: 'ignores-max-timeout',
    breaks: ['CL-32'],
    defect: 'sets validBefore an hour ahead whatever maxTimeoutSeconds says',
    replace: authorizeWith((_honest, now) => ({ validBefore: now + 3600n })),
    caughtBy: both('client.honest.time-window', 'warn'),
  },
  {
    name: 'future-valid-after',
    breaks: ['CL-31'],
    defect: 'sets validAfter a minute in the future (the payment is not yet valid when it arrives)',
    replace: authorizeWith((_honest, now) => ({ validAfter: now + 60n })),
    caughtBy: both('client.honest.time-window', 'fail'),
  },
  {
    name: 'reuses-nonce',
    breaks: ['CL-33'],
    defect: 'signs every authorization with the same nonce',
    replace: authorizeWith(() => ({ nonce: SAME_NONCE })),
    caughtBy: { ...both('client.honest.nonce', 'fail'), ...both('client.nonce.fresh-per-payment', 'fail') },
  },
  {
    name: 'wrong-chain',
    breaks: ['CL-7'],
    defect: 'signs under the chain id of another chain',
    replace: {
      domain: (requirements, context) => ({
        ...defaultSteps.domain(requirements, context),
        chainId: context.config.chainId + 1,
      }),
    },
    caughtBy: both('client.honest.signature', 'fail'),
  },
  {
    name: 'unoffered-network',
    breaks: ['CL-24'],
    defect:
      'pays the first exact offer whatever its network, naming its own network instead (a network it was not offered)',
    replace: {
      choose: async (challenge, context) => {
        const first = challenge.paymentRequired.accepts.find(
          (offer, index) => challenge.usable[index] && offer.scheme === 'exact',
        )
        if (first === undefined) return undefined
        const own = challenge.version === 1 ? context.config.networkV1 : context.config.network
        return { ...first, network: own } as PaymentRequirements
      },
    },
    caughtBy: {
      ...both('client.choice.skips-unsupported', 'fail'),
      ...both('client.choice.other-chain', 'fail'),
    },
  },
  {
    name: 'retries-in-a-loop',
    breaks: ['CL-18'],
    defect: 'pays again whenever the paid request is answered with another 402',
    replace: { payAgain: () => true },
    caughtBy: {
      ...both('client.hostile.challenge-after-payment', 'warn'),
      ...both('client.hostile.changed-terms-after-payment', 'warn'),
    },
  },
  {
    name: 'alters-accepted',
    breaks: ['CL-23'],
    defect: 'rewrites accepted with checksummed payTo and asset instead of copying the offer',
    replace: {
      payload: (challenge, requirements, payment) => {
        const payload = defaultSteps.payload(challenge, requirements, payment)
        if (payload.x402Version !== 2) return payload
        return {
          ...payload,
          accepted: {
            ...payload.accepted,
            payTo: getAddress(payload.accepted.payTo.toLowerCase()),
            asset: getAddress(payload.accepted.asset.toLowerCase()),
          },
        }
      },
    },
    caughtBy: {
      'client.honest.accepted-copy@v2': 'fail',
      'client.property.authorization-matches-challenge@v2': 'fail',
    },
  },
  {
    name: 'drops-extensions',
    breaks: ['CL-4'],
    defect: 'leaves the offered extensions out of the payment',
    replace: {
      payload: (challenge, requirements, payment) => {
        const { extensions: _dropped, ...payload } = defaultSteps.payload(
          challenge,
          requirements,
          payment,
        ) as unknown as Record<string, unknown>
        return payload as unknown as ReturnType<ClientSteps['payload']>
      },
    },
    caughtBy: { 'client.extensions.echo@v2': 'fail' },
  },
  {
    name: 'base64url',
    breaks: ['X-7'],
    defect: 'encodes the payment header in base64url without padding',
    replace: {
      encode: (payload) =>
        encodeBase64Json(payload).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''),
    },
    // v1 payloads hold no character whose base64 differs between the alphabets: v2 only (see BASE64_PROBE).
    caughtBy: { 'client.honest.header-encoding@v2': 'warn' },
  },
  {
    name: 'wrong-header',
    breaks: ['CL-1'],
    defect: 'sends a v2 payment in the v1 X-PAYMENT header',
    replace: { header: () => 'X-PAYMENT' },
    caughtBy: { 'client.honest.pays-once@v2': 'fail' },
  },
  {
    name: 'signs-malformed',
    breaks: ['CL-37'],
    defect: 'takes any 402 at its word: no validation of the challenge before signing',
    replace: {
      readChallenge: (response) => {
        const header = response.headers.get('PAYMENT-REQUIRED')
        try {
          const message = JSON.parse(
            header === null ? response.body : Buffer.from(header, 'base64').toString('utf8'),
          )
          const accepts = Array.isArray(message?.accepts) ? message.accepts : []
          return {
            ok: true,
            challenge: {
              version: header === null ? 1 : 2,
              paymentRequired: message,
              usable: accepts.map(() => true),
            },
          }
        } catch (error) {
          return { ok: false, reason: String(error) }
        }
      },
      choose: async (challenge) => challenge.paymentRequired.accepts[0],
    },
    caughtBy: {
      // Graded by risk: a zero-lifetime authorization can never move funds (CL-45, a SHOULD).
      ...both('client.malformed.zero-timeout', 'warn'),
      ...both('client.malformed.amount-as-number', 'fail'),
      ...both('client.malformed.unknown-version', 'fail'),
      ...both('client.property.malformed-never-signed', 'fail'),
    },
  },
  {
    name: 'ignores-budget',
    breaks: ['CL-38'],
    defect: 'pays any amount, above its declared budget too',
    replace: {
      choose: (challenge, context) =>
        defaultSteps.choose(challenge, { ...context, config: { ...context.config, budget: 2n ** 255n } }),
    },
    caughtBy: both('client.hostile.over-budget', 'fail'),
  },
  {
    name: 'ignores-token-domain',
    breaks: ['CL-40'],
    defect: "signs under whatever EIP-712 domain the offer names, without checking it is the token's",
    replace: {
      choose: (challenge, context) =>
        defaultSteps.choose(challenge, { ...context, domains: { matches: async () => true } }),
    },
    caughtBy: both('client.hostile.domain-mismatch', 'warn'),
  },
  {
    name: 'follows-paid-redirect',
    breaks: ['CL-39'],
    defect: 'follows a redirect of the paid request to another origin, payment header and all',
    replace: { followPaidRedirect: () => true },
    caughtBy: both('client.hostile.cross-origin-redirect', 'warn'),
  },
  {
    name: 'ignores-settlement',
    breaks: ['CL-36'],
    defect: 'does not read the settlement header of the paid response',
    replace: { readSettlement: () => undefined },
    caughtBy: both('client.honest.settlement-reported', 'warn'),
  },
  {
    name: 'domain-from-extra',
    breaks: ['CL-43'],
    defect:
      "takes its signing domain's chainId and verifyingContract from the offer's extra when it names them",
    replace: {
      domain: (requirements, context) => {
        const extra = (requirements.extra ?? {}) as Record<string, unknown>
        return {
          ...defaultSteps.domain(requirements, context),
          ...(typeof extra.chainId === 'number' ? { chainId: extra.chainId } : {}),
          ...(typeof extra.verifyingContract === 'string'
            ? { verifyingContract: getAddress(extra.verifyingContract.toLowerCase()) }
            : {}),
        }
      },
    },
    caughtBy: both('client.hostile.domain-from-extra', 'fail'),
  },
  {
    name: 'pays-extra-terms',
    breaks: ['CL-44'],
    defect:
      "signs the amount and recipient an offer's extra names (srcAmountRequired, recipient) over its own",
    replace: {
      authorize: (requirements, now, context) => {
        const honest = defaultSteps.authorize(requirements, now, context)
        const extra = (requirements.extra ?? {}) as Record<string, unknown>
        const amount = extra.srcAmountRequired
        const recipient = extra.recipient
        return {
          ...honest,
          ...(typeof amount === 'string' && /^[0-9]+$/.test(amount) ? { value: BigInt(amount) } : {}),
          ...(typeof recipient === 'string' && /^0x[0-9a-fA-F]{40}$/.test(recipient)
            ? { to: getAddress(recipient.toLowerCase()) }
            : {}),
        }
      },
    },
    caughtBy: both('client.hostile.poisoned-extra-terms', 'fail'),
  },
  {
    name: 'signs-expired',
    breaks: ['CL-45'],
    defect:
      'signs an authorization whose validBefore is the moment it signs (already expired when it arrives)',
    replace: authorizeWith((_honest, now) => ({ validBefore: now - 1n })),
    caughtBy: both('client.honest.time-window', 'warn'),
  },
  {
    name: 'pays-unknown-flow',
    breaks: ['CL-46'],
    defect: 'pays an accepts entry whatever its extra.paymentFlow says, flows it cannot know included',
    replace: { flowRank: () => 0 },
    caughtBy: {
      'client.flow.unknown-flow@v2': 'fail',
      'client.flow.skips-unknown-flow@v2': 'fail',
    },
  },
  {
    name: 'prefers-upfront',
    breaks: ['CL-47'],
    defect: 'offered both, it chooses the upfront flow (settled before the handler) over authorization',
    replace: {
      flowRank: (flow) =>
        flow === 'upfront' ? 0 : flow === undefined || flow === 'authorization' ? 1 : undefined,
    },
    caughtBy: { 'client.flow.prefers-authorization@v2': 'warn' },
  },
  {
    name: 'same-payment-id',
    breaks: ['CL-48'],
    defect: 'sends the same payment-identifier id with every payment (a retry key, never a new one)',
    replace: { paymentId: () => 'pay_x402conformance0000fixed' },
    caughtBy: { 'client.payment-identifier.id@v2': 'fail' },
  },
  {
    name: 'short-payment-id',
    breaks: ['CL-48'],
    defect: 'sends a payment-identifier id of 8 characters (the extension asks for 16 to 128)',
    replace: { paymentId: () => `p${Math.random().toString(36).slice(2, 9).padEnd(7, '0')}` },
    caughtBy: { 'client.payment-identifier.id@v2': 'fail' },
  },
  {
    name: 'payment-id-only-when-optional',
    breaks: ['CL-13'],
    defect: 'sends a payment-identifier id only while the server does not require one',
    replace: {
      paymentId: (challenge) => {
        const offered = challenge.paymentRequired as {
          extensions?: Record<string, { info?: { required?: unknown } }>
        }
        if (offered.extensions?.['payment-identifier']?.info?.required === true) return undefined
        return defaultSteps.paymentId(challenge)
      },
    },
    caughtBy: { 'client.payment-identifier.required@v2': 'fail' },
  },
  {
    name: 'retry-new-payment-id',
    breaks: ['CL-13'],
    defect: 'resends a payment whose answer was lost under a new payment-identifier id',
    replace: {
      retryLost: (payload, paymentId) => {
        if (paymentId === undefined || payload.x402Version !== 2) return undefined
        const copy = structuredClone(payload)
        const entry = copy.extensions?.['payment-identifier'] as
          | { info?: Record<string, unknown> }
          | undefined
        if (entry?.info) entry.info.id = `${paymentId}x`
        return copy
      },
    },
    caughtBy: { 'client.payment-identifier.retry-same-id@v2': 'fail' },
  },
  {
    name: 'permit2-spender-is-permit2',
    breaks: ['CL-8'],
    defect: 'signs its Permit2 payments with Permit2 itself as spender instead of the x402 proxy',
    replace: permit2AuthorizeWith(() => ({ spender: PERMIT2_ADDRESS })),
    caughtBy: { 'client.permit2.exact-payload@v2': 'fail', 'client.permit2.upto-payload@v2': 'fail' },
  },
  {
    name: 'permit2-witness-to-self',
    breaks: ['CL-8'],
    defect: 'puts its own address in permit2Authorization.witness.to instead of payTo',
    replace: permit2AuthorizeWith((honest) => ({ witness: { ...honest.witness, to: honest.from } })),
    caughtBy: { 'client.permit2.exact-payload@v2': 'fail', 'client.permit2.upto-payload@v2': 'fail' },
  },
  {
    name: 'upto-facilitator-is-payto',
    breaks: ['CL-9'],
    defect: 'names payTo as the upto witness.facilitator instead of the offer’s extra.facilitatorAddress',
    replace: permit2AuthorizeWith((honest, requirements) =>
      requirements.scheme === 'upto'
        ? { witness: { ...honest.witness, facilitator: getAddress(requirements.payTo.toLowerCase()) } }
        : {},
    ),
    caughtBy: { 'client.permit2.upto-payload@v2': 'fail' },
  },
]
