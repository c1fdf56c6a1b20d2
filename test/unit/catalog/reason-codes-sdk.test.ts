import { describe, expect, it } from 'vitest'
import { KNOWN_REASON_CODES, REASON_CODE_LISTS } from '../../../suites/catalog/index.ts'
import {
  RETIRED_REASON_CODES,
  RETIREMENT_WINDOW_MONTHS,
  retiredCodeAccepted,
  SDK_DECLARED,
} from '../../../suites/catalog/reason-codes-sdk.ts'

describe('reason codes generated from the @x402/* declaration sites', () => {
  it('holds the codes the SDK facilitators answer with, and all of them are known to the catalogue', () => {
    for (const code of ['invalid_exact_evm_nonce_already_used', 'invalid_exact_evm_signature'])
      expect(SDK_DECLARED.has(code), code).toBe(true)
    for (const code of SDK_DECLARED) expect(KNOWN_REASON_CODES.has(code), code).toBe(true)
  })

  it('lists as retired every @x402/evm code of the hand-written list the SDK no longer declares', () => {
    const gone = REASON_CODE_LISTS.tsEvm.filter((code) => !SDK_DECLARED.has(code))
    expect(gone.sort()).toEqual(RETIRED_REASON_CODES.map((r) => r.code).sort())
  })

  it('accepts a retired code for its window only, and the window is the stated six months', () => {
    for (const retired of RETIRED_REASON_CODES) {
      const until = new Date(`${retired.retiredOn}T00:00:00Z`)
      until.setUTCMonth(until.getUTCMonth() + RETIREMENT_WINDOW_MONTHS)
      expect(retired.acceptedUntil).toBe(until.toISOString().slice(0, 10))
      expect(retiredCodeAccepted(retired.code, retired.retiredOn)).toBe(true)
      expect(retiredCodeAccepted(retired.code, '2099-01-01')).toBe(false)
    }
  })
})
