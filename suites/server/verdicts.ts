/**
 * The server suite's verdicts: what the wire must show (status, delivery, the settlement header) and
 * what the chain and the built-in facilitator's log must show (no money moved, exactly one transfer of
 * the price to payTo, settled before delivery, only advertised requirements sent to the facilitator).
 * Each ends the case with a CheckFailure naming expected, seen and the spec section.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Address } from 'viem'
import type { FacilitatorCall, OracleLog } from '../../harness/facilitator/index.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import { check, checkOneOf, show } from '../../harness/model/expect.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import {
  type ChainOracle,
  checkExactlyOneTransfer,
  checkNoTransfer,
  checkTransactionSucceeded,
  describeTransfers,
  matchesTransfer,
  type TokenTransfer,
} from '../../harness/oracle/index.ts'
import { requiredAmount } from '../../harness/schemes/exact-evm/payment.ts'
import { formatIssues } from '../../harness/wire/errors.ts'
import { getHeader, paymentResponseHeaderName } from '../../harness/wire/headers.ts'
import { decodeBase64Json } from '../../harness/wire/json.ts'
import { checkSettlementResponse } from '../../harness/wire/messages.ts'
import type {
  PaymentPayload,
  PaymentRequirements,
  SettlementResponse,
  X402Version,
} from '../../harness/wire/types.ts'
import type { ServerResponse } from './response.ts'
import { specOf } from './spec.ts'

/** A payer as the verdicts need it. */
export interface PayerRef {
  address: Address
  initialBalance: bigint
}

/** What the verdicts read. */
export interface VerdictSources {
  version: X402Version
  evidence: EvidenceRecorder
  chain: ChainOracle
  /** The offer paid (throws Skip when there is none). */
  offer: () => PaymentRequirements
  /** Every requirement the server advertised for this version (RS-39). */
  advertised: () => readonly PaymentRequirements[]
  /** The built-in facilitator's log, when the server is wired to it. */
  log: OracleLog | undefined
  /** Records the facilitator calls of `payer` as evidence (each call once) and returns them all. */
  recordCalls: (payer: string) => FacilitatorCall[]
  /** How long to give a server to finish settling after it answered (ms). */
  graceMs: number
  signal: AbortSignal
}

/** The verdicts of one case run. */
export interface ServerVerdicts {
  /** The status is one of `accepted`; `requirements` name the rule (for the spec reference). */
  status(
    response: ServerResponse,
    accepted: readonly number[],
    requirements: readonly string[],
    message?: string,
  ): void
  /** The resource was not delivered (no 2xx). RS-18. */
  noDelivery(response: ServerResponse): void
  /** The resource was delivered: 200. RS-12. */
  delivered(response: ServerResponse): void
  /** An internal error (5xx), for a facilitator that could not be used. RS-16. */
  serverError(response: ServerResponse): void
  /**
   * The settlement header is present, base64 JSON, a valid SettlementResponse of the version, with
   * `success` as expected (and on success a transaction, the offer's network and the payer).
   * Graded `level` (SHOULD for the failure receipt, RS-17). Returns the decoded response.
   */
  settlementResponse(
    response: ServerResponse,
    expected: {
      success: boolean
      payer?: Address
      level?: 'MUST' | 'SHOULD'
      /**
       * A failure's transaction: the hash the facilitator broadcast (settlement_pending), or none when
       * nothing was broadcast, so the receipt must say "" (RS-35).
       */
      broadcast?: string
    },
  ): SettlementResponse
  /** No money left the payer (after giving the server time to finish). RS-18. */
  noTransfer(payer: PayerRef): Promise<void>
  /** Exactly one transfer out of the payer: the price, to payTo (or `expected`). RS-36. */
  exactlyOneTransfer(payer: PayerRef, expected?: { value?: bigint; to?: Address }): Promise<TokenTransfer>
  /** The settlement's transaction exists, succeeded and is the payer's transfer to payTo. RS-36. */
  transactionOnChain(settlement: SettlementResponse, transfer: TokenTransfer): Promise<void>
  /** The built-in facilitator settled the payer's payment, and finished before the response arrived. RS-18. */
  settledBeforeDelivery(payer: PayerRef, response: ServerResponse): void
  /**
   * The server sent the facilitator only advertised requirements and the client's payload as sent.
   * RS-38/39. With `allowNone`, a server that never asked the facilitator passes too.
   */
  requirementsAdvertised(payer: PayerRef, payload: PaymentPayload, options?: { allowNone?: boolean }): void
  /** Of `responses` (one payment sent several times), at most one delivered, and transfers equal deliveries. RS-37. */
  deliveriesMatchSettlements(payer: PayerRef, responses: readonly ServerResponse[]): Promise<void>
}

/** Whether a response delivered the resource (any 2xx). */
export function isDelivery(response: Pick<ServerResponse, 'status'>): boolean {
  return response.status >= 200 && response.status < 300
}

/** A response in one line for `seen`. */
export function describeResponse(response: ServerResponse): string {
  const body = response.body.length > 160 ? `${response.body.slice(0, 160)}…` : response.body
  return `HTTP ${response.status}${body === '' ? '' : ` ${body}`}`
}

/** The terms of a requirement that decide who is paid what: scheme, network, amount, asset, payTo, time, domain. */
const TERMS = [
  'scheme',
  'network',
  'amount',
  'maxAmountRequired',
  'asset',
  'payTo',
  'maxTimeoutSeconds',
] as const

/**
 * Whether `sent` carries the same terms as the advertised `offer` (addresses in any letter case, the
 * token's EIP-712 name and version included, when the offer names them). Other fields (description, a
 * per-request extra) may vary.
 */
export function sameTerms(offer: unknown, sent: unknown): boolean {
  if (!offer || !sent || typeof offer !== 'object' || typeof sent !== 'object') return false
  const a = offer as Record<string, unknown>
  const b = sent as Record<string, unknown>
  const norm = (value: unknown) =>
    typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value) ? value.toLowerCase() : value
  const extra = (r: Record<string, unknown>) => (r.extra ?? {}) as Record<string, unknown>
  // An offer that names no EIP-712 domain leaves it to the token's own: the server may name that one.
  const domain = (key: 'name' | 'version') => extra(a)[key] === undefined || extra(a)[key] === extra(b)[key]
  return TERMS.every((key) => norm(a[key]) === norm(b[key])) && domain('name') && domain('version')
}

/** Deep equality of JSON values regardless of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b)
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

/** Builds the verdicts over `sources`. */
export function createVerdicts(sources: VerdictSources): ServerVerdicts {
  const { chain, version } = sources
  const price = () => BigInt(requiredAmount(sources.offer(), version))
  const payTo = () => sources.offer().payTo as Address

  /** Gives a server that settles after answering time to do it, so the chain shows everything it did. */
  async function quiesce(payer: Address): Promise<void> {
    if (sources.log) {
      await sources.log.waitFor({ payer, endpoint: 'settle' }, sources.graceMs).catch(() => undefined)
    } else {
      await sleep(sources.graceMs, undefined, { signal: sources.signal })
    }
  }

  async function balanceEvidence(payer: PayerRef): Promise<bigint> {
    const after = await chain.balanceOf(payer.address)
    sources.evidence.add({
      kind: 'balance',
      label: 'payer',
      address: payer.address,
      before: payer.initialBalance.toString(),
      after: after.toString(),
      delta: (after - payer.initialBalance).toString(),
    })
    return after
  }

  async function transfersOut(payer: PayerRef): Promise<TokenTransfer[]> {
    await quiesce(payer.address)
    sources.recordCalls(payer.address)
    const transfers = await chain.transfers({ from: payer.address })
    sources.evidence.add({
      kind: 'note',
      text: `token transfers out of the payer: ${describeTransfers(transfers)}`,
      data: transfers.map((t) => ({
        ...t,
        value: t.value.toString(),
        blockNumber: t.blockNumber.toString(),
      })),
    })
    return transfers
  }

  return {
    status(response, accepted, requirements, message) {
      checkOneOf(
        response.status,
        accepted,
        message ?? `unexpected HTTP status (${describeResponse(response)})`,
        {
          spec: specOf(...requirements),
        },
      )
    },

    noDelivery(response) {
      check(!isDelivery(response), 'the server delivered the resource for a payment it must refuse', {
        expected: 'no delivery (a status outside 2xx)',
        seen: describeResponse(response),
        spec: specOf('RS-18'),
      })
    },

    delivered(response) {
      check(response.status === 200, 'a valid payment did not buy the resource', {
        expected: 'HTTP 200 with the resource',
        seen: describeResponse(response),
        spec: specOf('RS-12'),
      })
    },

    serverError(response) {
      check(
        response.status >= 500 && response.status <= 599,
        'a facilitator that could not be used is not an internal error',
        {
          expected: 'HTTP 500 (a 5xx)',
          seen: describeResponse(response),
          spec: specOf('RS-16'),
        },
      )
    },

    settlementResponse(response, expected) {
      const name = paymentResponseHeaderName(version)
      const level = expected.level ?? 'MUST'
      const ids = expected.success ? ['RS-12', 'RS-13'] : ['RS-17', 'RS-13']
      const fail = (message: string, seen: string, expectedText: string, extra: string[] = []): never => {
        throw new CheckFailure(message, {
          expected: expectedText,
          seen,
          spec: specOf(...ids, ...extra),
          level,
        })
      }
      const raw = getHeader(response.headers, name)
      if (raw === undefined)
        fail(
          `the ${response.status} response carries no ${name} header`,
          describeResponse(response),
          `a ${name} header`,
        )
      const json = decodeBase64Json(raw!)
      if (!json.ok)
        fail(
          `${name} is not base64 JSON: ${formatIssues(json.issues)}`,
          raw!.slice(0, 120),
          'base64 of JSON',
          ['X-7'],
        )
      const checked = checkSettlementResponse(json.ok ? json.value : undefined, version)
      if (!checked.ok)
        fail(
          `${name} is not a valid v${version} SettlementResponse: ${formatIssues(checked.issues)}`,
          show(json.ok ? json.value : raw),
          'a SettlementResponse',
        )
      const settlement = (checked as { ok: true; value: SettlementResponse }).value
      if (settlement.success !== expected.success)
        fail(`${name} says success ${settlement.success}`, show(settlement), `success: ${expected.success}`)
      if (expected.success) {
        if (settlement.transaction === '')
          fail(`${name} names no transaction`, show(settlement), 'a transaction hash')
        if ('errorReason' in settlement && settlement.errorReason !== undefined)
          fail(`${name} has an errorReason although it succeeded`, show(settlement), 'no errorReason', [
            'RS-35',
          ])
        if (settlement.network !== sources.offer().network)
          fail(
            `${name} names another network than the offer`,
            show(settlement.network),
            show(sources.offer().network),
            ['RS-36'],
          )
      } else if (expected.broadcast === undefined && settlement.transaction !== '') {
        fail(
          `a failed ${name} names a transaction although nothing was broadcast`,
          show(settlement.transaction),
          'transaction ""',
          ['RS-35'],
        )
      } else if (
        expected.broadcast !== undefined &&
        settlement.transaction.toLowerCase() !== expected.broadcast.toLowerCase()
      ) {
        fail(
          `a failed ${name} does not name the transaction that was broadcast`,
          show(settlement.transaction),
          show(expected.broadcast),
          ['RS-35'],
        )
      }
      if (
        expected.payer &&
        settlement.payer !== undefined &&
        settlement.payer.toLowerCase() !== expected.payer.toLowerCase()
      )
        fail(`${name} names another payer`, show(settlement.payer), show(expected.payer), ['RS-36'])
      return settlement
    },

    async noTransfer(payer) {
      const transfers = await transfersOut(payer)
      const after = await balanceEvidence(payer)
      checkNoTransfer(transfers, { spec: specOf('RS-18') })
      check(after === payer.initialBalance, "the payer's balance changed although the payment was refused", {
        expected: payer.initialBalance.toString(),
        seen: after.toString(),
        spec: specOf('RS-18'),
      })
    },

    async exactlyOneTransfer(payer, expected = {}) {
      const transfers = await transfersOut(payer)
      await balanceEvidence(payer)
      return checkExactlyOneTransfer(
        transfers,
        { from: payer.address, to: expected.to ?? payTo(), value: expected.value ?? price() },
        {
          spec: specOf('RS-36'),
          message: 'the chain does not show exactly one transfer of the price to payTo',
        },
      )
    },

    async transactionOnChain(settlement, transfer) {
      const observation = await chain.transaction(settlement.transaction, 'settlement transaction')
      checkTransactionSucceeded(observation, { spec: specOf('RS-36') })
      const expected = { from: transfer.from, to: transfer.to, value: transfer.value }
      check(
        observation.transfers.some((t) => matchesTransfer(t, expected)),
        "the settlement's transaction is not the payer's transfer to payTo",
        {
          expected: `a transfer of ${transfer.value} from ${transfer.from} to ${transfer.to} in ${settlement.transaction}`,
          seen: describeTransfers(observation.transfers),
          spec: specOf('RS-36'),
        },
      )
    },

    settledBeforeDelivery(payer, response) {
      const settles = sources.recordCalls(payer.address).filter((call) => call.endpoint === 'settle')
      const succeeded = settles.filter(
        (call) => (call.response as { success?: unknown } | undefined)?.success === true,
      )
      check(succeeded.length > 0, 'the server delivered without a successful settlement at the facilitator', {
        expected: 'a /settle answered success: true before the delivery',
        seen: `${settles.length} /settle call(s): ${show(settles.map((call) => call.response))}`,
        spec: specOf('RS-18'),
      })
      const finished = Math.min(...succeeded.map((call) => call.time + Math.ceil(call.durationMs)))
      check(finished <= response.receivedAt + 1, 'the server delivered before its settlement finished', {
        expected: `the settlement finished before the response (received at ${new Date(response.receivedAt).toISOString()})`,
        seen: `settlement finished at ${new Date(finished).toISOString()}`,
        spec: specOf('RS-18'),
      })
    },

    requirementsAdvertised(payer, payload, options = {}) {
      const calls = sources
        .recordCalls(payer.address)
        .filter((call) => call.endpoint === 'verify' || call.endpoint === 'settle')
      check(
        calls.length > 0 || options.allowNone === true,
        'the server did not ask the facilitator about the payment',
        {
          expected: 'calls to /verify and /settle',
          seen: 'none',
          spec: specOf('RS-38'),
        },
      )
      const advertised = sources.advertised()
      for (const call of calls) {
        const body = call.request as {
          x402Version?: unknown
          paymentPayload?: unknown
          paymentRequirements?: unknown
        }
        check(
          advertised.some((offer) => sameTerms(offer, body?.paymentRequirements)),
          `the server sent /${call.endpoint} requirements it never advertised`,
          {
            expected: `one of ${show(advertised)}`,
            seen: show(body?.paymentRequirements),
            spec: specOf('RS-39'),
          },
        )
        check(
          sameJson(body?.paymentPayload, payload),
          `the server did not send /${call.endpoint} the payload as the client sent it`,
          {
            expected: show(payload),
            seen: show(body?.paymentPayload),
            spec: specOf('RS-38'),
          },
        )
        check(
          body?.x402Version === version,
          `the /${call.endpoint} body names x402Version ${show(body?.x402Version)}`,
          {
            expected: String(version),
            seen: show(body?.x402Version),
            spec: specOf('RS-38'),
          },
        )
      }
    },

    async deliveriesMatchSettlements(payer, responses) {
      const deliveries = responses.filter(isDelivery).length
      const transfers = await transfersOut(payer)
      await balanceEvidence(payer)
      check(deliveries <= 1, 'one payment bought the resource more than once', {
        expected: 'at most one delivery',
        seen: `${deliveries} deliveries: ${responses.map((r) => r.status).join(', ')}`,
        spec: specOf('RS-37'),
      })
      const expected = { from: payer.address, to: payTo(), value: price() }
      if (deliveries === 0)
        checkNoTransfer(transfers, {
          spec: specOf('RS-18'),
          message: 'money moved but nothing was delivered',
        })
      else checkExactlyOneTransfer(transfers, expected, { spec: specOf('RS-36', 'RS-37') })
    },
  }
}
