/**
 * The slice of the EIP-3009 token and ERC-1271 interfaces the facilitator calls. Written out here
 * (not imported from contracts/artifacts) because a facilitator must work against any EIP-3009 token
 * with FiatToken v2.2's ABI, not only the devnet's build.
 */
import { parseAbi } from 'viem'

/** EIP-3009 USDC functions and the ERC-20 Transfer event. */
export const eip3009Abi = parseAbi([
  'function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s)',
  'function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, bytes signature)',
  'function authorizationState(address authorizer, bytes32 nonce) view returns (bool)',
  'function balanceOf(address account) view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

/** ERC-1271 `isValidSignature`. */
export const erc1271Abi = parseAbi([
  'function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)',
])

/** The value ERC-1271 returns for a valid signature (the function selector). */
export const ERC1271_MAGIC_VALUE = '0x1626ba7e'
