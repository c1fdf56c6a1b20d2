/**
 * The slice of an EIP-3009 token the chain oracle reads: balances, the ERC-20 Transfer event,
 * `authorizationState` and the EIP-712 domain getters (EIP-5267 `eip712Domain()`, else `name()`/`version()`). Written out (not taken from the devnet's build)
 * so the oracle reads any FiatToken-like token.
 */
import { parseAbi } from 'viem'

/** What the oracle calls on the token. */
export const tokenAbi = parseAbi([
  'function balanceOf(address account) view returns (uint256)',
  'function authorizationState(address authorizer, bytes32 nonce) view returns (bool)',
  'function name() view returns (string)',
  'function version() view returns (string)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
  'function decimals() view returns (uint8)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

/** The ERC-20 Transfer event alone, for log queries. */
export const transferEvent = tokenAbi.find(
  (item): item is Extract<(typeof tokenAbi)[number], { type: 'event' }> =>
    item.type === 'event' && item.name === 'Transfer',
)!
