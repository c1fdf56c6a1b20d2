/**
 * Nonces across payments: the same payer paying twice uses two different random 32-byte nonces (a
 * repeated nonce makes the second authorization unsettleable, or replays the first).
 */

import { check } from '../../../harness/model/expect.ts'
import { clientCase } from '../case.ts'
import { expectAuthorization, expectNonceFormat, expectOnePayment, refs } from '../verdicts/index.ts'

export const freshPerPayment = clientCase({
  id: 'client.nonce.fresh-per-payment',
  title: 'Two payments by the same payer carry two different 32-byte nonces',
  requirements: ['CL-33', 'CL-5'],
  tags: ['replay'],
  // Two client runs one after the other (two process starts for a command target).
  timeoutMs: 60_000,
  async run(context) {
    const payer = context.target.kind === 'driver' ? undefined : await context.fundedPayer()
    const nonces: string[] = []
    for (const label of ['first payment', 'second payment']) {
      const { endpoint } = context.honest([context.offer()], { settle: false })
      const run = await context.pay(endpoint, { label, ...(payer === undefined ? {} : { payer }) })
      const { nonce } = expectAuthorization(expectOnePayment(run, context.version))
      expectNonceFormat(nonce)
      nonces.push(nonce.toLowerCase())
    }
    check(nonces[0] !== nonces[1], 'the client signed two payments with the same nonce', {
      expected: 'a fresh random nonce per payment',
      seen: `both payments used ${nonces[0]}`,
      spec: refs('CL-33'),
    })
  },
})

/** The nonce cases. */
export const nonceCases = [freshPerPayment] as const
