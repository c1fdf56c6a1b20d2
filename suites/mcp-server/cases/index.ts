/** Every case of the mcp-server suite, in report order. */
import { collectCases } from '../../../harness/model/case.ts'
import type { McpServerContext } from '../context.ts'
import { challengeCases } from './challenge.ts'
import { failureCases } from './failure.ts'
import { hostileCases } from './hostile.ts'
import { paymentCases } from './payment.ts'

export const mcpServerCases = collectCases<McpServerContext>(
  challengeCases,
  paymentCases,
  hostileCases,
  failureCases,
)
