import { knownBad } from './known-bad.ts'

/** Advertises an EIP-712 domain that is not the token's (Base mainnet's name on the Base Sepolia token). */
export default knownBad({
  name: 'wrong-eip712-domain',
  breaks: ['RS-9'],
  defect: "advertises extra.name 'USD Coin' while the token's EIP-712 name is 'USDC'",
  versions: [1, 2],
  replace: { overrides: { eip712: { name: 'USD Coin', version: '2' } } },
  caughtBy: ['server.challenge.eip712-domain', 'server.payment.honest'],
})
