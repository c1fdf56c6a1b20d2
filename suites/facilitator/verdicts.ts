/**
 * The facilitator suite's verdict vocabulary: what a valid or invalid verify answer, a settlement and a
 * refused settlement must look like, on the wire and on the chain. Each check fails with what was
 * expected, what was seen and the catalogue's spec section; reason codes are compared with the
 * catalogue's accepted sets (a code outside the set is a SHOULD, FA-43; the refusal itself is a MUST).
 */
import { type Address, isAddressEqual } from 'viem'
import { check, checkOneOf, show } from '../../harness/model/expect.ts'
import type { SpecRef } from '../../harness/model/result.ts'
import { CheckFailure } from '../../harness/model/verdict.ts'
import {
  type BalanceSnapshot,
  type ChainOracle,
  checkExactlyOneTransfer,
  checkTransactionSucceeded,
  type TransactionObservation,
} from '../../harness/oracle/index.ts'
import { checkSettlementResponse, checkVerifyResponse } from '../../harness/wire/index.ts'
import type { SettlementResponse, VerifyResponse, X402Version } from '../../harness/wire/types.ts'
import { requirementById } from '../catalog/index.ts'
import { specRefs } from '../spec-refs.ts'
import { describeAnswer, type FacilitatorAnswer } from './api.ts'
import type { Deal } from './payments.ts'
import { expectNoSignerRace } from './signer-race.ts'

/** The spec sections of catalogue requirements, for a failure's `spec`. */
export const refs: (...ids: string[]) => SpecRef[] = specRefs

/** The accepted reason codes of a catalogue requirement (empty when it has none). */
export function reasonsOf(...ids: string[]): readonly string[] {
  return [...new Set(ids.flatMap((id) => requirementById(id).acceptedReasons ?? []))]
}

/** What a refusal is judged against. */
export interface Refusal {
  /** Reason codes that name this failure (spec code plus SDK variants). */
  reasons: readonly string[]
  /** Requirement ids the refusal is for (their spec sections go into a failure). */
  requirements: string[]
  /** The defect, in words, for messages ("an authorization for less than the amount"). */
  defect: string
}

/** A /verify answer that says valid: isValid true, no invalidReason, payer = authorization.from. */
export function expectVerifyValid(
  answer: FacilitatorAnswer<VerifyResponse>,
  deal: Deal,
  requirements: string[],
): void {
  const spec = refs(...requirements)
  const body = answer.body
  if (body === undefined) {
    throw new CheckFailure('/verify did not answer a VerifyResponse for a valid payment', {
      expected: '{"isValid": true, "payer": …}',
      seen: describeAnswer(answer),
      spec,
    })
  }
  check(body.isValid === true, '/verify refused a valid payment', {
    expected: 'isValid: true',
    seen: show(body),
    spec,
  })
  check(!('invalidReason' in body), 'a valid VerifyResponse carries invalidReason ("omitted if valid")', {
    expected: 'no invalidReason',
    seen: show(body),
    spec: refs('FA-3'),
  })
  expectPayer(body.payer, deal.from, 'VerifyResponse')
  expectShape(checkVerifyResponse(body), 'VerifyResponse', 'FA-3')
}

/** A /verify answer that refuses: never isValid true; isValid false with a code from the accepted set. */
export function expectVerifyInvalid(answer: FacilitatorAnswer<VerifyResponse>, refusal: Refusal): void {
  const body = refusalBody(answer, refusal, VERIFY_REFUSAL)
  expectReason(body.invalidReason, refusal, 'invalidReason')
}

/**
 * A settlement that must not happen: no balance moved, success not true, and (as a SettleResponse) an
 * errorReason from the accepted set and a `transaction` that is "" unless something was broadcast: a
 * named transaction must be one the chain knows (a reverted attempt), FA-4.
 */
export async function expectNotSettled(
  answer: FacilitatorAnswer<SettlementResponse>,
  watch: BalanceSnapshot,
  refusal: Refusal,
  version: X402Version,
  chain: ChainOracle,
): Promise<void> {
  const spec = refs(...refusal.requirements)
  await expectNoMovement(watch, `/settle of ${refusal.defect}`, spec)
  const body = refusalBody(answer, refusal, SETTLE_REFUSAL)
  if (typeof body.transaction === 'string' && body.transaction !== '') {
    const named = await chain.transaction(body.transaction, 'failed settlement')
    check(
      named.status !== 'missing',
      'a failed SettleResponse names a transaction that was never broadcast',
      {
        expected: 'transaction: "" (empty string if no transaction was broadcast), or the broadcast hash',
        seen: show(body),
        spec: refs('FA-4'),
      },
    )
    // A broadcast is allowed in a failure, except where the rule is that nothing is sent at all.
    check(
      !refusal.requirements.includes('FA-54'),
      'a payment whose asset is not an EIP-3009 token was broadcast (sponsorship abuse)',
      { expected: 'nothing broadcast', seen: show(body), spec: refs('FA-54') },
    )
  }
  expectShape(checkSettlementResponse(body, version), 'SettleResponse', 'FA-4')
  expectReason(body.errorReason, refusal, 'errorReason')
}

/** No watched balance changed. */
export async function expectNoMovement(watch: BalanceSnapshot, what: string, spec: SpecRef[]): Promise<void> {
  const moved = Object.entries(await deltasOf(watch)).filter(([, delta]) => delta !== 0n)
  if (moved.length > 0) {
    throw new CheckFailure(`${what} moved funds`, {
      expected: 'no balance change',
      seen: moved.map(([label, delta]) => `${label} ${delta > 0n ? '+' : ''}${delta}`).join(', '),
      spec,
    })
  }
}

/**
 * A settlement that must have happened exactly as signed: success true, a transaction hash whose receipt
 * succeeded and holds exactly one USDC Transfer of `value` from `from` to `payTo`, the balances moved by
 * exactly that, and the response's network and payer right. Returns the mined transaction.
 */
export async function expectSettled(
  answer: FacilitatorAnswer<SettlementResponse>,
  deal: Deal,
  watch: BalanceSnapshot,
  chain: ChainOracle,
): Promise<TransactionObservation> {
  const body = answer.body
  if (body === undefined || body.success !== true) {
    expectNoSignerRace(answer)
    throw new CheckFailure('/settle did not settle a valid payment', {
      expected: '{"success": true, "transaction": "0x…", …}',
      seen: body === undefined ? describeAnswer(answer) : show(body),
      spec: refs('FA-14'),
    })
  }
  const hash = body.transaction
  check(typeof hash === 'string' && /^0x[0-9a-fA-F]{64}$/.test(hash), 'success without a transaction hash', {
    expected: 'transaction: a 32-byte hex hash',
    seen: show(hash),
    spec: refs('FA-4', 'FA-14'),
  })
  const mined = await chain.transaction(hash, 'settlement')
  checkTransactionSucceeded(mined, {
    message: 'the transaction of a successful SettleResponse did not succeed on chain',
    spec: refs('FA-45'),
  })
  const value = deal.authorization.value
  checkExactlyOneTransfer(
    mined.transfers,
    { from: deal.from, to: deal.payTo, value },
    {
      message: 'the settlement transaction does not transfer exactly what was signed',
      spec: refs('FA-14', 'FA-15'),
    },
  )
  const deltas = await deltasOf(watch)
  check(
    deltas.payer === -value && deltas.payTo === value,
    'the balances did not move by exactly the signed value',
    {
      expected: `payer -${value}, payTo +${value}`,
      seen: `payer ${deltas.payer}, payTo ${deltas.payTo}`,
      spec: refs('FA-15'),
    },
  )
  checkOneOf(
    body.network,
    [deal.requirements.network],
    "the SettleResponse's network is not the requirements' network",
    {
      spec: refs('FA-45', 'FA-4'),
    },
  )
  expectPayer(body.payer, deal.from, 'SettleResponse')
  if (deal.version === 1) {
    check(typeof body.payer === 'string', 'a v1 SettleResponse has no payer', {
      expected: 'payer (Required in v1)',
      seen: show(body),
      spec: refs('FA-4'),
    })
  }
  if (body.amount !== undefined) {
    check(body.amount === deal.amount.toString(), "the SettleResponse's amount is not the amount settled", {
      expected: deal.amount.toString(),
      seen: show(body.amount),
      spec: refs('FA-53'),
    })
  }
  check(
    !('errorReason' in body) || body.errorReason === undefined,
    'a successful SettleResponse carries errorReason',
    {
      expected: 'no errorReason',
      seen: show(body),
      spec: refs('FA-4'),
    },
  )
  expectShape(checkSettlementResponse(body, deal.version), 'SettleResponse', 'FA-4')
  return mined
}

/** How {@link refusalBody} reads one endpoint's answer. */
interface RefusalShape {
  path: '/verify' | '/settle'
  /** The response's key field, true when the endpoint did not refuse. */
  flag: 'isValid' | 'success'
  /** The message of an answer that did not refuse `defect`. */
  notRefused: (defect: string) => string
  response: 'VerifyResponse' | 'SettleResponse'
  /** The refusing response in short, for an answer without one. */
  refusing: string
}

const VERIFY_REFUSAL: RefusalShape = {
  path: '/verify',
  flag: 'isValid',
  notRefused: (defect) => `/verify accepted ${defect}`,
  response: 'VerifyResponse',
  refusing: '{"isValid": false, "invalidReason": …}',
}

const SETTLE_REFUSAL: RefusalShape = {
  path: '/settle',
  flag: 'success',
  notRefused: (defect) => `/settle reported success for ${defect} (no funds moved)`,
  response: 'SettleResponse',
  refusing: '{"success": false, "errorReason": …, "transaction": ""}',
}

/**
 * The body of an answer that must refuse: it fails when the answer did not refuse (a MUST), or when
 * it refused with an HTTP error instead of the response the spec defines: nothing was accepted (the
 * MUST holds), but the answer's shape is a SHOULD (FA-3 for /verify, FA-4 for /settle).
 */
function refusalBody<T extends VerifyResponse | SettlementResponse>(
  answer: FacilitatorAnswer<T>,
  refusal: Refusal,
  shape: RefusalShape,
): T {
  const body = answer.body
  if (body !== undefined && (body as Record<string, unknown>)[shape.flag] === true) {
    throw new CheckFailure(shape.notRefused(refusal.defect), {
      expected: `${shape.flag}: false`,
      seen: show(body),
      spec: refs(...refusal.requirements),
    })
  }
  if (body === undefined) {
    throw new CheckFailure(
      `${shape.path} refused ${refusal.defect} with an HTTP error instead of a ${shape.response}`,
      {
        expected: shape.refusing,
        seen: describeAnswer(answer),
        spec: [...refs(...refusal.requirements), ...refs(shape.path === '/verify' ? 'FA-3' : 'FA-4')],
        level: 'SHOULD',
      },
    )
  }
  return body
}

function expectPayer(payer: unknown, from: Address, message: string): void {
  if (payer === undefined) return
  check(
    typeof payer === 'string' && /^0x[0-9a-fA-F]{40}$/.test(payer) && isAddressEqual(payer as Address, from),
    `the ${message}'s payer is not authorization.from`,
    { expected: from, seen: show(payer), spec: refs(message === 'VerifyResponse' ? 'FA-3' : 'FA-45') },
  )
}

function expectReason(reason: unknown, refusal: Refusal, field: 'invalidReason' | 'errorReason'): void {
  if (typeof reason === 'string' && refusal.reasons.includes(reason)) return
  throw new CheckFailure(`the ${field} does not name the failure (${refusal.defect})`, {
    expected: `one of ${refusal.reasons.join(', ')}`,
    seen: show(reason),
    spec: [...refs(...refusal.requirements), ...refs('FA-43')],
    level: 'SHOULD',
  })
}

function expectShape(
  result: { ok: true } | { ok: false; issues: { path: string; message: string }[] },
  what: string,
  requirement: string,
): void {
  if (result.ok) return
  throw new CheckFailure(`the ${what} does not have the spec's shape`, {
    expected: `a ${what} (spec schema table)`,
    seen: result.issues.map((issue) => `${issue.path || '(body)'}: ${issue.message}`).join('; '),
    spec: refs(requirement),
  })
}

/** The balance change of every labelled account of `snapshot` (recorded as evidence). */
export async function deltasOf(snapshot: BalanceSnapshot): Promise<Record<string, bigint>> {
  return Object.fromEntries((await snapshot.deltas()).map((entry) => [entry.label, entry.delta]))
}

/** Runs checks whose failure is a broken MUST even inside a case of a weaker level. */
export async function must<T>(checks: () => Promise<T>): Promise<T> {
  try {
    return await checks()
  } catch (error) {
    if (error instanceof CheckFailure && error.level === undefined) {
      throw new CheckFailure(error.message, {
        ...(error.expected === undefined ? {} : { expected: error.expected }),
        ...(error.seen === undefined ? {} : { seen: error.seen }),
        ...(error.spec === undefined ? {} : { spec: error.spec }),
        level: 'MUST',
      })
    }
    throw error
  }
}
