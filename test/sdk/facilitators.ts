/**
 * The real published reference facilitators on the devnet, each wrapped in a small HTTP server on
 * 127.0.0.1 (POST /verify, POST /settle, GET /supported), so the facilitator suite tests them exactly
 * like any facilitator given by URL:
 * - `@x402/core` 2.27 `x402Facilitator` + `@x402/evm` `registerExactEvmScheme` (v2, and v1 `exact`) and
 *   `BatchSettlementEvmScheme` (v2 `batch-settlement`, the settlement key as receiver authorizer);
 * - the legacy `x402` 1.2 `verify` / `settle` functions (v1 only).
 * viem clients use the local RPC only (a chain whose only RPC is the devnet; DESIGN.md: no public
 * endpoint, ever). The HTTP layer is ours and neutral: bad JSON or a body without paymentPayload and
 * paymentRequirements is 400 `{error}`, an exception of the SDK is 500 `{error}` (what the reference
 * example servers answer), everything else is the SDK's own answer with 200.
 *
 * Also `referenceFacilitator(devnet)`: the @x402 facilitator in-process (no HTTP), used by
 * bench/facilitator.ts and the built-in facilitator's interop tests (test/facilitator/interop.test.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { x402Facilitator } from '@x402/core/facilitator'
import type {
  PaymentPayload as SdkPaymentPayload,
  PaymentRequirements as SdkPaymentRequirements,
  SettleResponse as SdkSettleResponse,
  VerifyResponse as SdkVerifyResponse,
} from '@x402/core/types'
import { toFacilitatorEvmSigner } from '@x402/evm'
import { BatchSettlementEvmScheme } from '@x402/evm/batch-settlement/facilitator'
import { registerExactEvmScheme } from '@x402/evm/exact/facilitator'
import {
  type Account,
  type Chain,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  publicActions,
  type Transport,
  type WalletClient,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { base, baseSepolia } from 'viem/chains'
import { settle as legacySettle, verify as legacyVerify } from 'x402/facilitator'
import {
  PaymentPayloadSchema as LegacyPaymentPayloadSchema,
  PaymentRequirementsSchema as LegacyPaymentRequirementsSchema,
} from 'x402/types'
import type { Devnet, DevnetAccount } from '../../harness/devnet/types.ts'
import { listenOnLoopback } from '../../harness/http/listen.ts'
import type { InProcessTarget } from '../../harness/runner/fixture.ts'
import type { FacilitatorRequest, SupportedResponse } from '../../harness/wire/types.ts'

/** What a facilitator's three endpoints do, independent of HTTP. `verify`/`settle` may throw. */
export interface FacilitatorApi {
  verify(paymentPayload: unknown, paymentRequirements: unknown): Promise<unknown>
  settle(paymentPayload: unknown, paymentRequirements: unknown): Promise<unknown>
  supported(): SupportedResponse
}

/** The published facilitators this module wires. */
export type SdkFacilitatorName = '@x402/core+@x402/evm 2.27' | 'x402 1.2'

/** The chain side of a facilitator, from the environment a started facilitator gets (DESIGN.md). */
export interface FacilitatorWiring {
  rpcUrl: string
  chainId: number
  privateKey: Hex
  /**
   * Send the signer's transactions one at a time. Default true: the SDKs send concurrent settlements
   * from one account, each fetching its nonce from the node, so two sends can take the same nonce (one
   * fails) or leave a gap (a transaction is mined later, in another case's window). That is wiring (how
   * the key is used), not the verify/settle logic under test; a production deployment serialises too.
   */
  serialSends?: boolean
}

/** A wallet client on the devnet, with public actions, signing with the facilitator key. */
type SettlingClient = WalletClient<Transport, Chain, Account> & ReturnType<typeof publicActions>

/** Reads `X402_RPC_URL`, `X402_CHAIN_ID` and `X402_FACILITATOR_PRIVATE_KEY`; throws naming a missing one. */
export function wiringFromEnvironment(environment: Record<string, string | undefined>): FacilitatorWiring {
  const need = (name: string): string => {
    const value = environment[name]
    if (value === undefined || value === '') throw new Error(`${name} is not set`)
    return value
  }
  return {
    rpcUrl: need('X402_RPC_URL'),
    chainId: Number(need('X402_CHAIN_ID')),
    privateKey: need('X402_FACILITATOR_PRIVATE_KEY') as Hex,
  }
}

/** The viem chain of `chainId` with the devnet as its only RPC. */
function localChain(wiring: FacilitatorWiring): Chain {
  const upstream = [baseSepolia, base].find((chain) => chain.id === wiring.chainId)
  if (upstream === undefined) throw new Error(`no reference chain for chain id ${wiring.chainId}`)
  return defineChain({ ...upstream, rpcUrls: { default: { http: [wiring.rpcUrl] } } })
}

/** The settling client: the facilitator key on the devnet's only RPC. */
function settlingClient(wiring: FacilitatorWiring): SettlingClient {
  const account = privateKeyToAccount(wiring.privateKey)
  const client = createWalletClient({
    account,
    chain: localChain(wiring),
    transport: http(wiring.rpcUrl),
    // A local devnet mines at once: poll receipts every 20 ms, as the devnet's own clients do.
    pollingInterval: 20,
  }).extend(publicActions)
  if (wiring.serialSends === false) return client
  let queue: Promise<unknown> = Promise.resolve()
  // Each send (gas estimation, nonce, broadcast) starts after the previous one has ended.
  const serial =
    <A extends unknown[], R>(send: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const result = queue.then(
        () => send(...args),
        () => send(...args),
      )
      queue = result.catch(() => undefined)
      return result
    }
  // viem client actions are closures (no `this`), so a copy with two actions replaced is a working client.
  return {
    ...client,
    writeContract: serial(client.writeContract as (...args: unknown[]) => Promise<Hex>),
    sendTransaction: serial(client.sendTransaction as (...args: unknown[]) => Promise<Hex>),
  } as SettlingClient
}

/** The @x402 2.27 reference facilitator: `x402Facilitator` with `exact` EVM registered for the devnet. */
export function createReferenceFacilitator(wiring: FacilitatorWiring): FacilitatorApi {
  const client = settlingClient(wiring)
  const facilitator = new x402Facilitator()
  // The SDK's signer type declares loosely typed readContract/writeContract; viem's are generic.
  const signer = toFacilitatorEvmSigner({
    ...client,
    address: client.account.address,
  } as unknown as Parameters<typeof toFacilitatorEvmSigner>[0])
  registerExactEvmScheme(facilitator, { signer, networks: `eip155:${wiring.chainId}` })
  // batch-settlement too (2.27), with the settlement key as the receiver authorizer.
  facilitator.register(
    `eip155:${wiring.chainId}`,
    new BatchSettlementEvmScheme(signer, privateKeyToAccount(wiring.privateKey)),
  )
  return {
    // The SDK types are structurally the wire types; these casts only hand it what arrived on the wire.
    verify: (payload, requirements) =>
      facilitator.verify(payload as SdkPaymentPayload, requirements as SdkPaymentRequirements),
    settle: (payload, requirements) =>
      facilitator.settle(payload as SdkPaymentPayload, requirements as SdkPaymentRequirements),
    supported: () => facilitator.getSupported() as SupportedResponse,
  }
}

/**
 * The legacy `x402` 1.2 facilitator functions (v1 `exact` on EVM). The package has no /supported; the
 * wrapper lists the one kind it is wired for, as the example facilitators of that generation do. Bodies
 * are parsed with the package's own zod schemas first, like those examples (a failure is a 400).
 */
export function createLegacyFacilitator(wiring: FacilitatorWiring): FacilitatorApi {
  const client = settlingClient(wiring)
  const network = [
    { id: baseSepolia.id, name: 'base-sepolia' },
    { id: base.id, name: 'base' },
  ].find((entry) => entry.id === wiring.chainId)?.name
  if (network === undefined) throw new Error(`x402 1.2 has no v1 network for chain id ${wiring.chainId}`)
  const parse = (payload: unknown, requirements: unknown) => {
    const parsedPayload = LegacyPaymentPayloadSchema.safeParse(payload)
    const parsedRequirements = LegacyPaymentRequirementsSchema.safeParse(requirements)
    if (!parsedPayload.success || !parsedRequirements.success) throw new BadRequest('Invalid request')
    return [parsedPayload.data, parsedRequirements.data] as const
  }
  return {
    // x402 1.2 types its client parameter by its own viem copy; ours is the same viem (overrides).
    verify: (payload, requirements) =>
      legacyVerify(client as unknown as Parameters<typeof legacyVerify>[0], ...parse(payload, requirements)),
    settle: (payload, requirements) =>
      legacySettle(client as unknown as Parameters<typeof legacySettle>[0], ...parse(payload, requirements)),
    supported: () => ({ kinds: [{ x402Version: 1, scheme: 'exact', network }] }),
  }
}

/** A request the wrapper refuses with 400 before the SDK sees it. */
class BadRequest extends Error {
  override name = 'BadRequest'
}

/** A facilitator API listening on 127.0.0.1. */
export interface RunningFacilitatorApi {
  url: string
  port: number
  stop(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024

/** Serves `api` over HTTP on 127.0.0.1 (`port` 0: any free port). */
export async function serveFacilitatorApi(api: FacilitatorApi, port = 0): Promise<RunningFacilitatorApi> {
  const server = createServer((req, res) => {
    void answer(api, req, res)
  })
  const listening = await listenOnLoopback(server, port)
  return { url: listening.origin, port: listening.port, stop: listening.close }
}

async function answer(api: FacilitatorApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://facilitator').pathname
  try {
    if (path === '/supported' && req.method === 'GET') return send(res, 200, api.supported())
    if (path === '/health' && req.method === 'GET') return send(res, 200, { status: 'ok' })
    if ((path !== '/verify' && path !== '/settle') || req.method !== 'POST')
      return send(res, 404, { error: `no route ${req.method} ${path}` })
    let body: unknown
    try {
      body = JSON.parse(await readBody(req))
    } catch {
      return send(res, 400, { error: 'Invalid JSON' })
    }
    const { paymentPayload, paymentRequirements } = (body ?? {}) as Record<string, unknown>
    if (!paymentPayload || !paymentRequirements)
      return send(res, 400, { error: 'Missing paymentPayload or paymentRequirements' })
    const result =
      path === '/verify'
        ? await api.verify(paymentPayload, paymentRequirements)
        : await api.settle(paymentPayload, paymentRequirements)
    send(res, 200, result)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    send(res, error instanceof BadRequest ? 400 : 500, { error: message })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    req.on('data', (chunk: Buffer) => {
      total += chunk.length
      if (total > MAX_BODY_BYTES) {
        reject(new Error('body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  )
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/**
 * Starts a published facilitator from the environment a started facilitator gets, on `PORT` when it is
 * set: the `create` of an in-process target (`{kind: 'in-process', label, create}`).
 */
export async function startSdkFacilitator(
  name: SdkFacilitatorName,
  environment: Record<string, string | undefined>,
): Promise<InProcessTarget> {
  const wiring = wiringFromEnvironment(environment)
  const api = name === 'x402 1.2' ? createLegacyFacilitator(wiring) : createReferenceFacilitator(wiring)
  const server = await serveFacilitatorApi(api, environment.PORT === undefined ? 0 : Number(environment.PORT))
  return { url: server.url, stop: server.stop }
}

/** verify/settle of the @x402 reference facilitator in-process, taking the same bodies as the built-in one. */
export interface ReferenceFacilitator {
  verify(request: FacilitatorRequest): Promise<SdkVerifyResponse>
  settle(request: FacilitatorRequest): Promise<SdkSettleResponse>
}

/**
 * The @x402 reference facilitator on `devnet`, settling from `signer` (default: account [1]). Without
 * `serialSends` (the default here) sends run concurrently, each fetching its nonce from the node, as
 * with a bare viem client.
 */
export function referenceFacilitator(
  devnet: Devnet,
  signer?: DevnetAccount,
  options: { serialSends?: boolean } = {},
): ReferenceFacilitator {
  const account = signer ?? devnet.accounts[1]!
  const api = createReferenceFacilitator({
    rpcUrl: devnet.rpcUrl,
    chainId: devnet.preset.chainId,
    privateKey: account.privateKey,
    serialSends: options.serialSends ?? false,
  })
  return {
    verify: async (request) =>
      (await api.verify(request.paymentPayload, request.paymentRequirements)) as SdkVerifyResponse,
    settle: async (request) =>
      (await api.settle(request.paymentPayload, request.paymentRequirements)) as SdkSettleResponse,
  }
}
