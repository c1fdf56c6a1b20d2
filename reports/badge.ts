/** badge.json: a shields.io endpoint badge (`https://img.shields.io/endpoint?url=…`) with the verdict. */
import type { RunReport } from '../harness/model/result.ts'

/** The shields.io endpoint schema (version 1). */
export interface Badge {
  schemaVersion: 1
  label: string
  message: string
  color: string
}

/** The badge for a run: green when conformant (yellow with SHOULD warnings), red with failures, grey when incomplete. */
export function badgeFor(report: RunReport): Badge {
  const label = `x402 ${report.target.role}`
  const versions = report.target.versions.map((v) => `v${v}`).join(' ')
  const { fail, warn } = report.summary
  switch (report.verdict) {
    case 'conformant':
      return {
        schemaVersion: 1,
        label,
        message: `conformant${versions === '' ? '' : ` ${versions}`}${warn > 0 ? `, ${warn} warning${warn === 1 ? '' : 's'}` : ''}`,
        color: warn > 0 ? 'yellow' : 'brightgreen',
      }
    case 'not-conformant':
      return { schemaVersion: 1, label, message: `${fail} failing`, color: 'red' }
    case 'incomplete':
      return { schemaVersion: 1, label, message: 'incomplete', color: 'lightgrey' }
  }
}

/** badge.json's content. */
export function formatBadge(report: RunReport): string {
  return `${JSON.stringify(badgeFor(report))}\n`
}
