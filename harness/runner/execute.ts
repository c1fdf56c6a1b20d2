/**
 * Runs one case at one protocol version against a session and returns its `CaseResult`: capability
 * check, the cases it depends on (./dependencies.ts), per-case timeout (a hung target costs this case
 * only), evidence recording and outcome mapping. Never throws.
 */
import { CAPABILITY_HINTS, type CaseDefinition } from '../model/case.ts'
import { createEvidenceRecorder } from '../model/evidence.ts'
import type { CaseResult } from '../model/result.ts'
import type { Target } from '../targets/types.ts'
import type { X402Version } from '../wire/types.ts'
import { startCaseClock } from './case-clock.ts'
import { blockedVerdict, blockingPrerequisite, runShared } from './dependencies.ts'
import type { RoleSession } from './fixture.ts'
import { CaseTimeout, outcomeOf, type Verdict } from './outcome.ts'
import { outputNote } from './output-evidence.ts'
import { caseSeed } from './seed.ts'

export interface ExecuteOptions {
  /** Default per-case timeout; a case's own `timeoutMs` wins. */
  timeoutMs: number
  /** Keep the stack of unexpected errors as a note evidence item. */
  verbose: boolean
  /** The run seed; each case run's seed derives from it. */
  seed: number
}

type Ending = { thrown: unknown } | undefined

/** How long an unexpected error waits for the target's exit to be noticed. */
const TARGET_DEATH_GRACE_MS = 150

/**
 * Runs `definition` at `version`; every way it can end becomes a result. A case others depend on runs
 * once per session and version; later calls get that result.
 */
export function executeCase<Context>(
  definition: CaseDefinition<Context>,
  version: X402Version,
  session: RoleSession<Context>,
  target: Target,
  options: ExecuteOptions,
): Promise<CaseResult> {
  return runShared(session, definition.id, version, () =>
    runCase(definition, version, session, target, options),
  )
}

async function runCase<Context>(
  definition: CaseDefinition<Context>,
  version: X402Version,
  session: RoleSession<Context>,
  target: Target,
  options: ExecuteOptions,
): Promise<CaseResult> {
  const started = performance.now()
  const evidence = createEvidenceRecorder()
  const outputFrom = target.output?.mark()
  const finish = (verdict: Verdict & Pick<CaseResult, 'blockedBy'>): CaseResult => {
    const { note, ...rest } = verdict
    if (note) evidence.add(note)
    const output = outputNote(target, outputFrom)
    if (output) evidence.add(output)
    return {
      id: definition.id,
      version,
      title: definition.title,
      role: definition.role,
      requirements: [...definition.requirements],
      level: definition.level,
      tags: [...(definition.tags ?? [])],
      ...rest,
      durationMs: Math.round(performance.now() - started),
      evidence: [...evidence.items],
    }
  }

  const missing = (definition.needs ?? []).filter((need) => !session.capabilities.includes(need))
  if (missing.length > 0) {
    const enable = missing.map((need) => `${need}: ${CAPABILITY_HINTS[need]}`).join('; ')
    return finish({
      outcome: 'skip',
      message: `the target does not offer: ${missing.join(', ')} (to run it, ${enable})`,
    })
  }
  const problem = target.problem()
  if (problem !== undefined) return finish({ outcome: 'error', message: `target unavailable: ${problem}` })
  const blocker = await blockingPrerequisite(definition as CaseDefinition<unknown>, version, (prerequisite) =>
    executeCase(prerequisite as CaseDefinition<Context>, version, session, target, options),
  )
  if (blocker !== undefined) return finish(blockedVerdict(blocker))

  const timeoutMs = definition.timeoutMs ?? options.timeoutMs
  const controller = new AbortController()
  const clock = startCaseClock(timeoutMs)
  const timedOut = clock.expired.then((): Ending => {
    const timeout = new CaseTimeout(timeoutMs)
    controller.abort(timeout)
    return { thrown: timeout }
  })
  const ran: Promise<Ending> = (async () => {
    const context = await session.context({
      caseId: definition.id,
      version,
      evidence,
      signal: controller.signal,
      seed: caseSeed(options.seed, definition.id, version),
      untimed: (wait) => clock.untimed(wait),
    })
    await definition.run(context)
  })().then(
    () => undefined,
    (thrown: unknown) => ({ thrown }),
  )
  const ending = await Promise.race([ran, timedOut])
  clock.stop()
  if (!controller.signal.aborted) controller.abort(new Error('case finished'))

  let verdict = outcomeOf(ending?.thrown, definition.level, options.verbose)
  if (verdict.outcome === 'error' && !(ending?.thrown instanceof CaseTimeout)) {
    // A target that died during the case explains an unexpected error better than the error itself;
    // its exit may be noticed a moment after the connection broke.
    const died = target.problem() ?? (await later(TARGET_DEATH_GRACE_MS, () => target.problem()))
    if (died !== undefined) verdict = { outcome: 'error', message: `target unavailable: ${died}` }
  }
  return finish(verdict)
}

function later<T>(ms: number, read: () => T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(read()), ms))
}
