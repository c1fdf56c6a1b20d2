/**
 * The reference MCP client as a command, for `mcp-client --start`: calls the tool X402_MCP_TOOL with
 * the arguments X402_MCP_ARGUMENTS (a JSON object, default {}) on the MCP server at the URL given,
 * paying from X402_PRIVATE_KEY, and prints one JSON line {"success","status","body","paymentResponse"}.
 *
 *   x402-conformance mcp-client --start "node harness/reference/mcp/client/cli.ts {url}"
 */
import { configFromEnvironment } from '../../client/index.ts'
import { callPaidTool } from './pay.ts'

const url = process.argv[2]
try {
  if (url === undefined) throw new Error('usage: cli.ts <MCP endpoint URL>')
  const tool = process.env.X402_MCP_TOOL
  if (tool === undefined || tool === '') throw new Error('X402_MCP_TOOL is not set')
  const args: unknown = JSON.parse(process.env.X402_MCP_ARGUMENTS ?? '{}')
  if (typeof args !== 'object' || args === null || Array.isArray(args))
    throw new Error('X402_MCP_ARGUMENTS is not a JSON object')
  const config = configFromEnvironment(process.env, [2])
  const outcome = await callPaidTool(url, tool, args as Record<string, unknown>, config, {
    onNote: (text) => process.stderr.write(`reference MCP client: ${text}\n`),
  })
  process.stdout.write(`${JSON.stringify(outcome)}\n`)
} catch (error) {
  process.stderr.write(`reference MCP client: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(2)
}
