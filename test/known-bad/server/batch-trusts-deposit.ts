import { knownBad } from './known-bad.ts'

/** Takes a deposit without /verify and delivers even when its settlement fails. */
export default knownBad({
  name: 'batch-trusts-deposit',
  breaks: ['RS-18'],
  defect:
    'delivers for a deposit payload whatever the facilitator says of it (no /verify, settlement failure ignored)',
  versions: [2],
  replace: {
    batchSteps: {
      // Without asking: the channel as the deposit itself says it will be (nothing claimed yet).
      unasked: (payment, record) =>
        payment.type !== 'deposit'
          ? undefined
          : (record?.snapshot ?? {
              channelId: payment.voucher.channelId,
              balance: `${payment.depositAmount}`,
              totalClaimed: '0',
              withdrawRequestedAt: 0,
              refundNonce: '0',
            }),
    },
  },
  caughtBy: ['server.batch.deposit-bad-authorization'],
})
