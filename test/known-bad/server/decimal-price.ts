import { knownBad } from './known-bad.ts'

/** Advertises the price in dollars ("0.001") instead of atomic units ("1000"). */
export default knownBad({
  name: 'decimal-price',
  breaks: ['X-11'],
  defect: 'advertises the amount as a decimal number of dollars',
  versions: [1, 2],
  replace: { overrides: { price: '0.001' } },
  caughtBy: ['server.challenge.amounts', 'server.challenge.schema'],
})
