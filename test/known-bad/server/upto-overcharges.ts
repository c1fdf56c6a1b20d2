import { knownBad } from './known-bad.ts'

/** Meters an upto request above what the payer signed for. */
export default knownBad({
  name: 'upto-overcharges',
  breaks: ['RS-20'],
  defect: 'asks /settle for an upto charge one unit above the signed maximum',
  versions: [2],
  replace: {
    overrides: { permit2Kinds: ['exact', 'upto'] },
    steps: {
      charge(_context, requirements) {
        if (requirements.scheme !== 'upto' || !('amount' in requirements)) return requirements
        return { ...requirements, amount: (BigInt(requirements.amount) + 1n).toString() }
      },
    },
  },
  caughtBy: ['server.permit2.upto-charge'],
})
