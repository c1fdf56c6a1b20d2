/**
 * The offer the server suite pays, judged by its payment terms only (scheme, network, amount, asset,
 * payTo, maxTimeoutSeconds): taken from the challenge even when the challenge as a whole does not
 * validate (its own cases fail it), or from the terms the user supplies with `--offer <file>`. When
 * nothing is payable the reason says so, and what would make the payment cases run.
 */
import { readFile } from 'node:fs/promises'
import { FEE_TOKEN } from '../../harness/devnet/fee-token-info.ts'
import type { Devnet } from '../../harness/devnet/types.ts'
import { amountField } from '../../harness/schemes/exact-evm/payment.ts'
import { formatIssues, type WireIssue, type WireResult } from '../../harness/wire/errors.ts'
import { checkPaymentRequirementsV1, checkPaymentRequirementsV2 } from '../../harness/wire/messages.ts'
import { chainIdOfNetwork } from '../../harness/wire/networks.ts'
import type { PaymentRequirements, ResourceInfo, X402Version } from '../../harness/wire/types.ts'
import type { ChallengeReading } from './challenge.ts'

/** The environment variable that carries a validated `--offer` to the workers (its JSON text). */
export const OFFER_ENV = 'X402_CONFORMANCE_OFFER'

/** Every skip for want of a payable offer starts with this, so the verdict line can count them. */
export const NO_PAYABLE_OFFER = 'no payable offer'

/** What to tell a user whose payment cases could not run. */
export const OFFER_HINT = 'give the terms to pay with --offer <file>'

/** Terms the user supplied: `{"x402Version": 1|2, "accepts": [PaymentRequirements…], "resource"?}`. */
export interface UserOffer {
  x402Version: X402Version
  accepts: PaymentRequirements[]
  /** v2: copied into payloads as `resource` (else the challenge's, if any). */
  resource?: ResourceInfo
}

/** The offer a case run pays, and how the suite came by it. */
export interface PayableOffer {
  requirements: PaymentRequirements
  /** The EIP-712 name and version to sign under when the offer does not name them (read from the token). */
  domain?: { name: string; version: string }
  /** `challenge`, or `--offer` when the user supplied the terms. */
  source: 'challenge' | '--offer'
}

/** The offer of one version, or why there is none (starting with {@link NO_PAYABLE_OFFER}). */
export type OfferChoice = { ok: true; offer: PayableOffer } | { ok: false; reason: string }

/** A missing `extra.name`/`extra.version` is no obstacle to paying: the token has its own domain. */
function missingDomain(issue: WireIssue): boolean {
  return issue.code === 'missing' && /(^|\.)extra\.(name|version)$/.test(issue.path)
}

/** Reads and validates the `--offer` file; a one-line `Error` when it cannot be used. */
export async function loadUserOffer(file: string): Promise<UserOffer> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new Error(`--offer ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = parseUserOffer(text)
  if (!parsed.ok) throw new Error(`--offer ${file}: ${formatIssues(parsed.issues)}`)
  return parsed.value
}

/** Validates the text of an `--offer` file with the wire schemas of its `x402Version`. */
export function parseUserOffer(text: string): WireResult<UserOffer> {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return fail('', 'json', `not JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  const record = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>
  const version = record.x402Version
  if (version !== 1 && version !== 2)
    return fail('x402Version', 'value', 'expected 1 or 2 (the version to pay in, never guessed)')
  const accepts = record.accepts
  if (!Array.isArray(accepts) || accepts.length === 0)
    return fail('accepts', 'missing', 'expected a non-empty array of PaymentRequirements')
  const issues: WireIssue[] = []
  accepts.forEach((entry, index) => {
    const checked = version === 1 ? checkPaymentRequirementsV1(entry) : checkPaymentRequirementsV2(entry)
    if (!checked.ok)
      for (const found of checked.issues.filter((i) => !missingDomain(i)))
        issues.push({ ...found, path: `accepts[${index}]${found.path === '' ? '' : `.${found.path}`}` })
  })
  if (issues.length > 0) return { ok: false, issues, json }
  const resource = record.resource as ResourceInfo | undefined
  return {
    ok: true,
    value: {
      x402Version: version,
      accepts: accepts as PaymentRequirements[],
      ...(resource && typeof resource === 'object' ? { resource } : {}),
    },
  }
}

function fail(path: string, code: WireIssue['code'], message: string): WireResult<never> {
  return { ok: false, issues: [{ path, code, message }] }
}

/** The user offer of the environment (set by the CLI's `--offer`), if any. Throws when it is invalid. */
export function userOfferFromEnvironment(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): UserOffer | undefined {
  const text = environment[OFFER_ENV]
  if (text === undefined || text === '') return undefined
  const parsed = parseUserOffer(text)
  if (!parsed.ok) throw new Error(`${OFFER_ENV}: ${formatIssues(parsed.issues)}`)
  return parsed.value
}

/**
 * Why `entry` cannot be paid here as an `exact` EIP-3009 payment of `version` (undefined: it can).
 * Only the payment terms count: a v1 offer naming its network in CAIP-2, or one without
 * description or EIP-712 name, is still payable (the challenge cases judge those).
 */
export function unpayable(entry: unknown, version: X402Version, devnet: Devnet): string | undefined {
  if (typeof entry !== 'object' || entry === null) return 'not an object'
  const r = entry as Record<string, unknown>
  const extra = (typeof r.extra === 'object' && r.extra !== null ? r.extra : {}) as Record<string, unknown>
  const amount = r[amountField(version)]
  const address = (value: unknown) => typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value)
  if (r.scheme !== 'exact') return `scheme ${JSON.stringify(r.scheme)} is not exact`
  if (typeof r.network !== 'string' || chainIdOfNetwork(r.network) !== devnet.preset.chainId)
    return `network ${JSON.stringify(r.network)} is not the devnet's chain ${devnet.preset.chainId}`
  if (typeof r.asset !== 'string' || !payableAssets(devnet).includes(r.asset.toLowerCase()))
    return `asset ${JSON.stringify(r.asset)} is not the devnet's USDC ${devnet.usdc}`
  if (typeof amount !== 'string' || !/^(0|[1-9][0-9]*)$/.test(amount))
    return `${amountField(version)} ${JSON.stringify(amount)} is not an atomic amount (v${version})`
  if (!address(r.payTo)) return `payTo ${JSON.stringify(r.payTo)} is not an address`
  if (typeof r.maxTimeoutSeconds !== 'number' || !(r.maxTimeoutSeconds > 0))
    return `maxTimeoutSeconds ${JSON.stringify(r.maxTimeoutSeconds)} is not a positive number`
  if (extra.assetTransferMethod !== undefined && extra.assetTransferMethod !== 'eip3009')
    return `assetTransferMethod ${JSON.stringify(extra.assetTransferMethod)} is not eip3009`
  return undefined
}

/**
 * The EIP-3009 tokens the suite can fund a payer in: the devnet's USDC, and its fee-on-transfer token
 * (a server selling in that token must be seen not to be paid: its settlement mines short of payTo).
 */
export function payableAssets(devnet: Devnet): string[] {
  return [devnet.usdc.toLowerCase(), FEE_TOKEN.address.toLowerCase()]
}

/** The `accepts` entries of one version's challenge as sent, validated or not. */
function acceptsAsSent(reading: ChallengeReading, version: X402Version): unknown[] | undefined {
  const result = version === 2 ? reading.v2 : reading.v1
  const json =
    result === undefined
      ? version === 2
        ? reading.v2Body
        : undefined
      : result.ok
        ? result.value
        : result.json
  const accepts = (json as { accepts?: unknown } | undefined)?.accepts
  return Array.isArray(accepts) ? accepts : undefined
}

/** Why a version's challenge gave no entries at all. */
function noEntries(reading: ChallengeReading, version: X402Version): string {
  const result = version === 2 ? reading.v2 : reading.v1
  const where = version === 2 ? 'PAYMENT-REQUIRED header' : 'v1 JSON body'
  if (version === 2 && result === undefined && reading.v2Body)
    return 'the v2 challenge is a JSON body (no PAYMENT-REQUIRED header) without an accepts array'
  if (result === undefined) return `the server shows no v${version} challenge (no ${where})`
  if (!result.ok && result.json === undefined)
    return `the ${where} does not decode (${formatIssues(result.issues)})`
  return `the v${version} challenge has no accepts array`
}

/**
 * Picks the offer of `version`: the user's (`--offer`) when it is of this version, else the first
 * payable entry of the challenge as sent. The token's own EIP-712 domain is filled in when the offer
 * does not name one (`readDomain`).
 */
export async function chooseOffer(options: {
  reading: ChallengeReading
  version: X402Version
  devnet: Devnet
  user?: UserOffer | undefined
  /** The EIP-712 name and version of the token at `asset`, read from the chain. */
  readDomain: (asset: string) => Promise<{ name: string; version: string }>
}): Promise<OfferChoice> {
  const { reading, version, devnet, user } = options
  const fromUser = user?.x402Version === version
  const entries = fromUser ? user.accepts : acceptsAsSent(reading, version)
  const source = fromUser ? '--offer' : 'challenge'
  if (entries === undefined || entries.length === 0)
    return {
      ok: false,
      reason: `${NO_PAYABLE_OFFER} (v${version}): ${noEntries(reading, version)}; ${OFFER_HINT}`,
    }
  const reasons: string[] = []
  for (const [index, entry] of entries.entries()) {
    const why = unpayable(entry, version, devnet)
    if (why !== undefined) {
      reasons.push(`accepts[${index}]: ${why}`)
      continue
    }
    const requirements = entry as PaymentRequirements
    const extra = (requirements.extra ?? {}) as Record<string, unknown>
    const named = typeof extra.name === 'string' && typeof extra.version === 'string'
    return {
      ok: true,
      offer: {
        requirements,
        source,
        ...(named ? {} : { domain: await options.readDomain(requirements.asset) }),
      },
    }
  }
  const hint = fromUser ? 'fix the --offer file' : OFFER_HINT
  return {
    ok: false,
    reason: `${NO_PAYABLE_OFFER} (v${version}) in the ${source}: ${reasons.join('; ')}; ${hint}`,
  }
}
