/**
 * In-process targets: a TypeScript implementation created in the worker's own process from the
 * environment the harness would hand a started target (SDK authors use this through `conformance`).
 */
import type { TargetEnvironment } from '../devnet/environment.ts'
import { TargetUnavailable } from '../model/verdict.ts'
import type { InProcessTarget } from '../runner/fixture.ts'
import { toClientReport } from './client-report.ts'
import { waitUntilReachable } from './reachable.ts'
import type { AttachedTarget, PayOptions } from './types.ts'

/** Creates the implementation and, when it has a URL, waits until it answers there. */
export async function attachInProcess(
  label: string,
  create: (environment: Record<string, string>) => Promise<InProcessTarget>,
  environment: TargetEnvironment,
  readyTimeoutMs: number,
): Promise<AttachedTarget> {
  let created: InProcessTarget
  try {
    created = await create({ ...environment })
  } catch (error) {
    throw new TargetUnavailable(`in-process target '${label}' could not be created: ${firstLine(error)}`)
  }
  if (created.url !== undefined) {
    const notReady = await waitUntilReachable(created.url, { timeoutMs: readyTimeoutMs })
    if (notReady !== undefined) {
      await created.stop().catch(() => {})
      throw new TargetUnavailable(`in-process target '${label}' ${notReady}`)
    }
  }
  const pay = created.pay
  let stopped: Promise<void> | undefined
  return {
    kind: 'in-process',
    label,
    ...(created.url === undefined ? {} : { url: created.url }),
    environment,
    ...(pay === undefined
      ? {}
      : {
          pay: async (url: string, options: PayOptions) => {
            const env: Record<string, string> = { ...environment }
            for (const [name, value] of Object.entries(options.environment ?? {})) {
              if (value !== undefined) env[name] = value
            }
            return toClientReport(await pay(url, env), `in-process client '${label}'`)
          },
        }),
    problem: () => undefined,
    stop() {
      stopped ??= created.stop()
      return stopped
    },
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!
}
