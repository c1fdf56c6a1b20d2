import { knownBad } from './known-bad.ts'

/** Never asks /verify: it serves and settles whatever arrives. */
export default knownBad({
  name: 'skips-verify',
  breaks: ['RS-18'],
  defect: 'does not verify the payment before serving and settling it',
  versions: [1, 2],
  server: { steps: { verify: async () => ({ ok: true, response: { isValid: true } }) } },
  caughtBy: ['server.failure.verify-invalid'],
})
