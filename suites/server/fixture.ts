/**
 * The server suite's role fixture. `setup` reads the target's challenge once (the versions it shows,
 * the offer payable on the devnet) and declares capabilities: `chain` when the server charges the
 * devnet's USDC on the devnet's network, `builtin-facilitator` when the harness started it wired to the
 * built-in facilitator (or the user says it is). `context` builds one case run's context.
 */
import { getAddress, isAddressEqual } from 'viem'
import { createPayer, type PaymentDefects } from '../../harness/actors/payer.ts'
import { FEE_TOKEN, fundFeeToken } from '../../harness/devnet/fee-token.ts'
import { httpExchange } from '../../harness/http/exchange.ts'
import type { Capability } from '../../harness/model/case.ts'
import { createEvidenceRecorder } from '../../harness/model/evidence.ts'
import type { FacilitatorCallEvidence } from '../../harness/model/result.ts'
import { Skip, TargetUnavailable } from '../../harness/model/verdict.ts'
import { createChainOracle } from '../../harness/oracle/index.ts'
import type { RoleFixture, RoleSession, WorkerEnvironment } from '../../harness/runner/fixture.ts'
import type { Target } from '../../harness/targets/types.ts'
import { encodeHeader, paymentHeaderName } from '../../harness/wire/headers.ts'
import type { PaymentRequiredV2, PaymentRequirements, X402Version } from '../../harness/wire/types.ts'
import {
  type ChallengeReading,
  challengeOf,
  namesNoNetwork,
  onDevnet,
  readChallenge,
  versionsOf,
} from './challenge.ts'
import type { RequestOptions, ServerContext, ServerResponse } from './context.ts'
import { chooseOffer, type OfferChoice, type UserOffer, userOfferFromEnvironment } from './offer.ts'
import { createVerdicts } from './verdicts.ts'

/** What a fresh payer gets unless a case says otherwise (the devnet's default: 100 USDC). */
const DEFAULT_PAYER_USDC = 100_000_000n

/** Options of {@link createServerFixture}. */
export interface ServerFixtureOptions {
  /** Runs of each property case. Default: `X402_NUM_RUNS` from the environment, else 20. */
  numRuns?: number
  /** Treat a target the harness did not start as wired to the built-in facilitator. */
  builtinFacilitator?: boolean
  /** How long to give a server to finish a settlement after answering, before reading the chain (ms). */
  graceMs?: number
  /** The terms to pay instead of the challenge's (`--offer`); default: `X402_CONFORMANCE_OFFER`. */
  offer?: UserOffer
}

/** What a case run is told when the server is not wired to the built-in facilitator. */
const NOT_WIRED =
  "the server is not wired to the built-in facilitator (start it with --start, which hands it X402_FACILITATOR_URL, or point it at the suite's facilitator yourself)"

const DEFAULT_NUM_RUNS = 20

/** Creates the server fixture. */
export function createServerFixture(options: ServerFixtureOptions = {}): RoleFixture<ServerContext> {
  const numRuns = options.numRuns ?? (Number(process.env.X402_NUM_RUNS) || DEFAULT_NUM_RUNS)
  return {
    role: 'server',
    async setup(environment: WorkerEnvironment, target: Target): Promise<RoleSession<ServerContext>> {
      const url = target.url
      if (url === undefined) throw new TargetUnavailable(`the server target '${target.label}' has no URL`)
      const { devnet, facilitator } = environment
      const first = await httpExchange(createEvidenceRecorder(), { url, label: 'challenge at setup' })
      const reading = readChallenge(first)
      const user = options.offer ?? userOfferFromEnvironment()
      const shown = versionsOf(reading)
      // A server that shows no challenge at all is still tested (its challenge cases fail): in the
      // version of the terms the user gave, else in both.
      const versions: X402Version[] =
        shown.length > 0
          ? [...new Set([...shown, ...(user ? [user.x402Version] : [])])].sort((a, b) => b - a)
          : user
            ? [user.x402Version]
            : [2, 1]
      const domainOf = (asset: string) =>
        createChainOracle({ publicClient: devnet.publicClient, token: asset }).domain()
      const choices = new Map<X402Version, OfferChoice>()
      for (const version of versions)
        choices.set(version, await chooseOffer({ reading, version, devnet, user, readDomain: domainOf }))
      // The suite reads the chain the server settles on when it can pay an offer, when the challenge
      // names the devnet's chain, or when the challenge names no network at all (then the payment
      // cases run and say why they cannot pay).
      const payable =
        [...choices.values()].some((choice) => choice.ok) ||
        versions.some((version) => onDevnet(challengeOf(reading, version), devnet)) ||
        namesNoNetwork(reading)
      const wired =
        options.builtinFacilitator === true ||
        target.environment?.X402_FACILITATOR_URL === environment.facilitatorUrl
      const capabilities: Capability[] = [
        ...(payable ? (['chain'] as const) : []),
        ...(wired ? (['builtin-facilitator'] as const) : []),
      ]
      const graceMs = options.graceMs ?? (wired ? 100 : 300)
      const startFlag = target.kind === 'start' ? ` --start '${target.label.replaceAll("'", "'\\''")}'` : ''

      return {
        versions,
        capabilities,
        label: `${target.label} (x402 ${versions.map((v) => `v${v}`).join(', ')})`,
        async teardown() {},
        async context(run): Promise<ServerContext> {
          const { version, evidence } = run
          const challenge = challengeOf(reading, version)
          const choice = choices.get(version)
          // The oracle watches the token the server is paid in (its Transfer events are the payment).
          const asset = choice?.ok ? getAddress(choice.offer.requirements.asset) : devnet.usdc
          const chain = createChainOracle({ publicClient: devnet.publicClient, token: asset, evidence })
          const offer = (): PaymentRequirements => {
            if (!choice?.ok) throw new Skip(choice?.reason ?? `no payable offer (v${version})`)
            return choice.offer.requirements
          }
          const tokenDomain = choice?.ok ? choice.offer.domain : undefined
          if (choice?.ok && (choice.offer.source === '--offer' || tokenDomain !== undefined))
            evidence.add({
              kind: 'note',
              text: `paying the offer from the ${choice.offer.source}${tokenDomain ? ` under the token's own EIP-712 domain ${JSON.stringify(tokenDomain)} (the offer names none)` : ''}`,
              data: choice.offer.requirements,
            })
          // An offer without its EIP-712 domain is signed under the token's own (a case's domain wins).
          const withDefaults = (defects: PaymentDefects): PaymentDefects =>
            tokenDomain ? { ...defects, domain: { ...tokenDomain, ...defects.domain } } : defects
          const recorded = new Set<number>()
          const recordCalls = (payer: string) => {
            const calls = facilitator.log.calls({ payer })
            for (const call of calls) {
              if (recorded.has(call.seq)) continue
              recorded.add(call.seq)
              const item: FacilitatorCallEvidence = {
                kind: 'facilitator-call',
                endpoint: call.endpoint,
                request: call.request,
                response: call.response,
                ...(call.httpStatus === null ? {} : { status: call.httpStatus }),
                at: new Date(call.time).toISOString(),
              }
              evidence.add(item)
              if (call.faults.length > 0)
                evidence.add({
                  kind: 'note',
                  text: `facilitator faults applied to call ${call.seq}: ${call.faults.join(', ')}`,
                })
            }
            return calls
          }
          const requireWired = () => {
            if (!wired) throw new Skip(NOT_WIRED)
          }

          const request = async (opts: RequestOptions = {}): Promise<ServerResponse> => {
            const headers: Record<string, string> = { ...opts.headers }
            if (opts.payment !== undefined) {
              headers[opts.headerName ?? paymentHeaderName(opts.payment.x402Version)] = encodeHeader(
                opts.payment,
              )
            } else if (opts.rawHeader !== undefined) {
              headers[opts.headerName ?? paymentHeaderName(version)] = opts.rawHeader
            }
            const sentAt = Date.now()
            const response = await httpExchange(evidence, {
              url,
              headers,
              signal: run.signal,
              ...(opts.method === undefined ? {} : { method: opts.method }),
              ...(opts.label === undefined ? {} : { label: opts.label }),
              ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
            })
            return { ...response, sentAt, receivedAt: Date.now() }
          }

          const context: ServerContext = {
            version,
            caseId: run.caseId,
            url,
            evidence,
            signal: run.signal,
            seed: run.seed,
            numRuns,
            replay: `x402-conformance server ${url}${startFlag} --case ${run.caseId} --x402-version ${version} --seed ${environment.seed}`,
            devnet,
            versions,
            capabilities,
            challenge,
            offer,
            async fetchChallenge(opts = {}) {
              const response = await request({
                label: opts.label ?? 'unpaid request',
                ...(opts.headers ? { headers: opts.headers } : {}),
              })
              return { response, reading: readChallenge(response) as ChallengeReading }
            },
            async payer(fund) {
              const resource =
                version === 2
                  ? ((choice?.ok && choice.offer.source === '--offer' ? user?.resource : undefined) ??
                    (challenge as PaymentRequiredV2 | undefined)?.resource)
                  : undefined
              const payer = await createPayer({
                devnet,
                evidence,
                ...(resource ? { resource } : {}),
                ...(fund ? { fund } : {}),
              })
              // A payer of the fee-on-transfer token holds it as it would hold USDC (same amount).
              const feeTokenFunding = fund?.usdc ?? DEFAULT_PAYER_USDC
              if (isAddressEqual(asset, FEE_TOKEN.address) && feeTokenFunding > 0n)
                await fundFeeToken(devnet, payer.account, feeTokenFunding)
              const initialBalance = await chain.balanceOf(payer.address)
              return {
                address: payer.address,
                account: payer.account,
                initialBalance,
                sign: (defects = {}) => payer.pay(offer(), version, withDefaults(defects)),
                pay: async (defects = {}) =>
                  (await payer.pay(offer(), version, withDefaults(defects))).payload,
                payFor: async (requirements, payVersion, defects = {}) =>
                  (await payer.pay(requirements, payVersion, withDefaults(defects))).payload,
              }
            },
            request,
            facilitator: {
              calls(payer, endpoint) {
                requireWired()
                recordCalls(payer)
                return facilitator.log.calls({ payer, ...(endpoint ? { endpoint } : {}) })
              },
              fault(payer, endpoint, fault, faultOptions) {
                requireWired()
                facilitator.faults.add(payer, endpoint, fault, faultOptions)
              },
              async waitFor(payer, endpoint, timeoutMs) {
                requireWired()
                return facilitator.log.waitFor({ payer, endpoint }, timeoutMs).catch(() => undefined)
              },
            },
            chain,
            expect: createVerdicts({
              version,
              evidence,
              chain,
              offer,
              advertised: () => challenge?.accepts ?? (choice?.ok ? [choice.offer.requirements] : []),
              log: wired ? facilitator.log : undefined,
              recordCalls: (payer) => (wired ? recordCalls(payer) : []),
              graceMs,
              signal: run.signal,
            }),
            note(text, data) {
              evidence.add({ kind: 'note', text, ...(data === undefined ? {} : { data }) })
            },
          }
          return context
        },
      }
    },
  }
}

/** The server fixture with default options (what the registry uses). */
export const serverFixture: RoleFixture<ServerContext> = createServerFixture()
