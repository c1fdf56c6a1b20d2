import { knownBad } from './known-bad.ts'

/** Answers a payer without the Permit2 approval like any other failed payment. */
export default knownBad({
  name: 'permit2-allowance-as-402',
  breaks: ['RS-21'],
  defect: 'answers permit2_allowance_required with 402 instead of 412 Precondition Failed',
  versions: [2],
  replace: {
    overrides: { permit2Kinds: ['exact', 'upto'] },
    steps: { refusalStatus: () => 402 },
  },
  caughtBy: ['server.permit2.allowance-required'],
})
