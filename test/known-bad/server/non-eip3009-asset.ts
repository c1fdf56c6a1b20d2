import { PLAIN_TOKEN_ADDRESS } from '../../../harness/devnet/permit2-addresses.ts'
import { knownBad } from './known-bad.ts'

/**
 * Offers an EIP-3009 exact payment in a plain ERC-20 (the devnet's Permit2 token): a payer can sign
 * the authorization, but no transferWithAuthorization exists to settle it.
 */
export default knownBad({
  name: 'non-eip3009-asset',
  breaks: ['RS-43'],
  defect: 'names a plain ERC-20 without EIP-3009 as the asset of an EIP-3009 exact offer',
  versions: [1, 2],
  replace: { overrides: { asset: PLAIN_TOKEN_ADDRESS, eip712: { name: 'Plain Token', version: '1' } } },
  caughtBy: ['server.challenge.asset-contract', 'server.challenge.asset'],
})
