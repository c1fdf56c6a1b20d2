/** report.json: the `RunReport` itself, validated by `schema/report.schema.json`. */
import type { RunReport } from '../harness/model/result.ts'

/** Version of the report schema this writer produces (the `schemaVersion` field). */
export const REPORT_SCHEMA_VERSION: RunReport['schemaVersion'] = '1.0.0'

/** Where the schema file lives, for tools that validate report.json. */
export const REPORT_SCHEMA_URL: URL = new URL('./schema/report.schema.json', import.meta.url)

/** report.json's content: indented JSON; a bigint that slipped into evidence becomes a decimal string. */
export function formatJsonReport(report: RunReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`
}
