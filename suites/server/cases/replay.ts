/**
 * A payment buys one delivery (x402-specification-v2.md §10.1 "Replay Attack Prevention"): the same
 * payment header sent again, one after the other or several times at once, is never a second sale.
 */
import { serverCase } from '../case.ts'

/** How many copies of one payment the concurrent case sends at once. */
export const CONCURRENT_COPIES = 5

/** How long the facilitator takes per settle answer in the slow-settle case (ms). */
const SLOW_SETTLE_MS = 500

export const replayCases = [
  serverCase({
    id: 'server.replay.sequential',
    title: 'A payment replayed after it bought the resource buys nothing more',
    requirements: ['RS-37', 'RS-15', 'X-1'],
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay()
      const first = await context.request({ payment, label: 'honest payment' })
      context.expect.delivered(first)
      const replay = await context.request({ payment, label: 'the same payment again' })
      context.expect.noDelivery(replay)
      await context.expect.exactlyOneTransfer(payer)
      context.expect.status(replay, [402], ['RS-15'])
    },
  }),

  serverCase({
    id: 'server.replay.concurrent',
    title: `One payment sent ${CONCURRENT_COPIES} times at once is delivered at most once and settled at most once`,
    requirements: ['RS-37', 'X-1'],
    needs: ['chain'],
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay()
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT_COPIES }, (_, copy) =>
          context.request({ payment, label: `copy ${copy + 1} of one payment` }),
        ),
      )
      await context.expect.deliveriesMatchSettlements(payer, responses)
    },
  }),

  serverCase({
    id: 'server.replay.concurrent-slow-settle',
    title: `One payment sent ${CONCURRENT_COPIES} times at once, with slow settle answers, is delivered at most once`,
    requirements: ['RS-37', 'RS-48', 'X-1'],
    needs: ['chain', 'builtin-facilitator'],
    async run(context) {
      const payer = await context.payer()
      // Every copy passes verify before the first settlement lands; the others' settles then fail.
      context.facilitator.fault(payer.address, 'settle', { kind: 'delay', ms: SLOW_SETTLE_MS })
      const payment = await payer.pay()
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT_COPIES }, (_, copy) =>
          context.request({ payment, label: `copy ${copy + 1} of one payment (settle answers slowly)` }),
        ),
      )
      await context.facilitator.waitFor(payer.address, 'settle', 2 * SLOW_SETTLE_MS)
      await context.expect.deliveriesMatchSettlements(payer, responses)
    },
  }),
]
