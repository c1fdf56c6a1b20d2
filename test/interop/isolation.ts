import { spawnSync } from 'node:child_process'
import { networkInterfaces } from 'node:os'

/** True when this process sees no network interface but loopback. */
export function onlyLoopback(): boolean {
  return Object.keys(networkInterfaces()).every((name) => name === 'lo')
}

/** True when we can create a network namespace with only loopback (root with unshare). */
export function canIsolate(): boolean {
  if (process.getuid?.() !== 0) return false
  return spawnSync('unshare', ['-n', 'true']).status === 0
}

/** argv that runs `command` inside a fresh network namespace whose only interface is loopback. */
export function isolatedCommand(command: string[]): string[] {
  const quoted = command.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ')
  return ['unshare', '-n', 'bash', '-c', `ip link set lo up && exec ${quoted}`]
}

/**
 * Runs `command` with only loopback to reach (as it is, when this process already has only loopback:
 * CI runs the tests under unshare) and returns its stdout; a non-zero exit throws with its stderr.
 */
export function runWithOnlyLoopback(command: string[], name: string, timeoutMs: number): string {
  const argv = onlyLoopback() ? command : isolatedCommand(command)
  const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: timeoutMs })
  if (result.status !== 0) throw new Error(`${name} failed (${result.status}): ${result.stderr}`)
  return result.stdout
}
