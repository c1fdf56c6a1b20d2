/**
 * Baselines: a file of expected outcomes per result, and the ratchet that compares a run against it.
 *
 * A baseline pins what a known implementation does today (for example the published `@x402/*` packages),
 * so CI notices any change in either direction:
 * - an **unexpected failure**: the baseline expects `pass`, `warn`, `info` or `skip` (or has no entry,
 *   which means `pass` is expected) and the run got `fail` or `error`: a regression;
 * - an **unexpected pass**: the baseline expects `fail` or `error` and the run got `pass`, `warn` or
 *   `info`: the implementation got better (or the case got weaker), and the baseline must be updated so
 *   the improvement cannot silently regress later.
 * Both make the exit code 1 (see `decision.ts`). Results the baseline lists but the run did not select
 * (filters, shards) are not differences.
 *
 * File format (JSON, `schemaVersion: 1`), keys `<caseId>@v<version>`:
 * `{"schemaVersion":1,"suite":"x402-conformance","createdAt":"…","expected":{"server.payment.underpayment@v2":"fail"},"notes":{…}}`
 */
import { readFile, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { decide, FAILING, PASSING } from './decision.ts'
import { resultKey } from './key.ts'
import { type CaseResult, OUTCOMES, type Outcome, type RunReport } from './result.ts'

/** A baseline file's content. */
export interface Baseline {
  schemaVersion: 1
  suite: 'x402-conformance'
  /** What the baseline was taken from, e.g. `@x402/express 2.27.0`. */
  target?: string
  createdAt: string
  /** Expected outcome per `<caseId>@v<version>`. */
  expected: Record<string, Outcome>
  /** Why a key has its expected outcome (an issue link, a spec dispute), kept across rewrites. */
  notes?: Record<string, string>
}

/** The baseline part of a `RunReport`: where it came from and every difference. */
export type BaselineComparison = NonNullable<RunReport['baseline']>

/** A baseline file that cannot be used; the message names the file and the problem. */
export class BaselineError extends Error {
  override name = 'BaselineError'
}

const KEY = /^[^\s@]+@v[1-9][0-9]*$/

const baselineSchema = z.strictObject({
  schemaVersion: z.literal(1),
  suite: z.literal('x402-conformance'),
  target: z.string().optional(),
  createdAt: z.string(),
  expected: z.record(z.string(), z.enum(OUTCOMES)),
  notes: z.record(z.string(), z.string()).optional(),
})

/** Parses and checks a baseline document; throws `BaselineError` saying what is wrong. */
export function parseBaseline(text: string, file = 'baseline'): Baseline {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new BaselineError(`${file}: not JSON (${(error as Error).message})`)
  }
  const parsed = baselineSchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    )
    throw new BaselineError(`${file}: not a baseline file (${problems.join('; ')})`)
  }
  const badKeys = Object.keys(parsed.data.expected).filter((key) => !KEY.test(key))
  if (badKeys.length > 0) {
    throw new BaselineError(
      `${file}: keys must look like <caseId>@v<version>, not ${badKeys.map((k) => `'${k}'`).join(', ')}`,
    )
  }
  return parsed.data
}

/** Reads a baseline file; throws `BaselineError` when it is missing or malformed. */
export async function readBaseline(file: string): Promise<Baseline> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new BaselineError(
      `${file}: cannot read baseline (${(error as NodeJS.ErrnoException).code ?? error})`,
    )
  }
  return parseBaseline(text, file)
}

/** Serialises a baseline with sorted keys, so a rewrite shows as a small diff. */
export function formatBaseline(baseline: Baseline): string {
  const sorted: Baseline = {
    schemaVersion: 1,
    suite: 'x402-conformance',
    ...(baseline.target === undefined ? {} : { target: baseline.target }),
    createdAt: baseline.createdAt,
    expected: sortKeys(baseline.expected),
    ...(baseline.notes === undefined || Object.keys(baseline.notes).length === 0
      ? {}
      : { notes: sortKeys(baseline.notes) }),
  }
  return `${JSON.stringify(sorted, null, 2)}\n`
}

/** Writes a baseline file. */
export async function writeBaseline(file: string, baseline: Baseline): Promise<void> {
  await writeFile(file, formatBaseline(baseline))
}

/**
 * A baseline that expects exactly what this run saw. With `previous`, entries the run did not select
 * are kept (a filtered or sharded run only updates what it ran) and so are the notes of kept keys.
 */
export function baselineFromRun(
  report: Pick<RunReport, 'results' | 'finishedAt'>,
  options: { previous?: Baseline; target?: string } = {},
): Baseline {
  const expected: Record<string, Outcome> = { ...options.previous?.expected }
  for (const result of report.results) expected[resultKey(result)] = result.outcome
  const target = options.target ?? options.previous?.target
  const notes = options.previous?.notes
  return {
    schemaVersion: 1,
    suite: 'x402-conformance',
    ...(target === undefined ? {} : { target }),
    createdAt: report.finishedAt,
    expected: sortKeys(expected),
    ...(notes === undefined ? {} : { notes: sortKeys(notes) }),
  }
}

/** Compares results with a baseline; `file` is recorded in the report so a reader knows which one. */
export function compareToBaseline(
  results: readonly Pick<CaseResult, 'id' | 'version' | 'outcome'>[],
  baseline: Baseline,
  file: string,
): BaselineComparison {
  const unexpectedFailures: BaselineComparison['unexpectedFailures'] = []
  const unexpectedPasses: BaselineComparison['unexpectedPasses'] = []
  for (const result of results) {
    const key = resultKey(result)
    const expected = baseline.expected[key] ?? 'pass'
    const seen = result.outcome
    if (!FAILING.has(expected) && FAILING.has(seen)) unexpectedFailures.push({ key, expected, seen })
    else if (FAILING.has(expected) && PASSING.has(seen)) unexpectedPasses.push({ key, expected, seen })
  }
  const byKey = (a: { key: string }, b: { key: string }): number =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0
  return {
    file,
    unexpectedFailures: unexpectedFailures.sort(byKey),
    unexpectedPasses: unexpectedPasses.sort(byKey),
  }
}

/** The report with the baseline comparison recorded and its verdict and exit code decided again. */
export function applyBaseline(report: RunReport, baseline: Baseline, file: string): RunReport {
  const comparison = compareToBaseline(report.results, baseline, file)
  return { ...report, baseline: comparison, ...decide(report.results, report.runErrors, comparison) }
}

/**
 * How one result stands against the report's baseline: a failure the baseline expects, an unexpected
 * failure, an unexpected pass, or nothing to say (no baseline, or an ordinary match).
 */
export function baselineStatus(
  report: Pick<RunReport, 'baseline'>,
  result: Pick<CaseResult, 'id' | 'version' | 'outcome'>,
): 'expected-failure' | 'unexpected-failure' | 'unexpected-pass' | undefined {
  if (report.baseline === undefined) return undefined
  const key = resultKey(result)
  if (report.baseline.unexpectedFailures.some((diff) => diff.key === key)) return 'unexpected-failure'
  if (report.baseline.unexpectedPasses.some((diff) => diff.key === key)) return 'unexpected-pass'
  return FAILING.has(result.outcome) ? 'expected-failure' : undefined
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
