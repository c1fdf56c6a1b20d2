/**
 * The client suite's fixture (role `client`). Per worker it starts the paywall actor on 127.0.0.1 (its
 * honest payments settle through the worker's built-in facilitator) and learns which protocol versions
 * the client speaks by offering it each one: a version counts when the client answers its challenge
 * with a payment header. Per case it hands out a context: fresh endpoints, client runs (a fresh funded
 * payer each, through the runner's target adapter), what the paywall received, and the chain oracle.
 */
import {
  honestScript,
  type Paywall,
  type PaywallEndpoint,
  requestEvidence,
  settlementEvidence,
  startPaywall,
} from '../../harness/actors/paywall/index.ts'
import type { DevnetAccount } from '../../harness/devnet/types.ts'
import type { Capability } from '../../harness/model/case.ts'
import type { EvidenceRecorder } from '../../harness/model/evidence.ts'
import { CheckFailure, TargetUnavailable } from '../../harness/model/verdict.ts'
import { createChainOracle } from '../../harness/oracle/index.ts'
import type {
  CaseRunInfo,
  RoleFixture,
  RoleSession,
  WorkerEnvironment,
} from '../../harness/runner/fixture.ts'
import { shellQuote } from '../../harness/targets/client-command.ts'
import type { ClientReport } from '../../harness/targets/client-report.ts'
import type { Target } from '../../harness/targets/types.ts'
import type { PaymentRequirements, X402Version } from '../../harness/wire/types.ts'
import type { ClientCaseContext, ClientRun, HonestExchange, RunOptions } from './context.ts'
import { nonceKeys, observePayments } from './observe.ts'
import { challengeFor, honestOffer } from './offers.ts'

/** Options of the client fixture. */
export interface ClientFixtureOptions {
  /**
   * The budget the client under test declares (atomic units): cases needing `client-budget` run only
   * when one is declared. Default: the one declared for the target's label in
   * {@link declaredClientBudgets}, else `X402_CLIENT_BUDGET` of the worker's environment, else none.
   */
  budget?: bigint
  /** How long one client run may take before it is stopped and judged. Default 15 s. */
  runTimeoutMs?: number
  /** Called after every client run (benchmarks time the client apart from the suite with it). */
  onRun?: (run: ClientRun, caseId: string | undefined) => void
}

const DEFAULT_RUN_TIMEOUT_MS = 15_000

/**
 * Budgets declared by in-process clients, by target label (the project's reference clients declare
 * theirs here, so `demo` runs the budget case). A client run by command or driver declares its budget
 * with `X402_CLIENT_BUDGET` in the harness's environment.
 */
export const declaredClientBudgets: Map<string, bigint> = new Map()

/**
 * An extra key of the shared honest v2 offer, which a faithful `accepted` carries back. Base64 of ASCII
 * JSON only differs from base64url where the JSON holds bytes such as `?`, `>` or `~` (their low six bits
 * are 62 or 63), so without them a base64url header would look like unpadded standard base64. These
 * runs of three guarantee both alphabets' distinct characters appear. (A v1 payload echoes nothing
 * textual: there base64url and unpadded base64 are the same bytes, and both decode everywhere.)
 */
export const BASE64_PROBE: Readonly<Record<string, string>> = { 'x402-conformance-note': '??? >>> ~~~' }
const VERSIONS: readonly X402Version[] = [1, 2]

/** Creates the client fixture. */
export function createClientFixture(options: ClientFixtureOptions = {}): RoleFixture<ClientCaseContext> {
  return {
    role: 'client',
    async setup(environment, target) {
      if (target.pay === undefined)
        throw new TargetUnavailable(`${target.label} cannot be asked to pay (not a client target)`)
      const budget = options.budget ?? declaredClientBudgets.get(target.label) ?? budgetFromEnvironment()
      const paywall = await startPaywall({ settlement: environment.facilitator })
      const session = new ClientSession(environment, target, paywall, options, budget)
      try {
        const versions = await session.probeVersions()
        const capabilities: Capability[] = []
        if (target.environment !== undefined) capabilities.push('chain')
        if (budget !== undefined) capabilities.push('client-budget')
        const roleSession: RoleSession<ClientCaseContext> = {
          versions,
          capabilities,
          label: target.label,
          context: async (run) => session.context(run),
          teardown: () => session.teardown(),
        }
        return roleSession
      } catch (error) {
        await session.teardown()
        throw error
      }
    },
  }
}

function budgetFromEnvironment(): bigint | undefined {
  const text = process.env.X402_CLIENT_BUDGET
  return text !== undefined && /^(0|[1-9][0-9]*)$/.test(text) ? BigInt(text) : undefined
}

/** The state one worker shares between its cases. */
class ClientSession {
  private readonly environment: WorkerEnvironment
  private readonly target: Target
  private readonly paywall: Paywall
  private readonly runTimeoutMs: number
  private readonly onRun: ClientFixtureOptions['onRun']
  private readonly budget: bigint | undefined
  /** Nonce keys of every run so far, by run, for the "never repeats" checks. */
  private readonly nonces = new Map<ClientRun, { label: string; keys: string[] }>()
  private readonly honest = new Map<X402Version, Promise<HonestExchange>>()
  private readonly closing = new AbortController()

  constructor(
    environment: WorkerEnvironment,
    target: Target,
    paywall: Paywall,
    options: ClientFixtureOptions,
    budget: bigint | undefined,
  ) {
    this.environment = environment
    this.target = target
    this.paywall = paywall
    this.runTimeoutMs = options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS
    this.onRun = options.onRun
    this.budget = budget
  }

  /** Offers the client each version's honest challenge; a version counts when it answers with a payment. */
  async probeVersions(): Promise<X402Version[]> {
    // The probe of a version is its shared honest exchange: one client run serves both.
    const probes = await Promise.all(
      VERSIONS.map(async (version) => {
        const { run } = await this.honestExchange(version)
        return run.payments.length > 0 ? version : undefined
      }),
    )
    return probes.filter((version): version is X402Version => version !== undefined)
  }

  context(info: CaseRunInfo): ClientCaseContext {
    const { devnet } = this.environment
    const { evidence, version, signal } = info
    const chain = createChainOracle({ publicClient: devnet.publicClient, token: devnet.usdc, evidence })
    const endpoint: ClientCaseContext['endpoint'] = (build, endpointOptions) =>
      this.paywall.endpointWith(build, {
        label: info.caseId.split('.').slice(1).join('-'),
        ...endpointOptions,
      })
    const challenge: ClientCaseContext['challenge'] = (url, accepts, challengeOptions) =>
      challengeFor(version, url, accepts, challengeOptions)
    return {
      caseId: info.caseId,
      version,
      evidence,
      signal,
      seed: info.seed,
      replay: this.replayCommand(info),
      devnet,
      facilitator: this.environment.facilitator,
      chain,
      target: { kind: this.target.kind, label: this.target.label },
      ...(this.budget === undefined ? {} : { budget: this.budget }),
      offer: (changes) => honestOffer(devnet, version, changes),
      challenge,
      endpoint,
      honest: (accepts, honestOptions = {}) => {
        const { settle, challengeBody, label, ...challengeOptions } = honestOptions
        let paymentRequired: ReturnType<typeof challengeFor> | undefined
        const created = endpoint(
          ({ url }) => {
            paymentRequired = challenge(url, accepts, challengeOptions)
            return honestScript({
              paymentRequired,
              ...(settle === undefined ? {} : { settle }),
              ...(challengeBody === undefined ? {} : { challengeBody }),
            })
          },
          label === undefined ? {} : { label },
        )
        return { endpoint: created, paymentRequired: paymentRequired! }
      },
      fundedPayer: () => devnet.fundedAccount(),
      pay: (target, runOptions = {}) => this.run(target, runOptions, signal, evidence, info.caseId),
      honestExchange: () => this.honestExchange(version),
      nonceSeenElsewhere: (run) => this.nonceSeenElsewhere(run),
    }
  }

  /** Runs the client once against `endpoint`. */
  async run(
    endpoint: PaywallEndpoint,
    options: RunOptions,
    signal: AbortSignal,
    evidence?: EvidenceRecorder,
    caseId?: string,
  ): Promise<ClientRun> {
    const pay = this.target.pay!
    const payer: DevnetAccount | undefined =
      this.target.kind === 'driver'
        ? undefined
        : (options.payer ?? (await this.environment.devnet.fundedAccount()))
    const timeout = AbortSignal.timeout(this.runTimeoutMs)
    const started = performance.now()
    let report: ClientReport | undefined
    let contractFailure: CheckFailure | undefined
    const stop = AbortSignal.any([signal, timeout])
    try {
      // An in-process client may not honour the signal; the race makes a hung one cost this run only.
      report = await Promise.race([
        pay(endpoint.url, {
          signal: stop,
          ...(payer === undefined ? {} : { environment: { X402_PRIVATE_KEY: payer.privateKey } }),
        }),
        aborted(stop),
      ])
    } catch (error) {
      if (signal.aborted) throw signal.reason
      if (timeout.aborted) {
        contractFailure = new CheckFailure(`the client did not finish within ${this.runTimeoutMs / 1000} s`, {
          expected: 'one payment attempt, then its report (DESIGN.md client contract)',
          seen: `still running after ${endpoint.requests.length} request(s) to the endpoint; stopped`,
        })
      } else if (error instanceof Error && error.name === 'CheckFailure') {
        contractFailure = error as CheckFailure
      } else {
        throw error
      }
    }
    const requests = [...endpoint.requests]
    const run: ClientRun = {
      endpoint,
      requests,
      payments: observePayments(requests),
      ...(report === undefined ? {} : { report }),
      ...(contractFailure === undefined ? {} : { contractFailure }),
      ...(payer === undefined ? {} : { payer }),
      durationMs: Math.round(performance.now() - started),
    }
    this.nonces.set(run, { label: options.label ?? endpoint.url, keys: nonceKeys(run.payments) })
    if (evidence !== undefined && !options.quiet) recordRun(evidence, run, options.label)
    this.onRun?.(run, caseId)
    return run
  }

  nonceSeenElsewhere(run: ClientRun): Map<string, string> {
    const own = new Set(this.nonces.get(run)?.keys ?? nonceKeys(run.payments))
    const seen = new Map<string, string>()
    for (const [other, { label, keys }] of this.nonces) {
      if (other === run) continue
      for (const key of keys) if (own.has(key) && !seen.has(key)) seen.set(key, label)
    }
    return seen
  }

  honestExchange(version: X402Version): Promise<HonestExchange> {
    let exchange = this.honest.get(version)
    if (exchange === undefined) {
      exchange = this.runHonestExchange(version)
      this.honest.set(version, exchange)
    }
    return exchange
  }

  private async runHonestExchange(version: X402Version): Promise<HonestExchange> {
    const offered: PaymentRequirements = honestOffer(
      this.environment.devnet,
      version,
      version === 2 ? { extra: { ...this.environment.devnet.preset.eip712, ...BASE64_PROBE } } : {},
    )
    let paymentRequired: ReturnType<typeof challengeFor> | undefined
    const endpoint = this.paywall.endpointWith(
      ({ url }) => {
        paymentRequired = challengeFor(version, url, [offered])
        return honestScript({ paymentRequired })
      },
      { label: `probe-honest-v${version}` },
    )
    const run = await this.run(
      endpoint,
      { label: `honest exchange v${version} (also the version probe)` },
      this.closing.signal,
    )
    return { paymentRequired: paymentRequired!, offered, run }
  }

  private replayCommand(info: CaseRunInfo): string {
    const target =
      this.target.kind === 'start'
        ? `--start ${shellQuote(this.target.label)}`
        : this.target.kind === 'driver'
          ? `--driver ${this.target.label}`
          : `<in-process target '${this.target.label}'>`
    return `x402-conformance client ${target} --case ${info.caseId} --x402-version ${info.version} --seed ${this.environment.seed}`
  }

  async teardown(): Promise<void> {
    this.closing.abort(new Error('the client session ended'))
    await this.paywall.stop()
  }
}

/** Rejects with the signal's reason once it aborts. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

/** Records a run as evidence: every request and answer, every settlement, the client's own report. */
export function recordRun(evidence: EvidenceRecorder, run: ClientRun, label?: string): void {
  const prefix = label === undefined ? '' : `${label}: `
  for (const request of run.requests) {
    evidence.add(
      requestEvidence(
        request,
        `${prefix}client → paywall #${request.seq}${request.origin === 'foreign' ? ' (foreign origin)' : ''}`,
      ),
    )
    const settlement = settlementEvidence(request)
    if (settlement !== undefined) evidence.add(settlement)
  }
  if (run.report !== undefined) {
    evidence.add({
      kind: 'note',
      text: `${prefix}the client reported (${run.durationMs} ms)`,
      data: run.report,
    })
  } else {
    evidence.add({
      kind: 'note',
      text: `${prefix}the client gave no report: ${run.contractFailure?.message ?? 'unknown'}`,
      data: { seen: run.contractFailure?.seen },
    })
  }
}
