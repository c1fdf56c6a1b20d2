import { knownBad } from './known-bad.ts'

/** Ignores the settlement result: a failed settlement still delivers. */
export default knownBad({
  name: 'delivers-on-settle-failure',
  breaks: ['RS-18'],
  defect: 'delivers the resource whatever /settle answered',
  versions: [1, 2],
  replace: { steps: { settled: () => true } },
  caughtBy: ['server.failure.settle-rejected'],
})
