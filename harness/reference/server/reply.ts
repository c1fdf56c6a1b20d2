/**
 * What the reference server answers, and its 500. Its own module, below the server's flow (./flow.ts,
 * ./steps.ts) and the batch-settlement flow (./batch/flow.ts), which all build replies, so that the
 * batch code need not import the server's flow.
 */

/** An HTTP answer. Header names lower-case. */
export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

/** The protected content. */
export interface Resource {
  contentType: string
  body: string
}

/** 500: the server could not process the payment (the facilitator is down, slow or answers garbage). */
export function serverError(message: string): Reply {
  return {
    status: 500,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify({ error: 'payment_processing_failed', message }),
  }
}
