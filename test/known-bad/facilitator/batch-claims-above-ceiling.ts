/** batch-settlement: claim rows are sent unchecked, and the claim reported settled whatever the chain did. */
import { knownBad } from './defect.ts'

export const batchClaimsAboveCeiling = knownBad({
  name: 'batch-claims-above-ceiling',
  defect:
    "a claim batch with a row above its voucher's ceiling is sent unchecked and reported successful though the chain refused it",
  breaks: ['FA-28'],
  caughtBy: [
    'facilitator.batch.claim-one-invalid',
    'facilitator.batch.withdraw-during-pending-claims',
    'facilitator.batch.conservation',
  ],
  replace: {
    batchSteps: {
      // No row check, no simulation, a fixed gas limit (no estimate to fail), and the receipt unread.
      async submitClaim(tools, rows, _ids, data) {
        const hash = await tools.send(data, 60_000n + 80_000n * BigInt(rows.length))
        await tools.mined(hash)
        return { ok: true, hash }
      },
    },
  },
})
