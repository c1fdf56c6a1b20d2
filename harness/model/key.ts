import type { CaseResult } from './result.ts'

/** The stable key of one result: `<caseId>@v<version>`, e.g. `server.payment.underpayment@v2`. */
export function resultKey(result: Pick<CaseResult, 'id' | 'version'>): string {
  return `${result.id}@v${result.version}`
}
