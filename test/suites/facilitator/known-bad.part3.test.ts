/** Part 3 of 4 of the known-bad facilitator self-test (./known-bad.test.ts), in its own worker and devnet. */
import { runPart } from '../part.ts'

await runPart({ index: 3, of: 4 }, () => import('./known-bad.test.ts'))
