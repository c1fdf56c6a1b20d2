/**
 * What every Permit2-based x402 payment shares (scheme_exact_evm.md §2, scheme_upto_evm.md §1): the
 * Permit2 EIP-712 domain, `PermitWitnessTransferFrom` typed data around a scheme's own `Witness`, the
 * wire form of `permit2Authorization` (uints as decimal strings) and its reader. A scheme names its
 * witness by its EIP-712 fields; the wire conversion and the typed data both follow from that list.
 */
import { type Address, getAddress, type Hex, hashTypedData, type LocalAccount } from 'viem'
import { PERMIT2_ADDRESS } from '../../devnet/permit2-addresses.ts'
import { issue, WireError, type WireIssue } from '../../wire/errors.ts'

/** One field of a witness struct: its name and EIP-712 type. */
export interface WitnessField {
  readonly name: string
  readonly type: 'address' | 'uint256'
}

/** A witness's values: addresses for `address` fields, bigints for `uint256` ones. */
export type WitnessValues = Record<string, Address | bigint>

/** `permit2Authorization` with typed values: what the payer signs. */
export interface Permit2Authorization<W extends WitnessValues = WitnessValues> {
  from: Address
  permitted: { token: Address; amount: bigint }
  /** The x402 proxy allowed to submit the permit (Permit2 takes the caller as the signed spender). */
  spender: Address
  /** Permit2's unordered nonce: word `nonce >> 8`, bit `nonce & 0xff` of the owner's bitmap. */
  nonce: bigint
  /** The last second the permit is valid (Permit2 reverts when `block.timestamp > deadline`). */
  deadline: bigint
  witness: W
}

/** `permit2Authorization` as it travels on the wire. */
export interface Permit2AuthorizationWire {
  permitted: { token: string; amount: string }
  from: string
  spender: string
  nonce: string
  deadline: string
  witness: Record<string, string>
}

/** The EIP-712 domain Permit2 signs under: name "Permit2", no version. */
export function permit2Domain(chainId: number, verifyingContract: Address = PERMIT2_ADDRESS) {
  return { name: 'Permit2', chainId, verifyingContract } as const
}

/** The EIP-712 types of `PermitWitnessTransferFrom` with the given witness struct. */
export function permit2WitnessTypes(witness: readonly WitnessField[]) {
  return {
    PermitWitnessTransferFrom: [
      { name: 'permitted', type: 'TokenPermissions' },
      { name: 'spender', type: 'address' },
      { name: 'nonce', type: 'uint256' },
      { name: 'deadline', type: 'uint256' },
      { name: 'witness', type: 'Witness' },
    ],
    TokenPermissions: [
      { name: 'token', type: 'address' },
      { name: 'amount', type: 'uint256' },
    ],
    Witness: witness.map(({ name, type }) => ({ name, type })),
  }
}

/** Typed data of a Permit2 witness transfer, as viem signs and hashes it. */
export interface Permit2TypedData {
  domain: ReturnType<typeof permit2Domain>
  types: ReturnType<typeof permit2WitnessTypes>
  primaryType: 'PermitWitnessTransferFrom'
  message: {
    permitted: { token: Address; amount: bigint }
    spender: Address
    nonce: bigint
    deadline: bigint
    witness: WitnessValues
  }
}

/** The typed data the payer signs for `authorization`. */
export function permit2TypedData(
  authorization: Permit2Authorization,
  witness: readonly WitnessField[],
  chainId: number,
  domain: Partial<ReturnType<typeof permit2Domain>> = {},
): Permit2TypedData {
  return {
    domain: { ...permit2Domain(chainId), ...domain },
    types: permit2WitnessTypes(witness),
    primaryType: 'PermitWitnessTransferFrom',
    message: {
      permitted: authorization.permitted,
      spender: authorization.spender,
      nonce: authorization.nonce,
      deadline: authorization.deadline,
      witness: authorization.witness,
    },
  }
}

/** The EIP-712 digest Permit2 checks the signature against. */
export function permit2Digest(typedData: Permit2TypedData): Hex {
  return hashTypedData(typedData)
}

/** Signs the typed data with a local account. */
export function signPermit2(account: LocalAccount, typedData: Permit2TypedData): Promise<Hex> {
  return account.signTypedData(typedData)
}

/** A random 256-bit Permit2 nonce (the SDKs draw 32 random bytes; any unused nonce works). */
export function randomPermit2Nonce(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return BigInt(`0x${Buffer.from(bytes).toString('hex')}`)
}

/** The wire form: uints as decimal strings, addresses as given. */
export function permit2AuthorizationToWire(authorization: Permit2Authorization): Permit2AuthorizationWire {
  const witness: Record<string, string> = {}
  for (const [name, value] of Object.entries(authorization.witness)) witness[name] = value.toString()
  return {
    permitted: { token: authorization.permitted.token, amount: authorization.permitted.amount.toString() },
    from: authorization.from,
    spender: authorization.spender,
    nonce: authorization.nonce.toString(),
    deadline: authorization.deadline.toString(),
    witness,
  }
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
/** Decimal as the SDKs send it; 0x-hex as scheme_upto_evm.md's example writes the nonce. */
const UINT = /^(?:0|[1-9][0-9]*|0x[0-9a-fA-F]{1,64})$/
const UINT256_MAX = 2n ** 256n - 1n

/**
 * Reads `payload` (`{ signature, permit2Authorization }`) into typed values; every problem is a
 * WireIssue naming its path (`payload.permit2Authorization.witness.to`).
 */
export function readPermit2Payload(
  payload: unknown,
  witness: readonly WitnessField[],
  subject: string,
): { signature: Hex; authorization: Permit2Authorization } {
  const issues: WireIssue[] = []
  const object = (value: unknown, path: string): Record<string, unknown> => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>
    issues.push(
      issue(
        path,
        value === undefined ? 'missing' : 'type',
        `expected an object, got ${JSON.stringify(value)}`,
      ),
    )
    return {}
  }
  const address = (value: unknown, path: string): Address => {
    if (typeof value === 'string' && ADDRESS.test(value)) return getAddress(value.toLowerCase())
    issues.push(
      issue(
        path,
        value === undefined ? 'missing' : 'format',
        `expected a 20-byte hex address, got ${JSON.stringify(value)}`,
      ),
    )
    return '0x0000000000000000000000000000000000000000'
  }
  const uint = (value: unknown, path: string): bigint => {
    if (typeof value === 'string' && UINT.test(value) && BigInt(value) <= UINT256_MAX) return BigInt(value)
    issues.push(
      issue(
        path,
        value === undefined ? 'missing' : 'format',
        `expected a uint256 string, got ${JSON.stringify(value)}`,
      ),
    )
    return 0n
  }
  const root = object(payload, 'payload')
  const signature = root.signature
  if (typeof signature !== 'string' || !/^0x(?:[0-9a-fA-F]{2})+$/.test(signature)) {
    issues.push(
      issue(
        'payload.signature',
        signature === undefined ? 'missing' : 'format',
        'expected 0x-prefixed hex bytes',
      ),
    )
  }
  const p = 'payload.permit2Authorization'
  const auth = object(root.permit2Authorization, p)
  const permitted = object(auth.permitted, `${p}.permitted`)
  const witnessWire = object(auth.witness, `${p}.witness`)
  const witnessValues: WitnessValues = {}
  for (const field of witness) {
    const path = `${p}.witness.${field.name}`
    witnessValues[field.name] =
      field.type === 'address' ? address(witnessWire[field.name], path) : uint(witnessWire[field.name], path)
  }
  const authorization: Permit2Authorization = {
    from: address(auth.from, `${p}.from`),
    permitted: {
      token: address(permitted.token, `${p}.permitted.token`),
      amount: uint(permitted.amount, `${p}.permitted.amount`),
    },
    spender: address(auth.spender, `${p}.spender`),
    nonce: uint(auth.nonce, `${p}.nonce`),
    deadline: uint(auth.deadline, `${p}.deadline`),
    witness: witnessValues,
  }
  if (issues.length > 0) throw new WireError({ subject, issues })
  return { signature: signature as Hex, authorization }
}

/** Whether `payload` is shaped like a Permit2 payment (has `permit2Authorization`), as the SDK routes it. */
export function isPermit2Payload(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && Object.hasOwn(payload, 'permit2Authorization')
}
