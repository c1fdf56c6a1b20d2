/** Part 2 of 2 of the known-bad server self-test (./known-bad.test.ts), in its own worker and devnet. */
import { runPart } from '../part.ts'

await runPart({ index: 2, of: 2 }, () => import('./known-bad.test.ts'))
