/**
 * A server's response as the cases and the verdicts see it: its own module so that the context (which
 * holds the verdicts) and the verdicts (which read responses) need not import each other.
 */
import type { HttpResponse } from '../../harness/http/exchange.ts'

/** A response of the server, with when it was sent and received (wall clock, ms). */
export interface ServerResponse extends HttpResponse {
  sentAt: number
  receivedAt: number
}
