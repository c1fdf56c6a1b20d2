/** Every case of the mcp-client suite, in report order. */
import { collectCases } from '../../../harness/model/case.ts'
import type { McpClientContext } from '../context.ts'
import { detectionCases } from './detection.ts'
import { paymentCases } from './payment.ts'
import { wireCases } from './wire.ts'

export const mcpClientCases = collectCases<McpClientContext>(paymentCases, detectionCases, wireCases)
