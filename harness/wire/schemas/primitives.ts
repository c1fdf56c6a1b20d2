/**
 * Field-level zod schemas shared by the v1 and v2 messages. Each carries a message that says what the
 * spec wants, because the message ends up in a conformance report.
 */
import { z } from 'zod'
import { parseCaip2 } from '../networks.ts'

const UINT256_MAX = (1n << 256n) - 1n

/** An atomic amount: decimal digits, no sign, no fraction, no leading zeros (`^(0|[1-9][0-9]*)$`). */
export const atomicAmount = z
  .string()
  .regex(
    /^(0|[1-9][0-9]*)$/,
    'expected an atomic amount: a decimal string of digits, no sign, fraction or leading zeros',
  )
  // Runs even when the regex failed (zod checks do not abort), so it must only judge digit strings.
  .refine((text) => !/^[0-9]+$/.test(text) || BigInt(text) <= UINT256_MAX, 'does not fit in a uint256')

/** A uint256 sent as a decimal string (EIP-3009 `value`, `validAfter`, `validBefore`). */
export const uintString = atomicAmount

/** A 20-byte EVM address, 0x-prefixed hex (case not checked: the SDKs accept any case). */
export const evmAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x-prefixed 20-byte hex address')

/** A 32-byte value, 0x-prefixed hex (the EIP-3009 nonce). */
export const bytes32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'expected a 0x-prefixed 32-byte hex string')

/** A non-empty 0x-prefixed hex byte string (signatures; smart wallets send more than 65 bytes). */
export const hexBytes = z
  .string()
  .regex(/^0x(?:[0-9a-fA-F]{2})+$/, 'expected 0x-prefixed hex bytes (an even number of hex digits)')

/** A string that must not be empty (scheme, asset, payTo). */
export const nonEmpty = z.string().min(1, 'must not be empty')

/** A v2 network: a CAIP-2 id (`eip155:84532`); for `eip155` the reference must be a decimal chain id. */
export const caip2Network = z
  .string()
  .refine(
    (network) => parseCaip2(network) !== undefined,
    'expected a CAIP-2 network id such as eip155:84532 (namespace:reference)',
  )

/** A v1 network: a plain name such as `base-sepolia`; CAIP-2 ids belong to v2. */
export const v1Network = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a v1 network name such as base-sepolia (v1 does not use CAIP-2)')

/** A positive integer number of seconds (`maxTimeoutSeconds`); a JSON number, not a string. */
export const positiveSeconds = z
  .number()
  .int('expected a whole number of seconds')
  .positive('must be positive')

/** An absolute URL (v1 `resource`, v2 `resource.url`). */
export const url = z.string().refine((text) => URL.canParse(text), 'expected an absolute URL')

/** A JSON object with any keys (`extra`, `extensions`, scheme payloads). */
export const jsonObject = z.record(z.string(), z.unknown())
