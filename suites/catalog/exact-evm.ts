/**
 * Requirements of the `exact` scheme on EVM with EIP-3009: the core spec's §6.1 (v1 and v2 side by
 * side, they differ only in the amount rule) and `schemes/exact/scheme_exact_evm.md`, including the
 * foundation text on `extra`. ERC-7710 entries are listed as `later`.
 */
import { coreV1, coreV2, coreV2Newer, exact, exactEvm, httpV2 } from './cite.ts'
import { acceptedReasons, unionOfReasons } from './reason-codes.ts'
import { FOUNDATION_EXACT_FLOWS, FOUNDATION_MAIN } from './spec.ts'
import type { RequirementInput } from './types.ts'

/** Section names of scheme_exact_evm.md, as its headings write them. */
const EIP3009_PHASE1 = '1. AssetTransferMethod: EIP-3009 / Phase 1: PAYMENT-SIGNATURE Header Payload'
const EIP3009_PHASE2 = '1. AssetTransferMethod: EIP-3009 / Phase 2: Verification Logic'
const EIP3009_PHASE3 = '1. AssetTransferMethod: EIP-3009 / Phase 3: Settlement Logic'
const EIP3009_EXTRA = '1. AssetTransferMethod: EIP-3009 / extra field definitions specific to eip3009'
const PERMIT2_PHASE2 = '2. AssetTransferMethod: Permit2 / Phase 2: PAYMENT-SIGNATURE Header Payload'
const PERMIT2_PHASE3 = '2. AssetTransferMethod: Permit2 / Phase 3: Verification Logic'
const ERC7710_PHASE2 = '3. AssetTransferMethod: ERC-7710 / Phase 2: PAYMENT-SIGNATURE Header Payload'
const ERC7710_PHASE3 = '3. AssetTransferMethod: ERC-7710 / Phase 3: Verification Logic'
const ERC7710_EXTRA = '3. AssetTransferMethod: ERC-7710 / extra field definitions specific to erc7710'

const ERC7710_LATER =
  'the ERC-7710 transfer method is out of scope for now, and no reference SDK implements it'

/** Client-side rules: what a correct EIP-3009 payment looks like. */
const client: readonly RequirementInput[] = [
  {
    id: 'CL-5',
    level: 'schema',
    role: 'client',
    versions: [1, 2],
    statement:
      'For exact EVM the payload is {signature, authorization: {from, to, value, validAfter, validBefore, nonce}}, every field a string and nonce a 0x-prefixed 32-byte hex string.',
    quote: '`nonce` | `string` | Required | 32-byte random nonce to prevent replay attacks',
    spec: coreV2('§5.2.2 Field Descriptions'),
    seeAlso: [coreV1('§5.2.2 Field Descriptions'), exactEvm(EIP3009_PHASE1)],
    basis: 'schema-table',
  },
  {
    id: 'CL-28',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      "An EOA payer's signature is the 65-byte ECDSA signature (0x + 130 hex digits) of the transfer.",
    quote: '`signature`: The 65-byte signature of the `transferWithAuthorization` operation.',
    spec: exactEvm(EIP3009_PHASE1),
    basis: 'mechanism',
  },
  {
    id: 'CL-29',
    level: 'SHOULD',
    role: 'client',
    versions: [1, 2],
    statement:
      'The uint fields value, validAfter and validBefore are decimal integer strings, as in every spec example.',
    spec: coreV2('§5.2.1 JSON Structure'),
    seeAlso: [coreV1('§5.2.1 JSON Structure')],
    basis: 'example',
  },
  {
    id: 'CL-6',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      "authorization.to is the chosen requirement's payTo and authorization.from is the address that signs.",
    quote: '**Parameter Matching**: Confirm authorization parameters match the original payment requirements',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps'), exactEvm(EIP3009_PHASE2)],
    basis: 'implied',
  },
  {
    id: 'CL-30',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'authorization.value equals the required amount in v2; in v1 it is at least maxAmountRequired (the reference clients pay it exactly).',
    quote: '**Amount Validation**: Ensure the payment amount exactly matches the required amount',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps')],
    basis: 'implied',
  },
  {
    id: 'CL-31',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'When the payment is sent its time window is open: validAfter is not in the future and validBefore has not passed.',
    quote: '**Time Window Check**: Verify the authorization is within its valid time range',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps')],
    basis: 'implied',
  },
  {
    id: 'CL-32',
    level: 'SHOULD',
    role: 'client',
    versions: [1, 2],
    statement:
      'validBefore lies no further ahead than maxTimeoutSeconds and at least a few seconds ahead (reference facilitators refuse validBefore < now + 6).',
    quote: '`maxTimeoutSeconds` | `number` | Required | Maximum time allowed for payment completion',
    spec: coreV2('§5.1.2 Field Descriptions'),
    seeAlso: [coreV1('§5.1.2 Field Descriptions')],
    basis: 'implied',
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402 1.2'],
        behaviour: 'Reference clients set validAfter = now - 600 and validBefore = now + maxTimeoutSeconds.',
        suiteHolds:
          'validBefore - now in [6 s, maxTimeoutSeconds + a few seconds of clock slack]; outside is a warn',
        why: 'the spec bounds nothing explicitly; this is what keeps a payment usable by every reference facilitator',
      },
    ],
  },
  {
    id: 'CL-33',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'Every payment uses a fresh random 32-byte nonce: two payments never share one and none is already used on chain.',
    quote: '**EIP-3009 Nonce**: Each authorization includes a unique 32-byte nonce to prevent replay attacks',
    spec: coreV2('§10.1 Replay Attack Prevention'),
    seeAlso: [coreV1('§10.1 Replay Attack Prevention')],
    basis: 'mechanism',
  },
  {
    id: 'CL-7',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      'The signature is EIP-712 over TransferWithAuthorization(from, to, value, validAfter, validBefore, nonce) with domain {name: extra.name, version: extra.version, chainId of the network, verifyingContract: asset}, and it recovers to authorization.from.',
    spec: coreV2('§6.1.1 EIP-3009 Authorization'),
    seeAlso: [coreV1('§6.1.1 EIP-3009 Authorization'), exactEvm(EIP3009_EXTRA)],
    basis: 'mechanism',
    tags: ['eip712'],
  },
  {
    id: 'CL-25',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'If accepted.extra.assetTransferMethod is present on an EIP-3009 payment, it is "eip3009" (it may be absent: omitting it means the mechanism default).',
    quote: '`extra.assetTransferMethod` (required): MUST be `"eip3009"`.',
    spec: exactEvm(EIP3009_EXTRA),
    seeAlso: [coreV2Newer('§6.1 Asset Transfer Methods and Payment Flow Models')],
    basis: 'keyword',
  },
  {
    id: 'CL-26',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'A client pays an exact EVM requirement that has no extra.assetTransferMethod (it does not treat the field as required).',
    quote:
      'Omitting `extra.assetTransferMethod` or `extra.paymentFlow` means the mechanism default when resolving.',
    spec: coreV2Newer('§6.1 Asset Transfer Methods and Payment Flow Models'),
    seeAlso: [exactEvm('Summary')],
    basis: 'keyword',
  },
  {
    id: 'CL-27',
    level: 'SHOULD',
    role: 'client',
    versions: [2],
    statement: 'With no assetTransferMethod given and an EIP-3009 token, the client pays with eip3009.',
    quote: 'the implementation should prioritize `eip3009` (if compatible) and then `permit2`.',
    spec: exactEvm('Summary'),
    basis: 'keyword',
  },
  {
    id: 'CL-43',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      "Keys of extra beyond name and version do not change the signing domain: an extra that also names a chainId, verifyingContract or domain of another chain or token still gets a signature under the network's chain id and the offer's asset, and nothing valid elsewhere.",
    quote:
      '`verifyingContract`: The token contract address (from `asset`); `chainId`: the chain ID of the network',
    spec: coreV2('§6.1.1 EIP-3009 Authorization'),
    seeAlso: [exactEvm(EIP3009_EXTRA)],
    basis: 'implied',
    tags: ['eip712', 'security'],
  },
  {
    id: 'CL-44',
    level: 'MUST',
    role: 'client',
    versions: [1, 2],
    statement:
      "Keys of extra that look like another amount or recipient (srcAmountRequired, recipient, payTo, amount…) do not change what is signed: value is the offer's amount and to its payTo; a declared budget applies to the value actually signed.",
    quote: '**Amount Validation**: Ensure the payment amount exactly matches the required amount',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV2('§5.1.2 Field Descriptions'), coreV2('§2. Core Payment Flow')],
    basis: 'implied',
    tags: ['security'],
  },
  {
    id: 'CL-45',
    level: 'SHOULD',
    role: 'client',
    versions: [1, 2],
    statement:
      'The client does not sign an authorization that is already expired or has no lifetime (validBefore at or before the time it is sent, an offer with maxTimeoutSeconds 0). A SHOULD, graded by risk: no spec sentence makes it a MUST (the time window is a facilitator verification step), and such an authorization can never move funds.',
    quote: '**Time Window Check**: Verify the authorization is within its valid time range',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV2('§5.1.2 Field Descriptions')],
    basis: 'implied',
    tags: ['time'],
  },
]

/** Server-side rules specific to exact EVM. */
const server: readonly RequirementInput[] = [
  {
    id: 'RS-9',
    level: 'schema',
    role: 'server',
    versions: [1, 2],
    statement:
      "For exact EVM with EIP-3009, each requirement's extra has name and version, and they are the asset's own EIP-712 domain name and version.",
    quote: '`extra.name` (required): The EIP-712 domain name of the token contract.',
    spec: exactEvm(EIP3009_EXTRA),
    seeAlso: [coreV2('§5.1.1 JSON Payload'), coreV1('§5.1.1 JSON Payload')],
    basis: 'schema-table',
    tags: ['eip712', 'chain'],
  },
  {
    id: 'RS-43',
    level: 'MUST',
    role: 'server',
    versions: [1, 2],
    statement:
      "For exact EVM with EIP-3009, asset is the address of a contract on the requirement's network that implements transferWithAuthorization, and payTo is an EVM address.",
    quote: '`asset` | `string` | Required | Token contract address',
    spec: coreV1('§5.1.2 Field Descriptions'),
    seeAlso: [coreV2('§5.1.2 Field Descriptions'), exactEvm('Summary')],
    basis: 'implied',
    tags: ['chain'],
  },
  {
    id: 'RS-10',
    level: 'MAY',
    role: 'server',
    versions: [2],
    statement:
      "For EVM exact, a PaymentRequired may leave out accepts[].extra.assetTransferMethod to ask for the scheme's default method selection.",
    quote:
      'Omitting `extra.assetTransferMethod` or `extra.paymentFlow` means the mechanism default when resolving.',
    spec: coreV2Newer('§6.1 Asset Transfer Methods and Payment Flow Models'),
    seeAlso: [exactEvm('Summary'), httpV2('Payment Required Signaling')],
    basis: 'keyword',
  },
]

/** Facilitator verification and settlement (core §6.1.2/§6.1.3, scheme_exact_evm Phase 2/3). */
const facilitator: readonly RequirementInput[] = [
  {
    id: 'FA-6',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A payment whose signature is invalid or does not recover to authorization.from is answered isValid false (and is never settled).',
    quote: '**Verify** the signature is valid and recovers to the `authorization.from` address.',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps'), exactEvm(EIP3009_PHASE2)],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.signature,
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'go'],
        behaviour:
          'They answer invalid_exact_evm_signature; the spec §9 name is invalid_exact_evm_payload_signature.',
        suiteHolds: 'either code (the acceptedReasons set)',
        why: 'the meaning is the same; the spec names and the SDK names have drifted apart',
      },
    ],
    tags: ['hostile', 'eip712'],
  },
  {
    id: 'FA-7',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A payment whose payer holds less than authorization.value of the asset is answered isValid false.',
    quote: '**Balance Verification**: Confirm the payer has sufficient token balance for the transfer',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps'), exactEvm(EIP3009_PHASE2)],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.insufficientFunds,
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'No stand-alone balance check: the shortfall is found by simulation and reported as invalid_exact_evm_insufficient_balance.',
        suiteHolds: 'insufficient_funds or invalid_exact_evm_insufficient_balance',
        why: 'the outcome (rejected before settlement) is what the spec asks; only the code differs',
      },
    ],
    tags: ['chain'],
  },
  {
    id: 'FA-8',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'An authorization whose value is below the required amount (v2 amount, v1 maxAmountRequired) is answered isValid false.',
    quote: '**Amount Validation**: Ensure the payment amount exactly matches the required amount',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [
      coreV1('§6.1.2 Verification Steps'),
      coreV2('§9. Error Handling'),
      coreV1('§9. Error Handling'),
    ],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.amountMismatch,
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402 1.2', 'go'],
        behaviour:
          'Codes differ: spec v2 …_authorization_value_mismatch, spec v1 and legacy x402 …_payload_authorization_value, @x402/evm 2.27 v1 path (and 2.10 v2 path) invalid_exact_evm_authorization_value.',
        suiteHolds: 'any of the three codes, in either version',
        why: 'all three mean "the value is wrong"; which one a facilitator uses depends on its SDK generation',
        refs: ['x402-foundation/x402#1378', 'x402-foundation/x402#1388'],
      },
    ],
    tags: ['hostile'],
  },
  {
    id: 'FA-34',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'In v2 an authorization whose value exceeds the required amount is answered isValid false too (exact means exact).',
    quote:
      '`invalid_exact_evm_payload_authorization_value_mismatch`: Payment amount does not exactly match the required amount',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV2('§9. Error Handling'), exact('Summary')],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.amountMismatch,
    deviations: [
      {
        sdks: ['@x402/* 2.10'],
        behaviour:
          'Before PR #1388 the reference facilitators checked value < amount only, accepting overpayment.',
        suiteHolds: 'the v2 spec: overpayment is rejected',
        why: 'v2 §6.1.2 and §9 say "exactly"; the SDKs have since been fixed to match',
        refs: ['x402-foundation/x402#1378', 'x402-foundation/x402#1388'],
      },
    ],
    tags: ['hostile'],
  },
  {
    id: 'FA-35',
    level: 'MAY',
    role: 'facilitator',
    versions: [1],
    statement:
      'In v1 an authorization whose value exceeds maxAmountRequired meets the spec\'s rule ("meets or exceeds") and may be accepted; rejecting it is recorded, not penalised.',
    quote: '**Amount Validation**: Ensure the payment amount meets or exceeds the required amount',
    spec: coreV1('§6.1.2 Verification Steps'),
    seeAlso: [exact('Summary')],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.amountMismatch,
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'ExactEvmSchemeV1 applies strict equality to maxAmountRequired (PR #1388) and rejects overpayment with invalid_exact_evm_authorization_value.',
        suiteHolds: 'either outcome: accepted or rejected with an amountMismatch code is info',
        why: 'the v1 core text says ">=", while the scheme ("exact") and the ecosystem decision in #1378 say "=="; the spec contradicts itself, so the suite does not take a side',
        refs: ['x402-foundation/x402#1378', 'x402-foundation/x402#1388'],
      },
      {
        sdks: ['x402 1.2'],
        behaviour:
          'The legacy v1 facilitator checks value < maxAmountRequired only, so it accepts overpayment.',
        suiteHolds: 'either outcome (info)',
        why: 'as above',
      },
    ],
  },
  {
    id: 'FA-9',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement: 'An authorization whose validBefore has passed is answered isValid false.',
    quote:
      '`invalid_exact_evm_payload_authorization_valid_before`: Payment authorization has expired (after validBefore timestamp)',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps'), coreV2('§9. Error Handling')],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.validBefore,
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402 1.2', 'go'],
        behaviour: 'They also refuse validBefore < now + 6 (a 6-second, "3 blocks" buffer).',
        suiteHolds:
          'an expired validBefore must be rejected; a validBefore 1-6 s ahead may be accepted or rejected (both pass), so no case sits on that boundary',
        why: 'the spec gives no clock-skew allowance; the buffer is a safe choice the spec does not forbid',
      },
    ],
    tags: ['hostile', 'time'],
  },
  {
    id: 'FA-46',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement: 'An authorization whose validAfter is in the future is answered isValid false.',
    quote:
      '`invalid_exact_evm_payload_authorization_valid_after`: Payment authorization is not yet valid (before validAfter timestamp)',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps'), coreV2('§9. Error Handling')],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.validAfter,
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'x402 1.2', 'go'],
        behaviour:
          'They accept validAfter == now, although the EIP-3009 contract requires block.timestamp > validAfter.',
        suiteHolds:
          'validAfter well in the future (>= 60 s) must be rejected; the exact boundary is not tested',
        why: 'clock skew between the facilitator and the chain makes the boundary untestable; clients backdate validAfter by 600 s anyway',
      },
    ],
    tags: ['hostile', 'time'],
  },
  {
    id: 'FA-10',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "An authorization whose to is not the requirements' payTo is answered isValid false (and is never settled).",
    quote:
      '`invalid_exact_evm_payload_recipient_mismatch`: Recipient address does not match payment requirements',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps'), coreV2('§9. Error Handling')],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.recipient,
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'go'],
        behaviour: 'They answer invalid_exact_evm_recipient_mismatch (no _payload_).',
        suiteHolds: 'either code',
        why: 'same meaning, different spelling',
      },
    ],
    tags: ['hostile', 'security'],
  },
  {
    id: 'FA-48',
    level: 'SHOULD',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'Addresses are compared case-insensitively: a to that equals payTo except for EIP-55 letter case is accepted.',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps')],
    basis: 'implied',
  },
  {
    id: 'FA-11',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "A payment whose network (v2 accepted.network, v1 payload network) is not the requirements' network is answered isValid false.",
    quote: '**Verify** the Token and Network match the requirement.',
    spec: exactEvm(EIP3009_PHASE2),
    seeAlso: [coreV2('§6.1.2 Verification Steps'), coreV1('§6.1.2 Verification Steps')],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.network,
    deviations: [
      {
        sdks: ['@x402/* 2.27', 'go'],
        behaviour:
          'They answer invalid_exact_evm_network_mismatch; the spec has only invalid_network ("not supported").',
        suiteHolds: 'either code',
        why: 'the spec has no code for a parameter mismatch (#553), so implementations invented one',
        refs: ['x402-foundation/x402#553'],
      },
    ],
    tags: ['hostile'],
  },
  {
    id: 'FA-49',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "A payment is only valid for the requirements' asset on the requirements' chain: an authorization signed for another token or another chain id is answered isValid false.",
    quote: '**Verify** the Token and Network match the requirement.',
    spec: exactEvm(EIP3009_PHASE2),
    seeAlso: [coreV2('§6.1.2 Verification Steps')],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.asset,
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'The token is bound only through the EIP-712 domain (verifyingContract = requirements.asset), so a foreign-token authorization fails as a bad signature; accepted.asset is never compared.',
        suiteHolds: 'rejection with a signature code or an asset code',
        why: 'the binding through the domain is sound; the suite checks the outcome, not the mechanism',
      },
    ],
    tags: ['hostile', 'eip712'],
  },
  {
    id: 'FA-50',
    level: 'SHOULD',
    role: 'facilitator',
    versions: [2],
    statement:
      'A v2 payload whose accepted differs from paymentRequirements in scheme, network, amount, asset or payTo is answered isValid false.',
    quote: '**Parameter Matching**: Confirm authorization parameters match the original payment requirements',
    spec: coreV2('§6.1.2 Verification Steps'),
    basis: 'implied',
    acceptedReasons: unionOfReasons(
      'scheme',
      'network',
      'amountMismatch',
      'recipient',
      'asset',
      'malformedPayload',
      'malformedRequirements',
    ),
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour:
          'Only scheme and network of accepted are compared with the requirements; amount, asset and payTo in accepted are ignored (the authorization is checked against the requirements instead).',
        suiteHolds: 'a mismatch that is still reported valid is a warn (SHOULD), not a fail',
        why: 'money still moves as the requirements say (FA-8, FA-10, FA-49 are the hard checks); the mismatch is a consistency signal, and third-party facilitators have used accepted.payTo by mistake',
        refs: ['x402-rs/x402-rs#94'],
      },
    ],
    tags: ['hostile'],
  },
  {
    id: 'FA-51',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "A payment whose scheme (v2 accepted.scheme, v1 payload scheme) is not the requirements' scheme is answered isValid false.",
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [
      coreV1('§6.1.2 Verification Steps'),
      coreV2('§9. Error Handling'),
      coreV1('§9. Error Handling'),
    ],
    basis: 'implied',
    acceptedReasons: acceptedReasons.scheme,
    tags: ['hostile'],
  },
  {
    id: 'FA-12',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "Before answering isValid true the facilitator simulates transferWithAuthorization, so a payment that would revert on chain (authorization cancelled, extra.name/version not the token's domain) is answered isValid false.",
    quote:
      '**Transaction Simulation**: Simulate the `transferWithAuthorization` transaction to ensure it would succeed',
    spec: coreV2('§6.1.2 Verification Steps'),
    seeAlso: [coreV1('§6.1.2 Verification Steps'), exactEvm(EIP3009_PHASE2)],
    basis: 'mechanism',
    acceptedReasons: acceptedReasons.simulationFailed,
    deviations: [
      {
        sdks: ['x402 1.2'],
        behaviour:
          'The legacy v1 facilitator does not simulate; such payments are reported valid and fail at settle.',
        suiteHolds: 'the spec: simulation failures must surface at /verify',
        why: "step 6 is part of the same verification list as the signature check; a valid verdict that cannot settle breaks the server's verify-then-serve flow",
      },
    ],
    tags: ['chain', 'hostile'],
  },
  {
    id: 'FA-13',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'An authorization whose nonce is already used on chain is answered isValid false at /verify and success false at /settle; a second settle of the same payload never succeeds.',
    quote: 'EIP-3009 contracts inherently prevent nonce reuse at the smart contract level',
    spec: coreV2('§10.1 Replay Attack Prevention'),
    seeAlso: [coreV1('§10.1 Replay Attack Prevention'), coreV2('§6.1.2 Verification Steps')],
    basis: 'implied',
    acceptedReasons: acceptedReasons.nonceUsed,
    deviations: [
      {
        sdks: ['x402 1.2'],
        behaviour:
          'No nonce check and no simulation at /verify: a used authorization is reported valid; settle then fails on chain.',
        suiteHolds: 'the spec: isValid false at /verify',
        why: 'the simulation step (FA-12) would catch it; a re-settle reported as success would be worse and is a fail everywhere',
      },
    ],
    tags: ['security', 'chain', 'hostile'],
  },
  {
    id: 'FA-14',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "Settlement calls transferWithAuthorization on the asset with exactly the signed authorization and signature, and /settle answers with that transaction's hash.",
    quote:
      'Settlement is performed by calling the `transferWithAuthorization` function on the ERC-20 contract with the signature and authorization parameters provided in the payment payload.',
    spec: coreV2('§6.1.3 Settlement'),
    seeAlso: [coreV1('§6.1.3 Settlement'), exactEvm(EIP3009_PHASE3)],
    basis: 'mechanism',
    tags: ['chain'],
  },
  {
    id: 'FA-56',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "Valid payments of different payers settled at the same time all settle: the facilitator orders its signer's transactions, so two settlements never take the same transaction nonce.",
    quote:
      'Settlement is performed by calling the `transferWithAuthorization` function on the ERC-20 contract with the signature and authorization parameters provided in the payment payload.',
    spec: coreV2('§6.1.3 Settlement'),
    seeAlso: [exactEvm(EIP3009_PHASE3)],
    basis: 'implied',
    tags: ['chain', 'concurrency'],
  },
  {
    id: 'FA-15',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'A settlement moves exactly authorization.value from the payer to payTo and nothing else: the facilitator cannot change the amount or the destination.',
    quote: 'In all cases, the Facilitator cannot modify the amount or destination.',
    spec: exactEvm('Summary'),
    basis: 'keyword',
    tags: ['chain', 'security'],
  },
  {
    id: 'FA-16',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      '/settle of a payment that does not verify (bad signature, wrong amount or recipient, expired, nonce used) answers success false and moves no funds, whether or not /verify was called first.',
    quote: 'Executes a verified payment by broadcasting the transaction to the blockchain.',
    spec: coreV2('§7.2 POST /settle'),
    seeAlso: [coreV1('§7.2 POST /settle')],
    basis: 'implied',
    acceptedReasons: unionOfReasons(
      'signature',
      'amountMismatch',
      'recipient',
      'validBefore',
      'validAfter',
      'nonceUsed',
      'insufficientFunds',
      'network',
      'asset',
      'scheme',
      'simulationFailed',
      'settlementFailed',
    ),
    tags: ['security', 'chain', 'hostile'],
  },
  {
    id: 'FA-52',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "The facilitator pays the gas: the settlement transaction is sent by the facilitator and the payer's native balance does not change.",
    quote: 'the Facilitator (server) pays the gas, but the Client (user) controls the exact flow of funds',
    spec: exactEvm('Summary'),
    basis: 'mechanism',
    tags: ['chain'],
  },
  {
    id: 'FA-54',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      'Sponsorship is not abusable: a payment whose asset is not an EIP-3009 token (an EOA, or a contract without transferWithAuthorization) is answered isValid false and nothing is broadcast.',
    quote: 'facilitators MUST enforce security constraints that prevent sponsorship abuse.',
    spec: exact('Critical Validation Requirements'),
    basis: 'keyword',
    acceptedReasons: acceptedReasons.asset,
    tags: ['security', 'hostile'],
  },
  {
    id: 'FA-47',
    level: 'MUST',
    role: 'facilitator',
    versions: [2],
    statement:
      'A facilitator verifies an EIP-3009 payment whose requirements carry no extra.assetTransferMethod (it does not treat the field as required).',
    quote:
      'Omitting `extra.assetTransferMethod` or `extra.paymentFlow` means the mechanism default when resolving.',
    spec: coreV2Newer('§6.1 Asset Transfer Methods and Payment Flow Models'),
    seeAlso: [exactEvm('Summary')],
    basis: 'keyword',
  },
]

/** Permit2 (scheme_exact_evm §2: server and client rows, covered by suites/{server,client}/cases/permit2.ts) and ERC-7710 (§3: listed, not yet covered). */
const laterMethods: readonly RequirementInput[] = [
  {
    id: 'RS-21',
    level: 'MUST',
    role: 'server',
    versions: [2],
    statement:
      'With Permit2, a missing Permit2 allowance and no gas-sponsoring extension is answered 412 Precondition Failed (PERMIT2_ALLOWANCE_REQUIRED).',
    quote:
      '**If neither exists:** Return `412 Precondition Failed` (Error Code: `PERMIT2_ALLOWANCE_REQUIRED`).',
    spec: exactEvm(PERMIT2_PHASE3),
    basis: 'keyword',
    acceptedStatus: [412],
    deviations: [
      {
        sdks: ['@x402/* 2.27'],
        behaviour: 'The code is the lowercase permit2_allowance_required, carried in PaymentRequired.error.',
        suiteHolds: 'either spelling',
        why: 'the spec text and the SDK differ only in case',
      },
    ],
  },
  {
    id: 'CL-8',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'A Permit2 payload is {signature, permit2Authorization{permitted{token, amount}, from, spender, nonce, deadline, witness{to, validAfter}}} with spender the x402ExactPermit2Proxy and witness.to the payTo.',
    spec: exactEvm(PERMIT2_PHASE2),
    basis: 'mechanism',
  },
  {
    id: 'FA-21',
    level: 'SHOULD',
    role: 'facilitator',
    versions: [2],
    statement:
      'ERC-7710 payments are verified only by simulating redeemDelegations with transfer(payTo, amount), with an explicit gas limit, rejecting abnormal gas use.',
    quote: 'Facilitators should always set an explicit gas limit on their `redeemDelegations` call',
    spec: exactEvm(ERC7710_PHASE3),
    basis: 'keyword',
    scope: 'later',
    scopeReason: ERC7710_LATER,
  },
  {
    id: 'CL-34',
    level: 'MUST',
    role: 'client',
    versions: [2],
    statement:
      'An ERC-7710 payload is {delegationManager, permissionContext, delegator} and its extra.assetTransferMethod is "erc7710".',
    quote: '`extra.assetTransferMethod` (required): MUST be `"erc7710"`.',
    spec: exactEvm(ERC7710_EXTRA),
    seeAlso: [exactEvm(ERC7710_PHASE2)],
    basis: 'keyword',
    scope: 'later',
    scopeReason: ERC7710_LATER,
  },
]

/** Entries of the exact scheme on EVM. */
export const exactEvmRequirements: readonly RequirementInput[] = [
  ...client,
  ...server,
  ...facilitator,
  ...laterMethods,
  {
    id: 'FA-60',
    level: 'MUST',
    role: 'facilitator',
    versions: [1, 2],
    statement:
      "A settlement is reported success true only when its transaction holds the asset's own Transfer(from, payTo, amount); a transaction that mined with status success but paid payTo less (a fee-on-transfer token) is a settlement failure, so a receipt status is never the proof of payment.",
    quote: 'settlement MUST produce exactly one identifiable transfer of `amount` of `asset` to `payTo`',
    spec: {
      file: 'specs/schemes/exact/scheme_exact.md',
      section: 'Asset Transfer Method Families / Facilitator-submitted',
      source: FOUNDATION_EXACT_FLOWS,
    },
    seeAlso: [{ ...coreV2('§7.2 POST /settle'), source: FOUNDATION_MAIN }],
    basis: 'keyword',
    deviations: [
      {
        sdks: ['x402 1.2'],
        behaviour:
          'The legacy facilitator answers success whenever the receipt status is success (settle in x402/facilitator), as the exact EVM facilitators did before x402-foundation/x402 #2385 (TS), #2727 (Go) and #3032 (Python); @x402/evm 2.27 answers invalid_exact_evm_transfer_event_mismatch (EIP-3009 only: Permit2 parity is the open #3057/#3059).',
        suiteHolds: 'success true needs the matching Transfer in the named transaction; any refusal passes',
        why: 'the scheme text makes the transfer, not the transaction, the settlement',
        refs: ['x402-foundation/x402#2385', 'x402-foundation/x402#3057'],
      },
    ],
    tags: ['security', 'chain'],
  },
]
