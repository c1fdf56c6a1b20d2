import { knownBad } from './known-bad.ts'

/**
 * The paywall matches the paid route on the raw request target while the router resolves it (decodes,
 * folds case, drops dot-segments …): every other spelling of the path reaches the handler unpaid, the
 * bug class of x402-foundation #3036, #3055, #3577.
 */
export default knownBad({
  name: 'paywall-on-raw-path',
  breaks: ['RS-56'],
  defect: 'asks for payment only when the raw request path equals the paid path byte for byte',
  versions: [1, 2],
  replace: {
    steps: {
      paywall(context, target) {
        const end = target.search(/[?#]/)
        return (end === -1 ? target : target.slice(0, end)) === context.config.path
      },
    },
  },
  caughtBy: ['server.paywall.path-variants'],
})
