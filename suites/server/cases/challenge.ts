/**
 * The 402 challenge (transports-v2/http.md and transports-v1/http.md "Payment Required Signaling";
 * x402-specification-v2.md and v1 §5.1): status, where it travels, its schema, amounts, networks, the
 * token's EIP-712 domain, maxTimeoutSeconds, the resource, and what HTTP leaves open.
 */

import { getAddress } from 'viem'
import { check, checkEqual, info, show } from '../../../harness/model/expect.ts'
import type { SpecRef } from '../../../harness/model/result.ts'
import { tokenAbi } from '../../../harness/oracle/index.ts'
import { amountField } from '../../../harness/schemes/exact-evm/payment.ts'
import { formatIssues } from '../../../harness/wire/errors.ts'
import { getHeader } from '../../../harness/wire/headers.ts'
import { decodeBase64Json } from '../../../harness/wire/json.ts'
import {
  chainIdOfNetwork,
  EVM_CHAIN_IDS_V1,
  NON_EVM_NETWORKS_V1,
  parseCaip2,
} from '../../../harness/wire/networks.ts'
import { serverCase } from '../case.ts'
import type { ChallengeReading } from '../challenge.ts'
import type { ServerContext } from '../context.ts'
import { specOf } from '../spec.ts'

/** The challenge JSON of the context's version, decoded as far as it goes (validation issues aside). */
async function challengeJson(context: ServerContext): Promise<Record<string, unknown>> {
  const { response, reading } = await context.fetchChallenge()
  const result = context.version === 2 ? reading.v2 : reading.v1
  const json = result === undefined ? undefined : result.ok ? result.value : result.json
  check(typeof json === 'object' && json !== null, `no decodable v${context.version} challenge`, {
    expected:
      context.version === 2 ? 'a PAYMENT-REQUIRED header of base64 JSON' : 'a JSON body with x402Version 1',
    seen: describeReading(reading, response.status),
    spec: specOf(context.version === 2 ? 'RS-2' : 'RS-3'),
  })
  return json as Record<string, unknown>
}

function describeReading(reading: ChallengeReading, status: number): string {
  const parts = [`HTTP ${status}`]
  if (reading.v2 && !reading.v2.ok) parts.push(`PAYMENT-REQUIRED: ${formatIssues(reading.v2.issues)}`)
  if (reading.v1 && !reading.v1.ok) parts.push(`body: ${formatIssues(reading.v1.issues)}`)
  if (!reading.v1 && !reading.v2) parts.push('no challenge in header or body')
  return parts.join('; ')
}

/** The entries of `accepts`, whatever their shape. */
function acceptsOf(json: Record<string, unknown>): Record<string, unknown>[] {
  const accepts = json.accepts
  check(Array.isArray(accepts) && accepts.length > 0, 'the challenge has no accepts entries', {
    expected: 'a non-empty accepts array',
    seen: show(accepts),
    spec: specOf('RS-6', 'RS-7'),
  })
  return (accepts as unknown[]).map(
    (entry) => (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>,
  )
}

/** Checks `field` of every `accepts` entry; a failure names the entry (`accepts[i].<field> <problem>`). */
async function checkEveryOffer(
  context: ServerContext,
  field: string,
  valid: (value: unknown) => boolean,
  problem: string,
  expected: string,
  spec: SpecRef[],
): Promise<void> {
  acceptsOf(await challengeJson(context)).forEach((entry, index) => {
    const value = entry[field]
    check(valid(value), `accepts[${index}].${field} ${problem}`, { expected, seen: show(value), spec })
  })
}

/**
 * The EIP-3009 `exact` offers of the challenge on the devnet's chain (the ones whose asset the suite can
 * read). An offer naming another `extra.assetTransferMethod` (Permit2) may charge any ERC-20 and needs
 * no token domain: the Permit2 cases judge it.
 */
async function devnetExactOffers(context: ServerContext): Promise<Record<string, unknown>[]> {
  const method = (entry: Record<string, unknown>) =>
    ((entry.extra ?? {}) as Record<string, unknown>).assetTransferMethod ?? 'eip3009'
  return acceptsOf(await challengeJson(context)).filter(
    (entry) =>
      entry.scheme === 'exact' &&
      method(entry) === 'eip3009' &&
      typeof entry.network === 'string' &&
      chainIdOfNetwork(entry.network) === context.devnet.preset.chainId,
  )
}

export const challengeCases = [
  serverCase({
    id: 'server.challenge.status',
    title: 'A request without payment is answered 402 Payment Required',
    requirements: ['RS-1'],
    async run(context) {
      const { response } = await context.fetchChallenge()
      context.expect.status(response, [402], ['RS-1'], 'a request without payment is not answered 402')
    },
  }),

  serverCase({
    id: 'server.challenge.header',
    title: 'The v2 challenge travels in a PAYMENT-REQUIRED header of base64 JSON',
    versions: [2],
    requirements: ['RS-2', 'X-7'],
    async run(context) {
      const { response } = await context.fetchChallenge()
      const raw = getHeader(response.headers, 'PAYMENT-REQUIRED')
      check(raw !== undefined, 'the 402 has no PAYMENT-REQUIRED header', {
        expected: 'a PAYMENT-REQUIRED header',
        seen: `headers: ${Object.keys(response.headers).join(', ')}`,
        spec: specOf('RS-2'),
      })
      const json = decodeBase64Json(raw)
      check(
        json.ok,
        `PAYMENT-REQUIRED is not base64 of JSON${raw.trimStart().startsWith('{') ? ' (it is raw JSON)' : ''}`,
        {
          expected: 'base64(JSON PaymentRequired)',
          seen: `${raw.slice(0, 80)}${json.ok ? '' : ` (${formatIssues(json.issues)})`}`,
          spec: specOf('RS-2', 'X-7'),
        },
      )
    },
  }),

  serverCase({
    id: 'server.challenge.body',
    title: 'The v1 challenge is a JSON body served as application/json',
    requirements: ['RS-3'],
    async run(context) {
      const { response } = await context.fetchChallenge()
      const type = response.headers['content-type'] ?? ''
      check(/^application\/json\b/i.test(type), 'the v1 402 is not served as application/json', {
        expected: 'Content-Type: application/json',
        seen: type === '' ? 'no Content-Type' : type,
        spec: specOf('RS-3'),
      })
      let json: unknown
      try {
        json = JSON.parse(response.body)
      } catch {
        json = undefined
      }
      check(
        typeof json === 'object' && json !== null && (json as { x402Version?: unknown }).x402Version === 1,
        'the v1 402 body is not a PaymentRequirementsResponse',
        {
          expected: 'a JSON object with x402Version 1',
          seen: response.body.slice(0, 160),
          spec: specOf('RS-3'),
        },
      )
    },
  }),

  serverCase({
    id: 'server.challenge.schema',
    title: 'The challenge is a complete, well-typed PaymentRequired',
    requirements: ['RS-4', 'RS-5', 'RS-6', 'RS-7', 'RS-8'],
    async run(context) {
      const { response, reading } = await context.fetchChallenge()
      const result = context.version === 2 ? reading.v2 : reading.v1
      check(result?.ok === true, `the v${context.version} challenge does not pass the schema`, {
        expected: `a valid v${context.version} PaymentRequired`,
        seen: describeReading(reading, response.status),
        spec: specOf(...(context.version === 2 ? ['RS-4', 'RS-5', 'RS-6', 'RS-8'] : ['RS-7'])),
      })
    },
  }),

  serverCase({
    id: 'server.challenge.amounts',
    title: 'Every amount is a decimal string of atomic units',
    requirements: ['X-11'],
    async run(context) {
      await checkEveryOffer(
        context,
        amountField(context.version),
        (amount) => typeof amount === 'string' && /^(0|[1-9][0-9]*)$/.test(amount),
        'is not an atomic amount',
        'a string of decimal digits (atomic units, e.g. "1000")',
        specOf('X-11'),
      )
    },
  }),

  serverCase({
    id: 'server.challenge.networks',
    title: 'Every network is a known identifier of the version (CAIP-2 in v2, a v1 name in v1)',
    requirements: ['X-3', 'X-10'],
    async run(context) {
      await checkEveryOffer(
        context,
        'network',
        (network) =>
          typeof network === 'string' &&
          (context.version === 2
            ? parseCaip2(network) !== undefined
            : Object.hasOwn(EVM_CHAIN_IDS_V1, network) || Object.hasOwn(NON_EVM_NETWORKS_V1, network)),
        `is not a known v${context.version} network`,
        context.version === 2 ? 'CAIP-2, e.g. "eip155:84532"' : 'a v1 name, e.g. "base-sepolia"',
        specOf(context.version === 2 ? 'X-3' : 'X-10'),
      )
    },
  }),

  serverCase({
    id: 'server.challenge.max-timeout',
    title: 'maxTimeoutSeconds is a positive number of seconds',
    requirements: ['RS-6', 'RS-7'],
    async run(context) {
      await checkEveryOffer(
        context,
        'maxTimeoutSeconds',
        (value) => typeof value === 'number' && Number.isInteger(value) && value > 0,
        'is not a positive integer',
        'a positive integer number of seconds',
        specOf(context.version === 2 ? 'RS-6' : 'RS-7'),
      )
    },
  }),

  serverCase({
    id: 'server.challenge.asset',
    title: "An exact offer on the devnet's chain charges the devnet's EIP-3009 USDC",
    requirements: ['RS-6', 'RS-9'],
    level: 'MUST',
    needs: ['chain'],
    async run(context) {
      const entries = await devnetExactOffers(context)
      check(entries.length > 0, "the challenge has no exact offer on the devnet's chain", {
        expected: `an exact offer on ${context.version === 2 ? context.devnet.preset.network : context.devnet.preset.networkV1}`,
        seen: 'none',
        spec: specOf('RS-6'),
      })
      for (const entry of entries) {
        checkEqual(
          String(entry.asset).toLowerCase(),
          context.devnet.usdc.toLowerCase(),
          "the offer's asset is not the chain's USDC",
          {
            spec: specOf('RS-9'),
          },
        )
      }
    },
  }),

  serverCase({
    id: 'server.challenge.eip712-domain',
    title: "extra.name and extra.version are the token's own EIP-712 domain",
    requirements: ['RS-9'],
    needs: ['chain'],
    async run(context) {
      const entries = await devnetExactOffers(context)
      for (const entry of entries) {
        const extra = (entry.extra ?? {}) as Record<string, unknown>
        let onChain: { name: string; version: string }
        try {
          const address = getAddress(String(entry.asset).toLowerCase())
          const read = (functionName: 'name' | 'version') =>
            context.devnet.publicClient.readContract({ address, abi: tokenAbi, functionName })
          onChain = { name: await read('name'), version: await read('version') }
        } catch (error) {
          check(false, `the asset ${show(entry.asset)} has no EIP-712 name()/version() on chain`, {
            expected: 'an EIP-3009 token',
            seen: (error as Error).message.split('\n')[0]!,
            spec: specOf('RS-9'),
          })
          return
        }
        context.note(`token domain on chain: ${show(onChain)}; advertised extra: ${show(extra)}`)
        checkEqual(extra.name, onChain.name as unknown, "extra.name is not the token's EIP-712 name", {
          spec: specOf('RS-9'),
        })
        checkEqual(
          extra.version,
          onChain.version as unknown,
          "extra.version is not the token's EIP-712 version",
          {
            spec: specOf('RS-9'),
          },
        )
      }
    },
  }),

  serverCase({
    id: 'server.challenge.resource',
    title: 'The challenge names the resource that was requested',
    requirements: ['RS-40'],
    async run(context) {
      const json = await challengeJson(context)
      const requested = new URL(context.url).pathname
      const urls =
        context.version === 2
          ? [(json.resource as { url?: unknown } | undefined)?.url]
          : acceptsOf(json).map((entry) => entry.resource)
      for (const url of urls) {
        let path: string | undefined
        try {
          path = typeof url === 'string' ? new URL(url, context.url).pathname : undefined
        } catch {
          path = undefined
        }
        check(path === requested, 'the challenge names another resource than the one requested', {
          expected: `a URL with path ${requested}`,
          seen: show(url),
          spec: specOf('RS-40'),
        })
      }
    },
  }),

  serverCase({
    id: 'server.challenge.browser',
    title: 'A browser-like request still gets the PAYMENT-REQUIRED header',
    requirements: ['RS-34'],
    async run(context) {
      const { response } = await context.fetchChallenge({
        label: 'unpaid request from a browser',
        headers: {
          accept: 'text/html,application/xhtml+xml',
          'user-agent':
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
        },
      })
      context.expect.status(response, [402], ['RS-1'])
      check(
        getHeader(response.headers, 'PAYMENT-REQUIRED') !== undefined,
        'the browser-like 402 has no PAYMENT-REQUIRED header',
        {
          expected: 'PAYMENT-REQUIRED on every 402',
          seen: `headers: ${Object.keys(response.headers).join(', ')}`,
          spec: specOf('RS-34'),
        },
      )
    },
  }),

  serverCase({
    id: 'server.challenge.response-body',
    title: 'The body and Content-Type of the v2 402 (the server’s choice) are recorded',
    requirements: ['RS-42'],
    async run(context) {
      const { response } = await context.fetchChallenge()
      info(
        `402 body ${response.body === '' ? '(empty)' : show(response.body.slice(0, 120))}, Content-Type ${show(response.headers['content-type'] ?? null)}, Cache-Control ${show(response.headers['cache-control'] ?? null)}`,
      )
    },
  }),
]
