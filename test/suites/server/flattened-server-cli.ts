/** The flattened-challenge server (./unusual-servers.ts) as a command, for `--start` (X402_*, PORT). */
import { startReferenceServer } from '../../../harness/reference/server/index.ts'
import { flattenedChallengeSteps } from './unusual-servers.ts'

const server = await startReferenceServer(2, process.env, { steps: flattenedChallengeSteps })
process.stdout.write(`listening on ${server.url}\n`)
const stop = () => void server.stop().then(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
