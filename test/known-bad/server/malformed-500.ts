import { serverError } from '../../../harness/reference/server/index.ts'
import { knownBad } from './known-bad.ts'

/** Crashes on a payment header it cannot decode: 500 instead of 400. */
export default knownBad({
  name: 'malformed-500',
  breaks: ['RS-14'],
  defect: 'answers 500 to a malformed payment header',
  versions: [1, 2],
  replace: {
    steps: { malformed: (_context, error) => serverError(`could not decode the payment: ${error}`) },
  },
  caughtBy: [
    'server.malformed.not-base64',
    'server.malformed.not-json',
    'server.malformed.wrong-shape',
    'server.malformed.not-an-object',
    'server.malformed.raw-json',
  ],
})
