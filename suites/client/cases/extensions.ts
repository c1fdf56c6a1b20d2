/**
 * Extensions (v2): every extension offered in PaymentRequired comes back in PaymentPayload.extensions
 * with each `info` key unchanged (spec-v2 §5.1.2: the client may add to info, never delete or overwrite).
 */

import type { ExtensionEntry } from '../../../harness/wire/types.ts'
import { clientCase } from '../case.ts'
import { expectExtensionsEchoed, expectOnePayment } from '../verdicts/index.ts'

/** Two extensions, one the SDKs know (bazaar) and one nobody knows, with nested and typed info values. */
export function offeredExtensions(caseSeed: number): Record<string, ExtensionEntry> {
  return {
    bazaar: {
      info: {
        input: { type: 'http', method: 'GET', queryParams: { city: 'Lisbon' } },
        output: { type: 'json', example: { weather: 'sunny', temperature: 21 } },
      },
      schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' },
    },
    'x402-conformance-echo': {
      info: {
        caseSeed,
        text: 'keep me ✓',
        flags: [true, false, null],
        nested: { depth: 2, list: [1, 2.5, '3'] },
      },
      schema: { type: 'object', additionalProperties: true },
    },
  }
}

export const echo = clientCase({
  id: 'client.extensions.echo',
  title: 'Every offered extension is echoed with each info key unchanged',
  requirements: ['CL-4'],
  tags: ['extensions'],
  async run(context) {
    const extensions = offeredExtensions(context.seed)
    const { endpoint } = context.honest([context.offer()], { extensions, settle: false })
    const run = await context.pay(endpoint)
    expectExtensionsEchoed(expectOnePayment(run, context.version), extensions)
  },
})

/** The extension cases. */
export const extensionCases = [echo] as const
