import { knownBad } from './known-bad.ts'

/** Takes vouchers on a channel it knows without asking the facilitator (and checks nothing itself). */
export default knownBad({
  name: 'batch-skips-voucher-verify',
  breaks: ['RS-31', 'RS-18'],
  defect:
    'delivers for any voucher of the right cumulative amount on a known channel: no signature or balance check',
  versions: [2],
  replace: {
    batchSteps: {
      unasked: (payment, record) => (payment.type === 'voucher' ? record?.snapshot : undefined),
    },
  },
  caughtBy: ['server.batch.wrong-signer', 'server.batch.above-balance'],
})
