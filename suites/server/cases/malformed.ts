/**
 * Malformed payment headers (transports-v2/http.md "Error Handling": Invalid Payment, "malformed
 * payment payload", is 400; "Header Summary": headers carry base64 of JSON). Whatever arrives, nothing
 * is delivered and nothing is settled; the answer is 400.
 */
import { encodeBase64Json } from '../../../harness/wire/json.ts'
import type { PaymentPayload } from '../../../harness/wire/types.ts'
import { serverCase } from '../case.ts'
import type { ServerContext } from '../context.ts'
import { expectRefused } from './shared.ts'

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/**
 * A server that never reads the payment header fails the honest payment once; these cases then are
 * not run because of it (their 402 would only repeat that failure).
 */
const READS_PAYMENT = ['server.payment.honest']

/** One malformed-header case with no payer behind it: 400, nothing delivered. */
function malformedCase(
  id: string,
  title: string,
  header: (context: ServerContext) => string,
  statuses: readonly number[] = [400],
) {
  return serverCase({
    id: `server.malformed.${id}`,
    title,
    versions: [1, 2],
    requirements: ['RS-14', 'RS-18'],
    dependsOn: READS_PAYMENT,
    async run(context) {
      const response = await context.request({ rawHeader: header(context), label: title })
      context.expect.noDelivery(response)
      context.expect.status(response, statuses, ['RS-14'])
    },
  })
}

/**
 * A payload whose JSON has `?` at every alignment, so its base64 holds `/` and base64url differs from
 * base64 (the marker sits in a field servers do not compare: v2 resource.description, a v1 extra key).
 */
function withMarker(payload: PaymentPayload): unknown {
  const marker = 'x402 conformance ???'
  if (payload.x402Version === 2)
    return { ...payload, resource: { ...(payload.resource ?? { url: '' }), description: marker } }
  return { ...payload, note: marker }
}

export const malformedCases = [
  malformedCase(
    'not-base64',
    'A payment header that is not base64 is answered 400',
    () => 'this is not base64!',
  ),
  malformedCase('not-json', 'A payment header that is base64 of something not JSON is answered 400', () =>
    base64('not json {'),
  ),
  malformedCase(
    'wrong-shape',
    'A payment header that is base64 JSON but not a PaymentPayload is answered 400',
    (context) => encodeBase64Json({ x402Version: context.version, hello: 'world' }),
  ),
  malformedCase('not-an-object', 'A payment header that is base64 of a JSON array is answered 400', () =>
    encodeBase64Json([]),
  ),
  malformedCase(
    'oversized',
    'An oversized payment header (64 KiB) is refused as malformed or too large',
    () => 'A'.repeat(64 * 1024),
    [400, 413, 431],
  ),

  serverCase({
    id: 'server.malformed.raw-json',
    title: 'A valid payment sent as raw JSON instead of base64 buys nothing and is answered 400',
    requirements: ['RS-14', 'X-7', 'RS-18'],
    needs: ['chain'],
    dependsOn: READS_PAYMENT,
    async run(context) {
      const payer = await context.payer()
      const payment = await payer.pay()
      const response = await context.request({
        rawHeader: JSON.stringify(payment),
        label: 'payment as raw JSON',
      })
      await expectRefused(context, payer, response, [400], ['RS-14', 'X-7'])
    },
  }),

  serverCase({
    id: 'server.malformed.base64url',
    title: 'A payment in base64url (not the standard alphabet) is refused as malformed',
    requirements: ['X-8', 'RS-14'],
    level: 'SHOULD',
    needs: ['chain'],
    dependsOn: READS_PAYMENT,
    async run(context) {
      const payer = await context.payer()
      const json = JSON.stringify(withMarker(await payer.pay()))
      const header = Buffer.from(json, 'utf8').toString('base64url')
      // A suite defect, not a finding: the marker must make base64url differ from base64.
      if (!/[-_]/.test(header)) throw new Error(`base64url header equals base64: ${header.slice(0, 60)}`)
      const response = await context.request({ rawHeader: header, label: 'payment in base64url' })
      await expectRefused(context, payer, response, [400], ['RS-14', 'X-8'])
    },
  }),
]
