import { knownBad } from './known-bad.ts'

/** Runs the handler and answers at once; verify and settle run only after the answer is out. */
export default knownBad({
  name: 'runs-resource-unchecked',
  breaks: ['RS-54', 'RS-18'],
  defect:
    'executes the resource before any verify or settle and sends it straight away, checking the payment afterwards',
  versions: [2],
  replace: { steps: { ordering: () => ['resource', 'respond', 'verify', 'settle'] } },
  caughtBy: ['server.flow.check-before-resource'],
})
