/** Starts a devnet, prints `{"pid": <anvil pid>, "rpcUrl": ...}` and waits forever (to be killed). */
import { startDevnet } from '../../harness/devnet/index.ts'
import { registeredProcesses } from '../../harness/processes/registry.ts'

const devnet = await startDevnet()
const [anvil] = registeredProcesses()
process.stdout.write(`${JSON.stringify({ pid: anvil?.pid, rpcUrl: devnet.rpcUrl })}\n`)
setInterval(() => {}, 60_000)
