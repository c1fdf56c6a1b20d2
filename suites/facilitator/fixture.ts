/**
 * The facilitator role fixture: attaches to the facilitator the runner started or was given (it must
 * settle on the worker's devnet: `--rpc` for a URL, `X402_RPC_URL` for `--start`), learns the x402
 * versions it serves from GET /supported (an `exact` kind for this devnet's network, per version), and
 * builds each case's context.
 */

import type { ChainPreset } from '../../harness/devnet/presets.ts'
import { type CaseGate, createCaseGate } from '../../harness/model/case-gate.ts'
import { createEvidenceRecorder } from '../../harness/model/evidence.ts'
import { TargetUnavailable } from '../../harness/model/verdict.ts'
import { createChainOracle } from '../../harness/oracle/index.ts'
import type { RoleFixture, Target } from '../../harness/runner/fixture.ts'
import type { SupportedResponse, X402Version } from '../../harness/wire/types.ts'
import { facilitatorClient, isRecord } from './api.ts'
import type { FacilitatorCaseContext } from './context.ts'
import { payments } from './payments.ts'

/** The facilitator fixture. */
export const facilitatorFixture: RoleFixture<FacilitatorCaseContext> = {
  role: 'facilitator',
  async setup(environment, target) {
    if (target.url === undefined) throw new TargetUnavailable('a facilitator target must have a URL')
    const url = target.url
    const devnet = environment.devnet
    const probe = facilitatorClient(url, createEvidenceRecorder())
    const answer = await probe.supported('supported (setup)')
    const supported = answer.status === 200 ? answer.body : undefined
    let versions: X402Version[]
    if (supported === undefined) {
      // A broken /supported is itself a finding (facilitator.supported.* fail); test both versions.
      versions = [1, 2]
    } else {
      versions = versionsServed(supported, devnet.preset)
      if (versions.length === 0) {
        throw new TargetUnavailable(
          `the facilitator's /supported lists no 'exact' kind for this devnet (x402 v1 '${devnet.preset.networkV1}' or v2 '${devnet.preset.network}')`,
        )
      }
    }
    const base = replayBase(target, devnet.rpcUrl)
    return {
      versions,
      capabilities: ['chain'],
      label: target.label,
      async context(run) {
        const share = await gateOf(devnet).enter(run.signal, run.untimed)
        return {
          caseId: run.caseId,
          version: run.version,
          evidence: run.evidence,
          signal: run.signal,
          seed: run.seed,
          devnet,
          facilitator: facilitatorClient(url, run.evidence, run.signal),
          payments: payments(devnet, run.version, run.evidence),
          chain: createChainOracle({
            publicClient: devnet.publicClient,
            token: devnet.usdc,
            evidence: run.evidence,
          }),
          supported,
          replay: `${base} --case ${run.caseId} --x402-version ${run.version} --seed ${environment.seed}`,
          exclusiveClock: (work) => clockLock(devnet, work),
          exclusiveDevnet: (work) => share.exclusive(work),
        }
      },
      async teardown() {},
    }
  },
}

const clockQueues = new WeakMap<object, Promise<unknown>>()
const gates = new WeakMap<object, CaseGate>()

/** The case gate of a devnet (one per worker devnet, shared by every target attached to it). */
function gateOf(devnet: object): CaseGate {
  let gate = gates.get(devnet)
  if (gate === undefined) {
    gate = createCaseGate()
    gates.set(devnet, gate)
  }
  return gate
}

/** Runs `work` after every earlier clock-sensitive work on the same devnet has ended. */
function clockLock<T>(devnet: object, work: () => Promise<T>): Promise<T> {
  const previous = clockQueues.get(devnet) ?? Promise.resolve()
  const result = previous.then(work, work)
  clockQueues.set(
    devnet,
    result.then(
      () => undefined,
      () => undefined,
    ),
  )
  return result
}

/** The versions whose `exact` kind on this devnet's network the facilitator lists. */
export function versionsServed(supported: SupportedResponse, preset: ChainPreset): X402Version[] {
  const kinds: unknown[] = Array.isArray(supported.kinds) ? supported.kinds : []
  const serves = (version: X402Version) =>
    kinds.some(
      (kind) =>
        isRecord(kind) &&
        kind.x402Version === version &&
        kind.scheme === 'exact' &&
        (version === 1
          ? kind.network === preset.networkV1
          : kind.network === preset.network || kind.network === 'eip155:*'),
    )
  return ([1, 2] as const).filter(serves)
}

/**
 * The start of the command line that reruns a case against this target: the URL (with the devnet it
 * settles on), the start command, or `demo` for the project's own in-process reference.
 */
function replayBase(target: Target, rpcUrl: string): string {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`
  switch (target.kind) {
    case 'start':
      return `x402-conformance facilitator ${target.url ?? ''} --start ${quote(target.label)}`
    case 'in-process':
      return 'x402-conformance demo --role facilitator'
    default:
      return `x402-conformance facilitator ${target.url ?? target.label} --rpc ${rpcUrl}`
  }
}
