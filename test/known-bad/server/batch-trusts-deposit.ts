import { knownBad } from './known-bad.ts'

/** Takes a deposit without /verify and delivers even when its settlement fails. */
export default knownBad({
  name: 'batch-trusts-deposit',
  breaks: ['RS-18'],
  defect:
    'delivers for a deposit payload whatever the facilitator says of it (no /verify, settlement failure ignored)',
  versions: [2],
  server: { batchDefects: { trustsDeposit: true } },
  caughtBy: ['server.batch.deposit-bad-authorization'],
})
