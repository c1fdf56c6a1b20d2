/**
 * `client --driver <url>`: a long-running client under test, asked to pay for a URL by
 * `POST <driver> {"url": …}`; it answers with the client contract's JSON object.
 */
import { CheckFailure, TargetUnavailable } from '../model/verdict.ts'
import { clip, toClientReport } from './client-report.ts'
import { describeFetchError, unreachableReason } from './reachable.ts'
import type { AttachedTarget, PayOptions } from './types.ts'

/** Checks the driver answers, then returns a client target that pays through it. */
export async function attachDriver(driverUrl: string): Promise<AttachedTarget> {
  const unreachable = await unreachableReason(driverUrl)
  if (unreachable !== undefined)
    throw new TargetUnavailable(`client driver ${driverUrl} is unreachable: ${unreachable}`)
  return {
    kind: 'driver',
    label: driverUrl,
    async pay(url: string, options: PayOptions) {
      let response: Response
      try {
        response = await fetch(driverUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ url }),
          signal: options.signal,
        })
      } catch (error) {
        if (options.signal.aborted) throw error
        throw new TargetUnavailable(`client driver ${driverUrl}: ${describeFetchError(error)}`)
      }
      const text = await response.text()
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        throw new CheckFailure('the client driver did not answer with JSON', {
          expected: 'a JSON object {"success", "status", "body", "paymentResponse"}',
          seen: `HTTP ${response.status}: ${clip(text) || '(empty body)'}`,
        })
      }
      return toClientReport(value, 'the client driver')
    },
    problem: () => undefined,
    stop: async () => {},
  }
}
