/** Narrow readers for untrusted JSON fields: each returns the typed value or undefined. */
import { type Address, getAddress, type Hex } from 'viem'

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const HEX_BYTES = /^0x(?:[0-9a-fA-F]{2})+$/
const BYTES32 = /^0x[0-9a-fA-F]{64}$/
const DECIMAL = /^[0-9]{1,78}$/
const UINT256_MAX = (1n << 256n) - 1n

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A 20-byte hex address in any letter case (the legacy x402 schema's rule), checksummed. */
export function readAddress(value: unknown): Address | undefined {
  return typeof value === 'string' && ADDRESS.test(value) ? getAddress(value) : undefined
}

/** A decimal string of a uint256 (the wire form of every x402 amount and EIP-3009 uint). */
export function readUint256(value: unknown): bigint | undefined {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return undefined
  const parsed = BigInt(value)
  return parsed <= UINT256_MAX ? parsed : undefined
}

/** A non-empty 0x hex byte string. */
export function readHexBytes(value: unknown): Hex | undefined {
  return typeof value === 'string' && HEX_BYTES.test(value) ? (value as Hex) : undefined
}

/** A 0x-prefixed 32-byte hex string (the EIP-3009 nonce), lower-cased. */
export function readBytes32(value: unknown): Hex | undefined {
  return typeof value === 'string' && BYTES32.test(value) ? (value.toLowerCase() as Hex) : undefined
}
