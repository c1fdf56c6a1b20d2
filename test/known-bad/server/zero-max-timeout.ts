import { knownBad } from './known-bad.ts'

/** Advertises maxTimeoutSeconds 0, a window no payment can be made in. */
export default knownBad({
  name: 'zero-max-timeout',
  breaks: ['RS-6', 'RS-7'],
  defect: 'advertises maxTimeoutSeconds: 0',
  versions: [1, 2],
  replace: { overrides: { maxTimeoutSeconds: 0 } },
  caughtBy: ['server.challenge.max-timeout'],
})
