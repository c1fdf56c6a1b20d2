/**
 * The reference client's behaviour, one replaceable step per decision it makes: read the challenge,
 * choose what to pay, build and sign the authorization, assemble and encode the payload, and what to do
 * with the answer. The defaults are the project's correct client (x402 v1 and v2, exact on EVM with
 * EIP-3009); the known-bad clients of the self-test each replace exactly one step.
 */
import { randomBytes } from 'node:crypto'
import { getAddress } from 'viem'
import { type Eip3009Domain, randomNonce } from '../../schemes/exact-evm/eip3009.ts'
import { exactDomain, requiredAmount } from '../../schemes/exact-evm/payment.ts'
import {
  checkPaymentRequiredV1,
  checkPaymentRequiredV2,
  decodeBase64Json,
  encodeHeader,
  getHeader,
  parseJsonText,
  paymentHeaderName,
  paymentResponseHeaderName,
  safeDecodeHeader,
  type WireIssue,
} from '../../wire/index.ts'
import type { PaymentPayload, PaymentRequired, X402Version } from '../../wire/types.ts'
import { acceptCorrective, batchOfferUsable, checkBatchReceipt } from './batch.ts'
import { honestPermit2Authorization, permit2KindOf } from './permit2.ts'
import type { ChallengeReading, ClientSteps } from './types.ts'

/** The payment-identifier extension's key (extensions/payment_identifier.md). */
export const PAYMENT_IDENTIFIER = 'payment-identifier'

/** How far back validAfter is set, as the reference SDK clients do, to absorb clock skew. */
export const VALID_AFTER_BACKDATE_SECONDS = 600n

/** The correct client. */
export const defaultSteps: ClientSteps = {
  readChallenge(response, { config }) {
    const header = getHeader(response.headers, 'PAYMENT-REQUIRED')
    if (header !== undefined) {
      const decoded = decodeBase64Json(header)
      if (!decoded.ok) return refuse('PAYMENT-REQUIRED', decoded.issues)
      const version = (decoded.value as { x402Version?: unknown } | null)?.x402Version
      if (version !== 2)
        return { ok: false, reason: `PAYMENT-REQUIRED has x402Version ${JSON.stringify(version)}, not 2` }
      if (!config.versions.includes(2)) return { ok: false, reason: 'this client does not speak x402 v2' }
      return usableChallenge(2, decoded.value, checkPaymentRequiredV2(decoded.value))
    }
    const parsed = parseJsonText(response.body)
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null)
      return {
        ok: false,
        reason: 'the 402 carries neither a PAYMENT-REQUIRED header nor a JSON challenge body',
      }
    const version = (parsed.value as { x402Version?: unknown }).x402Version
    if (version !== 1)
      return { ok: false, reason: `the 402 body has x402Version ${JSON.stringify(version)}, not 1` }
    if (!config.versions.includes(1)) return { ok: false, reason: 'this client does not speak x402 v1' }
    return usableChallenge(1, parsed.value, checkPaymentRequiredV1(parsed.value))
  },

  flowRank(paymentFlow) {
    // Both flows `exact` defines take the same EIP-3009 payload; authorization leaves the payer
    // uncharged when the handler fails, so it is preferred (core v2 §6.1, scheme_exact.md "Payment Flow").
    if (paymentFlow === undefined || paymentFlow === 'authorization') return 0
    if (paymentFlow === 'upfront') return 1
    return undefined
  },

  async choose(challenge, context) {
    const { config, domains } = context
    const network = challenge.version === 1 ? config.networkV1 : config.network
    const accepts = challenge.paymentRequired.accepts
    // exact first; batch-settlement (v2) only when no exact offer is payable, unless preferred.
    const schemes = config.preferBatch
      ? (['batch-settlement', 'exact'] as const)
      : (['exact', 'batch-settlement'] as const)
    // Offers in order of their payment flow's rank (authorization first), unknown flows left out.
    const ranked = accepts
      .map((offer, index) => ({ offer, index, rank: context.steps.flowRank(offer.extra?.paymentFlow) }))
      .filter((entry): entry is typeof entry & { rank: number } => entry.rank !== undefined)
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
    for (const scheme of schemes) {
      if (scheme === 'batch-settlement' && challenge.version !== 2) continue
      for (const { offer, index } of ranked) {
        if (!challenge.usable[index]) continue
        if (offer.scheme !== scheme || offer.network !== network) continue
        if (scheme === 'batch-settlement' && !batchOfferUsable(offer)) continue
        if (offer.asset.toLowerCase() !== config.asset.toLowerCase()) continue
        const method = offer.extra?.assetTransferMethod
        if (method !== undefined && method !== 'eip3009') continue
        if (BigInt(requiredAmount(offer, challenge.version)) > config.budget) continue
        // The domain the offer names must be the token's own, or the signature could never settle.
        let domain: Eip3009Domain
        try {
          domain = exactDomain(offer)
        } catch {
          continue
        }
        if (await domains.matches(domain)) return offer
      }
    }
    // Permit2-based offers (v2) only when no EIP-3009 one is payable: they need a prior approval.
    if (challenge.version !== 2) return undefined
    return ranked.find(
      ({ offer, index }) =>
        challenge.usable[index] &&
        permit2KindOf(offer) !== undefined &&
        offer.network === network &&
        offer.asset.toLowerCase() === config.asset.toLowerCase() &&
        BigInt(requiredAmount(offer, 2)) <= config.budget,
    )?.offer
  },

  domain(requirements) {
    return exactDomain(requirements)
  },

  authorize(requirements, now, { payer, version }) {
    return {
      from: payer,
      to: getAddress(requirements.payTo.toLowerCase()),
      value: BigInt(requiredAmount(requirements, version)),
      validAfter: now > VALID_AFTER_BACKDATE_SECONDS ? now - VALID_AFTER_BACKDATE_SECONDS : 0n,
      validBefore: now + BigInt(requirements.maxTimeoutSeconds),
      nonce: randomNonce(),
    }
  },

  permit2Authorize(requirements, now, { payer }) {
    return honestPermit2Authorization(requirements, now, payer)
  },

  paymentId(challenge) {
    if (challenge.version !== 2) return undefined
    const offered = challenge.paymentRequired as Extract<PaymentRequired, { x402Version: 2 }>
    return offered.extensions?.[PAYMENT_IDENTIFIER] ? `pay_${randomBytes(16).toString('hex')}` : undefined
  },

  payload(challenge, requirements, payment, paymentId) {
    if (challenge.version === 1) {
      return { x402Version: 1, scheme: requirements.scheme, network: requirements.network, payload: payment }
    }
    const offered = challenge.paymentRequired as Extract<PaymentRequired, { x402Version: 2 }>
    // The echo rule (spec-v2 §5.1.2): every extension's info comes back unchanged (the client may add).
    const extensions = offered.extensions ? structuredClone(offered.extensions) : undefined
    const identifier = extensions?.[PAYMENT_IDENTIFIER]
    if (identifier && paymentId !== undefined) identifier.info = { ...identifier.info, id: paymentId }
    return {
      x402Version: 2,
      resource: structuredClone(offered.resource),
      accepted: structuredClone(requirements) as Extract<PaymentPayload, { x402Version: 2 }>['accepted'],
      payload: payment,
      ...(extensions ? { extensions } : {}),
    }
  },

  retryLost(payload, paymentId) {
    return paymentId === undefined ? undefined : payload
  },

  encode(payload) {
    return encodeHeader(payload)
  },

  header(version) {
    return paymentHeaderName(version)
  },

  payAgain() {
    return false
  },

  followPaidRedirect() {
    return false
  },

  readSettlement(response, version) {
    const name = paymentResponseHeaderName(version)
    const raw = getHeader(response.headers, name)
    if (raw === undefined) return undefined
    const decoded = safeDecodeHeader(name, raw)
    return decoded.ok ? decoded.value : (decoded.json ?? { undecodable: raw })
  },

  checkBatchReceipt,

  acceptCorrective,
}

function refuse(what: string, issues: readonly WireIssue[]): ChallengeReading {
  return { ok: false, reason: `${what} is malformed: ${describeIssues(issues)}` }
}

/**
 * Keeps a challenge whose envelope is valid; issues inside one `accepts` entry only make that entry
 * unusable (another entry may still be paid), issues anywhere else refuse the whole challenge.
 */
function usableChallenge(
  version: X402Version,
  value: unknown,
  checked: { ok: true } | { ok: false; issues: WireIssue[] },
): ChallengeReading {
  const message = value as PaymentRequired
  const accepts = Array.isArray((message as { accepts?: unknown }).accepts) ? message.accepts : []
  const usable = accepts.map(() => true)
  if (!checked.ok) {
    const envelope: WireIssue[] = []
    for (const issue of checked.issues) {
      const entry = /^accepts\[(\d+)\]/.exec(issue.path)
      if (entry && Number(entry[1]) < usable.length) usable[Number(entry[1])] = false
      else envelope.push(issue)
    }
    if (envelope.length > 0) return refuse(version === 1 ? 'the 402 body' : 'PAYMENT-REQUIRED', envelope)
  }
  return { ok: true, challenge: { version, paymentRequired: message, usable } }
}

function describeIssues(issues: readonly WireIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
    .join('; ')
}
