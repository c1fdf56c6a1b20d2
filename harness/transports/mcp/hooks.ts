/**
 * The suite's opt-in hooks a paid MCP tool may declare in its `tools/list` entry's `_meta` (they are
 * no part of x402): what lets a black-box suite see whether the tool ran, and make its handler fail.
 */

/** Names a free tool that answers `{"executions": n}`: how many times the paid tool's handler ran. */
export const EXECUTIONS_HOOK = 'x402-conformance/executions-tool'
/** Arguments on which the paid tool's handler fails (returns isError or throws). */
export const FAILING_ARGUMENTS_HOOK = 'x402-conformance/failing-arguments'
