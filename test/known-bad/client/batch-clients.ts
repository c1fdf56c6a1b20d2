/**
 * Known-bad batch-settlement clients: the reference client (harness/reference/client) with one
 * batch-settlement step replaced, each caught by the named client.batch cases (same shape as
 * ./clients.ts; run by test/suites/client/batch.test.ts over the batch cases only).
 */

import { defaultSteps } from '../../../harness/reference/client/index.ts'
import { BATCH_SCHEME } from '../../../harness/schemes/batch-settlement-evm/channel.ts'
import type { PaymentRequirements } from '../../../harness/wire/types.ts'
import type { KnownBadClient } from './clients.ts'

/** A channel state in a payment response, read without any check. */
function trustedState(settlement: unknown): { charged?: bigint; balance?: bigint } {
  const extra = (settlement as { extra?: { channelState?: Record<string, unknown> } } | undefined)?.extra
  const state = extra?.channelState
  const read = (value: unknown) =>
    typeof value === 'string' && /^\d+$/.test(value) ? BigInt(value) : undefined
  return { charged: read(state?.chargedCumulativeAmount), balance: read(state?.balance) }
}

export const knownBadBatchClients: readonly KnownBadClient[] = [
  {
    name: 'batch-pays-exact',
    breaks: ['CL-41'],
    defect:
      'ignores the scheme: answers a batch-settlement offer with an exact EIP-3009 authorization under accepted = that offer',
    replace: {
      // Pays a batch offer down the exact path, then names the offer it was given in accepted.
      choose: async (challenge, context) => {
        const chosen = await defaultSteps.choose(challenge, context)
        return chosen?.scheme === BATCH_SCHEME
          ? ({ ...chosen, scheme: 'exact' } as PaymentRequirements)
          : chosen
      },
      payload: (challenge, requirements, payment) => {
        const payload = defaultSteps.payload(challenge, requirements, payment)
        if (payload.x402Version !== 2) return payload
        const offered = challenge.paymentRequired.accepts.find(
          (offer) => offer.scheme === BATCH_SCHEME && offer.payTo === requirements.payTo,
        )
        return offered === undefined
          ? payload
          : { ...payload, accepted: structuredClone(offered) as typeof payload.accepted }
      },
    },
    // Every other batch case depends on this one: they report skip, not nine more failures.
    caughtBy: { 'client.batch.offered-scheme@v2': 'fail' },
  },
  {
    name: 'batch-trusts-receipt',
    breaks: ['CL-15'],
    defect:
      "skips the Steady State checks: adopts the payment response's chargedCumulativeAmount and balance as they come",
    replace: {
      checkBatchReceipt: (settlement, expected) => {
        const state = trustedState(settlement)
        return {
          ok: true,
          chargedCumulativeAmount: state.charged ?? expected.previousCharged + expected.amount,
          balance: state.balance ?? expected.expectedBalance,
        }
      },
    },
    caughtBy: {
      'client.batch.steady-overcharge@v2': 'fail',
      'client.batch.steady-cumulative@v2': 'fail',
      'client.batch.steady-balance@v2': 'fail',
      'client.batch.steady-channel-id@v2': 'fail',
    },
  },
  {
    name: 'batch-ignores-channel-id',
    breaks: ['CL-15'],
    defect: 'checks charge, cumulative and balance of a payment response but not its channel id',
    replace: {
      checkBatchReceipt: (settlement, expected) => {
        const extra = (settlement as { extra?: { channelState?: Record<string, unknown> } } | undefined)
          ?.extra
        const patched =
          extra?.channelState === undefined
            ? settlement
            : {
                ...(settlement as Record<string, unknown>),
                extra: { ...extra, channelState: { ...extra.channelState, channelId: expected.channelId } },
              }
        return defaultSteps.checkBatchReceipt(patched, expected)
      },
    },
    caughtBy: { 'client.batch.steady-channel-id@v2': 'fail' },
  },
  {
    name: 'batch-unverified-corrective',
    breaks: ['CL-42'],
    defect: "adopts a corrective 402's chargedCumulativeAmount without verifying voucherState's signature",
    replace: {
      acceptCorrective: async (input) => {
        const extra = (input.accept.extra ?? {}) as { channelState?: { chargedCumulativeAmount?: unknown } }
        const charged = extra.channelState?.chargedCumulativeAmount
        if (typeof charged !== 'string') return defaultSteps.acceptCorrective(input)
        return { ok: true, chargedCumulativeAmount: BigInt(charged), balance: input.onChain.balance }
      },
    },
    caughtBy: {
      'client.batch.corrective-forged-signature@v2': 'fail',
      'client.batch.corrective-above-signed@v2': 'fail',
    },
  },
  {
    name: 'batch-deposit-wrong-delay',
    breaks: ['CL-41'],
    defect: "builds its channel with a withdraw delay one second longer than the offer's extra.withdrawDelay",
    replace: {
      encode: (payment) => {
        const payload = (
          payment as { payload?: { type?: unknown; channelConfig?: { withdrawDelay?: number } } }
        ).payload
        if (payload?.type !== 'deposit' || payload.channelConfig?.withdrawDelay === undefined)
          return defaultSteps.encode(payment)
        const config = { ...payload.channelConfig, withdrawDelay: payload.channelConfig.withdrawDelay + 1 }
        return defaultSteps.encode({
          ...payment,
          payload: { ...payload, channelConfig: config },
        } as typeof payment)
      },
    },
    caughtBy: { 'client.batch.deposit@v2': 'fail' },
  },
  {
    name: 'batch-forgets-charges',
    breaks: ['CL-41'],
    defect:
      'never adds a charge to its channel record and never adopts a corrective 402, so every later voucher repeats the first',
    replace: {
      checkBatchReceipt: (settlement, expected) => {
        const verdict = defaultSteps.checkBatchReceipt(settlement, expected)
        return verdict.ok ? { ...verdict, chargedCumulativeAmount: expected.previousCharged } : verdict
      },
      acceptCorrective: async () => ({ ok: false, reason: 'known-bad: ignores corrective 402s' }),
    },
    caughtBy: { 'client.batch.cumulative-voucher@v2': 'fail' },
  },
  {
    name: 'batch-refuses-corrective',
    breaks: ['CL-42'],
    defect: 'never adopts a corrective 402, even one whose voucherState is its own valid signature',
    replace: {
      acceptCorrective: async () => ({ ok: false, reason: 'known-bad: ignores corrective 402s' }),
    },
    caughtBy: { 'client.batch.corrective-recovery@v2': 'warn' },
  },
]
