/**
 * The payment-identifier extension on the resource-server side (extensions/payment_identifier.md at
 * x402-foundation 0ce3e9c): the server advertises it, reads the client's `info.id`, answers a resend
 * of the same payload under the same id with the response it sent (PAYMENT-RESPONSE included) without
 * processing it again, and answers 409 Conflict to any other payload under that id. The lookup runs
 * before verification ("A resend can fail verification once its payment has settled"), so the id is
 * bound to the exact PaymentPayload, scoped by the route.
 */
import type { ExtensionEntry, PaymentPayload } from '../../wire/types.ts'
import type { Reply } from './reply.ts'

/** The extension's key in `extensions`. */
export const PAYMENT_IDENTIFIER = 'payment-identifier'

/** The extension's `info.id` format: 16–128 characters, alphanumeric, hyphens, underscores. */
export const PAYMENT_ID_PATTERN = /^[A-Za-z0-9_-]{16,128}$/

/** What the server advertises in PaymentRequired `extensions` (the schema the extension gives). */
export function paymentIdentifierExtension(required: boolean): ExtensionEntry {
  return {
    info: { required },
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        required: { type: 'boolean' },
        id: { type: 'string', minLength: 16, maxLength: 128 },
      },
      required: ['required'],
    },
  }
}

/** The id a v2 payload carries, undefined when none (or v1), or `invalid` when it breaks the format. */
export function paymentIdOf(payload: PaymentPayload): string | 'invalid' | undefined {
  if (payload.x402Version !== 2) return undefined
  const entry = (payload.extensions as Record<string, unknown> | null | undefined)?.[PAYMENT_IDENTIFIER]
  const id = (entry as { info?: { id?: unknown } } | undefined)?.info?.id
  if (id === undefined) return undefined
  return typeof id === 'string' && PAYMENT_ID_PATTERN.test(id) ? id : 'invalid'
}

/** One id's record: the payload it was first seen with, and the answer (or the answer to come). */
interface Entry {
  payload: string
  reply: Promise<Reply>
}

/** The ids a server has seen, per route, with the answers it sent. In memory. */
export class PaymentIdentifierStore {
  private readonly entries = new Map<string, Entry>()

  /**
   * Answers a payment carrying `id` on `route`: the first payload under an id is processed (`process`);
   * the same payload again gets that answer once it exists (a 2xx is kept and replayed; after any other
   * answer the id is free again, so a retry is processed afresh); a different payload gets 409.
   */
  async answer(
    route: string,
    id: string,
    payload: PaymentPayload,
    process: () => Promise<Reply>,
  ): Promise<Reply> {
    const key = `${route} ${id}`
    const canonical = JSON.stringify(payload)
    const seen = this.entries.get(key)
    if (seen !== undefined) return seen.payload === canonical ? seen.reply : conflict()
    const reply = process()
    this.entries.set(key, { payload: canonical, reply })
    const answered = await reply.catch((error: unknown) => {
      this.entries.delete(key)
      throw error
    })
    if (answered.status < 200 || answered.status >= 300) this.entries.delete(key)
    return answered
  }
}

/** 409: the id was first used for another payload (payment_identifier.md "Idempotency Behavior"). */
export function conflict(): Reply {
  return {
    status: 409,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({
      error: 'payment_identifier_conflict',
      message: 'this payment-identifier id was already used for a different payment',
    }),
  }
}

/** 400: the server requires an id and none (or a malformed one) was sent. */
export function missingId(): Reply {
  return {
    status: 400,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({
      error: 'payment_identifier_required',
      message: 'a payment-identifier id is required',
    }),
  }
}
