/** report.schema.json: a real report validates; broken ones do not, each for the reason we broke it. */
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import type { RunReport } from '../../harness/model/result.ts'
import { formatJsonReport, REPORT_SCHEMA_URL, REPORT_SCHEMA_VERSION } from '../../reports/json.ts'
import { fixtureReport } from './fixture.ts'

const schema = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as Record<string, unknown>
const ajv = new Ajv2020({ strict: true, allErrors: true })
const validate = ajv.compile(schema)

/** The written report.json, parsed back: what a consumer of the file would validate. */
function written(report: RunReport = fixtureReport()): Record<string, unknown> {
  return JSON.parse(formatJsonReport(report)) as Record<string, unknown>
}

function errorsOf(document: unknown): string[] {
  const ok = validate(document)
  return ok
    ? []
    : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.keyword} ${e.message ?? ''}`)
}

const DELETE = Symbol('delete')
type Path = readonly (string | number)[]

/** The written fixture with the value at `path` replaced (or deleted). */
function broken(path: Path, value: unknown): unknown {
  const doc = written()
  let node: unknown = doc
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[step]
  const container = node as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (value === DELETE) delete container[last]
  else container[last] = value
  return doc
}

describe('report.schema.json', () => {
  it('is a draft 2020-12 schema whose version is the one the writer puts in schemaVersion', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(String(schema.$id)).toContain(REPORT_SCHEMA_VERSION)
    expect((schema.properties as Record<string, { const?: string }>).schemaVersion?.const).toBe(
      REPORT_SCHEMA_VERSION,
    )
  })

  it('accepts the written fixture report (every outcome and evidence kind, hostile strings)', () => {
    const doc = written()
    expect(errorsOf(doc)).toEqual([])
    const kinds = new Set(
      (doc.results as { evidence: { kind: string }[] }[]).flatMap((r) => r.evidence.map((e) => e.kind)),
    )
    expect([...kinds].sort()).toEqual([
      'balance',
      'facilitator-call',
      'http',
      'note',
      'property',
      'transaction',
      'typed-data',
    ])
  })

  it('accepts optional parts: shard, baseline, run errors, spec source', () => {
    const report = fixtureReport({
      shard: { index: 2, count: 3 },
      runErrors: ['target unreachable: connect ECONNREFUSED 127.0.0.1:4021'],
      baseline: {
        file: 'baselines/x402-express.json',
        unexpectedFailures: [{ key: 'server.payment.underpayment@v2', expected: 'pass', seen: 'fail' }],
        unexpectedPasses: [],
      },
    })
    report.results[0]!.spec = [
      {
        file: 'specs/transports-v2/http.md',
        section: 'PaymentRequired',
        source: {
          repository: 'https://github.com/x402-foundation/x402',
          commit: '03f722fec0fc177503df9e154802da8e3f40d89a',
        },
      },
    ]
    expect(errorsOf(written(report))).toEqual([])
  })

  const cases: [what: string, path: Path, value: unknown, keyword: string][] = [
    ['a missing required field', ['verdict'], DELETE, 'required'],
    ['an unknown outcome', ['results', 0, 'outcome'], 'passed', 'enum'],
    ['an unknown protocol version', ['results', 0, 'version'], 3, 'enum'],
    ['an extra top-level field', ['extra'], true, 'additionalProperties'],
    ['an extra field in a result', ['results', 0, 'notes'], 'x', 'additionalProperties'],
    ['an unknown evidence kind', ['results', 0, 'evidence', 1], { kind: 'screenshot', data: 'x' }, 'oneOf'],
    ['an http evidence without a request', ['results', 0, 'evidence', 0, 'request'], DELETE, 'oneOf'],
    ['a transaction with an unknown status', ['results', 2, 'evidence', 4, 'status'], 'pending', 'oneOf'],
    [
      'a header value that is not a string',
      ['results', 0, 'evidence', 0, 'response', 'headers', 'x'],
      1,
      'oneOf',
    ],
    ['a negative count', ['summary', 'fail'], -1, 'minimum'],
    ['an exit code outside 0..2', ['exitCode'], 3, 'enum'],
    ['a timestamp that is not ISO 8601', ['startedAt'], 'yesterday', 'pattern'],
    ['a wrong schemaVersion', ['schemaVersion'], '2.0.0', 'const'],
    [
      'a baseline key without a version',
      ['baseline'],
      {
        file: 'b',
        unexpectedFailures: [{ key: 'server.x', expected: 'pass', seen: 'fail' }],
        unexpectedPasses: [],
      },
      'pattern',
    ],
    ['a requirement with an unknown role', ['coverage', 'requirements', 0, 'role'], 'wallet', 'enum'],
  ]
  for (const [what, path, value, keyword] of cases) {
    it(`rejects ${what}`, () => {
      const errors = errorsOf(broken(path, value))
      expect(errors.length).toBeGreaterThan(0)
      expect(errors.join('\n')).toContain(keyword)
    })
  }
})
