/**
 * A realistic `RunReport` for the report tests: three roles, both protocol versions, every outcome, every
 * evidence kind, real base64 x402 headers, and hostile strings from the "target" in bodies, headers,
 * messages and labels. Summary and coverage are computed by the report modules; the tests assert the
 * numbers independently (FIXTURE_COUNTS).
 */

import { computeCoverage } from '../../harness/model/coverage.ts'
import { decide } from '../../harness/model/decision.ts'
import type { CaseResult, Evidence, RequirementCoverage, RunReport } from '../../harness/model/result.ts'
import { decodeX402Headers } from '../../harness/wire/index.ts'

/** Markup a hostile target could send; if any of it ran, `window.__pwned` would be set. */
export const HOSTILE = '</script><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
/** More hostile text: attribute break-out, a CDATA end, control characters and a lone surrogate. */
export const HOSTILE_ATTR = `"'><svg onload=window.__pwned=3> ]]> \u0000\u001b[31m\uD800 & done`

/** The counts the fixture must produce. */
export const FIXTURE_COUNTS = { total: 12, pass: 4, fail: 3, warn: 2, info: 1, skip: 1, error: 1 } as const

const USDC = '0x036CbD53842c5426634e7929541eC2318f3dCF7e'
const PAY_TO = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
const PAYER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const URL_V2 = 'http://127.0.0.1:4021/weather'
const NONCE = '0xcde6f7a53f403ee642f117e6350435af050d58331c596a38a33a03e72fb3c9f7'
const SIGNATURE =
  '0x751cbc81ebe6d0950c30c469524ec89d6503ce54555cb74500ca7e054ae0564c0b13f9b4b248a87e83726adfb1982497ac8793f5dd0c43953cdb8ad76ebd3d951b'
const TX = '0x9c3d1f5e0a7b2c4d6e8f00112233445566778899aabbccddeeff001122334455'
const SPEC_HTTP_V2 = { file: 'specs/transports-v2/http.md', section: 'Error Handling' }
const SPEC_CORE_V2 = { file: 'specs/x402-specification-v2.md', section: '§5.1.2' }

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64')

const requirementsV2 = {
  scheme: 'exact',
  network: 'eip155:84532',
  amount: '1000',
  asset: USDC,
  payTo: PAY_TO,
  maxTimeoutSeconds: 300,
  extra: { name: 'USDC', version: '2' },
}
const paymentRequired = {
  x402Version: 2,
  error: 'Payment required',
  resource: { url: URL_V2, description: 'Weather report', mimeType: 'application/json' },
  accepts: [requirementsV2],
}
const authorization = {
  from: PAYER,
  to: PAY_TO,
  value: '999',
  validAfter: '0',
  validBefore: '1795246176',
  nonce: NONCE,
}
const underpayment = {
  x402Version: 2,
  payload: { authorization, signature: SIGNATURE },
  resource: paymentRequired.resource,
  accepted: requirementsV2,
}
const settlement = { success: true, transaction: TX, network: 'eip155:84532', payer: PAYER }

const challengeHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'payment-required': b64(paymentRequired),
}
/** Decoded the way harness/http/exchange.ts records it (per side, by the real wire decoder). */
const challengeV2: Evidence = {
  kind: 'http',
  label: 'challenge',
  request: { method: 'GET', url: URL_V2, headers: { accept: 'application/json' } },
  response: { status: 402, headers: challengeHeaders, body: '{}' },
  decoded: { request: {}, response: decodeX402Headers(challengeHeaders, { body: '{}' }) },
  durationMs: 4.2,
}
const malformedRequest = { 'payment-signature': '%%%not-base64%%%' }

const typedData: Evidence = {
  kind: 'typed-data',
  label: 'underpaying authorization',
  signer: PAYER,
  domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: USDC },
  primaryType: 'TransferWithAuthorization',
  message: authorization,
  signature: SIGNATURE,
}

function result(
  partial: Omit<CaseResult, 'tags' | 'evidence' | 'durationMs'> & Partial<CaseResult>,
): CaseResult {
  return { tags: [], evidence: [], durationMs: 12, ...partial }
}

/** The twelve results of the fixture run. */
export function fixtureResults(): CaseResult[] {
  return [
    result({
      id: 'server.challenge.status-402',
      version: 2,
      title: 'A request without payment gets 402 with a PAYMENT-REQUIRED header',
      role: 'server',
      requirements: ['RS-1', 'RS-2'],
      level: 'MUST',
      tags: ['challenge'],
      outcome: 'pass',
      durationMs: 8.4,
      evidence: [challengeV2],
    }),
    result({
      id: 'server.challenge.status-402',
      version: 1,
      title: 'A request without payment gets 402 with a PAYMENT-REQUIRED header',
      role: 'server',
      requirements: ['RS-1', 'RS-3'],
      level: 'MUST',
      tags: ['challenge'],
      outcome: 'pass',
      durationMs: 6.1,
      evidence: [
        {
          kind: 'http',
          request: { method: 'GET', url: 'http://127.0.0.1:4021/weather-v1', headers: {} },
          response: {
            status: 402,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ x402Version: 1, error: 'X-PAYMENT header is required', accepts: [] }),
          },
        },
      ],
    }),
    result({
      id: 'server.payment.underpayment',
      version: 2,
      title: 'An authorization for less than the advertised amount is refused',
      role: 'server',
      requirements: ['RS-15', 'RS-18'],
      level: 'MUST',
      tags: ['payment', 'hostile'],
      outcome: 'fail',
      message: `The server delivered the resource for 999 of 1000 atomic units ${HOSTILE}`,
      expected: 'no delivery; HTTP 402; no transfer to payTo',
      seen: `HTTP 200 with the resource; 999 transferred to ${PAY_TO}; body ${HOSTILE}`,
      spec: [SPEC_HTTP_V2, { file: 'specs/schemes/exact/scheme_exact_evm.md', section: 'Verification' }],
      durationMs: 431.7,
      evidence: [
        challengeV2,
        typedData,
        {
          kind: 'http',
          label: 'paid request',
          request: {
            method: 'GET',
            url: URL_V2,
            headers: { 'payment-signature': b64(underpayment), 'x-evil': HOSTILE_ATTR },
          },
          response: {
            status: 200,
            headers: { 'content-type': 'text/html', 'payment-response': b64(settlement) },
            body: `<html><body>${HOSTILE}</body></html>`,
          },
          // the runner left the headers undecoded here: the report decodes them itself
          durationMs: 402.5,
        },
        {
          kind: 'facilitator-call',
          endpoint: 'settle',
          status: 200,
          at: '2026-11-21T07:24:37.113Z',
          request: { x402Version: 2, paymentPayload: underpayment, paymentRequirements: requirementsV2 },
          response: settlement,
        },
        {
          kind: 'transaction',
          label: 'settlement',
          hash: TX,
          status: 'success',
          from: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
          to: USDC,
          transfers: [{ from: PAYER, to: PAY_TO, value: '999' }],
        },
        {
          kind: 'balance',
          label: 'payer',
          address: PAYER,
          before: '10000000',
          after: '9999001',
          delta: '-999',
        },
        { kind: 'balance', label: 'payTo', address: PAY_TO, before: '0', after: '999', delta: '999' },
      ],
    }),
    result({
      id: 'server.settlement.failure-header',
      version: 2,
      title: 'A failed settlement is answered with a PAYMENT-RESPONSE carrying success:false',
      role: 'server',
      requirements: ['RS-17'],
      level: 'SHOULD',
      outcome: 'warn',
      message: 'The 402 after a failed settlement has no PAYMENT-RESPONSE header',
      expected: 'PAYMENT-RESPONSE with success:false, errorReason and transaction:""',
      seen: 'no PAYMENT-RESPONSE header',
      spec: [{ file: 'specs/transports-v2/http.md', section: 'Settlement Response Delivery' }],
      evidence: [
        {
          kind: 'facilitator-call',
          endpoint: 'settle',
          status: 200,
          at: '2026-11-21T07:24:38.002Z',
          response: {
            success: false,
            errorReason: 'insufficient_funds',
            transaction: '',
            network: 'eip155:84532',
          },
        },
      ],
    }),
    result({
      id: 'server.errors.malformed-status',
      version: 2,
      title: 'A malformed PAYMENT-SIGNATURE is answered with 400 or 402',
      role: 'server',
      requirements: ['RS-14'],
      level: 'MAY',
      outcome: 'info',
      message: 'Answered 402 (the spec table says 400; the TypeScript SDK answers 402)',
      evidence: [
        {
          kind: 'http',
          request: { method: 'GET', url: URL_V2, headers: malformedRequest },
          response: { status: 402, headers: { 'payment-required': b64(paymentRequired) }, body: '{}' },
          // flat form, request side only: the report decodes the response header itself
          decoded: { 'payment-signature': decodeX402Headers(malformedRequest)['payment-signature'] },
        },
      ],
    }),
    result({
      id: 'server.payment.permit2-allowance',
      version: 2,
      title: 'A Permit2 payment without allowance is answered with 412',
      role: 'server',
      requirements: ['RS-21'],
      level: 'MUST',
      outcome: 'skip',
      message: 'the target advertises no permit2 requirement',
      durationMs: 0,
    }),
    result({
      id: 'server.payment.replay',
      version: 1,
      title: 'A replayed X-PAYMENT is refused',
      role: 'server',
      requirements: ['RS-18'],
      level: 'MUST',
      outcome: 'error',
      message: 'the target closed the connection (ECONNRESET) before answering',
      durationMs: 30012,
      evidence: [
        {
          kind: 'http',
          request: {
            method: 'GET',
            url: 'http://127.0.0.1:4021/weather-v1',
            headers: { 'x-payment': 'eyJ4IjoxfQ==' },
          },
          error: 'socket hang up (ECONNRESET)',
          durationMs: 30001,
        },
      ],
    }),
    result({
      id: 'client.payload.fields',
      version: 2,
      title: 'The client sends accepted, payload and x402Version 2',
      role: 'client',
      requirements: ['CL-1', 'CL-2'],
      level: 'schema',
      outcome: 'pass',
      evidence: [typedData],
    }),
    result({
      id: 'client.budget.overpay',
      version: 2,
      title: 'The client never pays more than its budget',
      role: 'client',
      requirements: ['CL-9'],
      level: 'MUST',
      tags: ['property'],
      outcome: 'fail',
      message: 'The client paid 5000001 with a budget of 5000000',
      expected: 'no payment above 5000000 atomic units',
      seen: 'paid 5000001',
      spec: [{ file: 'specs/x402-specification-v2.md', section: '§7.2' }],
      durationMs: 2210,
      evidence: [
        {
          kind: 'property',
          seed: 1947203911,
          path: '3:1:0',
          numRuns: 100,
          counterexample: [{ amount: '5000001', note: HOSTILE }],
          replay: `x402-conformance client --driver http://127.0.0.1:5050 --case client.budget.overpay --seed 1947203911 --path "3:1:0"`,
        },
      ],
    }),
    result({
      id: 'facilitator.verify.expired',
      version: 2,
      title: 'verify refuses an authorization past validBefore',
      role: 'facilitator',
      requirements: ['FA-5'],
      level: 'MUST',
      outcome: 'pass',
      evidence: [
        {
          kind: 'facilitator-call',
          endpoint: 'verify',
          status: 200,
          at: '2026-11-21T07:24:39.500Z',
          request: { x402Version: 2, paymentPayload: underpayment, paymentRequirements: requirementsV2 },
          response: {
            isValid: false,
            invalidReason: 'invalid_exact_evm_payload_authorization_valid_before',
            payer: PAYER,
          },
        },
      ],
    }),
    result({
      id: 'facilitator.settle.double',
      version: 1,
      title: 'settle of the same authorization twice transfers once',
      role: 'facilitator',
      requirements: ['FA-12'],
      level: 'MUST',
      outcome: 'fail',
      message: 'The second settle reported success with a transaction that does not exist',
      expected: 'success:false with invalid_transaction_state or a nonce-used reason',
      seen: `success:true, transaction ${TX.replace('9c', 'ff')} ${HOSTILE_ATTR}`,
      spec: [{ file: 'specs/x402-specification-v1.md', section: '§7.2' }],
      evidence: [
        { kind: 'note', text: `facilitator said: ${HOSTILE}`, data: { raw: HOSTILE_ATTR } },
        { kind: 'transaction', hash: TX.replace('9c', 'ff'), status: 'missing' },
      ],
    }),
    result({
      id: 'facilitator.supported.signers',
      version: 2,
      title: '/supported lists the signer addresses',
      role: 'facilitator',
      requirements: ['FA-20'],
      level: 'SHOULD',
      outcome: 'warn',
      message: '/supported has no signers map',
    }),
  ]
}

/** The catalogue slice the fixture run reports coverage for (some covered, some not, one not run). */
export function fixtureRequirements(): RequirementCoverage[] {
  const req = (
    id: string,
    role: RequirementCoverage['role'],
    cases: string[],
    extra: Partial<RequirementCoverage> = {},
  ): RequirementCoverage => ({
    id,
    level: 'MUST',
    role,
    statement: `Statement of ${id}`,
    spec: SPEC_CORE_V2,
    cases,
    ...extra,
  })
  return [
    req('RS-1', 'server', ['server.challenge.status-402']),
    req('RS-2', 'server', ['server.challenge.status-402']),
    req('RS-3', 'server', ['server.challenge.status-402']),
    req('RS-14', 'server', ['server.errors.malformed-status']),
    req('RS-15', 'server', ['server.payment.underpayment']),
    req('RS-17', 'server', ['server.settlement.failure-header'], { level: 'SHOULD' }),
    req('RS-18', 'server', ['server.payment.underpayment', 'server.payment.replay']),
    req('RS-21', 'server', ['server.payment.permit2-allowance']),
    req('RS-22', 'server', [], {
      uncovered: 'MCP transport: out of scope for now',
      scope: 'later',
      spec: { file: 'specs/transports-v2/mcp.md', section: 'Payment Required Signaling' },
    }),
    req('RS-29', 'server', ['server.extensions.payment-identifier']),
    req('CL-1', 'client', ['client.payload.fields']),
    req('CL-2', 'client', ['client.payload.fields'], { level: 'schema' }),
    req('CL-9', 'client', ['client.budget.overpay']),
    req('FA-5', 'facilitator', ['facilitator.verify.expired']),
    req('FA-12', 'facilitator', ['facilitator.settle.double']),
    req('FA-20', 'facilitator', ['facilitator.supported.signers'], { level: 'SHOULD' }),
    req('X-3', 'any', [], { uncovered: `needs a second chain ${HOSTILE}` }),
  ]
}

/** The whole fixture report; `overrides` replace top-level fields before summary and verdict are computed. */
export function fixtureReport(overrides: Partial<RunReport> = {}): RunReport {
  const results = overrides.results ?? fixtureResults()
  const runErrors = overrides.runErrors ?? []
  const report: RunReport = {
    schemaVersion: '1.0.0',
    suite: { name: 'x402-conformance', version: '0.1.0' },
    spec: {
      repository: 'https://github.com/coinbase/x402',
      commit: 'dd927a26cfefc98c24b3ec38b3a8f204dad0c60d',
    },
    target: {
      role: 'server',
      url: URL_V2,
      command: 'node examples/server.js',
      label: `acme-pay <img src=x onerror="window.__pwned=4">`,
      versions: [1, 2],
    },
    startedAt: '2026-11-21T07:24:35.000Z',
    finishedAt: '2026-11-21T07:25:10.250Z',
    durationMs: 35250,
    seed: 424242,
    command: `x402-conformance server ${URL_V2} --start "node examples/server.js" --seed 424242`,
    results,
    summary: { total: 0, pass: 0, fail: 0, warn: 0, info: 0, skip: 0, error: 0 },
    coverage: computeCoverage(fixtureRequirements(), results),
    runErrors,
    verdict: 'conformant',
    exitCode: 0,
    ...overrides,
  }
  return { ...report, ...decide(report.results, report.runErrors, report.baseline) }
}
